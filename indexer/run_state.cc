#include "indexer/run_state.h"

#include <thread>
#include <unordered_set>

#include "indexer/originals.h"
#include "indexer/prepared_doc_impl.h"
#include "schema/fields.h"
#include "schema/sharding.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;

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

std::optional<PreparedDoc> extract_one(const RawDoc& raw, const Extractor& extractor, const DocumentBuilder& builder,
                                       const BuildOptions& options, RunState& state) {
  try {
    auto record = extractor.extract(raw);
    if (!record) {
      state.add_error({raw.source, record.error()});
      return std::nullopt;
    }
    if (schema::shard_of(record->id, options.shards) != options.shard) return std::nullopt;
    if (!state.originals.empty() && (raw.format == "pdf" || raw.format == "docx")) {
      // The document is indexed without its download when the copy fails: a warning, not a lost document.
      if (auto kept = keep_original(state.originals, raw.source, raw.format))
        record->original = std::move(*kept);
      else
        record->warnings.push_back("original not kept for download: " + kept.error().message);
    }
    PreparedDoc prepared = builder.prepare(*record);
    const auto first = state.first_indexed.find(prepared.id());
    prepared.impl().doc.add_value(schema::kSlotIndexedAt,
                                  first != state.first_indexed.end() ? first->second : state.started_at);
    return prepared;
  } catch (const std::exception& e) {  // a bug in extraction must not stop the batch
    state.add_error({raw.source, {Status::Internal, std::string("extraction failed: ") + e.what()}});
    return std::nullopt;
  }
}

}  // namespace tracuu::indexer
