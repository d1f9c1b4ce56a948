#pragma once
// The log of tracuu-searchd and tracuu-indexer: one JSON object per line, so that the journal (or
// the log file) can be searched with jq. Used by the main() files only.

#include <memory>
#include <string>

#include "schema/status.h"

namespace spdlog {
class logger;
}

namespace tracuu::cli {

/// A logger writing `{"time":"2026-11-30T01:02:03.456Z","level":"info","msg":MESSAGE}` lines, where
/// MESSAGE is the logged text itself, a JSON value (log `json.dump()`). Thread-safe.
/// @param name the logger's name (not written).
/// @param log_file empty: standard error (the journal under systemd); otherwise this file, created
///        if missing and appended to (logrotate's copytruncate then works).
/// @return Io when the file cannot be opened.
Result<std::shared_ptr<spdlog::logger>> json_logger(const std::string& name, const std::string& log_file);

}  // namespace tracuu::cli
