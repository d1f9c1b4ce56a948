#include "indexer/pipeline.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_set>

#include "indexer/bounded_queue.h"
#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "schema/fields.h"
#include "schema/index_home.h"
#include "schema/index_meta.h"
#include "schema/terms.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;
namespace {

constexpr const char* kMetaInputs = "tracuu.inputs";

// An exclusive lock on DIR/.lock for the whole run: one indexer per index home.
class HomeLock {
 public:
  static Result<HomeLock> acquire(const fs::path& home) {
    std::error_code ec;
    fs::create_directories(home, ec);
    if (ec) return Error{Status::Io, "cannot create " + home.string() + ": " + ec.message()};
    const std::string path = (home / ".lock").string();
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Error{Status::Io, "cannot open " + path};
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return Error{Status::Locked, "another indexer is writing " + home.string()};
    }
    return HomeLock(fd);
  }
  HomeLock(HomeLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  HomeLock& operator=(HomeLock&&) = delete;
  ~HomeLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
  }

 private:
  explicit HomeLock(int fd) : fd_(fd) {}
  int fd_;
};

unsigned thread_count(const BuildOptions& o) {
  if (o.threads > 0) return o.threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

std::uint64_t total_input_bytes(const std::vector<fs::path>& inputs) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& in : inputs) {
    if (fs::is_directory(in, ec)) {
      for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec))
        if (it->is_regular_file() && is_supported_input(it->path())) total += it->file_size(ec);
    } else if (fs::is_regular_file(in, ec)) {
      total += fs::file_size(in, ec);
    }
  }
  return total;
}

std::vector<std::string> absolute_inputs(const std::vector<fs::path>& inputs) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& in : inputs) out.push_back(fs::absolute(in, ec).lexically_normal().string());
  return out;
}

std::string merged_inputs_json(const std::string& existing, const std::vector<std::string>& added) {
  nlohmann::json list = nlohmann::json::array();
  if (!existing.empty()) {
    auto parsed = nlohmann::json::parse(existing, nullptr, false);
    if (parsed.is_array()) list = parsed;
  }
  for (const auto& a : added)
    if (std::find(list.begin(), list.end(), a) == list.end()) list.push_back(a);
  return list.dump();
}

// Shared state of one run: counters, errors, progress reporting.
class RunState {
 public:
  RunState(std::uint64_t input_total, const ProgressCallback& cb) : callback_(cb), start_(Clock::now()) {
    input_total_ = input_total;
  }
  std::atomic<std::size_t> read{0}, indexed{0}, skipped{0}, failed{0}, commits{0};
  std::atomic<std::uint64_t> text_bytes{0}, input_bytes{0};

  void add_error(InputError e) {
    std::lock_guard lock(mutex_);
    ++failed;
    errors_.push_back(std::move(e));
  }
  void add_errors(const std::vector<InputError>& es) {
    for (const auto& e : es) add_error(e);
  }
  BuildProgress snapshot() const {
    BuildProgress p;
    p.read = read, p.indexed = indexed, p.skipped = skipped, p.failed = failed, p.commits = commits;
    p.text_bytes = text_bytes, p.input_bytes = input_bytes, p.input_total = input_total_;
    p.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    return p;
  }
  // Called from the reader thread only.
  void maybe_report(bool force = false) {
    if (!callback_) return;
    const auto now = Clock::now();
    if (!force && now - last_report_ < std::chrono::milliseconds(200)) return;
    last_report_ = now;
    callback_(snapshot());
  }
  BuildReport report(fs::path generation) {
    std::lock_guard lock(mutex_);
    return BuildReport{snapshot(), errors_, std::move(generation)};
  }

 private:
  using Clock = std::chrono::steady_clock;
  ProgressCallback callback_;
  Clock::time_point start_, last_report_{};
  std::uint64_t input_total_ = 0;
  std::mutex mutex_;
  std::vector<InputError> errors_;
};

// Commits when a batch is full.
class Batcher {
 public:
  explicit Batcher(const BuildOptions& o) : max_docs_(o.batch_docs), max_bytes_(o.batch_bytes) {}
  bool add(std::size_t bytes) {
    ++docs_;
    bytes_ += bytes;
    if (docs_ >= max_docs_ || bytes_ >= max_bytes_) {
      docs_ = bytes_ = 0;
      return true;
    }
    return false;
  }

 private:
  std::size_t max_docs_, max_bytes_, docs_ = 0, bytes_ = 0;
};

// Reads every input on the calling thread, drops unchanged and duplicate ids, queues the rest.
void read_into(const std::vector<fs::path>& inputs, BoundedQueue<RawDoc>& queue, RunState& state,
               const std::unordered_map<std::string, std::string>* hashes) {
  std::unordered_set<std::string> seen;
  std::uint64_t done_files_bytes = 0;
  std::string current_source_file;
  auto sink = [&](RawDoc&& d) {
    ++state.read;
    state.input_bytes = done_files_bytes + d.input_offset;
    if (!seen.insert(d.id).second) {
      state.add_error({d.source, {Status::BadRequest, "duplicate document id '" + d.id + "' (first one kept)"}});
      return true;
    }
    if (hashes) {
      const auto it = hashes->find(d.id);
      if (it != hashes->end() && !d.content_hash.empty() && it->second == d.content_hash) {
        ++state.skipped;
        state.maybe_report();
        return true;
      }
    }
    const bool ok = queue.push(std::move(d));
    state.maybe_report();
    return ok;
  };
  for (const auto& in : inputs) {
    state.add_errors(read_inputs({in}, sink));
    std::error_code ec;
    done_files_bytes += fs::is_regular_file(in, ec) ? fs::file_size(in, ec) : 0;
  }
  queue.close();
}

void extract_one(const RawDoc& raw, const Extractor& extractor, const DocumentBuilder& builder, RunState& state,
                 std::optional<PreparedDoc>& out) {
  try {
    auto record = extractor.extract(raw);
    if (!record) {
      state.add_error({raw.source, record.error()});
      return;
    }
    out = builder.prepare(*record);
  } catch (const std::exception& e) {  // a bug in extraction must not stop the batch
    state.add_error({raw.source, {Status::Internal, std::string("extraction failed: ") + e.what()}});
  }
}

Result<void> record_inputs(IndexWriter& writer, const std::string& existing, const std::vector<fs::path>& inputs) {
  return writer.set_metadata(kMetaInputs, merged_inputs_json(existing, absolute_inputs(inputs)));
}

Result<fs::path> create_first_generation(const fs::path& home, const std::string& created_by) {
  const fs::path gen = schema::next_generation(home);
  {
    auto writer = IndexWriter::open(gen, created_by);
    if (!writer) return writer.error();
    if (auto ok = writer->commit(); !ok) return ok.error();
  }
  if (auto ok = schema::publish_generation(home, gen); !ok) return ok.error();
  return gen;
}

// One worker's output in a fresh build: a small unsynced shard per batch (Xapian's
// in-memory changes and postlist updates grow with the terms a database already
// holds, and word bigrams make many), merged kMergeFanIn at a time in the
// worker's own thread, so the final merge reads a few dozen databases whatever
// the size of the corpus.
class ShardSet {
 public:
  static constexpr std::size_t kMergeFanIn = 32;

  ShardSet(fs::path work, unsigned worker, std::string created_by)
      : work_(std::move(work)), worker_(worker), created_by_(std::move(created_by)) {}

  /// Closes the current shard (if any) and starts the next one.
  Result<void> next() {
    if (auto ok = close(); !ok) return ok;
    const fs::path dir = work_ / ("shard-" + std::to_string(worker_) + "-" + std::to_string(count_++));
    auto w = IndexWriter::open(dir, created_by_, /*durable=*/false);
    if (!w) return w.error();
    writer_.emplace(std::move(*w));
    current_ = dir;
    return {};
  }

  IndexWriter& writer() { return *writer_; }

  /// Commits and closes the current shard; merges when kMergeFanIn are waiting.
  Result<void> close() {
    if (!writer_) return {};
    if (auto ok = writer_->commit(); !ok) return ok;
    writer_.reset();
    small_.push_back(current_);
    if (small_.size() < kMergeFanIn) return {};
    const fs::path merged = work_ / ("merged-" + std::to_string(worker_) + "-" + std::to_string(count_));
    if (auto ok = merge_shards(small_, merged); !ok) return ok;
    std::error_code ec;
    for (const auto& dir : small_) fs::remove_all(dir, ec);
    small_.clear();
    merged_.push_back(merged);
    return {};
  }

  /// Every finished database of this worker.
  std::vector<fs::path> finished() const {
    std::vector<fs::path> all = merged_;
    all.insert(all.end(), small_.begin(), small_.end());
    return all;
  }

 private:
  fs::path work_;
  unsigned worker_;
  std::string created_by_;
  unsigned count_ = 0;
  std::optional<IndexWriter> writer_;
  fs::path current_;
  std::vector<fs::path> small_, merged_;
};

// A fresh-build worker: extracts, prepares and writes documents into its shards
// until the queue is drained. The first worker records the inputs (for rebuild).
Result<void> write_shards(ShardSet& out, BoundedQueue<RawDoc>& queue, const Extractor& extractor,
                          const DocumentBuilder& builder, const BuildOptions& options, RunState& state,
                          const std::vector<fs::path>* inputs_to_record) {
  auto stop = [&](const Error& e) -> Result<void> {
    queue.close();  // the reader and the other workers stop too
    return e;
  };
  if (auto ok = out.next(); !ok) return stop(ok.error());
  if (inputs_to_record) {
    if (auto ok = record_inputs(out.writer(), "", *inputs_to_record); !ok) return stop(ok.error());
  }
  Batcher batcher(options);
  while (auto raw = queue.pop()) {
    std::optional<PreparedDoc> prepared;
    extract_one(*raw, extractor, builder, state, prepared);
    if (!prepared) continue;
    const std::size_t bytes = prepared->text_bytes();
    if (auto ok = out.writer().upsert(std::move(*prepared)); !ok) return stop(ok.error());
    ++state.indexed;
    state.text_bytes += bytes;
    if (batcher.add(bytes)) {
      ++state.commits;
      if (auto ok = out.next(); !ok) return stop(ok.error());
    }
  }
  ++state.commits;
  if (auto ok = out.close(); !ok) return stop(ok.error());
  return {};
}

// Merges every shard into the new generation and makes it the live one. Always
// merged, even from one shard: compaction writes the final database compactly and
// durably (synced), which the unsynced shards are not.
Result<void> publish_shards(const fs::path& home, const fs::path& work, const fs::path& gen,
                            const std::vector<fs::path>& shards) {
  std::error_code ec;
  const fs::path built = work / "final";
  if (auto ok = merge_shards(shards, built); !ok) {
    fs::remove_all(work, ec);
    return ok.error();
  }
  fs::rename(built, gen, ec);
  if (ec) return Error{Status::Io, "cannot move the new index into place: " + ec.message()};
  fs::remove_all(work, ec);
  if (auto ok = schema::publish_generation(home, gen); !ok) return ok.error();
  schema::prune_generations(home);
  return {};
}

}  // namespace

Result<BuildReport> add_documents(const fs::path& home, const std::vector<fs::path>& inputs, const Extractor& extractor,
                                  const BuildOptions& options, const ProgressCallback& progress) {
  auto lock = HomeLock::acquire(home);
  if (!lock) return lock.error();
  auto gen = schema::current_generation(home);
  if (!gen) {
    if (gen.error().status != Status::NotFound) return gen.error();
    gen = create_first_generation(home, options.created_by);
    if (!gen) return gen.error();
  }
  auto writer = IndexWriter::open(*gen, options.created_by);
  if (!writer) return writer.error();
  std::unordered_map<std::string, std::string> hashes;
  if (options.skip_unchanged) {
    auto h = writer->content_hashes();
    if (!h) return h.error();
    hashes = std::move(*h);
  }
  const std::string existing_inputs = [&] {
    try {
      return Xapian::Database(gen->string()).get_metadata(kMetaInputs);
    } catch (const Xapian::Error&) {
      return std::string();
    }
  }();
  if (auto ok = record_inputs(*writer, existing_inputs, inputs); !ok) return ok.error();

  RunState state(total_input_bytes(inputs), progress);
  const unsigned threads = thread_count(options);
  BoundedQueue<RawDoc> raw_queue(threads * 4);
  BoundedQueue<PreparedDoc> prepared_queue(threads * 4);
  const DocumentBuilder builder;

  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads; ++i) {
    workers.emplace_back([&] {
      while (auto raw = raw_queue.pop()) {
        std::optional<PreparedDoc> prepared;
        extract_one(*raw, extractor, builder, state, prepared);
        if (prepared) prepared_queue.push(std::move(*prepared));
      }
    });
  }
  Result<void> write_status;
  std::thread writer_thread([&] {
    Batcher batcher(options);
    while (auto doc = prepared_queue.pop()) {
      if (!write_status) continue;  // drain after a fatal write error
      const std::size_t bytes = doc->text_bytes();
      if (auto ok = writer->upsert(std::move(*doc)); !ok) {
        write_status = ok;
        continue;
      }
      ++state.indexed;
      state.text_bytes += bytes;
      if (batcher.add(bytes)) {
        if (auto ok = writer->commit(); !ok) write_status = ok;
        ++state.commits;
      }
    }
    if (write_status) {
      if (auto ok = writer->commit(); !ok) write_status = ok;
      ++state.commits;
    }
  });

  read_into(inputs, raw_queue, state, options.skip_unchanged ? &hashes : nullptr);
  for (auto& w : workers) w.join();
  prepared_queue.close();
  writer_thread.join();
  state.maybe_report(true);
  if (!write_status) return write_status.error();
  return state.report(*gen);
}

Result<BuildReport> rebuild_index(const fs::path& home, std::vector<fs::path> inputs, const Extractor& extractor,
                                  const BuildOptions& options, const ProgressCallback& progress) {
  auto lock = HomeLock::acquire(home);
  if (!lock) return lock.error();
  if (inputs.empty()) {
    auto live = schema::current_generation(home);
    if (!live) return Error{Status::BadRequest, "no inputs given and no index to take them from"};
    try {
      auto list = nlohmann::json::parse(Xapian::Database(live->string()).get_metadata(kMetaInputs), nullptr, false);
      if (list.is_array())
        for (const auto& p : list)
          if (p.is_string()) inputs.emplace_back(p.get<std::string>());
    } catch (const Xapian::Error& e) {
      return Error{Status::IndexUnavailable, "reading the live index: " + e.get_description()};
    }
    if (inputs.empty()) return Error{Status::BadRequest, "the live index records no inputs: give them"};
  }
  schema::prune_generations(home);  // leftovers of interrupted rebuilds
  const fs::path gen = schema::next_generation(home);
  const fs::path work = fs::path(gen.string() + ".tmp");
  std::error_code ec;
  fs::create_directories(work, ec);
  if (ec) return Error{Status::Io, "cannot create " + work.string() + ": " + ec.message()};

  RunState state(total_input_bytes(inputs), progress);
  const unsigned threads = thread_count(options);
  BoundedQueue<RawDoc> raw_queue(threads * 4);
  const DocumentBuilder builder;
  std::mutex status_mutex;
  Result<void> write_status;
  auto fail = [&](const Error& e) {
    std::lock_guard l(status_mutex);
    if (write_status) write_status = e;
  };
  // Each thread writes its own shards: writing is the costly part of indexing,
  // and shards let every core do it.
  std::vector<ShardSet> outputs;
  for (unsigned i = 0; i < threads; ++i) outputs.emplace_back(work, i, options.created_by);
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads; ++i) {
    workers.emplace_back([&, i] {
      if (auto ok = write_shards(outputs[i], raw_queue, extractor, builder, options, state, i == 0 ? &inputs : nullptr);
          !ok)
        fail(ok.error());
    });
  }
  read_into(inputs, raw_queue, state, nullptr);
  for (auto& w : workers) w.join();
  state.maybe_report(true);
  if (!write_status) {
    fs::remove_all(work, ec);
    return write_status.error();
  }

  std::vector<fs::path> shards;
  for (const auto& out : outputs) {
    const auto done = out.finished();
    shards.insert(shards.end(), done.begin(), done.end());
  }
  if (auto ok = publish_shards(home, work, gen, shards); !ok) return ok.error();
  return state.report(gen);
}

Result<std::size_t> delete_documents(const fs::path& home, const std::vector<std::string>& ids,
                                     const std::string& created_by) {
  auto lock = HomeLock::acquire(home);
  if (!lock) return lock.error();
  auto gen = schema::current_generation(home);
  if (!gen) return gen.error();
  auto writer = IndexWriter::open(*gen, created_by);
  if (!writer) return writer.error();
  std::size_t removed = 0;
  for (const auto& id : ids) {
    auto r = writer->remove(id);
    if (!r) return r.error();
    removed += *r ? 1 : 0;
  }
  if (auto ok = writer->commit(); !ok) return ok.error();
  return removed;
}

Result<IndexStats> index_stats(const fs::path& home) {
  auto gen = schema::current_generation(home);
  if (!gen) return gen.error();
  IndexStats s;
  s.generation = *gen;
  try {
    Xapian::Database db(gen->string());
    s.documents = db.get_doccount();
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) ++s.terms;
    s.schema_version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
    s.analyzer_version = db.get_metadata(std::string(schema::kMetaAnalyzerVersion));
    s.created_by = db.get_metadata(std::string(schema::kMetaCreatedBy));
    s.last_commit = db.get_metadata(std::string(schema::kMetaLastCommit));
    auto list = nlohmann::json::parse(db.get_metadata(kMetaInputs), nullptr, false);
    if (list.is_array())
      for (const auto& p : list)
        if (p.is_string()) s.inputs.push_back(p.get<std::string>());
  } catch (const Xapian::Error& e) {
    return Error{Status::IndexUnavailable, "opening " + gen->string() + ": " + e.get_description()};
  }
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(*gen, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file()) s.size_bytes += it->file_size(ec);
  return s;
}

}  // namespace tracuu::indexer
