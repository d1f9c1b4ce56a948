// Word 2007+ files: the paragraphs of word/document.xml (libzip + pugixml).
#include <zip.h>

#include <memory>
#include <pugixml.hpp>

#include "indexer/ingest/reader_internal.h"
#include "text/utf8.h"

namespace tracuu::indexer::detail {

namespace fs = std::filesystem;

namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

Result<std::string> read_entry(const fs::path& path, const char* name) {
  int err = 0;
  std::unique_ptr<zip_t, ZipCloser> zip(zip_open(path.c_str(), ZIP_RDONLY, &err));
  if (!zip) return Error{Status::BadRequest, "not a DOCX file (not a readable zip archive)"};
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip.get(), name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    return Error{Status::BadRequest, std::string("not a DOCX file (no ") + name + ")"};
  if (st.size > kMaxDocxXmlBytes) return Error{Status::TooLarge, std::string(name) + " is too large"};
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen(zip.get(), name, 0));
  if (!file) return Error{Status::BadRequest, std::string("cannot read ") + name + " from the DOCX archive"};
  std::string xml(st.size, '\0');
  const zip_int64_t got = zip_fread(file.get(), xml.data(), st.size);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size)
    return Error{Status::BadRequest, std::string("damaged DOCX: ") + name + " is truncated"};
  return xml;
}

// The text of one paragraph: runs of w:t, tabs and breaks as spaces, no nested paragraphs.
void paragraph_text(const pugi::xml_node& node, std::string& out) {
  for (const pugi::xml_node& child : node.children()) {
    const std::string_view name = child.name();
    if (name == "w:t")
      out.append(child.text().get());
    else if (name == "w:tab" || name == "w:br" || name == "w:cr")
      out.push_back(' ');
    else if (name == "w:noBreakHyphen")
      out.push_back('-');
    else if (name != "w:p" && name != "w:delText" && name != "w:instrText" && name != "mc:Fallback")
      paragraph_text(child, out);
  }
}

// Every paragraph in document order (tables and text boxes included; the
// duplicated fallback copies of text boxes skipped).
void collect(const pugi::xml_node& node, std::string& out) {
  for (const pugi::xml_node& child : node.children()) {
    const std::string_view name = child.name();
    if (name == "mc:Fallback") continue;
    if (name == "w:p") {
      std::string p;
      paragraph_text(child, p);
      out.append(p).push_back('\n');
    }
    collect(child, out);
  }
}

}  // namespace

Result<RawDoc> read_docx_file(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return Error{Status::Io, "cannot read file: " + ec.message()};
  if (size == 0) return Error{Status::BadRequest, "empty file"};
  if (size > kMaxFileBytes) return Error{Status::TooLarge, "file exceeds the size limit"};
  auto xml = read_entry(path, "word/document.xml");
  if (!xml) return xml.error();
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml->data(), xml->size());
  if (!parsed)
    return Error{Status::BadRequest, std::string("damaged DOCX: malformed XML (") + parsed.description() + ")"};
  std::string text;
  collect(doc.document_element(), text);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Error{Status::BadRequest, "DOCX without text"};
  RawDoc d;
  d.id = path.stem().string();
  d.source = path.string();
  d.format = "docx";
  d.content_hash = hex_hash(*xml);
  d.pages.push_back(text::sanitize_utf8(text));
  d.input_offset = size;
  return d;
}

}  // namespace tracuu::indexer::detail
