#pragma once
// Internal: facet counting with disjunctive multi-select, over the facets of schema/facets.h.
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "schema/codes.h"
#include "schema/facets.h"
#include "schema/fields.h"
#include "schema/validity.h"
#include "searchd/types.h"

namespace tracuu::searchd {

/// Display form of a facet id (numeric ids are computed, hashed ones looked up).
using FacetNames = std::function<std::string(const schema::FacetSpec&, std::uint32_t)>;

/// The copy keys (kSlotCopyKey: own number and issue date) held by two or more documents
/// of a database. Most documents have no copy: the counter and the ranking stage look a
/// key up here before doing any work for it, and do none when the database has no copies.
class CopyKeys {
 public:
  /// Reads the slot's value stream once (a hash and a docid, 16 bytes a document, while scanning),
  /// then the keys of the few documents whose hash is held twice.
  /// @param by_document number the holders by docid (by_document()): only for a database of one member, as a
  /// match spy is given a document whose docid is not the combination's over several.
  static CopyKeys scan(const Xapian::Database& db, bool by_document);
  /// The same from a built-in ValueCountMatchSpy over every document, for remote shards (a value
  /// stream over the remote protocol reads every document).
  static CopyKeys count(const Xapian::Database& db);
  /// True when some document of the database is a copy of another.
  bool any() const { return !shared_.empty(); }
  /// True when `key` may be held by two or more documents (a 64-bit hash: a rare
  /// false positive only costs the exact check that follows).
  bool shared(const std::string& key) const { return shared_.count(std::hash<std::string>{}(key)) != 0; }
  /// True when the holders of every shared key are known by document id (scan() of one member, not count()).
  bool by_document() const { return by_document_; }
  /// With by_document(): the shared key `did` holds, numbered 1.. (0: none), so counting needs no
  /// value read to tell a copy.
  std::uint32_t key_of(Xapian::docid did) const {
    const auto it = holders_.find(did);
    return it == holders_.end() ? 0 : it->second;
  }
  /// The number of distinct shared keys (the largest key_of).
  std::uint32_t keys() const { return keys_; }

 private:
  std::unordered_set<std::size_t> shared_;
  bool by_document_ = false;
  std::unordered_map<Xapian::docid, std::uint32_t> holders_;
  std::uint32_t keys_ = 0;
};

/// Counts by facet id (ids are never 0): an open-addressing table, as every counted match bumps
/// five of them (a node map's lookups were a sixth of counting).
class IdCounts {
 public:
  /// Adds `n` to `id`'s count (unsigned: a negative n, wrapped, takes back).
  void add(std::uint32_t id, std::size_t n);
  /// The count of `id` (0: none).
  std::size_t count(std::uint32_t id) const;
  /// Calls f(id, count&) for every id counted (count > 0).
  template <class F>
  void for_each(F&& f) {
    for (auto& [id, count] : slots_)
      if (id != 0 && count != 0) f(id, count);
  }
  template <class F>
  void for_each(F&& f) const {
    for (const auto& [id, count] : slots_)
      if (id != 0 && count != 0) f(id, count);
  }

 private:
  std::size_t slot_of(std::uint32_t id) const;

  std::vector<std::pair<std::uint32_t, std::size_t>> slots_;  // id 0: empty; a power of two long
  std::size_t used_ = 0;
};

/// Counts the facets of the documents the matcher sees: the id-coded fields from
/// kSlotFacets with one value read per document, string-slot fields from their slot.
class FacetCounter : public Xapian::MatchSpy {
 public:
  /// @param fields the facets to count (rows of schema::kFacets)
  /// @param copies the shared copy keys of the database searched (nullptr: count copies apart)
  /// @param validity_day the day (ISO) the validity facet counts each document's status at
  FacetCounter(std::vector<const schema::FacetSpec*> fields, const CopyKeys* copies, std::string validity_day = {});
  void operator()(const Xapian::Document& doc, double wt) override;

  /// The slot a string-slot field is counted from: the validity facet reads each document's validity
  /// dates (kSlotValidityDates) and counts its status at the counter's day; the others their `slot`.
  static unsigned counted_slot(const schema::FacetSpec& field);

  /// Documents seen (the sample size when counting a sample), one per set of copies.
  std::size_t seen() const { return seen_; }
  /// Documents skipped as further copies of one already seen (same kSlotCopyKey):
  /// a search shows copies as one hit, so totals and facets count them once.
  std::size_t copies() const { return copies_; }
  /// Scales every count by `total / seen()` (a sample standing for all matches).
  void extrapolate(std::size_t total);
  /// Counts `n` documents (n < 0: takes them back) whose kSlotFacets value is `packed` and, for each
  /// string-slot field, whose slot holds `slot_value(field)`: what operator() does for one document,
  /// also fed from per-value counts (count_remote in search_count.cc).
  void add(const std::string& packed, const std::function<std::string(const schema::FacetSpec&)>& slot_value, long n);
  /// The fields counted.
  const std::vector<const schema::FacetSpec*>& fields() const { return fields_; }
  /// True when `field` is one of those counted.
  bool counts(const schema::FacetSpec& field) const;
  /// The counts of one field by display form: the `limit` most frequent values
  /// (0: all) plus those of `always` (selected values), so names are looked up
  /// only for what is shown.
  std::unordered_map<std::string, std::size_t> values(const schema::FacetSpec& field, const FacetNames& names,
                                                      std::size_t limit,
                                                      const std::vector<std::uint32_t>& always) const;

 private:
  // The status at validity_day_ of a kSlotValidityDates value (memoised: few distinct values).
  schema::Validity validity_of(const std::string& dates);
  // Counts `n` of the ids of a kSlotFacets value.
  void add_packed(std::string_view packed, long n);
  // Counts `n` of one string-slot value of `field` (the validity facet's: its dates).
  void add_slot(const schema::FacetSpec& field, const std::string& value, long n);

  std::vector<const schema::FacetSpec*> fields_;
  std::string validity_day_;
  std::unordered_map<std::string, schema::Validity> validities_;
  bool packed_ = false;                          // some field reads kSlotFacets
  std::vector<const schema::FacetSpec*> parts_;  // the fields counted from kSlotFacets
  std::vector<const schema::FacetSpec*> slots_;  // the fields counted from their own slot
  std::size_t seen_ = 0;
  std::size_t copies_ = 0;
  const CopyKeys* shared_keys_;
  std::unordered_set<std::string> copy_keys_;  // shared keys seen so far (keys without by_document())
  std::vector<bool> keys_seen_;                // with by_document(): key_of() numbers seen so far
  std::array<IdCounts, static_cast<std::size_t>(schema::FacetPart::Count)> ids_;
  std::array<std::size_t, std::size(schema::kValidities)> validity_counts_{};  // by schema::Validity
  std::unordered_map<const schema::FacetSpec*, std::unordered_map<std::string, std::size_t>> strings_;
};

/// Every `stride`-th document id (a uniform sample of the collection), as a
/// Xapian posting source: filtering a query by it counts facets of a broad
/// result set from an unbiased sample at a fraction of the cost.
class StrideSource : public Xapian::PostingSource {
 public:
  explicit StrideSource(Xapian::docid stride) : stride_(std::max<Xapian::docid>(1, stride)) {}
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return last_ / stride_; }
  Xapian::doccount get_termfreq_max() const override { return last_ / stride_ + 1; }
  Xapian::docid get_docid() const override { return current_; }
  void next(double) override { current_ = current_ == 0 ? stride_ : current_ + stride_; }
  void skip_to(Xapian::docid did, double) override {
    if (current_ < did) current_ = ((did + stride_ - 1) / stride_) * stride_;
  }
  bool at_end() const override { return current_ > last_; }
  void init(const Xapian::Database& db) override {
    last_ = db.get_lastdocid();
    current_ = 0;
  }
  std::string get_description() const override { return "StrideSource(" + std::to_string(stride_) + ")"; }

 private:
  Xapian::docid stride_;
  Xapian::docid last_ = 0;
  Xapian::docid current_ = 0;
};

/// The kSlotFacets id of a facet value (0 for a facet counted from its slot or an unparsable year/month).
std::uint32_t facet_value_id(const schema::FacetSpec& f, const std::string& value,
                             const schema::IssuerRegistry& issuers);

/// The documents whose status on `day` (ISO) is `status`, from their validity dates (schema/fields.h,
/// kSlotValidFrom ..): value ranges and terms only, which remote shards run too.
Xapian::Query validity_on(schema::Validity status, const std::string& day);

/// The boolean filter selecting `values` of facet `f` (OR of its terms; for the validity facet, of
/// validity_on(value, validity_day)).
Xapian::Query facet_filter(const schema::FacetSpec& f, const std::vector<std::string>& values,
                           const schema::IssuerRegistry& issuers, const std::string& validity_day);

/// Turns counts into the response list: top values (or all, in order, for the
/// month histogram and years), plus every selected value even at count 0.
std::vector<FacetValue> facet_values(const schema::FacetSpec& f,
                                     const std::unordered_map<std::string, std::size_t>& counts,
                                     const std::vector<std::string>& selected, const schema::IssuerRegistry& issuers);

}  // namespace tracuu::searchd
