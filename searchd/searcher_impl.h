#pragma once
// Internal: the Xapian side of Searcher, shared by the searcher's source files.
#include <xapian.h>

#include <filesystem>
#include <string>

#include "searchd/searcher.h"
#include "text/abbreviations.h"
#include "schema/codes.h"

namespace tracuu::searchd {

struct Searcher::Impl {
  std::filesystem::path home;
  std::filesystem::path generation;  ///< the generation the database is open on
  Xapian::Database db;
  text::Abbreviations abbreviations = text::Abbreviations::builtin();
  schema::IssuerRegistry issuers = schema::IssuerRegistry::builtin();

  /// Opens (or reopens after a swap) DIR/current.
  Result<void> open_current();
};

/// Maps a Xapian exception to our Status (STYLE §3): parse errors -> BadQuery,
/// opening -> IndexUnavailable, anything else -> Internal.
Error from_xapian(const Xapian::Error& e, const std::string& what);

}  // namespace tracuu::searchd
