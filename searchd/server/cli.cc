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
  // Who searches is per invocation too: never from the file.
  query->add_flag("--staff", args.staff, "search as staff: internal documents too (local use; the server uses keys)")
      ->configurable(false);
  query->add_option("--group", args.groups, "with --staff: also the documents of this group (repeatable)")
      ->configurable(false);
  query->add_option("query", args.query, "the query (q)")->configurable(false);

  Config& config = args.serve;
  config.threads = std::max(1u, std::thread::hardware_concurrency());
  config.workers = config.threads;
  auto* serve = app.add_subcommand("serve", "serve the HTTP API (/api/v1) and, with --web, the portal");
  serve->add_option("--db", config.db, "index directory (or --shard)")->envname("TRACUU_DB");
  serve->add_option("--shard", config.shards,
                    "tcp://HOST:PORT of a remote shard's class database (xapian-tcpsrv; repeatable): the shards "
                    "are searched as one index, instead of --db; ?reader=HOST:PORT names its `searchd shard-serve` "
                    "(docs/scale-out.md)");
  serve
      ->add_option("--shard-failure", args.shard_failure,
                   "when a remote shard does not answer: error (503 naming it) or partial (the others answer, "
                   "marked \"partial\": true with \"missing_shards\")")
      ->capture_default_str();
  serve->add_option("--shard-timeout", args.shard_timeout_ms, "milliseconds a remote shard has to answer")
      ->check(CLI::Range(1u, 600000u))
      ->capture_default_str();
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
  // Access (docs/access.md). Without --keys and --auth-proxy-header every caller is the public.
  serve->add_option("--keys", config.keys, "keys file (searchd keys add): staff and admin API keys, portal sign-in")
      ->envname("TRACUU_KEYS");
  serve
      ->add_option("--session-secret", config.session_secret,
                   "file with the secret (32+ bytes, mode 600) signing portal sessions; default: random at start")
      ->envname("TRACUU_SESSION_SECRET");
  serve->add_option("--session-hours", args.session_hours, "portal sessions last this many hours")
      ->check(CLI::Range(1, 24 * 30))
      ->capture_default_str();
  serve->add_option("--trusted-proxy", config.trusted_proxies,
                    "address or CIDR of a reverse proxy whose X-Forwarded-For/-Proto and user header are believed");
  serve->add_option("--auth-proxy-header", config.auth_proxy_header,
                    "header in which a trusted proxy names an authenticated staff user (e.g. X-Remote-User)");
  serve->add_option("--proxy-user", args.proxy_users, "USER=GROUP,GROUP: the groups of a proxy user (repeatable)");
  serve->add_option("--rate-limit", config.public_rate.rate, "requests per second per client address (0: none)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  serve->add_option("--staff-rate-limit", config.staff_rate.rate, "requests per second per staff key or user (0: none)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  serve->add_flag("--metrics-public", config.metrics_public, "serve /metrics without an admin key");
  serve->add_option("--audit-log", config.audit_log, "file for the audit log of staff requests (default: stderr)");
  serve->add_option("--log-file", args.log_file, "append the JSON log lines here instead of standard error")
      ->envname("TRACUU_LOG_FILE");

  // Keys are managed from the command line; the configuration file may name the keys file (`keys`, as for serve).
  KeysArgs& k = args.keys;
  auto* keys = app.add_subcommand("keys", "manage API keys (the keys file holds only their SHA-256)");
  keys->require_subcommand(1);
  auto* add = keys->add_subcommand("add", "create a key and print it (shown only once)");
  add->add_option("--name", k.name, "who holds it (person or service)")->required()->configurable(false);
  add->add_option("--scope", k.scope, "staff or admin")
      ->check(CLI::IsMember({"staff", "admin"}))
      ->capture_default_str()
      ->configurable(false);
  add->add_option("--group", k.groups, "a group whose restricted documents the key sees (repeatable)")
      ->configurable(false);
  auto* list = keys->add_subcommand("list", "list keys (id, scope, groups, created, state, name)");
  auto* revoke = keys->add_subcommand("revoke", "revoke a key by id (or by name when unique)");
  revoke->add_option("key", k.name, "key id or name")->required()->configurable(false);
  for (auto* sub : {add, list, revoke}) {
    sub->add_option("--keys", k.file, "keys file")->required()->envname("TRACUU_KEYS");
    sub->callback([&k, sub] { k.action = sub->get_name(); });
  }

  ReplicateArgs& r = args.replicate;
  auto* rep = app.add_subcommand("replicate",
                                 "keep a read replica's index home up to date from a writer's "
                                 "xapian-replicate-server (docs/scale-out.md)");
  rep->add_option("--from", r.from, "HOST:PORT of the writer's xapian-replicate-server")
      ->required()
      ->envname("TRACUU_REPLICATE_FROM");
  rep->add_option("--db", r.db, "the replica's index home (serve it with searchd serve --db)")
      ->required()
      ->envname("TRACUU_DB");
  rep->add_option("--interval", r.interval, "seconds between rounds")
      ->check(CLI::Range(1u, 86400u))
      ->capture_default_str();
  rep->add_option("--timeout", r.timeout, "socket time-out of each copy, seconds (0: none)")->capture_default_str();
  rep->add_option("--reader-time", r.reader_time, "seconds readers get to reopen between two changesets")
      ->capture_default_str();
  rep->add_flag("--once", r.once, "one round, then exit")->configurable(false);
  rep->add_option("--xapian-replicate", r.program, "the copying program")->capture_default_str();

  ShardServeArgs& sh = args.shard_serve;
  auto* shard = app.add_subcommand("shard-serve",
                                   "answer a remote shard's batched reads (positions, lengths, values of a list of "
                                   "documents) beside its xapian-tcpsrv: searchd serve --shard tcp://HOST:PORT?reader="
                                   "HOST:PORT (docs/scale-out.md)");
  // Not --db: the configuration file's `db` is serve's index home, not a shard's class database.
  shard->add_option("--database", sh.db, "the class database xapian-tcpsrv serves (e.g. SHARD/current/public)")
      ->required()
      ->configurable(false);
  shard->add_option("--listen", sh.listen, "HOST:PORT to listen on (port 0: any free one)")
      ->required()
      ->configurable(false);

  cli::use_config_file(app, default_config);
}

}  // namespace tracuu::searchd::server
