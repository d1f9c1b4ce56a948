#include "text/docnum.h"

#include <algorithm>
#include <cctype>

#include "text/chars.h"
#include "text/utf8.h"
#include "text/word.h"

namespace tracuu::text {
namespace {

constexpr char32_t kDStroke = 0x0110, kdStroke = 0x0111;

bool is_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
bool is_upper_code_letter(char32_t c) {
  return (c >= 'A' && c <= 'Z') || c == kDStroke;
}
bool is_code_letter(char32_t c) {
  return is_upper_code_letter(c) || (c >= 'a' && c <= 'z') || c == kdStroke;
}

// Reads mapped code points from the original text, skipping removed characters.
class Scanner {
 public:
  Scanner(std::string_view s, std::size_t pos) : s_(s), pos_(pos) {}
  std::size_t pos() const { return pos_; }
  void seek(std::size_t pos) { pos_ = pos; }
  bool done() const { return pos_ >= s_.size(); }
  char32_t peek() const {
    std::size_t p = pos_;
    return peek_at(p);
  }
  char32_t take() {
    std::size_t p = pos_;
    const char32_t c = peek_at(p);
    pos_ = p;
    return c;
  }

 private:
  // Returns the code point at p (0 at end) and moves p past it and past dropped characters before it.
  char32_t peek_at(std::size_t& p) const {
    while (p < s_.size()) {
      std::size_t len = 0;
      const char32_t c = map_char(decode_utf8(s_, p, len));
      p += len;
      if (c != kDropped) return c;
    }
    return 0;
  }
  std::string_view s_;
  std::size_t pos_;
};

bool is_space(char32_t c) {
  return c == ' ';
}
bool is_space_or_newline(char32_t c) {
  return c == ' ' || c == '\n';
}

void skip_while(Scanner& sc, bool (*pred)(char32_t)) {
  while (!sc.done()) {
    const std::size_t save = sc.pos();
    if (!pred(sc.take())) {
      sc.seek(save);
      return;
    }
  }
}

std::string read_digits(Scanner& sc, std::size_t max) {
  std::string d;
  while (d.size() <= max) {
    const std::size_t save = sc.pos();
    const char32_t c = sc.take();
    if (!is_digit(c)) {
      sc.seek(save);
      break;
    }
    d.push_back(static_cast<char>(c));
  }
  return d;
}

// A code group: a letter, then letters or digits (NĐ, TTg, QH14, UBND).
std::string read_code(Scanner& sc) {
  std::string code;
  std::size_t count = 0;
  while (count < 12) {
    const std::size_t save = sc.pos();
    const char32_t c = sc.take();
    if (!(is_code_letter(c) || (count > 0 && is_digit(c)))) {
      sc.seek(save);
      break;
    }
    append_utf8(code, c);
    ++count;
  }
  // Letters beyond the code alphabet (Vietnamese vowels, marks) continue a word: "TBà" is not a code.
  const std::size_t save = sc.pos();
  const char32_t next = sc.take();
  sc.seek(save);
  Letter letter;
  if (count == 12 || decode_letter(next, letter) || is_combining_mark(next)) return {};
  return code;
}

bool is_year(std::string_view d) {
  if (d.size() != 4) return false;
  const int y = std::stoi(std::string(d));
  return y >= 1945 && y <= 2099;
}

// After a separator: optional spaces and line breaks when an upper-case code or a year follows.
void skip_break(Scanner& sc) {
  const std::size_t save = sc.pos();
  skip_while(sc, is_space_or_newline);
  const char32_t c = sc.peek();
  if (sc.pos() != save && !(is_upper_code_letter(c) || is_digit(c))) sc.seek(save);
}

std::string strip_spaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n') out.push_back(c);
  return out;
}

}  // namespace

std::string doc_number_key(std::string_view number, std::string_view year, const std::vector<std::string>& codes) {
  std::string key;
  std::size_t z = 0;
  while (z + 1 < number.size() && number[z] == '0' && number[z + 1] != '.') ++z;
  key.append(number.substr(z));
  if (!year.empty()) key.append("/").append(year);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    key.push_back(i == 0 ? '/' : '-');
    for (char c : fold(codes[i])) key.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return key;
}

std::size_t match_doc_number(std::string_view text, std::size_t pos, DocNumber& out) {
  Scanner sc(text, pos);
  std::string number = read_digits(sc, 6);
  if (number.empty() || number.size() > 6) return 0;
  // A sub-number after a dot: the Government's series "66.16/2026/NQ-CP". One or two digits
  // only: "1.766/QĐ-UBND" is a thousands separator, which stays no number as before.
  {
    const std::size_t save = sc.pos();
    if (sc.take() == '.') {
      const std::string sub = read_digits(sc, 2);
      const char32_t next = sc.peek();
      if (!sub.empty() && sub.size() <= 2 && (next == '/' || next == '-'))
        number.append(".").append(sub);
      else
        sc.seek(save);
    } else {
      sc.seek(save);
    }
  }
  std::string display = number;

  // First separator, with spaces before it only in the "346 /TB-UBND" shape.
  const std::size_t after_number = sc.pos();
  skip_while(sc, is_space);
  const bool spaced = sc.pos() != after_number;
  const char32_t sep1 = sc.take();
  if (sep1 != '/' && sep1 != '-') return 0;
  if (spaced && sep1 != '/') return 0;
  display.push_back(static_cast<char>(sep1));
  skip_break(sc);

  std::string year;
  {
    const std::size_t save = sc.pos();
    std::string y = read_digits(sc, 4);
    const char32_t sep = sc.take();
    if (is_year(y) && (sep == '/' || sep == '-')) {
      year = y;
      display.append(y).push_back(static_cast<char>(sep));
      skip_break(sc);
    } else {
      sc.seek(save);
    }
  }
  if (spaced && !is_upper_code_letter(sc.peek())) return 0;

  std::vector<std::string> codes;
  std::vector<char> separators;  // separator before each code after the first
  std::size_t end = 0;
  for (;;) {
    std::string code = read_code(sc);
    if (code.empty()) break;
    codes.push_back(code);
    display.append(code);
    end = sc.pos();
    if (codes.size() == 4) break;
    const std::size_t save = sc.pos();
    const char32_t sep = sc.take();
    if (sep != '-' && sep != '/') {
      sc.seek(save);
      break;
    }
    skip_break(sc);
    if (!is_code_letter(sc.peek())) {  // a trailing dash is punctuation, not part of the number
      sc.seek(save);
      break;
    }
    separators.push_back(static_cast<char>(sep));
    display.push_back(static_cast<char>(sep));
  }
  if (codes.empty()) return 0;
  const char32_t first = [&] {
    std::size_t len = 0;
    return decode_utf8(codes[0], 0, len);
  }();
  const bool upper = is_upper_code_letter(first);
  if (!upper && year.empty() && codes.size() < 2) return 0;
  if (codes[0].size() < 2 && codes.size() < 2) return 0;
  if (sep1 == '-' && year.empty() && (separators.empty() || separators[0] != '/')) return 0;

  out.display = strip_spaces(display);
  out.key = doc_number_key(number, year, codes);
  return end - pos;
}

std::optional<DocNumber> doc_number_from_pieces(const std::vector<std::string>& numbers,
                                                const std::vector<std::string>& codes) {
  if (codes.empty() || codes.size() > 4 || numbers.empty() || numbers.size() > 2) return std::nullopt;
  DocNumber dn;
  std::string number = numbers[0], year;
  if (numbers.size() == 2) {
    if (is_year(numbers[1])) {
      year = numbers[1];
    } else if (is_year(numbers[0])) {
      year = numbers[0];
      number = numbers[1];
    } else {
      return std::nullopt;
    }
  }
  if (number.size() > 6) return std::nullopt;
  dn.key = doc_number_key(number, year, codes);
  dn.display = number + (year.empty() ? "" : "/" + year);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    dn.display += i == 0 ? "/" : "-";
    std::string up;
    for (std::size_t k = 0, len = 0; k < codes[i].size(); k += len) {
      const char32_t c = decode_utf8(codes[i], k, len);
      append_utf8(up,
                  c == kdStroke ? kDStroke : (c < 0x80 ? static_cast<char32_t>(std::toupper(static_cast<int>(c))) : c));
    }
    dn.display += up;
  }
  return dn;
}

}  // namespace tracuu::text

namespace tracuu::text {
namespace {

struct KeyParts {
  std::string_view number, year;
  std::vector<std::string_view> codes;
};

// "161/2026/ND-CP" -> 161, 2026, {ND, CP}; "346/TB-UBND" -> 346, "", {TB, UBND}.
std::optional<KeyParts> split_key(std::string_view key) {
  KeyParts k;
  const std::size_t slash = key.find('/');
  if (slash == 0 || slash == std::string_view::npos) return std::nullopt;
  k.number = key.substr(0, slash);
  std::string_view rest = key.substr(slash + 1);
  if (rest.size() >= 4 && std::all_of(rest.begin(), rest.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
      (rest.size() == 4 || rest[4] == '/')) {
    k.year = rest.substr(0, 4);
    rest = rest.size() == 4 ? std::string_view() : rest.substr(5);
  }
  while (!rest.empty()) {
    const std::size_t dash = rest.find('-');
    k.codes.push_back(rest.substr(0, dash));
    rest = dash == std::string_view::npos ? std::string_view() : rest.substr(dash + 1);
  }
  return k;
}

}  // namespace

std::optional<DocNumberPattern> pattern_of_key(std::string_view key) {
  const auto k = split_key(key);
  if (!k) return std::nullopt;
  DocNumberPattern p{std::string(k->number), std::string(k->year), {}};
  for (auto c : k->codes) p.codes.emplace_back(c);
  return p;
}

bool matches_pattern(std::string_view key, const DocNumberPattern& pattern) {
  const auto k = split_key(key);
  if (!k || k->number != pattern.number) return false;
  if (!pattern.year.empty() && k->year != pattern.year) return false;
  if (pattern.codes.size() > k->codes.size()) return false;
  // "QH" matches "QH14": a code, then digits only.
  auto code_is = [](std::string_view c, std::string_view want) {
    return c.substr(0, want.size()) == want &&
           std::all_of(c.begin() + static_cast<long>(std::min(want.size(), c.size())), c.end(),
                       [](char ch) { return ch >= '0' && ch <= '9'; });
  };
  for (std::size_t i = 0; i < pattern.codes.size(); ++i) {
    const std::string_view c = k->codes[i], want = pattern.codes[i];
    if (code_is(c, want)) continue;
    // Resolutions of the National Assembly and of its Standing Committee carry the
    // issuer's code alone ("nghị quyết 31/2026" is 31/2026/QH16, 12/2026/UBTVQH15).
    if (i == 0 && want == "NQ" && (code_is(c, "QH") || code_is(c, "UBTVQH"))) continue;
    // The Standing Committee's ordinances too, since 2008 ("pháp lệnh 02/2012" is 02/2012/UBTVQH13).
    if (i == 0 && want == "PL" && code_is(c, "UBTVQH")) continue;
    return false;
  }
  return true;
}

}  // namespace tracuu::text
