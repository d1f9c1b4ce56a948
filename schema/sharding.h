#pragma once
// Shards (docs/scale-out.md): an index too large for one machine is split by a stable hash
// of the document id into N index homes, searched as one database. The indexer routes
// writes and searchd combines the shards by the same definitions, kept here:
//
//   DIR/shards        the shard count ("3\n"), written once by `indexer build --shards 3`
//   DIR/shard-0/      an ordinary index home (schema/index_home.h): current, gen-*, manifest
//   DIR/shard-1/ ...
//
// Each shard holds the documents whose id hashes to it (shard_of), in every visibility class.

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "schema/status.h"

namespace tracuu::schema {

/// The most shards a home may have (a typo of 1000 would create 1000 directories).
inline constexpr unsigned kMaxShards = 256;

/// 64-bit FNV-1a of `bytes`: fixed by its definition, so the same on every build and machine
/// (std::hash is not).
constexpr std::uint64_t fnv1a_64(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// The shard (0..count-1) that holds the document `id`.
constexpr unsigned shard_of(std::string_view id, unsigned count) {
  return count <= 1 ? 0 : static_cast<unsigned>(fnv1a_64(id) % count);
}

/// DIR/shard-K.
std::filesystem::path shard_home(const std::filesystem::path& home, unsigned index);

/// The shard count of a sharded home (DIR/shards).
/// @return NotFound when `home` is not sharded; IndexUnavailable when the file is not a count in 1..kMaxShards.
Result<unsigned> shard_count(const std::filesystem::path& home);

/// Records `count` in DIR/shards (created with DIR; written to a temporary file and renamed).
/// @return Io on failure.
Result<void> write_shard_count(const std::filesystem::path& home, unsigned count);

}  // namespace tracuu::schema
