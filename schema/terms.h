#pragma once
// Building index terms from schema fields, within Xapian's term length limit.
// Token -> term rules live here: the indexer writes and the search library
// queries (and highlights) every term through these functions, so the two sides
// cannot spell a term differently.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "schema/fields.h"
#include "text/tokenizer.h"

namespace tracuu::schema {

/// The term for `value` in `field`: prefix + value. A term longer than
/// kMaxTermBytes keeps a valid UTF-8 head and ends in a hash of the whole
/// value, so distinct long values stay distinct (Omega's hash_long_term).
std::string make_term(Field field, std::string_view value);

/// `prefix` + `value`, bounded to `max_bytes` the same way (used for metadata keys too).
std::string bounded_key(std::string_view prefix, std::string_view value, std::size_t max_bytes);

/// A token's form in the folded layer, without prefix: its folded form, and for a
/// document number its key in lower case ("66/2025/nd-cp"), like every folded term.
std::string folded_form(const text::Token& token);

/// The folded-layer term of a token: "XF:" + folded_form(token).
inline std::string folded_term(const text::Token& token) {
  return make_term(Field::BodyFolded, folded_form(token));
}

/// A document number key's form in the folded layer (text::DocNumber::key in lower
/// case): "66/2025/ND-CP" -> "66/2025/nd-cp", the form of the number's token in a text.
std::string number_form(std::string_view key);

/// The folded-layer term of a document number key: "XF:66/2025/nd-cp".
inline std::string number_term(std::string_view key) {
  return make_term(Field::BodyFolded, number_form(key));
}

/// The term of a token in a free-text field (title words S, signer-name words A).
inline std::string word_term(Field field, const text::Token& token) {
  return make_term(field, folded_form(token));
}

/// The id term of a document (Q + id).
inline std::string id_term(std::string_view id) {
  return make_term(Field::Id, id);
}

/// The bigram term of two adjacent words (folded forms): "XB:dong chi".
inline std::string bigram_term(std::string_view first, std::string_view second) {
  std::string pair;
  pair.reserve(first.size() + 1 + second.size());
  pair.append(first).append(" ").append(second);
  return make_term(Field::Bigram, pair);
}

/// The id of a facet value in kSlotFacets: for years the year (2025), for months
/// yyyymm (202507), for the others a 32-bit hash of the value's filter code
/// (never 0), whose display form is stored under facet_metadata_key(id).
std::uint32_t facet_id(std::string_view code);

/// "tracuu.facet:0000abcd".
std::string facet_metadata_key(std::uint32_t id);

/// Packs the ids of one document (FacetPart order) into the kSlotFacets value.
std::string pack_facet_ids(const std::array<std::uint32_t, static_cast<std::size_t>(FacetPart::Count)>& ids);

/// Reads one id of a kSlotFacets value (0 when absent).
inline std::uint32_t unpack_facet_id(std::string_view packed, FacetPart field) {
  const std::size_t at = static_cast<std::size_t>(field) * 4;
  if (packed.size() < at + 4) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(packed.data() + at);
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

/// "YYYY-MM-DD" -> "YYYYMMDD" for date slots; empty when not an ISO date.
std::string date_slot_value(std::string_view iso_date);

}  // namespace tracuu::schema
