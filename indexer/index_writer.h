#pragma once
// The single writer of a tracuu index (one Xapian glass database directory).

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/document_builder.h"
#include "schema/status.h"
#include "schema/validity.h"
#include "schema/visibility.h"

namespace tracuu::indexer {

/// Writes documents into one database. Not thread-safe: one thread owns it.
/// Every change becomes visible to readers at commit(), atomically; a crash
/// before it leaves the previous commit intact (Xapian's guarantee).
class IndexWriter {
 public:
  /// Opens (creating if needed) the database in `db_dir`.
  /// @return Locked when another process writes it; IndexVersionMismatch when it
  ///         was built with another schema/analyser; IndexUnavailable or Io otherwise.
  /// @param durable false skips fsync at commit (Xapian's DB_NO_SYNC): for shards
  ///        that only become the index through a merge, which is synced.
  static Result<IndexWriter> open(const std::filesystem::path& db_dir, const std::string& created_by,
                                  bool durable = true);

  IndexWriter(IndexWriter&&) noexcept;
  IndexWriter& operator=(IndexWriter&&) noexcept;
  ~IndexWriter();

  /// Adds or replaces (by id) a document, and records its content hash.
  Result<void> upsert(PreparedDoc&& doc);

  /// Records that this database holds visibility class `v` (kMetaVisibility), or checks
  /// that it already does. @return Internal when it holds another class.
  Result<void> claim_class(const schema::Visibility& v);

  /// True when a document with this id is in the database (uncommitted changes included).
  Result<bool> contains(const std::string& id) const;

  /// Deletes a document by id. @return false when there was none.
  Result<bool> remove(const std::string& id);

  /// Makes every change since the last commit durable and visible. Stamps the commit time
  /// (kMetaLastCommit) only when documents changed, or on the first commit.
  Result<void> commit();

  /// Content hashes of every document, by id (to skip unchanged inputs).
  Result<std::unordered_map<std::string, std::string>> content_hashes() const;

  /// Stores a metadata value (takes effect at commit).
  Result<void> set_metadata(const std::string& key, const std::string& value);

  /// Documents in the database, including uncommitted changes.
  std::size_t doc_count() const;

  /// The records (every part) of the documents indexed under any term starting with one of `prefixes`.
  Result<std::vector<schema::DocRecord>> records_under(const std::vector<std::string>& prefixes) const;

  /// Sets each document's validity (set_validity: its dates and its status at `as_of`, the `validity`
  /// facet) to the dates `dates_of` gives for its record (DocParts::Meta); documents whose dates and status
  /// are unchanged are not rewritten.
  /// @return how many changed.
  Result<std::size_t> relabel_validity(const std::function<schema::ValidityDates(const schema::DocRecord&)>& dates_of,
                                       std::string_view as_of);

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Merges `shards` into a new database at `out_dir` (Xapian compaction, documents renumbered).
/// @return Io/Internal on failure.
Result<void> merge_shards(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out_dir);

}  // namespace tracuu::indexer
