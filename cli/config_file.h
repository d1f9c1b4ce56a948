#pragma once
// A configuration file for a CLI11 program with subcommands (tracuu-searchd, tracuu-indexer): every
// option of the invoked subcommand may also be set as `key = value`, the key being the long option
// without its dashes (or a positional's name). Used by the main() files only.

#include <string>

namespace CLI {
class App;
}

namespace tracuu::cli {

/// Adds `--config FILE` to `app` and reads that file when the command line is parsed.
///
/// Call after every subcommand and option is defined. The file holds `key = value` lines and `#`
/// comments (CLI11's INI/TOML reader; `key = ["a", "b"]` for several values). Behaviour:
///  - a key names an option of the invoked subcommand: that option takes the value;
///  - a key that only another subcommand has is skipped, so one file serves every subcommand;
///  - a key no subcommand has is an error naming the key and the file; so are sections
///    (`[serve]`), dotted keys, and options marked `configurable(false)` (per-invocation arguments);
///  - precedence: the command line, then the option's environment variable (`envname`), then
///    the file, then the default;
///  - a missing `default_path` is no error; a missing file given with `--config` is; `--config ""`
///    reads no file.
/// Errors are thrown from `app.parse()` as CLI::ConfigError (CLI::FileError for a missing file), so
/// CLI11_PARSE prints them and exits non-zero.
/// @param default_path the file read when `--config` is not given, e.g. /etc/tracuu/searchd.conf.
void use_config_file(CLI::App& app, const std::string& default_path);

}  // namespace tracuu::cli
