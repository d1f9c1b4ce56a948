#include "text/utf8.h"

namespace tracuu::text {

std::string sanitize_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 16);
  for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
    const char32_t cp = decode_utf8(s, i, len);
    if (cp == kReplacementChar)
      append_utf8(out, cp);
    else
      out.append(s.data() + i, len);
  }
  return out;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      len = 1;
      continue;
    }
    // U+FFFD written as bytes is valid; only a decode that consumed one byte of a bad sequence is not.
    const char32_t cp = decode_utf8(s, i, len);
    if (cp == kReplacementChar && len == 1) return false;
  }
  return true;
}

}  // namespace tracuu::text
