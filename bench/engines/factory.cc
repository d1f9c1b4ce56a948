#include <fstream>
#include <iterator>
#include <stdexcept>

#include "bench/engines/engine.h"

namespace tracuu::bench {

std::vector<std::string> Engine::search_typed(const std::string& query, std::size_t limit) {
  auto ids = search(query, QueryMode::SearchBox, limit);
  return ids.empty() ? search(query, QueryMode::AnyWord, limit) : ids;
}

std::unique_ptr<Engine> open_engine(const std::string& kind, const std::string& target) {
  if (kind == "tracuu") return open_tracuu(target, true, 3);
  if (kind == "tracuu-nofacets") return open_tracuu(target, false, 3);
  if (kind == "tracuu-nosnippets") return open_tracuu(target, true, 0);
  if (kind == "tracuu-bare") return open_tracuu(target, false, 0);
  if (kind == "xapian") return open_xapian(target);
  if (kind == "sqlite") return open_sqlite(target, false);
  if (kind == "sqlite-snippet") return open_sqlite(target, true);
  if (kind == "sphinx") return open_sphinx(target, "");
  if (kind == "sphinx-bm25") return open_sphinx(target, "bm25");
  if (kind == "postgres") return open_postgres(target, "ts_rank_cd");
  if (kind == "postgres-ts_rank") return open_postgres(target, "ts_rank");
  throw std::runtime_error(
      "unknown engine '" + kind +
      "' (tracuu[-nofacets|-nosnippets|-bare], xapian, sqlite[-snippet], sphinx[-bm25], postgres[-ts_rank])");
}

std::unique_ptr<IndexWriter> open_writer(const std::string& kind, const std::string& target,
                                         const std::string& config_dir) {
  if (kind == "xapian") return open_xapian_writer(target);
  if (kind == "sqlite") return open_sqlite_writer(target, config_dir);
  if (kind == "postgres") return open_postgres_writer(target, config_dir);
  throw std::runtime_error("no in-process writer for '" + kind + "' (xapian, sqlite, postgres)");
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace tracuu::bench
