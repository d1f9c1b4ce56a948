#include "schema/docdata.h"

#include <nlohmann/json.hpp>

#include "schema/record_json.h"

namespace tracuu::schema {

std::string encode_doc_data(const StoredDoc& doc) {
  nlohmann::ordered_json j = record_to_json(doc.record, true);
  auto cp = nlohmann::ordered_json::array();
  std::uint32_t prev = 0;
  for (std::uint32_t c : doc.checkpoints) {
    cp.push_back(c - prev);  // small deltas take one or two bytes in MessagePack
    prev = c;
  }
  j["_cp"] = std::move(cp);
  std::string out;
  nlohmann::ordered_json::to_msgpack(j, out);
  return out;
}

Result<StoredDoc> decode_doc_data(std::string_view data) {
  nlohmann::json j;
  try {
    j = nlohmann::json::from_msgpack(data.begin(), data.end());
  } catch (const nlohmann::json::exception& e) {
    return Error{Status::Internal, std::string("corrupt document data: ") + e.what()};
  }
  auto record = record_from_json(j);
  if (!record) return Error{Status::Internal, "corrupt document data: " + record.error().message};
  StoredDoc doc;
  doc.record = std::move(record).value();
  if (auto it = j.find("_cp"); it != j.end() && it->is_array()) {
    std::uint32_t acc = 0;
    doc.checkpoints.reserve(it->size());
    for (const auto& d : *it) {
      if (!d.is_number_unsigned()) return Error{Status::Internal, "corrupt document data: bad checkpoint"};
      acc += d.get<std::uint32_t>();
      doc.checkpoints.push_back(acc);
    }
  }
  return doc;
}

}  // namespace tracuu::schema
