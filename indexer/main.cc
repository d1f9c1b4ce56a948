// indexer: turns documents into a tracuu index. This file parses the command
// line, prints, and maps Status to exit codes; the work is in the libraries.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>

#include "indexer/analyze_cmd.h"
#include "indexer/ingest/ingest.h"
#include "indexer/pipeline.h"
#include "schema/index_home.h"
#include "schema/record_json.h"

namespace {

using tracuu::Status;
namespace fs = std::filesystem;

/// The one mapping from Status to process exit codes (CLI twin of http_status).
int exit_code(Status s) {
  switch (s) {
    case Status::Ok: return 0;
    case Status::BadRequest: return 2;
    case Status::BadQuery: return 2;
    case Status::NotFound: return 3;
    case Status::Unsupported: return 4;
    case Status::TooLarge: return 4;
    case Status::MethodNotAllowed: return 2;
    case Status::Overloaded: return 7;
    case Status::IndexUnavailable: return 5;
    case Status::IndexVersionMismatch: return 6;
    case Status::Locked: return 7;
    case Status::Io: return 8;
    case Status::Internal: return 9;
  }
  return 9;
}

/// Exit code when every index write succeeded but some inputs failed.
constexpr int kSomeInputsFailed = 1;

int fail(const tracuu::Error& e) {
  std::fprintf(stderr, "indexer: %s: %s\n", tracuu::to_string(e.status), e.message.c_str());
  return exit_code(e.status);
}

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

int summarize(const tracuu::indexer::BuildReport& r, bool terminal) {
  const auto& p = r.progress;
  if (terminal) std::fputc('\n', stderr);
  std::printf(
      "indexed %zu, skipped %zu unchanged, failed %zu, read %zu; %.1f MB of text in %.2f s (%.1f docs/s, %.2f MB/s); "
      "%zu commits; index %s\n",
      p.indexed, p.skipped, p.failed, p.read, static_cast<double>(p.text_bytes) / 1e6, p.seconds,
      p.seconds > 0 ? static_cast<double>(p.indexed) / p.seconds : 0.0,
      p.seconds > 0 ? static_cast<double>(p.text_bytes) / 1e6 / p.seconds : 0.0, p.commits, r.generation.c_str());
  for (const auto& e : r.errors)
    std::fprintf(stderr, "error: %s: %s: %s\n", e.source.c_str(), tracuu::to_string(e.error.status),
                 e.error.message.c_str());
  return r.errors.empty() ? 0 : kSomeInputsFailed;
}

// Everything the command line says.
struct Args {
  std::string analyze_text;
  std::vector<std::string> extract_files;
  bool extract_with_text = false, extract_no_given = false;
  std::string db;
  std::vector<std::string> inputs;
  tracuu::indexer::BuildOptions options;
  std::vector<std::string> delete_ids;
};

// The subcommands, as CLI11 parsed them.
struct Commands {
  CLI::App *analyze, *extract, *build, *add, *rebuild, *del, *stats;
};

Commands define_commands(CLI::App& app, Args& a) {
  Commands c{};
  c.analyze = app.add_subcommand("analyze", "print the tokens of TEXT (or stdin) as JSON lines");
  c.analyze->add_option("text", a.analyze_text, "text to analyse; read from stdin when absent");

  c.extract = app.add_subcommand("extract", "print the document record(s) of FILE... as JSON");
  c.extract->add_option("files", a.extract_files, "files (txt, md, pdf, docx, jsonl, jsonl.gz)")->required();
  c.extract->add_flag("--text", a.extract_with_text, "also print the reflowed text");
  c.extract->add_flag("--no-given-metadata", a.extract_no_given, "ignore metadata given by JSONL records");

  auto add_build_options = [&](CLI::App* cmd, bool inputs_required) {
    cmd->add_option("--db", a.db, "index directory")->required();
    auto* in = cmd->add_option("inputs", a.inputs, "files or directories (recursively)");
    if (inputs_required) in->required();
    cmd->add_option("--threads", a.options.threads, "worker threads (0 = all cores)");
    cmd->add_option("--batch-docs", a.options.batch_docs, "commit every N documents")->check(CLI::PositiveNumber);
    cmd->add_option(
        "--batch-mb",
        [&](const CLI::results_t& r) {
          a.options.batch_bytes = std::stoull(r[0]) << 20;
          return a.options.batch_bytes > 0;
        },
        "commit every N MB of text");
    cmd->add_flag(
        "--no-skip-unchanged", [&](std::int64_t) { a.options.skip_unchanged = false; }, "rewrite unchanged documents");
  };
  c.build = app.add_subcommand("build", "index INPUT... into --db (a fresh parallel build when the index is new)");
  add_build_options(c.build, true);
  c.add = app.add_subcommand("add", "add or update INPUT... in --db (upsert by id, skip unchanged)");
  add_build_options(c.add, true);
  c.rebuild = app.add_subcommand("rebuild", "build a fresh index beside the live one and swap it in atomically");
  add_build_options(c.rebuild, false);

  c.del = app.add_subcommand("delete", "delete documents by id");
  c.del->add_option("--db", a.db, "index directory")->required();
  c.del->add_option("--id", a.delete_ids, "document id (repeatable)")->required();

  c.stats = app.add_subcommand("stats", "print index statistics as JSON");
  c.stats->add_option("--db", a.db, "index directory")->required();
  return c;
}

int run_analyze(std::string text, bool from_stdin) {
  if (from_stdin) text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  tracuu::indexer::print_analysis(text, std::cout);
  return 0;
}

int run_extract(const Args& a) {
  tracuu::indexer::Extractor extractor({.use_given_metadata = !a.extract_no_given});
  std::vector<fs::path> paths(a.extract_files.begin(), a.extract_files.end());
  int status = 0;
  auto errors = tracuu::indexer::read_inputs(paths, [&](tracuu::indexer::RawDoc&& raw) {
    auto record = extractor.extract(raw);
    if (!record) {
      std::fprintf(stderr, "error: %s: %s\n", raw.source.c_str(), record.error().message.c_str());
      status = kSomeInputsFailed;
      return true;
    }
    std::cout << tracuu::schema::record_to_json(*record, a.extract_with_text).dump(2) << '\n';
    return true;
  });
  for (const auto& e : errors)
    std::fprintf(stderr, "error: %s: %s: %s\n", e.source.c_str(), tracuu::to_string(e.error.status),
                 e.error.message.c_str());
  return errors.empty() ? status : kSomeInputsFailed;
}

int run_stats(const std::string& db) {
  auto s = tracuu::indexer::index_stats(db);
  if (!s) return fail(s.error());
  nlohmann::ordered_json j{{"generation", s->generation.string()},
                           {"documents", s->documents},
                           {"terms", s->terms},
                           {"size_bytes", s->size_bytes},
                           {"schema_version", s->schema_version},
                           {"analyzer_version", s->analyzer_version},
                           {"created_by", s->created_by},
                           {"last_commit", s->last_commit},
                           {"inputs", s->inputs}};
  std::cout << j.dump(2) << '\n';
  return 0;
}

int run_delete(const std::string& db, const std::vector<std::string>& ids) {
  auto n = tracuu::indexer::delete_documents(db, ids, "tracuu indexer");
  if (!n) return fail(n.error());
  std::printf("deleted %zu of %zu\n", *n, ids.size());
  return *n == ids.size() ? 0 : exit_code(Status::NotFound);
}

// build, add and rebuild. `fresh`: a new generation from all inputs (rebuild, or build of a new index).
int run_build(const Args& a, bool fresh, bool terminal) {
  const tracuu::indexer::Extractor extractor;
  std::vector<fs::path> paths(a.inputs.begin(), a.inputs.end());
  const auto bar = progress_bar(terminal);
  auto report = fresh ? tracuu::indexer::rebuild_index(a.db, paths, extractor, a.options, bar)
                      : tracuu::indexer::add_documents(a.db, paths, extractor, a.options, bar);
  if (!report) {
    if (terminal) std::fputc('\n', stderr);
    return fail(report.error());
  }
  return summarize(*report, terminal);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tracuu indexer: Vietnamese document ingestion and indexing"};
  app.require_subcommand(1);
  Args args;
  const Commands cmd = define_commands(app, args);
  CLI11_PARSE(app, argc, argv);

  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  if (cmd.analyze->parsed()) return run_analyze(args.analyze_text, cmd.analyze->count("text") == 0);
  if (cmd.extract->parsed()) return run_extract(args);
  if (cmd.stats->parsed()) return run_stats(args.db);
  if (cmd.del->parsed()) return run_delete(args.db, args.delete_ids);
  // A build of a new index is a fresh parallel build (shards merged), like rebuild.
  const bool fresh = cmd.rebuild->parsed() || (cmd.build->parsed() && !tracuu::schema::current_generation(args.db));
  return run_build(args, fresh, terminal);
}
