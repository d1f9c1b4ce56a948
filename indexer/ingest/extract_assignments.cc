// Assignments: explicit tasks given to named bodies, with their deadlines.
#include <algorithm>
#include <tuple>
#include <unordered_set>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/markers.h"
#include "indexer/ingest/scan.h"

namespace tracuu::indexer::extract_detail {
namespace {

// Words that hand a task to the body named next.
constexpr std::string_view kTriggers[] = {"giao", "yêu cầu", "đề nghị", "phân công"};
// Verbs that make a sentence opening with a body an instruction to it ("Sở Tư pháp tiếp thu ...").
constexpr std::string_view kStrongVerbs[] = {"tiếp thu",    "hoàn thiện",       "chủ trì",
                                             "khẩn trương", "chịu trách nhiệm", "có trách nhiệm",
                                             "tham mưu",    "rà soát",          "hoàn thành"};
// Verbs that do so only with a deadline ("UBND huyện Chi Lăng tiếp tục rà soát ... trước ngày 03/7/2021").
constexpr std::string_view kVerbs[] = {"trình",      "báo cáo",   "phối hợp",  "tổ chức",   "triển khai", "xây dựng",
                                       "nghiên cứu", "bổ sung",   "hướng dẫn", "kiểm tra",  "theo dõi",   "đôn đốc",
                                       "chủ động",   "tập trung", "tiếp tục",  "thực hiện", "cập nhật",   "tổng hợp",
                                       "đề xuất",    "lập",       "ban hành",  "dự thảo",   "chỉ đạo"};
// Words before a date that make it a deadline: "trước ngày", "trong ngày", "chậm nhất ngày", "hạn".
constexpr std::string_view kDeadlineWords[] = {"trước", "trong", "nhất", "hạn", "hết"};

template <std::size_t N>
bool starts_with_any(std::string_view t, std::size_t pos, const std::string_view (&words)[N]) {
  for (std::string_view w : words)
    if (scan::match_word_ci(t, pos, w)) return true;
  return false;
}

// The word that ends just before byte `pos` (spaces skipped): [begin, end).
std::pair<std::size_t, std::size_t> word_before(std::string_view t, std::size_t pos, std::size_t floor) {
  std::size_t end = pos;
  while (end > floor && t[end - 1] == ' ') --end;
  std::size_t begin = end;
  while (begin > floor && t[begin - 1] != ' ') --begin;
  return {begin, end};
}

std::optional<std::string> deadline(std::string_view t, std::size_t b, std::size_t e,
                                    const std::optional<std::string>& first_day) {
  for (std::size_t p = b; p < e;) {
    const auto m = scan::find_date(t, p, e);
    if (!m) break;
    auto [wb, we] = word_before(t, m->begin, b);
    if (scan::match_word_ci(t, wb, "ngày")) std::tie(wb, we) = word_before(t, wb, b);
    if (we > wb && starts_with_any(t.substr(0, we), wb, kDeadlineWords) && (!first_day || m->date.iso() >= *first_day))
      return m->date.iso();
    p = m->end;
  }
  return std::nullopt;
}

// Sentence start after a bullet or an item marker.
std::size_t content_start(std::string_view t, std::size_t b, std::size_t e) {
  const std::string_view s = t.substr(b, e - b);
  if (const std::size_t n = bullet_length(s)) return b + n;
  if (const auto m = parse_marker(s)) return b + m->title_begin;
  return b;
}

// "giao Sở X", "Yêu cầu Sở Tài chính", "đề nghị Sở Giáo dục và Đào tạo".
void triggered(std::string_view t, std::size_t b, std::size_t e, const Tables& tables, std::vector<BodyMatch>& found) {
  for (std::size_t i = b; i < e; ++i) {
    // Cheap filter on the first bytes: "gi", "yê", "đề", "ph" at a word start (0xC4: đ Đ).
    const unsigned char c = static_cast<unsigned char>(t[i]) | 0x20;
    const unsigned char n = i + 1 < e ? static_cast<unsigned char>(t[i + 1]) | 0x20 : 0;
    if (!((c == 'g' && n == 'i') || (c == 'y' && n == 0xE3) || (c == 0xE4 && (n | 0x01) == 0xB1) ||
          (c == 'p' && n == 'h')))
      continue;
    if (i > b && t[i - 1] != ' ' && t[i - 1] != '(' && t[i - 1] != '"' &&
        scan::is_letter(scan::code_point_before(t, i)))
      continue;
    std::size_t end = 0;
    std::string_view trigger;
    for (std::string_view w : kTriggers)
      if (trigger.empty() && scan::match_word_ci(t, i, w, &end)) trigger = w;
    if (trigger.empty()) continue;
    const auto [pb, pe] = word_before(t, i, b);
    if (pe > pb && (scan::match_word_ci(t, pb, "được") || scan::match_word_ci(t, pb, "bàn") ||
                    scan::match_word_ci(t, pb, "chuyển")))
      continue;
    std::size_t p = scan::skip_spaces(t, end);
    if (scan::match_word_ci(t, p, "nhiệm vụ", &end)) p = scan::skip_spaces(t, end);
    if (scan::match_word_ci(t, p, "cho", &end)) p = scan::skip_spaces(t, end);
    auto body = match_body(t, p, tables);
    // "đề nghị Thủ tướng Chính phủ" is a proposal upwards; "UBND phường" names no one body.
    if (!body || body->end > e || body->unnamed || (body->central && trigger == "đề nghị")) continue;
    found.push_back(std::move(*body));
  }
}

// "Sở Tư pháp tiếp thu ..., trình UBND tỉnh trước ngày 10/8/2025."
std::optional<BodyMatch> subject(std::string_view t, std::size_t start, std::size_t e, bool has_deadline,
                                 const Tables& tables) {
  auto body = match_body(t, start, tables);
  if (!body || body->end > e || body->unnamed) return std::nullopt;  // "UBND tỉnh ..." is the issuer speaking
  std::size_t p = scan::skip_spaces(t, body->end);
  if (p < e && t[p] == ',') p = scan::skip_spaces(t, p + 1);
  if (starts_with_any(t, p, kStrongVerbs) || (has_deadline && starts_with_any(t, p, kVerbs))) return body;
  return std::nullopt;
}

// A role ("Cơ quan chủ trì") stands for the body that submitted the enclosing item.
std::optional<std::string> resolve_role(const std::vector<schema::Section>& sections, std::size_t pos) {
  for (std::size_t i = sections.size(); i-- > 0;) {
    const schema::Section& s = sections[i];
    if (s.heading.begin <= pos && pos < s.body.end && s.submitted_by) return s.submitted_by;
  }
  return std::nullopt;
}

struct State {
  std::string lead;  // "Yêu cầu Sở Nội vụ:" -> the bullets that follow are its tasks (empty: none)
  std::string last;  // the last assignee in the current section
  const schema::Section* section = nullptr;
};

}  // namespace

std::vector<schema::Assignment> extract_assignments(const ReflowedText& doc,
                                                    const std::vector<schema::Section>& sections, const Tables& tables,
                                                    std::size_t closing_byte,
                                                    const std::optional<std::string>& first_day) {
  std::vector<schema::Assignment> out;
  std::unordered_set<std::string> seen;
  const std::string_view t = doc.text;
  State st;
  for (const Block& block : doc.blocks) {
    if (block.begin >= closing_byte) break;
    if (block.kind != BlockKind::Paragraph && block.kind != BlockKind::Item && block.kind != BlockKind::Bullet) {
      st.lead.clear();
      continue;
    }
    const schema::Section* section = section_at(sections, block.begin);
    if (section != st.section) st.last.clear(), st.section = section;
    std::size_t lead_from = kNone;  // index in `out` of an assignment whose sentence introduces bullets
    for (const auto& [b, e] : sentences(t, block.begin, block.end)) {
      const auto due = deadline(t, b, e, first_day);
      const std::size_t start = content_start(t, b, e);
      std::vector<BodyMatch> bodies;
      triggered(t, b, e, tables, bodies);
      if (bodies.empty())
        if (auto s = subject(t, start, e, due.has_value(), tables)) bodies.push_back(std::move(*s));
      std::vector<std::string> assignees;
      for (const BodyMatch& m : bodies)
        if (auto name = m.generic ? resolve_role(sections, b) : std::optional<std::string>(m.display))
          assignees.push_back(*name);
      if (assignees.empty() && due) {
        if (block.kind == BlockKind::Bullet && !st.lead.empty())
          assignees.push_back(st.lead);
        else if (!st.last.empty() && (starts_with_any(t, start, kStrongVerbs) || starts_with_any(t, start, kVerbs)))
          assignees.push_back(st.last);
      }
      for (const std::string& a : assignees) {
        if (!seen.insert(a + '\x1f' + std::to_string(b)).second) continue;
        out.push_back({a,
                       due,
                       section ? std::optional<std::string>(section->anchor) : std::nullopt,
                       {b, e},
                       std::string(t.substr(b, e - b))});
        st.last = a;
      }
      if (!bodies.empty() && !assignees.empty() && t[e - 1] == ':' && !out.empty()) lead_from = out.size() - 1;
    }
    if (lead_from != kNone)
      st.lead = out[lead_from].assignee;
    else if (block.kind != BlockKind::Bullet)
      st.lead.clear();
  }
  return out;
}

}  // namespace tracuu::indexer::extract_detail
