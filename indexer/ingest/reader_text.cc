// Plain text and markdown files.
#include <fstream>

#include "indexer/ingest/encoding.h"
#include "indexer/ingest/reader_internal.h"

namespace tracuu::indexer::detail {

namespace fs = std::filesystem;

Result<std::string> read_bytes(const fs::path& path, std::uint64_t limit) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return Error{Status::Io, "cannot read file: " + ec.message()};
  if (size > limit)
    return Error{Status::TooLarge,
                 std::to_string(size >> 20) + " MiB exceeds the " + std::to_string(limit >> 20) + " MiB limit"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{Status::Io, "cannot open file"};
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size) return Error{Status::Io, "file changed or could not be read"};
  return bytes;
}

std::string hex_hash(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xF];
  return out;
}

namespace {

// The longest line, in bytes (a single "line" of megabytes is not a document).
std::size_t longest_line(std::string_view s) {
  std::size_t longest = 0, start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    longest = std::max(longest, end - start);
    start = end + 1;
  }
  return longest;
}

// pdftotext and some exports separate pages with form feeds.
std::vector<std::string> split_pages(const std::string& text) {
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (;;) {
    const std::size_t ff = text.find('\f', start);
    pages.push_back(text.substr(start, ff == std::string::npos ? std::string::npos : ff - start));
    if (ff == std::string::npos) break;
    start = ff + 1;
  }
  while (pages.size() > 1 && pages.back().find_first_not_of(" \t\r\n") == std::string::npos) pages.pop_back();
  return pages;
}

}  // namespace

Result<RawDoc> read_text_file(const fs::path& path) {
  auto bytes = read_bytes(path, kMaxFileBytes);
  if (!bytes) return bytes.error();
  if (bytes->empty()) return Error{Status::BadRequest, "empty file"};
  auto decoded = decode_text(*bytes);
  if (!decoded) return decoded.error();
  if (const std::size_t n = longest_line(decoded->utf8); n > kMaxLineBytes)
    return Error{Status::TooLarge,
                 "a line of " + std::to_string(n >> 20) + " MiB without a line break: not a text document"};
  RawDoc d;
  d.id = path.stem().string();
  d.source = path.string();
  d.format = path.extension() == ".md" ? "md" : "txt";
  d.content_hash = hex_hash(*bytes);
  d.pages = split_pages(decoded->utf8);
  d.input_offset = bytes->size();
  if (decoded->replaced > 0)
    d.notes.push_back(std::to_string(decoded->replaced) + " malformed byte sequence(s) replaced by U+FFFD");
  return d;
}

}  // namespace tracuu::indexer::detail
