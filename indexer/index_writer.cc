#include "indexer/index_writer.h"

#include <xapian.h>

#include <ctime>
#include <set>
#include <unordered_set>

#include "indexer/prepared_doc_impl.h"
#include "schema/docdata.h"
#include "schema/fields.h"
#include "schema/index_meta.h"
#include "schema/terms.h"

namespace tracuu::indexer {
namespace {

Error from_xapian(const Xapian::Error& e, const std::string& what) {
  const std::string type = e.get_type();
  Status s = Status::Internal;
  if (type == "DatabaseLockError")
    s = Status::Locked;
  else if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError" || type == "DatabaseCorruptError")
    s = Status::IndexUnavailable;
  else if (type == "DatabaseError" || type == "DatabaseCreateError")
    s = Status::Io;
  return Error{s, what + ": " + e.get_description()};
}

}  // namespace

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  std::unordered_set<std::uint32_t> facet_names_written;  ///< this session: each display form once
  bool documents_changed = false;                         ///< a document added, replaced or deleted since the commit
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;
IndexWriter::~IndexWriter() {
  // Uncommitted changes are discarded, not half-written: the last commit stays the index.
  if (impl_) {
    try {
      impl_->db.close();
    } catch (const Xapian::Error&) {
    }
  }
}

Result<IndexWriter> IndexWriter::open(const std::filesystem::path& db_dir, const std::string& created_by,
                                      bool durable) {
  auto impl = std::make_unique<Impl>();
  try {
    // Commits are explicit (batched by the caller); the flush threshold only bounds memory.
    impl->db = Xapian::WritableDatabase(
        db_dir.string(), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS | (durable ? 0 : Xapian::DB_NO_SYNC));
    if (auto ok = schema::check_index_versions(impl->db); !ok) return ok.error();
    schema::stamp_index_versions(impl->db, created_by);
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "opening " + db_dir.string());
  }
  return IndexWriter(std::move(impl));
}

Result<void> IndexWriter::upsert(PreparedDoc&& doc) {
  auto& p = doc.impl();
  try {
    impl_->db.replace_document(p.id_term, p.doc);
    impl_->documents_changed = true;
    for (const auto& [id, display] : p.facet_names)
      if (impl_->facet_names_written.insert(id).second) impl_->db.set_metadata(schema::facet_metadata_key(id), display);
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "writing document " + p.id);
  }
  return {};
}

Result<void> IndexWriter::claim_class(const schema::Visibility& v) {
  try {
    const std::string key(schema::kMetaVisibility), want = schema::to_string(v);
    const std::string have = impl_->db.get_metadata(key);
    if (have.empty()) {
      impl_->db.set_metadata(key, want);
      return {};
    }
    if (have != want) return Error{Status::Internal, "database of class '" + have + "' opened as '" + want + "'"};
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "reading the visibility class");
  }
  return {};
}

Result<bool> IndexWriter::contains(const std::string& id) const {
  try {
    return impl_->db.term_exists(schema::id_term(id));
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "looking up document " + id);
  }
}

Result<bool> IndexWriter::remove(const std::string& id) {
  try {
    const std::string term = schema::id_term(id);
    const bool present = impl_->db.term_exists(term);
    if (present) impl_->db.delete_document(term);
    impl_->documents_changed = impl_->documents_changed || present;
    return present;
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "deleting document " + id);
  }
}

Result<std::vector<schema::DocRecord>> IndexWriter::records_under(const std::vector<std::string>& prefixes) const {
  try {
    const Xapian::Database& db = impl_->db;
    std::set<Xapian::docid> docs;
    for (const auto& prefix : prefixes)
      for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) docs.insert(*p);
    std::vector<schema::DocRecord> out;
    for (const Xapian::docid did : docs)
      if (auto stored = schema::decode_doc_data(db.get_document(did).get_data(), schema::DocParts::All))
        out.push_back(std::move(stored->record));
    return out;
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "reading documents");
  }
}

Result<std::size_t> IndexWriter::relabel_validity(
    const std::function<schema::ValidityDates(const schema::DocRecord&)>& dates_of, std::string_view as_of) {
  std::size_t changed = 0;
  try {
    Xapian::WritableDatabase& db = impl_->db;
    std::vector<Xapian::docid> docs;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) docs.push_back(*p);
    for (const Xapian::docid did : docs) {
      Xapian::Document doc = db.get_document(did);
      auto stored = schema::decode_doc_data(doc.get_data(), schema::DocParts::Meta);
      if (!stored) continue;
      const schema::ValidityDates dates = dates_of(stored->record);
      if (doc.get_value(schema::kSlotValidityDates) == schema::pack_validity_dates(dates) &&
          doc.get_value(schema::kSlotValidity) == schema::validity_label(schema::validity_at(dates, as_of)))
        continue;
      set_validity(doc, dates, as_of);
      db.replace_document(did, doc);
      impl_->documents_changed = true;
      ++changed;
    }
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "updating validity");
  }
  return changed;
}

Result<void> IndexWriter::commit() {
  try {
    // The time its documents last changed: a commit that changed only other classes' databases (metadata
    // aside) leaves it, so the public's last_commit never tells when restricted documents changed.
    const std::string key(schema::kMetaLastCommit);
    if (impl_->documents_changed || impl_->db.get_metadata(key).empty())
      impl_->db.set_metadata(key, schema::utc_now_iso());
    impl_->db.commit();
    impl_->documents_changed = false;
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "committing");
  }
  return {};
}

Result<std::unordered_map<std::string, std::string>> IndexWriter::content_hashes() const {
  std::unordered_map<std::string, std::string> out;
  try {
    for (auto it = impl_->db.valuestream_begin(schema::kSlotSource);
         it != impl_->db.valuestream_end(schema::kSlotSource); ++it) {
      const std::string v = *it;
      const std::size_t sep = v.find(schema::kMultiValueSeparator);
      if (sep != std::string::npos) out.emplace(v.substr(sep + 1), v.substr(0, sep));
    }
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "reading content hashes");
  }
  return out;
}

Result<void> IndexWriter::set_metadata(const std::string& key, const std::string& value) {
  try {
    impl_->db.set_metadata(key, value);
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "writing metadata");
  }
  return {};
}

std::size_t IndexWriter::doc_count() const {
  try {
    return impl_->db.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

Result<void> merge_shards(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out_dir) {
  try {
    Xapian::Database all;
    for (const auto& s : shards) all.add_database(Xapian::Database(s.string()));
    all.compact(out_dir.string());  // default flags renumber documents: shard docids overlap
  } catch (const Xapian::Error& e) {
    return from_xapian(e, "merging shards into " + out_dir.string());
  }
  return {};
}

}  // namespace tracuu::indexer
