#pragma once
// Writing a sharded index home (schema/sharding.h): build, add, rebuild and delete run once per
// shard, each keeping the documents whose id hashes to it, then the validity of every document is
// settled across the shards (a repeal in one shard ends the force of a document in another).

#include <filesystem>
#include <string>
#include <vector>

#include "indexer/pipeline.h"

namespace tracuu::indexer {

/// The shard count to write `home` with: that recorded in DIR/shards, else `requested` (0: not asked).
/// @return 0 for an unsharded home; BadRequest when `requested` contradicts the home (another count, or
///         an unsharded index already there: a new count is a rebuild into a new home, docs/scale-out.md).
Result<unsigned> shards_to_write(const std::filesystem::path& home, unsigned requested);

/// add_documents (fresh: rebuild_index) on each of the `count` shards of `home`, which gets DIR/shards
/// when new. Inputs are read once per shard. @return the counters of every shard together; per-file
/// errors once.
Result<BuildReport> write_sharded(const std::filesystem::path& home, unsigned count,
                                  const std::vector<std::filesystem::path>& inputs, const Extractor& extractor,
                                  const BuildOptions& options, const ProgressCallback& progress, bool fresh);

/// Deletes documents by id, each from its shard. @return how many existed.
Result<std::size_t> delete_sharded(const std::filesystem::path& home, unsigned count,
                                   const std::vector<std::string>& ids, const std::string& created_by);

}  // namespace tracuu::indexer
