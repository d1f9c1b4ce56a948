// tracuu through its search library (searchd/searcher.h), in process.
#include <cstdlib>
#include <stdexcept>

#include "bench/engines/engine.h"
#include "bench/vn_util.h"
#include "searchd/searcher.h"
#include "text/strings.h"

namespace tracuu::bench {
namespace {

class TracuuEngine : public Engine {
 public:
  TracuuEngine(searchd::Searcher s, bool facets, std::size_t snippets)
      : searcher_(std::move(s)), facets_(facets), snippets_(snippets) {}
  std::vector<std::string> search(const std::string& query, QueryMode mode, std::size_t limit) override {
    searchd::SearchRequest req;
    req.limit = std::min(limit, searchd::kMaxLimit);
    if (mode == QueryMode::AnyWord) {  // the same words the peers get, any of them
      req.query = join(query_words(query), " ");
      req.op = searchd::DefaultOperator::Or;
      req.snippets = 0;
      req.facets = false;
    } else {  // what the portal sends: the typed query, default operator, facets and snippets
      req.query = query;
      req.snippets = snippets_;
      req.facets = facets_;
    }
    return run(req);
  }
  std::vector<std::string> search_typed(const std::string& query, std::size_t limit) override {
    searchd::SearchRequest req;  // op Auto, as the portal sends it
    req.query = query;
    req.limit = std::min(limit, searchd::kMaxLimit);
    req.snippets = 0;
    req.facets = false;
    return run(req);
  }

 private:
  std::vector<std::string> run(const searchd::SearchRequest& req) {
    auto r = searcher_.search(req);
    if (!r) throw std::runtime_error(std::string("tracuu: ") + to_string(r.error().status) + ": " + r.error().message);
    std::vector<std::string> ids;
    for (const auto& h : r->hits) ids.push_back(h.id);
    return ids;
  }

  searchd::Searcher searcher_;
  bool facets_;
  std::size_t snippets_;
};

// Ranking weights from TRACUU_RANKING="name=value,..." (tuning runs; unset: the defaults).
searchd::RankingWeights ranking_from_env() {
  searchd::RankingWeights w;
  const char* env = std::getenv("TRACUU_RANKING");
  if (!env) return w;
  const std::pair<const char*, double*> named[] = {
      {"first_stage_weight", &w.first_stage_weight},
      {"passage_weight", &w.passage_weight},
      {"passage_adjacency_weight", &w.passage_adjacency_weight},
      {"passage_words_per_query_word", &w.passage_words_per_query_word},
      {"passage_min_words", &w.passage_min_words},
      {"passage_max_words", &w.passage_max_words},
      {"passage_common_share", &w.passage_common_share},
      {"title_weight", &w.title_weight},
      {"exact_weight", &w.exact_weight},
      {"number_weight", &w.number_weight},
      {"type_weight", &w.type_weight},
      {"issuer_weight", &w.issuer_weight},
      {"numbered_issuer_weight", &w.numbered_issuer_weight},
      {"date_weight", &w.date_weight},
      {"focus_weight", &w.focus_weight},
      {"focus_words", &w.focus_words},
      {"date_boost", &w.date_boost},
      {"bm25_k1", &w.bm25_k1},
      {"bm25_b", &w.bm25_b},
      {"proximity_boost", &w.proximity_boost},
      {"proximity_boost_short", &w.proximity_boost_short},
      {"exact_boost", &w.exact_boost},
      {"restore_boost", &w.restore_boost},
  };
  for (std::string_view part : text::split(env, ',')) {
    const std::string item(part);
    const auto eq = item.find('=');
    if (eq == std::string::npos) throw std::runtime_error("TRACUU_RANKING: expected name=value, got " + item);
    const std::string name = item.substr(0, eq);
    const double value = std::stod(item.substr(eq + 1));
    if (name == "rerank_depth") {
      w.rerank_depth = static_cast<std::size_t>(value);
      continue;
    }
    bool known = false;
    for (const auto& [n, member] : named)
      if (name == n) *member = value, known = true;
    if (!known) throw std::runtime_error("TRACUU_RANKING: unknown weight " + name);
  }
  return w;
}

}  // namespace

std::unique_ptr<Engine> open_tracuu(const std::string& home, bool facets, std::size_t snippets) {
  auto s = searchd::Searcher::open(home);
  if (!s) throw std::runtime_error("tracuu: cannot open " + home + ": " + s.error().message);
  s->set_ranking(ranking_from_env());
  return std::make_unique<TracuuEngine>(std::move(*s), facets, snippets);
}

}  // namespace tracuu::bench
