#pragma once
// Ranking metrics. Judgments are graded (0 = not relevant, 1 = also answers the
// query, 2 = what the query is about); ALQAC's binary judgments are grade 1 throughout,
// for which every figure equals its binary definition.

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace tracuu::bench {

/// 1-based rank of the first id of `ranked` that `relevant` grades above 0; 0 when none is there.
inline std::size_t first_relevant_rank(const std::vector<std::string>& ranked,
                                       const std::map<std::string, int>& relevant) {
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const auto it = relevant.find(ranked[i]);
    if (it != relevant.end() && it->second > 0) return i + 1;
  }
  return 0;
}

/// Sums of per-query metrics; divide by `queries` for the means.
struct MetricSums {
  double mrr10 = 0, ndcg10 = 0, recall10 = 0, recall100 = 0, success1 = 0, success3 = 0;
  std::size_t queries = 0;

  /// Adds one query: `ranked` ids best first, `relevant` the judged ids and their grades.
  /// nDCG uses the gain 2^grade - 1 (1 for grade 1, 3 for grade 2) and the ideal
  /// ordering of the judged grades; recall counts every id graded above 0.
  void add(const std::vector<std::string>& ranked, const std::map<std::string, int>& relevant) {
    ++queries;
    std::vector<int> grades;
    for (const auto& [id, g] : relevant)
      if (g > 0) grades.push_back(g);
    if (grades.empty()) return;
    const auto gain = [](int g) { return std::pow(2.0, g) - 1.0; };
    const auto discount = [](std::size_t i) { return 1.0 / std::log2(static_cast<double>(i) + 2.0); };
    double dcg = 0, idcg = 0;
    std::size_t hits10 = 0, hits100 = 0;
    for (std::size_t i = 0; i < ranked.size() && i < 100; ++i) {
      const auto it = relevant.find(ranked[i]);
      if (it == relevant.end() || it->second <= 0) continue;
      ++hits100;
      if (i >= 10) continue;
      ++hits10;
      dcg += gain(it->second) * discount(i);
    }
    if (const std::size_t r = first_relevant_rank(ranked, relevant); r > 0) {
      if (r <= 10) mrr10 += 1.0 / static_cast<double>(r);
      if (r <= 1) success1 += 1;
      if (r <= 3) success3 += 1;
    }
    std::sort(grades.begin(), grades.end(), std::greater<>());
    for (std::size_t i = 0; i < std::min<std::size_t>(grades.size(), 10); ++i) idcg += gain(grades[i]) * discount(i);
    ndcg10 += dcg / idcg;
    recall10 += static_cast<double>(hits10) / static_cast<double>(grades.size());
    recall100 += static_cast<double>(hits100) / static_cast<double>(grades.size());
  }
  /// The same with binary judgments: every id of `relevant` has grade 1.
  void add(const std::vector<std::string>& ranked, const std::set<std::string>& relevant) {
    std::map<std::string, int> graded;
    for (const auto& id : relevant) graded[id] = 1;
    add(ranked, graded);
  }
  double mean(double sum) const { return queries ? sum / static_cast<double>(queries) : 0; }
};

}  // namespace tracuu::bench
