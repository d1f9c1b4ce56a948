#pragma once
// Word-level analysis: the exact layer (case-folded, NFC, one canonical tone
// placement) and the folded layer (no marks, đ -> d) of a single word.

#include <span>
#include <string>
#include <string_view>

#include "text/letters.h"

namespace tracuu::text {

/// Moves the tone mark of one lower-case syllable to its canonical vowel.
///
/// The canonical placement is the classic one (hòa, thủy, ủy, khỏe): a vowel
/// with a modifier takes the tone (ơ in ươ); otherwise the last vowel when a
/// final consonant follows; otherwise the middle of three vowels or the first
/// of two. qu- and gi- count as initial consonants (quý, giữ).
/// @param letters the syllable, lower case.
/// @return true when the input is a syllable (it may have been changed);
///         false when it is not (no vowel, more than one tone, more than three
///         vowels, or an impossible final), in which case it is left as typed.
bool canonicalize_tone(std::span<Letter> letters);

/// The two index/query forms of a word.
struct WordForms {
  std::string exact;   ///< lower case, NFC, canonical tone placement
  std::string folded;  ///< lower case, no diacritics, đ -> d
};

/// Analyses one word (no spaces) into its exact and folded forms.
/// Any UTF-8 is accepted; malformed bytes become U+FFFD.
WordForms word_forms(std::string_view word);

/// Folds arbitrary text character by character: lower case, marks removed, đ -> d.
/// Spaces and punctuation are kept as they are.
std::string fold(std::string_view text);

/// True when the word carries any Vietnamese mark (tone, modifier or đ), i.e.
/// when its exact form differs from its folded form.
bool has_marks(std::string_view word);

namespace detail {
/// ICU path for words with letters outside the Vietnamese table (ü, ñ, Cyrillic, stray marks).
void slow_word_forms(std::string_view word, std::string& exact, std::string& folded);
}  // namespace detail

}  // namespace tracuu::text
