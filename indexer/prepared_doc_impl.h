#pragma once
// Internal: the Xapian side of PreparedDoc, shared by the builder and the writer.
#include <xapian.h>

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/document_builder.h"

namespace tracuu::indexer {

struct PreparedDoc::Impl {
  Xapian::Document doc;
  std::string id;
  std::string id_term;
  std::string content_hash;
  std::size_t text_bytes = 0;
  schema::Visibility visibility;  ///< decides the sub-database it is written to
  /// Display forms of the hashed facet ids this document uses (written as metadata).
  std::vector<std::pair<std::uint32_t, std::string>> facet_names;
};

/// Sets what `doc` holds of its validity, replacing what it held: the status at `as_of` (XHL: and
/// kSlotValidity), the dates deciding it on any day (kSlotValidFrom .. kSlotValidityDates) and, for a
/// document without an in-force date, the status a source states (XHLS:). Searches as of another day
/// (searchd's validity_on) read the last two.
void set_validity(Xapian::Document& doc, const schema::ValidityDates& dates, std::string_view as_of);

}  // namespace tracuu::indexer
