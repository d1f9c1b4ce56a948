// The staff's assignments page (/assignments) and its exports: CSV for spreadsheets,
// iCalendar for calendars. Tasks that documents give (giao nhiệm vụ), across documents.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "schema/facets.h"
#include "searchd/server/api.h"
#include "searchd/server/html.h"
#include "searchd/server/portal_pages.h"

namespace tracuu::searchd::server {
namespace {

using kainjow::mustache::data;

constexpr std::size_t kAssignmentsPerPage = 50;
constexpr std::size_t kMaxExported = 20000;

std::string passage_url(const AssignmentItem& item) {
  const schema::Span& s = item.assignment.span;
  const std::size_t length = s.end > s.begin ? s.end - s.begin : 0;
  return "/doc/" + url_encode(item.doc_id) + "?hl=" + std::to_string(s.begin) + "-" + std::to_string(length) + "#p-" +
         std::to_string(s.begin);
}

std::string doc_label(const AssignmentItem& item) {
  return item.doc_number.value_or(item.doc_title.value_or(item.doc_id));
}

// The query string of the page's filters (what the export links and the pages keep).
std::string filter_query(const Params& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (k == "page" || v.empty()) continue;
    out += (out.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
  }
  return out;
}

Result<std::optional<std::string>> date_param(const Params& params, const char* name) {
  const auto v = param(params, name);
  if (!v || v->empty()) return std::optional<std::string>();
  auto iso = parse_vietnamese_date(*v);
  if (!iso) return Error{Status::BadRequest, std::string(name) + " must be a date (dd/mm/yyyy): '" + *v + "'"};
  return std::optional<std::string>(*iso);
}

Result<AssignmentQuery> assignment_query(const Params& params, const std::string& today) {
  AssignmentQuery q;
  q.today = today;
  for (const auto& [k, v] : params) {
    if (k == "assignee") {
      if (!v.empty()) q.assignees.push_back(v);
    } else if (k == "overdue") {
      if (v != "1" && !v.empty()) return Error{Status::BadRequest, "overdue must be 1"};
      q.overdue = v == "1";
    } else if (k == "doc") {
      if (!v.empty()) q.source = v;
    } else if (k != "from" && k != "to" && k != "page") {
      return Error{Status::BadRequest, "unknown parameter '" + k + "'"};
    }
  }
  auto from = date_param(params, "from");
  if (!from) return from.error();
  auto to = date_param(params, "to");
  if (!to) return to.error();
  q.due_from = *from;
  q.due_to = *to;
  return q;
}

Result<AssignmentList> list_assignments(const AssignmentQuery& query, SearcherPool& pool, const Config& config,
                                        const schema::Audience& audience) {
  auto lease = lease_searcher(pool, config);
  if (!lease) return lease.error();
  return (*lease)->assignments(query, audience);
}

// RFC 4180 field; a leading = + - @ would start a spreadsheet formula, so it is quoted as text.
std::string csv_field(std::string_view v) {
  std::string out = "\"";
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) out += '\'';
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// RFC 5545 §3.3.11 text escaping.
std::string ics_text(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == ';' || c == ',')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else if (c != '\r')
      out += c;
  }
  return out;
}

// RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF + space, never inside a UTF-8 character.
std::string ics_line(const std::string& line) {
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(line[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    if (used + len > 75) {
      out += "\r\n ";
      used = 1;
    }
    out.append(line, i, len);
    used += len;
    i += len;
  }
  return out + "\r\n";
}

std::string compact_date(const std::string& iso) {
  std::string out;
  for (char c : iso)
    if (c != '-') out += c;
  return out;
}

}  // namespace

std::string vietnam_today() {
  // Deadlines are Vietnamese dates: a task is overdue from midnight in Hà Nội (UTC+7, no daylight saving).
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + 7 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string utc_stamp() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

Result<Page> assignments_page(const Params& params, SearcherPool& pool, const Config& config,
                              const schema::Audience& audience, const std::string& today) {
  auto query = assignment_query(params, today);
  if (!query) return query.error();
  const std::string page_text = param(params, "page").value_or("1");
  const std::size_t page = std::max<std::size_t>(1, std::strtoul(page_text.c_str(), nullptr, 10));
  query->offset = (page - 1) * kAssignmentsPerPage;
  query->limit = kAssignmentsPerPage;
  auto list = list_assignments(*query, pool, config, audience);
  if (!list) return list.error();
  Page out{"assignments", data()};
  data& d = out.data;
  d.set("title", "Nhiệm vụ được giao – Tra cứu văn bản");
  d.set("total", std::to_string(list->total));
  d.set("from", param(params, "from").value_or(""));
  d.set("to", param(params, "to").value_or(""));
  d.set("overdue", query->overdue);
  d.set("date_pattern", std::string(kDatePattern));
  d.set("doc", query->source.value_or(""));
  d.set("has_doc", query->source.has_value());
  std::size_t i = 0;
  d.set("assignees", list_data(list->assignees, [&](const FacetValue& v) {
          data a;
          a.set("assignee_value", v.value);
          a.set("assignee_count", std::to_string(v.count));
          a.set("assignee_checked", v.selected);
          a.set("assignee_id", "assignee-" + std::to_string(i++));
          return a;
        }));
  d.set("has_items", !list->items.empty());
  d.set("items", list_data(list->items, [&](const AssignmentItem& item) {
          const auto& a = item.assignment;
          data row;
          row.set("deadline", a.deadline ? data(vietnamese_date(*a.deadline)) : data(false));
          row.set("late", a.deadline && *a.deadline < today);
          row.set("assignee", a.assignee);
          row.set("task", a.text);
          row.set("task_url", passage_url(item));
          row.set("doc_url", "/doc/" + url_encode(item.doc_id));
          row.set("doc_label", doc_label(item));
          row.set("doc_title", optional_data(item.doc_title));
          return row;
        }));
  const std::string filters = filter_query(params);
  d.set("csv_url", "/assignments.csv" + (filters.empty() ? "" : "?" + filters));
  d.set("ics_url", "/assignments.ics" + (filters.empty() ? "" : "?" + filters));
  const std::size_t pages = (list->total + kAssignmentsPerPage - 1) / kAssignmentsPerPage;
  const std::string base = "/assignments?" + (filters.empty() ? "" : filters + "&");
  d.set("prev_url", page > 1 ? data(base + "page=" + std::to_string(page - 1)) : data(false));
  d.set("next_url", page < pages ? data(base + "page=" + std::to_string(page + 1)) : data(false));
  d.set("page", std::to_string(page));
  d.set("pages", std::to_string(std::max<std::size_t>(pages, 1)));
  return out;
}

Result<std::string> assignments_csv(const Params& params, SearcherPool& pool, const Config& config,
                                    const schema::Audience& audience, const std::string& today) {
  auto query = assignment_query(params, today);
  if (!query) return query.error();
  query->limit = kMaxExported;
  auto list = list_assignments(*query, pool, config, audience);
  if (!list) return list.error();
  // The byte order mark makes Excel read UTF-8 (Vietnamese) instead of the local code page.
  std::string csv = "\xEF\xBB\xBF";
  csv += "Hạn,Cơ quan được giao,Nhiệm vụ,Số hiệu,Trích yếu,Ngày ban hành,Đường dẫn\r\n";
  for (const AssignmentItem& item : list->items) {
    const auto& a = item.assignment;
    csv += csv_field(a.deadline ? vietnamese_date(*a.deadline) : "") + ',' + csv_field(a.assignee) + ',' +
           csv_field(a.text) + ',' + csv_field(item.doc_number.value_or("")) + ',' +
           csv_field(item.doc_title.value_or("")) + ',' +
           csv_field(item.issue_date ? vietnamese_date(*item.issue_date) : "") + ',' + csv_field(passage_url(item)) +
           "\r\n";
  }
  return csv;
}

Result<std::string> assignments_ics(const Params& params, SearcherPool& pool, const Config& config,
                                    const schema::Audience& audience, const std::string& today,
                                    const std::string& stamp) {
  auto query = assignment_query(params, today);
  if (!query) return query.error();
  query->limit = kMaxExported;
  auto list = list_assignments(*query, pool, config, audience);
  if (!list) return list.error();
  std::string name;
  for (const auto& a : query->assignees) name += (name.empty() ? "" : ", ") + a;
  name = name.empty() ? "Hạn nhiệm vụ" : "Hạn nhiệm vụ: " + name;
  std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tracuu//assignments//VI\r\nCALSCALE:GREGORIAN\r\n";
  ics += ics_line("X-WR-CALNAME:" + ics_text(name));
  for (const AssignmentItem& item : list->items) {
    const auto& a = item.assignment;
    if (!a.deadline) continue;  // a calendar shows deadlines only
    const std::string day = compact_date(*a.deadline);
    ics += "BEGIN:VEVENT\r\n";
    ics += ics_line("UID:" + ics_text(item.doc_id) + "-" + std::to_string(a.span.begin) + "@tracuu");
    ics += "DTSTAMP:" + stamp + "\r\n";
    ics += "DTSTART;VALUE=DATE:" + day + "\r\n";
    ics += ics_line("SUMMARY:" + ics_text("Hạn: " + a.assignee + " – " + doc_label(item)));
    ics += ics_line("DESCRIPTION:" +
                    ics_text(a.text + "\n\n" + item.doc_title.value_or(doc_label(item)) + "\n" + passage_url(item)));
    ics += "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n";
  }
  return ics + "END:VCALENDAR\r\n";
}

}  // namespace tracuu::searchd::server
