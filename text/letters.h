#pragma once
// The Vietnamese letter model: every Latin letter used in Vietnamese is a base
// ASCII letter, an optional vowel/consonant modifier and an optional tone. Working
// on this model (instead of on code points) makes NFC/NFD input, tone placement
// and accent folding one cheap table lookup each.

#include <cstdint>
#include <string>

namespace tracuu::text {

/// Letter modifier (dấu mũ, dấu trăng, dấu móc, gạch ngang của đ).
enum class Modifier : std::uint8_t { None, Breve, Circumflex, Horn, Stroke };

/// Tone mark (thanh điệu). Order matches the columns of the letter tables.
enum class Tone : std::uint8_t { None, Grave, Acute, Hook, Tilde, Dot };

/// One decoded Latin letter.
struct Letter {
  char base = 0;                       ///< lower-case ASCII letter
  Modifier modifier = Modifier::None;  ///< ă â ê ô ơ ư đ
  Tone tone = Tone::None;              ///< huyền sắc hỏi ngã nặng
  bool upper = false;                  ///< written in upper case
};

/// Decodes a precomposed code point into the letter model.
///
/// Covers ASCII letters, every precomposed Vietnamese letter, đ/Đ and their
/// look-alikes (Ð U+00D0, Ɖ U+0189, ð U+00F0, ɖ U+0256, all read as đ/Đ).
/// @return false for any other code point (including other accented letters
///         such as ü or ñ, which take the ICU path).
bool decode_letter(char32_t cp, Letter& out);

/// Applies a combining mark (U+0300 block) to `letter`, as NFD input carries it.
/// @return false when the mark is not a Vietnamese mark or cannot combine
///         (a second tone, a breve on e, ...).
bool apply_combining_mark(char32_t mark, Letter& letter);

/// The precomposed code point of `letter` in lower case (its NFC form).
/// @return 0 when no precomposed character exists.
char32_t compose_lower(const Letter& letter);

/// Appends the case-folded NFC UTF-8 form of `letter` (marks kept).
void append_exact(std::string& out, const Letter& letter);

/// Appends the folded form: base letter only, so đ becomes d.
inline void append_folded(std::string& out, const Letter& letter) {
  out.push_back(letter.base);
}

/// True for a, e, i, o, u, y (with any modifier).
inline bool is_vowel(const Letter& l) {
  switch (l.base) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y': return true;
    default: return false;
  }
}

}  // namespace tracuu::text
