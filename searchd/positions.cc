#include "searchd/positions.h"

#include <algorithm>

#include "schema/fields.h"
#include "searchd/rerank.h"

namespace tracuu::searchd {

const std::vector<Xapian::valueno>& PositionLists::prefetched_slots() {
  static const std::vector<Xapian::valueno> slots{schema::kSlotIssueDate, schema::kSlotEventDate,
                                                  schema::kSlotNumberKey};
  return slots;
}

void PositionLists::prefetch(const std::vector<Xapian::docid>& dids, const std::vector<std::string>& terms,
                             const std::vector<bool>& positional) {
  if (!batch_ || dids.empty()) return;
  // Only what is not known yet: a later step (the snippets) asks again for the second stage's words.
  std::vector<std::string> ask;
  std::vector<bool> ask_positional;
  for (std::size_t t = 0; t < terms.size(); ++t) {
    const bool known = std::all_of(dids.begin(), dids.end(), [&](Xapian::docid d) {
      return prefetched(d, terms[t]) && (!positional[t] || lists_.count({d, terms[t]}));
    });
    if (!known && std::find(ask.begin(), ask.end(), terms[t]) == ask.end()) {
      ask.push_back(terms[t]);
      ask_positional.push_back(positional[t]);
    }
  }
  std::vector<Xapian::docid> docs;
  for (Xapian::docid d : dids)
    if (!docs_.count(d) || !ask.empty()) docs.push_back(d);
  if (docs.empty()) return;
  std::vector<DocReads> reads = batch_(docs, ask, ask_positional);
  for (std::size_t k = 0; k < docs.size(); ++k) {
    DocReads& r = reads[k];
    for (std::size_t t = 0; t < ask.size(); ++t) {
      wdf_[{docs[k], ask[t]}] = r.wdf[t];
      if (ask_positional[t]) lists_[{docs[k], ask[t]}] = std::move(r.positions[t]);
    }
    r.wdf.clear();
    r.positions.clear();
    docs_[docs[k]] = std::move(r);
  }
}

const std::optional<Xapian::termcount>* PositionLists::prefetched(Xapian::docid did, const std::string& term) const {
  const auto it = wdf_.find({did, term});
  return it == wdf_.end() ? nullptr : &it->second;
}

const std::vector<std::uint32_t>& PositionLists::of(Xapian::docid did, const std::string& term) {
  auto [it, added] = lists_.try_emplace({did, term});
  if (added) {
    try {
      auto& out = it->second;
      for (auto p = db_.positionlist_begin(did, term);
           p != db_.positionlist_end(did, term) && out.size() < kMaxPositions; ++p)
        out.push_back(*p);
    } catch (...) {
      lists_.erase(it);  // never a list cut short by a failed read
      throw;
    }
  }
  return it->second;
}

std::vector<Xapian::termcount> PositionLists::wdfs(const std::string& term, const std::vector<Xapian::docid>& dids) {
  std::vector<Xapian::termcount> out(dids.size(), 0);
  for (std::size_t k = 0; k < dids.size(); ++k) {
    const auto* known = prefetched(dids[k], term);
    if (!known) return searchd::wdfs(db_, term, dids);
    out[k] = known->value_or(0);
  }
  return out;
}

std::vector<bool> PositionLists::holds(const std::string& term, const std::vector<Xapian::docid>& dids) {
  std::vector<bool> out(dids.size(), false);
  bool all_known = true;
  for (std::size_t k = 0; k < dids.size() && all_known; ++k) {
    const auto* known = prefetched(dids[k], term);
    all_known = known != nullptr;
    if (known) out[k] = known->has_value();
  }
  if (all_known) return out;
  // Boolean terms have wdf 0: presence, not wdf.
  std::fill(out.begin(), out.end(), false);
  auto pl = db_.postlist_begin(term);
  const auto end = db_.postlist_end(term);
  for (std::size_t k = 0; k < dids.size() && pl != end; ++k) {
    pl.skip_to(dids[k]);
    if (pl == end) break;
    out[k] = *pl == dids[k];
  }
  return out;
}

Xapian::termcount PositionLists::doclength(Xapian::docid did) {
  const auto it = docs_.find(did);
  return it != docs_.end() ? it->second.length : db_.get_doclength(did);
}

std::string PositionLists::value(Xapian::docid did, Xapian::valueno slot) {
  const auto it = docs_.find(did);
  if (it != docs_.end()) {
    const auto& slots = prefetched_slots();
    const auto at = std::find(slots.begin(), slots.end(), slot);
    if (at != slots.end() && it->second.values.size() == slots.size())
      return it->second.values[static_cast<std::size_t>(at - slots.begin())];
  }
  return db_.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(slot);
}

}  // namespace tracuu::searchd
