#pragma once
// The search library: one Searcher per thread, each with its own Xapian
// database (Xapian objects are not shared between threads).

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "schema/status.h"
#include "searchd/types.h"

namespace tracuu::searchd {

/// What a Searcher searches: an index home, or remote shards (docs/scale-out.md).
struct IndexSource {
  /// An index home (schema/index_home.h), or a sharded one (schema/sharding.h: its shards are combined).
  std::filesystem::path home;
  /// Remote class databases of shards ("tcp://HOST:PORT", each served by xapian-tcpsrv), searched as one
  /// database with global term statistics; each states its class in its metadata. Replaces `home`.
  /// "tcp://HOST:PORT?reader=HOST2:PORT2" names the shard's reader too (`searchd shard-serve` on the
  /// same database, shard_reads.h): the ranking's and snippets' reads then take one request per shard.
  std::vector<std::string> shards;
  std::chrono::milliseconds shard_timeout{10000};  ///< a remote shard must answer within this
  std::chrono::milliseconds connect_timeout{2000};
  /// When a remote shard does not answer: false, the search fails (IndexUnavailable naming it); true,
  /// the live shards answer and SearchResponse::missing_shards names the others.
  bool partial = false;

  IndexSource() = default;
  /// An index home alone.
  explicit IndexSource(std::filesystem::path index_home) : home(std::move(index_home)) {}
};

/// Answers searches over one index home. Not thread-safe: one thread uses it at a time.
class Searcher {
 public:
  /// Opens the live generation of the index home `source.home` (DIR/current), of each of its shards,
  /// or the remote shards `source.shards`.
  /// @return NotFound/IndexUnavailable when there is no readable index;
  ///         IndexVersionMismatch when it was built by another schema/analyser;
  ///         BadRequest for a malformed shard address, IndexUnavailable for a shard that does not answer.
  static Result<Searcher> open(const IndexSource& source);
  static Result<Searcher> open(const std::filesystem::path& home) { return open(IndexSource(home)); }

  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  ~Searcher();

  // Every call answers from the sub-databases its audience may see, combined
  // (request.audience for search): hits, counts, vocabulary, suggestions and
  // term statistics never involve a document the audience may not see.

  /// Runs a search. @return BadRequest (named parameter) or BadQuery for bad input;
  ///         IndexUnavailable when the index cannot be read even after reopening.
  Result<SearchResponse> search(const SearchRequest& request);

  /// The full record of a document, who cites it and its validity at `as_of` (a day as parse_day takes it;
  /// default: today, UTC). Its source path only for staff.
  /// @return NotFound when there is no such document or `audience` may not see it; BadRequest when `as_of`
  ///         is not a day.
  Result<DocumentView> document(const std::string& id, const schema::Audience& audience,
                                const std::optional<std::string>& as_of = std::nullopt);

  /// The file a document was read from (PDF, DOCX), kept in DIR/originals by the indexer.
  /// @return NotFound when there is no such document, `audience` may not see it, it came from another
  ///         format, or this server does not hold the file (a replica: originals are not replicated).
  Result<OriginalFile> original(const std::string& id, const schema::Audience& audience);

  /// A cited number: the document if held, what citing documents say, and who cites it.
  /// @param number any spelling text::parse_doc_number (text/docnum_parse.h) accepts.
  /// @return BadRequest when `number` is not a document number.
  /// With `date` (a day, as the citing text gives it), a holder of another issue date goes to `others`;
  /// BadRequest when `date` is not a day.
  Result<CitationView> citations(const std::string& number, const schema::Audience& audience,
                                 const std::optional<std::string>& date = std::nullopt);

  /// The assignments (giao nhiệm vụ) of the documents `audience` may see, filtered and sorted by deadline.
  /// @return NotFound for the public (the list is for staff); BadRequest for malformed dates.
  Result<AssignmentList> assignments(const AssignmentQuery& query, const schema::Audience& audience);

  /// As-you-type completions over titles, numbers and frequent words.
  Result<std::vector<Suggestion>> suggest(const std::string& prefix, std::size_t limit,
                                          const schema::Audience& audience);

  /// The remote shards left out of the open databases (IndexSource::partial): what an answer just
  /// given (a document page's cited-by list, citations, completions) lacks. A search carries its
  /// own in SearchResponse::missing_shards.
  const std::vector<std::string>& missing_shards() const;

  /// Facts about the open index as `audience` sees it (its documents only).
  Result<IndexInfo> info(const schema::Audience& audience);

  /// Replaces the ranking weights (benchmarks and tuning; the defaults are the tuned ones).
  void set_ranking(const RankingWeights& weights);

  /// Tells remote shards this searcher's connections are in use, so that xapian-tcpsrv's idle
  /// timeout (60 s by default) does not close them between requests: a closed one costs the next
  /// request a reconnection and the vocabulary read again from every shard. A failure is left to
  /// the next request, which reconnects. Nothing to do without remote shards.
  void keep_alive();

  /// Sees new commits and generation swaps. Cheap when nothing changed.
  /// @return true when the view changed.
  Result<bool> refresh();

  struct Impl;

 private:
  explicit Searcher(std::unique_ptr<Impl> impl);
  /// A respelling of `query` that finds documents (tones respected), if any.
  std::optional<std::string> did_you_mean(const std::string& query, const SearchRequest& request);
  std::unique_ptr<Impl> impl_;
};

/// A fixed set of Searchers shared by server threads; a request checks one out.
class SearcherPool {
 public:
  /// Opens `size` searchers over `home`.
  static Result<std::unique_ptr<SearcherPool>> open(const IndexSource& source, std::size_t size);
  static Result<std::unique_ptr<SearcherPool>> open(const std::filesystem::path& home, std::size_t size) {
    return open(IndexSource(home), size);
  }

  /// RAII checkout: returns the searcher to the pool on destruction.
  class Lease {
   public:
    Lease(SearcherPool* pool, Searcher* searcher) : pool_(pool), searcher_(searcher) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), searcher_(o.searcher_) { o.searcher_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (searcher_) pool_->give_back(searcher_);
    }
    Searcher& operator*() const { return *searcher_; }
    Searcher* operator->() const { return searcher_; }

   private:
    SearcherPool* pool_;
    Searcher* searcher_;
  };

  /// Takes a searcher, waiting up to `wait` for one; refreshes it to the latest commit.
  /// @return Overloaded when none frees up in time.
  Result<Lease> acquire(std::chrono::milliseconds wait);

  /// Refreshes every idle searcher now, one at a time, so that none keeps a replaced generation
  /// open until its next request; busy searchers refresh when next acquired, as always.
  /// @return the first refresh error (IndexUnavailable, IndexVersionMismatch); the rest still serve.
  Result<void> refresh_idle();

  /// Searcher::keep_alive on every idle searcher (busy ones are talking to the shards anyway).
  void keep_alive();

  std::size_t size() const { return all_.size(); }

 private:
  void give_back(Searcher* s);
  /// Runs `fn` on every idle searcher, one at a time, until one fails; @return its error.
  Result<void> each_idle(const std::function<Result<void>(Searcher&)>& fn);
  std::vector<std::unique_ptr<Searcher>> all_;
  std::vector<Searcher*> free_;
  std::mutex mutex_;
  std::condition_variable available_;
};

}  // namespace tracuu::searchd
