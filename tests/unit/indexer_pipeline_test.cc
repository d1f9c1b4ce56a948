#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "indexer/generation_writer.h"
#include "indexer/ingest/ingest.h"
#include "indexer/pipeline.h"
#include "indexer/sharded.h"
#include "indexer/validity_pass.h"
#include "schema/fields.h"
#include "schema/index_home.h"
#include "schema/index_meta.h"
#include "schema/sharding.h"
#include "schema/terms.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::indexer;
using tracuu::testing::TempDir;
namespace fs = std::filesystem;

namespace {

BuildOptions quiet(unsigned threads = 2) {
  BuildOptions o;
  o.threads = threads;
  return o;
}

void copy_samples(const fs::path& to) {
  fs::create_directories(to);
  for (const auto& e : fs::directory_iterator(fs::path(TRACUU_SOURCE_DIR) / "data/samples"))
    fs::copy_file(e.path(), to / e.path().filename());
}

// An index home beside a copy of the samples, whose document 004 gets its visibility from a sidecar.
struct SampleHome {
  explicit SampleHome(const std::string& tag) : dir(tag) { copy_samples(docs); }
  /// Writes the sidecar of document 004, or removes it when `json` is empty.
  void set_sidecar(const std::string& json) const {
    if (json.empty())
      fs::remove(sidecar);
    else
      std::ofstream(sidecar) << json;
  }
  TempDir dir;
  fs::path home = dir.path() / "index", docs = dir.path() / "docs";
  fs::path sidecar = docs / "004_b33ee16890788d7a.meta.json";
};

}  // namespace

TEST_CASE("indexer: re-indexing is idempotent and skips unchanged files", "[indexer]") {
  const TempDir dir("pipeline");
  const fs::path home = dir.path() / "index", docs = dir.path() / "docs";
  copy_samples(docs);
  const Extractor extractor;
  auto first = add_documents(home, {docs}, extractor, quiet(), {});
  REQUIRE(first.has_value());
  CHECK(first->progress.indexed == 5);
  CHECK(first->errors.empty());

  auto again = add_documents(home, {docs}, extractor, quiet(), {});
  REQUIRE(again.has_value());
  CHECK(again->progress.indexed == 0);
  CHECK(again->progress.skipped == 5);

  // A changed file is re-indexed and replaces its document (same id).
  std::ofstream(docs / "004_b33ee16890788d7a.txt", std::ios::app) << "\nĐã sửa: thêm một dòng.\n";
  auto changed = add_documents(home, {docs}, extractor, quiet(), {});
  REQUIRE(changed.has_value());
  CHECK(changed->progress.indexed == 1);
  CHECK(changed->progress.skipped == 4);
  auto stats = index_stats(home);
  REQUIRE(stats.has_value());
  CHECK(stats->documents == 5);
  CHECK(stats->schema_version == std::to_string(tracuu::schema::kSchemaVersion));
  CHECK_FALSE(stats->last_commit.empty());
  REQUIRE(stats->inputs.size() == 1);
  CHECK_FALSE(stats->needs_rebuild);

  auto removed = delete_documents(home, {"004_b33ee16890788d7a", "no-such-id"}, "tests");
  REQUIRE(removed.has_value());
  CHECK(*removed == 1);
  CHECK(index_stats(home)->documents == 4);
}

TEST_CASE("indexer: bad inputs are reported and the others still indexed", "[indexer]") {
  const TempDir dir("pipeline-bad");
  const fs::path home = dir.path() / "index";
  const fs::path good = dir.write("good.txt", "THÔNG BÁO\nKết luận phiên họp về khu công nghiệp Hữu Lũng.\n");
  const fs::path empty = dir.write("empty.txt", "");
  const fs::path jsonl =
      dir.write("records.jsonl",
                "{\"id\":\"a\",\"text\":\"Ủy ban nhân dân tỉnh\"}\nnot json\n{\"id\":\"a\",\"text\":\"trùng id\"}\n");
  const Extractor extractor;
  auto r = rebuild_index(home, {good, empty, jsonl, dir.path() / "missing.txt"}, extractor, quiet(1), {});
  REQUIRE(r.has_value());
  CHECK(r->progress.indexed == 2);  // good.txt and record a
  CHECK(r->errors.size() == 4);     // empty file, bad JSON line, duplicate id, missing file
  bool named_duplicate = false;
  for (const auto& e : r->errors)
    named_duplicate = named_duplicate || e.error.message.find("duplicate document id 'a'") != std::string::npos;
  CHECK(named_duplicate);
  CHECK(index_stats(home)->documents == 2);
}

TEST_CASE("indexer: one writer per index home", "[indexer]") {
  const TempDir dir("pipeline-lock");
  const fs::path home = dir.path() / "index";
  fs::create_directories(home);
  const int fd = ::open((home / ".lock").c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  const Extractor extractor;
  auto r = add_documents(home, {fs::path(TRACUU_SOURCE_DIR) / "data/samples"}, extractor, quiet(), {});
  ::close(fd);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().status == tracuu::Status::Locked);
}

TEST_CASE("indexer: rebuild swaps a new generation in and records its inputs", "[indexer]") {
  const TempDir dir("pipeline-rebuild");
  const fs::path home = dir.path() / "index";
  const Extractor extractor;
  REQUIRE(rebuild_index(home, {fs::path(TRACUU_SOURCE_DIR) / "data/samples"}, extractor, quiet(), {}).has_value());
  const auto first = tracuu::schema::current_generation(home);
  REQUIRE(first.has_value());
  auto again = rebuild_index(home, {}, extractor, quiet(), {});  // inputs taken from the live index
  REQUIRE(again.has_value());
  const auto second = tracuu::schema::current_generation(home);
  REQUIRE(second.has_value());
  CHECK(*second != *first);
  CHECK(index_stats(home)->documents == 5);
  CHECK_FALSE(index_stats(home)->needs_rebuild);

  // An index an older version made (its schema version stamped lower, as on a package upgrade): stats says it
  // needs a rebuild, and a rebuild from the inputs it records makes it current.
  {
    Xapian::WritableDatabase db(tracuu::schema::class_dir(*second, {}).string());
    db.set_metadata(std::string(tracuu::schema::kMetaSchemaVersion),
                    std::to_string(tracuu::schema::kSchemaVersion - 1));
    db.commit();
  }
  REQUIRE(index_stats(home).has_value());
  CHECK(index_stats(home)->needs_rebuild);
  REQUIRE(rebuild_index(home, {}, extractor, quiet(), {}).has_value());
  CHECK_FALSE(index_stats(home)->needs_rebuild);
  CHECK(index_stats(home)->documents == 5);

  auto none = rebuild_index(dir.path() / "empty-home", {}, extractor, quiet(), {});
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().status == tracuu::Status::BadRequest);
}

TEST_CASE("indexer: each document goes to the database of its visibility, and moves when it changes",
          "[indexer][access]") {
  const SampleHome h("visibility");
  const fs::path &home = h.home, &docs = h.docs, &sidecar = h.sidecar;
  using Classes = std::vector<std::pair<std::string, std::size_t>>;
  auto classes = [&] {
    auto stats = index_stats(home);
    REQUIRE(stats.has_value());
    Classes nonempty;
    for (const auto& c : stats->classes)
      if (c.second > 0) nonempty.push_back(c);
    return nonempty;
  };
  struct Step {
    std::string sidecar;  // "" = none
    Classes expected;
  };
  // Only the sidecar changes between steps: it is part of what was indexed, so each run re-indexes the document.
  const std::vector<Step> steps{
      {R"({"visibility": "internal"})", {{"internal", 1}, {"public", 4}}},
      {R"({"visibility": {"groups": ["so-tai-chinh", "so-y-te"]}})",
       {{"groups:so-tai-chinh,so-y-te", 1}, {"public", 4}}},
      {"", {{"public", 5}}},
  };
  for (const auto& step : steps) {
    INFO(step.sidecar);
    h.set_sidecar(step.sidecar);
    auto report = add_documents(home, {docs}, Extractor(), quiet(), {});
    REQUIRE(report.has_value());
    CHECK(report->errors.empty());
    CHECK(classes() == step.expected);
  }
  // A visibility that cannot be read fails the document (reported; the index keeps what it had).
  std::ofstream(sidecar) << R"({"visibility": {"groups": ["Sở Tài chính"]}})";
  auto bad = add_documents(home, {docs}, Extractor(), quiet(), {});
  REQUIRE(bad.has_value());
  CHECK(bad->errors.size() == 1);

  // rebuild writes every class afresh; delete removes from every class.
  std::ofstream(sidecar) << R"({"visibility": "internal"})";
  REQUIRE(rebuild_index(home, {}, Extractor(), quiet(), {}).has_value());
  CHECK(classes() == Classes{{"internal", 1}, {"public", 4}});
  REQUIRE(delete_documents(home, {"004_b33ee16890788d7a"}, "tests").has_value());
  CHECK(classes() == Classes{{"public", 4}});
}

TEST_CASE("indexer: the manifest names the live generation and its class databases, for replicas",
          "[indexer][replica]") {
  const SampleHome h("manifest");
  const fs::path &home = h.home, &docs = h.docs;
  struct Step {
    bool rebuild;                      // else add
    std::string sidecar;               // "" = none
    std::vector<std::string> classes;  // what a replica must copy
    bool new_generation;
  };
  const std::vector<Step> steps{
      {false, "", {"public"}, true},  // the first add creates the home
      {false, R"({"visibility": "internal"})", {"internal", "public"}, false},
      {false, R"({"visibility": {"groups": ["so-tai-chinh"]}})", {"group-so-tai-chinh", "internal", "public"}, false},
      {true, R"({"visibility": {"groups": ["so-tai-chinh"]}})", {"group-so-tai-chinh", "public"}, true},
  };
  std::string generation;
  for (const auto& step : steps) {
    INFO(step.sidecar << (step.rebuild ? " (rebuild)" : " (add)"));
    h.set_sidecar(step.sidecar);
    if (step.rebuild)
      REQUIRE(rebuild_index(home, {}, Extractor(), quiet(), {}).has_value());
    else
      REQUIRE(add_documents(home, {docs}, Extractor(), quiet(), {}).has_value());
    const auto m = tracuu::schema::read_manifest(home / "manifest");
    REQUIRE(m.has_value());
    CHECK(m->generation == tracuu::schema::current_generation(home)->filename().string());
    CHECK(m->classes == step.classes);
    CHECK((m->generation != generation) == step.new_generation);
    generation = m->generation;
  }
  const auto none = tracuu::schema::read_manifest(h.dir.path() / "nowhere");
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().status == tracuu::Status::NotFound);
}

TEST_CASE("indexer: a change to restricted documents leaves the public database's commit time as it was",
          "[indexer][access]") {
  const TempDir dir("last-commit");
  const fs::path home = dir.path() / "index", docs = dir.path() / "docs";
  copy_samples(docs);
  REQUIRE(add_documents(home, {docs}, Extractor(), quiet(), {}).has_value());
  // A time no commit of this run can stamp, so that any stamp shows (commit times have whole seconds).
  const std::string kBefore = "2000-01-01T00:00:00Z";
  const auto public_db = [&] {
    auto gen = tracuu::schema::current_generation(home);
    REQUIRE(gen.has_value());
    return tracuu::schema::class_dir(*gen, {});
  };
  const auto stamp = [&](const std::string& value) {
    Xapian::WritableDatabase db(public_db().string());
    db.set_metadata(std::string(tracuu::schema::kMetaLastCommit), value);
    db.commit();
  };
  const auto public_last_commit = [&] {
    return Xapian::Database(public_db().string()).get_metadata(std::string(tracuu::schema::kMetaLastCommit));
  };
  struct Step {
    const char* file;
    const char* sidecar;  // "" = none
    bool public_changes;
  };
  const Step steps[] = {
      {"mat-779.txt", R"({"visibility": "internal"})", false},
      {"nhom-888.txt", R"({"visibility": {"groups": ["so-tai-chinh"]}})", false},
      {"cong-khai-780.txt", "", true},
  };
  for (const auto& step : steps) {
    INFO(step.file);
    stamp(kBefore);
    std::ofstream(docs / step.file) << "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nQUYẾT ĐỊNH\nVề việc lưu trữ hồ sơ "
                                    << step.file << "\n\nĐiều 1. Giao Sở Nội vụ lưu trữ hồ sơ.\n";
    if (*step.sidecar) std::ofstream(fs::path(docs / step.file).replace_extension(".meta.json")) << step.sidecar;
    auto report = add_documents(home, {docs}, Extractor(), quiet(), {});
    REQUIRE(report.has_value());
    CHECK(report->progress.indexed == 1);
    CHECK((public_last_commit() != kBefore) == step.public_changes);
  }
}

namespace {

// Two decrees as vn-legal gives them (its meta carries ngay_hieu_luc): Nghị định 103/2015/NĐ-CP, and the decree whose
// "Hiệu lực thi hành" replaces it (the sentence is vn-legal's, an-ninh-quoc-gia/cong-an-nhan-dan, Điều 1.6.NĐ.4.16).
std::string decree_103(const std::string& visibility) {
  nlohmann::json j{{"id", "nd-103-2015"},
                   {"title", "Quy định chi tiết và biện pháp thi hành một số điều của Luật Công an nhân dân"},
                   {"so_hieu", "103/2015/NĐ-CP"},
                   {"loai_van_ban", "Nghị định"},
                   {"co_quan_ban_hanh", "Chính phủ"},
                   {"ngay_ban_hanh", "2015-10-20"},
                   {"ngay_hieu_luc", "2015-12-05"},
                   {"text", "Nghị định này có hiệu lực thi hành kể từ ngày 05 tháng 12 năm 2015."}};
  if (!visibility.empty()) j["visibility"] = nlohmann::json::parse(visibility);
  return j.dump() + "\n";
}

std::string decree_42(const std::string& visibility) {
  nlohmann::json j{
      {"id", "nd-42-2019"},
      {"title", "Quy định chi tiết một số điều của Luật Công an nhân dân"},
      {"so_hieu", "42/2019/NĐ-CP"},
      {"loai_van_ban", "Nghị định"},
      {"co_quan_ban_hanh", "Chính phủ"},
      {"ngay_ban_hanh", "2019-05-16"},
      {"ngay_hieu_luc", "2019-07-25"},
      {"text",
       "Điều 18. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành kể từ ngày 25 tháng 7 năm 2019, thay thế "
       "Nghị định số 103/2015/NĐ-CP ngày 20 tháng 10 năm 2015 của Chính phủ quy định chi tiết và biện pháp thi hành "
       "một số điều của Luật Công an nhân dân."}};
  if (!visibility.empty()) j["visibility"] = nlohmann::json::parse(visibility);
  return j.dump() + "\n";
}

// The validity code the index holds for `id` (XHL:), searching every sub-database of the live generation.
std::string validity_code_of(const fs::path& home, const std::string& id) {
  const auto gen = tracuu::schema::current_generation(home);
  REQUIRE(gen.has_value());
  for (const auto& dir : tracuu::schema::sub_database_dirs(*gen)) {
    Xapian::Database db(dir.string());
    const std::string id_term = tracuu::schema::id_term(id);
    if (!db.term_exists(id_term)) continue;
    const Xapian::docid did = *db.postlist_begin(id_term);
    const std::string prefix(tracuu::schema::prefix(tracuu::schema::Field::Validity));
    for (auto t = db.termlist_begin(did); t != db.termlist_end(did); ++t)
      if ((*t).starts_with(prefix)) return (*t).substr(prefix.size());
  }
  return "";
}

}  // namespace

TEST_CASE("indexer: a later decree replacing an indexed one ends it in the index, if its readers may see both",
          "[indexer][validity]") {
  struct Row {
    const char* name;
    std::string target_visibility, actor_visibility;
    const char* expected;  // validity code of 103/2015/NĐ-CP after both are indexed
  };
  const std::vector<Row> rows{
      {"both public", "", "", "het"},
      {"replacer internal, target public: the public never learns of it", "", R"("internal")", "con"},
      {"both internal", R"("internal")", R"("internal")", "het"},
      {"replacer public, target of a group", R"({"groups": ["so-tai-chinh"]})", "", "het"},
      {"replacer of another group", R"({"groups": ["so-tai-chinh"]})", R"({"groups": ["so-y-te"]})", "con"},
      {"replacer internal, target of a group (all its readers are staff)", R"({"groups": ["so-tai-chinh"]})",
       R"("internal")", "het"},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    const TempDir dir("validity-pass");
    const fs::path home = dir.path() / "index";
    const fs::path target = dir.write("nd-103.jsonl", decree_103(row.target_visibility));
    const fs::path actor = dir.write("nd-42.jsonl", decree_42(row.actor_visibility));
    const Extractor extractor;
    // The target alone: in force since 05/12/2015.
    REQUIRE(add_documents(home, {target}, extractor, quiet(1), {}).has_value());
    CHECK(validity_code_of(home, "nd-103-2015") == "con");
    // The replacing decree, indexed later, changes the status of the one already indexed.
    REQUIRE(add_documents(home, {actor}, extractor, quiet(1), {}).has_value());
    CHECK(validity_code_of(home, "nd-103-2015") == row.expected);
    CHECK(validity_code_of(home, "nd-42-2019") == "con");
    // Deleting the replacing decree brings the replaced one back into force.
    REQUIRE(delete_documents(home, {"nd-42-2019"}, "tests").has_value());
    CHECK(validity_code_of(home, "nd-103-2015") == "con");
  }
}

TEST_CASE("indexer: validity is settled as of a day: before the replacement took effect, still in force",
          "[indexer][validity]") {
  const TempDir dir("validity-as-of");
  const fs::path home = dir.path() / "index";
  const fs::path docs = dir.write("both.jsonl", decree_103("") + decree_42(""));
  REQUIRE(rebuild_index(home, {docs}, Extractor{}, quiet(1), {}).has_value());
  CHECK(validity_code_of(home, "nd-103-2015") == "het");
  struct Row {
    const char* as_of;
    const char* target;
    const char* actor;
  };
  for (const Row& row :
       {Row{"2015-11-01", "chua", "chua"}, Row{"2019-07-24", "con", "chua"}, Row{"2019-07-25", "het", "con"}}) {
    INFO(row.as_of);
    auto writer = GenerationWriter::open(*tracuu::schema::current_generation(home), "tests");
    REQUIRE(writer.has_value());
    REQUIRE(settle_validity(*writer, row.as_of).has_value());
    REQUIRE(writer->commit().has_value());
    CHECK(validity_code_of(home, "nd-103-2015") == row.target);
    CHECK(validity_code_of(home, "nd-42-2019") == row.actor);
  }
}

namespace {

// The ids held by each database of the live generation of `home`.
std::set<std::string> ids_in(const fs::path& home) {
  std::set<std::string> out;
  const auto gen = tracuu::schema::current_generation(home);
  if (!gen) return out;
  const std::string prefix = tracuu::schema::id_term("");
  for (const auto& dir : tracuu::schema::sub_database_dirs(*gen)) {
    Xapian::Database db(dir.string());
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) out.insert((*t).substr(prefix.size()));
  }
  return out;
}

}  // namespace

TEST_CASE("indexer: the shard of a document id is FNV-1a of the id modulo the count, on every machine",
          "[indexer][shards]") {
  using tracuu::schema::fnv1a_64;
  using tracuu::schema::shard_of;
  // The published FNV-1a 64 test vectors: the hash is defined, not whatever std::hash gives.
  STATIC_REQUIRE(fnv1a_64("") == 0xcbf29ce484222325ULL);
  STATIC_REQUIRE(fnv1a_64("a") == 0xaf63dc4c8601ec8cULL);
  STATIC_REQUIRE(fnv1a_64("foobar") == 0x85944171f73967e8ULL);
  struct Row {
    const char* id;
    unsigned count, shard;
  };
  for (const Row& row :
       {Row{"nd-103-2015", 1, 0}, Row{"nd-103-2015", 3, static_cast<unsigned>(fnv1a_64("nd-103-2015") % 3)},
        Row{"Quyết định 1234/QĐ-UBND", 7, static_cast<unsigned>(fnv1a_64("Quyết định 1234/QĐ-UBND") % 7)}}) {
    INFO(row.id << " of " << row.count);
    CHECK(shard_of(row.id, row.count) == row.shard);
  }
}

TEST_CASE(
    "indexer: a sharded build puts each document in the shard of its id, the same every time; add and "
    "delete route by the same hash",
    "[indexer][shards]") {
  const TempDir dir("sharded");
  const fs::path docs = dir.path() / "docs";
  copy_samples(docs);
  const fs::path extra = dir.write("extra.jsonl", decree_103("") + decree_42(R"("internal")"));
  const Extractor extractor;
  constexpr unsigned kShards = 3;
  std::set<std::string> first_layout[kShards];
  for (const char* run : {"a", "b"}) {
    INFO("build " << run);
    const fs::path home = dir.path() / run;
    REQUIRE(shards_to_write(home, kShards).value() == kShards);
    auto r = write_sharded(home, kShards, {docs, extra}, extractor, quiet(), {}, true);
    REQUIRE(r.has_value());
    CHECK(r->progress.indexed == 7);
    CHECK(tracuu::schema::shard_count(home).value() == kShards);
    std::set<std::string> all;
    for (unsigned k = 0; k < kShards; ++k) {
      const auto ids = ids_in(tracuu::schema::shard_home(home, k));
      for (const auto& id : ids) CHECK(tracuu::schema::shard_of(id, kShards) == k);
      all.insert(ids.begin(), ids.end());
      if (std::string(run) == "a") first_layout[k] = ids;
      CHECK(ids == first_layout[k]);  // the second build lays the documents out as the first
    }
    CHECK(all.size() == 7);
  }
  const fs::path home = dir.path() / "a";
  SECTION("the home's count is kept, and contradicting it is refused") {
    CHECK(shards_to_write(home, 0).value() == kShards);
    CHECK(shards_to_write(home, kShards + 1).error().status == tracuu::Status::BadRequest);
    REQUIRE(add_documents(dir.path() / "plain", {extra}, extractor, quiet(1), {}).has_value());
    CHECK(shards_to_write(dir.path() / "plain", 0).value() == 0u);
    CHECK(shards_to_write(dir.path() / "plain", 2).error().status == tracuu::Status::BadRequest);
  }
  SECTION("add updates a document in its shard, delete removes it from there") {
    const std::string id = "nd-103-2015";
    const unsigned k = tracuu::schema::shard_of(id, kShards);
    const fs::path changed = dir.write("changed.jsonl", decree_103(R"("internal")"));
    auto r = write_sharded(home, kShards, {changed}, extractor, quiet(1), {}, false);
    REQUIRE(r.has_value());
    CHECK(r->progress.indexed == 1);
    std::size_t holders = 0;
    for (unsigned s = 0; s < kShards; ++s) holders += ids_in(tracuu::schema::shard_home(home, s)).count(id);
    CHECK(holders == 1);
    CHECK(ids_in(tracuu::schema::shard_home(home, k)).count(id) == 1);
    auto n = delete_sharded(home, kShards, {id, "no-such-document"}, "tests");
    REQUIRE(n.has_value());
    CHECK(*n == 1);
    CHECK(ids_in(tracuu::schema::shard_home(home, k)).count(id) == 0);
  }
}

TEST_CASE("indexer: a replacement in one shard ends the force of the replaced decree in another",
          "[indexer][shards][validity]") {
  // The smallest count that puts the two decrees apart.
  unsigned count = 2;
  while (tracuu::schema::shard_of("nd-103-2015", count) == tracuu::schema::shard_of("nd-42-2019", count)) ++count;
  const TempDir dir("sharded-validity");
  const fs::path home = dir.path() / "index";
  const fs::path target = dir.write("nd-103.jsonl", decree_103(""));
  const fs::path actor = dir.write("nd-42.jsonl", decree_42(""));
  const fs::path target_shard = tracuu::schema::shard_home(home, tracuu::schema::shard_of("nd-103-2015", count));
  REQUIRE(write_sharded(home, count, {target}, Extractor{}, quiet(1), {}, true).has_value());
  CHECK(validity_code_of(target_shard, "nd-103-2015") == "con");
  REQUIRE(write_sharded(home, count, {actor}, Extractor{}, quiet(1), {}, false).has_value());
  CHECK(validity_code_of(target_shard, "nd-103-2015") == "het");
  REQUIRE(delete_sharded(home, count, {"nd-42-2019"}, "tests").has_value());
  CHECK(validity_code_of(target_shard, "nd-103-2015") == "con");
}
