#pragma once
// Building index terms from schema fields, within Xapian's term length limit.

#include <string>
#include <string_view>

#include "schema/fields.h"

namespace tracuu::schema {

/// The term for `value` in `field`: prefix + value. A term longer than
/// kMaxTermBytes keeps a valid UTF-8 head and ends in a hash of the whole
/// value, so distinct long values stay distinct (Omega's hash_long_term).
std::string make_term(Field field, std::string_view value);

/// `prefix` + `value`, bounded to `max_bytes` the same way (used for metadata keys too).
std::string bounded_key(std::string_view prefix, std::string_view value, std::size_t max_bytes);

/// The id term of a document (Q + id).
inline std::string id_term(std::string_view id) { return make_term(Field::Id, id); }

/// The bigram term of two adjacent words (folded forms): "XB:dong chi".
inline std::string bigram_term(std::string_view first, std::string_view second) {
  std::string pair;
  pair.reserve(first.size() + 1 + second.size());
  pair.append(first).append(" ").append(second);
  return make_term(Field::Bigram, pair);
}

/// "YYYY-MM-DD" -> "YYYYMMDD" for date slots; empty when not an ISO date.
std::string date_slot_value(std::string_view iso_date);

}  // namespace tracuu::schema
