#pragma once
// Reads benchmark inputs: plain text files and JSONL(.gz) records with a "text" field.

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace tracuu::bench {

struct BenchDoc {
  std::string id;
  std::string title;
  std::string text;
};

/// Reads `path`: a .txt/.md file (one document, its id the file name without extension,
/// as tracuu's indexer names it), or .jsonl / .jsonl.gz (one per line).
/// Throws std::runtime_error with the path on failure (benchmarks stop loudly).
std::vector<BenchDoc> read_bench_docs(const std::string& path, std::size_t limit = 0);

/// Streams the documents of `path` (same formats) to `sink` without holding the
/// file in memory; stops when `sink` returns false. Throws like read_bench_docs.
/// @return the number of documents passed to `sink`.
std::size_t for_each_bench_doc(const std::string& path, const std::function<bool(BenchDoc&&)>& sink);

/// Streams the records of a .jsonl or .jsonl.gz file, parsed, to `sink` (every field,
/// such as vn-legal's "meta"); stops when `sink` returns false. Throws like read_bench_docs.
/// @return the number of records passed to `sink`.
std::size_t for_each_jsonl_record(const std::string& path, const std::function<bool(const nlohmann::json&)>& sink);

}  // namespace tracuu::bench
