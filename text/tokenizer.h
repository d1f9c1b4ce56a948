#pragma once
// The Vietnamese analyser: text in, tokens with positions, byte offsets and
// both index layers out. Documents and queries go through this same code.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/letters.h"

namespace tracuu::text {

/// What a token is.
enum class TokenKind : std::uint8_t {
  Word,       ///< a syllable or Latin word: "đồng", "chí", "covid", "qh14"
  Number,     ///< 1088, 1.234,5 (leading zeros of plain integers dropped)
  Date,       ///< 31/7/2025 or 7/2025, as ISO "2025-07-31" / "2025-07"
  DocNumber,  ///< 66/2025/NĐ-CP (see docnum.h)
};

/// Stable lower-case name of a kind ("word", "number", "date", "docnum").
const char* to_string(TokenKind kind);

/// One token of analysed text.
struct Token {
  TokenKind kind = TokenKind::Word;
  std::uint32_t position = 0;  ///< ordinal of the token (first_position + n)
  std::size_t begin = 0;       ///< byte offset of the first byte in the input
  std::size_t end = 0;         ///< byte offset one past the last byte
  std::string exact;           ///< exact layer: lower case, NFC, canonical tone (dates: ISO; docnums: key)
  std::string folded;          ///< folded layer: no marks, đ -> d (dates: ISO; docnums: key)
  std::string display;         ///< DocNumber: display form "346/TB-UBND"; empty otherwise
  /// True when the exact form carries marks the folded one lacks.
  bool has_marks() const { return exact != folded; }
};

/// Streams the tokens of `text` without copying it.
///
/// The text must outlive the analyser. Malformed UTF-8 is read as U+FFFD (a
/// separator); NFC and NFD input give the same tokens; zero-width characters
/// and soft hyphens inside a word are ignored. Never throws.
class Analyzer {
 public:
  /// @param text           the text to analyse
  /// @param first_position position given to the first token
  explicit Analyzer(std::string_view text, std::uint32_t first_position = 0);

  /// Fills `out` with the next token, reusing its string buffers.
  /// @return false at the end of the text (out is then unspecified).
  bool next(Token& out);

  /// Byte offset where the next call to next() starts scanning.
  std::size_t offset() const { return pos_; }

 private:
  bool scan_word(Token& out);
  bool scan_from_digit(Token& out);
  bool scan_date(Token& out);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::uint32_t position_;
  std::vector<Letter> letters_;
};

/// True when two tokens separated by `gap` (the text between them) belong to one
/// run of words: only spaces, tabs and dashes between them. Punctuation (. , ; :
/// ! ? brackets, quotes, slashes) and line breaks end a run. Used to pair adjacent
/// words the same way in documents and queries.
bool joins_words(std::string_view gap);

/// Analyses the whole text at once (convenience for tests, queries, tools).
std::vector<Token> analyze(std::string_view text, std::uint32_t first_position = 0);

}  // namespace tracuu::text
