#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "text/abbreviations.h"
#include "text/docnum_parse.h"

using tracuu::text::Abbreviations;
using tracuu::text::parse_doc_number;

namespace {
struct Row {
  const char* input;
  const char* key;
  const char* display;
};
}  // namespace

TEST_CASE("document numbers: every spelling gives one key", "[text]") {
  const Abbreviations abbreviations = Abbreviations::builtin();
  const std::vector<Row> rows = {
      {"66/2025/NĐ-CP", "66/2025/ND-CP", "66/2025/NĐ-CP"},
      {"66/2025/ND-CP", "66/2025/ND-CP", "66/2025/ND-CP"},
      {"66/2025/N\u00D0-CP", "66/2025/ND-CP", "66/2025/NĐ-CP"},  // Eth instead of Đ
      {"66/2025/N\u0189-CP", "66/2025/ND-CP", "66/2025/NĐ-CP"},  // African D
      {"66/2025/nđ-cp", "66/2025/ND-CP", "66/2025/nđ-cp"},
      {"66-2025-NĐ-CP", "66/2025/ND-CP", "66-2025-NĐ-CP"},
      {"nd-cp 66 2025", "66/2025/ND-CP", "66/2025/ND-CP"},
      {"NĐ-CP 66/2025", "66/2025/ND-CP", "66/2025/NĐ-CP"},
      {"số 66/2025/NĐ-CP", "66/2025/ND-CP", "66/2025/NĐ-CP"},
      {"01/2025/TT-BTC", "1/2025/TT-BTC", "01/2025/TT-BTC"},
      {"1/2025/TT-BTC", "1/2025/TT-BTC", "1/2025/TT-BTC"},
      {"Số: 346 /TB-UBND", "346/TB-UBND", "346/TB-UBND"},
      {"346 /TB-UBND", "346/TB-UBND", "346/TB-UBND"},
      {"346/tb-ubnd", "346/TB-UBND", "346/tb-ubnd"},
      {"tb-ubnd 346", "346/TB-UBND", "346/TB-UBND"},
      {"49-NQ/TU", "49/NQ-TU", "49-NQ/TU"},
      {"49-\nNQ/TU", "49/NQ-TU", "49-NQ/TU"},
      {"2089-KL/TU", "2089/KL-TU", "2089-KL/TU"},
      {"865/QĐ-TTg", "865/QD-TTG", "865/QĐ-TTg"},
      {"153/NQ-CP", "153/NQ-CP", "153/NQ-CP"},
      {"35/TB-VP", "35/TB-VP", "35/TB-VP"},
      {"59/2020/QH14", "59/2020/QH14", "59/2020/QH14"},
      {"12/2021/NQ-HĐND", "12/2021/NQ-HDND", "12/2021/NQ-HĐND"},
      // The Government's numbered series keep their sub-number in every spelling.
      {"66.16/2026/NQ-CP", "66.16/2026/NQ-CP", "66.16/2026/NQ-CP"},
      {"nq 66.16 2026", "66.16/2026/NQ", "66.16/2026/NQ"},
      {"nq-cp 66.7 2026", "66.7/2026/NQ-CP", "66.7/2026/NQ-CP"},
      {"66.16/2026/nq-cp.", "66.16/2026/NQ-CP", "66.16/2026/nq-cp"},
  };
  for (const Row& row : rows) {
    INFO(row.input);
    const auto dn = parse_doc_number(row.input, abbreviations);
    REQUIRE(dn.has_value());
    CHECK(dn->key == row.key);
    CHECK(dn->display == row.display);
  }
}

TEST_CASE("document numbers: marks cut off from their letter are no code group", "[text]") {
  // PDF text and composite-Unicode input can leave a tone mark standing alone after a space or
  // a separator ("Sô ́: 66/2025/NĐ-CP"). The mark belongs to no code: the key is the plain one,
  // and the key parses back to itself.
  const Abbreviations abbreviations = Abbreviations::builtin();
  const std::vector<Row> rows = {
      {"S\u00F4 \u0301: 66/2025/N\u0110-CP", "66/2025/ND-CP", "66/2025/NĐ-CP"},  // "Số:" with the acute cut off
      {"So\u0302 \u0301 66/2025/N\u0110-CP", "66/2025/ND-CP", "66/2025/NĐ-CP"},  // decomposed "số"
      {"66/2025/N\u0110-CP \u0300", "66/2025/ND-CP", "66/2025/NĐ-CP"},           // a grave left at the end
      {"n\u0111-cp \u0301 66 2025", "66/2025/ND-CP", "66/2025/NĐ-CP"},           // typed, a stray acute
      {"346 /TB-UBND \u0323", "346/TB-UBND", "346/TB-UBND"},                     // a dot below left over
      {"12/2021/NQ-H\u0110ND -\u0300", "12/2021/NQ-HDND", "12/2021/NQ-HĐND"},    // a mark after a dash
      {"S\u00F4 \u030166/2025/N\u0110-CP", "66/2025/ND-CP", "66/2025/NĐ-CP"},    // the acute glued to the number
      {"n\u0111-cp 66\u0301 2025", "66/2025/ND-CP", "66/2025/NĐ-CP"},            // after the number
      {"\u0301nd-cp 66 2025", "66/2025/ND-CP", "66/2025/ND-CP"},                 // before the code
      {"\u0300 tb-ubnd \u0301346", "346/TB-UBND", "346/TB-UBND"},                // several
  };
  for (const Row& row : rows) {
    INFO(row.input);
    const auto dn = parse_doc_number(row.input, abbreviations);
    REQUIRE(dn.has_value());
    CHECK(dn->key == row.key);
    CHECK(dn->display == row.display);
    const auto again = parse_doc_number(dn->key, abbreviations);
    REQUIRE(again.has_value());
    CHECK(again->key == dn->key);
  }
}

TEST_CASE("document numbers keep their identity", "[text]") {
  const Abbreviations abbreviations = Abbreviations::builtin();
  auto key = [&](const char* s) { return parse_doc_number(s, abbreviations).value().key; };
  CHECK(key("49-NQ/TU") != key("49/NQ-CP"));
  CHECK(key("865/QĐ-TTg") != key("865/QĐ-UBND"));
  CHECK(key("66/2025/NĐ-CP") != key("66/2024/NĐ-CP"));
  CHECK(key("66/2025/NĐ-CP") != key("67/2025/NĐ-CP"));
  CHECK(key("16-NQ/TW") != key("16-NQ/TU"));
  CHECK(key("66.16/2026/NQ-CP") != key("66.18/2026/NQ-CP"));
  CHECK(key("66.16/2026/NQ-CP") != key("66/2026/NQ-CP"));
}

TEST_CASE("things that are not document numbers", "[text]") {
  const Abbreviations abbreviations = Abbreviations::builtin();
  const std::vector<const char*> rows = {
      "1088/2-1089",   // a border marker
      "31/7/2025",     // a date
      "7/2025",        // month/year
      "5/ha",          // a rate
      "b/c",           // "báo cáo" in recipient lists
      "kinh te 2025",  // words and a year, no document-type code
      "UBND tỉnh",     // no number
      "2025",          // a number alone
      "",
      "1234567/QĐ-TTg",  // seven digits
      "1.766.194",       // an amount
      "nq 66.166 2026",  // a sub-number has one or two digits
  };
  for (const char* row : rows) {
    INFO(row);
    CHECK_FALSE(parse_doc_number(row, abbreviations).has_value());
  }
}

TEST_CASE("document numbers typed in part: type, number, year", "[text]") {
  struct PatternRow {
    tracuu::text::DocNumberPattern pattern;
    const char* key;
    bool matches;
  };
  const std::vector<PatternRow> rows = {
      {{"161", "2026", {"ND"}}, "161/2026/ND-CP", true},      // nd 161 2026
      {{"161", "", {"ND"}}, "161/2026/ND-CP", true},          // NĐ 161
      {{"161", "2025", {"ND"}}, "161/2026/ND-CP", false},     // another year
      {{"161", "2026", {"TT"}}, "161/2026/ND-CP", false},     // another type
      {{"16", "2026", {"ND"}}, "161/2026/ND-CP", false},      // another number
      {{"52", "2014", {"QH"}}, "52/2014/QH13", true},         // luật 52/2014
      {{"31", "2026", {"NQ"}}, "31/2026/QH16", true},         // nghị quyết of the National Assembly
      {{"12", "2026", {"NQ"}}, "12/2026/UBTVQH15", true},     // and of its Standing Committee
      {{"31", "2026", {"NQ"}}, "31/2026/NQ-CP", true},        // of the Government
      {{"31", "2026", {"ND"}}, "31/2026/QH16", false},        // a decree is never QH
      {{"25", "2005", {"PL"}}, "25/2005/PL-UBTVQH11", true},  // pháp lệnh
      {{"2", "2012", {"PL"}}, "2/2012/UBTVQH13", true},       // since 2008 numbered with the issuer alone
      {{"2", "2012", {"PL"}}, "2/2012/QH13", false},          // a law is no ordinance
      {{"66.16", "2026", {"NQ"}}, "66.16/2026/NQ-CP", true},  // nghị quyết 66.16/2026
      {{"66.16", "2026", {"NQ"}}, "66.18/2026/NQ-CP", false}, {{"66", "2026", {"NQ"}}, "66.16/2026/NQ-CP", false},
      {{"161", "2026", {}}, "161/2026/ND-CP", true},  // 161/2026
  };
  for (const auto& row : rows) {
    INFO(row.key << " number " << row.pattern.number << " year " << row.pattern.year);
    CHECK(tracuu::text::matches_pattern(row.key, row.pattern) == row.matches);
  }
  const auto p = tracuu::text::pattern_of_key("161/2026/ND");
  REQUIRE(p.has_value());
  CHECK(p->number == "161");
  CHECK(p->year == "2026");
  CHECK(p->codes == std::vector<std::string>{"ND"});
}
