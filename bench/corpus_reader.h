#pragma once
// Reads benchmark inputs: plain text files and JSONL(.gz) records with a "text" field.

#include <string>
#include <vector>

namespace tracuu::bench {

struct BenchDoc {
  std::string id;
  std::string title;
  std::string text;
};

/// Reads `path`: a .txt/.md file (one document), or .jsonl / .jsonl.gz (one per line).
/// Throws std::runtime_error with the path on failure (benchmarks stop loudly).
std::vector<BenchDoc> read_bench_docs(const std::string& path, std::size_t limit = 0);

}  // namespace tracuu::bench
