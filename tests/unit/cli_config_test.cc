// The configuration files of tracuu-searchd and tracuu-indexer (cli/config_file.h), parsed with the
// programs' own command-line definitions: every option of every subcommand is accepted from the file
// and listed in the packaged file, or refused there when it is a per-invocation argument; the
// precedence command line > environment > file > default; errors that name the key and the file.
// The options are iterated from CLI11, so an option added later is covered without editing this file.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/config_file.h"
#include "indexer/cli.h"
#include "searchd/server/cli.h"
#include "tests/support/temp_dir.h"

namespace {

using tracuu::testing::TempDir;

/// One program's command line, defined afresh for each parse (CLI11 apps parse once).
struct Cli {
  CLI::App app;
  std::shared_ptr<void> args;  ///< what the options write to
};

struct Program {
  std::string name;
  std::function<void(Cli&, const std::string&)> define;  ///< (cli, default configuration file)
  std::string shipped;                                   ///< the packaged configuration file
};

const std::vector<Program>& programs() {
  static const std::vector<Program> all{
      {"tracuu-searchd",
       [](Cli& c, const std::string& default_config) {
         auto args = std::make_shared<tracuu::searchd::server::CliArgs>();
         tracuu::searchd::server::define_cli(c.app, *args, default_config);
         c.args = args;
       },
       TRACUU_SOURCE_DIR "/packaging/etc/searchd.conf"},
      {"tracuu-indexer",
       [](Cli& c, const std::string& default_config) {
         auto args = std::make_shared<tracuu::indexer::CliArgs>();
         tracuu::indexer::define_cli(c.app, *args, default_config);
         c.args = args;
       },
       TRACUU_SOURCE_DIR "/packaging/etc/indexer.conf"},
  };
  return all;
}

std::unique_ptr<Cli> make_cli(const Program& program, const std::string& default_config = "/nonexistent/tracuu.conf") {
  auto cli = std::make_unique<Cli>();
  program.define(*cli, default_config);
  return cli;
}

/// Parses `argv` (without the program name). @return "" or the error: "ConfigError: message".
std::string parse(Cli& cli, const std::vector<std::string>& argv) {
  std::vector<const char*> c_argv{"program"};
  for (const auto& a : argv) c_argv.push_back(a.c_str());
  try {
    cli.app.parse(static_cast<int>(c_argv.size()), c_argv.data());
  } catch (const CLI::ParseError& e) {
    return e.get_name() + ": " + e.what();
  }
  return "";
}

/// Parses `argv` (without the program name) with a program's `define_cli` and `default_config`;
/// a parse error fails the test. @return what the options set.
template <typename Args>
Args parse_ok(void (*define)(CLI::App&, Args&, const std::string&), const std::string& default_config,
              const std::vector<std::string>& argv) {
  Args args;
  CLI::App app;
  define(app, args, default_config);
  std::vector<const char*> c_argv{"program"};
  for (const auto& a : argv) c_argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(c_argv.size()), c_argv.data());
  } catch (const CLI::ParseError& e) {
    FAIL(e.get_name() << ": " << e.what());
  }
  return args;
}

constexpr auto* kSearchd = &tracuu::searchd::server::define_cli;
constexpr auto* kIndexer = &tracuu::indexer::define_cli;

/// Every subcommand at any depth, with the words that invoke it (`keys add`).
std::vector<std::pair<std::vector<std::string>, CLI::App*>> commands_of(CLI::App& app,
                                                                        const std::vector<std::string>& path = {}) {
  std::vector<std::pair<std::vector<std::string>, CLI::App*>> out;
  for (CLI::App* cmd : app.get_subcommands([](CLI::App*) { return true; })) {
    auto words = path;
    words.push_back(cmd->get_name());
    out.emplace_back(words, cmd);
    const auto inner = commands_of(*cmd, words);
    out.insert(out.end(), inner.begin(), inner.end());
  }
  return out;
}

/// The subcommand `words` name in `app`.
CLI::App* command_at(CLI::App& app, const std::vector<std::string>& words) {
  CLI::App* cmd = &app;
  for (const auto& w : words) cmd = cmd->get_subcommand(w);
  return cmd;
}

/// The configuration keys of a subcommand: its options but --help.
std::vector<CLI::Option*> keys_of(CLI::App& cmd) {
  return cmd.get_options([&](const CLI::Option* o) { return o != cmd.get_help_ptr(); });
}

/// The key of an option in the file: its long name, or a positional's name.
std::string key_of(const CLI::Option& opt) {
  return opt.get_lnames().empty() ? opt.get_name(true) : opt.get_lnames().front();
}

/// A value CLI11 converts for this option: flags take true/false, numbers a small one, the rest a word.
std::string sample_value(const CLI::Option& opt) {
  if (opt.get_items_expected_max() == 0) return "true";
  const std::string type = opt.get_type_name();
  if (type.find("INT") != std::string::npos || type.find("FLOAT") != std::string::npos) return "3";
  return "tracuu-sample";
}

bool is_config_error(const std::string& error) {
  return error.rfind("ConfigError", 0) == 0 || error.rfind("FileError", 0) == 0;
}

/// Sets an environment variable for the scope (tests restore what they change).
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    if (value.empty())
      ::unsetenv(name_.c_str());
    else
      ::setenv(name_.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_.c_str(), old_->c_str(), 1);
    else
      ::unsetenv(name_.c_str());
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_CASE("every option of every subcommand is taken from the configuration file, or refused by name",
          "[cli][config]") {
  TempDir dir("cli-config");
  for (const auto& program : programs()) {
    auto probe = make_cli(program);
    for (const auto& [words, cmd] : commands_of(probe->app)) {
      const std::string name = CLI::detail::join(words, " ");
      for (CLI::Option* opt : keys_of(*cmd)) {
        const std::string key = key_of(*opt), value = sample_value(*opt);
        INFO(program.name << " " << name << ": " << key << " = " << value);
        // Environment variables would override the file: none for this test.
        std::optional<ScopedEnv> no_env;
        if (!opt->get_envname().empty()) no_env.emplace(opt->get_envname(), "");
        const auto file = dir.write(program.name + "-" + CLI::detail::join(words, "-") + "-" + key + ".conf",
                                    key + " = " + value + "\n");
        auto argv = words;
        argv.insert(argv.end(), {"--config", file.string()});

        auto cli = make_cli(program);
        const std::string error = parse(*cli, argv);
        CLI::Option* parsed = command_at(cli->app, words)->get_option_no_throw(opt->get_name());
        REQUIRE(parsed != nullptr);
        if (opt->get_configurable()) {
          // Other errors (a required option missing) come after the file was read.
          CHECK_FALSE(is_config_error(error));
          CHECK(parsed->count() == 1);
          if (opt->get_items_expected_max() != 0) CHECK(parsed->results() == std::vector<std::string>{value});
          if (!opt->get_envname().empty()) {  // its environment variable wins over the file
            const std::string other = value == "3" ? "4" : "tracuu-from-env";
            ScopedEnv env(opt->get_envname(), other);
            auto with_env = make_cli(program);
            CHECK_FALSE(is_config_error(parse(*with_env, argv)));
            CHECK(command_at(with_env->app, words)->get_option(opt->get_name())->results() ==
                  std::vector<std::string>{other});
          }
        } else {
          CHECK(error == "ConfigError: " + file.string() + ": '" + key + "' is given on the command line only");
          CHECK(parsed->count() == 0);
        }
      }
    }
  }
}

TEST_CASE("the packaged configuration files list every key and are accepted by every subcommand", "[cli][config]") {
  for (const auto& program : programs()) {
    const std::string shipped = read_text(program.shipped);
    REQUIRE_FALSE(shipped.empty());
    auto probe = make_cli(program);
    for (const auto& [words, cmd] : commands_of(probe->app)) {
      const std::string name = CLI::detail::join(words, " ");
      for (CLI::Option* opt : keys_of(*cmd)) {
        if (!opt->get_configurable()) continue;
        const std::string key = key_of(*opt);
        INFO(program.shipped << " should document '" << key << "' of " << name
                             << " (as `key = value` or `#key = value`, with a comment)");
        CHECK(std::regex_search(shipped, std::regex("(^|\n)#?" + key + " = ")));
      }
      auto cli = make_cli(program);
      auto argv = words;
      argv.insert(argv.end(), {"--config", program.shipped});
      const std::string error = parse(*cli, argv);
      INFO(program.name << " " << name << ": " << error);
      CHECK_FALSE(is_config_error(error));
    }
  }
}

TEST_CASE("the command line overrides the environment, which overrides the file, which overrides the default",
          "[cli][config]") {
  struct Row {
    const char* command_line;
    const char* environment;
    const char* file;
    unsigned port;
  };
  const Row rows[] = {
      {"", "", "", 8080},          // the default
      {"", "", "9001", 9001},      // the file
      {"", "9002", "9001", 9002},  // the environment over the file
      {"9003", "9002", "9001", 9003},
      {"9003", "", "9001", 9003},
  };
  TempDir dir("cli-precedence");
  for (const auto& row : rows) {
    INFO("command line '" << row.command_line << "', TRACUU_PORT '" << row.environment << "', file '" << row.file
                          << "'");
    ScopedEnv env("TRACUU_PORT", row.environment);
    const auto file = dir.write("searchd.conf", std::string("db = /var/lib/tracuu/index\n") +
                                                    (*row.file ? std::string("port = ") + row.file + "\n" : ""));
    std::vector<std::string> argv{"serve"};
    if (*row.command_line) argv.insert(argv.end(), {"--port", row.command_line});
    const auto args = parse_ok(kSearchd, file.string(), argv);  // the file read as the default one
    CHECK(args.serve.port == row.port);
    CHECK(args.serve.db == "/var/lib/tracuu/index");
  }
}

TEST_CASE("configuration errors name the file and the key", "[cli][config]") {
  TempDir dir("cli-errors");
  struct Row {
    const char* command;   // of tracuu-searchd
    const char* text;      // the file
    const char* expected;  // the error, after "ConfigError: FILE: "
  };
  const Row rows[] = {
      {"serve", "db = /srv/index\nprot = 8080\n", "unknown key 'prot'"},  // a typo
      {"serve", "[serve]\nport = 8080\n",
       "section [serve] is not used: write each option as key = value, outside any section"},
      {"serve", "serve.port = 8080\n",
       "dotted key 'serve.port' is not used: write each option as key = value, outside any section"},
      {"serve", "config = /etc/other.conf\n", "'config' is given on the command line only"},
      {"query", "param = type=bao-cao\n", "'param' is given on the command line only"},  // one search's argument
      {"serve", "help = true\n", "'help' is given on the command line only"},
  };
  for (const auto& row : rows) {
    INFO(row.command << ": " << row.text);
    const auto file = dir.write("bad.conf", row.text);
    auto cli = make_cli(programs()[0]);
    CHECK(parse(*cli, {row.command, "--config", file.string()}) ==
          "ConfigError: " + file.string() + ": " + row.expected);
  }
}

TEST_CASE("a missing default file is no error, a missing given file is, and --config \"\" reads none",
          "[cli][config]") {
  TempDir dir("cli-missing");
  const std::string absent = (dir.path() / "absent.conf").string();
  CHECK(parse_ok(kSearchd, absent, {"serve", "--db", "/srv/index"}).serve.port == 8080);
  auto cli = make_cli(programs()[0]);
  CHECK(parse(*cli, {"serve", "--db", "/srv/index", "--config", absent}).rfind("FileError", 0) == 0);
  const auto port_file = dir.write("port.conf", "port = 9001\n");
  CHECK(parse_ok(kSearchd, port_file.string(), {"serve", "--db", "/srv/index"}).serve.port == 9001);
  CHECK(parse_ok(kSearchd, port_file.string(), {"serve", "--db", "/srv/index", "--config", ""}).serve.port == 8080);
}

TEST_CASE("one indexer file serves every subcommand: a key another subcommand has is skipped", "[cli][config]") {
  TempDir dir("cli-scope");
  // threads and inputs belong to build/add/rebuild, not to stats or delete.
  const auto file =
      dir.write("indexer.conf", "db = /srv/index\nthreads = 2\ninputs = [\"/srv/inbox\", \"/srv/more\"]\n");
  const auto build = parse_ok(kIndexer, file.string(), {"build"});
  CHECK(build.db == "/srv/index");
  CHECK(build.options.threads == 2);
  CHECK(build.inputs == std::vector<std::string>{"/srv/inbox", "/srv/more"});
  // Inputs on the command line win.
  CHECK(parse_ok(kIndexer, file.string(), {"build", "/tmp/other"}).inputs == std::vector<std::string>{"/tmp/other"});
  CHECK(parse_ok(kIndexer, file.string(), {"stats"}).db == "/srv/index");
  // `no-skip-unchanged = false` leaves skipping on; `= true` turns it off.
  for (const auto& [text, skip] : {std::pair{"false", true}, std::pair{"true", false}}) {
    const auto flag_file = dir.write("flag.conf", std::string("db = /srv/index\nno-skip-unchanged = ") + text + "\n");
    CHECK(parse_ok(kIndexer, flag_file.string(), {"add", "/srv/inbox"}).options.skip_unchanged == skip);
  }
}

TEST_CASE("nested subcommands: the innermost invoked one that has the key takes it", "[cli][config]") {
  TempDir dir("cli-nested");
  const auto file = dir.write("tool.conf", "keys-file = /etc/tracuu/keys\nlabel = portal\n");
  struct Row {
    std::vector<std::string> argv;
    const char* keys_file;  // set on `keys`
    const char* label;      // set on `keys add` only
  };
  const Row rows[] = {
      {{"keys", "add"}, "/etc/tracuu/keys", "portal"},
      {{"keys", "list"}, "/etc/tracuu/keys", ""},  // label belongs to add: skipped
      {{"serve"}, "", ""},
  };
  for (const auto& row : rows) {
    INFO(CLI::detail::join(row.argv, " "));
    CLI::App app;
    std::string keys_file, label;
    auto* keys = app.add_subcommand("keys");
    keys->add_option("--keys-file", keys_file);
    keys->add_subcommand("add")->add_option("--label", label);
    keys->add_subcommand("list");
    app.add_subcommand("serve");
    tracuu::cli::use_config_file(app, file.string());
    std::vector<const char*> argv{"tool"};
    for (const auto& a : row.argv) argv.push_back(a.c_str());
    REQUIRE_NOTHROW(app.parse(static_cast<int>(argv.size()), argv.data()));
    CHECK(keys_file == row.keys_file);
    CHECK(label == row.label);
  }
}

}  // namespace
