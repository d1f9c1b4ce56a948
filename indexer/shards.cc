#include "indexer/shards.h"

#include <algorithm>

#include "schema/index_home.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;

Result<IndexWriter*> ShardSet::writer(const schema::Visibility& v) {
  for (auto& [cls, dir, w] : open_)
    if (cls == v) return &w;
  const fs::path dir = work_ / ("shard-" + std::to_string(worker_) + "-" + std::to_string(count_++));
  auto w = open_class_writer(dir, v, created_by_, /*durable=*/false);
  if (!w) return w.error();
  open_.emplace_back(v, dir, std::move(*w));
  return &std::get<2>(open_.back());
}

Result<void> ShardSet::close() {
  for (auto& [cls, dir, w] : open_) {
    if (auto ok = w.commit(); !ok) return ok;
  }
  auto shards = std::move(open_);
  open_.clear();
  for (auto& [cls, dir, w] : shards) {
    Class& c = of(cls);
    c.small.push_back(dir);
    if (c.small.size() < kMergeFanIn) continue;
    const fs::path merged = work_ / ("merged-" + std::to_string(worker_) + "-" + std::to_string(count_++));
    if (auto ok = merge_shards(c.small, merged); !ok) return ok;
    std::error_code ec;
    for (const auto& d : c.small) fs::remove_all(d, ec);
    c.small.clear();
    c.merged.push_back(merged);
  }
  return {};
}

ShardSet::Class& ShardSet::of(const schema::Visibility& v) {
  for (auto& c : classes_)
    if (c.visibility == v) return c;
  return classes_.emplace_back(Class{v, {}, {}});
}

Result<void> write_shards(ShardSet& out, BoundedQueue<RawDoc>& queue, const Extractor& extractor,
                          const DocumentBuilder& builder, const BuildOptions& options, RunState& state) {
  auto stop = [&](const Error& e) -> Result<void> {
    queue.close();  // the reader and the other workers stop too
    return e;
  };
  Batcher batcher(options);
  while (auto raw = queue.pop()) {
    std::optional<PreparedDoc> prepared = extract_one(*raw, extractor, builder, options, state);
    if (!prepared) continue;
    const std::size_t bytes = prepared->text_bytes();
    auto writer = out.writer(prepared->visibility());
    if (!writer) return stop(writer.error());
    if (auto ok = (*writer)->upsert(std::move(*prepared)); !ok) return stop(ok.error());
    ++state.indexed;
    state.text_bytes += bytes;
    if (batcher.add(bytes)) {
      ++state.commits;
      if (auto ok = out.close(); !ok) return stop(ok.error());
    }
  }
  ++state.commits;
  if (auto ok = out.close(); !ok) return stop(ok.error());
  return {};
}

Result<void> publish_shards(const fs::path& home, const fs::path& work, const fs::path& gen,
                            const std::vector<ShardSet>& outputs,
                            const std::function<Result<void>(GenerationWriter&)>& record_inputs,
                            const std::string& created_by) {
  std::error_code ec;
  const fs::path built = work / "final";
  auto fail = [&](const Error& e) -> Result<void> {
    fs::remove_all(work, ec);
    return e;
  };
  std::vector<std::pair<schema::Visibility, std::vector<fs::path>>> by_class;
  for (const auto& out : outputs)
    for (const auto& c : out.finished()) {
      auto it = std::find_if(by_class.begin(), by_class.end(), [&](const auto& e) { return e.first == c.visibility; });
      if (it == by_class.end()) it = by_class.insert(by_class.end(), {c.visibility, {}});
      it->second.insert(it->second.end(), c.merged.begin(), c.merged.end());
      it->second.insert(it->second.end(), c.small.begin(), c.small.end());
    }
  fs::create_directories(built, ec);
  for (const auto& [cls, shards] : by_class)
    if (auto ok = merge_shards(shards, schema::class_dir(built, cls)); !ok) return fail(ok.error());
  {
    // Creates public/ when no document is public, and records the inputs for `rebuild`.
    auto writer = GenerationWriter::open(built, created_by);
    if (!writer) return fail(writer.error());
    if (auto ok = record_inputs(*writer); !ok) return fail(ok.error());
    if (auto ok = writer->commit(); !ok) return fail(ok.error());
  }
  fs::rename(built, gen, ec);
  if (ec) return Error{Status::Io, "cannot move the new index into place: " + ec.message()};
  fs::remove_all(work, ec);
  if (auto ok = schema::publish_generation(home, gen); !ok) return ok.error();
  if (auto ok = schema::write_manifest(home); !ok) return ok.error();
  schema::prune_generations(home);
  return {};
}

}  // namespace tracuu::indexer
