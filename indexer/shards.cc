#include "indexer/shards.h"

#include "schema/index_home.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;

Result<void> ShardSet::next() {
  if (auto ok = close(); !ok) return ok;
  const fs::path dir = work_ / ("shard-" + std::to_string(worker_) + "-" + std::to_string(count_++));
  auto w = IndexWriter::open(dir, created_by_, /*durable=*/false);
  if (!w) return w.error();
  writer_.emplace(std::move(*w));
  current_ = dir;
  return {};
}

Result<void> ShardSet::close() {
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

std::vector<fs::path> ShardSet::finished() const {
  std::vector<fs::path> all = merged_;
  all.insert(all.end(), small_.begin(), small_.end());
  return all;
}

Result<void> write_shards(ShardSet& out, BoundedQueue<RawDoc>& queue, const Extractor& extractor,
                          const DocumentBuilder& builder, const BuildOptions& options, RunState& state,
                          const FirstShard& first_shard) {
  auto stop = [&](const Error& e) -> Result<void> {
    queue.close();  // the reader and the other workers stop too
    return e;
  };
  if (auto ok = out.next(); !ok) return stop(ok.error());
  if (first_shard) {
    if (auto ok = first_shard(out.writer()); !ok) return stop(ok.error());
  }
  Batcher batcher(options);
  while (auto raw = queue.pop()) {
    std::optional<PreparedDoc> prepared = extract_one(*raw, extractor, builder, state);
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

}  // namespace tracuu::indexer
