#pragma once
// The document data blob stored with every document of the index: the record
// plus a sparse map from token positions to byte offsets of the text, so that
// snippets of a 500 KB document re-analyse a few tokens, not the whole text.
//
// Layout (schema version 12), in the order readers need it, so that a hit list
// decodes a few hundred bytes of metadata and stops:
//   byte     kDocDataFormat
//   varint   length, then a zstd frame of the MessagePack of the record's
//            metadata (record_to_json without the parts below)
//   varint   length, then a zstd frame of the layout, what snippets need:
//     varint length, then the sections' spans: a count, then per section its
//            level, body begin (less the previous one's, zigzag), body length
//            (zigzag) and record length as varints
//     varint length, then the checkpoints as varint deltas
//     varint the text's length in bytes
//     varint the sections' records' length in bytes
//   varint   length, then a zstd frame of the MessagePack of {"citations",
//            "assignments", "recipients", "warnings", "pages"}
//   the sections' records (encode_sections of each section alone, back to
//            back) kTextChunkBytes at a time as the text below: a snippet
//            finds its section in the spans and decompresses the chunk of its
//            record (a codified law has thousands of sections, 160 KB a text on
//            average in vn-legal, that a hit list decoded whole per hit)
//   the rest: the reflowed text (raw UTF-8) kTextChunkBytes at a time, each
//            chunk a varint length and a zstd frame of its own, so that a
//            snippet decompresses only the chunks its passage lies in.
// Every part is a zstd frame (levels in docdata.cc): Glass deflates any
// document data that zlib can shorten by one byte, and then inflates all of it
// on every read; zstd's level 1 output of long texts often could be shortened
// (86 % of vn-legal's bytes), these frames rarely are (1 of vn-legal's 568
// document data, with Glass's own zlib settings).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/record.h"
#include "schema/status.h"

struct ZSTD_DCtx_s;  // zstd.h's ZSTD_DCtx

namespace tracuu::schema {

/// One checkpoint every kCheckpointInterval tokens of the text.
inline constexpr std::uint32_t kCheckpointInterval = 32;

/// First byte of every document data blob of this schema version.
inline constexpr char kDocDataFormat = '\x07';

/// Bytes of text per compressed chunk: a snippet decompresses about this much per passage. Smaller chunks
/// compress worse (vn-legal's texts in 16 KiB chunks: +50 % against one frame per text; 32 KiB: +34 %).
inline constexpr std::size_t kTextChunkBytes = 32 * 1024;

/// A stored document's text, still compressed in chunks (DocParts::Snippets): a reader of a few passages
/// decompresses only the chunks that hold them, each once. Copies share one zstd context: not for two threads.
class StoredText {
 public:
  /// Bytes in the whole text.
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  /// Bytes [begin, end) of the text, clamped to its end; nullopt when a chunk is corrupt.
  std::optional<std::string> range(std::size_t begin, std::size_t end) const;

  /// The text of `size` bytes whose chunks are `frames`, each frame ending at the offset `ends` gives, read with
  /// `context` (one zstd context for all of a document's frames: zstd would allocate one per frame).
  StoredText(std::string frames, std::vector<std::size_t> ends, std::size_t size, std::shared_ptr<ZSTD_DCtx_s> context)
      : frames_(std::move(frames)),
        ends_(std::move(ends)),
        chunks_(ends_.size()),
        size_(size),
        context_(std::move(context)) {}
  StoredText() = default;

 private:
  const std::string* chunk(std::size_t k) const;

  std::string frames_;                       ///< the chunks' zstd frames, back to back
  std::vector<std::size_t> ends_;            ///< where each chunk's frame ends in frames_
  mutable std::vector<std::string> chunks_;  ///< chunks decompressed so far ("" when not yet)
  std::size_t size_ = 0;
  std::shared_ptr<ZSTD_DCtx_s> context_;
};

/// A stored document's sections as DocParts::Snippets leaves them: their spans, and their records (numbers,
/// titles, anchors) compressed in chunks like the text until a section is asked for.
class StoredSections {
 public:
  /// Where a section's body lies in the text, and its record in the records.
  struct Span {
    std::uint32_t level = 0, begin = 0, end = 0;
    std::uint32_t record_begin = 0, record_end = 0;
  };

  /// The innermost section whose body holds byte `offset` of the text (the deepest, then the shortest);
  /// nullopt when none does or its record is corrupt.
  std::optional<Section> at(std::size_t offset) const;

  /// Every section, in stored order (the document page); nullopt when a record is corrupt.
  std::optional<std::vector<Section>> all() const;

  /// Sections whose spans are `spans` (the layout's table, decoded) and whose records are `records`.
  StoredSections(std::vector<Span> spans, StoredText records);
  StoredSections() = default;

 private:
  /// The section `span` describes, from its record; nullopt when the record is corrupt.
  std::optional<Section> record(const Span& span) const;

  std::vector<Span> spans_;
  bool in_order_ = true;  ///< spans_ by ascending begin (as the extractor lists them): a scan stops past the offset
  StoredText records_;
};

/// What the index stores per document.
struct StoredDoc {
  DocRecord record;
  /// checkpoints[k] = byte offset in record.text of the token at position k * kCheckpointInterval.
  std::vector<std::uint32_t> checkpoints;
  /// DocParts::Snippets: the text, still compressed (record.text stays empty); other parts leave it empty.
  StoredText text;
  /// DocParts::Snippets: the sections, still compressed (record.sections stays empty); other parts leave it
  /// empty.
  StoredSections sections;
};

/// How much of a stored document to decode.
enum class DocParts {
  Meta,      ///< id, title, number, type, issuer, dates, signer, visibility, source, hash: hit lists
  Lists,     ///< Meta + citations, assignments, recipients, warnings, pages, without the text: the assignments
             ///< across documents
  Snippets,  ///< Meta + checkpoints, the sections as StoredDoc::sections and the text as StoredDoc::text:
             ///< what snippets need
  All,       ///< all of the above, the text in record.text: the document page
};

/// Encodes a stored document for Xapian::Document::set_data().
std::string encode_doc_data(const StoredDoc& doc);

/// A zstd decompression context for decode_doc_data: a reader of many documents keeps one (zstd sets up
/// over 100 KB per context).
std::shared_ptr<ZSTD_DCtx_s> make_decompression_context();

/// Decodes document data, as far as `parts` asks (the other fields keep their defaults), with `context` (one
/// of its own when null; the StoredDoc keeps it for its text and sections: one thread at a time).
/// @return Internal when the blob is corrupt (never expected).
Result<StoredDoc> decode_doc_data(std::string_view data, DocParts parts = DocParts::All,
                                  std::shared_ptr<ZSTD_DCtx_s> context = nullptr);

}  // namespace tracuu::schema
