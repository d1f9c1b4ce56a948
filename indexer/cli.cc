#include "indexer/cli.h"

#include "cli/config_file.h"

namespace tracuu::indexer {
namespace {

void add_db(CLI::App* cmd, CliArgs& args) {
  cmd->add_option("--db", args.db, "index directory")->required()->envname("TRACUU_DB");
}

void add_shards(CLI::App* cmd, CliArgs& args) {
  cmd->add_option("--shards", args.shards,
                  "split a new index into N shards by a hash of the document id (docs/scale-out.md); "
                  "an existing sharded index is detected")
      ->check(CLI::Range(1u, 256u));
}

void add_log_file(CLI::App* cmd, CliArgs& args) {
  cmd->add_option("--log-file", args.log_file, "append the JSON log lines here instead of standard error");
}

void add_build_options(CLI::App* cmd, CliArgs& args, bool inputs_required) {
  add_db(cmd, args);
  auto* in = cmd->add_option("inputs", args.inputs, "files or directories (recursively)");
  if (inputs_required) in->required();
  cmd->add_option("--threads", args.options.threads, "worker threads (0 = all cores)")->capture_default_str();
  cmd->add_option("--batch-docs", args.options.batch_docs, "commit every N documents")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30))
      ->capture_default_str();
  cmd->add_option_function<std::size_t>(
         "--batch-mb", [&args](const std::size_t& mb) { args.options.batch_bytes = mb << 20; },
         "commit every N MB of text")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
      ->default_str(std::to_string(args.options.batch_bytes >> 20));
  // n is -1 for `no-skip-unchanged = false` in the configuration file.
  cmd->add_flag(
      "--no-skip-unchanged", [&args](std::int64_t n) { args.options.skip_unchanged = n <= 0; },
      "rewrite unchanged documents");
  add_shards(cmd, args);
  add_log_file(cmd, args);
}

}  // namespace

void define_cli(CLI::App& app, CliArgs& args, const std::string& default_config) {
  app.description("tracuu indexer: Vietnamese document ingestion and indexing");
  app.require_subcommand(1);

  // analyze and extract are tools for one text or file: their arguments come from the command line only.
  auto* analyze = app.add_subcommand("analyze", "print the tokens of TEXT (or stdin) as JSON lines");
  analyze->add_option("text", args.analyze_text, "text to analyse; read from stdin when absent")->configurable(false);

  auto* extract = app.add_subcommand("extract", "print the document record(s) of FILE... as JSON");
  extract->add_option("files", args.extract_files, "files (txt, md, pdf, docx, jsonl, jsonl.gz)")
      ->required()
      ->configurable(false);
  extract->add_flag("--text", args.extract_with_text, "also print the reflowed text")->configurable(false);
  extract->add_flag("--no-given-metadata", args.extract_no_given, "ignore metadata given by JSONL records")
      ->configurable(false);

  add_build_options(
      app.add_subcommand("build", "index INPUT... into --db (a fresh parallel build when the index is new)"), args,
      true);
  add_build_options(app.add_subcommand("add", "add or update INPUT... in --db (upsert by id, skip unchanged)"), args,
                    true);
  add_build_options(app.add_subcommand("rebuild", "build a fresh index beside the live one and swap it in atomically"),
                    args, false);

  auto* del = app.add_subcommand("delete", "delete documents by id");
  add_db(del, args);
  del->add_option("--id", args.delete_ids, "document id (repeatable)")->required()->configurable(false);
  add_shards(del, args);
  add_log_file(del, args);

  add_db(app.add_subcommand("stats", "print index statistics as JSON"), args);

  cli::use_config_file(app, default_config);
}

}  // namespace tracuu::indexer
