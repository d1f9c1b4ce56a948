// The closing part: signature block (người ký) and recipients (nơi nhận).
#include <algorithm>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/markers.h"
#include "indexer/ingest/scan.h"

namespace tracuu::indexer::extract_detail {
namespace {

constexpr std::size_t kMaxSignatureLine = 120;

bool usable(const Block& b) {
  return b.kind != BlockKind::Table && b.kind != BlockKind::Footnote;
}

bool is_delegation_line(std::string_view t) {
  return t.size() <= kMaxSignatureLine && delegation_length(t) > 0;
}

bool is_position_line(std::string_view t, const Tables& tables) {
  return t.size() <= kMaxSignatureLine && delegation_length(t) == 0 && scan::is_caps(t, 3) &&
         display_position(t, tables).has_value();
}

bool is_signature_line(const ReflowedText& doc, std::size_t b, const Tables& tables) {
  if (!usable(doc.blocks[b])) return false;
  const std::string_view t = doc.block_text(b);
  return is_delegation_line(t) || is_position_line(t, tables);
}

// Lines that may stand between the signing position and the name.
bool is_signature_noise(std::string_view t) {
  const std::string s = schema::slug(t);
  return s.empty() || s == "da-ky" || s.rfind("ky-ten", 0) == 0 || s.rfind("ky-boi", 0) == 0 || s == "dau";
}

std::optional<std::string> find_name(const ReflowedText& doc, std::size_t from) {
  const std::size_t limit = std::min(doc.blocks.size(), from + 60);
  for (std::size_t b = from; b < limit; ++b) {
    const Block& block = doc.blocks[b];
    const std::string_view t = doc.block_text(b);
    // Two-column layouts put the recipients between the position and the name.
    if (block.kind == BlockKind::Recipient || block.kind == BlockKind::Footnote || is_signature_noise(t)) continue;
    if (t.size() <= 80)
      if (auto name = person_name(t); name && has_family_name(*name)) return name;
    if (block.kind == BlockKind::Item || t.size() > 200) break;
  }
  return std::nullopt;
}

// The group of signature lines around the anchor: [first, last].
std::pair<std::size_t, std::size_t> signature_group(const ReflowedText& doc, std::size_t anchor, const Tables& tables) {
  std::size_t first = anchor, last = anchor;
  while (first > 0 && anchor - first < 3 && is_signature_line(doc, first - 1, tables)) --first;
  while (last + 1 < doc.blocks.size() && last - anchor < 3 && is_signature_line(doc, last + 1, tables)) ++last;
  return {first, last};
}

// The signature lines of blocks [first, last]; a block printed as one line
// ("TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG") is split at each mark and where a
// delegated position runs into the signing one.
std::vector<std::string_view> signature_parts(const ReflowedText& doc, std::size_t first, std::size_t last) {
  std::vector<std::string_view> parts;
  for (std::size_t b = first; b <= last; ++b) {
    const std::string_view t = doc.block_text(b);
    std::size_t start = 0;
    for (std::size_t i = 1; i < t.size(); ++i)
      if (t[i - 1] == ' ' && delegation_length(t.substr(i)) > 0) {
        parts.push_back(scan::trim(t.substr(start, i - start)));
        start = i;
      }
    parts.push_back(scan::trim(t.substr(start)));
  }
  std::vector<std::string_view> out;
  for (std::string_view p : parts) {
    const std::size_t d = delegation_length(p);
    const std::string_view rest = p.substr(d);
    const std::size_t n = d ? position_prefix(rest) : 0;
    if (n > 0 && n < rest.size() && position_prefix(scan::trim(rest.substr(n))) > 0) {
      out.push_back(scan::trim(p.substr(0, d + n)));
      out.push_back(scan::trim(rest.substr(n)));
    } else {
      out.push_back(p);
    }
  }
  return out;
}

// Reads one group of signature lines [first, last] and the name under it.
Closing read_group(const ReflowedText& doc, std::size_t first, std::size_t last, const Tables& tables) {
  Closing c;
  c.begin = first;
  const auto parts = signature_parts(doc, first, last);
  std::size_t position = kNone;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view p = parts[i];
    if (delegation_length(p) == 0 && display_position(p, tables)) position = i;
    if (p.substr(0, 3) == "TM." || p.substr(0, 3) == "T/M")
      c.issuer = display_org(scan::strip_trailing_punct(p.substr(delegation_length(p))), tables);
  }
  if (position != kNone) {
    c.signer.position = display_position(parts[position], tables);
    if (position > 0 && delegation_length(parts[position - 1]) > 0)
      c.signer.on_behalf = display_delegation(parts[position - 1], tables);
  }
  c.signer.name = find_name(doc, last + 1);
  return c;
}

// The last signature group with a name under it (forms in appendices repeat the
// lines with no name); failing that, the last group.
void read_signature(const ReflowedText& doc, std::size_t from, const Tables& tables, Closing& c) {
  std::optional<Closing> fallback;
  int groups = 0;
  for (std::size_t b = doc.blocks.size(); b-- > from && groups < 200;) {
    if (!is_signature_line(doc, b, tables)) continue;
    const auto [first, last] = signature_group(doc, b, tables);
    Closing g = read_group(doc, first, last, tables);
    if (g.signer.name) {
      c = std::move(g);
      return;
    }
    if (!fallback) fallback = std::move(g);
    b = first;
    ++groups;
  }
  if (fallback) c = std::move(*fallback);
}

// A name printed after the recipients with no signing lines around it (web copies).
void name_after_recipients(const ReflowedText& doc, const Tables& tables, Closing& c) {
  std::size_t last = kNone;
  for (std::size_t b = doc.blocks.size(); b-- > 0 && last == kNone;)
    if (doc.blocks[b].kind == BlockKind::Recipient) last = b;
  if (last == kNone) return;
  for (std::size_t b = last + 1; b < std::min(doc.blocks.size(), last + 4); ++b) {
    const std::string_view t = doc.block_text(b);
    if (t.size() > 80) break;
    if (auto name = person_name(t); name && has_family_name(*name)) {
      c.signer.name = name;
      if (!c.signer.position && b + 1 < doc.blocks.size())
        c.signer.position = display_position(doc.block_text(b + 1), tables);
      return;
    }
  }
}

std::string entry_text(std::string_view t) {
  t = scan::trim(t.substr(bullet_length(t)));
  while (!t.empty() && (t.back() == ';' || t.back() == ',' || t.back() == '.' || t.back() == ' ')) t.remove_suffix(1);
  if (t.size() >= 2 && t.substr(t.size() - 2) == "./") t.remove_suffix(2);
  return std::string(t);
}

void read_recipients(const ReflowedText& doc, Closing& c) {
  std::size_t head = kNone;
  for (std::size_t b = doc.blocks.size(); b-- > 0;) {
    const std::string_view t = doc.block_text(b);
    if (doc.blocks[b].kind == BlockKind::Recipient && scan::starts_with_word_ci(t, "nơi")) {
      head = b;
      break;
    }
  }
  if (head == kNone) return;
  c.begin = std::min(c.begin, head);
  // Text after "Nơi nhận:" on the same line is a first entry, unless it is the signature column run into it.
  std::string_view rest = doc.block_text(head);
  rest = scan::trim(
      rest.substr(std::min(rest.size(), rest.find(':') == std::string_view::npos ? rest.size() : rest.find(':') + 1)));
  if (!rest.empty() && rest.find("TM.") == std::string_view::npos && rest.find("KT.") == std::string_view::npos &&
      scan::is_letter(scan::first_alnum(rest)))
    c.recipients.push_back(entry_text(rest));
  for (std::size_t b = head + 1; b < doc.blocks.size() && doc.blocks[b].kind == BlockKind::Recipient; ++b) {
    std::string e = entry_text(doc.block_text(b));
    if (!e.empty()) c.recipients.push_back(std::move(e));
  }
}

}  // namespace

Closing extract_closing(const ReflowedText& doc, std::size_t from, const Tables& tables) {
  Closing c;
  read_signature(doc, from, tables, c);
  read_recipients(doc, c);
  if (!c.signer.name) name_after_recipients(doc, tables, c);
  return c;
}

}  // namespace tracuu::indexer::extract_detail
