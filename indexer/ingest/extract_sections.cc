// Numbered structure: mục, điều, khoản, điểm, with levels, titles, anchors and spans.
#include <algorithm>
#include <unordered_set>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/markers.h"
#include "indexer/ingest/scan.h"

namespace tracuu::indexer::extract_detail {
namespace {

constexpr std::size_t kMaxTitleChars = 400;

// Where the title of an item ends: its first sentence, or right after "(... trình)".
std::size_t title_end(std::string_view t) {
  const auto first = sentences(t, 0, scan::char_boundary(t, std::min(t.size(), std::size_t{4096})));
  std::size_t end = first.empty() ? t.size() : first.front().second;
  // "d) Tăng cường ...: Tiếp tục xây dựng ..." - a heading run into its text after a colon.
  for (std::size_t c = t.find(": "); c != std::string_view::npos && c < end; c = t.find(": ", c + 1))
    if (scan::is_upper(scan::first_alnum(t.substr(c + 2)))) {
      end = c;
      break;
    }
  while (end > 0 && (t[end - 1] == '.' || t[end - 1] == ' ' || t[end - 1] == ':')) --end;
  return end;
}

// "(Sở Tài chính trình)" at the end of a title -> "Sở Tài chính".
std::optional<std::string> submitted_by(std::string_view title) {
  for (std::size_t close = title.rfind(')'); close != std::string_view::npos && close > 0;
       close = title.rfind(')', close - 1)) {
    const std::size_t open = title.rfind('(', close);
    if (open == std::string_view::npos) return std::nullopt;
    const std::string_view inner = scan::trim(title.substr(open + 1, close - open - 1));
    const std::size_t sp = inner.rfind(' ');
    std::size_t end = 0;
    if (sp != std::string_view::npos && scan::match_word_ci(inner, sp + 1, "trình", &end) && end == inner.size())
      return scan::collapse_spaces(inner.substr(0, sp));
    if (open == 0) break;
    close = open;
  }
  return std::nullopt;
}

// A piece of an anchor: ASCII letters and digits, other runs become '-'.
std::string anchor_part(std::string_view number) {
  std::string s = schema::slug(number);
  return s.empty() ? "x" : s;
}

struct Open {
  int rank = 0;
  std::size_t index = 0;  // into the result
};

std::string make_anchor(const Marker& m, const std::vector<Open>& stack, const std::vector<schema::Section>& out) {
  switch (m.style) {
    case MarkerStyle::Article: return "dieu-" + anchor_part(m.number);
    case MarkerStyle::Chapter: return "chuong-" + anchor_part(m.number);
    case MarkerStyle::Section: return "muc-" + anchor_part(m.number);
    case MarkerStyle::Part: return "phan-" + anchor_part(m.number);
    case MarkerStyle::Roman: return "s-" + std::to_string(roman_value(m.number));
    case MarkerStyle::Arabic:
    case MarkerStyle::Dotted:
    case MarkerStyle::Letter:
    case MarkerStyle::Paren: break;
  }
  const std::string_view n = m.number;
  const std::string last(n.substr(n.rfind('.') == std::string_view::npos ? 0 : n.rfind('.') + 1));
  if (stack.empty()) return "s-" + anchor_part(n);
  const schema::Section& parent = out[stack.back().index];
  return parent.anchor + "-" + anchor_part(m.style == MarkerStyle::Paren ? "p" + last : last);
}

void unique_anchor(std::string& anchor, std::unordered_set<std::string>& used) {
  if (used.insert(anchor).second) return;
  for (int k = 2;; ++k)
    if (used.insert(anchor + "-" + std::to_string(k)).second) {
      anchor += "-" + std::to_string(k);
      return;
    }
}

// The title of a chapter/part/section printed on the next line ("Chương I" / "QUY ĐỊNH CHUNG").
bool title_on_next_line(const ReflowedText& doc, std::size_t b) {
  return b + 1 < doc.blocks.size() && doc.blocks[b + 1].kind == BlockKind::Heading &&
         !parse_marker(doc.block_text(b + 1)).has_value();
}

schema::Section make_section(const ReflowedText& doc, std::size_t b, const Marker& m) {
  const Block& block = doc.blocks[b];
  const std::string_view t = doc.block_text(b);
  schema::Section s;
  s.number = m.number;
  std::size_t heading_end = block.end;
  if (m.title_begin < t.size()) {
    const std::string_view rest = t.substr(m.title_begin);
    const std::size_t end = title_end(rest);
    std::string title(scan::trim(rest.substr(0, end)));
    s.submitted_by = submitted_by(title);
    if (scan::count_chars(title) > kMaxTitleChars) {
      std::size_t cut = 0, chars = 0;
      for (; cut < title.size() && chars < kMaxTitleChars; ++cut)
        chars += (static_cast<unsigned char>(title[cut]) & 0xC0) != 0x80;
      cut = title.rfind(' ', cut);
      title = title.substr(0, cut == std::string::npos ? title.size() : cut) + "…";
    }
    s.title = std::move(title);
    heading_end = block.begin + m.title_begin + std::min(end + 1, rest.size());
  } else if (title_on_next_line(doc, b)) {
    s.title = std::string(doc.block_text(b + 1));
    heading_end = doc.blocks[b + 1].end;
  }
  s.heading = {block.begin, heading_end};
  return s;
}

}  // namespace

std::vector<schema::Section> extract_sections(const ReflowedText& doc, std::size_t closing_byte) {
  std::vector<schema::Section> out;
  std::vector<std::size_t> points;  // blocks of "(1)" items: their bodies are their own paragraph and its bullets
  std::vector<Open> stack;
  std::unordered_set<std::string> used;
  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    const Block& block = doc.blocks[b];
    if (block.kind != BlockKind::Item || block.begin >= closing_byte) continue;
    const auto m = parse_marker(doc.block_text(b));
    if (!m) continue;
    const int rank = marker_rank(m->style);
    while (!stack.empty() && stack.back().rank >= rank) stack.pop_back();
    schema::Section s = make_section(doc, b, *m);
    s.level = static_cast<int>(stack.size()) + 1;
    s.anchor = make_anchor(*m, stack, out);
    unique_anchor(s.anchor, used);
    stack.push_back({rank, out.size()});
    points.push_back(m->style == MarkerStyle::Paren ? b : kNone);
    out.push_back(std::move(s));
  }
  // A body runs to the next section at the same or a higher level, or to the closing part.
  const std::size_t text_end = std::min(closing_byte, doc.text.size());
  std::vector<std::size_t> next_at_level;  // index of the pending section per level
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto level = static_cast<std::size_t>(out[i].level);
    for (std::size_t j = level; j <= next_at_level.size(); ++j) {
      schema::Section& prev = out[next_at_level[j - 1]];
      if (prev.body.end == 0) prev.body.end = out[i].heading.begin;
    }
    next_at_level.resize(level);
    next_at_level[level - 1] = i;
  }
  for (auto& s : out) {
    s.body.begin = s.heading.begin;
    if (s.body.end == 0) s.body.end = std::max(text_end, s.heading.end);
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (points[i] == kNone) continue;
    std::size_t b = points[i];
    while (b + 1 < doc.blocks.size() && doc.blocks[b + 1].kind == BlockKind::Bullet) ++b;
    out[i].body.end = std::min(out[i].body.end, doc.blocks[b].end);
  }
  for (auto& s : out)
    while (s.body.end > s.body.begin && doc.text[s.body.end - 1] == '\n') --s.body.end;
  return out;
}

const schema::Section* section_at(const std::vector<schema::Section>& sections, std::size_t pos) {
  // Sections are in text order; the last one that starts before pos and still contains it is the innermost.
  auto it = std::upper_bound(sections.begin(), sections.end(), pos,
                             [](std::size_t p, const schema::Section& s) { return p < s.heading.begin; });
  while (it != sections.begin()) {
    --it;
    if (pos < it->body.end) return &*it;
    if (it->level == 1) break;
  }
  return nullptr;
}

}  // namespace tracuu::indexer::extract_detail
