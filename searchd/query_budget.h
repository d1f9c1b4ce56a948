#pragma once
// What a query may cost before any Xapian query is built: a budget on the terms it
// expands to (abbreviation expansions, restored accents), on the length of its
// phrases and on its clauses. Xapian opens a posting list (with its block buffers)
// per leaf term, so cost in time and memory grows with the expanded term count, not
// with the bytes typed: 340 "KT-XH" in quotes (2 KB) used to expand to 16 phrase
// variants of 1,000+ words each, 40,000 leaves and 400 MB.

#include <cstddef>

#include "schema/status.h"
#include "searchd/query_parser.h"
#include "text/abbreviations.h"

namespace tracuu::searchd {

/// The limits of one query. ALQAC 2024's longest question (87 words) typed without marks costs 434 terms.
struct QueryBudget {
  std::size_t terms = 512;        ///< leaf terms after abbreviation and accent expansion
  std::size_t phrase_words = 32;  ///< words of one quoted phrase, its longest expansion counted
  std::size_t clauses = 64;       ///< phrases, fields and groups of the parsed tree
};

/// An upper bound of what a parsed query expands to (see QueryBudget).
struct QueryCost {
  std::size_t terms = 0;
  std::size_t longest_phrase = 0;
  std::size_t clauses = 0;
};

/// Estimates the cost of `root` as query_builder would expand it: a word typed without marks
/// counts for its folded form and the accented spellings that may be restored; a word with
/// marks for two forms; an abbreviation for every word of every expansion; a phrase for each of
/// its variants (at most 16) twice (bigrams and positions).
QueryCost estimate_cost(const QueryNode& root, const text::Abbreviations& abbreviations);

/// @return BadQuery saying which limit of `budget` the query exceeds, and by how much.
Result<void> check_budget(const QueryCost& cost, const QueryBudget& budget = {});

}  // namespace tracuu::searchd
