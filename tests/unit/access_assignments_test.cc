// The staff's assignments page and its exports (issue 18): for staff only, and each staff member
// sees the assignments of the documents they may see. To anyone else the routes do not exist.
#include <catch2/catch.hpp>
#include <regex>

#include "tests/unit/access_fixture.h"
#include "tests/unit/server_fixture.h"

namespace {

using tracuu::testing::AccessServer;
using tracuu::testing::full_index;
namespace server = tracuu::searchd::server;

// The assignment of the internal decision mat-777 and of the group's budget report nhom-tc-888.
constexpr const char* kInternalTask = "Ban Quản lý kho lưu trữ mật";
constexpr const char* kGroupTask = "Sở Ngoại vụ";

TEST_CASE("assignments: to the public the pages are a path that does not exist", "[access][assignments]") {
  AccessServer full(full_index());
  const auto missing = full.get("/no-such-page");
  REQUIRE(missing.result_int() == 404);
  for (const std::string target : {"/assignments", "/assignments?assignee=S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh",
                                   "/assignments.csv", "/assignments.ics?overdue=1", "/assignments?bogus=1"}) {
    INFO(target);
    const auto r = full.get(target);
    CHECK(r.result_int() == 404);
    CHECK(r.body() == missing.body());
    CHECK(r[server::http::field::content_type] == missing[server::http::field::content_type]);
    // Neither another method nor a bad key tells the route apart from a missing one.
    auto post = tracuu::testing::make_request(target, server::http::verb::post);
    CHECK(full.send(post).result_int() == 404);
    auto forged = tracuu::testing::make_request(target);
    forged.set(server::http::field::authorization, "Bearer tk_000000000000_forged");
    CHECK(full.send(forged).result_int() == 404);
  }
}

TEST_CASE("assignments: each staff member sees the tasks of the documents they may see", "[access][assignments]") {
  AccessServer full(full_index());
  const auto staff = full.get("/assignments", "staff");
  REQUIRE(staff.result_int() == 200);
  CHECK_THAT(staff.body(), Catch::Contains(kInternalTask));
  CHECK_THAT(staff.body(), Catch::Contains("Sở Tài chính"));  // the samples' tasks
  CHECK(staff.body().find(kGroupTask) == std::string::npos);
  const auto tc = full.get("/assignments", "staff-tc");
  CHECK_THAT(tc.body(), Catch::Contains(kGroupTask));
  CHECK(full.get("/assignments", "staff-yte").body().find(kGroupTask) == std::string::npos);
  CHECK(full.get("/assignments.csv", "staff").body().find(kGroupTask) == std::string::npos);
  CHECK_THAT(full.get("/assignments.csv", "staff-tc").body(), Catch::Contains(kGroupTask));
  CHECK(full.get("/assignments.ics", "staff-yte").body().find(kGroupTask) == std::string::npos);
  CHECK_THAT(full.get("/assignments.ics", "staff-tc").body(), Catch::Contains(kGroupTask));
}

TEST_CASE("assignments: sorted by deadline, filtered, each linked to its sentence", "[access][assignments]") {
  AccessServer full(full_index());
  const std::string html = full.get("/assignments?assignee=S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh", "staff").body();
  // Sample 000 asks the Department of Finance for its review before 04/8/2025.
  CHECK_THAT(html, Catch::Contains("04/08/2025"));
  CHECK(html.find("Sở Tư pháp</td>") == std::string::npos);
  CHECK(std::regex_search(html, std::regex(R"(href="/doc/000_4273f595e8f93ec2\?hl=\d+-\d+#p-\d+")")));
  // Deadlines ascend down the table; undated ones come last.
  const std::string all = full.get("/assignments", "staff").body();
  std::vector<std::string> dates;
  const std::regex cell(R"(<td>(\d\d)/(\d\d)/(\d{4})[ <])");
  for (std::sregex_iterator it(all.begin(), all.end(), cell), end; it != end; ++it)
    dates.push_back((*it)[3].str() + (*it)[2].str() + (*it)[1].str());
  REQUIRE(dates.size() >= 3);
  CHECK(std::is_sorted(dates.begin(), dates.end()));
  CHECK(all.rfind("Không nêu") > all.rfind("/2025"));
  // A deadline range (dd/mm/yyyy or ISO) and "overdue" narrow the list.
  const std::string range = full.get("/assignments?from=05/08/2025&to=2025-08-05", "staff").body();
  CHECK_THAT(range, Catch::Contains("05/08/2025"));
  CHECK(range.find("<td>04/08/2025") == std::string::npos);
  CHECK(range.find("Không nêu") == std::string::npos);
  CHECK_THAT(full.get("/assignments?overdue=1", "staff").body(), Catch::Contains("Quá hạn"));
  CHECK(full.get("/assignments?from=31/02/2025", "staff").result_int() == 400);
  // One source document.
  const std::string one = full.get("/assignments?doc=mat-777", "staff").body();
  CHECK_THAT(one, Catch::Contains(kInternalTask));
  CHECK(one.find("<td>04/08/2025") == std::string::npos);
}

TEST_CASE("assignments: CSV opens in Excel (UTF-8 with BOM) and iCalendar lists deadlines", "[access][assignments]") {
  AccessServer full(full_index());
  const auto csv = full.get("/assignments.csv?assignee=S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh", "staff");
  REQUIRE(csv.result_int() == 200);
  CHECK(csv[server::http::field::content_type] == "text/csv; charset=utf-8");
  CHECK_THAT(std::string(csv[server::http::field::content_disposition]), Catch::Contains("attachment"));
  CHECK_THAT(csv.body(), Catch::StartsWith("\xEF\xBB\xBFHạn,Cơ quan được giao,Nhiệm vụ,"));
  CHECK_THAT(csv.body(), Catch::Contains("\r\n\"04/08/2025\",\"Sở Tài chính\",\""));
  CHECK(csv[server::http::field::cache_control] == "private, no-store");

  const auto ics = full.get("/assignments.ics?assignee=S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh", "staff");
  REQUIRE(ics.result_int() == 200);
  CHECK(ics[server::http::field::content_type] == "text/calendar; charset=utf-8");
  const std::string& cal = ics.body();
  CHECK_THAT(cal, Catch::StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  CHECK_THAT(cal, Catch::EndsWith("END:VCALENDAR\r\n"));
  CHECK_THAT(cal, Catch::Contains("DTSTART;VALUE=DATE:20250804\r\n"));
  CHECK_THAT(cal, Catch::Contains("X-WR-CALNAME:Hạn nhiệm vụ: Sở Tài chính\r\n"));
  // Undated tasks have no event; every line is at most 75 octets (RFC 5545 §3.1).
  std::size_t events = 0;
  for (std::size_t at = cal.find("BEGIN:VEVENT"); at != std::string::npos; at = cal.find("BEGIN:VEVENT", at + 1))
    ++events;
  CHECK(events == 1);
  for (std::size_t begin = 0, end; (end = cal.find("\r\n", begin)) != std::string::npos; begin = end + 2)
    CHECK(end - begin <= 75);
}

}  // namespace
