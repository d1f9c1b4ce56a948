#pragma once
// The on-disk layout of an index directory ("index home"), shared by the
// indexer (which writes generations) and searchd (which follows `current`):
//
//   DIR/current -> gen-000003     symlink, replaced atomically by rename(2)
//   DIR/gen-000003/               a Xapian glass database
//   DIR/gen-000002/               the previous generation, kept for readers still on it
//   DIR/gen-000004.tmp/           a rebuild in progress (never read)
//
// A reader opens DIR/current; when the link changes it opens the new target.

#include <filesystem>
#include <string>

#include "schema/status.h"

namespace tracuu::schema {

/// Path of the live database: the resolved target of DIR/current.
/// @return NotFound when DIR has no current generation yet.
Result<std::filesystem::path> current_generation(const std::filesystem::path& home);

/// The generation number in a "gen-NNNNNN" name (0 when not one).
unsigned generation_number(const std::filesystem::path& gen_dir);

/// A fresh directory name for the next generation (gen-<max+1>), not created.
std::filesystem::path next_generation(const std::filesystem::path& home);

/// Points DIR/current at `gen_dir` atomically (symlink to a temporary name, then rename).
/// @return Io on failure; the previous link is then unchanged.
Result<void> publish_generation(const std::filesystem::path& home, const std::filesystem::path& gen_dir);

/// Removes generations older than the current one and its predecessor, and
/// leftover *.tmp directories of interrupted rebuilds. Errors are ignored.
void prune_generations(const std::filesystem::path& home);

}  // namespace tracuu::schema
