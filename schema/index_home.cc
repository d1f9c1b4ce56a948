#include "schema/index_home.h"

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace tracuu::schema {
namespace fs = std::filesystem;

namespace {
constexpr const char* kCurrent = "current";
constexpr const char* kGenPrefix = "gen-";
constexpr const char* kManifest = "manifest";
constexpr const char* kMetaGeneration = "tracuu.generation";
constexpr const char* kMetaClasses = "tracuu.classes";  // directory names, one a line

std::string join_lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}
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

Result<Manifest> manifest_of(const fs::path& home) {
  auto gen = current_generation(home);
  if (!gen) return gen.error();
  Manifest m;
  m.generation = gen->filename().string();
  for (const auto& dir : sub_database_dirs(*gen)) m.classes.push_back(dir.filename().string());
  return m;
}

Result<void> write_manifest(const fs::path& home) {
  auto m = manifest_of(home);
  if (!m) return m.error();
  const fs::path path = home / kManifest;
  try {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OPEN);
    const std::string classes = join_lines(m->classes);
    if (db.get_metadata(kMetaGeneration) == m->generation && db.get_metadata(kMetaClasses) == classes) return {};
    db.set_metadata(kMetaGeneration, m->generation);
    db.set_metadata(kMetaClasses, classes);
    db.commit();
  } catch (const Xapian::DatabaseLockError& e) {
    return Error{Status::Locked, "cannot write " + path.string() + ": " + e.get_msg()};
  } catch (const Xapian::Error& e) {
    return Error{Status::Io, "cannot write " + path.string() + ": " + e.get_description()};
  }
  return {};
}

Result<Manifest> read_manifest(const fs::path& db_path) {
  std::error_code ec;
  if (!fs::exists(db_path, ec)) return Error{Status::NotFound, "no manifest at " + db_path.string()};
  Manifest m;
  try {
    const Xapian::Database db(db_path.string());
    m.generation = db.get_metadata(kMetaGeneration);
    m.classes = split_lines(db.get_metadata(kMetaClasses));
  } catch (const Xapian::Error& e) {
    return Error{Status::IndexUnavailable, "cannot read " + db_path.string() + ": " + e.get_description()};
  }
  if (generation_number(m.generation) == 0)
    return Error{Status::IndexUnavailable, db_path.string() + " names no generation"};
  return m;
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

fs::path originals_dir(const fs::path& home) {
  return home / "originals";
}

std::optional<std::string_view> original_media_type(std::string_view name) {
  const std::size_t dot = name.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot > 128) return std::nullopt;
  for (char c : name.substr(0, dot))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  const std::string_view ext = name.substr(dot + 1);
  if (ext == "pdf") return kPdfMediaType;
  if (ext == "docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  return std::nullopt;
}

}  // namespace tracuu::schema
