#pragma once
// Internal: the position lists one search reads, kept for its later steps.
#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tracuu::searchd {

/// Position lists of (document, term) read once per search: the second stage (rerank.h) and
/// the snippets (snippets.h) read the same words of the page's documents, and a remote shard
/// sends each position as a message of its own.
class PositionLists {
 public:
  /// Very common words in megabyte pages: the first ones are enough to place a passage.
  static constexpr std::size_t kMaxPositions = 10000;

  explicit PositionLists(const Xapian::Database& db) : db_(db) {}

  /// The first kMaxPositions positions of `term` in document `did`, ascending.
  const std::vector<std::uint32_t>& of(Xapian::docid did, const std::string& term);

 private:
  const Xapian::Database& db_;
  std::map<std::pair<Xapian::docid, std::string>, std::vector<std::uint32_t>> lists_;
};

}  // namespace tracuu::searchd
