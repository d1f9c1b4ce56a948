#pragma once
// Ranking metrics with binary relevance, as ALQAC's judgments are binary.

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

namespace tracuu::bench {

/// Sums of per-query metrics; divide by `queries` for the means.
struct MetricSums {
  double mrr10 = 0, ndcg10 = 0, recall10 = 0, recall100 = 0;
  std::size_t queries = 0;

  /// Adds one query: `ranked` ids best first, `relevant` the judged ids.
  void add(const std::vector<std::string>& ranked, const std::set<std::string>& relevant) {
    ++queries;
    if (relevant.empty()) return;
    double dcg = 0, idcg = 0;
    std::size_t hits10 = 0, hits100 = 0;
    bool first = true;
    for (std::size_t i = 0; i < ranked.size() && i < 100; ++i) {
      if (!relevant.count(ranked[i])) continue;
      ++hits100;
      if (i >= 10) continue;
      ++hits10;
      dcg += 1.0 / std::log2(static_cast<double>(i) + 2.0);
      if (first) mrr10 += 1.0 / (static_cast<double>(i) + 1.0);
      first = false;
    }
    for (std::size_t i = 0; i < std::min<std::size_t>(relevant.size(), 10); ++i)
      idcg += 1.0 / std::log2(static_cast<double>(i) + 2.0);
    ndcg10 += dcg / idcg;
    recall10 += static_cast<double>(hits10) / static_cast<double>(relevant.size());
    recall100 += static_cast<double>(hits100) / static_cast<double>(relevant.size());
  }
  double mean(double sum) const { return queries ? sum / static_cast<double>(queries) : 0; }
};

}  // namespace tracuu::bench
