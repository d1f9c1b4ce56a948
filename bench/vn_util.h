#pragma once
// Small Unicode helpers shared by the benchmark programs. They use ICU directly,
// not text/, so the peers' query handling never depends on tracuu's analyser.

#include <string>
#include <string_view>
#include <vector>

namespace tracuu::bench {

/// Removes every combining mark (NFD, drop Mn, NFC) and maps đ/Đ to d/D, which
/// have no decomposition: "Nghị định" -> "Nghi dinh". This is what a user typing
/// without diacritics produces.
std::string strip_marks(std::string_view utf8);

/// Upper case ("Lạng Sơn" -> "LẠNG SƠN"), for document headers.
std::string to_upper(std::string_view utf8);

/// Lower case.
std::string to_lower(std::string_view utf8);

/// The NFD form (as some PDF extractors and Mac keyboards write).
std::string to_nfd(std::string_view utf8);

/// The words of a query: maximal runs of letters, marks and digits, lower-cased
/// (NFC). "Nghị định 24/2021/NĐ-CP?" -> {"nghị", "định", "24", "2021", "nđ", "cp"}.
/// Every engine receives these same words, each in its own query syntax.
std::vector<std::string> query_words(std::string_view utf8);

/// Joins `words` with `sep`.
std::string join(const std::vector<std::string>& words, std::string_view sep);

}  // namespace tracuu::bench
