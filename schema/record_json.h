#pragma once
// JSON form of the document record: the /documents/{id} body, `indexer extract`
// output and the sidecar <file>.meta.json format. The stored document data
// (docdata.h) is the MessagePack encoding of the same JSON.

#include <nlohmann/json.hpp>

#include "schema/record.h"
#include "schema/status.h"

namespace tracuu::schema {

/// The record as JSON (ordered keys, nulls for missing fields).
/// @param include_text false leaves out "text" and "pages" (lists, summaries).
nlohmann::ordered_json record_to_json(const DocRecord& record, bool include_text = true);

/// Reads a record from JSON. Unknown keys are ignored; missing keys keep defaults.
/// @return BadRequest naming the field when a value has the wrong type.
Result<DocRecord> record_from_json(const nlohmann::json& j);

/// Applies a sidecar override: every key present in `overrides` replaces the
/// extracted field (null clears it). Used for staff corrections (<file>.meta.json).
/// @return BadRequest naming the field when a value has the wrong type.
Result<void> apply_overrides(DocRecord& record, const nlohmann::json& overrides);

}  // namespace tracuu::schema
