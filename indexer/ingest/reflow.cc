// Reflow, second half: cleaned lines are joined into blocks.
#include "indexer/ingest/reflow.h"

#include <algorithm>
#include <optional>

#include "indexer/ingest/markers.h"
#include "indexer/ingest/reflow_lines.h"
#include "indexer/ingest/scan.h"
#include "schema/codes.h"

namespace tracuu::indexer {
namespace {

using reflow_detail::Footnote;
using reflow_detail::Line;

// What a line looks like, computed once.
struct Shape {
  std::optional<Marker> marker;
  std::size_t bullet = 0;   // bytes of a bullet marker
  bool caps = false;        // all-caps line
  bool recipients = false;  // "Nơi nhận:"
  bool delegation = false;  // "TM." / "KT." / "TL." ... signature line
  bool motto = false;       // "Độc lập - Tự do - Hạnh phúc": a header line of its own
  bool name_like = false;   // 2-5 capitalised words and nothing else: a signer's name, a short title
  char32_t first = 0;       // first letter or digit
  bool letters = false;     // has any letter
};

bool is_delegation(std::string_view s) {
  static constexpr std::string_view kMarks[] = {"TM.", "KT.", "TL.", "TUQ.", "Q.", "PP.", "T/M", "K/T", "T/L"};
  for (std::string_view m : kMarks)
    if (s.substr(0, m.size()) == m && s.size() > m.size() &&
        (s[m.size()] == ' ' || scan::is_upper(static_cast<unsigned char>(s[m.size()]))))
      return true;
  return false;
}

bool is_name_like(std::string_view t) {
  std::size_t words = 0;
  for (std::size_t i = 0; i < t.size();) {
    std::size_t len = 0;
    if (!scan::is_upper(scan::code_point_at(t, i, len))) return false;
    const std::size_t sp = t.find(' ', i);
    const std::string_view w = t.substr(i, sp == std::string_view::npos ? std::string_view::npos : sp - i);
    for (std::size_t k = 0; k < w.size(); k += len)
      if (!scan::is_letter(scan::code_point_at(w, k, len))) return false;
    ++words;
    i = sp == std::string_view::npos ? t.size() : sp + 1;
  }
  return words >= 2 && words <= 5;
}

Shape shape_of(const Line& l) {
  Shape s;
  const std::string_view t = l.text;
  s.marker = parse_marker(t);
  s.bullet = s.marker ? 0 : bullet_length(t);
  // An acronym run onto its own line ("OCOP9.", "CTMTQG,") is wrapped text, not a heading.
  const bool one_word = t.find(' ') == std::string_view::npos;
  s.caps = scan::is_caps(t) && !(one_word && (t.find_first_of("0123456789.,;") != std::string_view::npos));
  s.recipients = scan::starts_with_word_ci(t, "nơi") && scan::match_word_ci(t, scan::skip_spaces(t, 4), "nhận");
  s.delegation = is_delegation(t);
  s.motto = (t[0] == '\xC4' || t[0] == 'D') && schema::slug(t.substr(0, 40)).rfind("doc-lap-tu-do-hanh-phuc", 0) == 0;
  s.first = scan::first_alnum(s.bullet ? t.substr(s.bullet) : t);
  s.letters = scan::is_caps(t, 1) || !scan::is_caps(t, 0);  // any letter
  s.name_like = !s.caps && !s.marker && !s.bullet && is_name_like(t);
  return s;
}

// Ends a sentence or a clause that a new line may follow: . : ; ! ? (closing quotes and brackets skipped).
bool ends_terminal(std::string_view s) {
  while (!s.empty()) {
    const char c = s.back();
    if (c == ' ' || c == '"' || c == '\'' || c == ')' || c == ']') {
      s.remove_suffix(1);
      continue;
    }
    if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x9D" || s.substr(s.size() - 3) == "\xE2\x80\x99")) {
      s.remove_suffix(3);
      continue;
    }
    return c == '.' || c == ':' || c == ';' || c == '!' || c == '?';
  }
  return false;
}

// A word split at the line end after a hyphen glued to it: "49-", "KT-", "2027–".
bool ends_glued_hyphen(std::string_view s) {
  std::size_t n = 0;
  if (!s.empty() && s.back() == '-')
    n = 1;
  else if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x93"))
    n = 3;  // en dash
  if (n == 0 || s.size() <= n) return false;
  return scan::is_alnum(scan::code_point_before(s, s.size() - n));
}

// Typical width of wrapped lines (80th percentile), 0 when the text is not hard-wrapped.
std::size_t typical_width(const std::vector<Line>& lines) {
  std::vector<std::size_t> widths;
  for (const Line& l : lines) {
    if (l.width >= 20 && !l.table) widths.push_back(l.width);
  }
  if (widths.size() < 10) return 0;
  const auto at = widths.begin() + static_cast<long>(widths.size() * 8 / 10);
  std::nth_element(widths.begin(), at, widths.end());
  return (*at >= 40 && *at <= 160) ? *at : 0;
}

// The block being built and what the next line needs to know about it.
struct Open {
  bool open = false;
  BlockKind kind = BlockKind::Paragraph;
  bool caps = false;     // its first line is all caps
  bool heading = false;  // markdown heading
  bool table = false;
  bool last_terminal = false;
  bool last_glue = false;
  bool last_paren = false;  // last line ends with ')'
  bool motto = false;
  bool name_like = false;
  int lines = 0;
  std::size_t last_width = 0;
};

enum class Join { New, Space, Glue };

class Reflower {
 public:
  Reflower(const std::vector<Line>& lines, std::vector<Footnote> notes, bool double_spaced, bool paragraphs,
           std::size_t width, int pages)
      : lines_(lines),
        notes_(std::move(notes)),
        double_spaced_(double_spaced),
        paragraphs_(paragraphs),
        width_(width),
        page_count_(pages) {}

  ReflowedText run();

 private:
  Join decide(const Line& l, const Shape& s);
  Join decide_recipient(const Shape& s);
  Join decide_marker(const Line& l, const Shape& s);
  bool blank_break(const Line& l) const { return l.blanks >= (double_spaced_ ? 2 : 1) && !l.after_break; }
  bool short_last() const { return width_ > 0 && open_.last_width * 10 < width_ * 7; }
  BlockKind kind_for(const Line& l, const Shape& s) const;
  void start(std::size_t i, const Shape& s);
  void append(const Line& l, const Shape& s, bool glue);
  void finish();
  void emit_notes(std::size_t before);
  void piece(const Line& l, std::string_view text);

  const std::vector<Line>& lines_;
  std::vector<Footnote> notes_;
  std::size_t next_note_ = 0;
  bool double_spaced_;
  bool paragraphs_;  // every line is a paragraph (Word)
  std::size_t width_;
  int page_count_;
  bool in_recipients_ = false;
  bool recipients_done_ = false;  // the "Lưu:" entry was seen
  Open open_;
  Block block_;
  int last_page_ = 0;
  ReflowedText out_;
};

Join Reflower::decide_recipient(const Shape& s) {
  if (s.bullet) return Join::New;
  if (s.caps || s.delegation || recipients_done_ || (s.marker && s.marker->style <= MarkerStyle::Article)) {
    in_recipients_ = false;
    return Join::New;
  }
  return Join::Space;  // a wrapped entry: "- Các Bộ: Tài chính, Quốc phòng, Công an;" / "Cục Thống kê; ..."
}

Join Reflower::decide_marker(const Line& l, const Shape& s) {
  switch (s.marker->style) {
    case MarkerStyle::Part:
    case MarkerStyle::Chapter:
    case MarkerStyle::Section:
    case MarkerStyle::Roman:
    case MarkerStyle::Article: return Join::New;
    case MarkerStyle::Arabic:
    case MarkerStyle::Dotted:
    case MarkerStyle::Letter:
    case MarkerStyle::Paren: break;
  }
  // "1." at a line start may be a number wrapped from the line above.
  const bool after_text =
      open_.kind == BlockKind::Paragraph || open_.kind == BlockKind::Item || open_.kind == BlockKind::Bullet;
  if (open_.last_terminal || !after_text || open_.caps || width_ == 0 || short_last() || blank_break(l))
    return Join::New;
  return Join::Space;
}

Join Reflower::decide(const Line& l, const Shape& s) {
  if (paragraphs_) {
    if (in_recipients_ && !s.recipients) decide_recipient(s);  // only to see where the list ends
    return Join::New;
  }
  if (!open_.open) return Join::New;
  // A markdown heading wrapped onto a second line ("### Điều 4. ..., miễn trách" / "nhiệm kỷ luật, ...").
  if (open_.heading && !l.heading && l.blanks == 0 && l.direct && scan::is_lower(s.first) && !open_.last_terminal)
    return Join::Space;
  if (l.table || open_.table || l.heading || open_.heading || s.recipients) {
    in_recipients_ = in_recipients_ && !l.table && !l.heading;  // a table or heading ends the list
    return Join::New;
  }
  if (open_.last_glue && scan::is_alnum(scan::first_alnum(l.text))) return Join::Glue;
  if (in_recipients_) return decide_recipient(s);
  if (s.caps || s.delegation || s.motto || open_.motto) return Join::New;
  if (open_.name_like && open_.lines == 1) return Join::New;  // "Phạm Gia Túc" / "Phụ lục ..."

  if (open_.caps) return (!s.letters && !s.marker && !open_.last_terminal) ? Join::Space : Join::New;
  if (s.marker) return decide_marker(l, s);
  const bool lower = scan::is_lower(s.first);
  if (s.bullet)
    return (!open_.last_terminal && (lower || (s.first >= '0' && s.first <= '9'))) ? Join::Space : Join::New;
  if (blank_break(l)) return (lower && !open_.last_terminal) ? Join::Space : Join::New;
  if (lower || s.first == 0) return Join::Space;
  if (open_.last_terminal) return Join::New;
  if (width_ == 0) return Join::New;  // lines are not hard-wrapped: a capital starts a new one
  if (open_.kind == BlockKind::Item && open_.last_paren) return Join::New;  // "... (Sở Tài chính trình)" ends a heading
  // An unpunctuated one-line item heading of a hard-wrapped export, then a new sentence.
  if (width_ > 0 && open_.kind == BlockKind::Item && open_.lines == 1 && !starts_with_proper_term(l.text))
    return Join::New;
  return short_last() ? Join::New : Join::Space;
}

BlockKind Reflower::kind_for(const Line& l, const Shape& s) const {
  if (s.recipients || in_recipients_) return BlockKind::Recipient;
  if (l.table) return BlockKind::Table;
  if (s.marker) return BlockKind::Item;
  if (l.heading || s.caps) return BlockKind::Heading;
  if (s.bullet) return BlockKind::Bullet;
  return BlockKind::Paragraph;
}

void Reflower::piece(const Line& l, std::string_view text) {
  if (l.page > last_page_) {
    out_.pages.push_back({l.page, out_.text.size()});
    last_page_ = l.page;
  }
  out_.text.append(text);
}

void Reflower::start(std::size_t i, const Shape& s) {
  finish();
  emit_notes(i);
  const Line& l = lines_[i];
  if (s.recipients) in_recipients_ = true, recipients_done_ = false;
  block_ = Block{kind_for(l, s), out_.text.size(), 0, l.page, l.source};
  open_ = Open{true, block_.kind, s.caps, l.heading, l.table};
  open_.motto = s.motto;
  open_.name_like = s.name_like;
  append(l, s, true);
}

void Reflower::append(const Line& l, const Shape& s, bool glue) {
  if (!glue) out_.text.push_back(' ');
  piece(l, l.text);
  open_.last_terminal = ends_terminal(l.text);
  open_.last_glue = ends_glued_hyphen(l.text);
  open_.last_paren = !l.text.empty() && l.text.back() == ')';
  open_.last_width = l.width;
  ++open_.lines;
  if (in_recipients_ && s.bullet && scan::match_word_ci(l.text, s.bullet, "lưu")) recipients_done_ = true;
}

void Reflower::finish() {
  if (!open_.open) return;
  block_.end = out_.text.size();
  out_.blocks.push_back(block_);
  out_.text.push_back('\n');
  open_.open = false;
}

void Reflower::emit_notes(std::size_t before) {
  while (next_note_ < notes_.size() && notes_[next_note_].after < before) {
    const Footnote& n = notes_[next_note_++];
    Block b{BlockKind::Footnote, out_.text.size(), 0, n.page, n.source};
    out_.text.append(n.text);
    b.end = out_.text.size();
    out_.blocks.push_back(b);
    out_.text.push_back('\n');
  }
}

ReflowedText Reflower::run() {
  out_.text.reserve(lines_.empty() ? 0 : lines_.size() * 64);
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const Shape s = shape_of(lines_[i]);
    switch (decide(lines_[i], s)) {
      case Join::New: start(i, s); break;
      case Join::Space: append(lines_[i], s, false); break;
      case Join::Glue: append(lines_[i], s, true); break;
    }
  }
  finish();
  emit_notes(lines_.size() + 1);
  if (!out_.text.empty()) out_.text.pop_back();  // no '\n' after the last block
  if (page_count_ < 2) out_.pages.clear();
  return std::move(out_);
}

}  // namespace

ReflowedText reflow(const std::vector<std::string>& pages, bool lines_are_paragraphs) {
  std::vector<Line> lines = reflow_detail::read_lines(pages);
  const int page_count = static_cast<int>(pages.size());
  reflow_detail::drop_page_furniture(lines, page_count);
  // Blank lines between all lines only hide paragraphs when the lines are hard-wrapped;
  // between long unwrapped lines they separate paragraphs.
  const std::size_t width = typical_width(lines);
  const bool double_spaced = !lines_are_paragraphs && width > 0 && reflow_detail::is_double_spaced(lines);
  std::vector<Footnote> notes;
  if (double_spaced) notes = reflow_detail::take_footnotes(lines);
  return Reflower(lines, std::move(notes), double_spaced, lines_are_paragraphs, width, page_count).run();
}

}  // namespace tracuu::indexer
