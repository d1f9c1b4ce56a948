#pragma once
// Small text-scanning helpers shared by the ingestion files: Vietnamese-aware
// case tests and conversions, word matching that ignores case, and dates
// ("31/7/2025", "ngày 27 tháng 6 năm 2021"). Internal to indexer/ingest.
//
// Everything here works on NFC UTF-8 (the reflowed text) and is linear in the
// bytes it looks at, so it may run over whole documents.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tracuu::indexer::scan {

/// A calendar date (validated: month 1-12, day within the month, year 1900-2099).
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  /// ISO form "2025-07-31".
  std::string iso() const;
};

/// A date found in text.
struct DateMatch {
  Date date;
  std::size_t begin = 0;  ///< first byte of the date (of "ngày" when the match starts with it)
  std::size_t end = 0;    ///< one past the last byte
};

/// Matches a date starting exactly at byte `pos`: "31/7/2025", "31-7-2025",
/// "31.7.2025", "27 tháng 6 năm 2021", "2025-07-31", each optionally preceded by "ngày "
/// (any case). Invalid dates (31/2/2025) do not match.
std::optional<DateMatch> match_date(std::string_view s, std::size_t pos);

/// The first date in s[pos, end).
std::optional<DateMatch> find_date(std::string_view s, std::size_t pos, std::size_t end);

/// The code point at byte `pos` (U+FFFD when malformed) and its length in `len`.
char32_t code_point_at(std::string_view s, std::size_t pos, std::size_t& len);

/// The code point that ends just before byte `pos` (0 at the start).
char32_t code_point_before(std::string_view s, std::size_t pos);

/// True for letters of any script ICU knows, Vietnamese included.
bool is_letter(char32_t c);
/// True for upper-case (or title-case) letters.
bool is_upper(char32_t c);
/// True for lower-case letters.
bool is_lower(char32_t c);
/// True for letters and ASCII digits.
bool is_alnum(char32_t c);

/// The first letter or digit of `s` (0 when none); opening quotes and brackets are skipped.
char32_t first_alnum(std::string_view s);

/// True when `s` has at least `min_letters` letters and none of them is lower case
/// ("TL. CHỦ TỊCH", "II. TÌNH HÌNH KINH TẾ - XÃ HỘI").
bool is_caps(std::string_view s, std::size_t min_letters = 4);

/// Lower-cases every letter ("ỦY BAN" -> "ủy ban").
std::string to_lower(std::string_view s);

/// Upper-cases the first letter of `s` and leaves the rest.
std::string capitalize_first(std::string_view s);

/// Capitalises the first letter of every word ("CHI LĂNG" -> "Chi Lăng").
std::string to_title_case(std::string_view s);

/// True when `s` continues at `pos` with `word` compared case-insensitively
/// (Vietnamese letters included: "ĐIỀU" matches "điều") and the match ends at a
/// word boundary. On success `end` (if given) is set.
bool match_word_ci(std::string_view s, std::size_t pos, std::string_view word, std::size_t* end = nullptr);

/// True when `s` starts with `word` (see match_word_ci).
inline bool starts_with_word_ci(std::string_view s, std::string_view word) {
  return match_word_ci(s, 0, word);
}

/// True when `s` ends with the whole word `word` (see match_word_ci).
bool ends_with_word(std::string_view s, std::string_view word);

/// `s` without its parenthesised parts, spaces collapsed ("Lương Tam Quang (Bộ trưởng)" -> "Lương Tam Quang").
std::string without_parentheses(std::string_view s);

/// Trims ASCII spaces, tabs and line breaks at both ends.
std::string_view trim(std::string_view s);

/// Collapses runs of spaces/line breaks into one space and trims.
std::string collapse_spaces(std::string_view s);

/// The byte offset after skipping spaces from `pos`.
std::size_t skip_spaces(std::string_view s, std::size_t pos);

/// Strips one trailing '.', ';', ',' or ':' and spaces ("Chánh Văn phòng." -> "Chánh Văn phòng").
std::string_view strip_trailing_punct(std::string_view s);

/// `pos` moved forward to the start of a code point (past UTF-8 continuation bytes).
std::size_t char_boundary(std::string_view s, std::size_t pos);

/// Counts code points.
std::size_t count_chars(std::string_view s);

}  // namespace tracuu::indexer::scan
