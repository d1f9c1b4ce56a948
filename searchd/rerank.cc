#include "searchd/rerank.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>

#include "schema/fields.h"
#include "schema/terms.h"
#include "searchd/vocabulary.h"
#include "text/docnum.h"

namespace tracuu::searchd {
namespace {

using schema::Field;
using schema::make_term;

// Very common words in megabyte pages: the first ones are enough to place a passage.
constexpr std::size_t kMaxPositionsPerTerm = PositionLists::kMaxPositions;
constexpr std::size_t kFewWords = 4;             // queries this short keep every word in passages
constexpr double kSmallCollection = 50;          // below this many documents, every word too
constexpr std::uint32_t kWholeTitle = 1u << 20;  // a window longer than any title

double idf(const Xapian::Database& db, const std::string& term) {
  const double n = db.get_termfreq(term), total = db.get_doccount();
  return std::log(1.0 + (total - n + 0.5) / (n + 0.5));
}

struct Word {
  std::string term;  // XF:<folded>
  double idf = 0;
};

struct Pair {
  std::size_t first, second;  // indices into the distinct words
  double idf = 0;
};

// Saturation of a word's count in a passage: a second occurrence adds 20 %, a third 7 %.
constexpr double kSaturation = 0.5;
double sat(double tf) {
  return tf * (kSaturation + 1) / (tf + kSaturation);
}

// The weight of each word, then of each adjacent pair, in a passage, and their sum (what a
// passage could score at most with every word once).
double passage_weights(const std::vector<Word>& words, const std::vector<Pair>& pairs, double adjacency_weight,
                       std::vector<double>& weight) {
  weight.assign(words.size() + pairs.size(), 0);
  double most = 0;
  for (std::size_t i = 0; i < words.size(); ++i) most += weight[i] = words[i].idf;
  for (std::size_t k = 0; k < pairs.size(); ++k) most += weight[words.size() + k] = adjacency_weight * pairs[k].idf;
  return most;
}

// The most best_passage() could return for a document whose wdf of each word is `wdf`
// (wdf bounds the positions: the indexer adds no position without a unit of wdf): every
// word as often as its wdf allows in one window, every pair of present words adjacent.
double passage_bound(const std::vector<Word>& words, const std::vector<Pair>& pairs,
                     const std::vector<Xapian::termcount>& wdf, std::uint32_t window, double adjacency_weight) {
  std::vector<double> weight;
  const double most = passage_weights(words, pairs, adjacency_weight, weight);
  if (most <= 0) return 0;
  double sum = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto count = std::min<std::uint64_t>({wdf[i], window, kMaxPositionsPerTerm});
    if (count > 0) sum += weight[i] * sat(static_cast<double>(count));
  }
  for (std::size_t k = 0; k < pairs.size(); ++k)
    if (wdf[pairs[k].first] > 0 && wdf[pairs[k].second] > 0) sum += weight[words.size() + k];
  return sum / most;
}

// The score of the best window of `window` positions: each distinct word by its idf
// (saturating with repeats), each adjacent query pair found adjacent by its bigram idf,
// over the most a passage could score. 0..~1.2.
// `wdf` (of each word in the document) spares opening the position lists of absent words.
double best_passage(PositionLists& positions, Xapian::docid did, const std::vector<Word>& words,
                    const std::vector<Pair>& pairs, const std::vector<Xapian::termcount>& wdf, std::uint32_t window,
                    double adjacency_weight) {
  // One sorted position list per word (the search's own, not copied), then one per adjacent pair (where the
  // pair starts).
  static const std::vector<std::uint32_t> kNone;
  std::vector<const std::vector<std::uint32_t>*> lists(words.size() + pairs.size(), &kNone);
  for (std::size_t i = 0; i < words.size(); ++i)
    if (wdf[i] != 0) lists[i] = &positions.of(did, words[i].term);
  std::vector<std::vector<std::uint32_t>> adjacent(pairs.size());
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const auto& a = *lists[pairs[k].first];
    const auto& b = *lists[pairs[k].second];
    auto& out = adjacent[k];
    std::size_t j = 0;
    for (std::uint32_t x : a) {
      while (j < b.size() && b[j] < x + 1) ++j;
      if (j < b.size() && b[j] == x + 1) out.push_back(x);
    }
    lists[words.size() + k] = &out;
  }
  std::vector<double> weight;
  const double most = passage_weights(words, pairs, adjacency_weight, weight);
  if (most <= 0) return 0;

  // Every position of every list in order (ties by list), then a window slides over them: what enters at the
  // front leaves at the back in the same order. The score changes when a list's count does.
  using Entry = std::pair<std::uint32_t, std::uint32_t>;  // position, list
  // A merge of a handful of sorted lists: the least head each time (sorting all of them cost 9 % of a search).
  std::size_t total = 0;
  for (const auto* list : lists) total += list->size();
  std::vector<Entry> merged;
  merged.reserve(total);
  constexpr std::uint32_t kPast = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::size_t> next(lists.size(), 0);
  std::vector<std::uint32_t> heads(lists.size());
  for (std::size_t i = 0; i < lists.size(); ++i) heads[i] = lists[i]->empty() ? kPast : lists[i]->front();
  while (merged.size() < total) {
    const auto least = static_cast<std::uint32_t>(std::min_element(heads.begin(), heads.end()) - heads.begin());
    merged.emplace_back(heads[least], least);
    heads[least] = ++next[least] < lists[least]->size() ? (*lists[least])[next[least]] : kPast;
  }
  std::vector<std::uint32_t> count(lists.size(), 0);
  std::vector<double> saturated;  // sat(n) for the counts reached so far: two divisions an entry spared
  auto sat_of = [&](std::uint32_t n) {
    while (saturated.size() <= n) saturated.push_back(sat(static_cast<double>(saturated.size())));
    return saturated[n];
  };
  auto gain = [&](std::size_t i, std::uint32_t before, std::uint32_t after) {
    if (i >= words.size()) return weight[i] * ((after > 0) - (before > 0));  // an adjacency counts once
    return weight[i] * (sat_of(after) - sat_of(before));
  };
  double score = 0, best = 0;
  std::size_t first_inside = 0;
  for (const auto& [at, i] : merged) {
    score += gain(i, count[i], count[i] + 1);
    ++count[i];
    for (; merged[first_inside].first + window <= at; ++first_inside) {
      const std::uint32_t j = merged[first_inside].second;
      score += gain(j, count[j], count[j] - 1);
      --count[j];
    }
    best = std::max(best, score);
  }
  return best / most;
}

bool in_ranges(const std::string& ymd, const std::vector<std::pair<std::string, std::string>>& ranges) {
  if (ymd.empty()) return false;
  return std::any_of(ranges.begin(), ranges.end(), [&](const auto& r) { return ymd >= r.first && ymd <= r.second; });
}

// The year inside the document's own number ("24/2018/QH14") overlaps a named period.
bool number_year_in(const std::string& key, const std::vector<std::pair<std::string, std::string>>& ranges) {
  const auto p = text::pattern_of_key(key);
  if (!p || p->year.empty()) return false;
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const auto& r) { return r.first <= p->year + "1231" && r.second >= p->year + "0101"; });
}

}  // namespace

std::vector<Xapian::termcount> wdfs(const Xapian::Database& db, const std::string& term,
                                    const std::vector<Xapian::docid>& dids) {
  std::vector<Xapian::termcount> out(dids.size(), 0);
  if (term.empty()) return out;
  auto pl = db.postlist_begin(term);
  const auto end = db.postlist_end(term);
  for (std::size_t k = 0; k < dids.size() && pl != end; ++k) {
    pl.skip_to(dids[k]);
    if (pl == end) break;
    if (*pl == dids[k]) out[k] = pl.get_wdf();
  }
  return out;
}

std::vector<Ranked> rerank(const Xapian::Database& db, const Xapian::MSet& mset, const RankSignals& signals,
                           const Vocabulary& vocabulary, const RankingWeights& weights, std::size_t needed,
                           PositionLists& positions) {
  std::vector<Ranked> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back({*it, it.get_weight(), it.get_weight()});
  if (out.empty()) return out;

  // Distinct words, and adjacent query pairs between them.
  std::vector<Word> words;
  std::vector<std::size_t> index_of(signals.words.size());
  for (std::size_t i = 0; i < signals.words.size(); ++i) {
    const std::string term = make_term(Field::BodyFolded, signals.words[i].folded);
    auto found = std::find_if(words.begin(), words.end(), [&](const Word& w) { return w.term == term; });
    index_of[i] = static_cast<std::size_t>(found - words.begin());
    if (found == words.end()) words.push_back({term, idf(db, term)});
  }
  std::vector<Pair> pairs;
  for (std::size_t i = 0; i + 1 < signals.words.size(); ++i) {
    if (!signals.words[i].joins_next || index_of[i] == index_of[i + 1]) continue;
    const std::string bigram = schema::bigram_term(signals.words[i].folded, signals.words[i + 1].folded);
    pairs.push_back({index_of[i], index_of[i + 1], idf(db, bigram)});
  }
  double idf_sum = 0;
  for (const auto& w : words) idf_sum += w.idf;
  // Passages are placed by the words that tell documents apart: in a collection of any
  // size, words in most documents ("là", "của", "và") add little and cost the most
  // (thousands of positions in a long page), so long queries leave them out.
  std::vector<Word> passage_words;
  std::vector<Pair> passage_pairs;
  {
    const double total = std::max<double>(1, db.get_doccount());
    std::vector<std::size_t> kept(words.size(), words.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
      const bool common = words.size() > kFewWords && total >= kSmallCollection &&
                          db.get_termfreq(words[i].term) > total * weights.passage_common_share;
      if (common) continue;
      kept[i] = passage_words.size();
      passage_words.push_back(words[i]);
    }
    if (passage_words.empty()) {  // every word is common: keep them all
      passage_words = words;
      for (std::size_t i = 0; i < words.size(); ++i) kept[i] = i;
    }
    for (const Pair& p : pairs)
      if (kept[p.first] < words.size() && kept[p.second] < words.size())
        passage_pairs.push_back({kept[p.first], kept[p.second], p.idf});
  }

  std::vector<Xapian::docid> dids;
  for (const auto& r : out) dids.push_back(r.did);
  std::vector<std::size_t> order(out.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return dids[a] < dids[b]; });
  std::vector<Xapian::docid> sorted;
  for (std::size_t k : order) sorted.push_back(dids[k]);
  // Per candidate (in `sorted` order) feature accumulators.
  std::vector<double> exact(out.size(), 0);
  std::vector<bool> own_number(out.size(), false), typed(out.size(), false), issued(out.size(), false);

  // The same words in the title (positional S terms): the whole title is one passage.
  std::vector<Word> title_words = words;
  for (auto& w : title_words) w.term = make_term(Field::Title, w.term.substr(schema::prefix(Field::BodyFolded).size()));
  if (positions.batched()) {
    // Over remote shards with shard readers: everything below reads of the candidates, in one
    // request per shard (the position lists of every word a candidate holds, not only those the
    // bounds below end up opening).
    std::vector<std::string> terms;
    std::vector<bool> positional;
    auto ask = [&](const std::string& term, bool with_positions) {
      terms.push_back(term);
      positional.push_back(with_positions);
    };
    for (const auto& w : words)
      ask(w.term,
          std::any_of(passage_words.begin(), passage_words.end(), [&](const Word& p) { return p.term == w.term; }));
    for (const auto& w : title_words) ask(w.term, true);
    if (signals.query_has_marks)
      for (const RankWord& w : signals.words) {
        ask(w.exact, false);
        for (const Spelling& sp : vocabulary.spellings(w.folded)) ask(sp.exact, false);
      }
    for (const auto* group : {&signals.own_number_terms, &signals.type_terms, &signals.issuer_terms})
      for (const auto& term : *group) ask(term, false);
    positions.prefetch(sorted, terms, positional);
  }
  if (signals.query_has_marks) {
    for (std::size_t i = 0; i < signals.words.size(); ++i) {
      const RankWord& w = signals.words[i];
      if (std::find(index_of.begin(), index_of.begin() + static_cast<long>(i), index_of[i]) !=
          index_of.begin() + static_cast<long>(i))
        continue;  // counted once
      std::vector<Xapian::termcount> as_typed;
      if (w.exact != w.folded) {
        as_typed = positions.wdfs(w.exact, sorted);
      } else {
        // An unmarked word typed among marked ones means the unmarked spelling: what the
        // folded term holds beyond its marked spellings.
        as_typed = positions.wdfs(words[index_of[i]].term, sorted);
        for (const Spelling& s : vocabulary.spellings(w.folded)) {
          if (s.exact == w.folded) continue;
          const auto marked = positions.wdfs(s.exact, sorted);
          for (std::size_t k = 0; k < sorted.size(); ++k) as_typed[k] -= std::min(as_typed[k], marked[k]);
        }
      }
      for (std::size_t k = 0; k < sorted.size(); ++k)
        if (as_typed[k] > 0) exact[k] += words[index_of[i]].idf;
    }
  }
  for (const auto& term : signals.own_number_terms) {
    const auto holds = positions.holds(term, sorted);
    for (std::size_t k = 0; k < sorted.size(); ++k) own_number[k] = own_number[k] || holds[k];
  }
  for (const auto& term : signals.type_terms) {
    const auto holds = positions.holds(term, sorted);
    for (std::size_t k = 0; k < sorted.size(); ++k) typed[k] = typed[k] || holds[k];
  }
  for (const auto& term : signals.issuer_terms) {
    const auto holds = positions.holds(term, sorted);
    for (std::size_t k = 0; k < sorted.size(); ++k) issued[k] = issued[k] || holds[k];
  }

  // First-stage scores relative to the best candidate not carried by a number match.
  double top = 0;
  for (std::size_t k = 0; k < sorted.size(); ++k)
    if (!own_number[k]) top = std::max(top, out[order[k]].first_stage);
  if (top <= 0) top = 1;
  const std::uint32_t window = static_cast<std::uint32_t>(
      std::clamp<double>(weights.passage_words_per_query_word * static_cast<double>(words.size()),
                         weights.passage_min_words, weights.passage_max_words));
  const bool positional = !words.empty() && idf_sum > 0;

  // What each candidate holds of each word, body and title, from the posting lists (one pass
  // per term): the position lists of the words a document lacks are never opened, and the
  // counts bound what the passage and the title can add.
  auto wdfs_of = [&](const std::vector<Word>& of) {
    std::vector<std::vector<Xapian::termcount>> per_candidate(sorted.size(), std::vector<Xapian::termcount>(of.size()));
    if (!positional) return per_candidate;
    for (std::size_t i = 0; i < of.size(); ++i) {
      const auto each = positions.wdfs(of[i].term, sorted);
      for (std::size_t k = 0; k < sorted.size(); ++k) per_candidate[k][i] = each[k];
    }
    return per_candidate;
  };
  const auto body_wdf = wdfs_of(passage_words);
  const auto title_wdf = wdfs_of(title_words);

  // The score without the passage and the title, in the order the full score adds its parts.
  std::vector<double> length_factor(sorted.size(), 1), dated(sorted.size(), 0);
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    if (weights.focus_weight > 0) {
      const double len = static_cast<double>(positions.doclength(sorted[k]));
      length_factor[k] = 1.0 + std::log2(std::max(1.0, len / weights.focus_words));
    }
    if (signals.date_ranges.empty()) continue;
    if (in_ranges(positions.value(sorted[k], schema::kSlotIssueDate), signals.date_ranges) ||
        in_ranges(positions.value(sorted[k], schema::kSlotEventDate), signals.date_ranges) ||
        number_year_in(positions.value(sorted[k], schema::kSlotNumberKey), signals.date_ranges))
      dated[k] = weights.date_weight;
  }
  auto score_with = [&](std::size_t k, double passage, double title) {
    double score = weights.first_stage_weight * std::min(1.0, out[order[k]].first_stage / top);
    if (positional) {
      score += weights.passage_weight * passage;
      score += weights.title_weight * title;
      if (signals.query_has_marks) score += weights.exact_weight * exact[k] / idf_sum;
    }
    if (own_number[k]) score += weights.number_weight;
    // A focused document beats a long one whose best passage is as good; not when the query is
    // the long one's title (a codified page typed by its name).
    if (weights.focus_weight > 0) score += weights.focus_weight * (1.0 - std::min(1.0, title)) / length_factor[k];
    if (typed[k]) score += weights.type_weight;
    if (issued[k]) score += own_number[k] ? weights.numbered_issuer_weight : weights.issuer_weight;
    score += dated[k];
    return score;
  };
  // The most a candidate can score with the passage at most `passage` and the title between 0
  // and `title_most` (at either end of that range or at 1, where the focus stops falling), with a
  // margin for rounding.
  auto bound_with = [&](std::size_t k, double passage, double title_least, double title_most) {
    double most = -std::numeric_limits<double>::infinity();
    for (double p : {0.0, passage})
      for (double t : {title_least, std::clamp(1.0, title_least, title_most), title_most})
        most = std::max(most, score_with(k, p, t));
    return most + 1e-9 * (1.0 + std::abs(most));
  };
  auto passage_most = [&](std::size_t k) {
    return passage_bound(passage_words, passage_pairs, body_wdf[k], window, weights.passage_adjacency_weight);
  };

  // Candidates are taken by their bound, highest first: the first time, the title (a few
  // positions) is read and the bound tightened; the second, the passage, and the score is
  // final. Once the `needed`-th best final score beats the highest bound left, no candidate
  // left can reach the page.
  struct Pending {
    double bound;
    std::size_t k;
    bool title_read;
    double title;
    bool operator<(const Pending& o) const { return bound != o.bound ? bound < o.bound : k > o.k; }
  };
  std::priority_queue<Pending> pending;
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    if (!positional) {
      pending.push({score_with(k, 0, 0), k, true, 0});
      continue;
    }
    const double title = passage_bound(title_words, pairs, title_wdf[k], kWholeTitle, weights.passage_adjacency_weight);
    pending.push({bound_with(k, passage_most(k), 0, title), k, false, 0});
  }
  needed = std::max<std::size_t>(1, needed);
  std::priority_queue<double, std::vector<double>, std::greater<>> kept;  // the `needed` best final scores
  std::vector<std::size_t> scored;
  while (!pending.empty()) {
    Pending next = pending.top();
    if (kept.size() >= needed && kept.top() > next.bound) break;
    pending.pop();
    const std::size_t k = next.k;
    if (!next.title_read) {
      next.title = best_passage(positions, sorted[k], title_words, pairs, title_wdf[k], kWholeTitle,
                                weights.passage_adjacency_weight);
      next.title_read = true;
      next.bound = bound_with(k, passage_most(k), next.title, next.title);
      pending.push(next);
      continue;
    }
    const double passage = positional ? best_passage(positions, sorted[k], passage_words, passage_pairs, body_wdf[k],
                                                     window, weights.passage_adjacency_weight)
                                      : 0;
    out[order[k]].score = score_with(k, passage, next.title);
    scored.push_back(order[k]);
    kept.push(out[order[k]].score);
    if (kept.size() > needed) kept.pop();
  }

  // Documents holding a number the query names in part and otherwise scored alike ("thông tư
  // 30/2026": three ministries' circulars) come newest first, not in the order they were indexed.
  std::vector<std::string> issued_on(out.size());
  std::size_t holders = 0;
  for (std::size_t k = 0; k < sorted.size(); ++k)
    if (own_number[k]) ++holders;
  if (holders > 1)
    for (std::size_t k = 0; k < sorted.size(); ++k)
      if (own_number[k]) issued_on[order[k]] = positions.value(sorted[k], schema::kSlotIssueDate);
  std::sort(scored.begin(), scored.end(), [&](std::size_t a, std::size_t b) {
    if (out[a].score != out[b].score) return out[a].score > out[b].score;
    if (issued_on[a] != issued_on[b]) return issued_on[a] > issued_on[b];
    return a < b;  // then in first-stage order
  });
  std::vector<Ranked> ranked;
  ranked.reserve(scored.size());
  for (std::size_t i : scored) ranked.push_back(out[i]);
  return ranked;
}

}  // namespace tracuu::searchd
