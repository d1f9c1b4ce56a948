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

/// `keys add|list|revoke`.
struct KeysArgs {
  std::string action;               ///< "add", "list" or "revoke"
  std::filesystem::path file;       ///< --keys
  std::string name;                 ///< add --name; revoke KEY (id or name)
  std::string scope = "staff";      ///< add --scope: staff or admin
  std::vector<std::string> groups;  ///< add --group
};

/// `replicate`: keeps a read replica's index home up to date from a writer (docs/scale-out.md).
struct ReplicateArgs {
  std::string from;                          ///< --from HOST:PORT of the writer's xapian-replicate-server
  std::filesystem::path db;                  ///< --db: the replica's index home
  unsigned interval = 5;                     ///< --interval: seconds between rounds
  unsigned timeout = 30;                     ///< --timeout: socket time-out of each copy, seconds
  unsigned reader_time = 5;                  ///< --reader-time: seconds readers get between two changesets
  bool once = false;                         ///< --once: one round, then exit (its status is the exit code)
  std::string program = "xapian-replicate";  ///< --xapian-replicate: the program that copies
};

/// `searchd shard-serve`: a remote shard's reader beside its xapian-tcpsrv (searchd/shard_reads.h).
struct ShardServeArgs {
  std::string db;      ///< --database: the class database xapian-tcpsrv serves (through `current`)
  std::string listen;  ///< --listen HOST:PORT
};

/// Everything the command line, the environment and the configuration file set.
struct CliArgs {
  Config serve;                          ///< `serve`
  std::string web;                       ///< `serve --web`: the portal directory
  std::string log_file;                  ///< `serve --log-file`: empty = standard error
  std::string db;                        ///< `query --db`
  std::vector<std::string> params;       ///< `query --param k=v`
  std::string query;                     ///< `query QUERY`
  bool staff = false;                    ///< `query --staff`
  std::vector<std::string> groups;       ///< `query --group`
  unsigned session_hours = 8;            ///< `serve --session-hours`
  unsigned shard_timeout_ms = 10000;     ///< `serve --shard-timeout`
  std::string shard_failure = "error";   ///< `serve --shard-failure`: error or partial
  std::vector<std::string> proxy_users;  ///< `serve --proxy-user USER=G,...`
  KeysArgs keys;                         ///< `keys ...`
  ReplicateArgs replicate;               ///< `replicate ...`
  ShardServeArgs shard_serve;            ///< `shard-serve ...`
};

/// Defines the `serve`, `query`, `keys`, `replicate` and `shard-serve` subcommands on `app`, bound to `args`, and
/// --config. After app.parse(), app.got_subcommand("serve"), ("query"), ("keys"), ("replicate") or ("shard-serve")
/// tells which one ran.
/// @param default_config the file read when --config is not given.
void define_cli(CLI::App& app, CliArgs& args, const std::string& default_config = kDefaultConfigFile);

}  // namespace tracuu::searchd::server
