// The heading of a document: issuer lines, "Số:", place and date, type, trích yếu, event date.
#include <algorithm>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/markers.h"
#include "indexer/ingest/scan.h"
#include "text/docnum.h"

namespace tracuu::indexer::extract_detail {
namespace {

// The header is looked for in the first blocks only: whole documents are never scanned here.
constexpr std::size_t kHeaderBlocks = 150;

bool strong_item(std::string_view t) {
  const auto m = parse_marker(t);
  return m && m->style <= MarkerStyle::Article;
}

// First block of the body proper: a part, chapter, section, roman item or article.
std::size_t header_end(const ReflowedText& doc) {
  const std::size_t limit = std::min(doc.blocks.size(), kHeaderBlocks);
  for (std::size_t i = 0; i < limit; ++i)
    if (doc.blocks[i].kind == BlockKind::Item && strong_item(doc.block_text(i))) return i;
  return limit;
}

// First item of any kind (the preamble ends there).
std::size_t preamble_end(const ReflowedText& doc, std::size_t from, std::size_t limit) {
  for (std::size_t i = from; i < limit; ++i)
    if (doc.blocks[i].kind == BlockKind::Item || doc.blocks[i].kind == BlockKind::Recipient) return i;
  return limit;
}

std::size_t motto_pos(std::string_view t) {
  for (std::size_t i = 0; i < t.size(); ++i)
    if ((t[i] == 'C' || t[i] == 'c') &&
        (scan::match_word_ci(t, i, "cộng hòa xã hội") || scan::match_word_ci(t, i, "cộng hoà xã hội")))
      return i;
  return std::string_view::npos;
}

bool is_boilerplate(std::string_view t) {
  const std::string s = schema::slug(t);
  return s.rfind("doc-lap-tu-do-hanh-phuc", 0) == 0 || s.rfind("dang-cong-san-viet-nam", 0) == 0 ||
         motto_pos(t) != std::string_view::npos;
}

struct NumberHit {
  std::size_t block = 0;
  std::size_t end = 0;  // byte in the block after the number
  text::DocNumber number;
};

// "Số: 346 /TB-UBND" at the start of a block, or "Số:" with its colon anywhere in it ("CHÍNH PHỦ Số: 12/...").
// Table rows count: web copies lay the header out as a table ("**Số: 284/2026/NĐ-CP** | **Hà Nội, ngày ...**"),
// while their metadata tables write "Số hiệu" and "Ngày ban hành", which these patterns do not take.
std::optional<NumberHit> find_number(const ReflowedText& doc, std::size_t end) {
  for (std::size_t b = 0; b < end; ++b) {
    const std::string_view t = doc.block_text(b);
    for (std::size_t i = 0; i + 3 < t.size() && i < 200; ++i) {
      std::size_t e = 0;
      if (!(t[i] == 'S' || t[i] == 's') || (i > 0 && t[i - 1] != ' ') || !scan::match_word_ci(t, i, "số", &e)) continue;
      std::size_t p = scan::skip_spaces(t, e);
      const bool colon = p < t.size() && (t[p] == ':' || t[p] == '.');
      if (colon) p = scan::skip_spaces(t, p + 1);
      if (!(colon || i == 0) || p >= t.size() || t[p] < '0' || t[p] > '9') continue;
      NumberHit hit{b, 0, {}};
      const std::size_t n = text::match_doc_number(t, p, hit.number);
      if (n == 0) continue;
      hit.end = p + n;
      return hit;
    }
  }
  return std::nullopt;
}

// "Lạng Sơn, ngày 27 tháng 6 năm 2021": the place is the capitalised words before the
// comma; before them only the national motto or the number may stand (lines run together
// in web copies: "Độc lập - Tự do - Hạnh phúc Hà Nội, ngày ...", "ỗ:-58/2026/NĐ-CP Hà Nội, ngày ...").
std::optional<std::string> place_before(std::string_view prefix) {
  prefix = scan::trim(prefix);
  if (prefix.empty() || prefix.back() != ',') return std::nullopt;
  prefix = scan::trim(prefix.substr(0, prefix.size() - 1));
  std::size_t start = prefix.size();
  for (int words = 0; words < 6 && start > 0; ++words) {
    const std::size_t sp = prefix.rfind(' ', start - 1);
    const std::size_t w = sp == std::string_view::npos ? 0 : sp + 1;
    std::size_t len = 0;
    const std::string_view word = prefix.substr(w, start - w);
    if (!scan::is_upper(scan::code_point_at(word, 0, len)) ||
        std::any_of(word.begin(), word.end(), [](char c) { return (c >= '0' && c <= '9') || c == '/'; }))
      break;
    start = sp == std::string_view::npos ? 0 : sp;
  }
  const std::string_view place = scan::trim(prefix.substr(start));
  const std::string_view before = scan::trim(prefix.substr(0, start));
  if (place.empty()) return std::nullopt;
  const bool after_motto = schema::slug(before).find("hanh-phuc") != std::string::npos;
  const bool after_number = before.find('/') != std::string_view::npos && before.size() < 60;
  if (!before.empty() && !after_motto && !after_number) return std::nullopt;
  return std::string(place);
}

std::size_t find_place_date(const ReflowedText& doc, std::size_t end, const std::optional<NumberHit>& number,
                            Header& h) {
  for (std::size_t b = 0; b < end; ++b) {
    const std::string_view t = doc.block_text(b);
    const std::size_t start = number && number->block == b ? number->end : 0;
    for (std::size_t i = start; i < t.size() && i < start + 200; ++i) {
      if (t[i] != 'n' && t[i] != 'N') continue;
      const auto m = scan::match_date(t, i);
      if (!m) continue;
      const std::string_view prefix = scan::trim(t.substr(start, i - start));
      const auto place = place_before(prefix);
      if (!prefix.empty() && !place) continue;  // "(ngày 23 tháng 6 năm 2021)", a sentence...
      // The line ends with the date; OCR noise may follow a place-and-date line, never a sentence.
      const std::size_t rest = scan::trim(t.substr(m->end)).size();
      if (rest > 2 && !(place && rest <= 40)) continue;
      h.place = place;
      h.issue_date = m->date.iso();
      return b;
    }
  }
  return kNone;
}

// The type named by an all-caps heading ("THÔNG BÁO", "NGHỊ ĐỊNH", "LUẬT AN NINH MẠNG"), if any.
std::optional<std::string> heading_type(const ReflowedText& doc, std::size_t b) {
  const std::string_view t = doc.block_text(b);
  if (t.size() > 200 || !scan::is_caps(t, 3) || is_boilerplate(t) || doc.blocks[b].kind == BlockKind::Item)
    return std::nullopt;
  const std::string slug = schema::slug(t);
  std::string_view best;
  for (const schema::DocType& type : schema::kDocTypes) {
    const std::string code(type.code);
    if ((slug == code || slug.rfind(code + "-", 0) == 0) && type.code.size() > best.size()) best = type.code;
  }
  return best.empty() ? std::nullopt : schema::canonical_doc_type(best);
}

bool starts_body(std::string_view t) {
  static constexpr std::string_view kStarts[] = {"căn cứ",   "kính gửi", "thực hiện", "ngày",  "số",
                                                 "theo",     "xét",      "sau khi",   "trong", "qua",
                                                 "nơi nhận", "hôm nay",  "vừa qua"};
  for (std::string_view w : kStarts)
    if (scan::starts_with_word_ci(t, w)) return true;
  return false;
}

// The trích yếu: what follows the type heading (or the rest of its line), plus a
// "(...)" line after it, or more all-caps lines of an all-caps title.
void find_title(const ReflowedText& doc, std::size_t heading, const Tables& tables, Header& h) {
  std::string title;
  const std::string_view head = doc.block_text(heading);
  const std::size_t type_words = static_cast<std::size_t>(std::count(h.doc_type->begin(), h.doc_type->end(), ' ')) + 1;
  std::size_t cut = 0;
  for (std::size_t k = 0; k < type_words && cut != std::string_view::npos; ++k) cut = head.find(' ', cut + (k ? 1 : 0));
  if (cut != std::string_view::npos) title = std::string(scan::trim(head.substr(cut)));
  std::size_t b = heading + 1;
  auto usable = [&](std::size_t i) {
    if (i >= doc.blocks.size()) return false;
    const BlockKind k = doc.blocks[i].kind;
    const std::string_view t = doc.block_text(i);
    const bool heads_table = i + 1 < doc.blocks.size() && doc.blocks[i + 1].kind == BlockKind::Table;
    return (k == BlockKind::Paragraph || k == BlockKind::Heading) && !starts_body(t) && !is_boilerplate(t) &&
           !heads_table && !display_position(t, tables) && t.size() < 1000;
  };
  if (title.empty() && usable(b)) title = std::string(doc.block_text(b++));
  for (int more = 0; more < 3 && !title.empty() && usable(b); ++more, ++b) {
    const std::string_view t = doc.block_text(b);
    const bool caps_more = scan::is_caps(title, 2) && scan::is_caps(t, 2) && !tables.issuers.canonical(t);
    if (t.front() != '(' && !caps_more) break;
    title += " " + std::string(t);
  }
  if (!title.empty()) h.title = scan::collapse_spaces(title);
}

// The type heading and the trích yếu under it. Before the first line of the header proper
// (number, place and date, national motto) only headings of web copies stand, so a heading
// there is not the type; without any such line the heading counts only with a title under it.
std::optional<std::size_t> find_type_heading(const ReflowedText& doc, std::size_t end, std::size_t evidence,
                                             const Tables& tables, Header& h) {
  for (std::size_t b = 0; b < end; ++b) {
    if (evidence != kNone && b + 3 < evidence) continue;
    const auto type = heading_type(doc, b);
    if (!type) continue;
    h.doc_type = type;
    find_title(doc, b, tables, h);
    if (evidence != kNone || h.title) return b;
    h.doc_type.reset();
  }
  return std::nullopt;
}

// "Nghị định số 234/2026/NĐ-CP của Chính phủ" as the title heading of a web copy without a "Số:" line.
void number_from_title_heading(const ReflowedText& doc, std::size_t end, Header& h) {
  for (std::size_t b = 0; b < std::min(end, std::size_t{12}); ++b) {
    const std::string_view t = doc.block_text(b);
    if (doc.blocks[b].kind != BlockKind::Heading || scan::is_caps(t, 3)) continue;
    for (const schema::DocType& type : schema::kDocTypes) {
      std::size_t p = 0;
      if (!scan::match_word_ci(t, 0, type.display, &p)) continue;
      p = scan::skip_spaces(t, p);
      if (scan::match_word_ci(t, p, "số", &p)) p = scan::skip_spaces(t, p);
      if (p < t.size() && t[p] == ':') p = scan::skip_spaces(t, p + 1);
      text::DocNumber dn;
      if (p >= t.size() || t[p] < '0' || t[p] > '9' || text::match_doc_number(t, p, dn) == 0) continue;
      h.doc_number = dn.display;
      h.doc_number_key = dn.key;
      h.number_codes = number_codes(dn.key);
      h.notes.push_back("doc_number taken from the title heading (no \"Số:\" line)");
      if (!h.doc_type)
        h.doc_type = std::string(type.display), h.notes.push_back("doc_type taken from the title heading");
      return;
    }
  }
}

// Công văn: "V/v ..." under the number.
void find_subject_line(const ReflowedText& doc, std::size_t end, Header& h) {
  for (std::size_t b = 0; b < end; ++b) {
    const std::string_view t = doc.block_text(b);
    if (t.size() > 4 && (t.substr(0, 4) == "V/v " || t.substr(0, 4) == "V/V ")) {
      h.title = std::string(t);
      return;
    }
  }
}

// Clause start: the block start or after ; , : .
bool clause_start(std::string_view t, std::size_t i) {
  while (i > 0 && t[i - 1] == ' ') --i;
  return i == 0 || t[i - 1] == ';' || t[i - 1] == ',' || t[i - 1] == ':' || t[i - 1] == '.';
}

// "Ngày 31/7/2025, Ủy ban nhân dân tỉnh tổ chức Phiên họp ...": a date opening a
// clause that reports a meeting or an inspection (not a date cited after a number).
std::optional<std::string> event_date(const ReflowedText& doc, std::size_t from, std::size_t to) {
  static constexpr std::string_view kEvents[] = {"tổ chức", "họp",      "làm việc", "kiểm tra",  "hội nghị",
                                                 "chủ trì", "giám sát", "khảo sát", "đối thoại", "tiếp công dân"};
  for (std::size_t b = from; b < to; ++b) {
    if (doc.blocks[b].kind != BlockKind::Paragraph) continue;
    const std::string_view t = doc.block_text(b);
    for (std::size_t i = 0; i < t.size(); ++i) {
      if ((t[i] != 'N' && t[i] != 'n') || !clause_start(t, i) || !scan::match_word_ci(t, i, "ngày")) continue;
      const auto m = scan::match_date(t, i);
      if (!m) continue;
      std::size_t end = t.find(';', m->end);
      end = std::min(end == std::string_view::npos ? t.size() : end, t.find(". ", m->end));
      const std::string clause = scan::to_lower(t.substr(m->end, std::min(end, t.size()) - m->end));
      for (std::string_view k : kEvents)
        if (clause.find(k) != std::string::npos) return m->date.iso();
    }
  }
  return std::nullopt;
}

}  // namespace

Header extract_header(const ReflowedText& doc, const Tables& tables) {
  Header h;
  h.end = header_end(doc);
  const auto number = find_number(doc, h.end);
  if (number) {
    h.doc_number = number->number.display;
    h.doc_number_key = number->number.key;
    h.number_codes = number_codes(number->number.key);
  }
  const std::size_t place_block = find_place_date(doc, h.end, number, h);
  std::size_t evidence = std::min(place_block, number ? number->block : kNone);
  for (std::size_t b = 0; b < std::min(h.end, evidence); ++b)
    if (motto_pos(doc.block_text(b)) != std::string_view::npos) evidence = b;
  const auto heading = find_type_heading(doc, h.end, evidence, tables, h);
  if (!number) number_from_title_heading(doc, h.end, h);
  if (!h.title) find_subject_line(doc, std::min(h.end, std::size_t{40}), h);
  h.issuer = header_issuer(doc, h.end, number ? std::optional<std::size_t>(number->block) : std::nullopt, tables);
  const std::size_t from = heading ? *heading + 1 : 0;
  const std::size_t items = preamble_end(doc, 0, doc.blocks.size());
  h.first_item = items == doc.blocks.size() ? 0 : items;
  h.event_date = event_date(doc, from, preamble_end(doc, from, std::min(h.end, from + 30)));
  return h;
}

}  // namespace tracuu::indexer::extract_detail
