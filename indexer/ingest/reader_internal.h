#pragma once
// The per-format readers behind read_file (reader.cc). Internal to indexer/ingest, and to indexer/originals.cc,
// which keeps the PDF and DOCX files these read with the same read_bytes and limit.
// Each returns documents with id, source, format, pages and content_hash
// filled; read_file adds sidecar overrides and prefixes errors with the file name.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/ingest/ingest.h"

namespace tracuu::indexer::detail {

/// Largest text, PDF or DOCX file read (a corpus file beyond this is a mistake, not a document).
inline constexpr std::uint64_t kMaxFileBytes = std::uint64_t{512} << 20;
/// Longest line of a text file: a real document never has 1 MiB without a line break.
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;
/// Largest JSONL record (one line); vn-legal's largest is about 5 MB.
inline constexpr std::size_t kMaxRecordBytes = std::size_t{64} << 20;
/// Largest uncompressed word/document.xml read from a DOCX (guards against zip bombs).
inline constexpr std::uint64_t kMaxDocxXmlBytes = std::uint64_t{256} << 20;

/// Reads a whole file. @return Io when it cannot be read; TooLarge beyond `limit`.
Result<std::string> read_bytes(const std::filesystem::path& path, std::uint64_t limit);

/// 64-bit FNV-1a of the bytes as 16 hex digits (change detection, not security).
std::string hex_hash(std::string_view bytes);

/// .txt / .md: decoded (UTF-8, UTF-16 with BOM), split into pages at form feeds.
/// @return BadRequest (empty), Unsupported (binary, legacy encoding), TooLarge (a line over kMaxLineBytes), Io.
Result<RawDoc> read_text_file(const std::filesystem::path& path);

/// .pdf through poppler: one page of text per PDF page.
/// @return BadRequest (damaged or truncated), Unsupported (encrypted, or no text layer: a scan), Io, TooLarge.
Result<RawDoc> read_pdf_file(const std::filesystem::path& path);

/// .docx: the paragraphs of word/document.xml, one per line.
/// @return BadRequest (not a zip, no word/document.xml, malformed XML, no text), Io, TooLarge.
Result<RawDoc> read_docx_file(const std::filesystem::path& path);

/// .jsonl / .jsonl.gz, streamed line by line: one RawDoc per record
/// {"id", "title", "text", ...metadata}; RawDoc::input_offset is the (compressed) bytes read so far.
/// @return per-record errors (BadRequest: not a JSON object with a string "text"; TooLarge) and
///         per-file errors (Io: cannot open, truncated gzip).
std::vector<InputError> read_jsonl_file(const std::filesystem::path& path, const RawDocSink& sink);

}  // namespace tracuu::indexer::detail
