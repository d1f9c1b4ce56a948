#pragma once
// Labelled query sets for bench_relevance beyond ALQAC's own: the judged set for real
// documents (bench/data/vn-legal-queries.jsonl), the known-item sets generated from
// vn-legal's metadata, and the pages of vn-legal that hold an ALQAC article verbatim.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu::bench {

/// One query of a set with its judged documents (id -> grade, grade > 0).
struct JudgedQuery {
  std::string qid, query, category;
  std::map<std::string, int> relevant;
};

/// Reads a set: one JSON object per line with "qid", "query", "category" and either
/// "judgments" ([{"id", "grade", "why"}]) or "relevant" (an id list, grade 1, or an
/// id -> grade object). Lines whose first key starts with "_" (the judging rule) and
/// blank lines are skipped. Throws std::runtime_error naming the line on a bad record.
std::vector<JudgedQuery> read_judged_set(const std::string& path);

/// Writes `queries` in the "relevant" form, `rule` as the first line ({"_rule": ...}).
void write_judged_set(const std::string& path, const std::string& rule, const std::vector<JudgedQuery>& queries);

/// A document number as a lookup key: first token only, marks stripped, upper case
/// ("168/2024/NĐ-CP (sửa đổi)" -> "168/2024/ND-CP").
std::string number_key(std::string_view number);

/// One way of typing a document's number, named by `kind`.
struct NumberSpelling {
  std::string kind, text;
};

/// The spellings people type for `number` (vn-legal's so_hieu) of a document of type
/// `doc_type` (loai_van_ban, may be empty): as written, in ASCII, and, when the type is
/// known from the number's suffix or `doc_type`, type + number + year in the shorthands
/// ("nd 168 2024", "NĐ 168/2024", "nghị định 168/2024", "nghi dinh 168/2024",
/// "nghị định số 168/2024/NĐ-CP"); numbers without a year get "qd 1255/qd-ttg" and
/// "quyết định số 1255/QĐ-TTg" instead. No two spellings differ only in case.
std::vector<NumberSpelling> number_spellings(std::string_view number, std::string_view doc_type);

/// The known-item sets of vn-legal (docs.jsonl.gz): `numbers`, every document with a
/// number in its metadata queried by each of its spellings (category = spelling kind),
/// and `titles`, every document whose title is more than its number, queried by the
/// title without marks (category "title"). A query's relevant documents are the target
/// and every copy of it: documents holding the same number (in metadata, or as the
/// number their title opens with) and, for titles, documents with the same title.
struct KnownItemSets {
  std::vector<JudgedQuery> numbers, titles;
  /// Type + number + year spellings that name documents of several issuers ("thông tư 30/2026":
  /// three ministries' circulars); relevant = every document the spelling names. Out of `numbers`,
  /// which gets the same spelling with the issuer's name instead ("thông tư 30/2026 Bộ Y tế").
  std::vector<JudgedQuery> shared_numbers;
};
KnownItemSets make_known_item_sets(const std::string& vn_legal_path);

/// Finds which long texts contain which short passages verbatim, up to spacing, case
/// and punctuation: a passage is in a text when at least `min_share` of its distinct
/// 8-word shingles occur in it. Passages of fewer than `min_shingles` shingles match
/// nothing (a one-line article such as "Luật này có hiệu lực từ ngày 01/01/2021" would
/// match every law). Add the passages, then scan the texts one by one.
class VerbatimFinder {
 public:
  explicit VerbatimFinder(double min_share = 0.8, std::size_t min_shingles = 12)
      : min_share_(min_share), min_shingles_(min_shingles) {}
  /// Adds a passage; returns its index.
  std::size_t add_passage(std::string_view text);
  /// The indexes of the passages that `text` contains.
  std::vector<std::size_t> passages_in(std::string_view text) const;

 private:
  double min_share_;
  std::size_t min_shingles_;
  std::vector<std::size_t> shingle_count_;                      // per passage, distinct shingles
  std::map<std::uint64_t, std::vector<std::size_t>> shingles_;  // shingle hash -> passages
};

}  // namespace tracuu::bench
