#pragma once
// The document data blob stored with every document of the index: the record
// plus a sparse map from token positions to byte offsets of the text, so that
// snippets of a 500 KB document re-analyse a few tokens, not the whole text.
// Encoding: MessagePack of record_to_json() plus "_cp" (delta-coded checkpoints).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/record.h"
#include "schema/status.h"

namespace tracuu::schema {

/// One checkpoint every kCheckpointInterval tokens of the text.
inline constexpr std::uint32_t kCheckpointInterval = 32;

/// What the index stores per document.
struct StoredDoc {
  DocRecord record;
  /// checkpoints[k] = byte offset in record.text of the token at position k * kCheckpointInterval.
  std::vector<std::uint32_t> checkpoints;
};

/// Encodes a stored document for Xapian::Document::set_data().
std::string encode_doc_data(const StoredDoc& doc);

/// Decodes document data.
/// @return IndexVersionMismatch-free: Internal when the blob is corrupt (never expected).
Result<StoredDoc> decode_doc_data(std::string_view data);

}  // namespace tracuu::schema
