#pragma once
// Internal: the shards of a fresh build. Each worker thread writes its own small
// unsynced databases, merged as they accumulate and once more at the end into
// the new generation, which is then published.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "indexer/index_writer.h"
#include "indexer/run_state.h"

namespace tracuu::indexer {

/// One worker's output in a fresh build: a small unsynced shard per batch (Xapian's
/// in-memory changes and postlist updates grow with the terms a database already
/// holds, and word bigrams make many), merged kMergeFanIn at a time in the
/// worker's own thread, so the final merge reads a few dozen databases whatever
/// the size of the corpus.
class ShardSet {
 public:
  static constexpr std::size_t kMergeFanIn = 32;

  /// Shards go in `work`, named after `worker`.
  ShardSet(std::filesystem::path work, unsigned worker, std::string created_by)
      : work_(std::move(work)), worker_(worker), created_by_(std::move(created_by)) {}

  /// Closes the current shard (if any) and starts the next one.
  Result<void> next();

  /// The writer of the current shard (after next()).
  IndexWriter& writer() { return *writer_; }

  /// Commits and closes the current shard; merges when kMergeFanIn are waiting.
  Result<void> close();

  /// Every finished database of this worker.
  std::vector<std::filesystem::path> finished() const;

 private:
  std::filesystem::path work_;
  unsigned worker_;
  std::string created_by_;
  unsigned count_ = 0;
  std::optional<IndexWriter> writer_;
  std::filesystem::path current_;
  std::vector<std::filesystem::path> small_, merged_;
};

/// Called with the writer of a worker's first shard (the first worker records the inputs).
using FirstShard = std::function<Result<void>(IndexWriter&)>;

/// A fresh-build worker: extracts, prepares and writes documents into its shards
/// until the queue is drained. On an error, closes the queue (the reader and the
/// other workers stop too) and returns it.
Result<void> write_shards(ShardSet& out, BoundedQueue<RawDoc>& queue, const Extractor& extractor,
                          const DocumentBuilder& builder, const BuildOptions& options, RunState& state,
                          const FirstShard& first_shard);

/// Merges every shard into the new generation `gen` of `home` and makes it the live
/// one; removes `work`. Always merged, even from one shard: compaction writes the
/// final database compactly and durably (synced), which the unsynced shards are not.
Result<void> publish_shards(const std::filesystem::path& home, const std::filesystem::path& work,
                            const std::filesystem::path& gen, const std::vector<std::filesystem::path>& shards);

}  // namespace tracuu::indexer
