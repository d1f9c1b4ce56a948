#pragma once
// The one mapping from Status to process exit codes, for both command lines (tracuu-indexer,
// searchd query): the CLI twin of searchd/server's http_status(). Used by the main() files only.

#include "schema/status.h"

namespace tracuu::cli {

/// Exit code of a command whose outcome is `s`: 0 Ok; 2 bad arguments or query; 3 not found;
/// 4 input unsupported or too large; 5 index unavailable; 6 index of another version;
/// 7 index locked, busy or rate limited; 8 I/O error; 9 internal error; 10 refused (credentials or permission).
/// A switch without default: a new Status fails the build (-Wswitch-enum -Werror) until it has a code.
constexpr int exit_code(Status s) {
  switch (s) {
    case Status::Ok: return 0;
    case Status::BadRequest:
    case Status::BadQuery: return 2;
    case Status::NotFound: return 3;
    case Status::Unsupported:
    case Status::TooLarge: return 4;
    case Status::IndexUnavailable: return 5;
    case Status::IndexVersionMismatch: return 6;
    case Status::Locked:
    case Status::Overloaded:
    case Status::RateLimited: return 7;
    case Status::Io: return 8;
    case Status::Internal: return 9;
    case Status::Unauthorized:
    case Status::Forbidden: return 10;
  }
  return 9;  // unreachable: every enumerator is handled above
}

/// Exit code of a run that wrote everything it could while some inputs failed
/// (indexer build/add/extract: the failures are listed on stderr).
inline constexpr int kExitSomeInputsFailed = 1;

}  // namespace tracuu::cli
