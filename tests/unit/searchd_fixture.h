#pragma once
// A small index built once per test binary from hand-written records, so that
// search tests do not depend on extraction quality. Deleted on exit.

#include <filesystem>
#include <string>
#include <vector>

#include "schema/record.h"
#include "tests/support/temp_dir.h"

namespace tracuu::testing {

/// The records of the fixture index.
std::vector<schema::DocRecord> fixture_records();

/// The index home holding fixture_records() (built on first call).
const std::filesystem::path& fixture_index();

/// An index home of data/samples (five long notices of a provincial People's Committee), indexed as
/// `indexer build` does (built on first call).
const std::filesystem::path& samples_index();

/// Writes `records` into a new index home at `home` (one generation, published).
void build_index(const std::filesystem::path& home, const std::vector<schema::DocRecord>& records);

}  // namespace tracuu::testing
