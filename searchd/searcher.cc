#include "searchd/searcher.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "schema/fields.h"
#include "schema/index_home.h"
#include "schema/index_meta.h"
#include "schema/sharding.h"
#include "schema/terms.h"
#include "searchd/searcher_impl.h"

namespace tracuu::searchd {

Error from_xapian(const Xapian::Error& e, const std::string& what) {
  const std::string type = e.get_type();
  if (type == "QueryParserError") return Error{Status::BadQuery, what + ": " + e.get_msg()};
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError" || type == "DatabaseModifiedError" ||
      type == "DatabaseCorruptError")
    return Error{Status::IndexUnavailable, what + ": " + e.get_description()};
  // A remote shard that is down or too slow (the description names it: "remote:tcp(HOST:PORT)").
  if (type == "NetworkError" || type == "NetworkTimeoutError")
    return Error{Status::IndexUnavailable, what + ": shard unavailable: " + e.get_description()};
  return Error{Status::Internal, what + ": " + e.get_description()};
}

namespace {

// Public first, then internal, then groups by name: the public view is the public
// database alone, so public answers are those of an index without restricted documents.
bool class_before(const schema::Visibility& a, const schema::Visibility& b) {
  return a.kind != b.kind ? a.kind < b.kind : a.groups < b.groups;
}

// The stub file xapian-replicate keeps in a replica's directory ("auto replica_N"; it names
// the other copy after a full copy), or "" when `dir` is an ordinary database.
std::string replica_stub(const std::filesystem::path& dir) {
  std::ifstream in(dir / "XAPIANDB", std::ios::binary);
  return in ? std::string(std::istreambuf_iterator<char>(in), {}) : std::string();
}

std::vector<std::string> replica_stubs(const std::vector<std::filesystem::path>& dirs) {
  std::vector<std::string> out;
  for (const auto& d : dirs) out.push_back(replica_stub(d));
  return out;
}

}  // namespace

namespace {

// The live generation of `home`, or of each of its shards (schema/sharding.h).
Result<std::vector<std::filesystem::path>> live_generations(const std::filesystem::path& home) {
  const auto shards = schema::shard_count(home);
  if (!shards && shards.error().status != Status::NotFound) return shards.error();
  std::vector<std::filesystem::path> out;
  for (unsigned k = 0; k < (shards ? *shards : 1); ++k) {
    auto gen = schema::current_generation(shards ? schema::shard_home(home, k) : home);
    if (!gen) return gen.error();
    out.push_back(std::move(*gen));
  }
  return out;
}

std::vector<std::filesystem::path> class_dirs(const std::vector<std::filesystem::path>& generations) {
  std::vector<std::filesystem::path> out;
  for (const auto& gen : generations)
    for (auto& dir : schema::sub_database_dirs(gen)) out.push_back(std::move(dir));
  return out;
}

// "tcp://HOST:PORT" as xapian-tcpsrv listens, and the shard reader's "HOST:PORT" after "?reader=" ("" without).
struct ShardAddress {
  std::string host;
  unsigned port = 0;
  std::string reader;
};

Result<ShardAddress> parse_shard(const std::string& address) {
  constexpr std::string_view scheme = "tcp://", reader = "?reader=";
  const auto query = address.find('?');
  const std::string tcp = address.substr(0, query);
  ShardAddress out;
  if (query != std::string::npos) {
    if (address.compare(query, reader.size(), reader) != 0 || !parse_host_port(address.substr(query + reader.size())))
      return Error{Status::BadRequest, "a shard is tcp://HOST:PORT[?reader=HOST:PORT], not '" + address + "'"};
    out.reader = address.substr(query + reader.size());
  }
  if (tcp.starts_with(scheme))
    if (auto where = parse_host_port(tcp.substr(scheme.size()))) {
      out.host = std::move(where->first);
      out.port = where->second;
      return out;
    }
  return Error{Status::BadRequest, "a shard is tcp://HOST:PORT[?reader=HOST:PORT], not '" + address + "'"};
}

// A remote shard's database. @return IndexUnavailable naming it when it does not answer.
Result<Xapian::Database> open_shard(const std::string& address, const IndexSource& source) {
  auto where = parse_shard(address);
  if (!where) return where.error();
  try {
    return Xapian::Remote::open(where->host, where->port, static_cast<useconds_t>(source.shard_timeout.count()),
                                static_cast<useconds_t>(source.connect_timeout.count()));
  } catch (const Xapian::NetworkError& e) {
    return Error{Status::IndexUnavailable, "shard " + address + " does not answer (" + e.get_msg() + ")"};
  }
}

// The shard and, when it names one, its reader, which must answer for the same database: a shard whose
// reader is down is a shard down (never a silently slower or different answer).
Result<Xapian::Database> open_checked(const std::string& address, const IndexSource& source,
                                      std::map<std::string, ShardReaderConnection>* keep) {
  auto db = open_shard(address, source);
  if (!db) return db;
  const std::string reader = parse_shard(address)->reader;
  if (reader.empty()) return db;
  ShardReaderConnection conn(reader, source.shard_timeout);
  try {
    const std::string uuid = db->get_uuid();
    conn.send(ShardReadRequest{uuid, {}, {}, {}, {}});
    if (conn.receive().uuid != uuid) throw Xapian::NetworkError("shard reader " + reader + " serves another database");
  } catch (const Xapian::Error& e) {
    return Error{Status::IndexUnavailable, "shard " + address + " does not answer (" + e.get_msg() + ")"};
  }
  if (keep) keep->insert_or_assign(reader, std::move(conn));
  return db;
}

}  // namespace

Result<void> Searcher::Impl::open_current() {
  // Every class database to search, by its path or shard address.
  std::vector<std::pair<std::string, Xapian::Database>> dbs;
  std::vector<std::filesystem::path> gens;
  std::vector<std::string> missed;
  std::vector<std::pair<std::string, std::string>> uuids;
  std::map<std::string, ShardReaderConnection> connected;
  try {
    if (!source.shards.empty()) {
      for (const auto& address : source.shards) {
        auto db = open_checked(address, source, &connected);
        if (db) {
          uuids.emplace_back(address, db->get_uuid());
          dbs.emplace_back(address, std::move(*db));
          continue;
        }
        if (!source.partial || db.error().status != Status::IndexUnavailable) return db.error();
        missed.push_back(address);
      }
      if (dbs.empty()) return Error{Status::IndexUnavailable, "no shard answers"};
    } else {
      auto live = live_generations(source.home);
      if (!live) return live.error();
      gens = std::move(*live);
      for (const auto& dir : class_dirs(gens)) dbs.emplace_back(dir.string(), Xapian::Database(dir.string()));
      if (dbs.empty()) {
        // An index of schema 6 or older is one database, not a directory of them.
        if (auto ok = schema::check_index_versions(Xapian::Database(gens.front().string())); !ok) return ok.error();
        return Error{Status::IndexUnavailable, gens.front().string() + " holds no databases"};
      }
    }
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "opening " + (gens.empty() ? source.home.string() : gens.front().string()));
  }
  // The databases of one class (one per shard) are combined into one part.
  std::vector<Part> fresh;
  try {
    for (auto& [name, db] : dbs) {
      if (auto ok = schema::check_index_versions(db); !ok)
        return Error{ok.error().status, name + ": " + ok.error().message};
      auto cls = schema::read_class(db);
      // A database that does not say who may see it is served to nobody.
      if (!cls) return Error{Status::IndexUnavailable, name + ": " + cls.error().message};
      auto same = std::find_if(fresh.begin(), fresh.end(), [&](const Part& p) { return p.visibility == *cls; });
      if (same == fresh.end()) same = fresh.insert(fresh.end(), Part{std::move(*cls), {}, {}, {}, {}});
      same->db.add_database(db);
      same->readers.push_back(source.shards.empty() ? std::string() : parse_shard(name)->reader);
      same->uuids.push_back(source.shards.empty() ? std::string() : db.get_uuid());
      same->members.push_back(std::move(db));
    }
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "opening " + dbs.front().first);
  }
  std::sort(fresh.begin(), fresh.end(),
            [](const Part& a, const Part& b) { return class_before(a.visibility, b.visibility); });
  const std::string where = gens.empty() ? "the shards" : gens.front().string();
  if (fresh.front().visibility.kind != schema::Visibility::Kind::Public)
    return Error{Status::IndexUnavailable, where + " has no public database"};
  parts = std::move(fresh);
  remote = !source.shards.empty();
  missing = std::move(missed);
  probed = std::chrono::steady_clock::now();
  shard_uuids = std::move(uuids);
  readers = std::move(connected);
  reader_failed = false;
  swaps_probed = probed;
  generations = gens;
  generation = gens.empty() ? std::filesystem::path() : gens.front();
  part_dirs = class_dirs(gens);
  part_stubs = replica_stubs(part_dirs);
  views.clear();
  current = nullptr;
  // The public view's vocabulary is built now rather than on the first query after opening or a swap.
  try {
    use({});
    vocab();
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "opening " + where);
  }
  return {};
}

Searcher::Impl::View& Searcher::Impl::use(const schema::Audience& audience) {
  std::vector<schema::Visibility> classes;
  for (const auto& p : parts) classes.push_back(p.visibility);
  const std::string key = schema::combination_key(audience, classes);
  auto it = views.find(key);
  if (it == views.end()) {
    if (views.size() >= kMaxViews) {
      auto oldest = std::min_element(views.begin(), views.end(), [](const auto& a, const auto& b) {
        return a.second.last_used < b.second.last_used;
      });
      views.erase(oldest);
    }
    View v;
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (schema::may_see(audience, parts[i].visibility)) {
        v.parts.push_back(i);
        v.db.add_database(parts[i].db);
      }
    it = views.emplace(key, std::move(v)).first;
  }
  it->second.last_used = ++uses;
  current = &it->second;
  return *current;
}

const Vocabulary& Searcher::Impl::vocab() {
  View& v = *current;
  const Xapian::doccount docs = v.db.get_doccount();
  const Xapian::doccount drift = docs > v.vocabulary_docs ? docs - v.vocabulary_docs : v.vocabulary_docs - docs;
  if (!v.vocabulary || drift * 20 > v.vocabulary_docs) {
    v.vocabulary = Vocabulary::build(v.db);
    v.vocabulary_docs = docs;
  }
  return *v.vocabulary;
}

BatchRead Searcher::Impl::batch_read() {
  if (!remote) return {};
  // The view's databases in the order Xapian combines them: document d of the combination is
  // document (d - 1) / n + 1 of database (d - 1) % n.
  struct Member {
    ShardReaderConnection* reader;
    const std::string* uuid;
  };
  std::vector<Member> members;
  for (std::size_t i : current->parts)
    for (std::size_t m = 0; m < parts[i].members.size(); ++m) {
      if (parts[i].readers[m].empty()) return {};  // a shard without a reader: every read a round trip
      const auto it = readers.find(parts[i].readers[m]);
      if (it == readers.end()) {  // never answered since the shards were opened: open afresh, as on a failure
        reader_failed = true;
        throw Xapian::NetworkError("shard reader " + parts[i].readers[m] + " is not connected");
      }
      members.push_back({&it->second, &parts[i].uuids[m]});
    }
  return [this, members](const std::vector<Xapian::docid>& dids, const std::vector<std::string>& terms,
                         const std::vector<bool>& positional) {
    const std::size_t n = members.size();
    std::vector<ShardReadRequest> asks(n);
    std::vector<std::vector<std::size_t>> asked(n);  // indices into dids
    for (std::size_t k = 0; k < dids.size(); ++k) {
      const std::size_t m = (dids[k] - 1) % n;
      asks[m].dids.push_back(static_cast<Xapian::docid>((dids[k] - 1) / n + 1));
      asked[m].push_back(k);
    }
    std::vector<DocReads> out(dids.size());
    try {
      // Every shard's request first, then the answers: the shards work at once.
      for (std::size_t m = 0; m < n; ++m) {
        if (asked[m].empty()) continue;
        asks[m].uuid = *members[m].uuid;
        asks[m].terms = terms;
        asks[m].positional = positional;
        asks[m].slots = PositionLists::prefetched_slots();
        members[m].reader->send(asks[m]);
      }
      for (std::size_t m = 0; m < n; ++m) {
        if (asked[m].empty()) continue;
        ShardReadReply reply = members[m].reader->receive();
        const bool whole = reply.docs.size() == asked[m].size() &&
                           std::all_of(reply.docs.begin(), reply.docs.end(), [&](const DocReads& d) {
                             return d.wdf.size() == terms.size() && d.values.size() == asks[m].slots.size();
                           });
        if (!whole)
          throw Xapian::NetworkError("shard reader " + members[m].reader->address() + " answered another request");
        for (std::size_t j = 0; j < asked[m].size(); ++j) out[asked[m][j]] = std::move(reply.docs[j]);
      }
    } catch (const Xapian::NetworkError&) {
      // Other connections may hold answers not read: dropped, never read as the next request's.
      for (const Member& m : members) m.reader->reset();
      reader_failed = true;  // refresh() opens afresh, checking every reader
      throw;
    }
    return out;
  };
}

std::vector<Xapian::rev> Searcher::Impl::revisions() const {
  std::vector<Xapian::rev> out;
  for (std::size_t i : current->parts)
    // The remote protocol gives no revision: refresh() drops the caches when a remote moves.
    for (const auto& member : parts[i].members) out.push_back(remote ? 0 : member.get_revision());
  return out;
}

const CopyKeys& Searcher::Impl::copy_keys() {
  View& v = *current;
  auto now = revisions();
  if (!v.copy_keys || now != v.copy_revisions) {
    std::size_t members = 0;
    for (std::size_t i : v.parts) members += parts[i].members.size();
    v.copy_keys = remote ? CopyKeys::count(v.db) : CopyKeys::scan(v.db, members == 1);
    v.copy_revisions = std::move(now);
  }
  return *v.copy_keys;
}

std::string Searcher::Impl::facet_name(const schema::FacetSpec& facet, std::uint32_t id) {
  if (facet.id_name) return facet.id_name(id);
  View& v = *current;
  const auto it = v.facet_names.find(id);
  if (it != v.facet_names.end()) return it->second;
  // Names are never removed from an index, so a cached one stays right across reopens.
  // Each sub-database holds the names its own documents use.
  std::string name;
  for (std::size_t i = 0; i < v.parts.size() && name.empty(); ++i)
    for (const auto& member : parts[v.parts[i]].members)
      if (name.empty()) name = member.get_metadata(schema::facet_metadata_key(id));
  v.facet_names.emplace(id, name);
  return name;
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

Result<Searcher> Searcher::open(const IndexSource& source) {
  auto impl = std::make_unique<Impl>();
  impl->source = source;
  if (auto ok = impl->open_current(); !ok) return ok.error();
  return Searcher(std::move(impl));
}

Result<bool> Searcher::refresh() {
  // A shard reader failed a request: open afresh, which checks every reader (503, or left out when partial).
  if (impl_->reader_failed) {
    if (auto ok = impl_->open_current(); !ok) return ok.error();
    return true;
  }
  // A shard left out of a partial view is tried again now and then; once it answers, all are reopened.
  if (!impl_->missing.empty() && std::chrono::steady_clock::now() - impl_->probed >= Impl::kProbeInterval) {
    impl_->probed = std::chrono::steady_clock::now();
    const bool back = std::any_of(impl_->missing.begin(), impl_->missing.end(), [&](const std::string& address) {
      return open_checked(address, impl_->source, nullptr).has_value();
    });
    if (back) {
      if (auto ok = impl_->open_current(); !ok) return ok.error();
      return true;
    }
  }
  // A remote shard serving another database than the one open (rebuilt: a new generation): open afresh.
  if (impl_->remote && std::chrono::steady_clock::now() - impl_->swaps_probed >= Impl::kSwapProbeInterval) {
    impl_->swaps_probed = std::chrono::steady_clock::now();
    const bool swapped = std::any_of(impl_->shard_uuids.begin(), impl_->shard_uuids.end(), [&](const auto& shard) {
      auto fresh = open_shard(shard.first, impl_->source);
      try {
        return fresh && fresh->get_uuid() != shard.second;
      } catch (const Xapian::Error&) {
        return false;  // a shard failing now is the request's to find (NetworkError: reconnect or leave out)
      }
    });
    if (swapped) {
      if (auto ok = impl_->open_current(); !ok) return ok.error();
      return true;
    }
  }
  if (impl_->source.shards.empty()) {
    auto gens = live_generations(impl_->source.home);
    // The index that was open has gone: unavailable (503), not a missing document (404).
    if (!gens) return Error{Status::IndexUnavailable, gens.error().message};
    // A new generation (of any shard), a class added to one by `indexer add`, or a replica switched
    // to a full copy by xapian-replicate (its stub names the other directory): open afresh.
    if (*gens != impl_->generations || class_dirs(*gens) != impl_->part_dirs ||
        replica_stubs(impl_->part_dirs) != impl_->part_stubs) {
      if (auto ok = impl_->open_current(); !ok) return ok.error();
      return true;
    }
  }
  try {
    // Views share their sub-databases' internals: reopening the parts reopens every view.
    bool changed = false;
    for (auto& p : impl_->parts) changed = p.db.reopen() || changed;
    // A replica is closed and opened again after an update, as Xapian's replication asks
    // (xapian-replicate gives readers --reader-time to do so before the next changeset
    // reuses blocks an older revision still points to).
    const bool replica = std::any_of(impl_->part_stubs.begin(), impl_->part_stubs.end(),
                                     [](const std::string& stub) { return !stub.empty(); });
    if (changed && impl_->remote)
      for (auto& [key, view] : impl_->views) {
        view.copy_keys.reset();
        view.assignments.reset();
      }
    if (changed && replica) {
      if (auto ok = impl_->open_current(); !ok) return ok.error();
    }
    return changed;
  } catch (const Xapian::Error& e) {
    // The generation under us may have been pruned, or a remote shard restarted or closed an idle
    // connection: open afresh.
    if (auto ok = impl_->open_current(); !ok) return ok.error();
    return true;
  }
}

void Searcher::keep_alive() {
  if (!impl_->remote) return;
  for (auto& p : impl_->parts) try {
      p.db.keep_alive();
    } catch (const Xapian::Error&) {
      // A shard gone: the next request reconnects (or, answering partially, leaves it out).
    }
}

const std::vector<std::string>& Searcher::missing_shards() const {
  return impl_->missing;
}

void Searcher::set_ranking(const RankingWeights& weights) {
  impl_->weights = weights;
}

Result<IndexInfo> Searcher::info(const schema::Audience& audience) {
  IndexInfo i;
  try {
    const Impl::View& v = impl_->use(audience);
    i.documents = v.db.get_doccount();
    for (std::size_t p : v.parts)
      for (const auto& member : impl_->parts[p].members)
        i.last_commit = std::max(i.last_commit, member.get_metadata(std::string(schema::kMetaLastCommit)));
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

Result<void> SearcherPool::each_idle(const std::function<Result<void>(Searcher&)>& fn) {
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
    Lease lease(this, s);  // back in the pool however `fn` ends
    if (auto r = fn(*s); !r) return r.error();
  }
}

Result<void> SearcherPool::refresh_idle() {
  return each_idle([](Searcher& s) -> Result<void> {
    if (auto r = s.refresh(); !r) return r.error();
    return {};
  });
}

void SearcherPool::keep_alive() {
  (void)each_idle([](Searcher& s) -> Result<void> {
    s.keep_alive();
    return {};
  });
}

void SearcherPool::give_back(Searcher* s) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back(s);
  }
  available_.notify_one();
}

Result<std::unique_ptr<SearcherPool>> SearcherPool::open(const IndexSource& source, std::size_t size) {
  auto pool = std::make_unique<SearcherPool>();
  for (std::size_t i = 0; i < std::max<std::size_t>(size, 1); ++i) {
    auto s = Searcher::open(source);
    if (!s) return s.error();
    pool->all_.push_back(std::make_unique<Searcher>(std::move(*s)));
    pool->free_.push_back(pool->all_.back().get());
  }
  return pool;
}

}  // namespace tracuu::searchd
