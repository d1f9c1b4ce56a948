#pragma once
// The command line of tracuu-indexer: its subcommands and options and the configuration file.
// Apart from main() so that tests parse exactly what the indexer parses.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "indexer/pipeline.h"

namespace tracuu::indexer {

/// The configuration file read when --config is not given (a missing one is no error).
inline constexpr const char* kDefaultConfigFile = "/etc/tracuu/indexer.conf";

/// Everything the command line, the environment and the configuration file set.
struct CliArgs {
  std::string analyze_text;                ///< `analyze TEXT`
  std::vector<std::string> extract_files;  ///< `extract FILE...`
  bool extract_with_text = false;          ///< `extract --text`
  bool extract_no_given = false;           ///< `extract --no-given-metadata`
  std::string db;                          ///< --db of build, add, rebuild, delete, stats
  std::vector<std::string> inputs;         ///< `build|add|rebuild INPUT...`
  BuildOptions options;                    ///< --threads, --batch-docs, --batch-mb, --no-skip-unchanged
  std::vector<std::string> delete_ids;     ///< `delete --id`
  unsigned shards = 0;                     ///< --shards of build, add, rebuild, delete: 0 = as the home is
  std::string log_file;                    ///< --log-file of build, add, rebuild, delete: empty = stderr
};

/// Defines the subcommands (analyze, extract, build, add, rebuild, delete, stats) on `app`, bound
/// to `args`, and --config. After app.parse(), app.got_subcommand(name) tells which one ran.
/// @param default_config the file read when --config is not given.
void define_cli(CLI::App& app, CliArgs& args, const std::string& default_config = kDefaultConfigFile);

}  // namespace tracuu::indexer
