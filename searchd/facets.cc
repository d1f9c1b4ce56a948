#include "searchd/facets.h"

#include <algorithm>
#include <set>

#include "schema/fields.h"
#include "schema/terms.h"
#include "searchd/query_builder.h"
#include "text/strings.h"

namespace tracuu::searchd {

CopyKeys CopyKeys::scan(const Xapian::Database& db, bool by_document) {
  std::vector<std::pair<std::size_t, Xapian::docid>> hashes;
  hashes.reserve(db.get_value_freq(schema::kSlotCopyKey));
  for (auto it = db.valuestream_begin(schema::kSlotCopyKey); it != db.valuestream_end(schema::kSlotCopyKey); ++it)
    hashes.emplace_back(std::hash<std::string>{}(*it), it.get_docid());
  std::sort(hashes.begin(), hashes.end());
  CopyKeys out;
  out.by_document_ = by_document;
  std::vector<Xapian::docid> candidates;  // the holders of a hash held twice or more
  for (std::size_t i = 1; i < hashes.size(); ++i)
    if (hashes[i].first == hashes[i - 1].first) {
      if (out.shared_.insert(hashes[i].first).second) candidates.push_back(hashes[i - 1].second);
      candidates.push_back(hashes[i].second);
    }
  if (!by_document) return out;
  // Their exact keys (a hash may collide), read in docid order: the few documents with copies.
  std::sort(candidates.begin(), candidates.end());
  std::unordered_map<std::string, std::vector<Xapian::docid>> holders;
  auto it = db.valuestream_begin(schema::kSlotCopyKey);
  for (Xapian::docid did : candidates) {
    it.skip_to(did);
    holders[*it].push_back(did);
  }
  for (const auto& [key, docs] : holders) {
    if (docs.size() < 2) continue;
    ++out.keys_;
    for (Xapian::docid did : docs) out.holders_.emplace(did, out.keys_);
  }
  return out;
}

CopyKeys CopyKeys::count(const Xapian::Database& db) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_query(match_all());
  Xapian::ValueCountMatchSpy keys(schema::kSlotCopyKey);
  enquire.add_matchspy(&keys);
  enquire.get_mset(0, 0, db.get_doccount());
  CopyKeys out;
  for (auto it = keys.values_begin(); it != keys.values_end(); ++it)
    if (it.get_termfreq() > 1) out.shared_.insert(std::hash<std::string>{}(*it));
  return out;
}

void IdCounts::add(std::uint32_t id, std::size_t n) {
  if ((used_ + 1) * 2 > slots_.size()) {  // at most half full: short probes
    std::vector<std::pair<std::uint32_t, std::size_t>> old(std::max<std::size_t>(16, slots_.size() * 2));
    old.swap(slots_);
    for (const auto& [key, count] : old)
      if (key != 0) slots_[slot_of(key)] = {key, count};
  }
  auto& [key, count] = slots_[slot_of(id)];
  if (key == 0) {
    key = id;
    ++used_;
  }
  count += n;
}

std::size_t IdCounts::count(std::uint32_t id) const {
  if (slots_.empty()) return 0;
  const auto& slot = slots_[slot_of(id)];
  return slot.first == id ? slot.second : 0;
}

std::size_t IdCounts::slot_of(std::uint32_t id) const {
  const std::size_t mask = slots_.size() - 1;
  // Fibonacci hashing: years and months are consecutive ids.
  std::size_t i = (static_cast<std::size_t>(id) * 0x9E3779B97F4A7C15ULL >> 32) & mask;
  while (slots_[i].first != 0 && slots_[i].first != id) i = (i + 1) & mask;
  return i;
}

FacetCounter::FacetCounter(std::vector<const schema::FacetSpec*> fields, const CopyKeys* copies,
                           std::string validity_day)
    : fields_(std::move(fields)),
      validity_day_(std::move(validity_day)),
      shared_keys_(copies && copies->any() ? copies : nullptr) {
  for (const schema::FacetSpec* f : fields_) (f->part != schema::FacetPart::Count ? parts_ : slots_).push_back(f);
  packed_ = !parts_.empty();
  if (shared_keys_ && shared_keys_->by_document()) keys_seen_.resize(shared_keys_->keys() + 1);
}

void FacetCounter::operator()(const Xapian::Document& doc, double) {
  if (shared_keys_ && shared_keys_->by_document()) {
    if (const std::uint32_t key = shared_keys_->key_of(doc.get_docid()); key != 0) {
      if (keys_seen_[key]) {
        ++copies_;
        return;
      }
      keys_seen_[key] = true;
    }
  } else if (shared_keys_) {
    if (std::string key = doc.get_value(schema::kSlotCopyKey);
        !key.empty() && shared_keys_->shared(key) && !copy_keys_.insert(std::move(key)).second) {
      ++copies_;
      return;
    }
  }
  ++seen_;
  if (packed_) add_packed(doc.get_value(schema::kSlotFacets), 1);
  for (const schema::FacetSpec* f : slots_) add_slot(*f, doc.get_value(counted_slot(*f)), 1);
}

unsigned FacetCounter::counted_slot(const schema::FacetSpec& field) {
  return field.facet == schema::Facet::Validity ? schema::kSlotValidityDates : field.slot;
}

schema::Validity FacetCounter::validity_of(const std::string& dates) {
  auto [it, added] = validities_.try_emplace(dates);
  if (added)
    it->second =
        schema::validity_at(schema::unpack_validity_dates(dates).value_or(schema::ValidityDates{}), validity_day_);
  return it->second;
}

void FacetCounter::add_packed(std::string_view packed, long n) {
  for (const schema::FacetSpec* f : parts_)
    if (const std::uint32_t id = schema::unpack_facet_id(packed, f->part); id != 0)
      ids_[static_cast<std::size_t>(f->part)].add(id, static_cast<std::size_t>(n));
}

void FacetCounter::add_slot(const schema::FacetSpec& f, const std::string& value, long n) {
  if (value.empty()) return;
  // Unsigned addition of a negative n wraps to the right count; a value taken back to 0 is dropped.
  if (f.facet == schema::Facet::Validity) {
    validity_counts_[static_cast<std::size_t>(validity_of(value))] += static_cast<std::size_t>(n);
    return;
  }
  auto& counts = strings_[&f];
  for (std::string_view v : text::split(value, schema::kMultiValueSeparator)) {
    const std::string key(v);
    if ((counts[key] += static_cast<std::size_t>(n)) == 0) counts.erase(key);
  }
}

void FacetCounter::add(const std::string& packed,
                       const std::function<std::string(const schema::FacetSpec&)>& slot_value, long n) {
  add_packed(packed, n);
  for (const schema::FacetSpec* f : slots_) add_slot(*f, slot_value(*f), n);
}

void FacetCounter::extrapolate(std::size_t total) {
  if (seen_ == 0 || total <= seen_) return;
  const double factor = static_cast<double>(total) / static_cast<double>(seen_);
  auto scale = [&](std::size_t& count) { count = static_cast<std::size_t>(static_cast<double>(count) * factor + 0.5); };
  for (auto& part : ids_) part.for_each([&](std::uint32_t, std::size_t& count) { scale(count); });
  for (std::size_t& count : validity_counts_) scale(count);
  for (auto& [field, counts] : strings_)
    for (auto& [value, count] : counts) scale(count);
}

bool FacetCounter::counts(const schema::FacetSpec& field) const {
  return std::find(fields_.begin(), fields_.end(), &field) != fields_.end();
}

std::unordered_map<std::string, std::size_t> FacetCounter::values(const schema::FacetSpec& field,
                                                                  const FacetNames& names, std::size_t limit,
                                                                  const std::vector<std::uint32_t>& always) const {
  if (field.facet == schema::Facet::Validity) {
    std::unordered_map<std::string, std::size_t> out;
    for (const schema::Validity v : schema::kValidities)
      if (const std::size_t count = validity_counts_[static_cast<std::size_t>(v)]; count != 0)
        out.emplace(schema::validity_label(v), count);
    return out;
  }
  if (field.part == schema::FacetPart::Count) {
    const auto it = strings_.find(&field);
    return it == strings_.end() ? std::unordered_map<std::string, std::size_t>{} : it->second;
  }
  const IdCounts& counts = ids_[static_cast<std::size_t>(field.part)];
  std::vector<std::pair<std::size_t, std::uint32_t>> ranked;
  counts.for_each([&](std::uint32_t id, std::size_t count) { ranked.emplace_back(count, id); });
  if (limit > 0 && ranked.size() > limit) {
    std::partial_sort(
        ranked.begin(), ranked.begin() + static_cast<long>(limit), ranked.end(),
        [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    ranked.resize(limit);
    for (std::uint32_t id : always)
      if (const std::size_t count = counts.count(id); count != 0) ranked.emplace_back(count, id);
  }
  std::unordered_map<std::string, std::size_t> out;
  for (const auto& [count, id] : ranked) {
    std::string name = names(field, id);
    if (!name.empty()) out.emplace(std::move(name), count);  // an id listed twice (top and selected) counts once
  }
  return out;
}

std::uint32_t facet_value_id(const schema::FacetSpec& f, const std::string& value,
                             const schema::IssuerRegistry& issuers) {
  if (f.part == schema::FacetPart::Count) return 0;
  return schema::facet_value_id(f, f.code(value, issuers));
}

Xapian::Query validity_on(schema::Validity status, const std::string& day) {
  using Q = Xapian::Query;
  using schema::Validity;
  const Q ended(Q::OP_VALUE_LE, schema::kSlotValidUntil, day);
  // Without an in-force date, the status a source states (schema::validity_at).
  const Q stated(schema::make_term(schema::Field::ValidityStated, schema::validity_code(status)));
  if (status == Validity::Ended) return Q(Q::OP_OR, ended, stated);
  const Q in_force_from(Q::OP_VALUE_LE, schema::kSlotValidFrom, day);
  const Q partly_ended(Q::OP_VALUE_LE, schema::kSlotPartlyEndedFrom, day);
  Q dated = Q::MatchNothing;
  switch (status) {
    case Validity::InForce: dated = Q(Q::OP_AND_NOT, in_force_from, partly_ended); break;
    case Validity::PartlyEnded: dated = Q(Q::OP_AND, in_force_from, partly_ended); break;
    // In force from a later day: the day with a NUL after it sorts after the day and before the next.
    case Validity::NotYet: dated = Q(Q::OP_VALUE_GE, schema::kSlotValidFrom, day + '\0'); break;
    case Validity::Unknown:
    case Validity::Ended: break;
  }
  return Q(Q::OP_AND_NOT, Q(Q::OP_OR, dated, stated), ended);
}

Xapian::Query facet_filter(const schema::FacetSpec& f, const std::vector<std::string>& values,
                           const schema::IssuerRegistry& issuers, const std::string& validity_day) {
  std::vector<Xapian::Query> terms;
  for (const auto& v : values)
    if (f.facet == schema::Facet::Validity)
      terms.push_back(validity_on(schema::parse_validity(v).value_or(schema::Validity::Unknown), validity_day));
    else
      terms.emplace_back(schema::make_term(f.field, f.code(v, issuers)));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::vector<FacetValue> facet_values(const schema::FacetSpec& f,
                                     const std::unordered_map<std::string, std::size_t>& counts,
                                     const std::vector<std::string>& selected, const schema::IssuerRegistry& issuers) {
  std::vector<FacetValue> out;
  out.reserve(counts.size());
  for (const auto& [value, count] : counts) out.push_back({value, count, false});
  switch (f.order) {
    case schema::FacetOrder::ValueAscending:
      std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.value < b.value; });
      break;
    case schema::FacetOrder::ValueDescending:
      std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
      break;
    case schema::FacetOrder::ByCount:
      std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.count > b.count || (a.count == b.count && a.value < b.value);
      });
      break;
  }
  if (selected.empty()) {
    if (f.max_values > 0 && out.size() > f.max_values) out.resize(f.max_values);
    return out;
  }
  // Codes are computed once per value (issuer codes run the analyser), and only with a selection.
  std::set<std::string> wanted;
  for (const auto& s : selected) wanted.insert(f.code(s, issuers));
  std::set<std::string> listed;
  std::vector<FacetValue> kept;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::string code = f.code(out[i].value, issuers);
    out[i].selected = wanted.count(code) > 0;
    // The top values, and every selected one wherever it ranks.
    if (f.max_values == 0 || i < f.max_values || out[i].selected) {
      listed.insert(code);
      kept.push_back(std::move(out[i]));
    }
  }
  // Selected values are always listed, even when nothing matches them now.
  for (const auto& s : selected)
    if (listed.insert(f.code(s, issuers)).second) kept.push_back({s, 0, true});
  return kept;
}

}  // namespace tracuu::searchd
