#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "text/normalize.h"
#include "text/utf8.h"

using tracuu::text::normalize;

namespace {
struct Row {
  const char* name;
  std::string input;
  std::string expected;
};
}  // namespace

TEST_CASE("normalize cleans and composes Vietnamese text", "[text]") {
  const std::vector<Row> rows = {
      {"NFC stays", "Việt Nam", "Việt Nam"},
      {"NFD composes", "Vie\u0302\u0323t Nam", "Việt Nam"},
      {"NFD with tone before modifier composes", "Vie\u0323\u0302t", "Việt"},
      {"tone placement is kept for display", "Tỉnh uỷ", "Tỉnh uỷ"},
      {"zero-width space removed", "Hà\u200BNội", "HàNội"},
      {"soft hyphen removed", "Quyết\u00ADđịnh", "Quyếtđịnh"},
      {"BOM removed", "\uFEFFThông báo", "Thông báo"},
      {"NBSP becomes space", "Ủy\u00A0ban", "Ủy ban"},
      {"narrow NBSP and em space become space", "số\u202F66\u2003năm", "số 66 năm"},
      {"Eth becomes Đ", "\u00D0ảng", "Đảng"},
      {"African D becomes Đ", "\u0189ồng", "Đồng"},
      {"small eth becomes đ", "\u00F0ồng chí", "đồng chí"},
      {"African d becomes đ", "\u0256iều", "điều"},
      {"full-width ASCII", "\uFF35\uFF22\uFF2E\uFF24 \uFF16\uFF16", "UBND 66"},
      {"tab and CR become spaces, newline kept", "a\tb\r\nc", "a b \nc"},
      {"invalid byte", std::string("ab\xFF") + "c", "ab\uFFFDc"},
      {"truncated sequence at end", std::string("Vi\xE1\xBB"), "Vi\uFFFD\uFFFD"},
      {"overlong encoding", std::string("\xC0\xAF"), "\uFFFD\uFFFD"},
      {"surrogate encoded in UTF-8", std::string("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD"},
      {"empty", "", ""},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(normalize(row.input) == row.expected);
  }
}

TEST_CASE("normalize output is always valid UTF-8", "[text]") {
  std::string junk;
  for (int i = 0; i < 256; ++i) junk.push_back(static_cast<char>(i));
  junk += "\xE1\xBA";  // truncated at the very end
  const std::string out = normalize(junk);
  CHECK(tracuu::text::is_valid_utf8(out));
  CHECK_FALSE(tracuu::text::is_valid_utf8(junk));
  CHECK(tracuu::text::sanitize_utf8(junk) != junk);
  CHECK(tracuu::text::is_valid_utf8(tracuu::text::sanitize_utf8(junk)));
}
