#pragma once
// The command line of tracuu-searchd: its subcommands and options, their environment variables
// and the configuration file. Apart from main() so that tests parse exactly what searchd parses.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "searchd/server/config.h"

namespace tracuu::searchd::server {

/// The configuration file read when --config is not given (a missing one is no error).
inline constexpr const char* kDefaultConfigFile = "/etc/tracuu/searchd.conf";

/// Everything the command line, the environment and the configuration file set.
struct CliArgs {
  Config serve;                     ///< `serve`
  std::string web;                  ///< `serve --web`: the portal directory
  std::string log_file;             ///< `serve --log-file`: empty = standard error
  std::string db;                   ///< `query --db`
  std::vector<std::string> params;  ///< `query --param k=v`
  std::string query;                ///< `query QUERY`
  bool staff = false;               ///< `query --staff`
};

/// Defines the `serve` and `query` subcommands on `app`, bound to `args`, and --config.
/// After app.parse(), app.got_subcommand("serve") or ("query") tells which one ran.
/// @param default_config the file read when --config is not given.
void define_cli(CLI::App& app, CliArgs& args, const std::string& default_config = kDefaultConfigFile);

}  // namespace tracuu::searchd::server
