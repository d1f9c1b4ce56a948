#pragma once
// Internal: the second ranking stage. BM25 over a whole document cannot tell a
// focused decree from a 3 MB codified page that holds every query word once in
// different articles: both saturate every term. The first stage (Xapian, BM25)
// picks candidates; this stage scores each one by where the query's words fall:
//   - the best passage: a window of positions scored by the words it holds
//     (BM25-like per word, with adjacency of query neighbours), as MaxP does;
//   - the title: which query words it holds;
//   - exactness: for a query typed with marks, which words occur as typed;
//   - intent: the document's own number, a date or a type the query names;
// and blends them with the first-stage score, each normalised to the query.
#include <xapian.h>

#include <string>
#include <vector>

#include "searchd/positions.h"
#include "searchd/types.h"

namespace tracuu::searchd {

class Vocabulary;

/// A free word of the query as the ranking sees it.
struct RankWord {
  std::string folded;       ///< folded form (no prefix)
  std::string exact;        ///< exact form as typed (equal to folded when typed without marks)
  bool joins_next = false;  ///< adjacent to the next word of the same run ("đồng" -> "chí")
  bool is_word = true;      ///< a syllable or Latin word (not a number, date or document number)
};

/// What the second stage needs from the built query.
struct RankSignals {
  std::vector<RankWord> words;
  bool query_has_marks = false;
  std::vector<std::string> own_number_terms;                     ///< XSH: terms of numbers the query names
  std::vector<std::pair<std::string, std::string>> date_ranges;  ///< YYYYMMDD ranges the query names
  std::vector<std::string> type_terms;                           ///< XLOAI: terms of types the query names
  std::vector<std::string> issuer_terms;                         ///< XCQ: terms of bodies the query names
};

/// One candidate after re-ranking.
struct Ranked {
  Xapian::docid did = 0;
  double score = 0;
  double first_stage = 0;
};

/// The wdf of `term` in each of `dids` (sorted ascending), 0 where absent: one pass
/// over the posting list, skipping between the documents.
std::vector<Xapian::termcount> wdfs(const Xapian::Database& db, const std::string& term,
                                    const std::vector<Xapian::docid>& dids);

/// Re-scores the first-stage candidates `mset` (best first) and returns, best first, at least
/// the best `needed` of them (all when fewer), ranked exactly as scoring every candidate would
/// rank them. Candidates whose bound (their score with the passage and the title at the most
/// their word counts allow) cannot reach rank `needed` are left out without reading positions.
/// Position lists are read through `positions`, which keeps them for the page's snippets.
std::vector<Ranked> rerank(const Xapian::Database& db, const Xapian::MSet& mset, const RankSignals& signals,
                           const Vocabulary& vocabulary, const RankingWeights& weights, std::size_t needed,
                           PositionLists& positions);

/// The same, the position lists kept for this call only.
inline std::vector<Ranked> rerank(const Xapian::Database& db, const Xapian::MSet& mset, const RankSignals& signals,
                                  const Vocabulary& vocabulary, const RankingWeights& weights, std::size_t needed) {
  PositionLists positions(db);
  return rerank(db, mset, signals, vocabulary, weights, needed, positions);
}

}  // namespace tracuu::searchd
