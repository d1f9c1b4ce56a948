#include "indexer/ingest/markers.h"

#include "indexer/ingest/scan.h"
#include "schema/codes.h"

namespace tracuu::indexer {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::size_t count_digits(std::string_view s, std::size_t pos) {
  std::size_t n = 0;
  while (pos + n < s.size() && is_digit(s[pos + n])) ++n;
  return n;
}

// Vietnamese point letters: a b c d đ e g h i k l m n o p q r s t u v x y.
std::size_t point_letter(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return 0;
  if (s.compare(pos, 2, "đ") == 0) return 2;
  const char c = s[pos];
  return (c >= 'a' && c <= 'y' && c != 'f' && c != 'j' && c != 'w') ? 1 : 0;
}

// After a marker: at least one space, then some text. Returns where the text starts.
std::optional<std::size_t> title_after(std::string_view line, std::size_t pos) {
  if (pos >= line.size() || line[pos] != ' ') return std::nullopt;
  const std::size_t t = scan::skip_spaces(line, pos);
  if (t >= line.size()) return std::nullopt;
  return t;
}

// The number of a heading word ("Chương", "Điều"...): roman or arabic, with
// dotted parts for codified articles ("1.11.LQ.1"). Returns its length.
std::size_t heading_number(std::string_view line, std::size_t pos, bool dotted_parts) {
  std::size_t n = 0;
  if (pos < line.size() && is_digit(line[pos])) {
    n = count_digits(line, pos);
    if (pos + n < line.size() && line[pos + n] >= 'a' && line[pos + n] <= 'z' &&
        (pos + n + 1 == line.size() || !scan::is_alnum(static_cast<unsigned char>(line[pos + n + 1]))))
      ++n;  // Điều 5a
  } else {
    while (pos + n < line.size() &&
           (line[pos + n] == 'I' || line[pos + n] == 'V' || line[pos + n] == 'X' || line[pos + n] == 'L'))
      ++n;
    if (n == 0 || (pos + n < line.size() && scan::is_alnum(static_cast<unsigned char>(line[pos + n])))) return 0;
  }
  while (dotted_parts && pos + n + 1 < line.size() && line[pos + n] == '.' &&
         scan::is_alnum(static_cast<unsigned char>(line[pos + n + 1]))) {
    std::size_t k = pos + n + 1;
    while (k < line.size() && (is_digit(line[k]) || (line[k] >= 'A' && line[k] <= 'Z'))) ++k;
    if (k == pos + n + 1) break;
    n = k - pos;
  }
  return n;
}

// "Điều 5. Title", "Chương II", "MỤC 1:", "Phần thứ nhất".
std::optional<Marker> heading_marker(std::string_view line) {
  struct Word {
    std::string_view word;
    MarkerStyle style;
  };
  static constexpr Word kWords[] = {{"điều", MarkerStyle::Article},
                                    {"chương", MarkerStyle::Chapter},
                                    {"mục", MarkerStyle::Section},
                                    {"phần", MarkerStyle::Part}};
  for (const Word& w : kWords) {
    std::size_t end = 0;
    if (!scan::match_word_ci(line, 0, w.word, &end)) continue;
    const std::size_t p = scan::skip_spaces(line, end);
    if (p == end) return std::nullopt;
    std::size_t n = heading_number(line, p, w.style == MarkerStyle::Article);
    if (n == 0 && w.style == MarkerStyle::Part && scan::match_word_ci(line, p, "thứ", &end)) {
      const std::size_t q = scan::skip_spaces(line, end);
      std::size_t k = q;
      while (k < line.size() && line[k] != ' ' && line[k] != '.' && line[k] != ':') ++k;
      n = k - p;
    }
    if (n == 0) return std::nullopt;
    Marker m{w.style, std::string(line.substr(p, n)), 0};
    std::size_t q = p + n;
    const bool punct = q < line.size() && (line[q] == '.' || line[q] == ':');
    if (punct) ++q;
    q = scan::skip_spaces(line, q);
    if (q < line.size() && line.compare(q, 2, "- ") == 0) q = scan::skip_spaces(line, q + 1);
    // Without its punctuation only a bare heading or an all-caps title counts.
    if (!punct && q < line.size() && !scan::is_caps(line.substr(q), 2)) return std::nullopt;
    m.title_begin = q;
    return m;
  }
  return std::nullopt;
}

std::optional<Marker> numbered_marker(std::string_view line) {
  const std::size_t n = count_digits(line, 0);
  if (n == 0 || n > 3 || n >= line.size()) return std::nullopt;
  // Dotted: 1.1. / 1.1 / 2.3.4.
  std::size_t p = n;
  int parts = 1;
  while (p + 1 < line.size() && line[p] == '.' && is_digit(line[p + 1])) {
    const std::size_t d = count_digits(line, p + 1);
    if (d > 2) return std::nullopt;  // 1.000
    p += 1 + d;
    ++parts;
  }
  if (parts > 1) {
    const bool dot = p < line.size() && line[p] == '.';
    const auto t = title_after(line, dot ? p + 1 : p);
    if (!t || (!dot && !scan::is_upper(scan::first_alnum(line.substr(*t))))) return std::nullopt;
    return Marker{MarkerStyle::Dotted, std::string(line.substr(0, p)), *t};
  }
  if (line[n] != '.' && line[n] != ')') return std::nullopt;
  const auto t = title_after(line, n + 1);
  if (!t) return std::nullopt;
  return Marker{MarkerStyle::Arabic, std::string(line.substr(0, n)), *t};
}

std::optional<Marker> roman_marker(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && (line[n] == 'I' || line[n] == 'V' || line[n] == 'X')) ++n;
  if (n == 0 || n >= line.size() || (line[n] != '.' && line[n] != ')')) return std::nullopt;
  if (roman_value(line.substr(0, n)) == 0) return std::nullopt;
  const auto t = title_after(line, n + 1);
  if (!t) return std::nullopt;
  return Marker{MarkerStyle::Roman, std::string(line.substr(0, n)), *t};
}

std::optional<Marker> letter_marker(std::string_view line) {
  const std::size_t n = point_letter(line, 0);
  if (n == 0 || n >= line.size()) return std::nullopt;
  if (line[n] != ')' && line[n] != '.') return std::nullopt;
  const auto t = title_after(line, n + 1);
  if (!t) return std::nullopt;
  // "a." is rarer than "a)" and may be an initial; it needs a capital after it.
  if (line[n] == '.' && !scan::is_upper(scan::first_alnum(line.substr(*t)))) return std::nullopt;
  return Marker{MarkerStyle::Letter, std::string(line.substr(0, n)), *t};
}

std::optional<Marker> paren_marker(std::string_view line) {
  if (line.size() < 4 || line[0] != '(') return std::nullopt;
  std::size_t n = count_digits(line, 1);
  if (n == 0) n = point_letter(line, 1);
  if (n == 0 || n > 2 || 1 + n >= line.size() || line[1 + n] != ')') return std::nullopt;
  const auto t = title_after(line, n + 2);
  if (!t) return std::nullopt;
  return Marker{MarkerStyle::Paren, std::string(line.substr(1, n)), *t};
}

}  // namespace

int roman_value(std::string_view s) {
  static constexpr std::string_view kUnits[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
  static constexpr std::string_view kTens[] = {"", "X", "XX", "XXX"};
  for (int tens = 3; tens >= 0; --tens) {
    const auto t = kTens[tens];
    if (s.substr(0, t.size()) != t) continue;
    const auto rest = s.substr(t.size());
    for (int u = 0; u < 10; ++u)
      if (rest == kUnits[u] && (tens > 0 || u > 0)) return tens * 10 + u;
  }
  return 0;
}

std::optional<Marker> parse_marker(std::string_view line) {
  if (line.empty()) return std::nullopt;
  const char c = line[0];
  if (c >= '0' && c <= '9') return numbered_marker(line);
  if (c == '(') return paren_marker(line);
  if (c == 'I' || c == 'V' || c == 'X')
    if (auto m = roman_marker(line)) return m;
  if (auto m = heading_marker(line)) return m;
  return letter_marker(line);
}

std::string_view after_marker(std::string_view line) {
  const auto m = parse_marker(line);
  return m ? line.substr(std::min(line.size(), m->title_begin)) : line;
}

bool starts_with_proper_term(std::string_view line) {
  static constexpr std::string_view kTerms[] = {
      "Sở",         "Bộ",       "Ban",          "Cục",      "Vụ",        "Ủy ban",    "Uỷ ban",   "Hội đồng",
      "Văn phòng",  "Tỉnh ủy",  "Tỉnh uỷ",      "Huyện ủy", "Đảng ủy",   "Chính phủ", "Quốc hội", "Thủ tướng",
      "Trung ương", "Nhà nước", "Nhân dân",     "Công an",  "Thanh tra", "Kho bạc",   "Đoàn",     "Mặt trận",
      "Đảng",       "Chủ tịch", "Phó Chủ tịch", "Điều",     "Chương",    "Khoản",     "Mục",      "Phụ lục"};
  for (std::string_view t : kTerms)
    if (scan::starts_with_word_ci(line, t)) return true;
  for (const schema::DocType& type : schema::kDocTypes)
    if (scan::starts_with_word_ci(line, type.display)) return true;
  const std::size_t sp = line.find(' ');
  const std::string_view first = line.substr(0, sp);
  if (scan::is_caps(first, 2)) return true;  // UBND, CTMTQG
  std::size_t len = 0;
  return sp != std::string_view::npos && scan::is_upper(scan::code_point_at(line, sp + 1, len));
}

int marker_rank(MarkerStyle style) {
  return static_cast<int>(style);
}

std::size_t bullet_length(std::string_view line) {
  static constexpr std::string_view kBullets[] = {"- ", "– ", "+ ", "* ", "• ", "· ", "▪ ", "◦ ", "~ "};
  for (std::string_view b : kBullets)
    if (line.substr(0, b.size()) == b) return scan::skip_spaces(line, b.size());
  return 0;
}

}  // namespace tracuu::indexer
