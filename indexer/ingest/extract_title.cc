// A title for a document without a heading block (the file starts at its first paragraph or at
// its first item): the meeting its opening sentence reports, else the subjects of its top-level
// parts, else its first sentence.
#include <algorithm>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/scan.h"

namespace tracuu::indexer::extract_detail {
namespace {

constexpr std::size_t kMaxTitleBytes = 300;
constexpr std::size_t kMaxPartTitles = 3;

// The first of `words` (whole words, any case) in t[from, to), or npos.
std::size_t find_word(std::string_view t, std::size_t from, std::size_t to,
                      std::initializer_list<std::string_view> words) {
  for (std::size_t i = from; i < to; ++i) {
    if (i > from && t[i - 1] != ' ') continue;
    for (std::string_view w : words)
      if (scan::match_word_ci(t, i, w)) return i;
  }
  return std::string_view::npos;
}

// "Ngày 05/8/2025, Ủy ban nhân dân tỉnh (UBND tỉnh) tổ chức Phiên họp thường kỳ tháng 7 năm 2025
// (Phiên họp thứ hai) do đồng chí ... chủ trì" -> "Phiên họp thường kỳ ... (Phiên họp thứ hai) của Ủy
// ban nhân dân tỉnh"; "Kết luận " before it when the preamble announces conclusions.
std::optional<std::string> meeting_title(const ReflowedText& doc, std::size_t first_item) {
  const std::size_t limit = std::min({doc.blocks.size(), first_item, std::size_t{4}});
  bool conclusions = false;
  std::optional<std::string> meeting;
  for (std::size_t b = 0; b < limit; ++b) {
    if (doc.blocks[b].kind != BlockKind::Paragraph) continue;
    const std::string_view t = doc.block_text(b);
    conclusions = conclusions || scan::to_lower(t).find("kết luận như sau") != std::string::npos;
    if (meeting) continue;
    const auto date = scan::match_date(t, 0);
    if (!date) continue;
    std::size_t p = scan::skip_spaces(t, date->end);
    if (p < t.size() && t[p] == ',') p = scan::skip_spaces(t, p + 1);
    const std::size_t verb = find_word(t, p, std::min(t.size(), p + 200), {"tổ chức"});
    if (verb == std::string_view::npos) continue;
    std::string body = scan::without_parentheses(t.substr(p, verb - p));
    if (scan::ends_with_word(body, "đã")) body = std::string(scan::trim(body.substr(0, body.size() - 3)));
    const std::size_t from = scan::skip_spaces(t, verb + std::string_view("tổ chức").size());
    std::size_t to = find_word(t, from, t.size(), {"do", "với", "dưới"});
    to = std::min({to, t.find(';', from), t.find(". ", from), t.size()});
    const std::string_view event = scan::trim(scan::strip_trailing_punct(t.substr(from, to - from)));
    if (event.empty() || event.size() > kMaxTitleBytes || !scan::is_upper(scan::first_alnum(event))) continue;
    meeting = std::string(event) + (body.empty() ? "" : " của " + body);
  }
  if (!meeting) return std::nullopt;
  return conclusions ? "Kết luận " + *meeting : *meeting;
}

std::string sentence_case(std::string_view s) {
  return scan::is_caps(s, 4) ? scan::capitalize_first(scan::to_lower(s)) : std::string(s);
}

// A report that opens with its parts ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "II. TÌNH HÌNH KINH TẾ - XÃ HỘI
// THÁNG 8 ..."): their subjects, joined.
std::optional<std::string> parts_title(const std::vector<schema::Section>& sections) {
  std::string title;
  std::size_t n = 0;
  for (const auto& s : sections) {
    if (s.level != 1 || s.title.empty()) continue;
    if (++n > kMaxPartTitles) break;
    std::string part = sentence_case(scan::strip_trailing_punct(s.title));
    if (!title.empty() && scan::is_caps(s.title, 4)) part = scan::to_lower(part);
    if (title.size() + part.size() > kMaxTitleBytes) break;
    title += (title.empty() ? "" : "; ") + part;
  }
  if (n < 2) return std::nullopt;
  return title;
}

// The first sentence, cut at a word before kMaxTitleBytes.
std::optional<std::string> first_sentence(const ReflowedText& doc) {
  for (std::size_t b = 0; b < std::min(doc.blocks.size(), std::size_t{5}); ++b) {
    if (doc.blocks[b].kind != BlockKind::Paragraph) continue;
    const auto ss = sentences(doc.text, doc.blocks[b].begin, doc.blocks[b].end);
    if (ss.empty()) continue;
    std::string_view s = std::string_view(doc.text).substr(ss[0].first, ss[0].second - ss[0].first);
    if (s.size() <= kMaxTitleBytes) return std::string(scan::strip_trailing_punct(s));
    s = s.substr(0, s.rfind(' ', kMaxTitleBytes));
    return std::string(s) + "…";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> opening_title(const ReflowedText& doc, const std::vector<schema::Section>& sections,
                                         std::size_t first_item) {
  if (auto t = meeting_title(doc, first_item)) return t;
  if (auto t = parts_title(sections)) return t;
  return first_sentence(doc);
}

}  // namespace tracuu::indexer::extract_detail
