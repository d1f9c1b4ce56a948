#pragma once
// Internal: the Xapian side of Searcher, shared by the searcher's source files.
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "schema/codes.h"
#include "schema/docdata.h"
#include "schema/facets.h"
#include "schema/fields.h"
#include "schema/visibility.h"
#include "searchd/facets.h"
#include "searchd/positions.h"
#include "searchd/query_builder.h"
#include "searchd/searcher.h"
#include "searchd/shard_reads.h"
#include "searchd/vocabulary.h"
#include "text/abbreviations.h"

namespace tracuu::searchd {

struct Searcher::Impl {
  /// One visibility class of the open generation: its database, or that of every shard combined.
  struct Part {
    schema::Visibility visibility;
    Xapian::Database db;
    /// Each shard's database of the class (one when unsharded): Xapian 1.4 reads a combined
    /// database's metadata from its first sub-database only.
    std::vector<Xapian::Database> members;
    /// Per member: its shard reader's address ("" without one) and the UUID of the database it opened.
    std::vector<std::string> readers;
    std::vector<std::string> uuids;
  };
  /// The sub-databases one audience may see, searched as one database, and everything
  /// derived from them: nothing computed over one view is ever used for another.
  struct View {
    std::vector<std::size_t> parts;        ///< indices into Impl::parts, public first
    Xapian::Database db;                   ///< their combination (docids are the combination's own)
    std::optional<Vocabulary> vocabulary;  ///< built on first use, rebuilt when the view grows
    Xapian::doccount vocabulary_docs = 0;
    std::unordered_map<std::uint32_t, std::string> facet_names;  ///< display forms of facet ids, read on demand
    std::optional<CopyKeys> copy_keys;        ///< built on first use, rebuilt when a part's revision moves
    std::vector<Xapian::rev> copy_revisions;  ///< the parts' revisions copy_keys was read at
    /// Every assignment of the view's documents with its document's visibility, read on first use and again
    /// when a part's revision moves: /assignments filters and pages it, instead of decoding every assigning
    /// document per request.
    std::optional<std::vector<std::pair<schema::Visibility, AssignmentItem>>> assignments;
    std::vector<Xapian::rev> assignment_revisions;  ///< the parts' revisions assignments was read at
    std::uint64_t last_used = 0;
  };
  /// Views kept per searcher (least recently used dropped): one per distinct set of groups in use.
  static constexpr std::size_t kMaxViews = 8;

  IndexSource source;
  /// Some database is remote (IndexSource::shards): searches use only classes xapian-tcpsrv knows
  /// (ValueCountMatchSpy, sort by value; search_count.cc, search_rank.cc).
  bool remote = false;
  std::filesystem::path generation;                ///< the generation the databases are open on (the first shard's)
  std::vector<std::filesystem::path> generations;  ///< every shard's (one when unsharded)
  std::vector<std::filesystem::path> part_dirs;    ///< their subdirectories when opened (a new class reopens)
  /// Remote shards that did not answer when the databases were opened (IndexSource::partial), and
  /// when they were last tried again (refresh(): at most every kProbeInterval).
  std::vector<std::string> missing;
  std::chrono::steady_clock::time_point probed;
  static constexpr std::chrono::seconds kProbeInterval{1};
  /// Each remote shard's address and the UUID of the database it served when opened. A connection
  /// keeps the generation it opened, so a rebuild on a shard (a `current` swapped under xapian-tcpsrv)
  /// shows only to a new one: refresh() asks each shard afresh at most every kSwapProbeInterval.
  std::vector<std::pair<std::string, std::string>> shard_uuids;
  std::chrono::steady_clock::time_point swaps_probed;
  static constexpr std::chrono::seconds kSwapProbeInterval{2};
  /// Connections to the remote shards' readers, by address. A reader that failed a request sets
  /// reader_failed: refresh() then opens afresh, checking every reader (a 503 or a partial answer).
  std::map<std::string, ShardReaderConnection> readers;
  bool reader_failed = false;
  std::vector<std::string> part_stubs;  ///< each one's replica stub (XAPIANDB) when opened, "" when not a replica
  std::vector<Part> parts;              ///< public first, then internal, then groups
  std::map<std::string, View> views;    ///< by schema::combination_key
  View* current = nullptr;              ///< the view of the request being answered
  std::uint64_t uses = 0;
  text::Abbreviations abbreviations = text::Abbreviations::builtin();
  schema::IssuerRegistry issuers = schema::IssuerRegistry::builtin();
  RankingWeights weights;
  bool respelling = false;  ///< inside did_you_mean's trial search (no recursion)
  /// The zstd context the hits' document data is decoded with: zstd sets one up per decoder (3 % of a
  /// search of 10k generated documents when each hit made its own).
  std::shared_ptr<ZSTD_DCtx_s> decompression = schema::make_decompression_context();

  /// Selects (opening on first use) the view of `audience` for the rest of the request.
  View& use(const schema::Audience& audience);

  /// The combined database of the current view.
  const Xapian::Database& db() const { return current->db; }

  /// Batched reads of the current view's documents when every database of it is a remote shard with a
  /// reader (one request per shard), else none (each read a round trip of its own).
  BatchRead batch_read();

  /// The display form of a facet id: numeric ones (years, months) computed, others from the
  /// metadata of the current view's sub-databases (Xapian 1.4 reads a combined
  /// database's metadata from its first sub-database only).
  std::string facet_name(const schema::FacetSpec& facet, std::uint32_t id);

  /// Opens (or reopens after a swap) DIR/current and its sub-databases, those of every shard, or the remote shards.
  Result<void> open_current();

  /// The vocabulary of the current view (rebuilt after it changed by 5%).
  const Vocabulary& vocab();

  /// The shared copy keys of the current view (read again after any change: a copy
  /// added by `indexer add` must be counted once at once).
  const CopyKeys& copy_keys();

  /// The assignments of the current view (assignments.cc; read again after any change).
  const std::vector<std::pair<schema::Visibility, AssignmentItem>>& assignments();

  /// The revisions of the current view's parts: what says a cache of the view is stale.
  std::vector<Xapian::rev> revisions() const;
};

/// The metadata of a document as a hit, without score, rank or snippets (search_hits.cc).
Hit hit_of(const schema::DocRecord& record);

/// Maps a Xapian exception to our Status (STYLE §3): parse errors -> BadQuery,
/// opening -> IndexUnavailable, anything else -> Internal.
Error from_xapian(const Xapian::Error& e, const std::string& what);

/// Runs `fn` (which reads the database and returns a Result); when the database
/// changed under it (DatabaseModifiedError) or a remote shard failed (NetworkError),
/// calls `refresh` and runs it once more.
/// Other Xapian errors become a Status through from_xapian().
template <typename Refresh, typename F>
auto retry_if_modified(const char* what, Refresh&& refresh, F&& fn) -> decltype(fn()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return fn();
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt > 0) return from_xapian(e, what);
      if (auto r = refresh(); !r) return r.error();
    } catch (const Xapian::NetworkError& e) {
      // A remote shard went away: refresh() reconnects (and, answering partially, leaves it out).
      if (attempt > 0) return from_xapian(e, what);
      if (auto r = refresh(); !r) return r.error();
    } catch (const Xapian::Error& e) {
      return from_xapian(e, what);
    }
  }
}

}  // namespace tracuu::searchd
