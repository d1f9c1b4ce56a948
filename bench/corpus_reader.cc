#include "bench/corpus_reader.h"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace tracuu::bench {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string read_gz(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot open " + path);
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}

BenchDoc to_bench_doc(const nlohmann::json& j, std::size_t n) {
  BenchDoc d;
  d.id = j.value("id", std::to_string(n));
  d.title = j.value("title", "");
  d.text = j.value("text", "");
  return d;
}

}  // namespace

std::size_t for_each_jsonl_record(const std::string& path, const std::function<bool(const nlohmann::json&)>& sink) {
  gzFile f = gzopen(path.c_str(), "rb");  // gzread also reads uncompressed files
  if (!f) throw std::runtime_error("cannot open " + path);
  gzbuffer(f, 1 << 17);
  std::string pending;
  std::size_t n = 0;
  bool go = true;
  std::vector<char> buf(1 << 20);
  int got;
  while (go && (got = gzread(f, buf.data(), static_cast<unsigned>(buf.size()))) > 0) {
    pending.append(buf.data(), static_cast<std::size_t>(got));
    std::size_t start = 0, end;
    while (go && (end = pending.find('\n', start)) != std::string::npos) {
      if (end > start) {
        go = sink(nlohmann::json::parse(std::string_view(pending).substr(start, end - start)));
        ++n;
      }
      start = end + 1;
    }
    pending.erase(0, start);
  }
  if (go && pending.find_first_not_of(" \r\t") != std::string::npos) {
    sink(nlohmann::json::parse(pending));
    ++n;
  }
  gzclose(f);
  return n;
}

std::size_t for_each_bench_doc(const std::string& path, const std::function<bool(BenchDoc&&)>& sink) {
  if (!ends_with(path, ".jsonl") && !ends_with(path, ".jsonl.gz")) {
    auto docs = read_bench_docs(path);
    for (auto& d : docs) sink(std::move(d));
    return docs.size();
  }
  std::size_t n = 0;
  for_each_jsonl_record(path, [&](const nlohmann::json& j) { return sink(to_bench_doc(j, n++)); });
  return n;
}

std::vector<BenchDoc> read_bench_docs(const std::string& path, std::size_t limit) {
  std::vector<BenchDoc> docs;
  if (ends_with(path, ".jsonl") || ends_with(path, ".jsonl.gz")) {
    const std::string all = ends_with(path, ".gz") ? read_gz(path) : [&] {
      std::ifstream in(path, std::ios::binary);
      if (!in) throw std::runtime_error("cannot open " + path);
      return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    std::size_t start = 0;
    while (start < all.size() && (limit == 0 || docs.size() < limit)) {
      std::size_t end = all.find('\n', start);
      if (end == std::string::npos) end = all.size();
      if (end > start) {
        docs.push_back(to_bench_doc(
            nlohmann::json::parse(all.begin() + static_cast<long>(start), all.begin() + static_cast<long>(end)),
            docs.size()));
      }
      start = end + 1;
    }
    return docs;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  BenchDoc d;
  d.id = std::filesystem::path(path).stem().string();
  d.text.assign(std::istreambuf_iterator<char>(in), {});
  docs.push_back(std::move(d));
  return docs;
}

}  // namespace tracuu::bench
