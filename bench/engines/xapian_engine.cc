// Stock Xapian, as a user of the library would set it up: TermGenerator with
// no stemmer and no accent folding, BM25, one glass database.
#include <xapian.h>

#include <filesystem>

#include "bench/engines/engine.h"
#include "bench/vn_util.h"

namespace tracuu::bench {
namespace {

std::uint64_t directory_bytes(const std::string& path) {
  std::uint64_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(path))
    if (e.is_regular_file()) n += e.file_size();
  return n;
}

class XapianWriter : public IndexWriter {
 public:
  explicit XapianWriter(const std::string& dir) : dir_(dir), db_(dir, Xapian::DB_CREATE_OR_OVERWRITE) {}
  void add(const BenchDoc& d) override {
    Xapian::Document doc;
    tg_.set_document(doc);
    tg_.index_text(d.title);
    tg_.increase_termpos();
    tg_.index_text(d.text);
    doc.set_data(d.id);
    doc.add_boolean_term("Q" + d.id);
    db_.add_document(doc);
  }
  std::uint64_t finish() override {
    db_.commit();
    db_.close();
    return directory_bytes(dir_);
  }

 private:
  std::string dir_;
  Xapian::WritableDatabase db_;
  Xapian::TermGenerator tg_;
};

class XapianEngine : public Engine {
 public:
  explicit XapianEngine(const std::string& dir) try : db_(dir) {
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("xapian: cannot open " + dir + ": " + e.get_description());
  }
  std::vector<std::string> search(const std::string& query, QueryMode mode, std::size_t limit) override {
    const auto words = query_words(query);
    const Xapian::Query q(mode == QueryMode::AnyWord ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, words.begin(),
                          words.end());
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    std::vector<std::string> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(it.get_document().get_data());
    return ids;
  }

 private:
  Xapian::Database db_;
};

}  // namespace

std::unique_ptr<IndexWriter> open_xapian_writer(const std::string& dir) {
  return std::make_unique<XapianWriter>(dir);
}
std::unique_ptr<Engine> open_xapian(const std::string& dir) {
  return std::make_unique<XapianEngine>(dir);
}

}  // namespace tracuu::bench
