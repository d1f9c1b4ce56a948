// Sphinx 2.2 searchd queried over SphinxQL (the MySQL protocol), with the
// index built by Sphinx's own `indexer` from bench/peers/sphinx.conf.in.
#include "bench/engines/engine.h"

#ifdef TRACUU_BENCH_HAVE_MYSQL
#include <mysql.h>

#include <stdexcept>

#include "bench/vn_util.h"

namespace tracuu::bench {
namespace {

class SphinxEngine : public Engine {
 public:
  SphinxEngine(const std::string& host_port, const std::string& ranker) : db_(mysql_init(nullptr)), ranker_(ranker) {
    const auto colon = host_port.rfind(':');
    const std::string host = host_port.substr(0, colon);
    const unsigned port =
        colon == std::string::npos ? 9306 : static_cast<unsigned>(std::stoul(host_port.substr(colon + 1)));
    if (!mysql_real_connect(db_, host.c_str(), "", "", nullptr, port, nullptr, 0)) {
      const std::string msg = mysql_error(db_);
      mysql_close(db_);
      throw std::runtime_error("sphinx: cannot connect to " + host_port + " (is searchd running?): " + msg);
    }
  }
  ~SphinxEngine() override { mysql_close(db_); }
  std::vector<std::string> search(const std::string& query, QueryMode mode, std::size_t limit) override {
    const auto words = query_words(query);
    std::vector<std::string> ids;
    if (words.empty()) return ids;
    // Words are letters and digits only, so they need no escaping inside MATCH('').
    const std::string match = join(words, mode == QueryMode::AnyWord ? " | " : " ");
    const std::string sql = "SELECT xid, title FROM bench WHERE MATCH('" + match + "') LIMIT " + std::to_string(limit) +
                            " OPTION max_matches=" + std::to_string(std::max<std::size_t>(limit, 1000)) +
                            (ranker_.empty() ? "" : ", ranker=" + ranker_);
    if (mysql_real_query(db_, sql.data(), sql.size()) != 0)
      throw std::runtime_error(std::string("sphinx: ") + mysql_error(db_));
    MYSQL_RES* res = mysql_store_result(db_);
    if (!res) throw std::runtime_error(std::string("sphinx: ") + mysql_error(db_));
    while (MYSQL_ROW row = mysql_fetch_row(res)) ids.emplace_back(row[0] ? row[0] : "");
    mysql_free_result(res);
    return ids;
  }

 private:
  MYSQL* db_;
  std::string ranker_;  // empty: searchd's default, proximity_bm25
};

}  // namespace

std::unique_ptr<Engine> open_sphinx(const std::string& host_port, const std::string& ranker) {
  return std::make_unique<SphinxEngine>(host_port, ranker);
}

}  // namespace tracuu::bench
#else
#include <stdexcept>
namespace tracuu::bench {
std::unique_ptr<Engine> open_sphinx(const std::string&, const std::string&) {
  throw std::runtime_error(
      "sphinx: built without libmariadb (scripts/install-deps.sh --bench installs libmariadb-dev)");
}
}  // namespace tracuu::bench
#endif
