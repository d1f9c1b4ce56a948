#pragma once
// Internal: the Xapian side of PreparedDoc, shared by the builder and the writer.
#include <xapian.h>

#include "indexer/document_builder.h"

namespace tracuu::indexer {

struct PreparedDoc::Impl {
  Xapian::Document doc;
  std::string id;
  std::string id_term;
  std::string content_hash;
  std::size_t text_bytes = 0;
};

}  // namespace tracuu::indexer
