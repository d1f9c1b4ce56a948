// searchd: the tracuu search server. This file parses the command line, the
// environment and the configuration file (searchd/server/cli.h) and runs one
// of the subcommands.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/exit_code.h"
#include "cli/log.h"
#include "searchd/searcher.h"
#include "searchd/server/cli.h"
#include "searchd/server/codec.h"
#include "searchd/server/config.h"
#include "searchd/server/metrics.h"
#include "searchd/server/server.h"
#include "searchd/server/site.h"

namespace {

using tracuu::Status;

using tracuu::cli::exit_code;

int fail(const tracuu::Error& e) {
  std::cout << tracuu::searchd::server::error_json(e).dump() << '\n';
  std::fprintf(stderr, "searchd: %s: %s\n", tracuu::to_string(e.status), e.message.c_str());
  return exit_code(e.status);
}

/// `searchd serve`: opens the index and the portal, listens, serves until SIGINT/SIGTERM.
/// Its log (requests, reloads, start and stop) is JSON lines on stderr or in --log-file.
int serve(const tracuu::searchd::server::CliArgs& args) {
  namespace server = tracuu::searchd::server;
  auto logger = tracuu::cli::json_logger("searchd", args.log_file);
  if (!logger) return fail(logger.error());
  // A failure to start goes to the log; to stderr as well when the log is a file.
  auto start_failed = [&](const tracuu::Error& e) {
    (*logger)->error(
        nlohmann::ordered_json{{"event", "error"}, {"code", tracuu::to_string(e.status)}, {"message", e.message}}
            .dump());
    if (!args.log_file.empty())
      std::fprintf(stderr, "searchd: %s: %s\n", tracuu::to_string(e.status), e.message.c_str());
    return exit_code(e.status);
  };
  server::Config config = args.serve;
  config.web = args.web;
  config.max_connections =
      server::connection_cap(config.max_connections, server::raise_descriptor_limit(), config.workers);
  auto pool = tracuu::searchd::SearcherPool::open(config.db, config.workers);
  if (!pool) return start_failed(pool.error());
  std::optional<server::Site> site;
  if (!config.web.empty()) {
    auto loaded = server::Site::load(config.web);
    if (!loaded) return start_failed(loaded.error());
    site = std::move(*loaded);
  }
  server::Metrics metrics;
  server::Server http(config, **pool, site ? &*site : nullptr, metrics, *logger);
  auto endpoint = http.listen();
  if (!endpoint) return start_failed(endpoint.error());
  const std::string host =
      endpoint->address().is_v6() ? "[" + endpoint->address().to_string() + "]" : endpoint->address().to_string();
  const std::string url = "http://" + host + ":" + std::to_string(endpoint->port()) + "/";
  (*logger)->info(nlohmann::ordered_json{{"event", "listening"},
                                         {"url", url},
                                         {"db", config.db.string()},
                                         {"threads", config.threads},
                                         {"workers", config.workers},
                                         {"max_connections", config.max_connections}}
                      .dump());
  std::printf("searchd: listening on %s\n", url.c_str());  // tests and scripts read the port here
  std::fflush(stdout);
  http.run();
  (*logger)->info(nlohmann::ordered_json{{"event", "stopped"}}.dump());
  std::printf("searchd: stopped\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app;
  tracuu::searchd::server::CliArgs args;
  tracuu::searchd::server::define_cli(app, args);
  CLI11_PARSE(app, argc, argv);

  if (app.got_subcommand("serve")) return serve(args);

  tracuu::searchd::server::Params params{{"q", args.query}};
  for (const auto& p : args.params) {
    const auto eq = p.find('=');
    if (eq == std::string::npos) return fail({Status::BadRequest, "--param needs k=v: '" + p + "'"});
    params.emplace_back(p.substr(0, eq), p.substr(eq + 1));
  }
  auto request = tracuu::searchd::server::search_request_from_params(params);
  if (!request) return fail(request.error());
  request->staff = args.staff;
  auto searcher = tracuu::searchd::Searcher::open(args.db);
  if (!searcher) return fail(searcher.error());
  auto response = searcher->search(*request);
  if (!response) return fail(response.error());
  std::cout << tracuu::searchd::server::to_json(*response).dump() << '\n';
  return 0;
}
