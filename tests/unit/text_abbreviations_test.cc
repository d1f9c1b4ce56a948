#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "text/abbreviations.h"
#include "text/tokenizer.h"

using tracuu::text::AbbreviationKind;
using tracuu::text::Abbreviations;

namespace {
std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  for (const auto& t : tracuu::text::analyze(s)) out.push_back(t.folded);
  return out;
}

struct Row {
  const char* text;          // a word sequence starting with the abbreviation or expansion
  const char* abbreviation;  // the row it must match
  std::size_t length;        // words covered
  bool is_expansion;
};
}  // namespace

TEST_CASE("abbreviations: the builtin table parses and is not empty", "[text]") {
  const Abbreviations table = Abbreviations::builtin();
  CHECK(table.entries().size() > 50);
  for (const auto& e : table.entries()) {
    INFO(e.abbreviation);
    CHECK_FALSE(e.abbreviation_words.empty());
    CHECK_FALSE(e.expansions.empty());
  }
}

TEST_CASE("abbreviations match in both directions and in any spelling", "[text]") {
  const Abbreviations table = Abbreviations::builtin();
  const std::vector<Row> rows = {
      {"UBND tỉnh", "UBND", 1, false},
      {"Ủy ban nhân dân tỉnh", "UBND", 4, true},
      {"Uỷ ban nhân dân tỉnh", "UBND", 4, true},
      {"uy ban nhan dan", "UBND", 4, true},
      {"HĐND tỉnh", "HĐND", 1, false},
      {"hdnd", "HĐND", 1, false},
      {"Hội đồng nhân dân", "HĐND", 4, true},
      {"KT-XH", "KT-XH", 2, false},
      {"kt xh", "KT-XH", 2, false},
      {"kinh tế - xã hội", "KT-XH", 4, true},
      {"MTTQ", "MTTQ", 1, false},
      {"ĐBQH", "ĐBQH", 1, false},
      {"NSNN", "NSNN", 1, false},
      {"ngân sách nhà nước", "NSNN", 4, true},
      {"MTQG", "MTQG", 1, false},
      {"TTHC", "TTHC", 1, false},
      {"Sở KH&CN", nullptr, 0, false},
      {"KH&CN", "KH&CN", 2, false},
      {"Khoa học và Công nghệ", "KH&CN", 5, true},
      {"QĐ", "QĐ", 1, false},
      {"Nghị định", "NĐ", 2, true},
      {"TTr", "TTr", 1, false},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const auto w = words(row.text);
    const auto m = table.match_at(w, 0);
    if (row.abbreviation == nullptr) {
      CHECK_FALSE(m.has_value());
      continue;
    }
    REQUIRE(m.has_value());
    CHECK(m->entry->abbreviation == row.abbreviation);
    CHECK(m->length == row.length);
    CHECK(m->is_expansion == row.is_expansion);
  }
}

TEST_CASE("abbreviations: expansions offered for an abbreviation", "[text]") {
  const Abbreviations table = Abbreviations::builtin();
  const auto found = table.find_abbreviation(words("ubnd"));
  REQUIRE(found.size() == 1);
  CHECK(found[0]->expansions.front() == "Ủy ban nhân dân");
  CHECK(found[0]->kind == AbbreviationKind::Organization);
  const auto kt = table.find_abbreviation(words("KT-XH"));
  REQUIRE(kt.size() == 1);
  CHECK(kt[0]->expansions.front() == "kinh tế - xã hội");
}

TEST_CASE("abbreviations: document-type codes", "[text]") {
  const Abbreviations table = Abbreviations::builtin();
  for (const char* code : {"qd", "nd", "nq", "tb", "kl", "tt", "cv", "ttr", "qh14"}) {
    INFO(code);
    CHECK(table.is_doc_type_code(code));
  }
  for (const char* code : {"ubnd", "kinh", "cp", ""}) {
    INFO(code);
    CHECK_FALSE(table.is_doc_type_code(code));
  }
}

TEST_CASE("abbreviations: malformed tables are refused with the line", "[text]") {
  std::string error;
  CHECK_FALSE(Abbreviations::parse("org\tUBND\n", &error).has_value());
  CHECK(error == "line 1: expected 3 tab-separated columns");
  CHECK_FALSE(Abbreviations::parse("# c\nfoo\tX\tY\n", &error).has_value());
  CHECK(error == "line 2: kind must be org, term or doctype");
  const auto ok = Abbreviations::parse("term\tATTP\tan toàn thực phẩm | vệ sinh an toàn thực phẩm\n");
  REQUIRE(ok.has_value());
  CHECK(ok->entries().at(0).expansions.size() == 2);
}
