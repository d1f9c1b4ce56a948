// Originals (issue 18): a document read from a PDF or DOCX offers that file for download, its
// snippets say which page of the PDF they come from, and nobody who may not see the document
// gets its file, by id, by a crafted path or through a hit.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "indexer/pipeline.h"
#include "indexer/sharded.h"
#include "schema/index_home.h"
#include "schema/sharding.h"
#include "searchd/snippets.h"
#include "tests/unit/access_fixture.h"
#include "tests/unit/ingest_test_files.h"
#include "tests/unit/server_fixture.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using tracuu::testing::AccessServer;

// A decision on two pages, the word only it holds on the second; an internal copy of another; a text file.
struct OriginalsIndex {
  tracuu::testing::TempDir dir{"originals"};
  fs::path home = dir.path() / "home";
  std::string pdf = tracuu::testing::make_pdf(
      {{"ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "Số: 12/QĐ-UBND", "Lạng Sơn, ngày 05 tháng 3 năm 2025", "QUYẾT ĐỊNH",
        "Về việc phê duyệt quy hoạch chi tiết khu công nghiệp Hữu Lũng"},
       {"Điều 2. Giao Sở Xây dựng chủ trì thẩm định xyzzytrangpdf trước ngày 30/6/2025."}});
  std::string internal_pdf = tracuu::testing::make_pdf(
      {{"ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "Số: 13/QĐ-UBND", "QUYẾT ĐỊNH", "Về việc xyzzymatpdf hồ sơ mật"}});

  OriginalsIndex() {
    dir.write("in/qd-12.pdf", pdf);
    dir.write("in/qd-13-mat.pdf", internal_pdf);
    dir.write("in/qd-13-mat.meta.json", R"({"visibility": "internal"})");
    dir.write("in/ghi-chu.txt", "THÔNG BÁO\nGhi chú cuộc họp về khu công nghiệp Hữu Lũng.\n");
  }
  void build() {
    tracuu::indexer::BuildOptions options;
    options.threads = 1;
    auto report = tracuu::indexer::rebuild_index(home, {dir.path() / "in"}, tracuu::indexer::Extractor(), options, {});
    REQUIRE(report);
    REQUIRE(report->errors.empty());
  }
};

std::vector<fs::path> kept_files(const fs::path& home) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(tracuu::schema::originals_dir(home), ec)) out.push_back(e.path());
  return out;
}

TEST_CASE("a PDF's original is kept once in the index home, named by its bytes", "[originals]") {
  OriginalsIndex idx;
  idx.build();
  auto first = kept_files(idx.home);
  REQUIRE(first.size() == 2);  // the two PDFs; the text file has no original
  for (const auto& f : first) {
    CHECK(tracuu::schema::original_media_type(f.filename().string()) == "application/pdf");
    CHECK(f.filename().string().size() == 64 + 4);  // BLAKE2b-256 in hex, ".pdf"
  }
  idx.build();  // a rebuild of the same files stores nothing new
  CHECK(kept_files(idx.home) == first);
}

TEST_CASE("original_media_type accepts only the names the indexer writes", "[originals]") {
  struct Row {
    const char* name;
    const char* type;  // nullptr: refused
  };
  const Row rows[] = {
      {"0a1b2c.pdf", "application/pdf"},
      {"0a1b2c.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"../0a1b.pdf", nullptr},
      {"0A1B.pdf", nullptr},
      {".pdf", nullptr},
      {"0a1b.pdf/../../etc/passwd", nullptr},
      {"0a1b.txt", nullptr},
      {"0a1b", nullptr},
      {"0a1b.pdf.pdf", nullptr},
  };
  for (const auto& r : rows) {
    INFO(r.name);
    const auto type = tracuu::schema::original_media_type(r.name);
    if (r.type)
      CHECK(type == r.type);
    else
      CHECK_FALSE(type);
  }
}

TEST_CASE("page_at: the page of the original PDF a passage starts on", "[originals]") {
  tracuu::schema::DocRecord r;
  r.pages = {{1, 0}, {2, 120}, {3, 480}};
  CHECK(tracuu::searchd::page_at(r, 50) == 0);  // no PDF original: no page to open
  r.original = "ab12.pdf";
  CHECK(tracuu::searchd::page_at(r, 0) == 1);
  CHECK(tracuu::searchd::page_at(r, 119) == 1);
  CHECK(tracuu::searchd::page_at(r, 120) == 2);
  CHECK(tracuu::searchd::page_at(r, 10'000) == 3);
  r.original = "ab12.docx";  // a DOCX has no pages a browser can open at
  CHECK(tracuu::searchd::page_at(r, 200) == 0);
}

TEST_CASE("the original is downloaded by whoever may see the document, and by nobody else", "[originals]") {
  OriginalsIndex idx;
  idx.build();
  AccessServer server(idx.home);

  const auto file = server.get("/api/v1/documents/qd-12/original");
  REQUIRE(file.result_int() == 200);
  CHECK(file.body() == idx.pdf);
  CHECK(file[tracuu::searchd::server::http::field::content_type] == "application/pdf");
  CHECK(std::string(file[tracuu::searchd::server::http::field::content_disposition]).find("qd-12.pdf") !=
        std::string::npos);

  // The internal document's file: staff only; to the public exactly what an unknown id gets.
  const auto refused = server.get("/api/v1/documents/qd-13-mat/original");
  const auto unknown = server.get("/api/v1/documents/qd-99/original");
  CHECK(refused.result_int() == 404);
  CHECK(json::parse(refused.body())["error"]["message"] == "no document 'qd-13-mat'");
  CHECK(json::parse(unknown.body())["error"]["message"] == "no document 'qd-99'");
  const auto staff = server.get("/api/v1/documents/qd-13-mat/original", "staff");
  REQUIRE(staff.result_int() == 200);
  CHECK(staff.body() == idx.internal_pdf);
  CHECK(server.get("/api/v1/search?q=xyzzymatpdf").body().find("original") == std::string::npos);

  // No original for a text file; crafted ids and paths reach nothing.
  for (const char* target : {"/api/v1/documents/ghi-chu/original", "/api/v1/documents/..%2F..%2Fetc%2Fpasswd/original",
                             "/api/v1/documents/%2E%2E/original"}) {
    INFO(target);
    CHECK(server.get(target, "admin").result_int() == 404);
  }
  CHECK(server.get("/api/v1/documents/qd-12/original?x=1").result_int() == 400);
}

TEST_CASE("a PDF's hits link its original and say which page each passage is on", "[originals]") {
  OriginalsIndex idx;
  idx.build();
  AccessServer server(idx.home);
  const auto res = json::parse(server.get("/api/v1/search?q=xyzzytrangpdf&snippets=1").body());
  REQUIRE(res["hits"].size() == 1);
  const auto& hit = res["hits"][0];
  CHECK(hit["original"] == "/api/v1/documents/qd-12/original");
  REQUIRE(hit["snippets"].size() == 1);
  CHECK(hit["snippets"][0]["page"] == 2);

  const auto text_hit = json::parse(server.get("/api/v1/search?q=ghi+ch%C3%BA&snippets=1").body());
  REQUIRE(text_hit["hits"].size() >= 1);
  CHECK(text_hit["hits"][0]["id"] == "ghi-chu");
  CHECK(text_hit["hits"][0]["original"].is_null());
  CHECK(text_hit["hits"][0]["snippets"][0]["page"].is_null());

  // The portal: a download link on the document page, the page link under the passage.
  CHECK(server.get("/doc/qd-12").body().find("<a href=\"/api/v1/documents/qd-12/original\">Tải bản gốc (PDF)</a>") !=
        std::string::npos);
  CHECK(server.get("/doc/ghi-chu").body().find("Tải bản gốc") == std::string::npos);
  CHECK(server.get("/search?q=xyzzytrangpdf")
            .body()
            .find("href=\"/api/v1/documents/qd-12/original#page=2\">Trang 2 của bản gốc (PDF)") != std::string::npos);
  CHECK(json::parse(server.get("/api/v1/documents/qd-12").body())["original"] == "/api/v1/documents/qd-12/original");
}

TEST_CASE("a sharded home keeps each original in its document's shard, and serves it from there", "[originals]") {
  OriginalsIndex idx;
  tracuu::indexer::BuildOptions options;
  options.threads = 1;
  REQUIRE(tracuu::indexer::write_sharded(idx.home, 3, {idx.dir.path() / "in"}, tracuu::indexer::Extractor(), options,
                                         {}, true));
  for (const char* id : {"qd-12", "qd-13-mat"}) {
    INFO(id);
    const auto shard = tracuu::schema::shard_home(idx.home, tracuu::schema::shard_of(id, 3));
    CHECK(kept_files(shard).size() >= 1);
  }
  CHECK(kept_files(idx.home).empty());  // not in the top of the home
  AccessServer server(idx.home);
  const auto file = server.get("/api/v1/documents/qd-12/original");
  REQUIRE(file.result_int() == 200);
  CHECK(file.body() == idx.pdf);
  CHECK(server.get("/api/v1/documents/qd-13-mat/original").result_int() == 404);
  CHECK(server.get("/api/v1/documents/qd-13-mat/original", "staff").body() == idx.internal_pdf);
}

}  // namespace
