#include "searchd/replica.h"

#include "schema/index_home.h"

namespace tracuu::searchd {
namespace fs = std::filesystem;

namespace {

Result<void> move_into_place(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) return Error{Status::Io, "cannot move " + from.string() + " to " + to.string() + ": " + ec.message()};
  return {};
}

// Copies the class databases of `m` into the live generation `live`: existing ones in place
// (xapian-replicate applies changesets, or a full copy beside the old one, atomically), new
// ones aside and then moved in, so that a reader listing the generation never opens a partial copy.
Result<void> update_live(const fs::path& home, const fs::path& live, const schema::Manifest& m,
                         const FetchDatabase& fetch) {
  const fs::path incoming = home / "incoming";
  std::error_code ec;
  for (const auto& cls : m.classes) {
    const std::string master = m.generation + "/" + cls;
    if (fs::exists(live / cls, ec)) {
      if (auto ok = fetch(master, live / cls); !ok) return ok;
      continue;
    }
    fs::create_directories(incoming, ec);
    const fs::path staged = incoming / (m.generation + "-" + cls);
    if (auto ok = fetch(master, staged); !ok) return ok;
    if (auto ok = move_into_place(staged, live / cls); !ok) return ok;
  }
  fs::remove_all(incoming, ec);
  return {};
}

}  // namespace

Result<ReplicaRound> replicate_once(const fs::path& home, const FetchDatabase& fetch) {
  std::error_code ec;
  fs::create_directories(home, ec);
  if (ec) return Error{Status::Io, "cannot create " + home.string() + ": " + ec.message()};
  if (auto ok = fetch("manifest", home / "manifest"); !ok) return ok.error();
  auto m = schema::read_manifest(home / "manifest");
  if (!m) return m.error();
  ReplicaRound round{m->generation, m->classes, false};

  const auto current = schema::current_generation(home);
  if (current && current->filename() == m->generation) {
    if (auto ok = update_live(home, *current, *m, fetch); !ok) return ok.error();
    return round;
  }
  // A generation this replica does not serve yet (the first round, or a rebuild on the writer).
  const fs::path gen = home / m->generation;
  const fs::path work = home / (m->generation + ".tmp");
  fs::create_directories(work, ec);
  if (ec) return Error{Status::Io, "cannot create " + work.string() + ": " + ec.message()};
  for (const auto& cls : m->classes)
    if (auto ok = fetch(m->generation + "/" + cls, work / cls); !ok) return ok.error();
  fs::remove_all(gen, ec);  // a copy left by an interrupted round, never published
  if (auto ok = move_into_place(work, gen); !ok) return ok.error();
  if (auto ok = schema::publish_generation(home, gen); !ok) return ok.error();
  schema::prune_generations(home);
  fs::remove_all(home / "incoming", ec);
  round.switched = true;
  return round;
}

}  // namespace tracuu::searchd
