#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "text/tokenizer.h"

using tracuu::text::analyze;
using tracuu::text::Token;
using tracuu::text::TokenKind;

namespace {

// Tokens rendered as "kind:exact" joined by spaces: readable expected values.
std::string render(std::string_view text) {
  std::string out;
  for (const Token& t : analyze(text)) {
    if (!out.empty()) out += ' ';
    if (t.kind != TokenKind::Word) out += std::string(tracuu::text::to_string(t.kind)) + ':';
    out += t.exact;
  }
  return out;
}

std::string render_folded(std::string_view text) {
  std::string out;
  for (const Token& t : analyze(text)) {
    if (!out.empty()) out += ' ';
    out += t.folded;
  }
  return out;
}

std::string read_sample(const std::string& name) {
  std::ifstream in(std::string(TRACUU_SOURCE_DIR) + "/data/samples/" + name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Row {
  const char* input;
  const char* expected;
};

}  // namespace

TEST_CASE("tokenizer: words, numbers, dates and document numbers", "[text]") {
  const std::vector<Row> rows = {
      {"Ủy ban nhân dân tỉnh Lạng Sơn", "ủy ban nhân dân tỉnh lạng sơn"},
      {"Tỉnh uỷ", "tỉnh ủy"},
      {"Tỉnh ủy", "tỉnh ủy"},
      {"HOÀ BÌNH", "hòa bình"},
      {"Ngày 31/7/2025, UBND tỉnh", "ngày date:2025-07-31 ubnd tỉnh"},
      {"trong ngày 04/8/2025 để", "trong ngày date:2025-08-04 để"},
      {"tháng 7/2025", "tháng date:2025-07"},
      {"31-12-2024 và 1.2.2023", "date:2024-12-31 và date:2023-02-01"},
      {"tăng 17% so với 1.234,5 tỷ", "tăng number:17 so với number:1.234,5 tỷ"},
      {"05 năm", "number:5 năm"},
      {"mốc 1088/2-1089", "mốc number:1088 number:2 number:1089"},
      {"Nghị định số 66/2025/NĐ-CP ngày", "nghị định số docnum:66/2025/ND-CP ngày"},
      {"Số: 346 /TB-UBND", "số docnum:346/TB-UBND"},
      {"Nghị quyết số 49-\n\nNQ/TU, ngày 28/9/2021", "nghị quyết số docnum:49/NQ-TU ngày date:2021-09-28"},
      {"Quyết định số 865/QĐ-TTg.", "quyết định số docnum:865/QD-TTG"},
      {"Luật số 59/2020/QH14 và", "luật số docnum:59/2020/QH14 và"},
      {"kinh tế - xã hội", "kinh tế xã hội"},
      {"KT-XH", "kt xh"},
      {"Sở KH&CN", "sở kh cn"},
      {"kế hoạch1 và kỳ5", "kế hoạch number:1 và kỳ number:5"},
      {"COVID-19, H5N1 và 5G", "covid number:19 h5n1 và 5g"},
      {"(b/c)", "b c"},
      {"“tham nhũng, lãng phí”", "tham nhũng lãng phí"},
      {"Hà\u200BNội", "hànội"},
      {"Quyết\u00ADđịnh", "quyếtđịnh"},
      {"\u00D0ảng và \u0189oàn", "đảng và đoàn"},
      {"\uFF35\uFF22\uFF2E\uFF24", "ubnd"},
      {"", ""},
      {" \n\t ", ""},
  };
  for (const Row& row : rows) {
    INFO(row.input);
    CHECK(render(row.input) == row.expected);
  }
}

TEST_CASE("tokenizer: folded layer", "[text]") {
  const std::vector<Row> rows = {
      {"Đồng chí Hồ Tiến Thiệu", "dong chi ho tien thieu"},
      {"dong chi", "dong chi"},
      {"Đảng được", "dang duoc"},
      {"chó chòe chỗ", "cho choe cho"},
  };
  for (const Row& row : rows) {
    INFO(row.input);
    CHECK(render_folded(row.input) == row.expected);
  }
}

TEST_CASE("tokenizer: positions and byte offsets point into the original", "[text]") {
  const std::string text = "Ngày 31/7/2025, Ủy ban";
  const auto tokens = analyze(text, 10);
  REQUIRE(tokens.size() == 4);
  for (std::size_t i = 0; i < tokens.size(); ++i) CHECK(tokens[i].position == 10 + i);
  CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Ngày");
  CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "31/7/2025");
  CHECK(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin) == "Ủy");
  CHECK(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin) == "ban");

  // A split number keeps the whole original span, line break included.
  const std::string split = "số 49-\nNQ/TU.";
  const auto t2 = analyze(split);
  REQUIRE(t2.size() == 2);
  CHECK(t2[1].kind == TokenKind::DocNumber);
  CHECK(t2[1].display == "49-NQ/TU");
  CHECK(split.substr(t2[1].begin, t2[1].end - t2[1].begin) == "49-\nNQ/TU");

  // NFD input: offsets cover the combining marks.
  const std::string nfd = "Vie\u0302\u0323t Nam";
  const auto t3 = analyze(nfd);
  REQUIRE(t3.size() == 2);
  CHECK(t3[0].exact == "việt");
  CHECK(t3[0].end == std::string("Vie\u0302\u0323t").size());
}

TEST_CASE("tokenizer: malformed UTF-8 never crashes and splits words", "[text]") {
  const std::string bad = std::string("Vi\xE1\xBB") + "t Nam \xFF\xFE ok";
  std::string out = render(bad);
  CHECK(out == "vi t nam ok");
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  CHECK_NOTHROW(analyze(all + all));
}

TEST_CASE("tokenizer: both tone styles of the sample corpus analyse alike", "[text]") {
  // 000 writes "Thường trực Tỉnh uỷ" in its recipients and "Tỉnh ủy" in its body.
  const std::string doc = read_sample("000_4273f595e8f93ec2.txt");
  REQUIRE(doc.find("Tỉnh uỷ") != std::string::npos);
  REQUIRE(doc.find("Tỉnh ủy") != std::string::npos);
  int old_style = 0, new_style = 0;
  for (const Token& t : analyze(doc)) {
    if (t.exact != "ủy") continue;
    const std::string written = doc.substr(t.begin, t.end - t.begin);
    if (written == "uỷ") ++new_style;
    if (written == "ủy") ++old_style;
  }
  CHECK(old_style > 0);
  CHECK(new_style > 0);
}

TEST_CASE("tokenizer: every split citation of the samples is one token", "[text]") {
  struct Case {
    const char* file;
    const char* key;
  };
  const std::vector<Case> cases = {
      {"000_4273f595e8f93ec2.txt", "57/NQ-TW"},  // only occurrence is split as 57-\n\nNQ/TW
      {"000_4273f595e8f93ec2.txt", "49/NQ-TU"},  // split in the title of item 2
      {"000_4273f595e8f93ec2.txt", "66/2025/ND-CP"},    {"000_4273f595e8f93ec2.txt", "15/HD-UBND"},
      {"002_cbe3f2fc25d32b07.txt", "59/NQ-TW"},   // split as 59-\n\nNQ/TW
      {"002_cbe3f2fc25d32b07.txt", "266/KH-TU"},  // split as 266-\n\nKH/TU
      {"002_cbe3f2fc25d32b07.txt", "129/CD-TTG"},       {"002_cbe3f2fc25d32b07.txt", "151/2025/ND-CP"},
      {"004_b33ee16890788d7a.txt", "346/TB-UBND"},  // printed "Số: 346 /TB-UBND"
      {"004_b33ee16890788d7a.txt", "29/2014/TT-BTNMT"}, {"004_b33ee16890788d7a.txt", "942/QD-TTG"},
  };
  for (const Case& c : cases) {
    INFO(c.file << " " << c.key);
    const std::string doc = read_sample(c.file);
    REQUIRE_FALSE(doc.empty());
    bool found = false;
    for (const Token& t : analyze(doc)) found = found || (t.kind == TokenKind::DocNumber && t.exact == c.key);
    CHECK(found);
  }
}

TEST_CASE("tokenizer: which neighbours form a run of words", "[text]") {
  struct Gap {
    const char* gap;
    bool joins;
  };
  const std::vector<Gap> rows = {
      {" ", true},      {"  ", true},  {" - ", true}, {" \u2013 ", true}, {"\u00A0", true},
      {"\u200B", true}, {", ", false}, {". ", false}, {"; ", false},      {": ", false},
      {" (", false},    {") ", false}, {"\n", false}, {" / ", false},     {"\u201D ", false},
  };
  for (const auto& r : rows) {
    INFO("[" << r.gap << "]");
    CHECK(tracuu::text::joins_words(r.gap) == r.joins);
  }
}
