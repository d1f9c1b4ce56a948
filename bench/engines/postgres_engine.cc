// PostgreSQL full-text search as its documentation sets it up for a language
// without a stemmer: a text search configuration copying `simple` with the
// `unaccent` dictionary in front, a stored tsvector column (title weighted A),
// a GIN index, ts_rank_cd ordering (bench/peers/postgres_*.sql).
#include "bench/engines/engine.h"

#ifdef TRACUU_BENCH_HAVE_PQ
#include <libpq-fe.h>

#include <fstream>
#include <stdexcept>

#include "bench/vn_util.h"

namespace tracuu::bench {
namespace {

struct Conn {
  explicit Conn(const std::string& conninfo) : c(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(c) != CONNECTION_OK) {
      const std::string msg = PQerrorMessage(c);
      PQfinish(c);
      throw std::runtime_error("postgres: cannot connect (" + conninfo + "): " + msg);
    }
  }
  ~Conn() { PQfinish(c); }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Runs SQL that returns no rows or whose rows we ignore.
  void exec(const std::string& sql) const {
    PGresult* r = PQexec(c, sql.c_str());
    const auto st = PQresultStatus(r);
    const std::string msg = PQresultErrorMessage(r);
    PQclear(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error("postgres: " + msg);
  }
  std::string scalar(const std::string& sql) const {
    PGresult* r = PQexec(c, sql.c_str());
    std::string v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
    PQclear(r);
    return v;
  }
  PGconn* c;
};

// COPY text format: backslash, tab, newline and carriage return escaped.
void append_copy_field(std::string& out, const std::string& s) {
  for (char ch : s) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\0': break;
      default: out.push_back(ch);
    }
  }
}

class PostgresWriter : public IndexWriter {
 public:
  PostgresWriter(const std::string& conninfo, const std::string& config_dir)
      : conn_(conninfo), config_dir_(config_dir) {
    conn_.exec(read_text_file(config_dir + "/postgres_schema.sql"));
    backend_pid_ = conn_.scalar("SELECT pg_backend_pid()");
    start_copy();
  }
  void add(const BenchDoc& d) override {
    append_copy_field(buf_, d.id);
    buf_.push_back('\t');
    append_copy_field(buf_, d.title);
    buf_.push_back('\t');
    append_copy_field(buf_, d.text);
    buf_.push_back('\n');
    if (buf_.size() > (8u << 20)) flush();
  }
  std::uint64_t finish() override {
    flush();
    if (PQputCopyEnd(conn_.c, nullptr) != 1)
      throw std::runtime_error(std::string("postgres: ") + PQerrorMessage(conn_.c));
    PGresult* r = PQgetResult(conn_.c);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    const std::string msg = PQresultErrorMessage(r);
    PQclear(r);
    if (!ok) throw std::runtime_error("postgres: COPY failed: " + msg);
    conn_.exec(read_text_file(config_dir_ + "/postgres_after_load.sql"));
    peak_rss_kib_ = read_peak_rss(backend_pid_);
    return std::stoull(conn_.scalar("SELECT pg_total_relation_size('docs')"));
  }
  std::uint64_t server_peak_rss_kib() override { return peak_rss_kib_; }

 private:
  void start_copy() {
    PGresult* r = PQexec(conn_.c, "COPY docs (id, title, body) FROM STDIN");
    const bool ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!ok) throw std::runtime_error(std::string("postgres: COPY: ") + PQerrorMessage(conn_.c));
  }
  void flush() {
    if (!buf_.empty() && PQputCopyData(conn_.c, buf_.data(), static_cast<int>(buf_.size())) != 1)
      throw std::runtime_error(std::string("postgres: COPY data: ") + PQerrorMessage(conn_.c));
    buf_.clear();
  }
  // VmHWM of the backend that did the work (same machine; readable as root or as its owner).
  static std::uint64_t read_peak_rss(const std::string& pid) {
    std::ifstream in("/proc/" + pid + "/status");
    for (std::string line; std::getline(in, line);)
      if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6));
    return 0;
  }

  Conn conn_;
  std::string config_dir_, backend_pid_, buf_;
  std::uint64_t peak_rss_kib_ = 0;
};

// tsquery text: each word quoted, so none is read as an operator.
std::string ts_query(const std::vector<std::string>& words, QueryMode mode) {
  std::vector<std::string> quoted;
  for (const auto& w : words) quoted.push_back("'" + w + "'");
  return join(quoted, mode == QueryMode::AnyWord ? " | " : " & ");
}

class PostgresEngine : public Engine {
 public:
  PostgresEngine(const std::string& conninfo, const std::string& rank_function) : conn_(conninfo) {
    const std::string sql = "SELECT id, title FROM docs, to_tsquery('vn', $1) q WHERE tsv @@ q ORDER BY " +
                            rank_function + "(tsv, q) DESC LIMIT $2::int";
    PGresult* r = PQprepare(conn_.c, "search", sql.c_str(), 2, nullptr);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) throw std::runtime_error(std::string("postgres: prepare: ") + PQerrorMessage(conn_.c));
  }
  std::vector<std::string> search(const std::string& query, QueryMode mode, std::size_t limit) override {
    const auto words = query_words(query);
    std::vector<std::string> ids;
    if (words.empty()) return ids;
    const std::string q = ts_query(words, mode), n = std::to_string(limit);
    const char* params[2] = {q.c_str(), n.c_str()};
    PGresult* r = PQexecPrepared(conn_.c, "search", 2, params, nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      const std::string msg = PQresultErrorMessage(r);
      PQclear(r);
      throw std::runtime_error("postgres: " + msg);
    }
    for (int i = 0; i < PQntuples(r); ++i) ids.emplace_back(PQgetvalue(r, i, 0));
    PQclear(r);
    return ids;
  }

 private:
  Conn conn_;
};

}  // namespace

std::unique_ptr<Engine> open_postgres(const std::string& conninfo, const std::string& rank_function) {
  return std::make_unique<PostgresEngine>(conninfo, rank_function);
}
std::unique_ptr<IndexWriter> open_postgres_writer(const std::string& conninfo, const std::string& config_dir) {
  return std::make_unique<PostgresWriter>(conninfo, config_dir);
}

}  // namespace tracuu::bench
#else
#include <stdexcept>
namespace tracuu::bench {
std::unique_ptr<Engine> open_postgres(const std::string&, const std::string&) {
  throw std::runtime_error("postgres: built without libpq (scripts/install-deps.sh --bench installs libpq-dev)");
}
std::unique_ptr<IndexWriter> open_postgres_writer(const std::string& c, const std::string&) {
  open_postgres(c, "");
  return nullptr;
}
}  // namespace tracuu::bench
#endif
