// searchd: the tracuu search server. This file parses flags and environment
// into a Config, and runs one of the subcommands.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "searchd/searcher.h"
#include "searchd/server/codec.h"

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

  CLI11_PARSE(app, argc, argv);

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
