// Tests of the benchmark's own logic: query words, accent stripping, tone
// styles, document-number spotting, metrics, generator determinism, and the
// labelled sets (reading judged sets, number spellings, verbatim passages).
// Label `bench`; nothing here measures or asserts time.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "bench/gen/notice.h"
#include "bench/gen/variants.h"
#include "bench/metrics.h"
#include "bench/relevance_sets.h"
#include "bench/vn_util.h"

using namespace tracuu::bench;

TEST_CASE("strip_marks removes every mark and maps đ", "[bench]") {
  struct Row {
    std::string in, out;
  };
  const std::vector<Row> rows = {
      {"Nghị định 15/2020/NĐ-CP", "Nghi dinh 15/2020/ND-CP"},
      {"Bộ Tài chính", "Bo Tai chinh"},
      {"đường Đồng Đăng", "duong Dong Dang"},
      {"ho\u0300a", "hoa"},  // NFD input
  };
  for (const auto& r : rows) {
    INFO(r.in);
    CHECK(strip_marks(r.in) == r.out);
  }
}

TEST_CASE("query_words: lower-case NFC runs of letters and digits", "[bench]") {
  CHECK(join(query_words("Nghị định 24/2021/NĐ-CP?"), " ") == "nghị định 24 2021 nđ cp");
  CHECK(join(query_words("Ho\u0300a  bi\u0300nh"), " ") == "hòa bình");  // NFD becomes NFC
  CHECK(query_words(" ,;- ").empty());
}

TEST_CASE("apply_tone_style moves the mark of final oa/oe/uy only", "[bench]") {
  using gen::apply_tone_style;
  using gen::ToneStyle;
  CHECK(apply_tone_style("Hòa bình, thủy lợi, Ủy ban, khỏe", ToneStyle::Old) == "Hoà bình, thuỷ lợi, Uỷ ban, khoẻ");
  CHECK(apply_tone_style("Hoà bình, thuỷ lợi, Uỷ ban, khoẻ", ToneStyle::New) == "Hòa bình, thủy lợi, Ủy ban, khỏe");
  CHECK(apply_tone_style("hoàng, quý, hoạch", ToneStyle::Old) == "hoàng, quý, hoạch");  // not syllable-final, or qu
  CHECK(apply_tone_style("CỘNG HÒA", ToneStyle::Old) == "CỘNG HOÀ");
}

TEST_CASE("find_doc_numbers spots numbers, not dates", "[bench]") {
  const std::string text =
      "Nghị định số 66/2025/NĐ-CP ngày 23/6/2021, Nghị quyết 49-NQ/TU và 346/TB-UBND; Luật 43/2019/QH14.";
  std::vector<std::string> found;
  for (auto [b, e] : gen::find_doc_numbers(text)) found.push_back(text.substr(b, e - b));
  CHECK(join(found, " ") == "66/2025/NĐ-CP 49-NQ/TU 346/TB-UBND 43/2019/QH14");
}

TEST_CASE("MetricSums on hand-computed rankings", "[bench]") {
  MetricSums m;
  m.add({"a", "b", "c"}, {"b"});  // first relevant at rank 2
  m.add({"x", "y"}, {"z"});       // none found
  CHECK(m.mean(m.mrr10) == Approx(0.25));
  CHECK(m.mean(m.ndcg10) == Approx(0.5 * (1 / std::log2(3.0))));
  CHECK(m.mean(m.recall10) == Approx(0.5));
  CHECK(m.mean(m.recall100) == Approx(0.5));
}

TEST_CASE("make_document is a pure function of seed and index", "[bench]") {
  gen::SourcePool pool;
  pool.notice_sentences = {
      "UBND tỉnh thống nhất kết luận như sau về việc thực hiện Nghị quyết số 16-NQ/TW của Bộ Chính trị."};
  pool.legal_sentences = {"Luật này quy định về phòng, chống ma túy và quản lý người sử dụng trái phép chất ma túy."};
  pool.subjects = {"quy định về khai thác tài nguyên giáo dục mở"};
  pool.cited_numbers = {"66/2025/NĐ-CP", "49-NQ/TU"};
  const auto a = gen::make_document(pool, 7, 42), b = gen::make_document(pool, 7, 42),
             c = gen::make_document(pool, 8, 42);
  CHECK(a.id == "gen-0000042");
  CHECK(a.text == b.text);
  CHECK(a.text != c.text);
  CHECK(a.text.find("Số: ") != std::string::npos);
  CHECK_FALSE(a.title.empty());
}

TEST_CASE("MetricSums with graded judgments", "[bench]") {
  MetricSums m;
  m.add({"a", "b", "c"}, std::map<std::string, int>{{"b", 2}, {"c", 1}});  // first relevant at rank 2
  CHECK(m.mean(m.mrr10) == Approx(0.5));
  const double dcg = 3 / std::log2(3.0) + 1 / std::log2(4.0), idcg = 3 + 1 / std::log2(3.0);
  CHECK(m.mean(m.ndcg10) == Approx(dcg / idcg));
  CHECK(m.mean(m.success1) == Approx(0));
  CHECK(m.mean(m.success3) == Approx(1));
  CHECK(first_relevant_rank({"x", "y"}, {{"y", 1}}) == 2);
  CHECK(first_relevant_rank({"x"}, {{"y", 1}}) == 0);
}

TEST_CASE("number_spellings: as written, ASCII and type + number + year", "[bench]") {
  struct Row {
    std::string number, type, spellings;
  };
  const std::vector<Row> rows = {
      {"168/2024/NĐ-CP", "Nghị định",
       "168/2024/NĐ-CP|168/2024/ND-CP|nd 168 2024|NĐ 168/2024|nghị định 168/2024|nghi dinh 168/2024|nghị định số "
       "168/2024/NĐ-CP"},
      {"24/2018/QH14", "Luật", "24/2018/QH14|luat 24 2018|Luật 24/2018|luat 24/2018|luật số 24/2018/QH14"},
      {"1255/QĐ-TTg", "", "1255/QĐ-TTg|1255/QD-TTg|qd 1255/qd-ttg|quyết định số 1255/QĐ-TTg"},
      {"31/2026/QH16", "Nghị quyết",
       "31/2026/QH16|nq 31 2026|NQ 31/2026|nghị quyết 31/2026|nghi quyet 31/2026|nghị "
       "quyết số 31/2026/QH16"},
      {"604/VBHN-BVHTTDL", "", "604/VBHN-BVHTTDL"},  // type unknown: no shorthand
  };
  for (const auto& r : rows) {
    INFO(r.number);
    std::vector<std::string> texts;
    for (const auto& s : number_spellings(r.number, r.type)) texts.push_back(s.text);
    CHECK(join(texts, "|") == r.spellings);
  }
  CHECK(number_key("06/2005/NĐ-CP (sửa đổi bởi 62/2026/NĐ-CP)") == "06/2005/ND-CP");
}

TEST_CASE("VerbatimFinder finds a passage up to case, spacing and punctuation", "[bench]") {
  const std::string article =
      "Phạm vi điều chỉnh\n\nLuật này quy định về phòng, chống ma túy; quản lý người sử dụng trái phép chất ma túy; "
      "cai nghiện ma túy; trách nhiệm của cá nhân, gia đình, cơ quan, tổ chức trong phòng, chống ma túy.";
  VerbatimFinder f;
  const auto a = f.add_passage(article);
  f.add_passage("Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2022.");  // too short to match anything
  const std::string page =
      "## Điều 1.1.LQ.1. PHẠM VI ĐIỀU CHỈNH Luật này quy định về phòng,chống ma túy; quản lý "
      "người sử dụng trái phép chất ma túy; cai nghiện ma túy; trách nhiệm của cá nhân, gia đình, "
      "cơ quan, tổ chức trong phòng, chống ma túy. Luật này có hiệu lực thi hành từ ngày 01 tháng "
      "01 năm 2022.";
  CHECK(f.passages_in(page) == std::vector<std::size_t>{a});
  CHECK(
      f.passages_in("Luật này quy định về phòng, chống ma túy; quản lý người sử dụng trái phép chất ma túy.").empty());
}

TEST_CASE("read_judged_set: the rule line skipped, both judgment forms, repeated ids refused", "[bench]") {
  const std::string path = "bench_test_set.jsonl";
  {
    std::ofstream out(path);
    out << R"({"_rule": "how it was judged"})" << '\n'
        << R"({"qid": "q1", "query": "lương cơ sở", "category": "topic", "judgments": [{"id": "a", "grade": 2, "why": "x"}, {"id": "b", "grade": 1, "why": "y"}]})"
        << "\n\n"
        << R"({"qid": "q2", "query": "nd 161 2026", "relevant": ["c"]})" << '\n'
        << R"({"qid": "q3", "query": "x", "category": "number", "relevant": {"d": 2}})" << '\n';
  }
  const auto set = read_judged_set(path);
  REQUIRE(set.size() == 3);
  CHECK(set[0].relevant == std::map<std::string, int>{{"a", 2}, {"b", 1}});
  CHECK(set[1].category.empty());
  CHECK(set[1].relevant == std::map<std::string, int>{{"c", 1}});
  CHECK(set[2].relevant == std::map<std::string, int>{{"d", 2}});
  {
    std::ofstream out(path, std::ios::app);
    out << R"({"qid": "q1", "query": "again", "relevant": ["a"]})" << '\n';
  }
  CHECK_THROWS_WITH(read_judged_set(path), Catch::Contains(":6: qid q1 repeated"));
  std::remove(path.c_str());
}
