#pragma once
// The search library's request and response types. Plain data: the HTTP layer
// turns them into JSON (searchd/server/codec), the portal into HTML.

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schema/facets.h"
#include "schema/record.h"
#include "schema/validity.h"

namespace tracuu::searchd {

/// Order of hits.
/// Relevance, issue date (newest or oldest first), or when the index first held the document (newest first:
/// what feeds follow).
enum class SortOrder { Relevance, DateDesc, DateAsc, IndexedDesc };

/// How the words of a query combine when no operator is written.
enum class DefaultOperator {
  Auto,  ///< all words (AND); when that finds nothing, any word (OR), ranked
  And,   ///< all words
  Or,    ///< any word, ranked (long questions)
};

/// Limits the validator enforces (the server maps violations to 400/413).
inline constexpr std::size_t kMaxLimit = 100;
inline constexpr std::size_t kMaxSnippets = 10;
inline constexpr std::size_t kMaxQueryBytes = 2048;

/// A search. Filters on the same field OR together, different fields AND.
struct SearchRequest {
  std::string query;  ///< q: free text, "phrases", AND/OR/NOT, -word, field:value
  /// The selected values of each facet (schema/facets.h: type=, issuer=, signer=,
  /// assignee= for staff, year= "2025", month= "2025-07"), indexed by schema::Facet.
  schema::FacetSelections filters;
  std::optional<std::string> from;  ///< from=: ISO date, inclusive
  std::optional<std::string> to;    ///< to=: ISO date, inclusive
  /// as_of=: the day validity is judged on (hieuluc:, the validity facet and its filter, hits' status),
  /// a day as parse_day takes it; default: today.
  std::optional<std::string> as_of;
  SortOrder sort = SortOrder::Relevance;
  DefaultOperator op = DefaultOperator::Auto;
  std::size_t limit = 10;  ///< 0..kMaxLimit
  std::size_t offset = 0;
  std::size_t snippets = 3;   ///< passages per hit, 0..kMaxSnippets
  bool facets = true;         ///< compute facet counts
  schema::Audience audience;  ///< who asks: the documents searched; staff also get the assignee facet

  /// The selected values of facet `f`.
  std::vector<std::string>& filter(schema::Facet f) { return filters[schema::index(f)]; }
  const std::vector<std::string>& filter(schema::Facet f) const { return filters[schema::index(f)]; }
};

/// Result sets up to about this size are counted exactly; larger ones from a
/// uniform sample of the collection (every k-th document) holding about this many
/// matches, extrapolated (SearchResponse::exact false).
inline constexpr std::size_t kExactCountLimit = 20000;

/// A highlighted byte range of a snippet's text.
struct Highlight {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// The section a passage belongs to.
struct SectionRef {
  std::string number;  ///< "2", "II", "Điều 5"
  std::string title;
  std::string anchor;  ///< HTML id in the document page
};

/// One passage of a hit.
struct Snippet {
  std::string text;                   ///< never cut inside a word; "…" marks elided text
  std::vector<Highlight> highlights;  ///< byte offsets into `text`
  std::optional<SectionRef> section;  ///< innermost section containing the passage
  std::string anchor;                 ///< "p-<offset>": deep link to the passage
  std::size_t offset = 0;             ///< byte offset of the passage in the document text
  std::size_t length = 0;             ///< byte length of the passage in the document text
  int page = 0;                       ///< page of the original PDF the passage starts on; 0: no PDF
};

/// One result.
struct Hit {
  std::string id;
  std::optional<std::string> title, doc_type, doc_number, issuer, issue_date, event_date, signer;
  double score = 0;
  std::size_t rank = 0;  ///< 1-based position in the whole result list
  std::vector<Snippet> snippets;
  std::vector<std::string> copies;        ///< ids of the other copies of this document (same number and date)
  bool has_original = false;              ///< the PDF or DOCX it was read from can be downloaded (Searcher::original)
  std::optional<std::string> indexed_at;  ///< when the index first held it, UTC "YYYY-MM-DDTHH:MM:SSZ"
  /// Validity code (con, het, ...) on the search's day (SearchResponse::validity_as_of), as hieuluc: and the
  /// validity facet see it.
  std::optional<std::string> validity;
};

/// One facet value with its count (counts ignore the field's own filter).
struct FacetValue {
  std::string value;  ///< display form ("Thông báo", "2025", "2025-07")
  std::size_t count = 0;
  bool selected = false;
};

/// Facet lists by facet name (schema::FacetSpec::name: "doc_type", "issuer"...).
using Facets = std::map<std::string, std::vector<FacetValue>>;

/// How the query was understood (shown to users and in tests).
struct QueryInfo {
  std::vector<std::string> doc_numbers;  ///< canonical keys found in the query
  bool relaxed = false;                  ///< Auto fell back from AND to OR
  std::string parsed;                    ///< Xapian's description of the final query (debugging)
};

/// The answer to a search.
struct SearchResponse {
  std::size_t total = 0;  ///< matching documents (exact for small sets, else Xapian's estimate)
  bool exact = true;      ///< total and facet counts are exact (false: estimated from a sample)
  double took_ms = 0;
  std::vector<Hit> hits;
  Facets facets;
  std::optional<std::string> did_you_mean;  ///< a respelled query that finds documents
  QueryInfo info;
  std::vector<std::string> missing_shards;  ///< remote shards left out of a partial answer (IndexSource::partial)
  std::string validity_as_of;  ///< ISO: the day hits' validity, hieuluc: and the validity facet are judged on
};

/// A document that cites another.
struct CitingDoc {
  std::string id;
  std::optional<std::string> title, doc_type, doc_number, issue_date;
  std::string context;  ///< the sentence that cites
};

/// What another document does to this one, as its text says (an incoming typed citation).
struct IncomingRelation {
  std::string type;                           ///< schema/relation.h name: "basis", "amends", "replaces", "repeals", ...
  std::optional<std::string> scope;           ///< the part concerned; null: all of it
  std::optional<std::string> effective_date;  ///< from when, when the clause says
  std::string from_id;                        ///< the citing document
  std::optional<std::string> from_number, from_title, from_date, from_effective_date;
  /// When the citing document reports another's act ("X được sửa đổi bởi Y"): the actor's number key.
  std::optional<std::string> by;
  std::string context;  ///< the sentence of the citation's first mention
};

/// Tình trạng hiệu lực at a date: the document's own dates and stated status, and the later documents
/// (those the caller may see) that replace or repeal it.
struct ValidityView {
  std::string as_of;   ///< ISO: the day the status is for
  std::string status;  ///< code: con, chua, het, mot-phan, khong-ro
  std::string label;   ///< "Còn hiệu lực"
  std::optional<std::string> in_force_from, ended_from, partly_ended_from;  ///< ISO
  std::vector<std::string> conflicts;                                       ///< where the sources disagree, in English
  std::vector<schema::ValidityEvent> timeline;                              ///< issued, in force, amended by, ...
};

/// A full document for the document page and /documents/{id}.
struct DocumentView {
  schema::DocRecord record;
  std::vector<CitingDoc> cited_by;
  std::vector<IncomingRelation> relations_in;  ///< typed citations of it (mentions left out)
  ValidityView validity;
  /// For each citation of the record (same order): the id of the cited document if we hold it.
  std::vector<std::optional<std::string>> citation_targets;
};

/// A document's original file (Searcher::original).
struct OriginalFile {
  std::filesystem::path path;  ///< in DIR/originals
  std::string media_type;      ///< "application/pdf", or DOCX's
  std::string file_name;       ///< what a browser saves it as: "<id>.pdf"
  bool is_public = false;      ///< a public document: shared caches may keep it
};

/// What we know of a cited number.
struct CitationView {
  std::string key;              ///< canonical key
  std::string display;          ///< best display form
  std::optional<Hit> document;  ///< the document if we hold it (no snippets)
  /// What citing documents say about it when we do not hold it.
  std::optional<std::string> doc_type, issuer, date;
  /// Documents holding the number whose issue date is not the date asked for (a 2026 provincial
  /// 16-NQ/TW when the Politburo's of 10/10/2017 is cited): candidates, never "the document".
  std::vector<Hit> others;
  std::vector<CitingDoc> cited_by;
  /// For a number we do not hold: what the citing documents do to it (typed citations whose date and issuer
  /// agree with what is known of it), and its validity today from those acts alone. Empty / null when held.
  std::vector<IncomingRelation> relations_in;
  std::optional<ValidityView> validity;
};
/// Which assignments Searcher::assignments lists (the staff's assignments page and its exports).
struct AssignmentQuery {
  std::vector<std::string> assignees;   ///< any of these bodies (as the assignee facet shows them); empty: all
  std::optional<std::string> due_from;  ///< deadlines from this ISO date (inclusive)
  std::optional<std::string> due_to;    ///< deadlines up to this ISO date (inclusive)
  bool overdue = false;                 ///< only deadlines before `today`
  std::string today;                    ///< ISO date it is for the caller (the library reads no clock)
  std::optional<std::string> source;    ///< only the assignments of this document id
  std::size_t offset = 0;
  std::size_t limit = 50;
};

/// One assignment with the document that gives it.
struct AssignmentItem {
  std::string doc_id;
  std::optional<std::string> doc_title, doc_number, doc_type, issue_date;
  schema::Assignment assignment;  ///< its span locates the sentence in the document's text
};

/// A page of assignments: soonest deadline first, those without one last.
struct AssignmentList {
  std::size_t total = 0;              ///< assignments matching every filter
  std::vector<AssignmentItem> items;  ///< [offset, offset + limit) of them
  std::vector<FacetValue> assignees;  ///< every assignee under the other filters, most assignments first
};

/// One completion.
struct Suggestion {
  std::string text;
  std::string kind;               ///< "title", "number", "signer" (a person's name) or "term"
  std::optional<std::string> id;  ///< the document, for titles and numbers
};

/// Weights of the ranking model (see searchd/query_builder.h; tuned on ALQAC, BENCHMARKS.md).
struct RankingWeights {
  double exact_boost = 1.0;            ///< exact-layer match of a marked word, relative to its folded match
  double restore_boost = 1.5;          ///< restored-accent spelling of an unmarked word (times its share)
  double restore_min_share = 0.15;     ///< spellings rarer than this are not restored
  double proximity_boost = 1.5;        ///< adjacent query words found adjacent (XB: bigrams; queries of 7+ words)
  double proximity_boost_short = 2.0;  ///< the same for short queries (up to 6 words), where words are terms
  double prf_docs = 10;          ///< top documents whose spellings restore the accents of unaccented words (0: off)
  double prf_prior = 0.0;        ///< weight of the collection-wide spelling shares against those of the top documents
  double number_boost = 1000.0;  ///< the document whose own number is in the query
  double date_boost = 2.0;       ///< documents dated in a month/quarter/year named in the query
  double bm25_k1 = 1.2;          ///< BM25 term-frequency saturation (Xapian's default is 1)
  double bm25_b = 0.9;           ///< BM25 length normalisation (Xapian's default is 0.5)
  std::size_t exact_count_limit = kExactCountLimit;  ///< see kExactCountLimit (tests lower it)
  // The second stage (searchd/rerank.h): the first stage's best `rerank_depth`
  // candidates are re-scored by the sum of these features, each about 0..1.
  std::size_t rerank_depth = 200;           ///< candidates re-scored (0: first stage only)
  double first_stage_weight = 1.0;          ///< first-stage score over the best candidate's
  double passage_weight = 1.0;              ///< the best passage's share of the query's words
  double passage_adjacency_weight = 0.5;    ///< adjacent query pairs in the passage, by bigram idf
  double passage_words_per_query_word = 4;  ///< passage length, in words, per query word...
  double passage_min_words = 24;            ///< ...at least...
  double passage_max_words = 120;           ///< ...and at most
  double passage_common_share = 0.5;        ///< long queries place passages without words in more documents than this
  double title_weight = 1.0;                ///< share of the query's words (by idf) in the title
  double exact_weight = 0.3;                ///< share of a marked query's words found as typed
  double number_weight = 10;                ///< the document whose own number the query names
  double type_weight = 0.3;                 ///< the document is of a type the query names ("nghị định ...")
  double issuer_weight = 0.3;               ///< the document is issued by a body the query names ("bộ y tế")
  double numbered_issuer_weight = 5.0;      ///< ...and holds the number the query names in part: the issuer
                                            ///< completes it ("thông tư 30/2026 bộ y tế" is 30/2026/TT-BYT)
  double date_weight = 0.5;                 ///< the document is dated in a period the query names
  double focus_weight = 0.3;                ///< a focused document: 1 up to focus_words of length, halved per doubling,
                              ///< times what the title leaves unmatched (a page typed by its title is wanted)
  double focus_words = 2000;  ///< document length (index terms, about 3 per word) that counts as focused
};

/// Facts about the open index as one audience sees it (health, metrics).
struct IndexInfo {
  std::size_t documents = 0;  ///< documents the audience may see
  unsigned generation = 0;
  std::string last_commit;
  std::string path;
};

}  // namespace tracuu::searchd
