#include "searchd/positions.h"

namespace tracuu::searchd {

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

}  // namespace tracuu::searchd
