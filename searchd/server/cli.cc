#include "searchd/server/cli.h"

#include <algorithm>
#include <thread>

#include "cli/config_file.h"

namespace tracuu::searchd::server {

void define_cli(CLI::App& app, CliArgs& args, const std::string& default_config) {
  app.description("tracuu searchd: search server for Vietnamese government documents");
  app.require_subcommand(1);

  // Per-invocation arguments (the query, its parameters) come from the command line only.
  auto* query = app.add_subcommand("query", "run one search and print exactly the JSON of /api/v1/search");
  query->add_option("--db", args.db, "index directory")->required()->envname("TRACUU_DB");
  query->add_option("--param", args.params, "extra parameter k=v (repeatable): type=, year=, sort=, limit=, ...")
      ->configurable(false);
  query->add_flag("--staff", args.staff, "include internal documents (staff mode)");
  query->add_option("query", args.query, "the query (q)")->configurable(false);

  Config& config = args.serve;
  config.threads = std::max(1u, std::thread::hardware_concurrency());
  config.workers = config.threads;
  auto* serve = app.add_subcommand("serve", "serve the HTTP API (/api/v1) and, with --web, the portal");
  serve->add_option("--db", config.db, "index directory")->required()->envname("TRACUU_DB");
  serve->add_option("--bind", config.bind, "address to listen on")->envname("TRACUU_BIND")->capture_default_str();
  serve->add_option("--port", config.port, "port (0 = any free port, printed on start)")
      ->envname("TRACUU_PORT")
      ->capture_default_str();
  serve->add_option("--threads", config.threads, "I/O threads")
      ->envname("TRACUU_THREADS")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  serve->add_option("--workers", config.workers, "search workers = searchers (default: the cores)")
      ->envname("TRACUU_WORKERS")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  serve->add_option("--queue", config.queue_limit, "searches that may wait for a worker, then 503")
      ->envname("TRACUU_QUEUE")
      ->check(CLI::Range(0u, 100000u))
      ->capture_default_str();
  serve
      ->add_option("--max-connections", config.max_connections,
                   "open connections; past it idle ones are closed (0 = as many as descriptors allow)")
      ->envname("TRACUU_MAX_CONNECTIONS")
      ->capture_default_str();
  serve->add_option("--web", args.web, "portal directory (templates/, static/)")->envname("TRACUU_WEB");
  serve->add_flag("--staff", config.staff, "staff mode: internal documents and the assignee facet");
  serve->add_option("--log-file", args.log_file, "append the JSON log lines here instead of standard error")
      ->envname("TRACUU_LOG_FILE");

  cli::use_config_file(app, default_config);
}

}  // namespace tracuu::searchd::server
