#include "indexer/ingest/scan.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "text/utf8.h"

namespace tracuu::indexer::scan {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads 1..max ASCII digits at pos; returns the count (0 when none or too many).
std::size_t read_number(std::string_view s, std::size_t pos, std::size_t max, int& value) {
  std::size_t n = 0;
  value = 0;
  while (pos + n < s.size() && is_digit(s[pos + n])) {
    if (++n > max) return 0;
    value = value * 10 + (s[pos + n - 1] - '0');
  }
  return n;
}

bool valid_date(const Date& d) {
  static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < 1900 || d.year > 2099 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  if (d.day > kDays[static_cast<std::size_t>(d.month - 1)]) return false;
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  return !(d.month == 2 && d.day == 29 && !leap);
}

// "31/7/2025" at pos (separators / - . all the same within one date).
std::optional<DateMatch> match_numeric_date(std::string_view s, std::size_t pos) {
  Date d;
  std::size_t p = pos;
  std::size_t n = read_number(s, p, 2, d.day);
  if (n == 0 || p + n >= s.size()) return std::nullopt;
  p += n;
  const char sep = s[p];
  if (sep != '/' && sep != '-' && sep != '.') return std::nullopt;
  n = read_number(s, ++p, 2, d.month);
  if (n == 0 || p + n >= s.size() || s[p + n] != sep) return std::nullopt;
  p += n + 1;
  n = read_number(s, p, 4, d.year);
  if (n != 4 || !valid_date(d)) return std::nullopt;
  return DateMatch{d, pos, p + n};
}

// "27 tháng 6 năm 2021" at pos.
std::optional<DateMatch> match_worded_date(std::string_view s, std::size_t pos) {
  Date d;
  std::size_t p = pos;
  std::size_t n = read_number(s, p, 2, d.day);
  if (n == 0) return std::nullopt;
  p = skip_spaces(s, p + n);
  std::size_t end = 0;
  if (!match_word_ci(s, p, "tháng", &end)) return std::nullopt;
  p = skip_spaces(s, end);
  n = read_number(s, p, 2, d.month);
  if (n == 0) return std::nullopt;
  p = skip_spaces(s, p + n);
  if (!match_word_ci(s, p, "năm", &end)) return std::nullopt;
  p = skip_spaces(s, end);
  n = read_number(s, p, 4, d.year);
  if (n != 4 || !valid_date(d)) return std::nullopt;
  return DateMatch{d, pos, p + n};
}

// "2026-07-01" at pos (metadata tables and exports write ISO dates).
std::optional<DateMatch> match_iso_date(std::string_view s, std::size_t pos) {
  Date d;
  std::size_t p = pos;
  if (read_number(s, p, 4, d.year) != 4 || p + 4 >= s.size() || s[p + 4] != '-') return std::nullopt;
  p += 5;
  if (read_number(s, p, 2, d.month) != 2 || p + 2 >= s.size() || s[p + 2] != '-') return std::nullopt;
  p += 3;
  if (read_number(s, p, 2, d.day) != 2 || !valid_date(d)) return std::nullopt;
  return DateMatch{d, pos, p + 2};
}

}  // namespace

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

char32_t code_point_at(std::string_view s, std::size_t pos, std::size_t& len) {
  return text::decode_utf8(s, pos, len);
}

char32_t code_point_before(std::string_view s, std::size_t pos) {
  if (pos == 0 || pos > s.size()) return 0;
  std::size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  std::size_t len = 0;
  return text::decode_utf8(s, start, len);
}

bool is_letter(char32_t c) {
  return c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : u_isalpha(static_cast<UChar32>(c));
}
bool is_upper(char32_t c) {
  return c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c)));
}
bool is_lower(char32_t c) {
  return c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(static_cast<UChar32>(c));
}
bool is_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || is_letter(c);
}

char32_t first_alnum(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    const char32_t c = text::decode_utf8(s, i, len);
    if (is_alnum(c)) return c;
    // Skip what may open a sentence: quotes, brackets, dashes, asterisks, spaces.
    if (c != ' ' && c != '"' && c != '\'' && c != '(' && c != '[' && c != '*' && c != '_' && c != 0x201C &&
        c != 0x2018 && c != 0x00AB)
      return 0;
    i += len;
  }
  return 0;
}

bool is_caps(std::string_view s, std::size_t min_letters) {
  std::size_t letters = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    const char32_t c = text::decode_utf8(s, i, len);
    i += len;
    if (is_lower(c)) return false;
    if (is_letter(c)) ++letters;
  }
  return letters >= min_letters;
}

namespace {
template <typename F>
std::string map_letters(std::string_view s, F&& f) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    const char32_t c = text::decode_utf8(s, i, len);
    text::append_utf8(out, f(c, i));
    i += len;
  }
  return out;
}
char32_t lower_cp(char32_t c) {
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}
char32_t upper_cp(char32_t c) {
  return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
}
}  // namespace

std::string to_lower(std::string_view s) {
  return map_letters(s, [](char32_t c, std::size_t) { return lower_cp(c); });
}

std::string capitalize_first(std::string_view s) {
  bool done = false;
  return map_letters(s, [&](char32_t c, std::size_t) {
    if (done || !is_letter(c)) return c;
    done = true;
    return upper_cp(c);
  });
}

std::string to_title_case(std::string_view s) {
  bool word_start = true;
  return map_letters(s, [&](char32_t c, std::size_t) {
    const bool letter = is_alnum(c);
    const char32_t out = letter ? (word_start ? upper_cp(c) : lower_cp(c)) : c;
    word_start = !letter;
    return out;
  });
}

bool match_word_ci(std::string_view s, std::size_t pos, std::string_view word, std::size_t* end) {
  std::size_t i = pos, j = 0;
  while (j < word.size()) {
    if (i >= s.size()) return false;
    const auto ca = static_cast<unsigned char>(s[i]), cb = static_cast<unsigned char>(word[j]);
    if (ca < 0x80 && cb < 0x80) {  // ASCII: no table lookup
      if (ca != cb && ((ca | 0x20) != (cb | 0x20) || (ca | 0x20) < 'a' || (ca | 0x20) > 'z')) return false;
      ++i, ++j;
      continue;
    }
    if ((ca < 0x80) != (cb < 0x80)) return false;
    std::size_t li = 0, lj = 0;
    const char32_t a = text::decode_utf8(s, i, li);
    const char32_t b = text::decode_utf8(word, j, lj);
    if (a != b && lower_cp(a) != lower_cp(b)) return false;
    i += li;
    j += lj;
  }
  if (i < s.size()) {
    std::size_t len = 0;
    if (is_alnum(text::decode_utf8(s, i, len))) return false;
  }
  if (end) *end = i;
  return true;
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::size_t skip_spaces(std::string_view s, std::size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\n' || s[pos] == '\t')) ++pos;
  return pos;
}

std::string_view strip_trailing_punct(std::string_view s) {
  s = trim(s);
  while (!s.empty() && (s.back() == '.' || s.back() == ';' || s.back() == ',' || s.back() == ':')) {
    s.remove_suffix(1);
    s = trim(s);
  }
  return s;
}

std::size_t char_boundary(std::string_view s, std::size_t pos) {
  while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

std::size_t count_chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string without_parentheses(std::string_view s) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(')
      ++depth;
    else if (c == ')')
      depth = std::max(0, depth - 1);
    else if (depth == 0)
      out.push_back(c);
  }
  return collapse_spaces(out);
}

bool ends_with_word(std::string_view s, std::string_view word) {
  if (s.size() < word.size()) return false;
  const std::size_t at = s.size() - word.size();
  return (at == 0 || s[at - 1] == ' ') && match_word_ci(s, at, word);
}

std::optional<DateMatch> match_date(std::string_view s, std::size_t pos) {
  std::size_t p = pos;
  std::size_t end = 0;
  if (match_word_ci(s, p, "ngày", &end)) p = skip_spaces(s, end);
  if (p >= s.size() || !is_digit(s[p])) return std::nullopt;
  auto m = match_iso_date(s, p);
  if (!m) m = match_numeric_date(s, p);
  if (!m) m = match_worded_date(s, p);
  if (!m) return std::nullopt;
  // A longer number is not a date: "15/12/20257" (a footnote marker glued on) stays unread.
  if (m->end < s.size() && is_digit(s[m->end])) return std::nullopt;
  m->begin = pos;
  return m;
}

std::optional<DateMatch> find_date(std::string_view s, std::size_t pos, std::size_t end) {
  end = std::min(end, s.size());
  for (std::size_t i = pos; i < end; ++i) {
    if (!is_digit(s[i])) continue;
    if (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '.' || s[i - 1] == '-')) continue;
    if (auto m = match_date(s, i); m && m->end <= end) return m;
  }
  return std::nullopt;
}

}  // namespace tracuu::indexer::scan
