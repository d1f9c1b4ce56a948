#pragma once
// The engines the benchmarks compare, behind one small interface: each writes
// an index from BenchDocs and answers a query with document ids in rank order.
// Every engine gets the same words (vn_util's query_words) in its own syntax.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bench/corpus_reader.h"

namespace tracuu::bench {

/// What a query asks for.
enum class QueryMode {
  AnyWord,    ///< relevance runs: OR of the words, ranked, no facets or snippets
  SearchBox,  ///< load runs: what the search box does (peers: AND of the words, top 10 id+title;
              ///< tracuu: its default operator with facets and 3 snippets per hit)
};

/// A search engine under test. One instance per thread (none is thread-safe).
class Engine {
 public:
  virtual ~Engine() = default;
  /// Runs `query`; returns the ids of at most `limit` hits, best first.
  /// Throws std::runtime_error when the engine fails (the harness reports it).
  virtual std::vector<std::string> search(const std::string& query, QueryMode mode, std::size_t limit) = 0;
  /// Runs `query` as a user typed it into the search box, ranked, no facets or snippets:
  /// tracuu parses it itself with its default operator (Auto, what the portal sends);
  /// an engine without one gets the AND of the query's words and, when no document
  /// has them all, their OR, which is what Auto does.
  virtual std::vector<std::string> search_typed(const std::string& query, std::size_t limit);
};

/// Writes an index from scratch.
class IndexWriter {
 public:
  virtual ~IndexWriter() = default;
  virtual void add(const BenchDoc& doc) = 0;
  /// Commits and closes. @return the index size in bytes.
  virtual std::uint64_t finish() = 0;
  /// Peak resident memory of the process that did the work, in KiB, when it is
  /// not this one (the PostgreSQL backend); 0 otherwise.
  virtual std::uint64_t server_peak_rss_kib() { return 0; }
};

/// Engine kinds: "tracuu" (index home; "tracuu-nofacets", "tracuu-nosnippets" and
/// "tracuu-bare" leave out facets, snippets or both), "xapian" (glass directory), "sqlite"
/// (database file), "sphinx" (host:port of searchd's SphinxQL listener; default
/// ranker proximity_bm25), "sphinx-bm25" (the same with ranker=bm25), "postgres"
/// (libpq conninfo; ts_rank_cd), "postgres-ts_rank" (the same ordered by ts_rank).
/// Throws std::runtime_error naming what is missing.
std::unique_ptr<Engine> open_engine(const std::string& kind, const std::string& target);

/// Writers for "xapian", "sqlite" and "postgres" (tracuu and Sphinx index with
/// their own command-line indexers). `config_dir` holds the peers' SQL files.
std::unique_ptr<IndexWriter> open_writer(const std::string& kind, const std::string& target,
                                         const std::string& config_dir);

// Factories, one per engine file.
/// tracuu; `facets` and `snippets` (per hit) apply to SearchBox queries.
std::unique_ptr<Engine> open_tracuu(const std::string& home, bool facets, std::size_t snippets);
std::unique_ptr<Engine> open_xapian(const std::string& dir);
std::unique_ptr<IndexWriter> open_xapian_writer(const std::string& dir);
/// SQLite FTS5; with `snippets`, FTS5's snippet() of each hit's text.
std::unique_ptr<Engine> open_sqlite(const std::string& file, bool snippets);
std::unique_ptr<IndexWriter> open_sqlite_writer(const std::string& file, const std::string& config_dir);
std::unique_ptr<Engine> open_sphinx(const std::string& host_port, const std::string& ranker);
std::unique_ptr<Engine> open_postgres(const std::string& conninfo, const std::string& rank_function);
std::unique_ptr<IndexWriter> open_postgres_writer(const std::string& conninfo, const std::string& config_dir);

/// Reads a whole text file (the peers' SQL). Throws when missing.
std::string read_text_file(const std::string& path);

}  // namespace tracuu::bench
