// Minimal reader: .txt/.md (UTF-8) and .jsonl(.gz). The full reader (PDF, DOCX,
// UTF-16, legacy-encoding detection, sidecars) replaces this.
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "indexer/ingest/ingest.h"
#include "text/utf8.h"

namespace tracuu::indexer {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string hex_hash(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i, h >>= 4) out.push_back(kHex[h & 0xF]);
  return out;
}

}  // namespace

bool is_supported_input(const fs::path& path) {
  const std::string name = path.filename().string();
  if (ends_with(name, ".meta.json")) return false;
  return ends_with(name, ".txt") || ends_with(name, ".md") || ends_with(name, ".jsonl") || ends_with(name, ".jsonl.gz");
}

std::vector<InputError> read_file(const fs::path& path, const RawDocSink& sink) {
  std::vector<InputError> errors;
  const std::string name = path.string();
  std::string bytes;
  if (ends_with(name, ".gz")) {
    gzFile f = gzopen(name.c_str(), "rb");
    if (!f) return {{name, {Status::Io, "cannot open file"}}};
    char buf[1 << 16];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) bytes.append(buf, static_cast<std::size_t>(n));
    gzclose(f);
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {{name, {Status::Io, "cannot open file"}}};
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  if (ends_with(name, ".jsonl") || ends_with(name, ".jsonl.gz")) {
    std::size_t start = 0, line = 0;
    while (start < bytes.size()) {
      std::size_t end = bytes.find('\n', start);
      if (end == std::string::npos) end = bytes.size();
      ++line;
      const std::string_view rec(bytes.data() + start, end - start);
      start = end + 1;
      if (rec.find_first_not_of(" \r\t") == std::string_view::npos) continue;
      const std::string where = name + "#" + std::to_string(line);
      nlohmann::json j = nlohmann::json::parse(rec, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("text") || !j["text"].is_string()) {
        errors.push_back({where, {Status::BadRequest, "not a JSON object with a string \"text\""}});
        continue;
      }
      RawDoc d;
      d.id = j.contains("id") && j["id"].is_string() ? j["id"].get<std::string>() : path.stem().string() + "-" + std::to_string(line);
      d.source = where;
      d.format = "jsonl";
      d.pages.push_back(text::sanitize_utf8(j["text"].get<std::string>()));
      if (j.contains("title") && j["title"].is_string()) d.title = j["title"].get<std::string>();
      d.given = j;
      d.given.erase("text");
      d.content_hash = hex_hash(rec);
      if (!sink(std::move(d))) return errors;
    }
    return errors;
  }
  if (bytes.empty()) return {{name, {Status::BadRequest, "empty file"}}};
  RawDoc d;
  d.id = path.stem().string();
  d.source = name;
  d.format = ends_with(name, ".md") ? "md" : "txt";
  d.content_hash = hex_hash(bytes);
  d.pages.push_back(text::sanitize_utf8(bytes));
  sink(std::move(d));
  return errors;
}

std::vector<InputError> read_inputs(const std::vector<fs::path>& inputs, const RawDocSink& sink) {
  std::vector<InputError> errors;
  bool stop = false;
  auto guarded = [&](RawDoc&& d) {
    if (!sink(std::move(d))) stop = true;
    return !stop;
  };
  for (const auto& input : inputs) {
    if (stop) break;
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(input, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec))
        if (it->is_regular_file() && is_supported_input(it->path())) files.push_back(it->path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        if (stop) break;
        auto e = read_file(f, guarded);
        errors.insert(errors.end(), e.begin(), e.end());
      }
    } else if (fs::exists(input, ec)) {
      auto e = read_file(input, guarded);
      errors.insert(errors.end(), e.begin(), e.end());
    } else {
      errors.push_back({input.string(), {Status::NotFound, "no such file or directory"}});
    }
  }
  return errors;
}

}  // namespace tracuu::indexer
