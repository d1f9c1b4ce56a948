#pragma once
// The on-disk layout of an index directory ("index home"), shared by the
// indexer (which writes generations) and searchd (which follows `current`):
//
//   DIR/current -> gen-000003     symlink, replaced atomically by rename(2)
//   DIR/gen-000003/               one generation: a Xapian glass database per visibility class
//     public/                     always present (possibly empty)
//     internal/                   present once it holds documents
//     group-so-tai-chinh/         one per distinct group set (schema/visibility.h)
//   DIR/gen-000002/               the previous generation, kept for readers still on it
//   DIR/gen-000004.tmp/           a rebuild in progress (never read)
//   DIR/originals/<hash>.pdf      PDF and DOCX inputs as they were read, named by the hash of their
//                                 bytes (shared by generations, written once, never changed), for download
//   DIR/manifest/                 a small Xapian database naming the live generation and its
//                                 classes, for replicas (docs/scale-out.md)
//
// A reader opens DIR/current; when the link changes it opens the new target. Within
// a generation it combines the sub-databases its audience may see (docs/access.md);
// each states its class in metadata (kMetaVisibility), which readers trust over the name.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/status.h"
#include "schema/visibility.h"

namespace tracuu::schema {

/// Path of the live database: the resolved target of DIR/current.
/// @return NotFound when DIR has no current generation yet.
Result<std::filesystem::path> current_generation(const std::filesystem::path& home);

/// The directory of visibility class `v` inside generation `gen_dir`.
std::filesystem::path class_dir(const std::filesystem::path& gen_dir, const Visibility& v);

/// Every subdirectory of a generation (its sub-databases), sorted by name.
std::vector<std::filesystem::path> sub_database_dirs(const std::filesystem::path& gen_dir);

/// The generation number in a "gen-NNNNNN" name (0 when not one).
unsigned generation_number(const std::filesystem::path& gen_dir);

/// A fresh directory name for the next generation (gen-<max+1>), not created.
std::filesystem::path next_generation(const std::filesystem::path& home);

/// Points DIR/current at `gen_dir` atomically (symlink to a temporary name, then rename).
/// @return Io on failure; the previous link is then unchanged.
Result<void> publish_generation(const std::filesystem::path& home, const std::filesystem::path& gen_dir);

/// What a replica needs to mirror an index home (docs/scale-out.md): the live generation and
/// the class databases in it. Kept in DIR/manifest, a small Xapian database (metadata only),
/// so that xapian-replicate-server carries it exactly as it carries the class databases.
struct Manifest {
  std::string generation;            ///< directory name of the live generation ("gen-000007")
  std::vector<std::string> classes;  ///< directory names of its class databases, sorted ("internal", "public")
  bool operator==(const Manifest&) const = default;
};

/// The manifest of `home` as it is on disk now: the target of DIR/current and its subdirectories.
/// @return NotFound when DIR has no current generation.
Result<Manifest> manifest_of(const std::filesystem::path& home);

/// Stores manifest_of(home) in DIR/manifest, committing only when it differs from what is stored
/// (so a replica copies nothing when nothing changed). The indexer calls it after publishing a
/// generation and after `indexer add`, which may create a class database in the live generation;
/// a replica never does (its DIR/manifest is the writer's, replicated).
/// @return Io or Locked when the manifest database cannot be written.
Result<void> write_manifest(const std::filesystem::path& home);

/// Reads a manifest database: DIR/manifest, or a replica's copy of it.
/// @return NotFound when there is none; IndexUnavailable when it cannot be read or names no generation.
Result<Manifest> read_manifest(const std::filesystem::path& db);

/// The directory of kept originals: DIR/originals.
std::filesystem::path originals_dir(const std::filesystem::path& home);

/// The media type of a kept original by its name ("<hex>.pdf" -> "application/pdf"); nullopt when the name is
/// not one the indexer writes (anything but lower-case hex digits, a dot and "pdf" or "docx"), so a name read
/// from the index can never point outside DIR/originals.
std::optional<std::string_view> original_media_type(std::string_view name);

/// The media type of a PDF original: the one kind whose snippets name a page (`#page=N`).
inline constexpr std::string_view kPdfMediaType = "application/pdf";

/// Removes generations older than the current one and its predecessor, and
/// leftover *.tmp directories of interrupted rebuilds. Errors are ignored.
void prune_generations(const std::filesystem::path& home);

}  // namespace tracuu::schema
