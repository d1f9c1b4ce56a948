#include "schema/index_meta.h"

#include <xapian.h>

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

#include "schema/fields.h"
#include "text/version.h"

namespace tracuu::schema {

std::string utc_now_iso() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string read_metadata(const Xapian::Database& db, std::string_view key) {
  try {
    return db.get_metadata(std::string(key));
  } catch (const Xapian::Error&) {
    return {};
  }
}

std::vector<std::string> decode_inputs(std::string_view value) {
  std::vector<std::string> out;
  const auto list = nlohmann::json::parse(value, nullptr, false);
  if (list.is_array())
    for (const auto& p : list)
      if (p.is_string()) out.push_back(p.get<std::string>());
  return out;
}

std::string encode_inputs(std::string_view recorded, const std::vector<std::string>& added) {
  std::vector<std::string> inputs = decode_inputs(recorded);
  for (const auto& a : added)
    if (std::find(inputs.begin(), inputs.end(), a) == inputs.end()) inputs.push_back(a);
  return nlohmann::json(inputs).dump();
}

Result<Visibility> read_class(const Xapian::Database& db) {
  return parse_visibility(read_metadata(db, kMetaVisibility));
}

Result<void> check_index_versions(const Xapian::Database& db) {
  std::string schema_v, analyzer_v;
  try {
    schema_v = db.get_metadata(std::string(kMetaSchemaVersion));
    analyzer_v = db.get_metadata(std::string(kMetaAnalyzerVersion));
    if (schema_v.empty() && analyzer_v.empty() && db.get_doccount() == 0) return {};
  } catch (const Xapian::Error& e) {
    return Error{Status::Internal, "reading index metadata: " + e.get_description()};
  }
  const std::string want_schema = std::to_string(kSchemaVersion);
  const std::string want_analyzer = std::to_string(text::kAnalyzerVersion);
  if (schema_v != want_schema || analyzer_v != want_analyzer) {
    return Error{Status::IndexVersionMismatch,
                 "index has schema version " + (schema_v.empty() ? std::string("(none)") : schema_v) +
                     " and analyzer version " + (analyzer_v.empty() ? std::string("(none)") : analyzer_v) +
                     "; this program needs schema " + want_schema + " and analyzer " + want_analyzer +
                     ": rebuild the index with `indexer rebuild`"};
  }
  return {};
}

void stamp_index_versions(Xapian::WritableDatabase& db, const std::string& created_by) {
  db.set_metadata(std::string(kMetaSchemaVersion), std::to_string(kSchemaVersion));
  db.set_metadata(std::string(kMetaAnalyzerVersion), std::to_string(text::kAnalyzerVersion));
  db.set_metadata(std::string(kMetaCreatedBy), created_by);
}

}  // namespace tracuu::schema
