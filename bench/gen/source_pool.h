#pragma once
// Material harvested from real documents: sentences, subject lines and the
// numbers they cite. The generator recombines it, so the synthetic corpus has
// the vocabulary, sentence lengths and citation habits of real Vietnamese texts.

#include <string>
#include <vector>

namespace tracuu::bench::gen {

struct SourcePool {
  std::vector<std::string> notice_sentences;  ///< from data/samples (provincial notices)
  std::vector<std::string> legal_sentences;   ///< from vn-legal (laws, decrees, circulars)
  std::vector<std::string> subjects;          ///< vn-legal titles, first letter lower-cased
  std::vector<std::string> cited_numbers;     ///< "24/2021/NĐ-CP", "16-NQ/TW" seen in real texts
};

/// Reads every .txt file in `samples_dir` and up to `max_legal_docs` records
/// of `vn_legal` (JSONL.gz), in file order, so the pool is deterministic.
/// Throws std::runtime_error naming the missing input.
SourcePool load_source_pool(const std::string& samples_dir, const std::string& vn_legal, std::size_t max_legal_docs);

/// Finds document numbers in `text` ("346/TB-UBND", "66/2025/NĐ-CP", "49-NQ/TU")
/// and returns their byte ranges [begin, end).
std::vector<std::pair<std::size_t, std::size_t>> find_doc_numbers(const std::string& text);

}  // namespace tracuu::bench::gen
