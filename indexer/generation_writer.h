#pragma once
// The writer of one index generation: every document goes into the
// sub-database of its visibility class (schema/index_home.h), so that readers
// can combine exactly the classes their audience may see (docs/access.md).

#include <filesystem>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "indexer/index_writer.h"
#include "schema/status.h"
#include "schema/visibility.h"

namespace tracuu::indexer {

/// Writes a generation directory of class sub-databases. Not thread-safe: one thread owns it.
class GenerationWriter {
 public:
  /// Opens every class database of `gen_dir` (creating the directory and public/ if needed).
  /// @return the errors of IndexWriter::open; Internal when a sub-database states no class.
  static Result<GenerationWriter> open(const std::filesystem::path& gen_dir, const std::string& created_by,
                                       bool durable = true);

  /// Adds or replaces a document in the database of its class. A copy of it in
  /// another class (its visibility changed) is deleted and that database committed
  /// first: a reader may briefly miss the document, never see it where it no longer belongs.
  Result<void> upsert(PreparedDoc&& doc);

  /// Deletes a document by id from every class. @return false when there was none.
  Result<bool> remove(const std::string& id);

  /// Commits every class database (the public one last).
  Result<void> commit();

  /// Content hashes of every document of every class, by id.
  Result<std::unordered_map<std::string, std::string>> content_hashes() const;

  /// Stores a generation-wide metadata value (in the public database; takes effect at commit).
  Result<void> set_metadata(const std::string& key, const std::string& value);

  /// Documents in every class, uncommitted changes included.
  std::size_t doc_count() const;

  /// Every class database, public first (for passes over the whole generation, validity_pass.h).
  std::vector<std::pair<schema::Visibility, IndexWriter>>& classes() { return classes_; }

 private:
  GenerationWriter(std::filesystem::path gen, std::string created_by, bool durable)
      : gen_(std::move(gen)), created_by_(std::move(created_by)), durable_(durable) {}
  /// The writer of class `v`, opened (and created) on first use.
  Result<IndexWriter*> writer_for(const schema::Visibility& v);

  std::filesystem::path gen_;
  std::string created_by_;
  bool durable_ = true;
  std::vector<std::pair<schema::Visibility, IndexWriter>> classes_;  // public first
};

/// Opens (creating) the database of class `v` at `dir` and records its class there.
Result<IndexWriter> open_class_writer(const std::filesystem::path& dir, const schema::Visibility& v,
                                      const std::string& created_by, bool durable = true);

}  // namespace tracuu::indexer
