// read_file / read_inputs: dispatch by file type, sidecar overrides, directories.
#include <algorithm>
#include <fstream>

#include "indexer/ingest/ingest.h"
#include "indexer/ingest/reader_internal.h"

namespace tracuu::indexer {
namespace {

namespace fs = std::filesystem;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

enum class Kind { Text, Pdf, Docx, Jsonl, Unsupported };

Kind kind_of(const fs::path& path) {
  std::string name = path.filename().string();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ends_with(name, ".meta.json")) return Kind::Unsupported;
  if (ends_with(name, ".txt") || ends_with(name, ".md")) return Kind::Text;
  if (ends_with(name, ".pdf")) return Kind::Pdf;
  if (ends_with(name, ".docx")) return Kind::Docx;
  if (ends_with(name, ".jsonl") || ends_with(name, ".jsonl.gz")) return Kind::Jsonl;
  return Kind::Unsupported;
}

std::string unsupported_message(const fs::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".doc") return "legacy Word .doc is not supported; save it as .docx";
  if (ends_with(path.filename().string(), ".meta.json")) return "a sidecar is read with its document, not on its own";
  return "unsupported file type '" + ext + "' (supported: .txt .md .pdf .docx .jsonl .jsonl.gz)";
}

// <file>.meta.json (or <stem>.meta.json): staff corrections applied over extraction.
Result<nlohmann::json> read_sidecar(const fs::path& path) {
  for (const fs::path& side :
       {fs::path(path.string() + ".meta.json"), path.parent_path() / (path.stem().string() + ".meta.json")}) {
    std::error_code ec;
    if (!fs::is_regular_file(side, ec)) continue;
    auto bytes = detail::read_bytes(side, std::uint64_t{1} << 20);
    if (!bytes) return Error{bytes.error().status, side.filename().string() + ": " + bytes.error().message};
    nlohmann::json j = nlohmann::json::parse(*bytes, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return Error{Status::BadRequest, side.filename().string() + ": malformed sidecar (not a JSON object)"};
    return j;
  }
  return nlohmann::json();
}

Result<RawDoc> read_single(const fs::path& path, Kind kind) {
  switch (kind) {
    case Kind::Text: return detail::read_text_file(path);
    case Kind::Pdf: return detail::read_pdf_file(path);
    case Kind::Docx: return detail::read_docx_file(path);
    case Kind::Jsonl:
    case Kind::Unsupported: break;
  }
  return Error{Status::Unsupported, unsupported_message(path)};
}

}  // namespace

bool is_supported_input(const fs::path& path) {
  return kind_of(path) != Kind::Unsupported;
}

std::vector<InputError> read_file(const fs::path& path, const RawDocSink& sink) {
  const std::string name = path.filename().string();
  const Kind kind = kind_of(path);
  if (kind == Kind::Jsonl) return detail::read_jsonl_file(path, sink);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return {{path.string(), {Status::NotFound, name + ": no such file"}}};
  auto doc = read_single(path, kind);
  if (!doc) return {{path.string(), {doc.error().status, name + ": " + doc.error().message}}};
  auto sidecar = read_sidecar(path);
  if (!sidecar) return {{path.string(), sidecar.error()}};
  // The sidecar is part of what was indexed: changing it alone (a document made internal) must
  // re-index the document, not be skipped as unchanged.
  if (!sidecar->is_null()) doc->content_hash = detail::hex_hash(doc->content_hash + sidecar->dump());
  doc->overrides = std::move(*sidecar);
  sink(std::move(*doc));
  return {};
}

std::vector<InputError> read_inputs(const std::vector<fs::path>& inputs, const RawDocSink& sink) {
  std::vector<InputError> errors;
  bool stop = false;
  for (const auto& input : inputs) {
    if (stop) break;
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(input, ec)) {
      for (auto it = fs::recursive_directory_iterator(input, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec))
        if (it->is_regular_file() && is_supported_input(it->path())) files.push_back(it->path());
      std::sort(files.begin(), files.end());
    } else if (fs::exists(input, ec)) {
      files.push_back(input);
    } else {
      errors.push_back({input.string(), {Status::NotFound, input.filename().string() + ": no such file or directory"}});
      continue;
    }
    // Offsets grow through the whole input argument: a directory counts its files in order.
    std::uint64_t before = 0;
    for (const auto& f : files) {
      if (stop) break;
      auto e = read_file(f, [&](RawDoc&& d) {
        d.input_offset += before;
        if (!sink(std::move(d))) stop = true;
        return !stop;
      });
      errors.insert(errors.end(), e.begin(), e.end());
      before += fs::is_regular_file(f, ec) ? fs::file_size(f, ec) : 0;
    }
  }
  return errors;
}

}  // namespace tracuu::indexer
