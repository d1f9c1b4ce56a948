#pragma once
// Character-level clean-up shared by normalisation and tokenisation, so that
// documents and queries are cleaned by exactly the same rules.

#include <string>
#include <string_view>

namespace tracuu::text {

/// Marker returned by map_char for characters that are removed.
inline constexpr char32_t kDropped = 0xFFFFFFFF;

/// Maps one code point to its cleaned form:
/// - zero-width space/joiners, word joiner, BOM and soft hyphen -> kDropped;
/// - NBSP and the other Unicode spaces (U+2000..U+200A, U+202F, U+205F, U+3000),
///   tab, CR and form feed -> ' ' (newline is kept: it separates lines);
/// - full-width ASCII (U+FF01..U+FF5E) -> ASCII;
/// - đ look-alikes Ð U+00D0, Ɖ U+0189 -> Đ and ð U+00F0, ɖ U+0256 -> đ;
/// - C0/C1 control characters other than newline -> ' ';
/// - everything else unchanged.
constexpr char32_t map_char(char32_t cp) {
  if (cp < 0x80) {
    if (cp == '\n') return cp;
    if (cp < 0x20 || cp == 0x7F) return ' ';
    return cp;
  }
  switch (cp) {
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF: return kDropped;
    case 0x00A0:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0x1680: return ' ';
    case 0x2028:
    case 0x2029: return '\n';
    case 0x00D0:
    case 0x0189: return 0x0110;
    case 0x00F0:
    case 0x0256: return 0x0111;
    default: break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return ' ';
  if (cp >= 0x80 && cp < 0xA0) return ' ';
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFF01 + 0x21;
  return cp;
}

/// True for the combining diacritical marks block (U+0300..U+036F).
constexpr bool is_combining_mark(char32_t cp) {
  return cp >= 0x0300 && cp <= 0x036F;
}

/// Appends `in` to `out` with map_char applied and malformed UTF-8 replaced by U+FFFD.
void map_chars(std::string_view in, std::string& out);

}  // namespace tracuu::text
