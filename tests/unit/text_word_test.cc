#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "text/utf8.h"
#include "text/word.h"

using tracuu::text::fold;
using tracuu::text::has_marks;
using tracuu::text::word_forms;

namespace {
struct Row {
  std::string input;
  std::string exact;
  std::string folded;
};
}  // namespace

TEST_CASE("word forms: canonical tone placement and folding", "[text]") {
  const std::vector<Row> rows = {
      // old and new tone placement give one exact form (classic placement)
      {"hoà", "hòa", "hoa"},
      {"hòa", "hòa", "hoa"},
      {"thuỵ", "thụy", "thuy"},
      {"thụy", "thụy", "thuy"},
      {"uỷ", "ủy", "uy"},
      {"ủy", "ủy", "uy"},
      {"Uỷ", "ủy", "uy"},
      {"khoẻ", "khỏe", "khoe"},
      {"khỏe", "khỏe", "khoe"},
      {"hoá", "hóa", "hoa"},
      {"Thuý", "thúy", "thuy"},
      // closed syllables keep the tone on the last vowel whatever was typed
      {"hoàn", "hoàn", "hoan"},
      {"hòan", "hoàn", "hoan"},
      {"toán", "toán", "toan"},
      {"huýt", "huýt", "huyt"},
      // vowels with modifiers take the tone; ơ in ươ
      {"người", "người", "nguoi"},
      {"ngừơi", "người", "nguoi"},
      {"thuở", "thuở", "thuo"},
      {"thủơ", "thuở", "thuo"},
      {"quyền", "quyền", "quyen"},
      {"Việt", "việt", "viet"},
      // three vowels: the middle one
      {"ngoài", "ngoài", "ngoai"},
      {"ngòai", "ngoài", "ngoai"},
      {"khuỷu", "khuỷu", "khuyu"},
      // qu- and gi- are consonants
      {"quý", "quý", "quy"},
      {"qúy", "quý", "quy"},
      {"giữ", "giữ", "giu"},
      {"gìn", "gìn", "gin"},
      {"già", "già", "gia"},
      // đ has no decomposition: folded by hand
      {"Đảng", "đảng", "dang"},
      {"ĐỒNG", "đồng", "dong"},
      {"được", "được", "duoc"},
      {"đ", "đ", "d"},
      // chó, chòe, chỗ are three different exact forms; chó and chỗ share a folded one
      {"chó", "chó", "cho"},
      {"chòe", "chòe", "choe"},
      {"chỗ", "chỗ", "cho"},
      // NFD input, including the new-style placement in NFD
      {"ho\u0300a", "hòa", "hoa"},
      {"hoa\u0300", "hòa", "hoa"},
      {"Vie\u0323\u0302t", "việt", "viet"},
      {"D\u0300", "d\u0300", "d"},  // a tone on a consonant is not Vietnamese: ICU path keeps it
      // not a syllable: tone left where it was typed
      {"Đắk", "đắk", "dak"},
      {"hoàns", "hoàns", "hoans"},
      // ASCII and mixed
      {"UBND", "ubnd", "ubnd"},
      {"QH14", "qh14", "qh14"},
      // letters outside the Vietnamese table go through ICU
      {"Müller", "müller", "muller"},
      {"Łódź", "łódź", "łodz"},
      {"Москва", "москва", "москва"},
  };
  for (const Row& row : rows) {
    INFO(row.input);
    const auto forms = word_forms(row.input);
    CHECK(forms.exact == row.exact);
    CHECK(forms.folded == row.folded);
  }
}

TEST_CASE("has_marks tells marked from unmarked words", "[text]") {
  CHECK(has_marks("chó"));
  CHECK(has_marks("đi"));
  CHECK(has_marks("ĐI"));
  CHECK_FALSE(has_marks("cho"));
  CHECK_FALSE(has_marks("UBND"));
  CHECK_FALSE(has_marks("2025"));
}

TEST_CASE("fold keeps separators and folds every word", "[text]") {
  CHECK(fold("Ủy ban nhân dân tỉnh Lạng Sơn") == "uy ban nhan dan tinh lang son");
  CHECK(fold("kinh tế - xã hội") == "kinh te - xa hoi");
  CHECK(fold("66/2025/NĐ-CP") == "66/2025/nd-cp");
  CHECK(fold("") == "");
}

// Every precomposed letter of the Vietnamese table must analyse exactly like its
// ICU decomposition: this checks the hand-written tables against Unicode itself.
TEST_CASE("letter tables agree with Unicode decomposition", "[text]") {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  REQUIRE(U_SUCCESS(status));
  int checked = 0;
  for (char32_t cp = 0xC0; cp <= 0x1EF9; ++cp) {
    if (cp > 0x1B0 && cp < 0x1EA0) continue;
    std::string nfc;
    tracuu::text::append_utf8(nfc, cp);
    icu::UnicodeString d = nfd->normalize(icu::UnicodeString::fromUTF8(nfc), status);
    std::string decomposed;
    d.toUTF8String(decomposed);
    if (decomposed == nfc) continue;  // no decomposition (đ, ơ's base...)
    const auto a = word_forms(nfc);
    const auto b = word_forms(decomposed);
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK(a.exact == b.exact);
    CHECK(a.folded == b.folded);
    ++checked;
  }
  CHECK(checked > 200);
}
