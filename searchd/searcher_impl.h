#pragma once
// Internal: the Xapian side of Searcher, shared by the searcher's source files.
#include <xapian.h>

#include <filesystem>
#include <string>

#include <optional>

#include "searchd/query_builder.h"
#include "searchd/searcher.h"
#include "searchd/vocabulary.h"
#include "text/abbreviations.h"
#include "schema/codes.h"

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
  bool respelling = false;  ///< inside did_you_mean's trial search (no recursion)

  /// Opens (or reopens after a swap) DIR/current.
  Result<void> open_current();

  /// The vocabulary of the open index (rebuilt after the collection changed by 5%).
  const Vocabulary& vocab();
};

/// Maps a Xapian exception to our Status (STYLE §3): parse errors -> BadQuery,
/// opening -> IndexUnavailable, anything else -> Internal.
Error from_xapian(const Xapian::Error& e, const std::string& what);

}  // namespace tracuu::searchd
