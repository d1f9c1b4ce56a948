// Ranking on documents shaped like the real ones (issue 12): a focused decree against
// a long page that holds every query word scattered, numbers typed as type + number +
// year, dates in words, copies of one document, and highlights of a marked query.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indexer/document_builder.h"
#include "indexer/generation_writer.h"
#include "schema/index_home.h"
#include "schema/record.h"
#include "searchd/searcher.h"
#include "searchd_fixture.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::searchd;
using tracuu::schema::DocRecord;
using tracuu::testing::make_record;

namespace {

// A codified topic page: thousands of words, every word of "xử phạt vi phạm giao
// thông" many times, never together ("phạm vi", "Thông tư", "giao nhiệm vụ", "xử lý").
std::string long_topic_page() {
  std::string s = "ĐỀ MỤC TÀI NGUYÊN NƯỚC, ĐO ĐẠC VÀ BẢN ĐỒ\n";
  for (int i = 1; i <= 150; ++i) {
    const std::string n = std::to_string(i);
    s += "Điều " + n + ". Phạm vi điều chỉnh\nThông tư này quy định phạm vi đo đạc, bản đồ và viễn thám số " + n +
         "; cơ quan được giao nhiệm vụ xử lý số liệu quan trắc tài nguyên nước, thông tin địa lý và phạt "
         "tiền theo quy định của pháp luật về tài nguyên.\n";
  }
  return s;
}

std::vector<DocRecord> ranking_records() {
  const std::string decree_text =
      "NGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều của Nghị định số 168/2024/NĐ-CP quy định xử phạt vi phạm hành "
      "chính về trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ.\nĐiều 1. Mức xử phạt vi phạm "
      "giao thông đối với người điều khiển xe ô tô.";
  const std::string decree_title = "Sửa đổi Nghị định 168/2024/NĐ-CP quy định xử phạt vi phạm giao thông";
  std::vector<DocRecord> v;
  v.push_back(
      make_record("nd-169", "Nghị định", "169/2026/NĐ-CP", "169/2026/ND-CP", "2026-06-12", decree_title, decree_text));
  // Two web copies of the same decree (same number, same date), as vn-legal holds.
  v.push_back(make_record("nd-169-ban-sao-1", "Nghị định", "169/2026/NĐ-CP", "169/2026/ND-CP", "2026-06-12",
                          decree_title, decree_text + "\nNguồn: Cổng thông tin điện tử Chính phủ."));
  v.push_back(make_record("nd-169-ban-sao-2", "Nghị định", "169/2026/NĐ-CP", "169/2026/ND-CP", "2026-06-12",
                          decree_title, decree_text + "\nNguồn: Công báo."));
  v.push_back(make_record("tai-nguyen", "", "", "", "", "Đề mục Tài nguyên nước, Đo đạc và bản đồ", long_topic_page()));
  v.push_back(make_record("nd-161", "Nghị định", "161/2026/NĐ-CP", "161/2026/ND-CP", "2026-05-20",
                          "Quy định chi tiết về quản lý cửa khẩu biên giới đất liền",
                          "NGHỊ ĐỊNH\nQuy định chi tiết về quản lý cửa khẩu biên giới đất liền."));
  v.push_back(
      make_record("tt-huong-dan-161", "Thông tư", "86/2026/TT-BTC", "86/2026/TT-BTC", "2026-07-01",
                  "Hướng dẫn Nghị định 161/2026/NĐ-CP",
                  "THÔNG TƯ\nHướng dẫn thi hành Nghị định số 161/2026/NĐ-CP. Căn cứ Nghị định số 161/2026/NĐ-CP; "
                  "theo Nghị định 161/2026/NĐ-CP, phí tại cửa khẩu được thu như sau."));
  v.push_back(
      make_record("cua-khau", "Thông báo", "", "", "2025-09-10", "Kết luận về cửa khẩu thông minh",
                  "Xây dựng cửa khẩu thông minh tại Hữu Nghị là nhiệm vụ của tỉnh; các sở thống nhất triển khai "
                  "của khẩu hiệu chung. Cửa khẩu thông minh giảm thời gian thông quan."));
  v.push_back(make_record("bc-2025-09", "Báo cáo", "", "", "2025-09-28", "Tình hình kinh tế - xã hội tháng 9",
                          "Báo cáo tình hình kinh tế xã hội của tỉnh tháng 9, nhiệm vụ trọng tâm quý IV."));
  v.push_back(make_record("bc-2024-09", "Báo cáo", "", "", "2024-09-27", "Tình hình kinh tế - xã hội tháng 9",
                          "Báo cáo tình hình kinh tế xã hội của tỉnh tháng 9, nhiệm vụ trọng tâm quý IV."));
  v.push_back(make_record("tt-ngan-hang", "Thông tư", "5/2026/TT-NHNN", "5/2026/TT-NHNN", "2026-03-02",
                          "Quy định về hồ sơ, thủ tục gửi tiền tiết kiệm tại tổ chức tín dụng",
                          "THÔNG TƯ\nQuy định về hồ sơ, thủ tục gửi tiền tiết kiệm."));
  v.push_back(make_record("tb-ho-tien", "Thông báo", "346/TB-UBND", "346/TB-UBND", "2025-08-05",
                          "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc về khu công nghiệp Hữu Lũng",
                          "Kết luận của đồng chí Hồ Tiến Thiệu, Chủ tịch UBND tỉnh, về khu công nghiệp Hữu Lũng."));
  v.back().signer.name = "Hồ Tiến Thiệu";
  v.push_back(
      make_record("khong-ngay", "Báo cáo", "", "", "", "", "Báo cáo không ghi ngày về kinh tế xã hội của tỉnh."));
  // Three ministries' circulars of one number and year, as vn-legal holds (30/2026/TT-BYT, -BCT,
  // -BKHCN). The Ministry of Science's text names the other two ministries more than they do.
  struct Circular {
    const char *id, *code, *issuer, *date, *title;
  };
  for (const Circular& c : std::vector<Circular>{
           {"tt-30-byt", "BYT", "Bộ Y tế", "2026-06-06", "Hướng dẫn ghi thành phần dinh dưỡng trên nhãn thực phẩm"},
           {"tt-30-bct", "BCT", "Bộ Công Thương", "2026-06-10", "Quy định phương pháp xác định giá phát điện"},
           {"tt-30-bkhcn", "BKHCN", "Bộ Khoa học và Công nghệ", "2026-07-09",
            "Danh mục hàng hóa lưỡng dụng do Bộ Công Thương và Bộ Y tế phối hợp quản lý"}}) {
    const std::string number = std::string("30/2026/TT-") + c.code;
    v.push_back(make_record(c.id, "Thông tư", number, number, c.date, c.title,
                            std::string("THÔNG TƯ\n") + c.title +
                                ". Bộ Công Thương, Bộ Y tế và Bộ Khoa học và Công nghệ "
                                "phối hợp; Bộ Công Thương, Bộ Y tế chủ trì thực hiện."));
    v.back().issuer = c.issuer;
  }
  // The Government's numbered series: 66.18 cites 66.16 again and again; each holds its own number.
  v.push_back(make_record("nq-66-16", "Nghị quyết", "66.16/2026/NQ-CP", "66.16/2026/NQ-CP", "2026-04-07",
                          "Cắt giảm, đơn giản hóa thủ tục hành chính trong sản xuất, kinh doanh",
                          "NGHỊ QUYẾT\nCắt giảm thủ tục hành chính trong sản xuất, kinh doanh."));
  v.push_back(make_record("nq-66-18", "Nghị quyết", "66.18/2026/NQ-CP", "66.18/2026/NQ-CP", "2026-05-18",
                          "Phân quyền, cắt giảm thủ tục hành chính của 11 bộ, ngành",
                          "NGHỊ QUYẾT\nTiếp theo Nghị quyết số 66.16/2026/NQ-CP; theo Nghị quyết 66.16/2026/NQ-CP và "
                          "Nghị quyết số 66.16/2026/NQ-CP, các bộ cắt giảm thủ tục."));
  // An ordinance of the Standing Committee, numbered with the issuer's code alone since 2008.
  v.push_back(make_record("pl-chi-phi-to-tung", "Pháp lệnh", "02/2012/UBTVQH13", "2/2012/UBTVQH13", "2012-03-28",
                          "Chi phí tố tụng", "PHÁP LỆNH\nChi phí tố tụng."));
  v.push_back(make_record("luat-2-2012", "Luật", "02/2012/QH13", "2/2012/QH13", "2012-06-20", "Luật Công đoàn",
                          "LUẬT\nCông đoàn; căn cứ Pháp lệnh số 02/2012/UBTVQH13 và pháp lệnh về chi phí tố tụng."));
  // A record whose title its text does not repeat (a JSONL record's given title).
  v.push_back(make_record("quy-che-cum-cong-nghiep", "Quyết định", "", "", "2025-10-02",
                          "Quy chế phối hợp quản lý cụm công nghiệp Tân Thành",
                          "Điều 1. Phạm vi áp dụng: các sở, ngành và Ủy ban nhân dân huyện."));
  return v;
}

struct RankingIndex {
  tracuu::testing::TempDir dir{"ranking"};
  Searcher searcher;
  static RankingIndex& get() {
    static RankingIndex index;
    return index;
  }

 private:
  RankingIndex() : searcher(open(dir)) {}
  static Searcher open(const tracuu::testing::TempDir& d) {
    tracuu::testing::build_index(d.path() / "index", ranking_records());
    auto s = Searcher::open(d.path() / "index");
    if (!s) throw std::runtime_error(s.error().message);
    return std::move(*s);
  }
};

SearchResponse run(const std::string& q, SearchRequest r = {}) {
  r.query = q;
  auto resp = RankingIndex::get().searcher.search(r);
  INFO(q);
  REQUIRE(resp.has_value());
  return std::move(*resp);
}

std::string first(const SearchResponse& r) {
  return r.hits.empty() ? "" : r.hits.front().id;
}

// A query and the id of the document it must put first.
struct FirstRow {
  const char* query;
  const char* first;
};

void check_first(const std::vector<FirstRow>& rows) {
  for (const FirstRow& row : rows) {
    INFO(row.query);
    CHECK(first(run(row.query)) == row.first);
  }
}

}  // namespace

TEST_CASE("ranking: a focused document beats a long page holding every word scattered", "[searchd][ranking]") {
  for (const char* q : {"xử phạt vi phạm giao thông", "xu phat vi pham giao thong", "XỬ PHẠT VI PHẠM GIAO THÔNG"}) {
    const auto r = run(q);
    INFO(q);
    REQUIRE(!r.hits.empty());
    CHECK(r.hits.front().doc_number == "169/2026/NĐ-CP");  // whichever copy ranks best stands for the three
  }
}

TEST_CASE("ranking: a number typed as type + number + year finds its own document first", "[searchd][ranking]") {
  for (const char* q :
       {"nd 161 2026", "NĐ 161/2026", "nđ 161 2026", "nghị định 161/2026", "nghị định số 161/2026",
        "nghi dinh 161 2026", "161/2026/NĐ-CP", "161/2026/ND-CP", "nd-cp 161 2026", "Nghị định 161/2026/NĐ-CP"}) {
    const auto r = run(q);
    INFO(q);
    CHECK(first(r) == "nd-161");  // not the circular that cites it three times
  }
  for (const char* q : {"tt 86 2026", "thông tư 86/2026", "TT 86/2026/TT-BTC"}) {
    const auto r = run(q);
    INFO(q);
    CHECK(first(r) == "tt-huong-dan-161");
  }
}

TEST_CASE("ranking: numbers with a sub-number, ordinances, and one number shared by several ministries",
          "[searchd][ranking]") {
  check_first({// 66.16 is its own number, not 66 and 16: the resolution citing it three times comes second.
               {"66.16/2026/NQ-CP", "nq-66-16"},
               {"nq 66.16 2026", "nq-66-16"},
               {"nghị quyết 66.16/2026", "nq-66-16"},
               {"Nghị quyết số 66.16/2026/NQ-CP", "nq-66-16"},
               {"66.18/2026/NQ-CP", "nq-66-18"},
               // "pháp lệnh 02/2012" is 02/2012/UBTVQH13, not the law 02/2012/QH13 that cites it.
               {"pháp lệnh 02/2012", "pl-chi-phi-to-tung"},
               {"pl 02 2012", "pl-chi-phi-to-tung"},
               {"luật 02/2012", "luat-2-2012"},
               // The issuer's name completes a number three ministries share, whichever words their texts hold.
               {"thông tư 30/2026 bộ y tế", "tt-30-byt"},
               {"thong tu 30/2026 bo cong thuong", "tt-30-bct"},
               {"thông tư 30/2026 Bộ Khoa học và Công nghệ", "tt-30-bkhcn"},
               {"tt 30 2026 bkhcn", "tt-30-bkhcn"},
               {"thông tư 30/2026 BCT", "tt-30-bct"},
               // Without it, the newest of the three comes first (indexed last: not the index's order).
               {"thông tư 30/2026", "tt-30-bkhcn"},
               {"tt 30 2026", "tt-30-bkhcn"}});
  // All three circulars a shared number names are on top, whatever the order.
  const auto r = run("thông tư 30/2026");
  REQUIRE(r.hits.size() >= 3);
  std::vector<std::string> top;
  for (std::size_t i = 0; i < 3; ++i) top.push_back(r.hits[i].id);
  std::sort(top.begin(), top.end());
  CHECK(top == std::vector<std::string>{"tt-30-bct", "tt-30-bkhcn", "tt-30-byt"});
}

TEST_CASE("ranking: a phrase only the title holds finds its document", "[searchd][ranking]") {
  for (const char* q :
       {"\"phối hợp quản lý cụm công nghiệp\"", "\"phoi hop quan ly cum cong nghiep\"",
        "\"cụm công nghiệp Tân Thành\" quy chế", "quy chế cụm công nghiệp Tân Thành", "quy che cum cong nghiep"}) {
    INFO(q);
    CHECK(first(run(q)) == "quy-che-cum-cong-nghiep");
  }
  CHECK(run("\"cụm công nghiệp phối hợp\"").hits.empty());  // the words, not in that order
}

TEST_CASE("ranking: a year or a date in words prefers documents of that time", "[searchd][ranking]") {
  check_first({{"báo cáo kinh tế xã hội tháng 9 năm 2025", "bc-2025-09"},
               {"bao cao kinh te xa hoi thang 9 nam 2024", "bc-2024-09"},
               {"báo cáo kinh tế xã hội 2024", "bc-2024-09"},
               {"báo cáo kinh tế xã hội quý 3/2025", "bc-2025-09"},
               {"báo cáo kinh tế xã hội ngày 27/9/2024", "bc-2024-09"}});
}

TEST_CASE("ranking: a marked query highlights its words as typed", "[searchd][ranking]") {
  SearchRequest r;
  r.snippets = 3;
  const auto resp = run("cửa khẩu thông minh", r);
  REQUIRE(!resp.hits.empty());
  CHECK(first(resp) == "cua-khau");
  std::vector<std::string> lit;
  for (const auto& s : resp.hits.front().snippets)
    for (const auto& h : s.highlights) lit.push_back(s.text.substr(h.begin, h.end - h.begin));
  REQUIRE(!lit.empty());
  for (const std::string& w : lit) {
    INFO(w);
    CHECK(w.find("của") == std::string::npos);
    CHECK(w.find("thống") == std::string::npos);
  }
  // Unmarked, every spelling is the word.
  r.query = "cua khau";
  const auto loose = run("cua khau", r);
  bool lit_cua = false;
  for (const auto& h : loose.hits)
    for (const auto& s : h.snippets)
      for (const auto& x : s.highlights) lit_cua = lit_cua || s.text.substr(x.begin, x.end - x.begin) == "của";
  CHECK(lit_cua);
}

TEST_CASE("ranking: copies of one document are one hit that lists the others", "[searchd][ranking]") {
  SearchRequest r;
  r.limit = 50;
  const auto resp = run("\"xử phạt\"", r);
  const auto copies = std::count_if(resp.hits.begin(), resp.hits.end(),
                                    [](const Hit& h) { return h.doc_number.value_or("") == "169/2026/NĐ-CP"; });
  CHECK(copies == 1);
  const auto it = std::find_if(resp.hits.begin(), resp.hits.end(),
                               [](const Hit& h) { return h.doc_number.value_or("") == "169/2026/NĐ-CP"; });
  REQUIRE(it != resp.hits.end());
  CHECK(it->copies.size() == 2);
  CHECK(resp.total == resp.hits.size());  // the total counts the document once
  std::size_t decrees = 0;                // and so do the facets
  for (const auto& v : resp.facets.at("doc_type"))
    if (v.value == "Nghị định") decrees = v.count;
  CHECK(decrees == static_cast<std::size_t>(std::count_if(resp.hits.begin(), resp.hits.end(), [](const Hit& h) {
          return h.doc_type.value_or("") == "Nghị định";
        })));
  CHECK(decrees >= 1);
  // A different document with the same number but another date is not a copy.
  CHECK(run("161/2026/NĐ-CP").hits.front().copies.empty());
}

TEST_CASE("ranking: a copy added to a live index is one hit at once", "[searchd][ranking]") {
  // The shared copy keys are read once per view: a copy written after the searcher
  // opened (indexer add) must be collapsed and counted once from the next search on.
  const auto records = ranking_records();
  auto pick = [&](const std::string& id) {
    return *std::find_if(records.begin(), records.end(), [&](const DocRecord& d) { return d.id == id; });
  };
  tracuu::testing::TempDir dir{"copies-live"};
  const auto home = dir.path() / "index";
  tracuu::testing::build_index(home, {pick("nd-169"), pick("tai-nguyen")});
  auto searcher = Searcher::open(home);
  REQUIRE(searcher);
  SearchRequest r;
  r.query = "\"xử phạt\"";
  r.limit = 50;
  const auto before = searcher->search(r);
  REQUIRE(before);
  REQUIRE(before->hits.size() == 1);
  CHECK(before->hits.front().copies.empty());
  {
    auto gen = tracuu::schema::current_generation(home);
    REQUIRE(gen);
    auto writer = tracuu::indexer::GenerationWriter::open(*gen, "tracuu tests");
    REQUIRE(writer);
    REQUIRE(writer->upsert(tracuu::indexer::DocumentBuilder().prepare(pick("nd-169-ban-sao-1"))));
    REQUIRE(writer->commit());
  }
  REQUIRE(searcher->refresh());
  for (bool facets : {true, false}) {
    INFO("facets " << facets);
    r.facets = facets;
    const auto after = searcher->search(r);
    REQUIRE(after);
    REQUIRE(after->hits.size() == 1);
    CHECK(after->hits.front().copies.size() == 1);
    CHECK(after->total == 1);
  }
}

TEST_CASE("ranking: totals match paging, with or without facets", "[searchd][ranking]") {
  for (const char* q : {"", "báo cáo", "tỉnh", "nghị định", "xử phạt"}) {
    INFO(q);
    SearchRequest r;
    r.limit = 100;
    const auto with = run(q, r);
    r.facets = false;
    const auto without = run(q, r);
    CHECK(with.total == with.hits.size());
    CHECK(without.total == without.hits.size());
    CHECK(without.exact);
  }
}

TEST_CASE("ranking: undated documents come last in either date order", "[searchd][ranking]") {
  for (SortOrder order : {SortOrder::DateAsc, SortOrder::DateDesc}) {
    SearchRequest r;
    r.sort = order;
    r.limit = 100;
    const auto resp = run("báo cáo", r);
    REQUIRE(resp.hits.size() >= 3);
    CHECK(resp.hits.back().id == "khong-ngay");
    CHECK(resp.hits.back().issue_date == std::nullopt);
  }
}

TEST_CASE("ranking: completions follow the previous word and the typed marks", "[searchd][ranking]") {
  auto suggest = [](const std::string& prefix) {
    auto out = RankingIndex::get().searcher.suggest(prefix, 8, {});
    INFO(prefix);
    REQUIRE(out.has_value());
    return std::move(*out);
  };
  const auto cua = suggest("cua kh");
  const auto term = std::find_if(cua.begin(), cua.end(), [](const Suggestion& s) { return s.kind == "term"; });
  REQUIRE(term != cua.end());
  CHECK(term->text == "cửa khẩu");  // the pair, as its documents spell it; not "cua khoản"
  const auto ho = suggest("Hồ Tiến");
  REQUIRE(!ho.empty());
  CHECK(ho.front().text == "Hồ Tiến Thiệu");
  CHECK(ho.front().kind == "signer");
  for (const auto& s : ho) CHECK(s.text.find("tiền") == std::string::npos);  // not the banking circular
}

TEST_CASE("assignments: documents added to a live index give their tasks from the next request on",
          "[searchd][assignments]") {
  // The assignments of a view are read once and kept until a part's revision moves (indexer add).
  std::vector<DocRecord> without, with;
  for (const DocRecord& d : tracuu::testing::fixture_records()) (d.assignments.empty() ? without : with).push_back(d);
  std::size_t tasks = 0;
  for (const DocRecord& d : with) tasks += d.assignments.size();
  REQUIRE(tasks > 1);
  tracuu::testing::TempDir dir{"assignments-live"};
  const auto home = dir.path() / "index";
  tracuu::testing::build_index(home, without);
  auto searcher = Searcher::open(home);
  REQUIRE(searcher);
  const tracuu::schema::Audience staff{true, {}};
  const auto before = searcher->assignments(AssignmentQuery{}, staff);
  REQUIRE(before);
  CHECK(before->total == 0);
  {
    auto gen = tracuu::schema::current_generation(home);
    REQUIRE(gen);
    auto writer = tracuu::indexer::GenerationWriter::open(*gen, "tracuu tests");
    REQUIRE(writer);
    for (const DocRecord& d : with) REQUIRE(writer->upsert(tracuu::indexer::DocumentBuilder().prepare(d)));
    REQUIRE(writer->commit());
  }
  REQUIRE(searcher->refresh());
  const auto after = searcher->assignments(AssignmentQuery{}, staff);
  REQUIRE(after);
  CHECK(after->total == tasks);
  REQUIRE(after->items.size() == tasks);
  // Paged from the kept list: the second page starts where the first ended.
  AssignmentQuery second;
  second.offset = 1;
  second.limit = 1;
  const auto page = searcher->assignments(second, staff);
  REQUIRE(page);
  REQUIRE(page->items.size() == 1);
  CHECK(page->items.front().doc_id == after->items[1].doc_id);
  CHECK(page->items.front().assignment.span.begin == after->items[1].assignment.span.begin);
}
