#pragma once
// Internal: turns the parsed query tree into a Xapian query over the schema.
//
// Ranking model (BM25 over both layers):
//   word typed with marks      XF:<folded>  OR  <exact> x kExactBoost
//   word typed without marks   XF:<folded>  OR  restored accents: <exact> x kRestoreBoost x share
//                              (share = how often that spelling stands for the folded word)
//   abbreviation / expansion   OR of the abbreviation and every expansion as phrases
//   document number            XF:<key> (mentions, own number); AND the document holding it gets
//                              kNumberBoost, so it comes first
//   adjacent words             phrase bonus (Vietnamese words are several syllables)
//   "tháng 7/2025", "quý 3/2025", "năm 2021"   a bonus for documents dated then
// Field clauses are boolean filters (no weight).
#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "schema/codes.h"
#include "schema/status.h"
#include "searchd/field_filters.h"
#include "searchd/query_parser.h"
#include "searchd/rerank.h"
#include "searchd/vocabulary.h"
#include "text/abbreviations.h"

namespace tracuu::searchd {

/// Spelling shares of unaccented words measured in the top documents of a first pass.
using SpellingOverrides = std::unordered_map<std::string, std::vector<Spelling>>;

/// What building needs from the searcher.
struct BuildContext {
  const Xapian::Database& db;
  const text::Abbreviations& abbreviations;
  const schema::IssuerRegistry& issuers;
  const Vocabulary& vocabulary;
  const RankingWeights& weights;
  DefaultOperator op = DefaultOperator::And;           ///< how free words of a run combine (And or Or)
  const SpellingOverrides* local_spellings = nullptr;  ///< replaces vocabulary shares where present
  bool query_has_marks = false;                        ///< some word was typed with marks: restore no accents
  std::string validity_day = {};                       ///< ISO: the day hieuluc: judges validity on
  /// Only what decides which documents match, none of what ranks them (exact-form
  /// and restored-spelling alternatives, bonuses, proximity and date boosts): the
  /// same documents at a fraction of the cost, for counting totals and facets.
  bool match_set_only = false;
};

/// The built query and what snippets, highlights and the response need from it.
struct BuiltQuery {
  Xapian::Query query;         ///< match_all() for a filter-only query
  bool has_text = false;       ///< some positive free-text clause (else: browse by date)
  std::size_t word_count = 0;  ///< free words (Auto relaxes to OR only with 2+)
  /// Folded-layer word sequences to highlight (no prefix): single words, and
  /// phrases or abbreviation expansions, which are highlighted only where whole.
  std::vector<std::vector<std::string>> highlight;
  /// For a query typed with marks: the spellings of its words as typed (snippets.h ExactForms).
  std::unordered_map<std::string, std::vector<std::string>> exact_forms;
  std::vector<std::string> unaccented_words;  ///< folded forms of words typed without marks
  std::vector<std::string> doc_numbers;       ///< canonical keys found in the query
  RankSignals signals;                        ///< what the second ranking stage reads (searchd/rerank.h)
};

/// Builds the Xapian query of a parsed tree.
/// @return BadQuery naming the field for an invalid field value (nam:20x5, ngay:abc, so:xyz).
Result<BuiltQuery> build_query(const QueryNode& root, const BuildContext& ctx);

/// A Xapian query that gives `weight` to every document matching `filter` (boolean).
Xapian::Query weighted_filter(const Xapian::Query& filter, double weight);

/// A query matching every document, made afresh. Never Xapian::Query::MatchAll: that static's reference
/// count is not atomic (xapian/query.h says so), and two searcher threads copying it at once corrupt it,
/// freeing it under a query still in use (searchd crashed in the matcher under bench/soak).
Xapian::Query match_all();

}  // namespace tracuu::searchd
