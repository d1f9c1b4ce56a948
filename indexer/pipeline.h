#pragma once
// The indexing pipeline: read sequentially, extract and prepare on all cores,
// write with one writer (incremental) or one shard per thread merged at the
// end (fresh builds), commit in batches, publish generations atomically.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "indexer/ingest/ingest.h"
#include "schema/status.h"

namespace tracuu::indexer {

/// Pipeline settings (parsed from the command line by main()).
struct BuildOptions {
  unsigned threads = 0;                ///< extraction/analysis threads; 0 = all cores
  std::size_t batch_docs = 100;        ///< commit (a fresh build: start a new shard) after this many documents...
  std::size_t batch_bytes = 16 << 20;  ///< ...or this many bytes of text, whichever first
  bool skip_unchanged = true;          ///< skip documents whose content hash is already indexed
  std::string indexed_at;              ///< the indexing time of documents new to the index (UTC, kSlotIndexedAt's
                                       ///< form); empty: now. Set by tests, for times they can compare.
  std::string created_by = "tracuu indexer";
  /// A run for one shard of a sharded home writes only the documents that hash to it (schema/sharding.h).
  unsigned shard = 0, shards = 1;
};

/// Counters, reported while running and at the end.
struct BuildProgress {
  std::size_t read = 0;     ///< documents read from the inputs
  std::size_t indexed = 0;  ///< documents written
  std::size_t skipped = 0;  ///< unchanged documents not rewritten
  std::size_t failed = 0;   ///< documents or files that failed
  std::size_t commits = 0;
  std::uint64_t text_bytes = 0;   ///< bytes of document text written
  std::uint64_t input_bytes = 0;  ///< bytes of input files consumed
  std::uint64_t input_total = 0;  ///< bytes of all input files (for ETA)
  double seconds = 0;
};

/// The outcome of a run: counters and every per-file error (the run went on past them).
struct BuildReport {
  BuildProgress progress;
  std::vector<InputError> errors;
  std::filesystem::path generation;  ///< database directory written
};

using ProgressCallback = std::function<void(const BuildProgress&)>;

/// Adds inputs to the index home `home` (creating its first generation if none):
/// documents are upserted by id, unchanged ones skipped, commits batched. A
/// crash leaves the last commit readable; re-running completes the job.
/// @return Locked, IndexVersionMismatch, Io... when the index cannot be written
///         (per-file errors are in the report, not here).
Result<BuildReport> add_documents(const std::filesystem::path& home, const std::vector<std::filesystem::path>& inputs,
                                  const Extractor& extractor, const BuildOptions& options,
                                  const ProgressCallback& progress);

/// Builds a fresh generation from `inputs` beside the live one (one shard per
/// thread, merged), then swaps it in atomically: readers see the old index until
/// the swap and the new one after, never a half-built one.
/// With no inputs, re-reads the inputs recorded in the live index.
Result<BuildReport> rebuild_index(const std::filesystem::path& home, std::vector<std::filesystem::path> inputs,
                                  const Extractor& extractor, const BuildOptions& options,
                                  const ProgressCallback& progress);

/// Deletes documents by id and commits. @return how many existed.
Result<std::size_t> delete_documents(const std::filesystem::path& home, const std::vector<std::string>& ids,
                                     const std::string& created_by);

/// What `indexer stats` reports.
struct IndexStats {
  std::filesystem::path generation;
  std::size_t documents = 0;
  std::vector<std::pair<std::string, std::size_t>> classes;  ///< documents per visibility class ("public", ...)
  std::size_t terms = 0;                                     ///< distinct terms
  std::uint64_t size_bytes = 0;                              ///< on disk
  std::string schema_version, analyzer_version, created_by, last_commit;
  std::vector<std::string> inputs;  ///< recorded inputs (for rebuild)
  /// Made by another schema or analyzer version: searchd and `add` refuse it until `rebuild` (the package's
  /// postinst rebuilds it on upgrade).
  bool needs_rebuild = false;
};

/// Reads the statistics of the live generation.
Result<IndexStats> index_stats(const std::filesystem::path& home);

}  // namespace tracuu::indexer
