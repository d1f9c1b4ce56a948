#pragma once
// Ingestion: files in, document records out. Two stages so that the indexer
// can read sequentially and extract in parallel:
//   1. read_inputs / read_file: bytes -> RawDoc (format decoding, encoding checks,
//      sidecar overrides); cheap, sequential, one RawDoc per document (JSONL: many).
//   2. Extractor::extract: RawDoc -> DocRecord (reflow, metadata, sections,
//      citations, assignments); pure and thread-safe (const), run on all cores.

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "schema/codes.h"
#include "schema/record.h"
#include "schema/status.h"
#include "text/abbreviations.h"

namespace tracuu::indexer {

/// A document as read from its source, before extraction.
struct RawDoc {
  std::string id;                    ///< file stem, or the JSONL "id"
  std::string source;                ///< path; JSONL: "path#line"
  std::string format;                ///< "txt", "md", "pdf", "docx", "jsonl"
  std::vector<std::string> pages;    ///< UTF-8 text, one entry per page (PDF pages; form-feed pages of text files)
  std::optional<std::string> title;  ///< a title given by the source (JSONL "title")
  nlohmann::json given;              ///< metadata given by the source (JSONL fields/"meta"); null if none
  nlohmann::json overrides;          ///< sidecar <file>.meta.json; null if none
  std::string content_hash;          ///< hex hash of the source bytes (of the record for JSONL)
  /// Bytes of the input consumed once this doc was read (progress/ETA): of the file (compressed
  /// bytes for .gz), or for a directory given to read_inputs, of all its files read so far.
  std::uint64_t input_offset = 0;
  std::vector<std::string> notes;  ///< reading problems the record should warn about (repaired encoding...)
};

/// A per-file (or per-record) failure: the batch goes on.
struct InputError {
  std::string source;
  Error error;
};

/// Receives each document read. Returning false stops reading.
using RawDocSink = std::function<bool(RawDoc&&)>;

/// File extensions read_file accepts.
bool is_supported_input(const std::filesystem::path& path);

/// Reads one file and passes its documents to `sink`.
/// Supported: .txt .md (UTF-8, or UTF-16 with BOM; form feeds separate pages), .pdf (poppler,
/// one page each), .docx (word/document.xml), .jsonl and .jsonl.gz (streamed; one document
/// per record {"id", "title", "text", ...metadata}). A sidecar `<file>.meta.json` (or
/// `<stem>.meta.json`) next to a txt/md/pdf/docx file is read into RawDoc::overrides.
/// @return the errors met, each naming the file: BadRequest (empty, damaged, malformed sidecar),
///         Unsupported (binary data, legacy TCVN3/VNI encoding, scanned PDF, unknown extension),
///         TooLarge (a 1 MiB line, a 64 MiB record, a 512 MiB file), Io, NotFound. Never throws.
std::vector<InputError> read_file(const std::filesystem::path& path, const RawDocSink& sink);

/// Reads files and directories (recursively, sorted, supported extensions only,
/// sidecars skipped) and passes every document to `sink`.
std::vector<InputError> read_inputs(const std::vector<std::filesystem::path>& inputs, const RawDocSink& sink);

/// Options of extraction.
struct ExtractOptions {
  /// Use metadata the source gives (JSONL fields, vn-legal "meta") for fields the
  /// text does not yield. Off when measuring extraction accuracy against that metadata.
  bool use_given_metadata = true;
  /// Read a web copy's "THÔNG TIN VĂN BẢN" metadata table for fields the heading block does
  /// not yield (and report where the two disagree). Off to measure the text alone.
  bool read_metadata_table = true;
};

/// Turns raw documents into records. Immutable after construction: one
/// instance is shared by all worker threads.
class Extractor {
 public:
  explicit Extractor(ExtractOptions options = {});

  /// Extracts the record: reflows the pages (DocRecord::text, and DocRecord::pages when
  /// there are several), reads the heading block (type, number, trích yếu, issuer, place,
  /// dates), the effective-date clause, the signature and Nơi nhận, numbered sections,
  /// citations and assignments. Fields not found are null and listed in warnings
  /// ("issue_date not found"), as are inferences ("issuer completed with the locality the
  /// text names ..."). Then, each only for fields still null: a web copy's metadata table
  /// (read_metadata_table), the source's metadata (use_given_metadata). Sidecar overrides
  /// are applied last. DocRecord::field_sources says where each field was read.
  /// Thread-safe; linear in the text size.
  /// @return BadRequest when the sidecar override has a field of the wrong type.
  Result<schema::DocRecord> extract(const RawDoc& raw) const;

 private:
  ExtractOptions options_;
  schema::IssuerRegistry issuers_;
  text::Abbreviations abbreviations_;
};

}  // namespace tracuu::indexer
