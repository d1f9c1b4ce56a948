// tracuu through its search library (searchd/searcher.h), in process.
#include <stdexcept>

#include "bench/engines/engine.h"
#include "bench/vn_util.h"
#include "searchd/searcher.h"

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

}  // namespace

std::unique_ptr<Engine> open_tracuu(const std::string& home, bool facets, std::size_t snippets) {
  auto s = searchd::Searcher::open(home);
  if (!s) throw std::runtime_error("tracuu: cannot open " + home + ": " + s.error().message);
  return std::make_unique<TracuuEngine>(std::move(*s), facets, snippets);
}

}  // namespace tracuu::bench
