#include "indexer/ingest/encoding.h"

#include <array>
#include <optional>
#include <vector>

#include "text/letters.h"
#include "text/utf8.h"
#include "text/word.h"

namespace tracuu::indexer {
namespace {

using text::Letter;
using text::Modifier;
using text::Tone;

// TCVN 5712:1993 VN3 ("ABC" fonts), bytes 0xA1..0xFE; "" = unused. Capitals
// with tones are not in this table: ABC fonts draw them from the same codes.
constexpr std::array<const char*, 94> kTcvn3{
    "Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ", "ă", "â", "ê", "ô", "ơ", "ư", "đ", "",  "",   // A1-B0
    "",  "",  "",  "",  "à", "ả", "ã", "á", "ạ", "",  "ằ", "ẳ", "ẵ", "ắ", "",  "",   // B1-C0
    "",  "",  "",  "",  "",  "ặ", "ầ", "ẩ", "ẫ", "ấ", "ậ", "è", "",  "ẻ", "ẽ", "é",  // C1-D0
    "ẹ", "ề", "ể", "ễ", "ế", "ệ", "ì", "ỉ", "",  "",  "",  "ĩ", "í", "ị", "ò", "",   // D1-E0
    "ỏ", "õ", "ó", "ọ", "ồ", "ổ", "ỗ", "ố", "ộ", "ờ", "ở", "ỡ", "ớ", "ợ", "ù", "",   // E1-F0
    "ủ", "ũ", "ú", "ụ", "ừ", "ử", "ữ", "ứ", "ự", "ỳ", "ỷ", "ỹ", "ý", "ỵ"};           // F1-FE

std::optional<Letter> letter_of(std::string_view utf8) {
  if (utf8.empty()) return std::nullopt;
  std::size_t len = 0;
  Letter l;
  if (!text::decode_letter(text::decode_utf8(utf8, 0, len), l)) return std::nullopt;
  return l;
}

// VNI Windows: a mark byte after a vowel adds a modifier and/or a tone.
struct VniMark {
  unsigned char byte;
  Modifier modifier;
  Tone tone;
};
constexpr std::array<VniMark, 17> kVniMarks{{
    {0xF9, Modifier::None, Tone::Acute},
    {0xF8, Modifier::None, Tone::Grave},
    {0xFB, Modifier::None, Tone::Hook},
    {0xF5, Modifier::None, Tone::Tilde},
    {0xEF, Modifier::None, Tone::Dot},
    {0xE2, Modifier::Circumflex, Tone::None},
    {0xE1, Modifier::Circumflex, Tone::Acute},
    {0xE0, Modifier::Circumflex, Tone::Grave},
    {0xE5, Modifier::Circumflex, Tone::Hook},
    {0xE3, Modifier::Circumflex, Tone::Tilde},
    {0xE4, Modifier::Circumflex, Tone::Dot},
    {0xEA, Modifier::Breve, Tone::None},
    {0xE9, Modifier::Breve, Tone::Acute},
    {0xE8, Modifier::Breve, Tone::Grave},
    {0xFA, Modifier::Breve, Tone::Hook},
    {0xFC, Modifier::Breve, Tone::Tilde},
    {0xEB, Modifier::Breve, Tone::Dot},
}};
// VNI letters written with one byte: ơ ư đ í ì ỉ ĩ ị.
constexpr std::array<std::pair<unsigned char, const char*>, 8> kVniLetters{
    {{0xF4, "ơ"}, {0xF6, "ư"}, {0xF1, "đ"}, {0xED, "í"}, {0xEC, "ì"}, {0xE6, "ỉ"}, {0xF3, "ĩ"}, {0xF2, "ị"}}};

bool is_ascii_letter(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

Letter ascii_letter(unsigned char c) {
  Letter l;
  l.base = static_cast<char>(c | 0x20);
  return l;
}

// Decodes one byte into the current word. Returns false when the byte cannot be part of a word.
bool add_tcvn3(unsigned char c, std::vector<Letter>& word) {
  if (is_ascii_letter(c)) return word.push_back(ascii_letter(c)), true;
  if (c < 0xA1 || c == 0xFF) return false;
  const auto l = letter_of(kTcvn3[c - 0xA1]);
  if (!l) return false;
  word.push_back(*l);
  return true;
}

bool add_vni(unsigned char c, std::vector<Letter>& word) {
  if (is_ascii_letter(c)) return word.push_back(ascii_letter(c)), true;
  const unsigned char lower = (c >= 0xC0 && c <= 0xDF) ? static_cast<unsigned char>(c + 0x20) : c;
  for (const auto& [byte, utf8] : kVniLetters)
    if (byte == lower) return word.push_back(*letter_of(utf8)), true;
  for (const VniMark& m : kVniMarks) {
    if (m.byte != lower) continue;
    if (word.empty() || !text::is_vowel(word.back())) return false;
    Letter& v = word.back();
    if (m.modifier != Modifier::None) v.modifier = m.modifier;
    if (m.tone != Tone::None) v.tone = m.tone;
    return true;
  }
  return false;
}

// Share of words with non-ASCII bytes that decode to Vietnamese syllables.
double syllable_score(std::string_view bytes, bool (*add)(unsigned char, std::vector<Letter>&)) {
  std::size_t words = 0, valid = 0;
  std::vector<Letter> word;
  bool high = false, ok = true;
  auto flush = [&] {
    if (high) {
      ++words;
      if (ok && text::canonicalize_tone(word)) ++valid;
    }
    word.clear();
    high = false;
    ok = true;
  };
  for (unsigned char c : bytes) {
    const bool letter_like = is_ascii_letter(c) || c >= 0x80;
    if (!letter_like) {
      flush();
      continue;
    }
    high = high || c >= 0x80;
    ok = add(c, word) && ok;
  }
  flush();
  return words == 0 ? 0.0 : static_cast<double>(valid) / static_cast<double>(words);
}

std::string decode_utf16(std::string_view bytes, bool big_endian, std::size_t& replaced) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](std::size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian ? (a << 8 | b) : (b << 8 | a);
  };
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 && unit(i + 2) <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = text::kReplacementChar;
      ++replaced;
    }
    text::append_utf8(out, cp);
  }
  if (i < bytes.size()) ++replaced, text::append_utf8(out, text::kReplacementChar);  // odd byte at the end
  return out;
}

// NUL or many C0 control bytes (other than tab, line breaks, form feed, escape) mean binary data.
bool looks_binary(std::string_view s) {
  std::size_t controls = 0;
  for (unsigned char c : s) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ++controls;
  }
  return controls * 100 > s.size();
}

}  // namespace

std::string guess_legacy_encoding(std::string_view bytes) {
  const double tcvn3 = syllable_score(bytes, add_tcvn3);
  const double vni = syllable_score(bytes, add_vni);
  if (tcvn3 >= 0.6 && tcvn3 >= vni) return "TCVN3 (ABC)";
  if (vni >= 0.6) return "VNI";
  return "an unknown 8-bit encoding (Windows-1258, Latin-1...)";
}

Result<DecodedText> decode_text(std::string_view bytes) {
  DecodedText d;
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    const bool be = bytes[0] == '\xFE';
    d.encoding = be ? "utf-16be" : "utf-16le";
    d.utf8 = decode_utf16(bytes.substr(2), be, d.replaced);
  } else {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
      bytes.remove_prefix(3);
      d.encoding = "utf-8-bom";
    }
    if (looks_binary(bytes)) return Error{Status::Unsupported, "binary data, not text"};
    std::size_t bad = 0, multi = 0;
    for (std::size_t i = 0, len = 0; i < bytes.size(); i += len) {
      if (static_cast<unsigned char>(bytes[i]) < 0x80) {
        len = 1;
        continue;
      }
      const char32_t cp = text::decode_utf8(bytes, i, len);
      (cp == text::kReplacementChar && len == 1) ? ++bad : ++multi;
    }
    // A few stray bytes in UTF-8 text are damage; many mean another encoding.
    if (bad > 0 && bad * 20 >= bad + multi && bad * 1000 >= bytes.size())
      return Error{Status::Unsupported, "not UTF-8 text (" + std::to_string(bad) + " invalid bytes); it looks like " +
                                            guess_legacy_encoding(bytes) +
                                            ": convert it to Unicode (UTF-8), e.g. with Unikey's converter"};
    d.replaced = bad;
    d.utf8 = bad ? text::sanitize_utf8(bytes) : std::string(bytes);
  }
  if (d.utf8.find_first_not_of(" \t\r\n\f") == std::string::npos) return Error{Status::BadRequest, "empty file"};
  if (looks_binary(d.utf8)) return Error{Status::Unsupported, "binary data, not text"};
  return d;
}

}  // namespace tracuu::indexer
