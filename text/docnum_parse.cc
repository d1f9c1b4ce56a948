#include "text/docnum_parse.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "text/chars.h"
#include "text/docnum.h"
#include "text/utf8.h"
#include "text/word.h"

namespace tracuu::text {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One or two digits at t[pos], then the end or a separator: the sub-number of "66.16 2026".
bool sub_number_follows(std::string_view t, std::size_t pos) {
  std::size_t n = 0;
  while (pos + n < t.size() && t[pos + n] >= '0' && t[pos + n] <= '9') ++n;
  if (n == 0 || n > 2) return false;
  return pos + n == t.size() || std::string_view(" /-:,\n").find(t[pos + n]) != std::string_view::npos;
}

}  // namespace

bool is_number_part(std::string_view s) {
  const std::size_t dot = s.find('.');
  if (dot == std::string_view::npos) return all_digits(s);
  const std::string_view sub = s.substr(dot + 1);
  return all_digits(s.substr(0, dot)) && all_digits(sub) && sub.size() <= 2;
}

std::optional<DocNumber> parse_doc_number(std::string_view s, const Abbreviations& abbreviations) {
  std::string cleaned;
  map_chars(s, cleaned);
  std::size_t b = 0;
  while (b < cleaned.size() && (cleaned[b] == ' ' || cleaned[b] == '\n')) ++b;
  std::size_t e = cleaned.size();
  while (e > b && (cleaned[e - 1] == ' ' || cleaned[e - 1] == '\n' || cleaned[e - 1] == '.')) --e;
  const std::string_view t(cleaned.data() + b, e - b);
  if (t.empty()) return std::nullopt;

  if (DocNumber dn; t[0] >= '0' && t[0] <= '9' && match_doc_number(t, 0, dn) == t.size()) return dn;

  // Loose form: pieces in any order, e.g. "nd-cp 66 2025", "so 346 tb ubnd".
  std::vector<std::string> numbers, codes;
  std::string piece;
  bool known_type = false;
  // Pieces are told apart on their folded form, as the key is built from it: a piece that folds to
  // nothing is no code group (the key would get an empty one), one that folds to digits is a number.
  auto flush = [&]() -> bool {
    if (piece.empty()) return true;
    const std::string raw = std::exchange(piece, {});
    const std::string folded = fold(raw);
    if (folded.empty()) return true;
    if (is_number_part(folded)) {
      numbers.push_back(folded);
      return true;
    }
    if (folded == "so" && codes.empty() && numbers.empty()) return true;  // leading "số"
    if (folded.size() > 8 || !std::all_of(folded.begin(), folded.end(),
                                          [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }))
      return false;
    if (abbreviations.is_doc_type_code(folded)) known_type = true;
    codes.push_back(raw);
    return true;
  };
  for (std::size_t i = 0, len = 0; i < t.size(); i += len) {
    const char32_t c = decode_utf8(t, i, len);
    if (c == '.' && all_digits(piece) && sub_number_follows(t, i + len)) {
      piece.push_back('.');  // "nq 66.16 2026": the sub-number stays with its number
    } else if (c == ' ' || c == '/' || c == '-' || c == ':' || c == '.' || c == ',' || c == '\n') {
      if (!flush()) return std::nullopt;
    } else if (is_combining_mark(c) && (piece.empty() || (piece.back() >= '0' && piece.back() <= '9'))) {
      // A mark cut off from its letter by a space or a separator (PDF text, composite-Unicode typing:
      // "Sô ́: 66/2025/NĐ-CP", "Sô ́66/2025/NĐ-CP") belongs to no piece: it would turn a number into a code.
    } else {
      piece.append(t.substr(i, len));
    }
  }
  if (!flush()) return std::nullopt;
  if (!known_type) return std::nullopt;
  return doc_number_from_pieces(numbers, codes);
}

}  // namespace tracuu::text
