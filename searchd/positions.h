#pragma once
// Internal: the position lists one search reads, kept for its later steps.
#include <xapian.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "searchd/shard_reads.h"

namespace tracuu::searchd {

/// Reads terms of many documents at once: over remote shards with shard readers, one request per shard
/// (shard_reads.h). Per asked document (in the asked order) what DocReads holds; `slots` as asked.
using BatchRead =
    std::function<std::vector<DocReads>(const std::vector<Xapian::docid>& dids, const std::vector<std::string>& terms,
                                        const std::vector<bool>& positional)>;

/// Position lists of (document, term) read once per search: the second stage (rerank.h) and
/// the snippets (snippets.h) read the same words of the page's documents, and a remote shard
/// sends each position as a message of its own. With a BatchRead (remote shards with shard readers),
/// prefetch() reads what a step will ask of its documents in one request per shard, and the reads
/// below answer from it; without one, or for what was not prefetched, they read the database.
class PositionLists {
 public:
  /// Very common words in megabyte pages: the first ones are enough to place a passage.
  static constexpr std::size_t kMaxPositions = kMaxShardPositions;
  /// The values a prefetch reads of every document (the second stage's dates and numbers).
  static const std::vector<Xapian::valueno>& prefetched_slots();

  explicit PositionLists(const Xapian::Database& db, BatchRead batch = {}) : db_(db), batch_(std::move(batch)) {}

  /// Whether prefetch() reads anything (remote shards with shard readers).
  bool batched() const { return static_cast<bool>(batch_); }

  /// Reads, in one request per shard, the lengths and prefetched_slots() of `dids`, whether and how
  /// often each holds each of `terms`, and the positions of the `positional` ones. Nothing without a BatchRead.
  void prefetch(const std::vector<Xapian::docid>& dids, const std::vector<std::string>& terms,
                const std::vector<bool>& positional);

  /// The first kMaxPositions positions of `term` in document `did`, ascending.
  const std::vector<std::uint32_t>& of(Xapian::docid did, const std::string& term);

  /// The wdf of `term` in each of `dids` (ascending), 0 where absent: from a prefetch, else one pass
  /// over the posting list.
  std::vector<Xapian::termcount> wdfs(const std::string& term, const std::vector<Xapian::docid>& dids);
  /// Which of `dids` (ascending) hold `term` (boolean terms too).
  std::vector<bool> holds(const std::string& term, const std::vector<Xapian::docid>& dids);
  /// The length of document `did`.
  Xapian::termcount doclength(Xapian::docid did);
  /// Value `slot` of document `did`.
  std::string value(Xapian::docid did, Xapian::valueno slot);

 private:
  /// The prefetched wdf of (did, term) (empty when the document lacks the term), null when not prefetched.
  const std::optional<Xapian::termcount>* prefetched(Xapian::docid did, const std::string& term) const;

  const Xapian::Database& db_;
  BatchRead batch_;
  std::map<std::pair<Xapian::docid, std::string>, std::vector<std::uint32_t>> lists_;
  std::map<std::pair<Xapian::docid, std::string>, std::optional<Xapian::termcount>> wdf_;  ///< prefetched
  std::map<Xapian::docid, DocReads> docs_;  ///< prefetched lengths and values
};

}  // namespace tracuu::searchd
