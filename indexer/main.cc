// indexer: turns documents into a tracuu index. This file parses the command
// line (indexer/cli.h), prints, logs, and maps Status to exit codes; the work
// is in the libraries.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>

#include "cli/exit_code.h"
#include "cli/log.h"
#include "indexer/analyze_cmd.h"
#include "indexer/cli.h"
#include "indexer/ingest/ingest.h"
#include "indexer/pipeline.h"
#include "indexer/sharded.h"
#include "schema/index_home.h"
#include "schema/record_json.h"
#include "schema/sharding.h"

namespace {

using tracuu::Status;
namespace fs = std::filesystem;

using tracuu::cli::exit_code;
using tracuu::cli::kExitSomeInputsFailed;

int fail(const tracuu::Error& e) {
  std::fprintf(stderr, "indexer: %s: %s\n", tracuu::to_string(e.status), e.message.c_str());
  return exit_code(e.status);
}

/// The log of the commands that write the index: JSON lines on stderr or in --log-file.
class Log {
 public:
  Log(std::shared_ptr<spdlog::logger> logger, bool to_file) : logger_(std::move(logger)), to_file_(to_file) {}

  void input_failed(const tracuu::indexer::InputError& e) const {
    write(spdlog::level::err, {{"event", "input_failed"},
                               {"source", e.source},
                               {"code", tracuu::to_string(e.error.status)},
                               {"message", e.error.message}});
  }

  void info(const nlohmann::ordered_json& event) const { write(spdlog::level::info, event); }

  /// A failed command: logged, and on stderr for the person at the terminal when the log is a file.
  int fail(const tracuu::Error& e) const {
    write(spdlog::level::err, {{"event", "error"}, {"code", tracuu::to_string(e.status)}, {"message", e.message}});
    if (to_file_) std::fprintf(stderr, "indexer: %s: %s\n", tracuu::to_string(e.status), e.message.c_str());
    return exit_code(e.status);
  }

 private:
  void write(spdlog::level::level_enum level, const nlohmann::ordered_json& event) const {
    logger_->log(level, event.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  }

  std::shared_ptr<spdlog::logger> logger_;
  bool to_file_;
};

std::string format_eta(double seconds) {
  if (seconds < 0 || seconds > 360000) return "--:--";
  const int s = static_cast<int>(seconds);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  return buf;
}

// A one-line progress bar on a terminal; nothing otherwise (the summary follows).
tracuu::indexer::ProgressCallback progress_bar(bool enabled) {
  if (!enabled) return {};
  return [](const tracuu::indexer::BuildProgress& p) {
    const double frac =
        p.input_total ? std::min(1.0, static_cast<double>(p.input_bytes) / static_cast<double>(p.input_total)) : 0;
    const int width = 24;
    const int filled = static_cast<int>(frac * width);
    const double docs_s = p.seconds > 0 ? static_cast<double>(p.indexed) / p.seconds : 0;
    const double mb_s = p.seconds > 0 ? static_cast<double>(p.text_bytes) / 1e6 / p.seconds : 0;
    const double eta = frac > 0.001 ? p.seconds * (1 - frac) / frac : -1;
    std::fprintf(stderr, "\r[%s%s] %3.0f%% %zu docs %.1f docs/s %.1f MB/s ETA %s   ", std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), frac * 100, p.indexed, docs_s, mb_s,
                 format_eta(eta).c_str());
  };
}

int summarize(const tracuu::indexer::BuildReport& r, bool terminal, const Log& log) {
  const auto& p = r.progress;
  if (terminal) std::fputc('\n', stderr);
  const double mb = static_cast<double>(p.text_bytes) / 1e6;
  std::printf(
      "indexed %zu, skipped %zu unchanged, failed %zu, read %zu; %.1f MB of text in %.2f s (%.1f docs/s, %.2f MB/s); "
      "%zu commits; index %s\n",
      p.indexed, p.skipped, p.failed, p.read, mb, p.seconds,
      p.seconds > 0 ? static_cast<double>(p.indexed) / p.seconds : 0.0, p.seconds > 0 ? mb / p.seconds : 0.0, p.commits,
      r.generation.c_str());
  for (const auto& e : r.errors) log.input_failed(e);
  log.info({{"event", "indexed"},
            {"indexed", p.indexed},
            {"skipped", p.skipped},
            {"failed", p.failed},
            {"read", p.read},
            {"text_mb", mb},
            {"seconds", p.seconds},
            {"commits", p.commits},
            {"index", r.generation}});
  return r.errors.empty() ? 0 : kExitSomeInputsFailed;
}

int run_analyze(std::string text, bool from_stdin) {
  if (from_stdin) text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  tracuu::indexer::print_analysis(text, std::cout);
  return 0;
}

int run_extract(const tracuu::indexer::CliArgs& a) {
  tracuu::indexer::Extractor extractor({.use_given_metadata = !a.extract_no_given});
  std::vector<fs::path> paths(a.extract_files.begin(), a.extract_files.end());
  int status = 0;
  auto errors = tracuu::indexer::read_inputs(paths, [&](tracuu::indexer::RawDoc&& raw) {
    auto record = extractor.extract(raw);
    if (!record) {
      std::fprintf(stderr, "error: %s: %s\n", raw.source.c_str(), record.error().message.c_str());
      status = kExitSomeInputsFailed;
      return true;
    }
    std::cout << tracuu::schema::record_to_json(*record, a.extract_with_text).dump(2) << '\n';
    return true;
  });
  for (const auto& e : errors)
    std::fprintf(stderr, "error: %s: %s: %s\n", e.source.c_str(), tracuu::to_string(e.error.status),
                 e.error.message.c_str());
  return errors.empty() ? status : kExitSomeInputsFailed;
}

tracuu::Result<nlohmann::ordered_json> stats_json(const fs::path& db) {
  auto s = tracuu::indexer::index_stats(db);
  if (!s) return s.error();
  return nlohmann::ordered_json{{"generation", s->generation.string()},
                                {"documents", s->documents},
                                {"classes", nlohmann::ordered_json(s->classes)},
                                {"terms", s->terms},
                                {"size_bytes", s->size_bytes},
                                {"schema_version", s->schema_version},
                                {"analyzer_version", s->analyzer_version},
                                {"created_by", s->created_by},
                                {"last_commit", s->last_commit},
                                {"inputs", s->inputs},
                                {"needs_rebuild", s->needs_rebuild}};
}

// A sharded home: the documents of all shards, and each shard's statistics.
int run_stats(const std::string& db) {
  const auto shards = tracuu::schema::shard_count(db);
  if (!shards && shards.error().status != Status::NotFound) return fail(shards.error());
  if (!shards) {
    auto j = stats_json(db);
    if (!j) return fail(j.error());
    std::cout << j->dump(2) << '\n';
    return 0;
  }
  nlohmann::ordered_json each = nlohmann::ordered_json::array();
  std::size_t documents = 0;
  for (unsigned k = 0; k < *shards; ++k) {
    auto j = stats_json(tracuu::schema::shard_home(db, k));
    if (!j) return fail(j.error());
    documents += (*j)["documents"].get<std::size_t>();
    each.push_back(std::move(*j));
  }
  std::cout << nlohmann::ordered_json{{"documents", documents}, {"shards", each}}.dump(2) << '\n';
  return 0;
}

int run_delete(const std::string& db, unsigned shards, const std::vector<std::string>& ids, const Log& log) {
  auto n = shards > 0 ? tracuu::indexer::delete_sharded(db, shards, ids, "tracuu indexer")
                      : tracuu::indexer::delete_documents(db, ids, "tracuu indexer");
  if (!n) return log.fail(n.error());
  std::printf("deleted %zu of %zu\n", *n, ids.size());
  log.info({{"event", "deleted"}, {"deleted", *n}, {"requested", ids.size()}});
  return *n == ids.size() ? 0 : exit_code(Status::NotFound);
}

// build, add and rebuild. `fresh`: a new generation from all inputs (rebuild, or build of a new index).
// `shards`: the shard count of a sharded home (0: unsharded).
int run_build(const tracuu::indexer::CliArgs& a, unsigned shards, bool fresh, bool terminal, const Log& log) {
  const tracuu::indexer::Extractor extractor;
  std::vector<fs::path> paths(a.inputs.begin(), a.inputs.end());
  const auto bar = progress_bar(terminal);
  auto report = shards > 0 ? tracuu::indexer::write_sharded(a.db, shards, paths, extractor, a.options, bar, fresh)
                : fresh    ? tracuu::indexer::rebuild_index(a.db, paths, extractor, a.options, bar)
                           : tracuu::indexer::add_documents(a.db, paths, extractor, a.options, bar);
  if (!report) {
    if (terminal) std::fputc('\n', stderr);
    return log.fail(report.error());
  }
  return summarize(*report, terminal, log);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app;
  tracuu::indexer::CliArgs args;
  tracuu::indexer::define_cli(app, args);
  CLI11_PARSE(app, argc, argv);

  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  if (app.got_subcommand("analyze"))
    return run_analyze(args.analyze_text, app.get_subcommand("analyze")->count("text") == 0);
  if (app.got_subcommand("extract")) return run_extract(args);
  if (app.got_subcommand("stats")) return run_stats(args.db);

  // The commands that write the index log what they did.
  auto logger = tracuu::cli::json_logger("indexer", args.log_file);
  if (!logger) return fail(logger.error());
  const Log log(*logger, !args.log_file.empty());
  // A sharded home is written shard by shard (indexer/sharded.h), with or without --shards.
  const auto shards = tracuu::indexer::shards_to_write(args.db, args.shards);
  if (!shards) return log.fail(shards.error());
  if (app.got_subcommand("delete")) return run_delete(args.db, *shards, args.delete_ids, log);
  // A build of a new index is a fresh parallel build (shards merged), like rebuild; each shard of a
  // sharded home is built fresh when new.
  const bool fresh = app.got_subcommand("rebuild") ||
                     (app.got_subcommand("build") && *shards == 0 && !tracuu::schema::current_generation(args.db));
  return run_build(args, *shards, fresh, terminal, log);
}
