#include "searchd/searcher.h"

#include <algorithm>

#include "schema/fields.h"
#include "schema/index_home.h"
#include "schema/index_meta.h"
#include "schema/terms.h"
#include "searchd/searcher_impl.h"

namespace tracuu::searchd {

Error from_xapian(const Xapian::Error& e, const std::string& what) {
  const std::string type = e.get_type();
  if (type == "QueryParserError") return Error{Status::BadQuery, what + ": " + e.get_msg()};
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError" || type == "DatabaseModifiedError" ||
      type == "DatabaseCorruptError")
    return Error{Status::IndexUnavailable, what + ": " + e.get_description()};
  return Error{Status::Internal, what + ": " + e.get_description()};
}

Result<void> Searcher::Impl::open_current() {
  auto gen = schema::current_generation(home);
  if (!gen) return gen.error();
  try {
    Xapian::Database fresh(gen->string());
    if (auto ok = schema::check_index_versions(fresh); !ok) return ok.error();
    db = std::move(fresh);
    generation = *gen;
    // Built now rather than on the first query after opening or a swap.
    vocabulary = Vocabulary::build(db);
    vocabulary_docs = db.get_doccount();
    facet_names.clear();  // a new generation hashes the same names, but may hold others
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "opening " + gen->string());
  }
  return {};
}

const Vocabulary& Searcher::Impl::vocab() {
  const Xapian::doccount docs = db.get_doccount();
  const Xapian::doccount drift = docs > vocabulary_docs ? docs - vocabulary_docs : vocabulary_docs - docs;
  if (!vocabulary || drift * 20 > vocabulary_docs) {
    vocabulary = Vocabulary::build(db);
    vocabulary_docs = docs;
  }
  return *vocabulary;
}

std::string Searcher::Impl::facet_name(const schema::FacetSpec& facet, std::uint32_t id) {
  if (facet.id_name) return facet.id_name(id);
  const auto it = facet_names.find(id);
  if (it != facet_names.end()) return it->second;
  // Names are never removed from an index, so a cached one stays right across reopens.
  std::string name = db.get_metadata(schema::facet_metadata_key(id));
  facet_names.emplace(id, name);
  return name;
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

Result<Searcher> Searcher::open(const std::filesystem::path& home) {
  auto impl = std::make_unique<Impl>();
  impl->home = home;
  if (auto ok = impl->open_current(); !ok) return ok.error();
  return Searcher(std::move(impl));
}

Result<bool> Searcher::refresh() {
  auto gen = schema::current_generation(impl_->home);
  // The index that was open has gone: unavailable (503), not a missing document (404).
  if (!gen) return Error{Status::IndexUnavailable, gen.error().message};
  if (*gen != impl_->generation) {
    if (auto ok = impl_->open_current(); !ok) return ok.error();
    return true;
  }
  try {
    return impl_->db.reopen();
  } catch (const Xapian::Error& e) {
    // The generation under us may have been pruned: open the current one afresh.
    if (auto ok = impl_->open_current(); !ok) return ok.error();
    return true;
  }
}

void Searcher::set_ranking(const RankingWeights& weights) {
  impl_->weights = weights;
}

Result<IndexInfo> Searcher::info() {
  IndexInfo i;
  try {
    i.documents = impl_->db.get_doccount();
    i.last_commit = impl_->db.get_metadata(std::string(schema::kMetaLastCommit));
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "reading index info");
  }
  i.generation = schema::generation_number(impl_->generation);
  i.path = impl_->generation.string();
  return i;
}

Result<SearcherPool::Lease> SearcherPool::acquire(std::chrono::milliseconds wait) {
  Searcher* s = nullptr;
  {
    std::unique_lock lock(mutex_);
    if (!available_.wait_for(lock, wait, [&] { return !free_.empty(); }))
      return Error{Status::Overloaded, "all " + std::to_string(all_.size()) + " searchers are busy"};
    s = free_.back();
    free_.pop_back();
  }
  Lease lease(this, s);
  if (auto r = s->refresh(); !r) return r.error();
  return lease;
}

Result<void> SearcherPool::refresh_idle() {
  std::vector<Searcher*> done;
  for (;;) {
    Searcher* s = nullptr;
    {
      std::lock_guard lock(mutex_);
      const auto it = std::find_if(free_.begin(), free_.end(),
                                   [&](Searcher* f) { return std::find(done.begin(), done.end(), f) == done.end(); });
      if (it == free_.end()) return {};
      s = *it;
      free_.erase(it);
    }
    done.push_back(s);
    Lease lease(this, s);  // back in the pool however the refresh ends
    if (auto r = s->refresh(); !r) return r.error();
  }
}

void SearcherPool::give_back(Searcher* s) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back(s);
  }
  available_.notify_one();
}

Result<std::unique_ptr<SearcherPool>> SearcherPool::open(const std::filesystem::path& home, std::size_t size) {
  auto pool = std::make_unique<SearcherPool>();
  for (std::size_t i = 0; i < std::max<std::size_t>(size, 1); ++i) {
    auto s = Searcher::open(home);
    if (!s) return s.error();
    pool->all_.push_back(std::make_unique<Searcher>(std::move(*s)));
    pool->free_.push_back(pool->all_.back().get());
  }
  return pool;
}

}  // namespace tracuu::searchd
