#pragma once
// Versions and facts kept in the database metadata (schema_version,
// analyzer_version, created_by, last_commit), checked on every open.

#include <string>
#include <string_view>
#include <vector>

#include "schema/status.h"
#include "schema/visibility.h"

namespace Xapian {
class Database;
class WritableDatabase;
}  // namespace Xapian

namespace tracuu::schema {

/// Checks that `db` was built with this schema and analyser version.
/// An empty database with no versions (never committed) is accepted.
/// @return IndexVersionMismatch naming both versions; Internal on a Xapian error.
Result<void> check_index_versions(const Xapian::Database& db);

/// Writes the versions and `created_by` into `db` (takes effect at the next commit).
void stamp_index_versions(Xapian::WritableDatabase& db, const std::string& created_by);

/// The visibility class a sub-database states (kMetaVisibility).
/// @return BadRequest when it states none or an unknown one (such a database is never served).
Result<Visibility> read_class(const Xapian::Database& db);

/// Current UTC time as ISO-8601 ("2026-11-23T15:04:05Z"): last_commit, and when keys were made or revoked.
std::string utc_now_iso();

/// Reads a metadata value ("" when absent or on error).
std::string read_metadata(const Xapian::Database& db, std::string_view key);

/// The input paths of a kMetaInputs value (a JSON array of strings; none when empty or malformed).
std::vector<std::string> decode_inputs(std::string_view value);

/// The kMetaInputs value of the inputs of `recorded` (a kMetaInputs value) followed by those of `added` it lacks.
std::string encode_inputs(std::string_view recorded, const std::vector<std::string>& added);

}  // namespace tracuu::schema
