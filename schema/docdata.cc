#include "schema/docdata.h"

#include <zstd.h>

#include <array>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "schema/index_home.h"
#include "schema/record_json.h"

namespace tracuu::schema {
namespace {

// The record_to_json keys of the "rest" part; sections and text have their own parts.
constexpr std::string_view kSectionsKey = "sections";
constexpr std::array<std::string_view, 5> kRestKeys = {"citations", "assignments", "recipients", "warnings", "pages"};

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Reads a varint at `pos`, advancing it; nullopt when truncated or over 64 bits.
std::optional<std::uint64_t> get_varint(std::string_view in, std::size_t& pos) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64 && pos < in.size(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in[pos++]);
    v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return v;
  }
  return std::nullopt;
}

// A length-prefixed run of bytes: a part of the blob, or a string inside one.
void put_part(std::string& out, std::string_view bytes) {
  put_varint(out, bytes.size());
  out += bytes;
}

std::optional<std::string_view> get_part(std::string_view in, std::size_t& pos) {
  const auto n = get_varint(in, pos);
  if (!n || *n > in.size() - pos) return std::nullopt;
  const std::string_view part = in.substr(pos, *n);
  pos += *n;
  return part;
}

bool get_string(std::string_view in, std::size_t& pos, std::string& out) {
  const auto part = get_part(in, pos);
  if (!part) return false;
  out.assign(*part);
  return true;
}

// Sections in a flat binary table: a long law has thousands, and snippets need
// them on every hit, which a JSON DOM makes the slowest part of a query.
std::string encode_sections(const std::vector<Section>& sections) {
  std::string out;
  put_varint(out, sections.size());
  for (const Section& sec : sections) {
    put_varint(out, static_cast<std::uint64_t>(sec.level < 0 ? 0 : sec.level));
    for (std::size_t v : {sec.heading.begin, sec.heading.end, sec.body.begin, sec.body.end}) put_varint(out, v);
    put_part(out, sec.number);
    put_part(out, sec.title);
    put_part(out, sec.anchor);
    out.push_back(sec.submitted_by ? '\1' : '\0');
    if (sec.submitted_by) put_part(out, *sec.submitted_by);
  }
  return out;
}

bool decode_sections(std::string_view in, std::vector<Section>& out) {
  std::size_t pos = 0;
  const auto count = get_varint(in, pos);
  if (!count || *count > in.size()) return false;  // every section takes bytes: a bound on bad counts
  out.resize(*count);
  for (Section& sec : out) {
    std::uint64_t n[5];
    for (auto& v : n) {
      const auto got = get_varint(in, pos);
      if (!got) return false;
      v = *got;
    }
    sec.level = static_cast<int>(n[0]);
    sec.heading = {n[1], n[2]};
    sec.body = {n[3], n[4]};
    if (!get_string(in, pos, sec.number) || !get_string(in, pos, sec.title) || !get_string(in, pos, sec.anchor))
      return false;
    if (pos >= in.size()) return false;
    if (in[pos++] == '\1') {
      sec.submitted_by.emplace();
      if (!get_string(in, pos, *sec.submitted_by)) return false;
    }
  }
  return pos == in.size();
}

std::string msgpack_of(const nlohmann::ordered_json& j) {
  std::string out;
  nlohmann::ordered_json::to_msgpack(j, out);
  return out;
}

// zstd level 1: the body compresses 3-4x at several hundred MB/s, and a reader
// decompresses it at GB/s, where Xapian's own zlib would be several times slower both ways.
constexpr int kBodyCompressionLevel = 1;

std::string compress_body(const std::string& body) {
  std::string out(ZSTD_compressBound(body.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), body.data(), body.size(), kBodyCompressionLevel);
  if (ZSTD_isError(n)) return {};  // cannot happen with a ZSTD_compressBound buffer
  out.resize(n);
  return out;
}

std::optional<std::string> decompress_body(std::string_view in) {
  const unsigned long long size = ZSTD_getFrameContentSize(in.data(), in.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ULL << 32)) return std::nullopt;
  std::string out(size, '\0');
  const std::size_t n = ZSTD_decompress(out.data(), out.size(), in.data(), in.size());
  if (ZSTD_isError(n) || n != size) return std::nullopt;
  return out;
}

// The body only as far as its first `parts` parts, decompressed a chunk at a time: the text, most of the
// frame, comes after the sections and the lists, so a reader of the lists stops before it.
std::optional<std::string> decompress_parts(std::string_view in, int parts) {
  const std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> ctx(ZSTD_createDCtx(), &ZSTD_freeDCtx);
  if (!ctx) return std::nullopt;
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  std::array<char, 32 * 1024> chunk;  // appended as produced: `out` is never zero-filled ahead
  std::string out;
  for (;;) {
    std::size_t pos = 0;
    int complete = 0;
    while (complete < parts && get_part(out, pos)) ++complete;
    if (complete == parts) return out;
    ZSTD_outBuffer output{chunk.data(), chunk.size(), 0};
    const std::size_t read = input.pos;
    const std::size_t left = ZSTD_decompressStream(ctx.get(), &output, &input);
    // An error, or no progress: the frame ended (or the blob was cut) before the parts did.
    if (ZSTD_isError(left) || (output.pos == 0 && (left == 0 || input.pos == read))) return std::nullopt;
    out.append(chunk.data(), output.pos);
  }
}

Error corrupt(std::string_view what) {
  return Error{Status::Internal, "corrupt document data: " + std::string(what)};
}

}  // namespace

std::string encode_doc_data(const StoredDoc& doc) {
  nlohmann::ordered_json meta = record_to_json(doc.record, true);
  nlohmann::ordered_json rest = nlohmann::ordered_json::object();
  meta.erase(std::string(kSectionsKey));
  for (const auto key : kRestKeys) {
    rest[std::string(key)] = std::move(meta[std::string(key)]);
    meta.erase(std::string(key));
  }
  meta.erase("text");

  std::string checkpoints;
  std::uint32_t prev = 0;
  for (std::uint32_t c : doc.checkpoints) {
    put_varint(checkpoints, c - prev);  // small deltas: one or two bytes each
    prev = c;
  }

  std::string body;
  put_part(body, encode_sections(doc.record.sections));
  put_part(body, msgpack_of(rest));
  put_part(body, checkpoints);
  body += doc.record.text;

  std::string out(1, kDocDataFormat);
  put_part(out, msgpack_of(meta));
  out += compress_body(body);
  return out;
}

Result<StoredDoc> decode_doc_data(std::string_view data, DocParts parts) {
  if (data.empty() || data.front() != kDocDataFormat) return corrupt("unknown format");
  std::size_t pos = 1;
  const auto meta_bytes = get_part(data, pos);
  if (!meta_bytes) return corrupt("truncated metadata");
  std::optional<std::string> body;
  std::optional<std::string_view> sections, rest;
  std::size_t body_pos = 0;
  if (parts != DocParts::Meta) {
    body = parts == DocParts::Lists ? decompress_parts(data.substr(pos), 2) : decompress_body(data.substr(pos));
    if (!body) return corrupt("bad compressed body");
    sections = get_part(*body, body_pos);
    rest = get_part(*body, body_pos);
    if (!sections || !rest) return corrupt("truncated sections");
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::from_msgpack(meta_bytes->begin(), meta_bytes->end());
    if (!j.is_object()) return corrupt("metadata is not an object");
    // Snippets of a PDF say which page they are on: the lists are read for its pages.
    const bool pdf_pages = parts == DocParts::Snippets && j.contains("original") && j["original"].is_string() &&
                           original_media_type(j["original"].get<std::string>()) == kPdfMediaType;
    if (parts == DocParts::All || parts == DocParts::Lists || pdf_pages)
      j.update(nlohmann::json::from_msgpack(rest->begin(), rest->end()));
  } catch (const nlohmann::json::exception& e) {
    return corrupt(e.what());
  }
  auto record = record_from_json(j);
  if (!record) return corrupt(record.error().message);
  StoredDoc doc;
  doc.record = std::move(record).value();
  if (parts == DocParts::Meta || parts == DocParts::Lists) return doc;
  if (!decode_sections(*sections, doc.record.sections)) return corrupt("bad sections");

  const auto checkpoints = get_part(*body, body_pos);
  if (!checkpoints) return corrupt("truncated checkpoints");
  std::uint32_t acc = 0;
  for (std::size_t cp = 0; cp < checkpoints->size();) {
    const auto delta = get_varint(*checkpoints, cp);
    if (!delta) return corrupt("bad checkpoint");
    acc += static_cast<std::uint32_t>(*delta);
    doc.checkpoints.push_back(acc);
  }
  doc.record.text.assign(std::string_view(*body).substr(body_pos));
  return doc;
}

}  // namespace tracuu::schema
