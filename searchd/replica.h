#pragma once
// A read replica's index home, kept up to date from a writer's through Xapian's replication
// (docs/scale-out.md). xapian-replicate copies one database at a time, so a round copies the
// writer's manifest (schema/index_home.h), then each class database of the generation it names,
// and publishes that generation locally with the same atomic swap of DIR/current as the writer.
// `searchd serve` on the replica home needs nothing else: it follows DIR/current and reopens
// a replica afresh after each update (Searcher::refresh).

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "schema/status.h"

namespace tracuu::searchd {

/// Copies the writer's database `master` (a path relative to the writer's index home, as
/// xapian-replicate-server names it: "manifest", "gen-000007/public") into the local replica
/// directory `replica`, creating it on the first call (xapian-replicate --one-shot).
/// @return IndexUnavailable (or Io) when the writer cannot be reached or the copy fails.
using FetchDatabase = std::function<Result<void>(const std::string& master, const std::filesystem::path& replica)>;

/// What one round of replication did.
struct ReplicaRound {
  std::string generation;            ///< the writer's live generation, now the replica's ("gen-000007")
  std::vector<std::string> classes;  ///< the class databases copied
  bool switched = false;             ///< DIR/current now points at a generation it did not before
};

/// One round: the manifest, then every class database of the generation it names. A class new to
/// the live generation is copied aside (DIR/incoming/) and moved in whole; a new generation is
/// copied into DIR/gen-N.tmp/ (kept across failed rounds, so a retry resumes), renamed and swapped
/// in, then older generations are pruned. A reader never sees a half-copied database.
/// @return the first failure (from `fetch`, or Io/IndexUnavailable here); the replica's live
///         generation is then unchanged and the next round retries.
Result<ReplicaRound> replicate_once(const std::filesystem::path& home, const FetchDatabase& fetch);

}  // namespace tracuu::searchd
