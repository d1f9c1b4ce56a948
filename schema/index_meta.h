#pragma once
// Versions and facts kept in the database metadata (schema_version,
// analyzer_version, created_by, last_commit), checked on every open.

#include <string>

#include "schema/status.h"

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

/// Reads a metadata value ("" when absent or on error).
std::string read_metadata(const Xapian::Database& db, std::string_view key);

}  // namespace tracuu::schema
