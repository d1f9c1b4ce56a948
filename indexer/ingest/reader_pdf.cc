// PDF files through poppler-cpp: the text layer of each page.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <charconv>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "indexer/ingest/reader_internal.h"
#include "text/utf8.h"

namespace tracuu::indexer::detail {

namespace fs = std::filesystem;

namespace {

// Poppler reports damage on stderr by default; the library must not print, and
// read_pdf_file returns what matters as a Status.
void quiet(const std::string&, void*) {}

std::string page_text(const poppler::page& page) {
  // Reading order without physical layout: two-column headers ("ỦY BAN NHÂN DÂN ... CỘNG HÒA XÃ HỘI...")
  // come out one column after the other instead of interleaved on one line.
  const poppler::byte_array utf8 = page.text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
  return text::sanitize_utf8(std::string_view(utf8.data(), utf8.size()));
}

bool has_text(const std::vector<std::string>& pages) {
  for (const auto& p : pages)
    if (p.find_first_not_of(" \t\r\n\f") != std::string::npos) return true;
  return false;
}

// The object count the last trailer declares (/Size N), if it is in the file's last 4 KiB: poppler sizes its
// cross-reference table by it before reading anything, so a 698-byte file declaring 6,000,445 objects took 4 s
// and 250 MB to be refused (found by fuzz_pdf; 39 s under ASan).
std::optional<std::uint64_t> declared_objects(std::string_view bytes) {
  const std::size_t at = bytes.rfind("/Size");
  if (at == std::string_view::npos || bytes.size() - at > 4096) return std::nullopt;
  std::size_t pos = at + 5;
  while (pos < bytes.size() && (bytes[pos] == ' ' || bytes[pos] == '\n' || bytes[pos] == '\r' || bytes[pos] == '\t'))
    ++pos;
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(bytes.data() + pos, bytes.data() + bytes.size(), n);
  if (ec != std::errc() || end == bytes.data() + pos) return std::nullopt;
  return n;
}

}  // namespace

Result<RawDoc> read_pdf_file(const fs::path& path) {
  auto bytes = read_bytes(path, kMaxFileBytes);
  if (!bytes) return bytes.error();
  if (bytes->empty()) return Error{Status::BadRequest, "empty file"};
  if (bytes->compare(0, 5, "%PDF-") != 0) return Error{Status::BadRequest, "not a PDF file (no %PDF- header)"};
  // Every object takes bytes, even packed in an object stream: far more objects than bytes is a damaged file.
  if (const auto objects = declared_objects(*bytes); objects && *objects > 8 * bytes->size() + 1024)
    return Error{Status::BadRequest, "damaged PDF: its trailer declares " + std::to_string(*objects) + " objects in " +
                                         std::to_string(bytes->size()) + " bytes"};
  poppler::set_debug_error_function(quiet, nullptr);
  RawDoc d;
  try {
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes->data(), static_cast<int>(bytes->size())));
    if (!doc) return Error{Status::BadRequest, "damaged or truncated PDF: poppler cannot open it"};
    if (doc->is_locked()) return Error{Status::Unsupported, "encrypted PDF (a password is needed)"};
    const int n = doc->pages();
    if (n <= 0) return Error{Status::BadRequest, "damaged or truncated PDF: no pages"};
    for (int i = 0; i < n; ++i) {
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      d.pages.push_back(page ? page_text(*page) : std::string());
    }
  } catch (const std::exception& e) {
    return Error{Status::BadRequest, std::string("damaged PDF: ") + e.what()};
  }
  if (!has_text(d.pages))
    return Error{Status::Unsupported, "PDF without a text layer (a scanned image?); run OCR first"};
  // Poppler rebuilds a lost cross-reference table silently; a missing end marker still says the copy is cut short.
  const std::size_t tail = bytes->size() > 1024 ? bytes->size() - 1024 : 0;
  if (bytes->find("%%EOF", tail) == std::string::npos)
    d.notes.push_back("PDF has no %%EOF marker: the file may be truncated");
  d.id = path.stem().string();
  d.source = path.string();
  d.format = "pdf";
  d.content_hash = hex_hash(*bytes);
  d.input_offset = bytes->size();
  return d;
}

}  // namespace tracuu::indexer::detail
