#include "schema/docdata.h"

#include <zstd.h>

#include <algorithm>
#include <array>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>

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
std::string encode_sections(std::span<const Section> sections) {
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

// Signed differences as small varints: 0, -1, 1, -2 ... as 0, 1, 2, 3 ...
std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

// The sections' spans, what finding a snippet's section reads (a count, then per section its level, its body's
// begin less the previous section's, its body's length, its record's length: small numbers), and their
// records: each section alone as an encode_sections table.
void encode_section_parts(const std::vector<Section>& sections, std::string& spans, std::string& records) {
  put_varint(spans, sections.size());
  std::size_t previous = 0;
  for (const Section& sec : sections) {
    const std::string record = encode_sections(std::span(&sec, 1));
    put_varint(spans, static_cast<std::uint64_t>(sec.level < 0 ? 0 : sec.level));
    put_varint(spans, zigzag(static_cast<std::int64_t>(sec.body.begin - previous)));
    put_varint(spans, zigzag(static_cast<std::int64_t>(sec.body.end - sec.body.begin)));
    put_varint(spans, record.size());
    previous = sec.body.begin;
    records += record;
  }
}

// The spans of a spans table; nullopt when it is corrupt.
std::optional<std::vector<StoredSections::Span>> decode_spans(std::string_view table) {
  std::size_t pos = 0;
  const auto count = get_varint(table, pos);
  if (!count || *count > table.size()) return std::nullopt;  // every span takes bytes: a bound on bad counts
  std::vector<StoredSections::Span> spans(*count);
  std::uint64_t begin = 0, record_end = 0;
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint32_t>::max();
  for (StoredSections::Span& span : spans) {
    const auto level = get_varint(table, pos), delta = get_varint(table, pos), length = get_varint(table, pos),
               record = get_varint(table, pos);
    if (!level || !delta || !length || !record) return std::nullopt;
    begin += static_cast<std::uint64_t>(unzigzag(*delta));
    // A body ending before it begins holds no offset: empty here (its record keeps the span as extracted).
    const std::int64_t length_signed = unzigzag(*length);
    const std::uint64_t end = begin + static_cast<std::uint64_t>(std::max<std::int64_t>(0, length_signed));
    if (*level > kMax || begin > kMax || end > kMax || record_end + *record > kMax) return std::nullopt;
    span = {static_cast<std::uint32_t>(*level), static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end),
            static_cast<std::uint32_t>(record_end), static_cast<std::uint32_t>(record_end + *record)};
    record_end += *record;
  }
  if (pos != table.size()) return std::nullopt;
  return spans;
}

std::string msgpack_of(const nlohmann::ordered_json& j) {
  std::string out;
  nlohmann::ordered_json::to_msgpack(j, out);
  return out;
}

// Glass stores a tag deflated (raw deflate, zlib's default level, memLevel 9) when that makes it one byte
// shorter, and then inflates it on every read (5 us a KB against 0.3 to copy it): every part is compressed so
// that zlib finds nothing to take. Metadata and lists are small frames, at level 3. The layout is numbers
// (checkpoints, spans) whose varints repeat in runs of three or four bytes, shorter than level 3's matches:
// level 9. The chunks of text and section records share block headers and tables that zlib finds 32 KiB
// apart: at level 3 zlib shortened 72 of vn-legal's 568 document data (17 of 60 MB), at 4, 5 and 6 one or two;
// level 6 also writes 8 % less and compresses at about 120 MB/s (under 1 s of a vn-legal build).
constexpr int kCompressionLevel = 3;
constexpr int kLayoutCompressionLevel = 9;
constexpr int kChunkCompressionLevel = 6;

// One context per document encoded or decoded: ZSTD_compress() and ZSTD_decompress() allocate and set up a
// context of their own on every call, for each of a document's frames.
using CompressContext = std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)>;

std::string compress(ZSTD_CCtx* context, std::string_view bytes, int level = kCompressionLevel) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  const std::size_t n = context ? ZSTD_compressCCtx(context, out.data(), out.size(), bytes.data(), bytes.size(), level)
                                : ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), level);
  if (ZSTD_isError(n)) return {};  // cannot happen with a ZSTD_compressBound buffer
  out.resize(n);
  return out;
}

// One zstd frame whose content is at most `limit` bytes.
std::optional<std::string> decompress(ZSTD_DCtx* context, std::string_view in,
                                      std::size_t limit = std::size_t{1} << 32) {
  if (!context) return std::nullopt;
  const unsigned long long size = ZSTD_getFrameContentSize(in.data(), in.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > limit) return std::nullopt;
  std::string out(size, '\0');
  const std::size_t n = ZSTD_decompressDCtx(context, out.data(), out.size(), in.data(), in.size());
  if (ZSTD_isError(n) || n != size) return std::nullopt;
  return out;
}

Error corrupt(std::string_view what) {
  return Error{Status::Internal, "corrupt document data: " + std::string(what)};
}

}  // namespace

const std::string* StoredText::chunk(std::size_t k) const {
  if (chunks_[k].empty()) {
    const std::size_t begin = k == 0 ? 0 : ends_[k - 1];
    auto text = decompress(context_.get(), std::string_view(frames_).substr(begin, ends_[k] - begin), kTextChunkBytes);
    const std::size_t want = k + 1 < ends_.size() ? kTextChunkBytes : size_ - k * kTextChunkBytes;
    if (!text || text->size() != want) return nullptr;
    chunks_[k] = std::move(*text);
  }
  return &chunks_[k];
}

std::optional<std::string> StoredText::range(std::size_t begin, std::size_t end) const {
  end = std::min(end, size_);
  std::string out;
  for (std::size_t at = begin; at < end;) {
    const std::size_t k = at / kTextChunkBytes, from = at - k * kTextChunkBytes;
    const std::string* text = chunk(k);
    if (!text) return std::nullopt;
    const std::size_t n = std::min(text->size() - from, end - at);
    out.append(*text, from, n);
    at += n;
  }
  return out;
}

StoredSections::StoredSections(std::vector<Span> spans, StoredText records)
    : spans_(std::move(spans)), records_(std::move(records)) {
  for (std::size_t i = 1; i < spans_.size() && in_order_; ++i) in_order_ = spans_[i - 1].begin <= spans_[i].begin;
}

std::optional<Section> StoredSections::at(std::size_t offset) const {
  const Span* best = nullptr;
  for (const Span& s : spans_) {
    if (offset < s.begin) {
      if (in_order_) break;
      continue;
    }
    if (offset >= s.end) continue;
    // Unsigned lengths, as the whole list compares them (an end before its begin never holds an offset).
    if (!best || s.level > best->level || s.end - s.begin < best->end - best->begin) best = &s;
  }
  if (!best) return std::nullopt;
  return record(*best);
}

std::optional<std::vector<Section>> StoredSections::all() const {
  std::vector<Section> out;
  out.reserve(spans_.size());
  for (const Span& span : spans_) {
    auto section = record(span);
    if (!section) return std::nullopt;
    out.push_back(std::move(*section));
  }
  return out;
}

std::optional<Section> StoredSections::record(const Span& span) const {
  const auto bytes = records_.range(span.record_begin, span.record_end);
  std::vector<Section> one;
  if (!bytes || bytes->size() != span.record_end - span.record_begin || !decode_sections(*bytes, one) ||
      one.size() != 1)
    return std::nullopt;
  return std::move(one.front());
}

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

  // What snippets read (sections, checkpoints, the text's length) apart from the lists they do not.
  std::string layout, spans, records;
  encode_section_parts(doc.record.sections, spans, records);
  put_part(layout, spans);
  put_part(layout, checkpoints);
  const std::string& text = doc.record.text;
  put_varint(layout, text.size());
  put_varint(layout, records.size());

  const CompressContext context(ZSTD_createCCtx(), &ZSTD_freeCCtx);
  std::string out(1, kDocDataFormat);
  put_part(out, compress(context.get(), msgpack_of(meta)));
  put_part(out, compress(context.get(), layout, kLayoutCompressionLevel));
  put_part(out, compress(context.get(), msgpack_of(rest)));
  // Chunked records and text: a few chunks, not a frame per section, whose like headers zlib could shorten.
  for (const std::string_view chunked : {std::string_view(records), std::string_view(text)})
    for (std::size_t at = 0; at < chunked.size(); at += kTextChunkBytes)
      put_part(out, compress(context.get(), chunked.substr(at, kTextChunkBytes), kChunkCompressionLevel));
  return out;
}

std::shared_ptr<ZSTD_DCtx_s> make_decompression_context() {
  return std::shared_ptr<ZSTD_DCtx>(ZSTD_createDCtx(), &ZSTD_freeDCtx);
}

Result<StoredDoc> decode_doc_data(std::string_view data, DocParts parts, std::shared_ptr<ZSTD_DCtx_s> context) {
  if (data.empty() || data.front() != kDocDataFormat) return corrupt("unknown format");
  std::size_t pos = 1;
  const auto meta_frame = get_part(data, pos);
  if (!meta_frame) return corrupt("truncated metadata");
  if (!context) context = make_decompression_context();
  const auto meta_bytes = decompress(context.get(), *meta_frame);
  if (!meta_bytes) return corrupt("bad compressed metadata");
  // The layout (section spans, checkpoints, the text's length) and the lists, each decompressed only when asked.
  const auto layout_frame = get_part(data, pos);
  const auto lists_frame = get_part(data, pos);
  if (!layout_frame || !lists_frame) return corrupt("truncated parts");
  nlohmann::json j;
  try {
    j = nlohmann::json::from_msgpack(meta_bytes->begin(), meta_bytes->end());
    if (!j.is_object()) return corrupt("metadata is not an object");
    // Snippets of a PDF say which page they are on: the lists are read for its pages.
    const bool pdf_pages = parts == DocParts::Snippets && j.contains("original") && j["original"].is_string() &&
                           original_media_type(j["original"].get<std::string>()) == kPdfMediaType;
    if (parts == DocParts::All || parts == DocParts::Lists || pdf_pages) {
      const auto rest = decompress(context.get(), *lists_frame);
      if (!rest) return corrupt("bad compressed lists");
      j.update(nlohmann::json::from_msgpack(rest->begin(), rest->end()));
    }
  } catch (const nlohmann::json::exception& e) {
    return corrupt(e.what());
  }
  auto record = record_from_json(j);
  if (!record) return corrupt(record.error().message);
  StoredDoc doc;
  doc.record = std::move(record).value();
  if (parts == DocParts::Meta || parts == DocParts::Lists) return doc;
  const auto layout = decompress(context.get(), *layout_frame);
  if (!layout) return corrupt("bad compressed layout");
  std::size_t at = 0;
  const auto sections = get_part(*layout, at);
  const auto checkpoints = get_part(*layout, at);
  if (!sections || !checkpoints) return corrupt("truncated layout");
  std::uint32_t acc = 0;
  for (std::size_t cp = 0; cp < checkpoints->size();) {
    const auto delta = get_varint(*checkpoints, cp);
    if (!delta) return corrupt("bad checkpoint");
    acc += static_cast<std::uint32_t>(*delta);
    doc.checkpoints.push_back(acc);
  }

  // The sections' records and the text, in chunks: their frames are checked whole here, their content when read.
  const auto size = get_varint(*layout, at), records_size = get_varint(*layout, at);
  constexpr std::uint64_t kMaxBytes = std::uint64_t{1} << 32;
  if (!size || *size > kMaxBytes || !records_size || *records_size > kMaxBytes || at != layout->size())
    return corrupt("bad text length");
  auto chunks = [&](std::uint64_t bytes, bool to_end) -> std::optional<StoredText> {
    const std::uint64_t n = (bytes + kTextChunkBytes - 1) / kTextChunkBytes;
    std::string frames;  // without their lengths
    std::vector<std::size_t> ends;
    while (to_end ? pos < data.size() : ends.size() < n) {
      const auto frame = get_part(data, pos);
      if (!frame) return std::nullopt;
      frames.append(*frame);
      ends.push_back(frames.size());
    }
    if (ends.size() != n) return std::nullopt;
    return StoredText(std::move(frames), std::move(ends), bytes, context);
  };
  auto records = chunks(*records_size, false);
  if (!records) return corrupt("section records missing");
  auto text = chunks(*size, true);
  if (!text) return corrupt("text chunks missing");
  auto spans = decode_spans(*sections);
  if (!spans) return corrupt("bad sections");
  StoredSections stored_sections(std::move(*spans), std::move(*records));
  if (parts != DocParts::All) {
    doc.sections = std::move(stored_sections);
    doc.text = std::move(*text);
    return doc;
  }
  // The document page: every section and the whole text, decoded.
  auto all_sections = stored_sections.all();
  if (!all_sections) return corrupt("bad sections");
  doc.record.sections = std::move(*all_sections);
  auto whole_text = text->range(0, *size);
  if (!whole_text) return corrupt("bad compressed text");
  doc.record.text = std::move(*whole_text);
  return doc;
}

}  // namespace tracuu::schema
