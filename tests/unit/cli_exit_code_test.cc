// The exit codes of tracuu-indexer and searchd query (cli/exit_code.h): one per kind of failure.
#include <catch2/catch.hpp>
#include <vector>

#include "cli/exit_code.h"

TEST_CASE("exit codes: one per kind of failure, for both command lines", "[cli]") {
  struct Row {
    tracuu::Status status;
    int code;
  };
  using tracuu::Status;
  const std::vector<Row> rows = {
      {Status::Ok, 0},
      {Status::BadRequest, 2},
      {Status::BadQuery, 2},
      {Status::NotFound, 3},
      {Status::Unsupported, 4},
      {Status::TooLarge, 4},
      {Status::IndexUnavailable, 5},
      {Status::IndexVersionMismatch, 6},
      {Status::Locked, 7},
      {Status::Overloaded, 7},
      {Status::Io, 8},
      {Status::Internal, 9},
      {Status::Unauthorized, 10},
      {Status::Forbidden, 10},
      {Status::RateLimited, 7},
  };
  for (const Row& r : rows) {
    INFO(tracuu::to_string(r.status));
    CHECK(tracuu::cli::exit_code(r.status) == r.code);
    CHECK(tracuu::cli::exit_code(r.status) !=
          tracuu::cli::kExitSomeInputsFailed);  // "some inputs failed" stays distinct
  }
}
