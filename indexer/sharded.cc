#include "indexer/sharded.h"

#include <memory>

#include "indexer/generation_writer.h"
#include "indexer/home_lock.h"
#include "indexer/validity_pass.h"
#include "schema/index_home.h"
#include "schema/sharding.h"
#include "schema/validity.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;
namespace {

// The validity of every document of every shard, from the acts of all of them, committed.
Result<void> settle_across(const fs::path& home, unsigned count, const std::string& created_by) {
  std::vector<HomeLock> locks;
  std::vector<std::unique_ptr<GenerationWriter>> writers;
  std::vector<GenerationWriter*> all;
  for (unsigned k = 0; k < count; ++k) {
    const fs::path shard = schema::shard_home(home, k);
    auto lock = HomeLock::acquire(shard);
    if (!lock) return lock.error();
    locks.push_back(std::move(*lock));
    auto gen = schema::current_generation(shard);
    if (!gen) return gen.error();
    auto w = GenerationWriter::open(*gen, created_by);
    if (!w) return w.error();
    writers.push_back(std::make_unique<GenerationWriter>(std::move(*w)));
    all.push_back(writers.back().get());
  }
  if (auto n = settle_validity(all, schema::today_iso()); !n) return n.error();
  for (GenerationWriter* w : all)
    if (auto ok = w->commit(); !ok) return ok;
  return {};
}

}  // namespace

Result<unsigned> shards_to_write(const fs::path& home, unsigned requested) {
  if (requested > schema::kMaxShards)
    return Error{Status::BadRequest, "--shards must be at most " + std::to_string(schema::kMaxShards)};
  auto recorded = schema::shard_count(home);
  if (recorded) {
    if (requested != 0 && requested != *recorded)
      return Error{Status::BadRequest, home.string() + " has " + std::to_string(*recorded) + " shards, not " +
                                           std::to_string(requested) + ": build another count into a new directory"};
    return *recorded;
  }
  if (recorded.error().status != Status::NotFound) return recorded.error();
  if (requested > 0 && schema::current_generation(home))
    return Error{Status::BadRequest,
                 home.string() + " holds an unsharded index: build the shards into a new directory"};
  return requested;
}

Result<BuildReport> write_sharded(const fs::path& home, unsigned count, const std::vector<fs::path>& inputs,
                                  const Extractor& extractor, const BuildOptions& options,
                                  const ProgressCallback& progress, bool fresh) {
  auto lock = HomeLock::acquire(home);  // one sharded run at a time
  if (!lock) return lock.error();
  if (auto ok = schema::write_shard_count(home, count); !ok) return ok.error();
  BuildReport total;
  total.generation = home;
  for (unsigned k = 0; k < count; ++k) {
    BuildOptions one = options;
    one.shard = k;
    one.shards = count;
    const fs::path shard = schema::shard_home(home, k);
    auto r = fresh || !schema::current_generation(shard) ? rebuild_index(shard, inputs, extractor, one, progress)
                                                         : add_documents(shard, inputs, extractor, one, progress);
    if (!r) return Error{r.error().status, shard.string() + ": " + r.error().message};
    BuildProgress& t = total.progress;
    const BuildProgress& p = r->progress;
    // Every shard reads (and fails on) every input: those are counted once.
    if (k == 0) {
      t.read = p.read, t.failed = p.failed, t.input_bytes = p.input_bytes, t.input_total = p.input_total;
      total.errors = r->errors;
    }
    t.indexed += p.indexed, t.skipped += p.skipped, t.commits += p.commits, t.text_bytes += p.text_bytes;
    t.seconds += p.seconds;
  }
  if (auto ok = settle_across(home, count, options.created_by); !ok) return ok.error();
  return total;
}

Result<std::size_t> delete_sharded(const fs::path& home, unsigned count, const std::vector<std::string>& ids,
                                   const std::string& created_by) {
  auto lock = HomeLock::acquire(home);
  if (!lock) return lock.error();
  std::vector<std::vector<std::string>> by_shard(count);
  for (const auto& id : ids) by_shard[schema::shard_of(id, count)].push_back(id);
  std::size_t removed = 0;
  for (unsigned k = 0; k < count; ++k) {
    if (by_shard[k].empty()) continue;
    auto n = delete_documents(schema::shard_home(home, k), by_shard[k], created_by);
    if (!n) return n.error();
    removed += *n;
  }
  if (auto ok = settle_across(home, count, created_by); !ok) return ok.error();
  return removed;
}

}  // namespace tracuu::indexer
