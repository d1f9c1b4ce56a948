#include "bench/vn_util.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <stdexcept>

namespace tracuu::bench {
namespace {

const icu::Normalizer2& nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: no NFD normaliser");
  return *n;
}

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: no NFC normaliser");
  return *n;
}

icu::UnicodeString normalize(const icu::Normalizer2& n, const icu::UnicodeString& s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = n.normalize(s, status);
  return U_FAILURE(status) ? s : out;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

std::string strip_marks(std::string_view utf8) {
  const icu::UnicodeString in =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::UnicodeString d = normalize(nfd(), in);
  icu::UnicodeString out;
  for (int32_t i = 0; i < d.length();) {
    const UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111)
      out.append(UChar32{'d'});
    else if (c == 0x0110)
      out.append(UChar32{'D'});
    else
      out.append(c);
  }
  return to_utf8(normalize(nfc(), out));
}

std::string to_upper(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  return to_utf8(s.toUpper());
}

std::string to_lower(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  return to_utf8(s.toLower());
}

std::string to_nfd(std::string_view utf8) {
  const icu::UnicodeString in =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  return to_utf8(normalize(nfd(), in));
}

std::vector<std::string> query_words(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  s = normalize(nfc(), s);
  s.foldCase();
  std::vector<std::string> words;
  icu::UnicodeString word;
  auto flush = [&] {
    if (!word.isEmpty()) words.push_back(to_utf8(word));
    word.remove();
  };
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    const bool mark = u_charType(c) == U_NON_SPACING_MARK;
    if (u_isalnum(c) || (mark && !word.isEmpty()))
      word.append(c);
    else
      flush();
  }
  flush();
  return words;
}

std::string join(const std::vector<std::string>& words, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += sep;
    out += words[i];
  }
  return out;
}

}  // namespace tracuu::bench
