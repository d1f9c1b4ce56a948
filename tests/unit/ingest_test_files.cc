#include "tests/unit/ingest_test_files.h"

#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <random>

#include "text/utf8.h"

namespace tracuu::testing {

namespace fs = std::filesystem;

namespace {

// A PDF string literal for one line; non-ASCII letters get codes 128.. of the font's encoding.
std::string pdf_string(const std::string& utf8, std::map<char32_t, int>& codes) {
  std::string out = "(";
  for (std::size_t i = 0, len = 0; i < utf8.size(); i += len) {
    const char32_t cp = text::decode_utf8(utf8, i, len);
    int code = 0;
    if (cp >= 0x20 && cp < 0x7F) {
      code = static_cast<int>(cp);
    } else {
      auto it = codes.find(cp);
      if (it == codes.end()) it = codes.emplace(cp, 128 + static_cast<int>(codes.size())).first;
      code = it->second;
    }
    if (code == '(' || code == ')' || code == '\\') out += '\\';
    if (code < 128) {
      out += static_cast<char>(code);
    } else {
      char oct[16];
      std::snprintf(oct, sizeof oct, "\\%03o", code);
      out += oct;
    }
  }
  return out + ")";
}

}  // namespace

std::string make_pdf(const std::vector<std::vector<std::string>>& pages) {
  std::map<char32_t, int> codes;
  std::vector<std::string> contents;
  for (const auto& lines : pages) {
    std::string c = "BT /F1 11 Tf 14 TL 50 800 Td\n";
    for (const auto& line : lines) c += pdf_string(line, codes) + " Tj T*\n";
    contents.push_back(c + "ET\n");
  }
  std::vector<std::pair<int, char32_t>> by_code;
  for (const auto& [cp, code] : codes) by_code.emplace_back(code, cp);
  std::sort(by_code.begin(), by_code.end());
  std::string differences = "[128";
  for (const auto& [code, cp] : by_code) {
    char name[16];
    std::snprintf(name, sizeof name, " /uni%04X", static_cast<unsigned>(cp));
    differences += name;
  }
  differences += "]";
  std::vector<std::string> objects;
  std::string kids;
  for (std::size_t i = 0; i < pages.size(); ++i) kids += std::to_string(4 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  objects.push_back(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
      "/BaseEncoding /WinAnsiEncoding /Differences " +
      differences + " >> >>");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
        "/Contents " +
        std::to_string(5 + 2 * i) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(contents[i].size()) + " >>\nstream\n" + contents[i] + "endstream");
  }
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char row[32];
    std::snprintf(row, sizeof row, "%010zu 00000 n \n", off);
    pdf += row;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

bool write_docx(const fs::path& path, const std::vector<std::string>& paragraphs) {
  std::string body;
  for (const auto& p : paragraphs) body += "<w:p><w:r><w:t xml:space=\"preserve\">" + p + "</w:t></w:r></w:p>";
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
       "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
       "wordprocessingml.document.main+xml\"/></Types>"},
      {"word/document.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
       "wordprocessingml/2006/main\"><w:body>" +
           body + "</w:body></w:document>"}};
  int err = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!zip) return false;
  for (const auto& [name, data] : entries) {
    zip_source_t* src = zip_source_buffer(zip, data.data(), data.size(), 0);
    if (!src || zip_file_add(zip, name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
      if (src) zip_source_free(src);
      zip_discard(zip);
      return false;
    }
  }
  return zip_close(zip) == 0;  // the buffers above are still alive here
}

bool write_gzip(const fs::path& path, const std::string& text) {
  gzFile f = gzopen(path.c_str(), "wb");
  if (!f) return false;
  const bool ok = gzwrite(f, text.data(), static_cast<unsigned>(text.size())) == static_cast<int>(text.size());
  return gzclose(f) == Z_OK && ok;
}

std::string utf16_with_bom(const std::string& utf8, bool big_endian) {
  std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
  auto unit = [&](unsigned u) {
    const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += big_endian ? std::string{hi, lo} : std::string{lo, hi};
  };
  for (std::size_t i = 0, len = 0; i < utf8.size(); i += len) {
    const char32_t cp = text::decode_utf8(utf8, i, len);
    if (cp >= 0x10000) {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out;
}

std::optional<fs::path> shared_dir() {
  const fs::path p = fs::path(TRACUU_SOURCE_DIR) / ".." / "shared";
  std::error_code ec;
  if (!fs::is_directory(p, ec)) return std::nullopt;
  return p;
}

std::string read_file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace tracuu::testing
