#pragma once
// A whole string typed as a document number, in any spelling. It needs the abbreviation table (is a
// piece a document-type code?), whose words come from the tokenizer, which itself finds numbers in
// running text with text/docnum.h; so it sits above the three: docnum <- tokenizer <- abbreviations
// <- docnum_parse, and text/ has no include cycle.

#include <optional>
#include <string_view>

#include "text/abbreviations.h"
#include "text/docnum.h"

namespace tracuu::text {

/// Parses a whole string typed as a document number, in any spelling a user
/// types: "66/2025/NĐ-CP", "66/2025/nd-cp", "66-2025-ND-CP", "nd-cp 66 2025",
/// "số 346 tb-ubnd". The loose forms need a known document-type code from
/// `abbreviations` so that ordinary words with a number ("kinh te 2025") are
/// not taken for a document number.
std::optional<DocNumber> parse_doc_number(std::string_view s, const Abbreviations& abbreviations);

/// True for the number part of a document number as typed: digits, or digits and a one- or
/// two-digit sub-number ("66", "66.16"; not "1.766", a thousands separator). No bound on length.
bool is_number_part(std::string_view s);

}  // namespace tracuu::text
