#pragma once
// Internal: the shards of a fresh build. Each worker thread writes its own small
// unsynced databases, merged as they accumulate and once more at the end into
// the new generation, which is then published.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <tuple>
#include <vector>

#include "indexer/generation_writer.h"
#include "indexer/index_writer.h"
#include "indexer/run_state.h"
#include "schema/visibility.h"

namespace tracuu::indexer {

/// One worker's output in a fresh build: a small unsynced shard per batch and
/// visibility class (Xapian's in-memory changes and postlist updates grow with the
/// terms a database already holds, and word bigrams make many), merged kMergeFanIn
/// at a time in the worker's own thread, so the final merge reads a few dozen
/// databases per class whatever the size of the corpus.
class ShardSet {
 public:
  static constexpr std::size_t kMergeFanIn = 32;
  /// Finished databases of one class.
  struct Class {
    schema::Visibility visibility;
    std::vector<std::filesystem::path> small, merged;
  };

  /// Shards go in `work`, named after `worker`.
  ShardSet(std::filesystem::path work, unsigned worker, std::string created_by)
      : work_(std::move(work)), worker_(worker), created_by_(std::move(created_by)) {}

  /// The writer of the current batch's shard of class `v`, opened on first use.
  Result<IndexWriter*> writer(const schema::Visibility& v);

  /// Commits and closes the current shards; merges a class when kMergeFanIn of its shards are waiting.
  Result<void> close();

  /// Every finished database of this worker, by class.
  const std::vector<Class>& finished() const { return classes_; }

 private:
  Class& of(const schema::Visibility& v);

  std::filesystem::path work_;
  unsigned worker_;
  std::string created_by_;
  unsigned count_ = 0;
  std::vector<std::tuple<schema::Visibility, std::filesystem::path, IndexWriter>> open_;
  std::vector<Class> classes_;
};

/// A fresh-build worker: extracts, prepares and writes documents into its shards
/// (each into its class's) until the queue is drained. On an error, closes the
/// queue (the reader and the other workers stop too) and returns it.
Result<void> write_shards(ShardSet& out, BoundedQueue<RawDoc>& queue, const Extractor& extractor,
                          const DocumentBuilder& builder, const BuildOptions& options, RunState& state);

/// Merges every class's shards into its database of the new generation `gen` of
/// `home`, records `inputs` (for rebuilds without any) and makes the generation the
/// live one; removes `work`. Always merged, even from one shard: compaction writes
/// the final databases compactly and durably (synced), which the unsynced shards are not.
Result<void> publish_shards(const std::filesystem::path& home, const std::filesystem::path& work,
                            const std::filesystem::path& gen, const std::vector<ShardSet>& outputs,
                            const std::function<Result<void>(GenerationWriter&)>& record_inputs,
                            const std::string& created_by);

}  // namespace tracuu::indexer
