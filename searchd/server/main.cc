// searchd: the tracuu search server. This file parses flags and environment
// into a Config, and runs one of the subcommands.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <optional>
#include <thread>

#include "searchd/searcher.h"
#include "searchd/server/codec.h"
#include "searchd/server/config.h"
#include "searchd/server/metrics.h"
#include "searchd/server/server.h"
#include "searchd/server/site.h"

namespace {

using tracuu::Status;

/// CLI twin of the server's http_status(): exit codes of `searchd query`.
int exit_code(Status s) {
  switch (s) {
    case Status::Ok: return 0;
    case Status::BadRequest:
    case Status::BadQuery:
    case Status::MethodNotAllowed: return 2;
    case Status::NotFound: return 3;
    case Status::Unsupported:
    case Status::TooLarge: return 4;
    case Status::IndexUnavailable: return 5;
    case Status::IndexVersionMismatch: return 6;
    case Status::Locked:
    case Status::Overloaded: return 7;
    case Status::Io: return 8;
    case Status::Internal: return 9;
  }
  return 9;
}

int fail(const tracuu::Error& e) {
  std::cout << tracuu::searchd::server::error_json(e).dump() << '\n';
  std::fprintf(stderr, "searchd: %s: %s\n", tracuu::to_string(e.status), e.message.c_str());
  return exit_code(e.status);
}

/// The request log: one JSON object per line on stderr (stdout carries the URL).
std::shared_ptr<spdlog::logger> request_logger() {
  auto logger = std::make_shared<spdlog::logger>("searchd", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%v})", spdlog::pattern_time_type::utc);
  return logger;
}

/// `searchd serve`: opens the index and the portal, listens, serves until SIGINT/SIGTERM.
int serve(tracuu::searchd::server::Config config) {
  namespace server = tracuu::searchd::server;
  config.max_connections =
      server::connection_cap(config.max_connections, server::raise_descriptor_limit(), config.workers);
  auto pool = tracuu::searchd::SearcherPool::open(config.db, config.workers);
  if (!pool) return fail(pool.error());
  std::optional<server::Site> site;
  if (!config.web.empty()) {
    auto loaded = server::Site::load(config.web);
    if (!loaded) return fail(loaded.error());
    site = std::move(*loaded);
  }
  server::Metrics metrics;
  server::Server http(config, **pool, site ? &*site : nullptr, metrics, request_logger());
  auto endpoint = http.listen();
  if (!endpoint) return fail(endpoint.error());
  const std::string host =
      endpoint->address().is_v6() ? "[" + endpoint->address().to_string() + "]" : endpoint->address().to_string();
  std::printf("searchd: listening on http://%s:%u/\n", host.c_str(), static_cast<unsigned>(endpoint->port()));
  std::fflush(stdout);
  http.run();
  std::printf("searchd: stopped\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tracuu searchd: search server for Vietnamese government documents"};
  app.require_subcommand(1);

  std::string db;
  std::vector<std::string> kv;
  std::string query_text;
  bool staff = false;
  auto* query = app.add_subcommand("query", "run one search and print exactly the JSON of /api/v1/search");
  query->add_option("--db", db, "index directory")->required()->envname("TRACUU_DB");
  query->add_option("--param", kv, "extra parameter k=v (repeatable): type=, year=, sort=, limit=, ...");
  query->add_flag("--staff", staff, "include internal documents (staff mode)");
  query->add_option("query", query_text, "the query (q)");

  tracuu::searchd::server::Config config;
  config.threads = std::max(1u, std::thread::hardware_concurrency());
  std::string web_dir;
  auto* serve_cmd = app.add_subcommand("serve", "serve the HTTP API (/api/v1) and, with --web, the portal");
  serve_cmd->add_option("--db", config.db, "index directory")->required()->envname("TRACUU_DB");
  serve_cmd->add_option("--bind", config.bind, "address to listen on")->envname("TRACUU_BIND")->capture_default_str();
  serve_cmd->add_option("--port", config.port, "port (0 = any free port, printed on start)")
      ->envname("TRACUU_PORT")
      ->capture_default_str();
  config.workers = config.threads;
  serve_cmd->add_option("--threads", config.threads, "I/O threads")
      ->envname("TRACUU_THREADS")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  serve_cmd->add_option("--workers", config.workers, "search workers = searchers (default: the cores)")
      ->envname("TRACUU_WORKERS")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  serve_cmd->add_option("--queue", config.queue_limit, "searches that may wait for a worker, then 503")
      ->envname("TRACUU_QUEUE")
      ->check(CLI::Range(0u, 100000u))
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-connections", config.max_connections,
                   "open connections; past it idle ones are closed (0 = as many as descriptors allow)")
      ->envname("TRACUU_MAX_CONNECTIONS")
      ->capture_default_str();
  serve_cmd->add_option("--web", web_dir, "portal directory (templates/, static/)")->envname("TRACUU_WEB");
  serve_cmd->add_flag("--staff", config.staff, "staff mode: internal documents and the assignee facet");

  CLI11_PARSE(app, argc, argv);

  if (serve_cmd->parsed()) {
    config.web = web_dir;
    return serve(config);
  }

  if (query->parsed()) {
    tracuu::searchd::server::Params params{{"q", query_text}};
    for (const auto& p : kv) {
      const auto eq = p.find('=');
      if (eq == std::string::npos) return fail({Status::BadRequest, "--param needs k=v: '" + p + "'"});
      params.emplace_back(p.substr(0, eq), p.substr(eq + 1));
    }
    auto request = tracuu::searchd::server::search_request_from_params(params);
    if (!request) return fail(request.error());
    request->staff = staff;
    auto searcher = tracuu::searchd::Searcher::open(db);
    if (!searcher) return fail(searcher.error());
    auto response = searcher->search(*request);
    if (!response) return fail(response.error());
    std::cout << tracuu::searchd::server::to_json(*response).dump() << '\n';
    return 0;
  }
  return 0;
}
