#include "indexer/pipeline.h"

#include <xapian.h>

#include <mutex>
#include <thread>

#include "indexer/generation_writer.h"
#include "indexer/home_lock.h"
#include "indexer/index_writer.h"
#include "indexer/run_state.h"
#include "indexer/shards.h"
#include "indexer/validity_pass.h"
#include "schema/fields.h"
#include "schema/index_home.h"
#include "schema/index_meta.h"
#include "schema/terms.h"
#include "schema/validity.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> absolute_inputs(const std::vector<fs::path>& inputs) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& in : inputs) out.push_back(fs::absolute(in, ec).lexically_normal().string());
  return out;
}

Result<void> record_inputs(GenerationWriter& writer, const std::string& existing, const std::vector<fs::path>& inputs) {
  return writer.set_metadata(std::string(schema::kMetaInputs),
                             schema::encode_inputs(existing, absolute_inputs(inputs)));
}

Result<fs::path> create_first_generation(const fs::path& home, const std::string& created_by) {
  const fs::path gen = schema::next_generation(home);
  {
    auto writer = GenerationWriter::open(gen, created_by);
    if (!writer) return writer.error();
    if (auto ok = writer->commit(); !ok) return ok.error();
  }
  if (auto ok = schema::publish_generation(home, gen); !ok) return ok.error();
  if (auto ok = schema::write_manifest(home); !ok) return ok.error();
  return gen;
}

// The live generation of `home`, created empty when there is none yet.
Result<fs::path> live_generation(const fs::path& home, const std::string& created_by) {
  auto gen = schema::current_generation(home);
  if (gen || gen.error().status != Status::NotFound) return gen;
  return create_first_generation(home, created_by);
}

// The inputs recorded in a generation (metadata of its public database; an index of
// schema 6 or older is one database), so that `rebuild` can re-read them; "" when none.
std::string inputs_metadata(const fs::path& gen) {
  for (const fs::path& db : {schema::class_dir(gen, {}), gen}) {
    try {
      return Xapian::Database(db.string()).get_metadata(std::string(schema::kMetaInputs));
    } catch (const Xapian::Error&) {
    }
  }
  return std::string();
}

// When each document of generation `gen` was first indexed, by id (kSlotIndexedAt; the id from kSlotSource).
std::unordered_map<std::string, std::string> first_indexed_times(const fs::path& gen) {
  std::unordered_map<std::string, std::string> out;
  for (const fs::path& dir : schema::sub_database_dirs(gen)) {
    try {
      const Xapian::Database db(dir.string());
      auto ids = db.valuestream_begin(schema::kSlotSource);
      const auto ids_end = db.valuestream_end(schema::kSlotSource);
      for (auto it = db.valuestream_begin(schema::kSlotIndexedAt); it != db.valuestream_end(schema::kSlotIndexedAt);
           ++it) {
        ids.skip_to(it.get_docid());
        if (ids == ids_end) break;
        if (ids.get_docid() != it.get_docid()) continue;
        const std::string source = *ids;
        const std::size_t sep = source.find(schema::kMultiValueSeparator);
        if (sep != std::string::npos) out.emplace(source.substr(sep + 1), *it);
      }
    } catch (const Xapian::Error&) {
      // Unreadable: its documents count as new to the index, which only moves them up a feed.
    }
  }
  return out;
}

// What a run writing into `home` records beside the documents: PDF and DOCX inputs kept in DIR/originals, and the
// time each document was first indexed, kept from `live` (the generation the run extends or replaces, if any).
void prepare_run(RunState& state, const fs::path& home, const BuildOptions& options, const Result<fs::path>& live) {
  state.originals = schema::originals_dir(home);
  state.started_at = options.indexed_at.empty() ? schema::utc_now_iso() : options.indexed_at;
  if (live) state.first_indexed = first_indexed_times(*live);
}

// The incremental writer: upserts prepared documents, committing per batch and at
// the end. After a write error it drains the queue (so the workers finish) and returns it.
Result<void> write_prepared(GenerationWriter& writer, BoundedQueue<PreparedDoc>& queue, const BuildOptions& options,
                            RunState& state) {
  Result<void> status;
  Batcher batcher(options);
  while (auto doc = queue.pop()) {
    if (!status) continue;
    const std::size_t bytes = doc->text_bytes();
    if (auto ok = writer.upsert(std::move(*doc)); !ok) {
      status = ok;
      continue;
    }
    ++state.indexed;
    state.text_bytes += bytes;
    if (batcher.add(bytes)) {
      if (auto ok = writer.commit(); !ok) status = ok;
      ++state.commits;
    }
  }
  if (status) {
    if (auto ok = writer.commit(); !ok) status = ok;
    ++state.commits;
  }
  return status;
}

// The validity of every document after a change (a repeal added or deleted), committed.
Result<void> settle_and_commit(GenerationWriter& writer) {
  if (auto n = settle_validity(writer, schema::today_iso()); !n) return n.error();
  return writer.commit();
}

// The inputs a rebuild without any reads again: those recorded in the live index.
Result<std::vector<fs::path>> recorded_inputs(const fs::path& home) {
  auto live = schema::current_generation(home);
  if (!live) return Error{Status::BadRequest, "no inputs given and no index to take them from"};
  std::vector<fs::path> inputs;
  for (const auto& p : schema::decode_inputs(inputs_metadata(*live))) inputs.emplace_back(p);
  if (inputs.empty()) return Error{Status::BadRequest, "the live index records no inputs: give them"};
  return inputs;
}

// Reads `inputs` into shards under `work`, one set per thread (writing is the costly
// part of indexing, and shards let every core do it). @return each thread's finished shards.
Result<std::vector<ShardSet>> write_all_shards(const fs::path& work, const std::vector<fs::path>& inputs,
                                               const Extractor& extractor, const BuildOptions& options,
                                               RunState& state) {
  const unsigned threads = thread_count(options);
  BoundedQueue<RawDoc> raw_queue(threads * 4);
  const DocumentBuilder builder;
  std::mutex status_mutex;
  Result<void> write_status;
  std::vector<ShardSet> outputs;
  for (unsigned i = 0; i < threads; ++i) outputs.emplace_back(work, i, options.created_by);
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads; ++i) {
    workers.emplace_back([&, i] {
      if (auto ok = write_shards(outputs[i], raw_queue, extractor, builder, options, state); !ok) {
        std::lock_guard l(status_mutex);
        if (write_status) write_status = ok;
      }
    });
  }
  read_into(inputs, raw_queue, state, nullptr);
  for (auto& w : workers) w.join();
  state.maybe_report(true);
  if (!write_status) return write_status.error();
  return outputs;
}

}  // namespace

Result<BuildReport> add_documents(const fs::path& home, const std::vector<fs::path>& inputs, const Extractor& extractor,
                                  const BuildOptions& options, const ProgressCallback& progress) {
  auto lock = HomeLock::acquire(home);
  if (!lock) return lock.error();
  auto gen = live_generation(home, options.created_by);
  if (!gen) return gen.error();
  auto writer = GenerationWriter::open(*gen, options.created_by);
  if (!writer) return writer.error();
  // Documents whose content hash is already indexed are skipped (unless told otherwise).
  using Hashes = std::unordered_map<std::string, std::string>;
  auto hashes = options.skip_unchanged ? writer->content_hashes() : Result<Hashes>(Hashes{});
  if (!hashes) return hashes.error();
  if (auto ok = record_inputs(*writer, inputs_metadata(*gen), inputs); !ok) return ok.error();

  // The reader (this thread) feeds the workers, which extract and prepare; one writer writes.
  RunState state(total_input_bytes(inputs), progress);
  prepare_run(state, home, options, gen);
  const unsigned threads = thread_count(options);
  BoundedQueue<RawDoc> raw_queue(threads * 4);
  BoundedQueue<PreparedDoc> prepared_queue(threads * 4);
  const DocumentBuilder builder;
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads; ++i) {
    workers.emplace_back([&] {
      while (auto raw = raw_queue.pop())
        if (auto prepared = extract_one(*raw, extractor, builder, options, state))
          prepared_queue.push(std::move(*prepared));
    });
  }
  Result<void> write_status;
  std::thread writer_thread([&] { write_status = write_prepared(*writer, prepared_queue, options, state); });
  read_into(inputs, raw_queue, state, options.skip_unchanged ? &*hashes : nullptr);
  for (auto& w : workers) w.join();
  prepared_queue.close();
  writer_thread.join();
  state.maybe_report(true);
  if (!write_status) return write_status.error();
  if (auto ok = settle_and_commit(*writer); !ok) return ok.error();
  // The run may have created a class database in the live generation: replicas learn of it here.
  if (auto ok = schema::write_manifest(home); !ok) return ok.error();
  return state.report(*gen);
}

Result<BuildReport> rebuild_index(const fs::path& home, std::vector<fs::path> inputs, const Extractor& extractor,
                                  const BuildOptions& options, const ProgressCallback& progress) {
  auto lock = HomeLock::acquire(home);
  if (!lock) return lock.error();
  if (inputs.empty()) {
    auto recorded = recorded_inputs(home);
    if (!recorded) return recorded.error();
    inputs = std::move(*recorded);
  }
  schema::prune_generations(home);  // leftovers of interrupted rebuilds
  const fs::path gen = schema::next_generation(home);
  const fs::path work = fs::path(gen.string() + ".tmp");
  std::error_code ec;
  fs::create_directories(work, ec);
  if (ec) return Error{Status::Io, "cannot create " + work.string() + ": " + ec.message()};
  RunState state(total_input_bytes(inputs), progress);
  prepare_run(state, home, options, schema::current_generation(home));
  auto shards = write_all_shards(work, inputs, extractor, options, state);
  if (!shards) {
    fs::remove_all(work, ec);
    return shards.error();
  }
  // The inputs are recorded for rebuilds without any.
  const auto record = [&](GenerationWriter& w) -> Result<void> {
    if (auto ok = record_inputs(w, "", inputs); !ok) return ok;
    if (auto n = settle_validity(w, schema::today_iso()); !n) return n.error();
    return {};
  };
  if (auto ok = publish_shards(home, work, gen, *shards, record, options.created_by); !ok) return ok.error();
  return state.report(gen);
}

Result<std::size_t> delete_documents(const fs::path& home, const std::vector<std::string>& ids,
                                     const std::string& created_by) {
  auto lock = HomeLock::acquire(home);
  if (!lock) return lock.error();
  auto gen = schema::current_generation(home);
  if (!gen) return gen.error();
  auto writer = GenerationWriter::open(*gen, created_by);
  if (!writer) return writer.error();
  std::size_t removed = 0;
  for (const auto& id : ids) {
    auto r = writer->remove(id);
    if (!r) return r.error();
    removed += *r ? 1 : 0;
  }
  if (auto ok = settle_and_commit(*writer); !ok) return ok.error();
  return removed;
}

Result<IndexStats> index_stats(const fs::path& home) {
  auto gen = schema::current_generation(home);
  if (!gen) return gen.error();
  IndexStats s;
  s.generation = *gen;
  try {
    Xapian::Database db(schema::class_dir(*gen, {}).string());  // metadata lives in the public database
    Xapian::Database all;
    for (const fs::path& dir : schema::sub_database_dirs(*gen)) {
      Xapian::Database sub(dir.string());
      all.add_database(sub);
      s.classes.emplace_back(schema::read_metadata(sub, schema::kMetaVisibility), sub.get_doccount());
    }
    s.documents = all.get_doccount();
    for (auto it = all.allterms_begin(); it != all.allterms_end(); ++it) ++s.terms;
    s.schema_version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
    s.analyzer_version = db.get_metadata(std::string(schema::kMetaAnalyzerVersion));
    s.created_by = db.get_metadata(std::string(schema::kMetaCreatedBy));
    s.last_commit = db.get_metadata(std::string(schema::kMetaLastCommit));
    s.inputs = schema::decode_inputs(db.get_metadata(std::string(schema::kMetaInputs)));
    const auto versions = schema::check_index_versions(db);
    s.needs_rebuild = !versions && versions.error().status == Status::IndexVersionMismatch;
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
