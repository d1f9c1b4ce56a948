#pragma once
// UTF-8 decoding and encoding that never fails: malformed input decodes to U+FFFD.

#include <cstddef>
#include <string>
#include <string_view>

namespace tracuu::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

/// Decodes the code point starting at `s[i]`.
///
/// @param s   the bytes.
/// @param i   index of the first byte; must be < s.size().
/// @param len receives the number of bytes consumed (1-4, never 0), so a
///            malformed sequence is skipped one byte at a time.
/// @return the code point, or U+FFFD for an invalid, overlong, surrogate or
///         truncated sequence.
inline char32_t decode_utf8(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  len = 1;
  std::size_t need;
  char32_t cp;
  char32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    return kReplacementChar;
  }
  if (i + need >= s.size()) return kReplacementChar;  // truncated
  for (std::size_t k = 1; k <= need; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return kReplacementChar;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kReplacementChar;
  len = need + 1;
  return cp;
}

/// Appends the UTF-8 encoding of `cp` to `out` (U+FFFD for an invalid code point).
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacementChar;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// Returns `s` with every malformed sequence replaced by U+FFFD.
std::string sanitize_utf8(std::string_view s);

/// True when `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

}  // namespace tracuu::text
