#pragma once
// The document data blob stored with every document of the index: the record
// plus a sparse map from token positions to byte offsets of the text, so that
// snippets of a 500 KB document re-analyse a few tokens, not the whole text.
//
// Layout (schema version 5), in the order readers need it, so that a hit list
// decodes a few hundred bytes of metadata and stops:
//   byte     kDocDataFormat
//   varint   length, then MessagePack of the record's metadata (record_to_json
//            without the parts below)
//   the rest: one zstd frame (Xapian then finds nothing left to deflate) of
//     varint length, then the sections as a flat binary table (encode_sections)
//     varint length, then MessagePack of {"citations", "assignments",
//            "recipients", "warnings", "pages"}
//     varint length, then the checkpoints as varint deltas
//     the rest: the reflowed text, raw UTF-8 (no JSON escaping or DOM on read)

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/record.h"
#include "schema/status.h"

namespace tracuu::schema {

/// One checkpoint every kCheckpointInterval tokens of the text.
inline constexpr std::uint32_t kCheckpointInterval = 32;

/// First byte of every document data blob of this schema version.
inline constexpr char kDocDataFormat = '\x05';

/// What the index stores per document.
struct StoredDoc {
  DocRecord record;
  /// checkpoints[k] = byte offset in record.text of the token at position k * kCheckpointInterval.
  std::vector<std::uint32_t> checkpoints;
};

/// How much of a stored document to decode.
enum class DocParts {
  Meta,      ///< id, title, number, type, issuer, dates, signer, visibility, source, hash: hit lists
  Lists,     ///< Meta + citations, assignments, recipients, warnings, pages, without decompressing the text
             ///< (the lists come before it in the body): the assignments across documents
  Snippets,  ///< Meta + sections, checkpoints and text: what snippets need
  All,       ///< all of the above: the document page
};

/// Encodes a stored document for Xapian::Document::set_data().
std::string encode_doc_data(const StoredDoc& doc);

/// Decodes document data, as far as `parts` asks (the other fields keep their defaults).
/// @return Internal when the blob is corrupt (never expected).
Result<StoredDoc> decode_doc_data(std::string_view data, DocParts parts = DocParts::All);

}  // namespace tracuu::schema
