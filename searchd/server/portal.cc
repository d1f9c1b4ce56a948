#include "searchd/server/portal.h"

#include "schema/query_fields.h"
#include "searchd/server/portal_pages.h"
#include "searchd/server/responses.h"
#include "searchd/server/site.h"

namespace tracuu::searchd::server {
namespace {

// What a visitor reads for each error code (the English message goes to logs and the API).
const char* vietnamese_message(Status status) {
  switch (status) {
    case Status::BadRequest: return "Tham số tìm kiếm không hợp lệ.";
    case Status::BadQuery: return "Câu truy vấn không hợp lệ.";
    case Status::NotFound: return "Không tìm thấy trang hoặc văn bản bạn yêu cầu.";
    case Status::TooLarge: return "Yêu cầu quá dài. Hãy rút gọn câu truy vấn.";
    case Status::Unauthorized:
      return "Khóa truy cập không hợp lệ hoặc phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.";
    case Status::Forbidden: return "Bạn không có quyền truy cập trang này.";
    case Status::RateLimited: return "Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau giây lát.";
    case Status::Overloaded: return "Hệ thống đang bận. Vui lòng thử lại sau giây lát.";
    case Status::IndexUnavailable:
    case Status::IndexVersionMismatch:
    case Status::Locked: return "Kho văn bản tạm thời không sẵn sàng. Vui lòng thử lại sau.";
    case Status::Unsupported: return "Định dạng không được hỗ trợ.";
    case Status::Ok:
    case Status::Io:
    case Status::Internal: break;
  }
  return "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.";
}

}  // namespace

void set_viewer(kainjow::mustache::data& data, const Viewer& viewer) {
  data.set("staff", viewer.who.staff());
  data.set("user_name", viewer.who.name);
  data.set("sign_in", viewer.sign_in && !viewer.who.staff());
  data.set("signout_token", viewer.signout_token);
  data.set("signed_in", !viewer.signout_token.empty());
}

Response error_page(const Request& request, const Error& error, const Params& params, const Site& site,
                    const Viewer& viewer, RequestNotes& notes) {
  if (is_server_error(error.status)) notes.detail = error.message;
  kainjow::mustache::data data;
  set_viewer(data, viewer);
  data.set("title", "Lỗi");
  data.set("message", vietnamese_message(error.status));
  data.set("code", to_string(error.status));
  // What exactly was wrong, as the query parser or the codec said it. These messages speak of the
  // request alone (a field, a value, an operator), never of a document, so anyone may read them.
  const bool mistake = error.status == Status::BadQuery || error.status == Status::BadRequest;
  data.set("detail", mistake ? kainjow::mustache::data(error.message) : kainjow::mustache::data(false));
  data.set("has_fields", error.status == Status::BadQuery);
  kainjow::mustache::data fields{kainjow::mustache::data::type::list};
  for (const auto& f : schema::kQueryFields) fields.push_back(kainjow::mustache::data("field", std::string(f.name)));
  data.set("fields", fields);
  data.set("q", param(params, "q").value_or(""));
  auto html = site.render("error", data);
  if (!html) return error_response(request, error);
  Response response = make_response(request, error.status, std::move(*html), kHtmlType);
  if (error.status == Status::Overloaded) response.set(http::field::retry_after, "1");
  return response;
}

namespace {

Response static_file(const Request& request, std::string_view tail, const Site& site) {
  const auto name = decode_path_segment(tail);
  const Asset* asset = name ? site.asset(*name) : nullptr;
  if (!asset) return error_response(request, {Status::NotFound, "no such static file"});
  Response response = make_response(request, Status::Ok, asset->body, asset->content_type);
  response.set(http::field::cache_control, "public, max-age=3600");
  return response;
}

Result<Page> build_page(const PageRequest& page, const Params& params, SearcherPool& pool, const Config& config,
                        const schema::Audience& audience) {
  if (page.route == Route::PageSearch) return search_page(params, pool, config, audience);
  if (page.route == Route::PageAssignments) return assignments_page(params, pool, config, audience, vietnam_today());
  auto key = decode_path_segment(page.tail);
  if (!key) return key.error();
  if (page.route == Route::PageDocument) return document_page(*key, params, pool, config, audience);
  return citation_page(*key, params, pool, config, audience);
}

// The assignments as a CSV download or an iCalendar feed (staff only: the router lets no one else here).
Response assignments_export(const Request& request, const PageRequest& page, const Params& params, SearcherPool& pool,
                            const Site& site, const Config& config, const Viewer& viewer, RequestNotes& notes) {
  const bool csv = page.route == Route::AssignmentsCsv;
  const schema::Audience audience = viewer.who.audience();
  auto body = csv ? assignments_csv(params, pool, config, audience, vietnam_today())
                  : assignments_ics(params, pool, config, audience, vietnam_today(), utc_stamp());
  if (!body) return error_page(request, body.error(), params, site, viewer, notes);
  Response response = make_response(request, Status::Ok, std::move(*body),
                                    csv ? "text/csv; charset=utf-8" : "text/calendar; charset=utf-8");
  response.set(http::field::content_disposition,
               csv ? "attachment; filename=\"nhiem-vu.csv\"" : "inline; filename=\"han-nhiem-vu.ics\"");
  return response;
}

}  // namespace

Response portal_response(const Request& request, const PageRequest& page, SearcherPool& pool, const Site& site,
                         const Config& config, const Viewer& viewer, RequestNotes& notes) {
  if (page.route == Route::Static) return static_file(request, page.tail, site);
  auto params = decode_query_string(page.query);
  if (!params) return error_page(request, params.error(), {}, site, viewer, notes);
  if (page.route == Route::AssignmentsCsv || page.route == Route::AssignmentsIcs)
    return assignments_export(request, page, *params, pool, site, config, viewer, notes);
  if (page.route == Route::Feed) {
    auto feed = search_feed(*params, pool, config, viewer.who.audience());
    if (!feed) return error_page(request, feed.error(), *params, site, viewer, notes);
    return make_response(request, Status::Ok, std::move(*feed), "application/atom+xml; charset=utf-8");
  }
  auto built = build_page(page, *params, pool, config, viewer.who.audience());
  if (!built) return error_page(request, built.error(), *params, site, viewer, notes);
  set_viewer(built->data, viewer);
  auto html = site.render(built->name, built->data);
  if (!html) return error_page(request, html.error(), *params, site, viewer, notes);
  return make_response(request, Status::Ok, std::move(*html), kHtmlType);
}

Response portal_error(const Request& request, const Error& error, std::string_view query, const Site& site,
                      RequestNotes& notes) {
  auto params = decode_query_string(query);
  // Said before anyone is looked up (the request never reached a worker): the same page for everyone.
  return error_page(request, error, params ? *params : Params{}, site, Viewer{}, notes);
}

}  // namespace tracuu::searchd::server
