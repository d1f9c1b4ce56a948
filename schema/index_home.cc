#include "schema/index_home.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace tracuu::schema {
namespace fs = std::filesystem;

namespace {
constexpr const char* kCurrent = "current";
constexpr const char* kGenPrefix = "gen-";
}  // namespace

Result<fs::path> current_generation(const fs::path& home) {
  std::error_code ec;
  const fs::path link = home / kCurrent;
  if (!fs::is_symlink(link, ec))
    return Error{Status::NotFound, "no index at " + home.string() + " (no 'current' link)"};
  fs::path target = fs::read_symlink(link, ec);
  if (ec) return Error{Status::Io, "cannot read " + link.string() + ": " + ec.message()};
  if (target.is_relative()) target = home / target;
  return target;
}

fs::path class_dir(const fs::path& gen_dir, const Visibility& v) {
  return gen_dir / class_dir_name(v);
}

std::vector<fs::path> sub_database_dirs(const fs::path& gen_dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(gen_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (it->is_directory(ec)) out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

unsigned generation_number(const fs::path& gen_dir) {
  const std::string name = gen_dir.filename().string();
  if (name.rfind(kGenPrefix, 0) != 0) return 0;
  unsigned n = 0;
  for (std::size_t i = 4; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return name[i] == '.' ? n : 0;
    n = n * 10 + static_cast<unsigned>(name[i] - '0');
  }
  return n;
}

fs::path next_generation(const fs::path& home) {
  unsigned max = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator(home, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    max = std::max(max, generation_number(it->path()));
  char name[32];
  std::snprintf(name, sizeof name, "gen-%06u", max + 1);
  return home / name;
}

Result<void> publish_generation(const fs::path& home, const fs::path& gen_dir) {
  std::error_code ec;
  const fs::path tmp_link = home / (std::string(kCurrent) + ".new");
  fs::remove(tmp_link, ec);
  fs::create_symlink(gen_dir.filename(), tmp_link, ec);  // relative: the home can move
  if (ec) return Error{Status::Io, "cannot create link " + tmp_link.string() + ": " + ec.message()};
  fs::rename(tmp_link, home / kCurrent, ec);  // rename(2) replaces the old link atomically
  if (ec) return Error{Status::Io, "cannot replace " + (home / kCurrent).string() + ": " + ec.message()};
  return {};
}

void prune_generations(const fs::path& home) {
  std::error_code ec;
  const auto current = current_generation(home);
  const unsigned live = current ? generation_number(*current) : 0;
  std::vector<fs::path> doomed;
  for (auto it = fs::directory_iterator(home, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const unsigned n = generation_number(it->path());
    const bool tmp = name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0;
    if (n == 0) continue;
    if (tmp || (live > 0 && n + 1 < live)) doomed.push_back(it->path());
  }
  for (const auto& p : doomed) fs::remove_all(p, ec);
}

}  // namespace tracuu::schema
