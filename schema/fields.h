#pragma once
// The index contract: every term prefix, value slot and metadata key of a
// tracuu index, in one table. Nothing outside schema/ spells a prefix.
//
// Layout of one document (schema version kSchemaVersion):
//   terms   Q<id>                       unique id (upsert key)
//           <exact>                     body+title words with marks, canonical tones; only for
//                                       words whose exact form differs from the folded one; no positions
//           XF:<folded>                 body words without marks (đ->d), positional: phrases and
//                                       snippets use this layer; title words get extra wdf
//           XB:<folded> <folded>        adjacent body words (no punctuation between), no
//                                       positions: Vietnamese words are several syllables, and a
//                                       bigram's own IDF ranks "đồng chí" above "đồng ... chí"
//           S<folded>                   title words (tieude:)
//           XSH:<key>                   the document's own number key (so:)
//           XCITE:<key>                 numbers it cites (cites:)
//           XLOAI:<code> XCQ:<code> XKY:<code> XGIAO:<code>   type, issuer, signer, assignees
//           A<folded>                   signer-name words (nguoiky: free text)
//           XCANCU: XSUADOI: XTHAYTHE: XBAIBO: XHUONGDAN: XTHUCHIEN:<key>
//                                       numbers it rests on, amends, replaces, repeals, details,
//                                       implements (its own acts, schema/relation.h)
//           XHL:<code>                  validity on the day of the last indexer run (schema/validity.h)
//           XHLS:<code>                 for a document with no in-force date: the status a source
//                                       states (khong-ro when none), what validity_at falls back to
//           XHLBC:<key>                 numbers whose end of force it reports ("X được thay thế bởi Y"):
//                                       the validity pass reads these documents too
//           XY:<yyyy> XM:<yyyy-mm>      issue year and month
//           (XV:internal marked staff-only documents up to schema 6; since 7 the visibility of a
//           document is the sub-database it is written to, schema/visibility.h)
//   values  see Slot
//   data    schema/docdata.h: the record (metadata, sections, citations, assignments, text)
// Prefixes follow Omega's convention: single capitals keep their standard meaning
// (Q id, S title, A author); ours start with X and end with ':'.
// Prefixes and slots are never reused; a retired row stays here as a comment.

#include <array>
#include <optional>
#include <string_view>

namespace tracuu::schema {

/// Version of this table and of the document-data layout. Bump on any change.
inline constexpr int kSchemaVersion = 12;  // 2: XB: bigrams; 3: content hash in a slot; 4: kSlotFacets;
                                           // 5: document data in parts (docdata.h); 6: title terms (S)
                                           // positional, the own number's year in XF:, kSlotCopyKey
                                           // 7: one sub-database per visibility class (index_home.h),
                                           // XV: retired;
                                           // 8: relation fields (XCANCU: ... XTHUCHIEN:), XHL: and
                                           // kSlotValidity, typed citations; 9: kSlotIndexedAt;
                                           // 10: validity dates (kSlotValidFrom..kSlotValidityDates),
                                           // XHLS:, XHLBC:; 11: document data format 6 (every part
                                           // a zstd frame, the text in chunks: docdata.h); 12:
                                           // format 7 (the sections in groups, their spans in the
                                           // layout: docdata.h)

/// Database metadata keys (ASCII decimal values, like notmuch's "version").
inline constexpr std::string_view kMetaSchemaVersion = "tracuu.schema_version";
inline constexpr std::string_view kMetaAnalyzerVersion = "tracuu.analyzer_version";
inline constexpr std::string_view kMetaCreatedBy = "tracuu.created_by";
inline constexpr std::string_view kMetaLastCommit = "tracuu.last_commit";  ///< ISO-8601 UTC time of the last commit
/// The inputs indexed, absolute paths (schema/index_meta.h encodes them): what a rebuild reads again.
inline constexpr std::string_view kMetaInputs = "tracuu.inputs";
/// The visibility class of a sub-database (schema::to_string(Visibility)): readers trust this, not the directory name.
inline constexpr std::string_view kMetaVisibility = "tracuu.visibility";
// Retired: "tracuu.hash:<id>" metadata keys (schema 1); the content hash is value slot kSlotSource.

/// How a field is indexed.
enum class FieldKind {
  Unique,    ///< boolean, exactly one per document
  FreeText,  ///< weighted terms
  Boolean,   ///< filter terms: never change the ranking
};

/// Every indexed field.
enum class Field {
  Id,              ///< mã văn bản: stable document key
  BodyExact,       ///< nội dung (có dấu): exact layer
  BodyFolded,      ///< nội dung (không dấu): folded layer, positional
  Bigram,          ///< cặp âm tiết liền nhau (không dấu): adjacent-word pairs
  Title,           ///< trích yếu / tiêu đề
  Number,          ///< số hiệu of the document itself
  Cites,           ///< số hiệu of documents it cites (viện dẫn)
  Type,            ///< loại văn bản
  Issuer,          ///< cơ quan ban hành
  Signer,          ///< người ký (code)
  SignerName,      ///< người ký (words)
  Assignee,        ///< cơ quan được giao nhiệm vụ
  Year,            ///< năm ban hành
  Month,           ///< tháng ban hành (yyyy-mm)
  Visibility,      ///< phạm vi: retired in schema 7 (XV: is never written; kept so the prefix is never reused)
  Basis,           ///< số hiệu of documents it rests on (căn cứ)
  Amends,          ///< số hiệu of documents it amends (sửa đổi, bổ sung)
  Replaces,        ///< số hiệu of documents it replaces (thay thế)
  Repeals,         ///< số hiệu of documents it repeals (bãi bỏ)
  Details,         ///< số hiệu of documents it details (quy định chi tiết, hướng dẫn)
  Implements,      ///< số hiệu of documents it implements (triển khai, thực hiện)
  Validity,        ///< tình trạng hiệu lực (code)
  ValidityStated,  ///< for documents without an in-force date: the status a source states (code)
  ReportsEnd,      ///< số hiệu of documents whose end of force it reports (not its own act)
};

/// One row of the schema table. The names users type for fields are in
/// schema/query_fields.h, the facets in schema/facets.h.
struct FieldSpec {
  Field field;
  std::string_view prefix;  ///< Xapian term prefix
  FieldKind kind;
};

inline constexpr std::array<FieldSpec, 24> kFields{{
    {Field::Id, "Q", FieldKind::Unique},
    {Field::BodyExact, "", FieldKind::FreeText},
    {Field::BodyFolded, "XF:", FieldKind::FreeText},
    {Field::Bigram, "XB:", FieldKind::FreeText},
    {Field::Title, "S", FieldKind::FreeText},
    {Field::Number, "XSH:", FieldKind::Boolean},
    {Field::Cites, "XCITE:", FieldKind::Boolean},
    {Field::Type, "XLOAI:", FieldKind::Boolean},
    {Field::Issuer, "XCQ:", FieldKind::Boolean},
    {Field::Signer, "XKY:", FieldKind::Boolean},
    {Field::SignerName, "A", FieldKind::FreeText},
    {Field::Assignee, "XGIAO:", FieldKind::Boolean},
    {Field::Year, "XY:", FieldKind::Boolean},
    {Field::Month, "XM:", FieldKind::Boolean},
    {Field::Visibility, "XV:", FieldKind::Boolean},
    {Field::Basis, "XCANCU:", FieldKind::Boolean},
    {Field::Amends, "XSUADOI:", FieldKind::Boolean},
    {Field::Replaces, "XTHAYTHE:", FieldKind::Boolean},
    {Field::Repeals, "XBAIBO:", FieldKind::Boolean},
    {Field::Details, "XHUONGDAN:", FieldKind::Boolean},
    {Field::Implements, "XTHUCHIEN:", FieldKind::Boolean},
    {Field::Validity, "XHL:", FieldKind::Boolean},
    {Field::ValidityStated, "XHLS:", FieldKind::Boolean},
    {Field::ReportsEnd, "XHLBC:", FieldKind::Boolean},
}};

/// The spec of a field.
constexpr const FieldSpec& spec(Field f) {
  for (const auto& s : kFields)
    if (s.field == f) return s;
  return kFields[0];  // unreachable: every Field has a row (checked by the schema tests)
}

/// The term prefix of a field.
constexpr std::string_view prefix(Field f) {
  return spec(f).prefix;
}

/// Value slots. Every slot states its encoding.
enum Slot : unsigned {
  kSlotIssueDate = 0,   ///< ngày ban hành, "YYYYMMDD" (sortable, range filters)
  kSlotEventDate = 1,   ///< ngày sự kiện (phiên họp, kiểm tra), "YYYYMMDD"
  kSlotType = 2,        ///< loại văn bản, display form ("Thông báo")
  kSlotIssuer = 3,      ///< cơ quan ban hành, canonical display form
  kSlotSigner = 4,      ///< người ký, display form
  kSlotYearMonth = 5,   ///< "YYYY-MM" of the issue date (month histogram)
  kSlotNumberKey = 6,   ///< canonical number key ("66/2025/ND-CP")
  kSlotAssignees = 7,   ///< assignee display forms joined by kMultiValueSeparator
  kSlotYear = 8,        ///< "YYYY" of the issue date (or of the event date when undated)
  kSlotSource = 9,      ///< content hash, kMultiValueSeparator, id: skips unchanged inputs on re-runs
  kSlotFacets = 10,     ///< the facet ids of the document, FacetPart order, 4 bytes each little-endian
                        ///< (0 = none): one value read per document when counting facets
  kSlotCopyKey = 11,    ///< number key "|" issue date ("169/2026/ND-CP|20260612"): copies of one document
                        ///< (several web copies, a re-upload) share it and are collapsed into one hit
  kSlotValidity = 12,   ///< tình trạng hiệu lực on the day of the last indexer run, label ("Còn hiệu lực");
                        ///< set again after every run from later documents (indexer/validity_pass.h)
  kSlotIndexedAt = 13,  ///< when the document id was first indexed, UTC "YYYY-MM-DDTHH:MM:SSZ" (sortable):
                        ///< kept through re-indexing and rebuilds, so feeds list what is new to the index
  // The dates that decide validity on any day (schema::ValidityDates, set with kSlotValidity), ISO
  // "YYYY-MM-DD", absent when unknown: a search as of a day filters with value ranges over them, which
  // remote shards (stock xapian-tcpsrv) run too.
  kSlotValidFrom = 14,        ///< in force from
  kSlotValidUntil = 15,       ///< wholly ended from
  kSlotPartlyEndedFrom = 16,  ///< partly ended from
  kSlotValidityDates = 17,    ///< all of them in one value (schema::pack_validity_dates): counting and badges
                              ///< read one value a document
};

/// The parts of kSlotFacets, in order.
enum class FacetPart : unsigned { Type = 0, Issuer, Year, Month, Signer, Count };

/// Display forms of hashed facet ids are metadata "tracuu.facet:<8 hex digits>".
inline constexpr std::string_view kMetaFacetPrefix = "tracuu.facet:";

/// Separator of multi-valued slots (ASCII unit separator: never in text).
inline constexpr char kMultiValueSeparator = '\x1f';

/// Longest term Xapian accepts is 245 bytes; longer keys are hashed (Omega's hash_long_term).
inline constexpr std::size_t kMaxTermBytes = 240;

}  // namespace tracuu::schema
