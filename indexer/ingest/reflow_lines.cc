#include "indexer/ingest/reflow_lines.h"

#include <algorithm>
#include <unordered_map>

#include "indexer/ingest/scan.h"
#include "text/normalize.h"
#include "text/word.h"

namespace tracuu::indexer::reflow_detail {
namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// A markdown rule or table separator: only - = _ * ~ | : and spaces, at least 3 marks.
bool is_rule(std::string_view s) {
  std::size_t marks = 0;
  for (char c : s) {
    if (c == '-' || c == '=' || c == '_' || c == '*' || c == '~')
      ++marks;
    else if (c != ' ' && c != '|' && c != ':')
      return false;
  }
  return marks >= 3;
}

bool boundary(std::string_view s, std::size_t i, int dir) {
  const long k = static_cast<long>(i) + dir;
  if (k < 0 || k >= static_cast<long>(s.size())) return true;
  const char c = s[static_cast<std::size_t>(k)];
  return c == ' ';
}

// Removes markdown emphasis (**bold**, *italic*, _italic_) and backslash escapes;
// keeps a lone star between spaces (a bullet, "5 * 3") and underscores inside
// words or runs of them (form blanks "____").
std::string strip_emphasis(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size() && std::string_view("*_#-.()[]|`").find(s[i + 1]) != std::string_view::npos) {
      out.push_back(s[++i]);
      continue;
    }
    if (c == '*') {
      if (i + 1 < s.size() && s[i + 1] == '*') {
        ++i;
        continue;
      }
      if (boundary(s, i, -1) && boundary(s, i, +1)) out.push_back(c);
      continue;
    }
    if (c == '_') {
      const bool run = (i > 0 && s[i - 1] == '_') || (i + 1 < s.size() && s[i + 1] == '_');
      const bool inner = !boundary(s, i, -1) && !boundary(s, i, +1) && i > 0 && i + 1 < s.size() &&
                         scan::is_alnum(static_cast<unsigned char>(s[i - 1])) &&
                         scan::is_alnum(static_cast<unsigned char>(s[i + 1]));
      if (run || inner) out.push_back(c);
      continue;
    }
    out.push_back(c);
  }
  return out;
}

// HTML entities that web copies leave in markdown: &nbsp; &amp; &lt; &gt; &quot;.
std::string decode_entities(std::string_view s) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&nbsp;", ' '}, {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool replaced = false;
    if (s[i] == '&')
      for (const auto& [entity, c] : kEntities)
        if (s.compare(i, entity.size(), entity) == 0) {
          out.push_back(c);
          i += entity.size() - 1;
          replaced = true;
          break;
        }
    if (!replaced) out.push_back(s[i]);
  }
  return out;
}

// Cleans one (normalised) line into `line`. Returns false when nothing is left (a blank or a rule).
bool clean_line(std::string_view raw, Line& line) {
  std::string_view t = scan::trim(raw);
  while (!t.empty() && t.front() == '>') t = scan::trim(t.substr(1));  // markdown quote marks
  if (t.empty()) return false;
  std::size_t hashes = 0;
  while (hashes < t.size() && hashes < 6 && t[hashes] == '#') ++hashes;
  if (hashes > 0 && hashes < t.size() && t[hashes] == ' ') {
    line.heading = true;
    t.remove_prefix(hashes + 1);
  }
  line.table = !t.empty() && t.front() == '|';
  if (is_rule(t)) return false;
  const bool markup = t.find_first_of("*_\\&") != std::string_view::npos;
  line.text = scan::collapse_spaces(markup ? std::string_view(strip_emphasis(decode_entities(t))) : t);
  if (line.table) {
    line.text.erase(std::remove(line.text.begin(), line.text.end(), '|'), line.text.end());
    line.text = scan::collapse_spaces(line.text);
  }
  return !line.text.empty();
}

// Whitespace only? Returns its width (normalisation made NBSP and tabs plain spaces).
std::size_t blank_width(std::string_view raw, bool& blank) {
  std::size_t spaces = 0;
  blank = true;
  for (char c : raw) {
    if (!is_ascii_space(c)) return blank = false, 0;
    ++spaces;
  }
  return spaces;
}

}  // namespace

std::vector<Line> read_lines(const std::vector<std::string>& pages) {
  std::vector<Line> lines;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    // One NFC pass per page; line offsets are then offsets into the NFC page (the same as the
    // source's for NFC input, which is what every reader but the NFD exports gives).
    const std::string normalized = text::normalize(pages[p]);
    const std::string_view page = normalized;
    int blanks = 0;
    bool rule = false, direct = p == 0 ? false : true;
    for (std::size_t start = 0; start <= page.size();) {
      std::size_t end = page.find('\n', start);
      if (end == std::string_view::npos) end = page.size();
      const std::string_view raw = page.substr(start, end - start);
      const std::size_t offset = start;
      start = end + 1;
      bool blank = false;
      const std::size_t width = blank_width(raw, blank);
      Line line;
      if (blank || !clean_line(raw, line)) {
        ++blanks;
        rule = rule || width >= 20;
        direct = false;
        continue;
      }
      line.page = static_cast<int>(p) + 1;
      line.width = scan::count_chars(line.text);
      line.source = offset;
      line.blanks = blanks;
      line.direct = direct;
      line.after_rule = rule;
      lines.push_back(std::move(line));
      blanks = 0;
      rule = false;
      direct = true;
    }
  }
  return lines;
}

namespace {

// "4", "- 4 -", "Trang 4", "Trang 4/12": returns the number, 0 when not a page number.
int page_number(std::string_view s) {
  std::size_t end = 0;
  if (scan::match_word_ci(s, 0, "trang", &end)) s = scan::trim(s.substr(end));
  if (s.size() >= 2 && s.front() == '-' && s.back() == '-') s = scan::trim(s.substr(1, s.size() - 2));
  if (const auto slash = s.find('/'); slash != std::string_view::npos) s = s.substr(0, slash);
  if (s.empty() || s.size() > 3) return 0;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

// A line that a number may continue: "... số" / "... năm" / "49-".
bool expects_number(std::string_view prev) {
  if (prev.empty()) return false;
  const char last = prev.back();
  if (last == '-' || last == '/' || last == ',' || (last >= '0' && last <= '9')) return true;
  const std::size_t sp = prev.rfind(' ');
  const std::string word = text::fold(prev.substr(sp == std::string_view::npos ? 0 : sp + 1));
  static constexpr std::string_view kWords[] = {"so",    "nam",  "thang", "ngay",  "dieu",
                                                "khoan", "diem", "muc",   "trang", "phu"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// Key of a running header/footer: folded, digits removed (page numbers vary).
std::string furniture_key(std::string_view s) {
  std::string key;
  for (char c : text::fold(s))
    if (!(c >= '0' && c <= '9') && c != ' ') key.push_back(c);
  return key;
}

void drop_repeated(std::vector<Line>& lines, std::vector<bool>& drop, int page_count) {
  if (page_count < 3) return;
  // First two and last two lines of each page are the candidates.
  std::unordered_map<std::string, int> counts;
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const bool top =
        (i == 0 || lines[i - 1].page != lines[i].page) || (i >= 1 && (i == 1 || lines[i - 2].page != lines[i].page));
    const bool bottom = (i + 1 == lines.size() || lines[i + 1].page != lines[i].page) ||
                        (i + 2 >= lines.size() || lines[i + 2].page != lines[i].page);
    if ((top || bottom) && lines[i].text.size() < 160) candidates.push_back(i);
  }
  for (std::size_t i : candidates) ++counts[furniture_key(lines[i].text)];
  const int needed = std::max(3, page_count / 2);
  for (std::size_t i : candidates) {
    const std::string key = furniture_key(lines[i].text);
    if (!key.empty() && counts[key] >= needed) drop[i] = true;
  }
}

}  // namespace

void drop_page_furniture(std::vector<Line>& lines, int page_count) {
  std::vector<bool> drop(lines.size(), false);
  drop_repeated(lines, drop, page_count);
  int last = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int n = page_number(lines[i].text);
    if (n == 0 || drop[i]) continue;
    const bool page_edge = page_count > 1 && (i == 0 || lines[i - 1].page != lines[i].page || i + 1 == lines.size() ||
                                              lines[i + 1].page != lines[i].page);
    const bool plausible = n > last && !(i > 0 && expects_number(lines[i - 1].text));
    if (page_edge || plausible) {
      drop[i] = true;
      last = n;
    }
  }
  std::vector<Line> kept;
  kept.reserve(lines.size());
  bool after_break = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (drop[i]) {
      after_break = true;
      continue;
    }
    Line& l = lines[i];
    if (after_break) {
      l.after_break = true;
      l.blanks = 0;  // a page break does not end a paragraph
      l.direct = false;
    }
    after_break = false;
    kept.push_back(std::move(l));
  }
  lines = std::move(kept);
}

bool is_double_spaced(const std::vector<Line>& lines) {
  std::size_t single = 0, none = 0;
  for (const Line& l : lines) {
    if (l.blanks == 1)
      ++single;
    else if (l.blanks == 0 && l.direct)
      ++none;
  }
  return single >= 8 && single * 10 >= (single + none) * 6;
}

namespace {

// "12 Text": the footnote number when it is `expected` (or a little later).
bool starts_footnote(std::string_view s, int expected) {
  int n = 0;
  std::size_t i = 0;
  while (i < s.size() && i < 3 && s[i] >= '0' && s[i] <= '9') n = n * 10 + (s[i++] - '0');
  return i > 0 && i < s.size() && s[i] == ' ' && n >= expected && n <= expected + 2;
}

}  // namespace

std::vector<Footnote> take_footnotes(std::vector<Line>& lines) {
  std::vector<Footnote> notes;
  std::vector<Line> body;
  body.reserve(lines.size());
  int expected = 1;
  bool in_zone = false;
  for (Line& l : lines) {
    const bool opens = !in_zone && l.after_rule && starts_footnote(l.text, expected);
    in_zone = in_zone || opens;
    if (in_zone) {
      if ((opens || l.direct) && starts_footnote(l.text, expected)) {
        notes.push_back({l.text, l.page, l.source, body.empty() ? 0 : body.size() - 1});
        expected = std::atoi(l.text.c_str()) + 1;
        continue;
      }
      if (!l.direct && !l.after_break && !notes.empty() && l.blanks >= 1) {
        notes.back().text.append(" ").append(l.text);
        continue;
      }
      in_zone = false;  // the body resumes: a line straight after the last note, or a new page
      l.blanks = 0;
    }
    body.push_back(std::move(l));
  }
  lines = std::move(body);
  return notes;
}

}  // namespace tracuu::indexer::reflow_detail
