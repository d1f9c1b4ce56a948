#include "indexer/generation_writer.h"

#include <xapian.h>

#include "schema/index_home.h"
#include "schema/index_meta.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;

Result<IndexWriter> open_class_writer(const fs::path& dir, const schema::Visibility& v, const std::string& created_by,
                                      bool durable) {
  auto w = IndexWriter::open(dir, created_by, durable);
  if (!w) return w.error();
  if (auto ok = w->claim_class(v); !ok) return ok.error();
  return w;
}

Result<GenerationWriter> GenerationWriter::open(const fs::path& gen_dir, const std::string& created_by, bool durable) {
  std::error_code ec;
  fs::create_directories(gen_dir, ec);
  if (ec) return Error{Status::Io, "cannot create " + gen_dir.string() + ": " + ec.message()};
  GenerationWriter g(gen_dir, created_by, durable);
  for (const fs::path& dir : schema::sub_database_dirs(gen_dir)) {
    Result<schema::Visibility> cls = Error{Status::Internal, ""};
    try {
      cls = schema::read_class(Xapian::Database(dir.string()));
    } catch (const Xapian::Error& e) {
      return Error{Status::IndexUnavailable, "opening " + dir.string() + ": " + e.get_description()};
    }
    if (!cls) return Error{Status::Internal, dir.string() + " states no visibility class: " + cls.error().message};
    if (auto w = g.writer_for(*cls); !w) return w.error();
  }
  if (auto w = g.writer_for({}); !w) return w.error();  // public/ always exists
  return g;
}

Result<IndexWriter*> GenerationWriter::writer_for(const schema::Visibility& v) {
  for (auto& [cls, writer] : classes_)
    if (cls == v) return &writer;
  auto w = open_class_writer(schema::class_dir(gen_, v), v, created_by_, durable_);
  if (!w) return w.error();
  const bool is_public = v.kind == schema::Visibility::Kind::Public;
  auto it = classes_.emplace(is_public ? classes_.begin() : classes_.end(), v, std::move(*w));
  return &it->second;
}

Result<void> GenerationWriter::upsert(PreparedDoc&& doc) {
  for (auto& [cls, writer] : classes_) {
    if (cls == doc.visibility()) continue;
    auto held = writer.contains(doc.id());
    if (!held) return held.error();
    if (!*held) continue;
    if (auto r = writer.remove(doc.id()); !r) return r.error();
    if (auto ok = writer.commit(); !ok) return ok;
  }
  auto w = writer_for(doc.visibility());
  if (!w) return w.error();
  return (*w)->upsert(std::move(doc));
}

Result<bool> GenerationWriter::remove(const std::string& id) {
  bool any = false;
  for (auto& [cls, writer] : classes_) {
    auto r = writer.remove(id);
    if (!r) return r.error();
    any = any || *r;
  }
  return any;
}

Result<void> GenerationWriter::commit() {
  // A document that changed class had its removal committed when it moved: the order here does not matter.
  for (auto it = classes_.rbegin(); it != classes_.rend(); ++it)
    if (auto ok = it->second.commit(); !ok) return ok;
  return {};
}

Result<std::unordered_map<std::string, std::string>> GenerationWriter::content_hashes() const {
  std::unordered_map<std::string, std::string> all;
  for (const auto& [cls, writer] : classes_) {
    auto h = writer.content_hashes();
    if (!h) return h.error();
    all.merge(*h);
  }
  return all;
}

Result<void> GenerationWriter::set_metadata(const std::string& key, const std::string& value) {
  return classes_.front().second.set_metadata(key, value);
}

std::size_t GenerationWriter::doc_count() const {
  std::size_t n = 0;
  for (const auto& [cls, writer] : classes_) n += writer.doc_count();
  return n;
}

}  // namespace tracuu::indexer
