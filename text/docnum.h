#pragma once
// Document numbers (số hiệu văn bản): 66/2025/NĐ-CP, 49-NQ/TU, 346/TB-UBND,
// 865/QĐ-TTg, 59/2020/QH14. One display form and one canonical key per number,
// so every spelling of one number is one index term.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu::text {

/// A recognised document number.
struct DocNumber {
  std::string display;  ///< as written, NFC, without spaces or line breaks: "346/TB-UBND"
  std::string key;      ///< canonical ASCII: number without leading zeros, year, codes
                        ///< upper case with Đ -> D, in a fixed layout: "66/2025/ND-CP"
};

/// Builds the canonical key from the parts of a number.
/// @param number digits of the number (leading zeros are dropped)
/// @param year   four-digit year or empty
/// @param codes  letter groups in order ("NĐ", "CP"), any case, đ allowed
std::string doc_number_key(std::string_view number, std::string_view year, const std::vector<std::string>& codes);

/// Matches a document number written in running text, starting at byte `pos`
/// (which must be an ASCII digit).
///
/// Accepted shapes: `N/CODE[-CODE...]`, `N/YYYY/CODE[-CODE...]`,
/// `N-CODE/CODE` (party style, 49-NQ/TU), `N-YYYY-CODE[-CODE...]`; spaces
/// before the first slash when an upper-case code follows (`346 /TB-UBND`),
/// and line breaks after a separator (`49-\nNQ/TU`). Lower-case codes count
/// only with a year or two code groups, so `5/ha` is not a number.
/// @return bytes consumed from `pos` (0 when there is no number there).
std::size_t match_doc_number(std::string_view text, std::size_t pos, DocNumber& out);

/// The number made of loose pieces, as a user types them in any order ("nd-cp 66 2025"): one or two
/// digit runs (the number, and a year before or after it) and one to four code groups as written
/// (any case, đ allowed). The display form upper-cases the codes: "66/2025/NĐ-CP".
/// @return nullopt when the pieces make no number (two digit runs, neither a year; a number of over
///         six digits; no code or more than four).
std::optional<DocNumber> doc_number_from_pieces(const std::vector<std::string>& numbers,
                                                const std::vector<std::string>& codes);

/// A document number given in part, as people write it far more often than in
/// full: type + number + year ("nghị định 161/2026", "nd 161 2026", "luật
/// 24/2018", "NĐ 161"). The issuer suffix and sometimes the year are left out.
struct DocNumberPattern {
  std::string number;              ///< digits, no leading zeros
  std::string year;                ///< four digits, or empty: any year
  std::vector<std::string> codes;  ///< leading codes, upper-case ASCII ("ND"); empty: any
};

/// The pattern a canonical key gives when taken as a prefix ("161/2026/ND").
std::optional<DocNumberPattern> pattern_of_key(std::string_view key);

/// True when the canonical key `key` ("161/2026/ND-CP", "24/2018/QH14") is a
/// number `pattern` describes: same number, same year when the pattern has one,
/// and the pattern's codes leading the key's ("QH" matches "QH14"); "NQ" also matches the
/// National Assembly's resolutions, numbered with its code alone ("31/2026/QH16"), and "PL" the
/// Standing Committee's ordinances ("02/2012/UBTVQH13"). A number may carry a sub-number ("66.16").
bool matches_pattern(std::string_view key, const DocNumberPattern& pattern);

}  // namespace tracuu::text
