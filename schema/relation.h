#pragma once
// Relations between documents (quan hệ giữa văn bản): what a citing document does to the
// document it cites. Shared by ingestion (which reads them), the index (one term prefix per
// type) and searchd (query fields, validity, /relations).

#include <optional>
#include <string_view>
#include <vector>

#include "schema/codes.h"
#include "schema/fields.h"
#include "schema/record.h"

namespace tracuu::schema {

/// The type of a relation, weakest first (a citation's summary is its strongest relation).
enum class RelationType {
  Mentions,    ///< nhắc đến: no act
  Basis,       ///< căn cứ: the citing document rests on it
  Implements,  ///< triển khai, thực hiện
  Details,     ///< quy định chi tiết, hướng dẫn thi hành
  Amends,      ///< sửa đổi, bổ sung (wholly or a part)
  Repeals,     ///< bãi bỏ, hết hiệu lực ... kể từ, ngưng hiệu lực
  Replaces,    ///< thay thế
};

/// Every type, weakest first.
inline constexpr RelationType kRelationTypes[] = {
    RelationType::Mentions, RelationType::Basis,   RelationType::Implements, RelationType::Details,
    RelationType::Amends,   RelationType::Repeals, RelationType::Replaces};

/// The stable name of a type, as records and the API write it: "mentions", "basis", "implements",
/// "details", "amends", "repeals", "replaces".
std::string_view relation_name(RelationType type);

/// The type named `name` (relation_name's inverse); nullopt for anything else.
std::optional<RelationType> relation_type(std::string_view name);

/// The name of the strongest type among `relations` that the document itself does (by unset);
/// "mentions" when there is none.
std::string strongest_relation(const std::vector<CitationRelation>& relations);

/// The index field of a document's own act of this type (suadoi:, thaythe:, ...); nullopt for Mentions,
/// which cites: covers.
std::optional<Field> relation_field(RelationType type);

/// Whether a citation may refer to `target` (a document holding the cited number): the dates agree
/// when both are known, and so do the issuers when the registry knows both bodies. Sample 000's
/// "16-NQ/TW, ngày 10/10/2017" is not the provincial 16-NQ/TW of 2026.
bool citation_matches(const Citation& citation, const DocRecord& target, const IssuerRegistry& issuers);

/// True when a relation of this type ends the cited document's force, wholly (no scope) or in part.
inline bool ends_force(RelationType type) {
  return type == RelationType::Repeals || type == RelationType::Replaces;
}

}  // namespace tracuu::schema
