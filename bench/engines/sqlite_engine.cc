// SQLite FTS5 with the tokenizer its documentation offers for accent-insensitive
// search: unicode61 remove_diacritics 2 (bench/peers/sqlite_*.sql). bm25 ranking.
#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

#include "bench/engines/engine.h"
#include "bench/vn_util.h"

namespace tracuu::bench {
namespace {

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string("sqlite: ") + what + ": " + sqlite3_errmsg(db));
}

sqlite3* open_db(const std::string& file, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("sqlite: cannot open " + file + ": " + msg);
  }
  return db;
}

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err ? err : "?";
    sqlite3_free(err);
    throw std::runtime_error("sqlite: " + msg);
  }
}

// FTS5 query: each word as a string, so no word is read as an operator.
std::string fts_query(const std::vector<std::string>& words, QueryMode mode) {
  std::vector<std::string> quoted;
  for (const auto& w : words) quoted.push_back("\"" + w + "\"");
  return join(quoted, mode == QueryMode::AnyWord ? " OR " : " ");
}

class SqliteWriter : public IndexWriter {
 public:
  SqliteWriter(const std::string& file, const std::string& config_dir) : file_(file), config_dir_(config_dir) {
    std::filesystem::remove(file);
    db_ = open_db(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    exec(db_, read_text_file(config_dir + "/sqlite_schema.sql"));
    exec(db_, "BEGIN");
    check(db_, sqlite3_prepare_v2(db_, "INSERT INTO docs(id, title, text) VALUES (?, ?, ?)", -1, &insert_, nullptr),
          "prepare");
  }
  ~SqliteWriter() override {
    sqlite3_finalize(insert_);
    sqlite3_close(db_);
  }
  void add(const BenchDoc& d) override {
    sqlite3_bind_text(insert_, 1, d.id.data(), static_cast<int>(d.id.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert_, 2, d.title.data(), static_cast<int>(d.title.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert_, 3, d.text.data(), static_cast<int>(d.text.size()), SQLITE_STATIC);
    check(db_, sqlite3_step(insert_), "insert");
    sqlite3_reset(insert_);
  }
  std::uint64_t finish() override {
    exec(db_, "COMMIT");
    exec(db_, read_text_file(config_dir_ + "/sqlite_after_load.sql"));
    sqlite3_finalize(insert_);
    insert_ = nullptr;
    sqlite3_close(db_);
    db_ = nullptr;
    return std::filesystem::file_size(file_);
  }

 private:
  std::string file_, config_dir_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
};

// With `snippets`, each hit also gets FTS5's snippet() of its text column: one passage of up to 24
// tokens with the matched words marked, as a results page shows (tracuu cuts up to three a hit).
class SqliteEngine : public Engine {
 public:
  SqliteEngine(const std::string& file, bool snippets) : db_(open_db(file, SQLITE_OPEN_READONLY)), snippets_(snippets) {
    const char* sql = snippets ? "SELECT id, title, snippet(docs, 2, '<b>', '</b>', '…', 24) FROM docs "
                                 "WHERE docs MATCH ? ORDER BY rank LIMIT ?"
                               : "SELECT id, title FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?";
    check(db_, sqlite3_prepare_v2(db_, sql, -1, &stmt_, nullptr), "prepare");
  }
  ~SqliteEngine() override {
    sqlite3_finalize(stmt_);
    sqlite3_close(db_);
  }
  std::vector<std::string> search(const std::string& query, QueryMode mode, std::size_t limit) override {
    const auto words = query_words(query);
    std::vector<std::string> ids;
    if (words.empty()) return ids;
    const std::string q = fts_query(words, mode);
    sqlite3_bind_text(stmt_, 1, q.data(), static_cast<int>(q.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt_, 2, static_cast<sqlite3_int64>(limit));
    int rc;
    while ((rc = sqlite3_step(stmt_)) == SQLITE_ROW) {
      ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt_, 0)));
      // The passage as a page reads it (computed by step(), as every result column).
      if (snippets_) static_cast<void>(sqlite3_column_text(stmt_, 2));
    }
    sqlite3_reset(stmt_);
    check(db_, rc, "query");
    return ids;
  }

 private:
  sqlite3* db_;
  bool snippets_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

std::unique_ptr<IndexWriter> open_sqlite_writer(const std::string& file, const std::string& config_dir) {
  return std::make_unique<SqliteWriter>(file, config_dir);
}
std::unique_ptr<Engine> open_sqlite(const std::string& file, bool snippets) {
  return std::make_unique<SqliteEngine>(file, snippets);
}

}  // namespace tracuu::bench
