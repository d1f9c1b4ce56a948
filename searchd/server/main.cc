// searchd: the tracuu search server. This file parses the command line, the
// environment and the configuration file (searchd/server/cli.h) and runs one
// of the subcommands.
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stop_token>
#include <thread>

#include "cli/exit_code.h"
#include "cli/log.h"
#include "schema/index_meta.h"
#include "searchd/replica.h"
#include "searchd/searcher.h"
#include "searchd/server/access.h"
#include "searchd/server/cli.h"
#include "searchd/server/codec.h"
#include "searchd/server/config.h"
#include "searchd/server/keys.h"
#include "searchd/server/metrics.h"
#include "searchd/server/server.h"
#include "searchd/server/site.h"
#include "searchd/shard_reads.h"
#include "text/strings.h"

namespace {

// How often idle searchers tell remote shards they are still there: xapian-tcpsrv closes a
// connection idle for 60 s (its default --idle-timeout), and reconnecting costs a request seconds.
constexpr std::chrono::seconds kShardKeepAlive{20};

using tracuu::Status;

using tracuu::cli::exit_code;

int fail(const tracuu::Error& e) {
  std::cout << tracuu::searchd::server::error_json(e).dump() << '\n';
  std::fprintf(stderr, "searchd: %s: %s\n", tracuu::to_string(e.status), e.message.c_str());
  return exit_code(e.status);
}

/// `searchd keys add|list|revoke`: manages the keys file.
int keys_command(const tracuu::searchd::server::KeysArgs& a) {
  namespace server = tracuu::searchd::server;
  auto store = server::KeyStore::load(a.file);
  if (!store) return fail(store.error());
  if (a.action == "list") {
    for (const auto& e : store->entries()) {
      std::string g;
      for (const auto& x : e.groups) g += (g.empty() ? "" : ",") + x;
      std::printf("%s\t%s\t%s\t%s\t%s\t%s\n", e.id.c_str(), server::to_string(e.scope), g.empty() ? "-" : g.c_str(),
                  e.created.c_str(), e.revoked.empty() ? "live" : ("revoked " + e.revoked).c_str(), e.name.c_str());
    }
    return 0;
  }
  if (a.action == "add") {
    auto key = store->add(a.name, a.scope == "admin" ? server::Scope::Admin : server::Scope::Staff, a.groups,
                          tracuu::schema::utc_now_iso());
    if (!key) return fail(key.error());
    if (auto ok = store->save(a.file); !ok) return fail(ok.error());
    std::printf("%s\n", key->c_str());
    std::fprintf(stderr, "searchd: key for '%s' added to %s; it is shown only now\n", a.name.c_str(), a.file.c_str());
    return 0;
  }
  if (auto ok = store->revoke(a.name, tracuu::schema::utc_now_iso()); !ok) return fail(ok.error());
  if (auto ok = store->save(a.file); !ok) return fail(ok.error());
  std::fprintf(stderr, "searchd: key '%s' revoked (a running server sees it within a second, or on SIGHUP)\n",
               a.name.c_str());
  return 0;
}

/// Runs a program (found on PATH) and waits for it. @return IndexUnavailable unless it exits with 0.
tracuu::Result<void> run_and_wait(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  if (const int rc = posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ); rc != 0)
    return tracuu::Error{Status::IndexUnavailable, "cannot run " + argv[0] + ": " + std::strerror(rc)};
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  std::string cmd;
  for (const auto& a : argv) cmd += (cmd.empty() ? "" : " ") + a;
  return tracuu::Error{Status::IndexUnavailable, "failed: " + cmd};
}

/// `searchd replicate`: copies the writer's live generation into a replica's index home with
/// xapian-replicate, every --interval seconds (or --once). One JSON log line per round.
int replicate_command(const tracuu::searchd::server::ReplicateArgs& a) {
  const auto colon = a.from.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == a.from.size())
    return fail({Status::BadRequest, "--from needs HOST:PORT: '" + a.from + "'"});
  const std::string host = a.from.substr(0, colon), port = a.from.substr(colon + 1);
  auto logger = tracuu::cli::json_logger("replicate", "");
  if (!logger) return fail(logger.error());
  const tracuu::searchd::FetchDatabase fetch = [&](const std::string& master, const std::filesystem::path& local) {
    return run_and_wait({a.program, "--host", host, "--port", port, "--master", master, "--one-shot", "--quiet",
                         "--timeout", std::to_string(a.timeout), "--reader-time", std::to_string(a.reader_time),
                         local.string()});
  };
  for (;;) {
    const auto round = tracuu::searchd::replicate_once(a.db, fetch);
    if (round) {
      nlohmann::ordered_json j{{"event", "replicated"},     {"from", a.from},
                               {"db", a.db.string()},       {"generation", round->generation},
                               {"classes", round->classes}, {"switched", round->switched}};
      (*logger)->info(j.dump());
    } else {
      (*logger)->error(nlohmann::ordered_json{
          {"event", "error"}, {"code", tracuu::to_string(round.error().status)}, {"message", round.error().message}}
                           .dump());
    }
    if (a.once) return round ? 0 : exit_code(round.error().status);
    std::this_thread::sleep_for(std::chrono::seconds(a.interval));
  }
}

/// `searchd shard-serve`: a remote shard's reader (searchd/shard_reads.h), until killed.
int shard_serve_command(const tracuu::searchd::server::ShardServeArgs& a) {
  auto where = tracuu::searchd::parse_host_port(a.listen);
  if (!where) return fail(where.error());
  auto logger = tracuu::cli::json_logger("shard-serve", "");
  if (!logger) return fail(logger.error());
  auto served = tracuu::searchd::serve_shard_reads(a.db, where->first, where->second, [&](std::uint16_t port) {
    (*logger)->info(nlohmann::ordered_json{{"event", "listening"}, {"db", a.db}, {"port", port}}.dump());
    std::printf("searchd shard-serve: listening on port %u\n", static_cast<unsigned>(port));  // tests read it
    std::fflush(stdout);
  });
  return served ? 0 : fail(served.error());
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
  config.session_lifetime = std::chrono::hours(args.session_hours);
  for (const auto& spec : args.proxy_users) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0)
      return start_failed({Status::BadRequest, "--proxy-user needs USER=GROUP,...: '" + spec + "'"});
    auto& groups = config.proxy_user_groups[spec.substr(0, eq)];
    for (std::string_view g : tracuu::text::split(std::string_view(spec).substr(eq + 1), ','))
      if (!g.empty()) groups.emplace_back(g);
  }
  config.max_connections =
      server::connection_cap(config.max_connections, server::raise_descriptor_limit(), config.workers);
  config.shard_timeout = std::chrono::milliseconds(args.shard_timeout_ms);
  if (config.db.empty() && config.shards.empty())
    return start_failed({Status::BadRequest, "--db or --shard is required"});
  tracuu::searchd::IndexSource source(config.db);
  source.shards = config.shards;
  source.shard_timeout = config.shard_timeout;
  if (args.shard_failure != "error" && args.shard_failure != "partial")
    return start_failed(
        {Status::BadRequest, "--shard-failure must be error or partial, not '" + args.shard_failure + "'"});
  config.shard_partial = args.shard_failure == "partial";
  source.partial = config.shard_partial;
  auto pool = tracuu::searchd::SearcherPool::open(source, config.workers);
  if (!pool) return start_failed(pool.error());
  auto access = server::Access::open(config);
  if (!access) return start_failed(access.error());
  // The audit log of staff requests (who, what, which document), apart from the request log.
  auto audit = tracuu::cli::json_logger("audit", config.audit_log.string());
  if (!audit) return start_failed(audit.error());
  std::optional<server::Site> site;
  if (!config.web.empty()) {
    auto loaded = server::Site::load(config.web);
    if (!loaded) return start_failed(loaded.error());
    site = std::move(*loaded);
  }
  server::Metrics metrics;
  server::Server http(config, **pool, site ? &*site : nullptr, metrics, *logger, access->get(), *audit);
  // SIGHUP reads the keys file again (a revocation also takes effect within a second without it).
  http.on_reload("keys", [&access] { return (*access)->reload_keys(); });
  auto endpoint = http.listen();
  if (!endpoint) return start_failed(endpoint.error());
  const std::string host =
      endpoint->address().is_v6() ? "[" + endpoint->address().to_string() + "]" : endpoint->address().to_string();
  const std::string url = "http://" + host + ":" + std::to_string(endpoint->port()) + "/";
  (*logger)->info(nlohmann::ordered_json{{"event", "listening"},
                                         {"url", url},
                                         {"db", config.db.string()},
                                         {"shards", config.shards},
                                         {"threads", config.threads},
                                         {"workers", config.workers},
                                         {"max_connections", config.max_connections}}
                      .dump());
  for (const auto& shard : config.shards)
    if (shard.find("?reader=") == std::string::npos)
      (*logger)->warn(nlohmann::ordered_json{{"event", "shard_without_reader"},
                                             {"shard", shard},
                                             {"message",
                                              "every ranking and snippet read is a round trip of its "
                                              "own (slow); add ?reader=HOST:PORT of searchd shard-serve"}}
                          .dump());
  std::printf("searchd: listening on %s\n", url.c_str());  // tests and scripts read the port here
  std::fflush(stdout);
  std::jthread keeper;  // stopped and joined before the pool goes
  if (!config.shards.empty())
    keeper = std::jthread([&pool](std::stop_token stop) {
      std::mutex m;
      std::condition_variable_any wake;
      std::unique_lock lock(m);
      for (;;) {
        wake.wait_for(lock, stop, kShardKeepAlive, [] { return false; });
        if (stop.stop_requested()) return;
        (*pool)->keep_alive();
      }
    });
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
  if (app.got_subcommand("keys")) return keys_command(args.keys);
  if (app.got_subcommand("replicate")) return replicate_command(args.replicate);
  if (app.got_subcommand("shard-serve")) return shard_serve_command(args.shard_serve);

  tracuu::searchd::server::Params params{{"q", args.query}};
  for (const auto& p : args.params) {
    const auto eq = p.find('=');
    if (eq == std::string::npos) return fail({Status::BadRequest, "--param needs k=v: '" + p + "'"});
    params.emplace_back(p.substr(0, eq), p.substr(eq + 1));
  }
  auto request = tracuu::searchd::server::search_request_from_params(params);
  if (!request) return fail(request.error());
  if (args.staff) request->audience = tracuu::schema::Audience{true, args.groups};
  auto searcher = tracuu::searchd::Searcher::open(args.db);
  if (!searcher) return fail(searcher.error());
  auto response = searcher->search(*request);
  if (!response) return fail(response.error());
  std::cout << tracuu::searchd::server::to_json(*response).dump() << '\n';
  return 0;
}
