#include "searchd/server/html.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <utility>

namespace tracuu::searchd::server {
namespace {

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Moves `pos` back to the start of the UTF-8 character it falls in.
std::size_t char_start(std::string_view text, std::size_t pos) {
  pos = std::min(pos, text.size());
  while (pos > 0 && pos < text.size() && is_continuation(static_cast<unsigned char>(text[pos]))) --pos;
  return pos;
}

void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text);
  return out;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string highlight_html(std::string_view text, const std::vector<Highlight>& highlights) {
  std::vector<Highlight> ranges;
  for (const auto& h : highlights) {
    const std::size_t begin = char_start(text, h.begin), end = char_start(text, h.end);
    if (begin < end) ranges.push_back({begin, end});
  }
  std::sort(ranges.begin(), ranges.end(), [](const Highlight& a, const Highlight& b) { return a.begin < b.begin; });
  std::string out;
  std::size_t pos = 0;
  for (const auto& r : ranges) {
    if (r.begin < pos) continue;  // overlaps the previous mark
    append_escaped(out, text.substr(pos, r.begin - pos));
    out += "<mark>";
    append_escaped(out, text.substr(r.begin, r.end - r.begin));
    out += "</mark>";
    pos = r.end;
  }
  append_escaped(out, text.substr(pos));
  return out;
}

std::optional<Passage> parse_passage(std::string_view text) {
  const std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  Passage p;
  const auto a = std::from_chars(text.data(), text.data() + dash, p.offset);
  const auto b = std::from_chars(text.data() + dash + 1, text.data() + text.size(), p.length);
  if (a.ec != std::errc() || a.ptr != text.data() + dash || b.ec != std::errc() || b.ptr != text.data() + text.size())
    return std::nullopt;
  return p;
}

std::string document_text_html(const schema::DocRecord& record, const std::optional<Passage>& passage) {
  const std::string_view text = record.text;
  // Insertions by byte offset; at one offset, anchors come before the mark opens
  // and after it closes, so elements never cross.
  std::multimap<std::size_t, std::string> inserts;
  for (const auto& s : record.sections)
    if (!s.anchor.empty())
      inserts.emplace(char_start(text, s.heading.begin),
                      "<span class=\"anchor\" id=\"" + html_escape(s.anchor) + "\"></span>");
  if (passage && passage->offset < text.size()) {
    const std::size_t begin = char_start(text, passage->offset);
    const std::size_t end =
        char_start(text, passage->offset + std::min(passage->length, text.size() - passage->offset));
    inserts.emplace(begin, "<mark class=\"passage\" id=\"p-" + std::to_string(passage->offset) + "\">");
    inserts.emplace(std::max(begin, end), "</mark>");
  }
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t pos = 0;
  for (const auto& [at, html] : inserts) {
    append_escaped(out, text.substr(pos, at - pos));
    out += html;
    pos = at;
  }
  append_escaped(out, text.substr(pos));
  return out;
}

std::string vietnamese_date(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
  return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" + std::string(iso.substr(0, 4));
}

std::optional<std::string> parse_vietnamese_date(std::string_view text) {
  // Digits and separators only: d/m/yyyy (Vietnamese order, as users type it) or yyyy-mm-dd (ISO).
  int parts[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  char sep = 0;
  std::size_t n = 0;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      if (n > 2 || ++digits[n] > 4) return std::nullopt;
      parts[n] = parts[n] * 10 + (c - '0');
    } else if ((c == '/' || c == '-') && (sep == 0 || sep == c) && n < 2 && digits[n] > 0) {
      sep = c;
      ++n;
    } else {
      return std::nullopt;
    }
  }
  if (n != 2 || digits[2] == 0) return std::nullopt;
  const bool iso = sep == '-';
  if (digits[iso ? 2 : 0] > 2 || digits[1] > 2 || digits[iso ? 0 : 2] != 4) return std::nullopt;
  int d = parts[0], m = parts[1], y = parts[2];
  if (iso) std::swap(d, y);  // 2025-08-04; 04-08-2025 (neither form) is refused
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1] || (m == 2 && d == 29 && !leap)) return std::nullopt;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

std::string section_heading(const schema::DocRecord& record, const schema::Section& section) {
  const std::string fallback = section.number + (section.title.empty() ? "" : ". " + section.title);
  const auto& h = section.heading;
  if (h.begin >= h.end || h.end > record.text.size()) return fallback;
  std::string_view printed(record.text.data() + h.begin, h.end - h.begin);
  // The label as printed ("Điều 1.", "Chương I", "a)") comes before the title; the title is kept whole.
  const std::size_t at = section.title.empty() ? std::string_view::npos : printed.find(section.title);
  if (at != std::string_view::npos) printed = printed.substr(0, at);
  std::string out;
  for (const char c : printed) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (at == std::string_view::npos) return out.empty() ? fallback : out;
  return out.empty() ? fallback : out + " " + section.title;
}

}  // namespace tracuu::searchd::server
