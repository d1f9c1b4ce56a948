#pragma once
// The document record: what ingestion extracts from a file, what the index
// stores as document data, and what searchd returns for /documents/{id}.
// Offsets are byte offsets into DocRecord::text (the reflowed text).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schema/visibility.h"

namespace tracuu::schema {

/// A byte range of the reflowed text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Người ký: the signature block.
struct Signer {
  std::optional<std::string> name;       ///< "Nguyễn Văn Hà"
  std::optional<std::string> position;   ///< "Chánh Văn phòng"
  std::optional<std::string> on_behalf;  ///< the KT./TL./TM./Q. line above the position: "TL. Chủ tịch"
};

/// A numbered part of the document (mục, điều, khoản, điểm).
struct Section {
  std::string number;                       ///< as printed without the trailing dot: "1", "II", "a", "Điều 5"
  std::string title;                        ///< heading text without the number
  std::optional<std::string> submitted_by;  ///< "(Sở Tài chính trình)" -> "Sở Tài chính"
  int level = 1;                            ///< 1 = top level
  std::string anchor;                       ///< stable HTML id: "s-1", "s-2-1", "dieu-5"
  Span heading;                             ///< where the heading is printed
  Span body;                                ///< heading through the end of the section
};

/// What the citing document does to a cited one (quan hệ giữa văn bản), as a clause of its text or a
/// row of its metadata table states it.
struct CitationRelation {
  std::string type;                  ///< schema/relation.h name: "basis", "amends", "repeals", ...
  std::optional<std::string> scope;  ///< the part concerned ("khoản 3 Điều 5", "một phần"); null: all of it
  std::optional<std::string> effective_date;  ///< ISO, when the clause says from when ("kể từ ngày 01/7/2025")
  /// The acting document's number key when the text reports another's act ("Luật số X được sửa đổi, bổ
  /// sung bởi Luật số Y": on X, by Y); null when the citing document acts itself.
  std::optional<std::string> by;
  Span span;                    ///< the clause
  std::string source = "text";  ///< "text" or "table"
};

/// A document number mentioned in the text (trích dẫn).
struct Citation {
  std::string number;                   ///< display form: "24/2021/NĐ-CP"
  std::string key;                      ///< canonical key (text::DocNumber::key)
  std::optional<std::string> doc_type;  ///< "Nghị định" when the text names it
  std::optional<std::string> issuer;    ///< "Chính phủ" when the text says "của Chính phủ"
  std::optional<std::string> date;      ///< ISO date when the text says "ngày 23/3/2021"
  Span span;                            ///< first mention
  std::string context;                  ///< the sentence of the first mention (for stubs and cited-by lists)
  /// The strongest relation the document itself states (relation.h order): "mentions" when none.
  std::string relation = "mentions";
  std::vector<CitationRelation> relations;  ///< every relation stated on any mention of the number
};

/// An explicit task (giao nhiệm vụ).
struct Assignment {
  std::string assignee;                 ///< canonical body: "Sở Tài chính"
  std::optional<std::string> deadline;  ///< ISO date or null
  std::optional<std::string> section;   ///< anchor of the section it belongs to
  Span span;                            ///< the sentence
  std::string text;                     ///< the sentence text
};

/// Where a page of the source starts in the reflowed text (PDF input).
struct PageStart {
  int page = 1;
  std::size_t offset = 0;
};

/// One document.
struct DocRecord {
  std::string id;                             ///< file stem or given id; unique
  std::optional<std::string> doc_type;        ///< "Thông báo" (schema::kDocTypes display form)
  std::optional<std::string> doc_number;      ///< display form "346/TB-UBND"
  std::optional<std::string> doc_number_key;  ///< canonical key "346/TB-UBND"
  std::optional<std::string> title;           ///< trích yếu, one line
  std::optional<std::string> issuer;          ///< canonical issuing body
  std::optional<std::string> place;           ///< "Lạng Sơn"
  std::optional<std::string> issue_date;      ///< ISO yyyy-mm-dd
  std::optional<std::string> event_date;      ///< ISO date of the meeting/inspection reported
  std::optional<std::string> effective_date;  ///< ngày hiệu lực, ISO
  std::optional<std::string> expiry_date;     ///< ngày hết hiệu lực, ISO
  /// trạng thái hiệu lực as a source states it ("Còn hiệu lực"), at a date the source does not give.
  std::optional<std::string> stated_status;
  /// tình trạng hiệu lực on the day the document was indexed (a schema/validity.h label), from its own
  /// dates and stated status; set by the indexer for the validity facet, not part of the stored data
  /// (searchd recomputes it with the documents that act on it).
  std::optional<std::string> validity;
  /// Where each metadata field was read, by record_to_json key ("doc_number", "signer.name", ...):
  /// "text" (the document's heading, signature or effective-date clause), "inferred" (derived from the
  /// text by a rule: a type from the number code, a title from the opening), "table" (a web copy's
  /// "THÔNG TIN VĂN BẢN" table), "given" (metadata the source gives beside the text, e.g. JSONL
  /// "meta"), "sidecar" (a <file>.meta.json override). Fields that are null have no entry.
  std::map<std::string, std::string> field_sources;
  Signer signer;
  std::vector<std::string> recipients;  ///< Nơi nhận, one entry per line, "Lưu: ..." included
  std::vector<Section> sections;
  std::vector<Citation> citations;
  std::vector<Assignment> assignments;
  std::vector<std::string> warnings;  ///< fields not found or doubtful, in English
  std::string text;                   ///< reflowed text (NFC)
  std::vector<PageStart> pages;       ///< empty unless the source has pages
  Visibility visibility;              ///< public, internal (staff) or named groups (schema/visibility.h)
  std::string source;                 ///< source path or URL
  std::string content_hash;           ///< hex hash of the source bytes (skip unchanged files)
  /// The original file kept in the index home for download (original_file_name: "<hash>.pdf"); PDF and DOCX
  /// inputs only, null for text and web copies.
  std::optional<std::string> original;
};

}  // namespace tracuu::schema
