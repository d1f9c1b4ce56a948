#include "text/tokenizer.h"

#include <unicode/uchar.h>

#include "text/chars.h"
#include "text/docnum.h"
#include "text/utf8.h"
#include "text/word.h"

namespace tracuu::text {
namespace {

bool is_ascii_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_alpha(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

// Letters outside the Vietnamese table that still make words (ü, Cyrillic, CJK...).
bool is_other_word_char(char32_t cp) {
  if (cp == kReplacementChar) return false;
  const auto type = u_charType(static_cast<UChar32>(cp));
  return u_isalpha(static_cast<UChar32>(cp)) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
         type == U_DECIMAL_DIGIT_NUMBER;
}

// Reads an unsigned decimal of 1..max digits at s[p]; returns digit count.
std::size_t read_int(std::string_view s, std::size_t p, std::size_t max, int& value) {
  std::size_t n = 0;
  value = 0;
  while (p + n < s.size() && n < max && is_ascii_digit(static_cast<unsigned char>(s[p + n]))) {
    value = value * 10 + (s[p + n] - '0');
    ++n;
  }
  return n;
}

bool word_char_at(std::string_view s, std::size_t p) {
  if (p >= s.size()) return false;
  const auto c = static_cast<unsigned char>(s[p]);
  if (c < 0x80) return is_ascii_alpha(c) || is_ascii_digit(c);
  std::size_t len = 0;
  const char32_t cp = map_char(decode_utf8(s, p, len));
  Letter l;
  return decode_letter(cp, l) || is_combining_mark(cp) || is_other_word_char(cp);
}

void append_two(std::string& out, int v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

const char* to_string(TokenKind kind) {
  switch (kind) {
    case TokenKind::Word: return "word";
    case TokenKind::Number: return "number";
    case TokenKind::Date: return "date";
    case TokenKind::DocNumber: return "docnum";
  }
  return "word";
}

Analyzer::Analyzer(std::string_view text, std::uint32_t first_position) : text_(text), position_(first_position) {
  letters_.reserve(32);
}

bool Analyzer::next(Token& out) {
  const std::size_t n = text_.size();
  while (pos_ < n) {
    const auto c = static_cast<unsigned char>(text_[pos_]);
    if (c < 0x80) {
      if (is_ascii_digit(c)) return scan_from_digit(out);
      if (is_ascii_alpha(c)) return scan_word(out);
      ++pos_;
      continue;
    }
    std::size_t len = 0;
    const char32_t cp = map_char(decode_utf8(text_, pos_, len));
    Letter l;
    if (cp != kDropped && !is_combining_mark(cp) && (decode_letter(cp, l) || is_other_word_char(cp))) {
      return scan_word(out);
    }
    pos_ += len;  // separator, stray mark or dropped character
  }
  return false;
}

bool Analyzer::scan_word(Token& out) {
  const std::size_t begin = pos_;
  const std::size_t n = text_.size();
  letters_.clear();
  bool slow = false, non_ascii = false, digits = false;
  std::size_t p = pos_;
  while (p < n) {
    const auto c = static_cast<unsigned char>(text_[p]);
    if (c < 0x80) {
      if (is_ascii_alpha(c)) {
        if (digits && non_ascii) break;
        letters_.push_back(Letter{static_cast<char>(c | 0x20), Modifier::None, Tone::None, c < 'a'});
        ++p;
        continue;
      }
      if (is_ascii_digit(c)) {
        if (non_ascii) break;  // footnote markers glued to words: "hoạch1" -> "hoạch" "1"
        digits = true;
        letters_.push_back(Letter{static_cast<char>(c), Modifier::None, Tone::None, false});
        ++p;
        continue;
      }
      break;
    }
    std::size_t len = 0;
    const char32_t cp = map_char(decode_utf8(text_, p, len));
    if (cp == kDropped) {
      p += len;
      continue;
    }
    Letter l;
    if (decode_letter(cp, l)) {
      if (digits) break;
      non_ascii = true;
      letters_.push_back(l);
      p += len;
      continue;
    }
    if (is_combining_mark(cp)) {
      if (!slow && (letters_.empty() || !apply_combining_mark(cp, letters_.back()))) slow = true;
      non_ascii = true;
      p += len;
      continue;
    }
    if (is_other_word_char(cp)) {  // includes full-width digits, read through ICU
      slow = true;
      non_ascii = true;
      p += len;
      continue;
    }
    break;
  }
  pos_ = p;
  out.kind = TokenKind::Word;
  out.position = position_++;
  out.begin = begin;
  out.end = p;
  out.display.clear();
  if (slow) {
    detail::slow_word_forms(text_.substr(begin, p - begin), out.exact, out.folded);
    return true;
  }
  canonicalize_tone(letters_);
  out.exact.clear();
  out.folded.clear();
  for (const Letter& l : letters_) {
    append_exact(out.exact, l);
    append_folded(out.folded, l);
  }
  return true;
}

bool Analyzer::scan_date(Token& out) {
  // D/M/YYYY, D-M-YYYY, D.M.YYYY, or M/YYYY; the separator is the same throughout.
  int a = 0, b = 0, y = 0;
  std::size_t p = pos_;
  const std::size_t na = read_int(text_, p, 2, a);
  if (na == 0 || p + na >= text_.size()) return false;
  p += na;
  const char sep = text_[p];
  if (sep != '/' && sep != '-' && sep != '.') return false;
  ++p;
  const std::size_t nb = read_int(text_, p, 4, b);
  if (nb == 0) return false;
  p += nb;
  int day = 0, month = 0;
  if (nb == 4 && sep == '/') {  // M/YYYY
    month = a, y = b;
  } else if (nb <= 2 && p < text_.size() && text_[p] == sep) {
    ++p;
    if (read_int(text_, p, 4, y) != 4) return false;
    p += 4;
    day = a, month = b;
    if (day < 1 || day > 31) return false;
  } else {
    return false;
  }
  if (month < 1 || month > 12 || y < 1900 || y > 2100) return false;
  if (word_char_at(text_, p)) return false;
  out.kind = TokenKind::Date;
  out.position = position_++;
  out.begin = pos_;
  out.end = p;
  out.exact.clear();
  out.exact += std::to_string(y);
  out.exact.push_back('-');
  append_two(out.exact, month);
  if (day != 0) {
    out.exact.push_back('-');
    append_two(out.exact, day);
  }
  out.folded = out.exact;
  out.display.clear();
  pos_ = p;
  return true;
}

bool Analyzer::scan_from_digit(Token& out) {
  DocNumber dn;
  if (const std::size_t len = match_doc_number(text_, pos_, dn); len > 0) {
    out.kind = TokenKind::DocNumber;
    out.position = position_++;
    out.begin = pos_;
    out.end = pos_ + len;
    out.exact = dn.key;
    out.folded = dn.key;
    out.display = std::move(dn.display);
    pos_ += len;
    return true;
  }
  if (scan_date(out)) return true;

  // Number: digits with '.'/',' groups (1.234,5). Digits running into ASCII letters make a word (5g, 10kv).
  const std::size_t begin = pos_;
  std::size_t p = pos_;
  bool grouped = false;
  while (p < text_.size()) {
    const auto c = static_cast<unsigned char>(text_[p]);
    if (is_ascii_digit(c)) {
      ++p;
    } else if ((c == '.' || c == ',') && p + 1 < text_.size() &&
               is_ascii_digit(static_cast<unsigned char>(text_[p + 1]))) {
      grouped = true;
      ++p;
    } else {
      break;
    }
  }
  if (!grouped && p < text_.size() && is_ascii_alpha(static_cast<unsigned char>(text_[p]))) {
    return scan_word(out);
  }
  out.kind = TokenKind::Number;
  out.position = position_++;
  out.begin = begin;
  out.end = p;
  std::string_view digits = text_.substr(begin, p - begin);
  if (!grouped) {
    while (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
  }
  out.exact.assign(digits);
  out.folded.assign(digits);
  out.display.clear();
  pos_ = p;
  return true;
}

bool joins_words(std::string_view gap) {
  for (std::size_t i = 0, len = 0; i < gap.size(); i += len) {
    const char32_t cp = map_char(decode_utf8(gap, i, len));
    switch (cp) {
      case ' ':
      case '-':
      case 0x2013:
      case 0x2014:
      case kDropped: continue;
      default: return false;
    }
  }
  return true;
}

std::vector<Token> analyze(std::string_view text, std::uint32_t first_position) {
  std::vector<Token> tokens;
  Analyzer analyzer(text, first_position);
  Token t;
  while (analyzer.next(t)) tokens.push_back(t);
  return tokens;
}

}  // namespace tracuu::text
