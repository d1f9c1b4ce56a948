// Tests of the benchmark's own logic: query words, accent stripping, tone
// styles, document-number spotting, metrics and generator determinism.
// Label `bench`; nothing here measures or asserts time.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "bench/gen/notice.h"
#include "bench/gen/variants.h"
#include "bench/metrics.h"
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
