// The metadata table of a web copy ("THÔNG TIN VĂN BẢN": Số hiệu, Loại văn bản, Nơi ban hành, ...).
// Portals publish it above the text as a markdown table ("| **Số hiệu** | 117/2025/QH15 |"), as
// bold label lines ("**Số hiệu:** 233/2026/NĐ-CP") or as a bullet list ("- **Số hiệu:** ..."); reflow
// turns all three into blocks that start with the label.
#include <algorithm>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/scan.h"
#include "text/docnum.h"

namespace tracuu::indexer::extract_detail {
namespace {

// The table is looked for near the top only.
constexpr std::size_t kTableSearchBlocks = 40;
// No table has more rows (vn-legal's longest has 19); a bound against running into the text.
constexpr std::size_t kMaxTableBlocks = 60;

struct Label {
  std::string_view text;
  TableField field;
};

// Labels as portals print them; a longer label comes before any label it starts with.
constexpr Label kLabels[] = {
    {"số ký hiệu", TableField::Number},
    {"số hiệu", TableField::Number},
    {"loại văn bản", TableField::Type},
    {"cơ quan ban hành", TableField::Issuer},
    {"nơi ban hành", TableField::IssuerOrPlace},
    {"người ký", TableField::Signer},
    {"ngày ban hành", TableField::IssueDate},
    {"ngày ký", TableField::IssueDate},
    {"ngày có hiệu lực", TableField::EffectiveDate},
    {"ngày hiệu lực", TableField::EffectiveDate},
    {"ngày hết hiệu lực", TableField::ExpiryDate},
    {"tình trạng hiệu lực", TableField::Status},
    {"trạng thái", TableField::Status},
    {"tình trạng", TableField::Status},
    {"hiệu lực", TableField::Status},
    {"trích yếu", TableField::Title},
    {"căn cứ pháp lý chính", TableField::Basis},
    {"căn cứ pháp lý", TableField::Basis},
    {"căn cứ", TableField::Basis},
    {"văn bản thay thế", TableField::Replaces},
    {"thay thế", TableField::Replaces},
    {"văn bản bị bãi bỏ", TableField::Repeals},
    {"bãi bỏ", TableField::Repeals},
    {"sửa đổi, bổ sung", TableField::Amends},
    {"văn bản gốc", TableField::Amends},
};

// Header rows of the two-column tables.
constexpr std::string_view kHeaderRows[] = {"thuoc-tinh-noi-dung", "truong-gia-tri", "thong-tin-noi-dung"};

// Values that say nothing: "Đang cập nhật", "—", "Chưa có", "STUB — chưa lấy được nội dung"...
bool is_placeholder(std::string_view v) {
  const std::string s = schema::slug(v);
  static constexpr std::string_view kEmpty[] = {"chua-co", "khong", "khong-co", "chua-xac-dinh",
                                                "chua-ro", "n-a",   "na"};
  static constexpr std::string_view kEmptyPrefix[] = {"dang-cap-nhat", "stub"};
  return s.empty() || std::find(std::begin(kEmpty), std::end(kEmpty), s) != std::end(kEmpty) ||
         std::any_of(std::begin(kEmptyPrefix), std::end(kEmptyPrefix),
                     [&](std::string_view p) { return s.rfind(p, 0) == 0; });
}

// The label at the start of a row and where its value starts ("Số hiệu: X", "Số hiệu X").
std::optional<std::pair<TableField, std::size_t>> match_label(std::string_view row) {
  for (const Label& l : kLabels) {
    std::size_t end = 0;
    if (!scan::match_word_ci(row, 0, l.text, &end)) continue;
    std::size_t p = scan::skip_spaces(row, end);
    if (p < row.size() && row[p] == ':') p = scan::skip_spaces(row, p + 1);
    return std::pair{l.field, p};
  }
  return std::nullopt;
}

// "Label: value" with an unknown label: a row of the table all the same ("Nguồn: ...", "Số trang: 12").
bool is_other_row(std::string_view row) {
  const std::size_t colon = row.find(':');
  return colon != std::string_view::npos && colon > 0 && colon < 40 && scan::is_upper(scan::first_alnum(row));
}

// "THÔNG TIN VĂN BẢN"; "Thông tin chung" only right above a markdown table (a report's section is named so too).
bool is_title_block(const ReflowedText& doc, std::size_t b) {
  const std::string title = schema::slug(doc.block_text(b));
  return title == "thong-tin-van-ban" ||
         (title == "thong-tin-chung" && b + 1 < doc.blocks.size() && doc.blocks[b + 1].kind == BlockKind::Table);
}

void take_issuer_or_place(std::string_view v, const Tables& tables, MetaTable& t) {
  if (auto c = tables.issuers.canonical(v)) {
    if (!t.issuer) t.issuer = *c;
    return;
  }
  if (auto body = match_body(v, 0, tables); body && !body->generic && body->end == v.size()) {
    if (!t.issuer) t.issuer = tables.issuers.canonical_or_self(body->display);
    return;
  }
  // "Hà Nội": a few capitalised words and nothing else is the place of issue.
  if (std::count(v.begin(), v.end(), ' ') < 4 && scan::is_upper(scan::first_alnum(v))) t.place = std::string(v);
}

void take(TableField field, std::string_view value, const Tables& tables, MetaTable& t) {
  const std::string v = scan::collapse_spaces(value);
  if (is_placeholder(v)) return;
  switch (field) {
    case TableField::Number: {
      const std::size_t digit = v.find_first_of("0123456789");
      text::DocNumber dn;
      if (t.doc_number || digit == std::string::npos || digit > 12 || text::match_doc_number(v, digit, dn) == 0) return;
      t.doc_number = dn.display;
      t.doc_number_key = dn.key;
      return;
    }
    case TableField::Type:
      if (!t.doc_type) t.doc_type = leading_doc_type(v);
      return;
    case TableField::Issuer:
      t.issuer = tables.issuers.canonical_or_self(v.substr(0, v.find(" (")));  // "Bộ Công an (BCA)"
      return;
    case TableField::IssuerOrPlace: take_issuer_or_place(v.substr(0, v.find(" (")), tables, t); return;
    case TableField::Signer:
      if (!t.signer) t.signer = person_name(v);  // "Thủ tướng Chính phủ" names no one: nothing
      return;
    case TableField::IssueDate:
    case TableField::EffectiveDate:
    case TableField::ExpiryDate: {
      const auto d = scan::match_date(v, 0);
      if (!d) return;
      auto& slot = field == TableField::IssueDate       ? t.issue_date
                   : field == TableField::EffectiveDate ? t.effective_date
                                                        : t.expiry_date;
      if (!slot) slot = d->date.iso();
      return;
    }
    case TableField::Status:
      // "Hiệu lực: 01/07/2026" gives the date, "Hiệu lực: Còn hiệu lực" the status.
      if (const auto d = scan::match_date(v, 0)) {
        if (!t.effective_date) t.effective_date = d->date.iso();
      } else if (!t.status) {
        t.status = v;
      }
      return;
    case TableField::Title:
      if (!t.title) t.title = v;
      return;
    case TableField::Basis:
    case TableField::Replaces:
    case TableField::Repeals:
    case TableField::Amends: return;  // rows kept by position (MetaTable::relation_rows): the typer reads them
  }
}

// The relation a relation row's label states; nullopt for the other labels.
std::optional<schema::RelationType> row_relation(TableField field) {
  switch (field) {
    case TableField::Basis: return schema::RelationType::Basis;
    case TableField::Replaces: return schema::RelationType::Replaces;
    case TableField::Repeals: return schema::RelationType::Repeals;
    case TableField::Amends: return schema::RelationType::Amends;
    case TableField::Number:
    case TableField::Type:
    case TableField::Issuer:
    case TableField::IssuerOrPlace:
    case TableField::Signer:
    case TableField::IssueDate:
    case TableField::EffectiveDate:
    case TableField::ExpiryDate:
    case TableField::Status:
    case TableField::Title: return std::nullopt;
  }
  return std::nullopt;  // unreachable: the switch covers every field (-Wswitch-enum)
}

}  // namespace

MetaTable extract_meta_table(const ReflowedText& doc, const Tables& tables) {
  MetaTable t;
  const std::size_t search = std::min(doc.blocks.size(), kTableSearchBlocks);
  std::size_t b = 0;
  while (b < search && !is_title_block(doc, b)) ++b;
  if (b == search) return t;
  t.begin = b++;
  // A relation row whose values follow as bullets ("Căn cứ pháp lý:" / "- Luật ..."): its field.
  TableField open = TableField::Number;
  bool is_open = false;
  for (; b < doc.blocks.size() && b < t.begin + kMaxTableBlocks; ++b) {
    const Block& block = doc.blocks[b];
    std::string_view row = doc.block_text(b);
    if (block.kind == BlockKind::Bullet) row = scan::trim(row.substr(std::min(row.size(), row.find(' ') + 1)));
    if (std::any_of(std::begin(kHeaderRows), std::end(kHeaderRows),
                    [&](std::string_view h) { return schema::slug(row) == h; }))
      continue;
    if (const auto label = match_label(row)) {
      std::string_view value = scan::trim(row.substr(label->second));
      if (!value.empty() && value.back() == ':') value = {};  // "Căn cứ pháp lý bổ sung:": a longer label
      take(label->first, value, tables, t);
      const auto relation = row_relation(label->first);
      if (relation && !value.empty()) t.relation_rows.push_back({block.begin, block.end, *relation});
      is_open = relation && value.empty();
      open = label->first;
      continue;
    }
    if (is_open && block.kind == BlockKind::Bullet) {
      if (const auto relation = row_relation(open)) t.relation_rows.push_back({block.begin, block.end, *relation});
      continue;
    }
    is_open = false;
    if (block.kind == BlockKind::Table || (block.kind != BlockKind::Heading && is_other_row(row))) continue;
    break;
  }
  t.end = b;
  return t;
}

}  // namespace tracuu::indexer::extract_detail
