#include "searchd/server/portal_signin.h"

#include "searchd/server/codec.h"
#include "searchd/server/responses.h"
#include "searchd/server/site.h"

namespace tracuu::searchd::server {
namespace {

std::string cookie_header(std::string_view name, const std::string& value, long max_age, bool secure) {
  return std::string(name) + "=" + value + "; Path=/; Max-Age=" + std::to_string(max_age) +
         "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::optional<std::string> request_cookie(const Request& request, std::string_view name) {
  const auto it = request.find(http::field::cookie);
  return it == request.end() ? std::nullopt : cookie_value(it->value(), name);
}

Response see_other(const Request& request, std::string location) {
  Response r = make_response(request, Status::Ok, "", kHtmlType);
  r.result(http::status::see_other);
  r.set(http::field::location, std::move(location));
  return r;
}

// The form, with a CSRF token bound to the pre-sign-in cookie (set here when missing).
Response form(const Request& request, const Site& site, Access& access, const Client& client, const Viewer& viewer,
              Status status, const std::string& message, RequestNotes& notes) {
  auto nonce = request_cookie(request, kCsrfCookie);
  const bool fresh = !nonce || nonce->empty() || nonce->size() > 64;
  if (fresh) nonce = SessionCodec::random_nonce();
  kainjow::mustache::data data;
  set_viewer(data, viewer);
  data.set("title", "Đăng nhập cán bộ – Tra cứu văn bản");
  data.set("csrf", access.sessions().csrf_token(*nonce));
  data.set("signin_message", message.empty() ? kainjow::mustache::data(false) : kainjow::mustache::data(message));
  data.set("hours", std::to_string(access.sessions().lifetime().count() / 3600));
  auto html = site.render("signin", data);
  if (!html) return error_page(request, html.error(), {}, site, viewer, notes);
  Response r = make_response(request, status, std::move(*html), kHtmlType);
  if (fresh) r.set(http::field::set_cookie, cookie_header(kCsrfCookie, *nonce, 3600, access.over_tls(request, client)));
  return r;
}

}  // namespace

Response signin_response(const Request& request, Route route, const Site& site, Access& access, const Client& client,
                         const Viewer& viewer, RequestNotes& notes) {
  const bool secure = access.over_tls(request, client);
  if (route == Route::SignIn && request.method() != http::verb::post)
    return form(request, site, access, client, viewer, Status::Ok, "", notes);
  auto params = decode_query_string(request.body());
  if (!params) return form(request, site, access, client, viewer, Status::BadRequest, "Biểu mẫu không hợp lệ.", notes);
  const std::string token = param(*params, "csrf").value_or("");
  if (route == Route::SignOut) {
    const auto session = request_cookie(request, kSessionCookie);
    if (!session || !access.sessions().check_csrf(token, *session))
      return error_page(request, {Status::Forbidden, "sign-out without a valid CSRF token"}, {}, site, viewer, notes);
    Response r = see_other(request, "/");
    r.set(http::field::set_cookie, cookie_header(kSessionCookie, "", 0, secure));
    return r;
  }
  const auto nonce = request_cookie(request, kCsrfCookie);
  if (!nonce || !access.sessions().check_csrf(token, *nonce))
    return form(request, site, access, client, viewer, Status::Forbidden,
                "Biểu mẫu đã hết hạn. Vui lòng nhập lại khóa truy cập.", notes);
  const auto keys = access.keys();
  const KeyEntry* key = keys->verify(param(*params, "key").value_or(""));
  if (!key)
    return form(request, site, access, client, viewer, Status::Unauthorized, "Khóa truy cập không đúng.", notes);
  notes.who = key->name;
  Response r = see_other(request, "/");
  r.set(http::field::set_cookie, cookie_header(kSessionCookie, access.sessions().issue(key->id, Access::unix_now()),
                                               static_cast<long>(access.sessions().lifetime().count()), secure));
  return r;
}

}  // namespace tracuu::searchd::server
