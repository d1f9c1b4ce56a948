#pragma once
// Internal: the Xapian side of Searcher, shared by the searcher's source files.
#include <xapian.h>

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

#include "schema/codes.h"
#include "schema/facets.h"
#include "schema/fields.h"
#include "searchd/query_builder.h"
#include "searchd/searcher.h"
#include "searchd/vocabulary.h"
#include "text/abbreviations.h"

namespace tracuu::searchd {

struct Searcher::Impl {
  std::filesystem::path home;
  std::filesystem::path generation;  ///< the generation the database is open on
  Xapian::Database db;
  text::Abbreviations abbreviations = text::Abbreviations::builtin();
  schema::IssuerRegistry issuers = schema::IssuerRegistry::builtin();
  RankingWeights weights;
  std::optional<Vocabulary> vocabulary;  ///< built on first use, rebuilt when the index grows
  Xapian::doccount vocabulary_docs = 0;
  bool respelling = false;                                     ///< inside did_you_mean's trial search (no recursion)
  std::unordered_map<std::uint32_t, std::string> facet_names;  ///< display forms of facet ids, read on demand

  /// The display form of a facet id: numeric ones (years, months) computed, hashed ones from the index metadata.
  std::string facet_name(const schema::FacetSpec& facet, std::uint32_t id);

  /// Opens (or reopens after a swap) DIR/current.
  Result<void> open_current();

  /// The vocabulary of the open index (rebuilt after the collection changed by 5%).
  const Vocabulary& vocab();
};

/// The metadata of a document as a hit, without score, rank or snippets (search_hits.cc).
Hit hit_of(const schema::DocRecord& record);

/// Maps a Xapian exception to our Status (STYLE §3): parse errors -> BadQuery,
/// opening -> IndexUnavailable, anything else -> Internal.
Error from_xapian(const Xapian::Error& e, const std::string& what);

/// Runs `fn` (which reads the database and returns a Result); when the database
/// changed under it (DatabaseModifiedError), calls `refresh` and runs it once more.
/// Other Xapian errors become a Status through from_xapian().
template <typename Refresh, typename F>
auto retry_if_modified(const char* what, Refresh&& refresh, F&& fn) -> decltype(fn()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return fn();
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt > 0) return from_xapian(e, what);
      if (auto r = refresh(); !r) return r.error();
    } catch (const Xapian::Error& e) {
      return from_xapian(e, what);
    }
  }
}

}  // namespace tracuu::searchd
