#include "text/docnum_parse.h"

#include <algorithm>
#include <cctype>

#include "text/chars.h"
#include "text/docnum.h"
#include "text/utf8.h"
#include "text/word.h"

namespace tracuu::text {

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
  auto flush = [&]() -> bool {
    if (piece.empty()) return true;
    const bool digits = std::all_of(piece.begin(), piece.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
      numbers.push_back(piece);
    } else {
      const std::string folded = fold(piece);
      // Marks cut off from their letter by a space or a separator (PDF text, composite Unicode input,
      // "Sô ́: 66/2025/NĐ-CP") fold to nothing: no code group, or the key gets an empty one.
      if (folded.empty()) {
        piece.clear();
        return true;
      }
      if (!(folded == "so" && codes.empty() && numbers.empty())) {  // leading "số"
        if (folded.size() > 8 || !std::all_of(folded.begin(), folded.end(),
                                              [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }))
          return false;
        if (abbreviations.is_doc_type_code(folded)) known_type = true;
        codes.push_back(piece);
      }
    }
    piece.clear();
    return true;
  };
  for (std::size_t i = 0, len = 0; i < t.size(); i += len) {
    const char32_t c = decode_utf8(t, i, len);
    if (c == ' ' || c == '/' || c == '-' || c == ':' || c == '.' || c == ',' || c == '\n') {
      if (!flush()) return std::nullopt;
    } else {
      piece.append(t.substr(i, len));
    }
  }
  if (!flush()) return std::nullopt;
  if (!known_type) return std::nullopt;
  return doc_number_from_pieces(numbers, codes);
}

}  // namespace tracuu::text
