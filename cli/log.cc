#include "cli/log.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace tracuu::cli {

Result<std::shared_ptr<spdlog::logger>> json_logger(const std::string& name, const std::string& log_file) {
  spdlog::sink_ptr sink;
  if (log_file.empty()) {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  } else {
    try {
      sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(log_file);  // "ab": O_APPEND
    } catch (const spdlog::spdlog_ex& e) {
      return Error{Status::Io, "cannot open the log file: " + std::string(e.what())};
    }
  }
  auto logger = std::make_shared<spdlog::logger>(name, std::move(sink));
  logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%v})", spdlog::pattern_time_type::utc);
  // A line reaches the file or the journal before the next one is produced: nothing is lost on a crash.
  logger->flush_on(spdlog::level::trace);
  return logger;
}

}  // namespace tracuu::cli
