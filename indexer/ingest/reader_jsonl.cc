// JSONL records, plain or gzip-compressed, streamed line by line.
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <memory>

#include "indexer/ingest/reader_internal.h"

namespace tracuu::indexer::detail {

namespace fs = std::filesystem;

namespace {

// Bytes from a plain or gzip file, with the offset in the file itself (compressed bytes for .gz).
class ByteSource {
 public:
  explicit ByteSource(const fs::path& path) : gz_(gzopen(path.c_str(), "rb")) {
    if (gz_) gzbuffer(gz_, 1 << 16);
  }
  ~ByteSource() {
    if (gz_) gzclose(gz_);
  }
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  bool ok() const { return gz_ != nullptr; }
  /// Reads up to n bytes; 0 at the end; -1 on error (see error()).
  long read(char* buf, unsigned n) { return gzread(gz_, buf, n); }
  std::uint64_t offset() const { return static_cast<std::uint64_t>(gzoffset(gz_)); }
  std::string error() const {
    int code = 0;
    const char* msg = gzerror(gz_, &code);
    return msg ? msg : "read error";
  }
  /// True when the gzip stream ended before its end marker (a truncated file).
  bool truncated() const {
    int code = 0;
    gzerror(gz_, &code);
    return code == Z_BUF_ERROR;
  }

 private:
  gzFile gz_;  // zlib reads uncompressed files through the same calls
};

// Splits a byte stream into lines, skipping (and flagging) lines over the limit.
class LineReader {
 public:
  explicit LineReader(ByteSource& src) : src_(src) {}

  /// Next line without its '\n'. False at the end or on error (see failed()).
  bool next(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    for (;;) {
      if (pos_ == len_) {
        if (eof_) return !line.empty() || too_long;
        const long n = src_.read(buf_.get(), kChunk);
        if (n < 0) return failed_ = true, false;
        if (n == 0) {
          if (src_.truncated()) return failed_ = true, false;  // the partial last line is not a record
          eof_ = true;
          continue;
        }
        len_ = static_cast<std::size_t>(n);
        pos_ = 0;
      }
      const char* start = buf_.get() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
      const std::size_t take = nl ? static_cast<std::size_t>(nl - start) : len_ - pos_;
      if (!too_long) line.append(start, take);
      if (line.size() > kMaxRecordBytes) too_long = true, line.clear();
      pos_ += take + (nl ? 1 : 0);
      if (nl) return true;
    }
  }
  bool failed() const { return failed_; }

 private:
  static constexpr unsigned kChunk = 1 << 16;
  ByteSource& src_;
  std::unique_ptr<char[]> buf_ = std::make_unique<char[]>(kChunk);
  std::size_t pos_ = 0, len_ = 0;
  bool eof_ = false, failed_ = false;
};

Result<RawDoc> parse_record(std::string_view line, const fs::path& path, std::size_t line_no) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded()) return Error{Status::BadRequest, "malformed JSON (or invalid UTF-8)"};
  if (!j.is_object() || !j.contains("text") || !j["text"].is_string())
    return Error{Status::BadRequest, "not a JSON object with a string \"text\""};
  RawDoc d;
  const auto id = j.find("id");
  d.id = id != j.end() && id->is_string() && !id->get<std::string>().empty()
             ? id->get<std::string>()
             : path.stem().string() + "-" + std::to_string(line_no);
  d.source = path.string() + "#" + std::to_string(line_no);
  d.format = "jsonl";
  d.pages.push_back(j["text"].get<std::string>());
  if (const auto t = j.find("title"); t != j.end() && t->is_string()) d.title = t->get<std::string>();
  j.erase("text");
  d.given = std::move(j);
  d.content_hash = hex_hash(line);
  return d;
}

}  // namespace

std::vector<InputError> read_jsonl_file(const fs::path& path, const RawDocSink& sink) {
  std::vector<InputError> errors;
  ByteSource src(path);
  if (!src.ok()) return {{path.string(), {Status::Io, "cannot open file"}}};
  LineReader reader(src);
  std::string line;
  bool too_long = false;
  std::size_t line_no = 0, records = 0;
  while (reader.next(line, too_long)) {
    ++line_no;
    const std::string where = path.string() + "#" + std::to_string(line_no);
    if (too_long) {
      errors.push_back(
          {where, {Status::TooLarge, "record longer than " + std::to_string(kMaxRecordBytes >> 20) + " MiB"}});
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto doc = parse_record(line, path, line_no);
    if (!doc) {
      errors.push_back({where, doc.error()});
      continue;
    }
    ++records;
    doc->input_offset = src.offset();
    if (!sink(std::move(*doc))) return errors;
  }
  if (reader.failed())
    errors.push_back(
        {path.string(),
         {Status::Io, "read failed after line " + std::to_string(line_no) + " (truncated gzip?): " + src.error()}});
  else if (line_no == 0)
    errors.push_back({path.string(), {Status::BadRequest, "empty file"}});
  else if (records == 0 && errors.empty())
    errors.push_back({path.string(), {Status::BadRequest, "no records"}});
  return errors;
}

}  // namespace tracuu::indexer::detail
