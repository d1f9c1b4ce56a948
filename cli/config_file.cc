#include "cli/config_file.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

namespace tracuu::cli {
namespace {

/// The option `key` names in `cmd`: a long name or a positional's name (never an environment
/// variable, which CLI11's own lookup would also accept).
const CLI::Option* find_option(const CLI::App& cmd, const std::string& key) {
  for (const CLI::Option* opt : cmd.get_options()) {
    const auto& names = opt->get_lnames();
    if (std::find(names.begin(), names.end(), key) != names.end()) return opt;
    if (opt->get_positional() && opt->get_name(true) == key) return opt;
  }
  return nullptr;
}

bool set_in_environment(const CLI::Option& opt) {
  const std::string name = opt.get_envname();
  if (name.empty()) return false;
  const char* value = std::getenv(name.c_str());
  return value != nullptr && *value != '\0';
}

/// Every subcommand under `app`, at any depth.
std::vector<const CLI::App*> all_subcommands(const CLI::App& app) {
  std::vector<const CLI::App*> out;
  for (const CLI::App* cmd : app.get_subcommands([](const CLI::App*) { return true; })) {
    out.push_back(cmd);
    const auto inner = all_subcommands(*cmd);
    out.insert(out.end(), inner.begin(), inner.end());
  }
  return out;
}

/// CLI11's reader, then our rules: one flat file for every subcommand, the environment over the file.
class ScopedConfig : public CLI::ConfigBase {
 public:
  explicit ScopedConfig(const CLI::App& app) : app_(app) {}

  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override {
    const std::string file = app_.get_config_ptr()->as<std::string>();
    // The invoked subcommands, outermost first (`keys`, `add` for `searchd keys add`).
    std::vector<const CLI::App*> invoked;
    for (const CLI::App* cmd = &app_; !cmd->get_subcommands().empty();)
      invoked.push_back(cmd = cmd->get_subcommands().front());
    std::vector<CLI::ConfigItem> kept;
    for (auto& item : CLI::ConfigBase::from_config(input)) {
      if (!item.parents.empty()) {
        const bool section = item.name == "++" || item.name == "--";  // CLI11's marks of a [section]
        throw CLI::ConfigError(file + ": " +
                               (section ? "section [" + CLI::detail::join(item.parents, ".") + "]"
                                        : "dotted key '" + item.fullname() + "'") +
                               " is not used: write each option as key = value, outside any section");
      }
      // The innermost invoked subcommand that has the option takes it; the main app's own options
      // (--config, --help) are found too, to be refused below.
      const CLI::Option* opt = nullptr;
      std::size_t owner = invoked.size();  // opt belongs to invoked[owner - 1]; 0: to the main app
      while (owner > 0 && (opt = find_option(*invoked[owner - 1], item.name)) == nullptr) --owner;
      if (opt == nullptr) opt = find_option(app_, item.name);
      if (opt == nullptr) {
        if (known_elsewhere(item.name)) continue;
        throw CLI::ConfigError(file + ": unknown key '" + item.name + "'");
      }
      if (!opt->get_configurable() || opt == app_.get_config_ptr() || opt == app_.get_help_ptr() || is_help(*opt))
        throw CLI::ConfigError(file + ": '" + item.name + "' is given on the command line only");
      if (set_in_environment(*opt)) continue;  // the environment overrides the file
      for (std::size_t i = 0; i < owner; ++i) item.parents.push_back(invoked[i]->get_name());
      kept.push_back(std::move(item));
    }
    return kept;
  }

 private:
  bool known_elsewhere(const std::string& key) const {
    for (const CLI::App* cmd : all_subcommands(app_))
      if (find_option(*cmd, key) != nullptr) return true;
    return false;
  }

  bool is_help(const CLI::Option& opt) const {
    for (const CLI::App* cmd : all_subcommands(app_))
      if (&opt == cmd->get_help_ptr()) return true;
    return false;
  }

  const CLI::App& app_;
};

/// Lets every subcommand pass --config up to the main app (`searchd serve --config FILE`).
void fall_through(CLI::App& app) {
  for (CLI::App* cmd : app.get_subcommands([](CLI::App*) { return true; })) {
    cmd->fallthrough();
    fall_through(*cmd);
  }
}

}  // namespace

void use_config_file(CLI::App& app, const std::string& default_path) {
  app.set_config("--config", default_path, "configuration file of key = value lines (\"\": none)", false);
  app.config_formatter(std::make_shared<ScopedConfig>(app));
  app.footer("Every option of a subcommand may also be set in the configuration file (" + default_path +
             ", or --config FILE) as `key = value`, the key being the option without its dashes. The command line "
             "overrides the environment (Env:), which overrides the file.");
  fall_through(app);
}

}  // namespace tracuu::cli
