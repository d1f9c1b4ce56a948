#pragma once
// Internal: what the indexing pipeline's threads share during a run (counters,
// errors, progress), how a batch ends, and the reading and extraction steps
// every run uses.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/bounded_queue.h"
#include "indexer/document_builder.h"
#include "indexer/pipeline.h"

namespace tracuu::indexer {

/// Shared state of one run: counters, errors, progress reporting. Counters are
/// atomic (workers update them); progress is reported from the reader thread.
class RunState {
 public:
  RunState(std::uint64_t input_total, const ProgressCallback& cb) : callback_(cb), start_(Clock::now()) {
    input_total_ = input_total;
  }
  std::atomic<std::size_t> read{0}, indexed{0}, skipped{0}, failed{0}, commits{0};
  std::atomic<std::uint64_t> text_bytes{0}, input_bytes{0};
  /// Where PDF and DOCX inputs are kept for download (DIR/originals); empty: not kept.
  std::filesystem::path originals;
  /// When this run started (UTC, kSlotIndexedAt's form): the indexing time of documents new to the index.
  std::string started_at;
  /// Document id -> when it was first indexed, from the live generation: kept when a document is rewritten.
  std::unordered_map<std::string, std::string> first_indexed;

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
  BuildReport report(std::filesystem::path generation) {
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

/// Says when a batch is full (BuildOptions::batch_docs or batch_bytes), then starts the next.
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

/// Worker threads for `o` (all cores when o.threads is 0).
unsigned thread_count(const BuildOptions& o);

/// Bytes of every supported input file under `inputs` (for the ETA).
std::uint64_t total_input_bytes(const std::vector<std::filesystem::path>& inputs);

/// Reads every input on the calling thread into `queue` and closes it. Duplicate ids
/// are errors (the first is kept); documents whose content hash is in `hashes`
/// (id -> hash; nullptr: none) are skipped as unchanged.
void read_into(const std::vector<std::filesystem::path>& inputs, BoundedQueue<RawDoc>& queue, RunState& state,
               const std::unordered_map<std::string, std::string>* hashes);

/// Extracts and prepares one document; nullopt after recording why in `state`
/// (extraction errors, and exceptions: a bug in extraction must not stop the run); nullopt too for a
/// document of another shard than `options.shard`.
std::optional<PreparedDoc> extract_one(const RawDoc& raw, const Extractor& extractor, const DocumentBuilder& builder,
                                       const BuildOptions& options, RunState& state);

}  // namespace tracuu::indexer
