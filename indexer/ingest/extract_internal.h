#pragma once
// The extractors behind Extractor::extract (extract.cc), each reading the
// reflowed blocks for one part of the record. Internal to indexer/ingest.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/ingest/reflow.h"
#include "schema/codes.h"
#include "schema/record.h"
#include "schema/relation.h"
#include "text/abbreviations.h"

namespace tracuu::indexer::extract_detail {

/// The lookup tables every extractor may use (owned by the Extractor).
struct Tables {
  const schema::IssuerRegistry& issuers;
  const text::Abbreviations& abbreviations;
};

inline constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// ---- extract_header.cc -------------------------------------------------

/// What the heading block of a document says (quốc hiệu, số, địa danh, tên loại, trích yếu).
struct Header {
  std::size_t end = 0;                        ///< first block after the header zone
  std::size_t first_item = 0;                 ///< first numbered block (0 when none): the signature comes later
  std::optional<std::string> doc_type;        ///< from the type heading ("THÔNG BÁO")
  std::optional<std::string> doc_number;      ///< display form, from the "Số:" line
  std::optional<std::string> doc_number_key;  ///< text::DocNumber key
  std::vector<std::string> number_codes;      ///< code groups of the number: "TB", "UBND"
  std::optional<std::string> title;           ///< trích yếu
  std::optional<std::string> issuer;          ///< from the issuer lines above the number (display form)
  std::optional<std::string> place;           ///< "Lạng Sơn"
  std::optional<std::string> issue_date;      ///< ISO
  std::optional<std::string> event_date;      ///< ISO: the meeting or inspection reported
  std::vector<std::string> notes;             ///< how doubtful values were found (record warnings)
};

/// Reads the header zone (blocks before the first part, chapter, roman item or article).
Header extract_header(const ReflowedText& doc, const Tables& tables);

// ---- extract_table.cc -------------------------------------------------

/// What a row of a web copy's metadata table gives.
enum class TableField {
  Number,         ///< Số hiệu, Số ký hiệu
  Type,           ///< Loại văn bản
  Issuer,         ///< Cơ quan ban hành
  IssuerOrPlace,  ///< Nơi ban hành: a body ("Quốc hội") or a place ("Hà Nội")
  Signer,         ///< Người ký
  IssueDate,      ///< Ngày ban hành
  EffectiveDate,  ///< Ngày (có) hiệu lực
  ExpiryDate,     ///< Ngày hết hiệu lực
  Status,         ///< Trạng thái, Tình trạng (hiệu lực), Hiệu lực
  Title,          ///< Trích yếu
  Basis,          ///< Căn cứ (pháp lý)
  Replaces,       ///< (Văn bản) thay thế
  Repeals,        ///< Văn bản bị bãi bỏ
  Amends,         ///< Sửa đổi, bổ sung; Văn bản gốc (of an amending document)
};

/// A row of the metadata table that names related documents, and the relation its label states.
struct RelationRow {
  std::size_t begin = 0, end = 0;  ///< bytes of the row's block
  schema::RelationType type = schema::RelationType::Basis;
};

/// A web copy's "THÔNG TIN VĂN BẢN" table, read as metadata. Values are cleaned
/// (placeholders such as "Đang cập nhật" dropped, a signer that names only a position dropped).
struct MetaTable {
  std::size_t begin = kNone;  ///< the title block ("THÔNG TIN VĂN BẢN"); kNone when there is no table
  std::size_t end = kNone;    ///< first block after the table
  std::optional<std::string> doc_number, doc_number_key, doc_type, title, issuer, place, signer;
  std::optional<std::string> issue_date, effective_date, expiry_date;  ///< ISO
  std::optional<std::string> status;                                   ///< as printed: "Còn hiệu lực"
  /// Rows naming related documents (byte ranges of their blocks): "Căn cứ pháp lý" may list several
  /// numbers in one row or as bullets under it.
  std::vector<RelationRow> relation_rows;
};

/// Finds and reads the metadata table among the first blocks (a markdown table, bold
/// "Label: value" lines or a bullet list under a "THÔNG TIN VĂN BẢN" heading).
MetaTable extract_meta_table(const ReflowedText& doc, const Tables& tables);

// ---- extract_validity.cc ----------------------------------------------

/// What the document's own effective-date clause says.
struct OwnValidity {
  std::optional<std::string> effective_date;  ///< ISO: "Nghị định này có hiệu lực ... từ ngày D" (or "từ ngày ký")
  std::optional<std::string> expiry_date;  ///< ISO: "... đến hết ngày D", "<type> này hết hiệu lực ... ngày D"
};

/// Reads the clause whose subject is "<doc_type> này" in text[0, end). Nothing without a type (a
/// codified page quotes the clauses of all its sources); "từ ngày ký" needs the issue date.
OwnValidity own_validity(const ReflowedText& doc, const std::optional<std::string>& doc_type,
                         const std::optional<std::string>& issue_date, std::size_t end);

// ---- extract_title.cc -------------------------------------------------

/// A title for a document without a heading block: the meeting its opening sentence reports
/// ("Kết luận Phiên họp thường kỳ tháng 7 năm 2025 (Phiên họp thứ hai) của Ủy ban nhân dân tỉnh"),
/// else the subjects of its top-level parts joined, else its first sentence.
std::optional<std::string> opening_title(const ReflowedText& doc, const std::vector<schema::Section>& sections,
                                         std::size_t first_item);

// ---- extract_issuer.cc --------------------------------------------------

/// The issuer lines of the header (above or beside the national motto, or above the number),
/// in display form: "ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN" -> "Ủy ban nhân dân tỉnh Lạng Sơn".
std::optional<std::string> header_issuer(const ReflowedText& doc, std::size_t end,
                                         std::optional<std::size_t> number_block, const Tables& tables);

struct Closing;

/// The issuing body: the header lines, else a "TM. <body>" signature line, else the
/// body code of the number ("NĐ-CP" -> Chính phủ). A body without its locality
/// ("Ủy ban nhân dân", "TB-UBND") is completed from the place line or the province
/// the text keeps naming; each inference is noted in `warnings`.
std::optional<std::string> resolve_issuer(const Header& header, const Closing& closing, const ReflowedText& doc,
                                          const Tables& tables, std::vector<std::string>& warnings);

// ---- extract_signature.cc ----------------------------------------------

/// The closing part: signature block and recipients.
struct Closing {
  schema::Signer signer;
  std::optional<std::string> issuer;    ///< from a "TM. <body>" line (display form)
  std::vector<std::string> recipients;  ///< Nơi nhận entries, "Lưu: ..." included
  std::size_t begin = kNone;            ///< first block of the closing part (kNone when none)
};

/// Finds the signature block (the last KT./TL./TM./Q. line or signing position
/// from block `from` on, so that a header's "CHỦ TỊCH ỦY BAN NHÂN DÂN" is not
/// taken for it) and the "Nơi nhận:" list.
Closing extract_closing(const ReflowedText& doc, std::size_t from, const Tables& tables);

// ---- extract_sections.cc -----------------------------------------------

/// Numbered structure (I., 1., 1.1., a), (1), Chương, Mục, Điều) with levels and
/// unique anchors; bodies end at the next section of the same or a higher
/// level, or at `closing_byte` (start of the signature/recipients part).
std::vector<schema::Section> extract_sections(const ReflowedText& doc, std::size_t closing_byte);

/// The innermost section containing byte `pos` (nullptr when none).
const schema::Section* section_at(const std::vector<schema::Section>& sections, std::size_t pos);

// ---- extract_citations.cc ----------------------------------------------

/// One mention of a cited number: its bytes and the citation it belongs to (index into the citations).
struct Mention {
  std::size_t begin = 0, end = 0;
  std::size_t citation = 0;
};

/// Every document number mentioned, one entry per key, the document's own number excluded;
/// `mentions` receives every mention of them, in text order.
std::vector<schema::Citation> extract_citations(const ReflowedText& doc, const Tables& tables,
                                                const std::optional<std::string>& own_key,
                                                std::vector<Mention>& mentions);

/// The letter code groups of a number key: "346/TB-UBND" -> {"TB", "UBND"}; "59/2020/QH14" -> {"QH14"}.
std::vector<std::string> number_codes(std::string_view key);

// ---- extract_relations.cc ----------------------------------------------

/// What the relation typer needs beside the text and the mentions.
struct RelationContext {
  std::size_t table_begin = kNone, table_end = kNone;  ///< bytes of the metadata table (kNone: no table)
  bool table = false;                                  ///< read the table's relation rows (else ignore the table)
  std::vector<RelationRow> table_rows;
  std::optional<std::string> own_type;            ///< the document's type ("Nghị định"): "<type> này" is itself
  std::optional<std::string> own_effective_date;  ///< ISO: "kể từ ngày <type> này có hiệu lực" resolves to it
};

/// Types every citation: each mention's clause says whether the document rests on the number (căn cứ),
/// amends, replaces, repeals, details or implements it, with the part and the date concerned; a passive
/// clause ("X được sửa đổi, bổ sung bởi Y") reports Y's act on X. Fills Citation::relations and relation.
void type_citations(const ReflowedText& doc, const std::vector<Mention>& mentions,
                    std::vector<schema::Citation>& citations, const RelationContext& ctx);

// ---- extract_assignments.cc --------------------------------------------

/// Explicit tasks given to named bodies ("giao Sở X ...", "Sở Y ... trước ngày D/M/Y"); a date before
/// `first_day` (ISO, when known) is no deadline.
std::vector<schema::Assignment> extract_assignments(const ReflowedText& doc,
                                                    const std::vector<schema::Section>& sections, const Tables& tables,
                                                    std::size_t closing_byte,
                                                    const std::optional<std::string>& first_day);

// ---- names.cc: display forms of bodies, positions, people, types ---------

/// Display form of an organisation name written in any case: the registry's
/// canonical name when known, else recased by the conventions of Vietnamese
/// names ("SỞ XÂY DỰNG TỈNH CAO BẰNG" -> "Sở Xây dựng tỉnh Cao Bằng").
std::string display_org(std::string_view name, const Tables& tables);

/// Display form of a signing position ("PHÓ CHÁNH VĂN PHÒNG" -> "Phó Chánh Văn phòng"),
/// possibly followed by a body ("BỘ TRƯỞNG BỘ TÀI CHÍNH"); nullopt when it names no known position.
std::optional<std::string> display_position(std::string_view text, const Tables& tables);

/// Bytes of a known position or rank at the start of `s` ("Thủ tướng Chính phủ", "Đại tướng"), 0 when none.
std::size_t position_prefix(std::string_view s);

/// A person's name in `s` with positions, ranks, parentheses and what follows a
/// comma removed ("Đại tướng Lương Tam Quang, Bộ trưởng Bộ Công an" -> "Lương Tam Quang");
/// nullopt when what is left is not 2-6 capitalised words.
std::optional<std::string> person_name(std::string_view s);

/// True when the first word of `name` is a Vietnamese family name (họ): Nguyễn, Trần, Lê...,
/// including those of ethnic minorities common among officials (Lò, Giàng, Y, Thạch...).
bool has_family_name(std::string_view name);

/// The type named by the leading words of `s` ("Nghị định sửa đổi ..." -> "Nghị định"); nullopt when none.
std::optional<std::string> leading_doc_type(std::string_view s);

/// The document type a number code stands for ("NĐ" -> "Nghị định", "QH14" -> "Luật").
std::optional<std::string> doc_type_of_code(std::string_view code, const text::Abbreviations& abbreviations);

/// Display form of a "TM./KT./TL./Q." line: "TL. CHỦ TỊCH" -> "TL. Chủ tịch".
std::string display_delegation(std::string_view line, const Tables& tables);

/// Length of a delegation mark ("TM. ", "KT. ") at the start of `s`; 0 when none.
std::size_t delegation_length(std::string_view s);

// ---- bodies.cc: organisation names in running text ------------------------

/// An organisation named in running text.
struct BodyMatch {
  std::string display;   ///< "Sở Tài chính", "UBND huyện Chi Lăng", "Công an tỉnh"
  std::size_t end = 0;   ///< byte after the name
  bool generic = false;  ///< a role, not a name: "Cơ quan chủ trì", "cơ quan soạn thảo"
  bool unnamed = false;  ///< a council without its place ("UBND phường"): a kind of body, not one body
  bool central = false;  ///< a central body (Chính phủ, Quốc hội...): "đề nghị" goes up to it, not down
};

/// Matches an organisation name starting at byte `pos` of `s` ("Sở Giáo dục và
/// Đào tạo", "UBND huyện Chi Lăng", "Ban Thường vụ Tỉnh ủy"); plural and
/// generic references ("các sở", "UBND các xã") do not match, except the roles
/// of a submitting body ("Cơ quan chủ trì"), flagged generic.
std::optional<BodyMatch> match_body(std::string_view s, std::size_t pos, const Tables& tables);

// ---- sentences -----------------------------------------------------------

/// Splits s[begin, end) into sentences: ". " before a capital or a digit, "./.", "!", "?".
/// Returns [begin, end) pairs, trimmed.
std::vector<std::pair<std::size_t, std::size_t>> sentences(std::string_view s, std::size_t begin, std::size_t end);

}  // namespace tracuu::indexer::extract_detail
