// The closing part: signature block (người ký) and recipients (nơi nhận).
#include <algorithm>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/markers.h"
#include "indexer/ingest/scan.h"

namespace tracuu::indexer::extract_detail {
namespace {

constexpr std::size_t kMaxSignatureLine = 120;

bool usable(const Block& b) { return b.kind != BlockKind::Table && b.kind != BlockKind::Footnote; }

bool is_delegation_line(std::string_view t) { return t.size() <= kMaxSignatureLine && delegation_length(t) > 0; }

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
      if (auto name = person_name(t)) return name;
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

void read_signature(const ReflowedText& doc, std::size_t from, const Tables& tables, Closing& c) {
  std::size_t anchor = kNone;
  for (std::size_t b = doc.blocks.size(); b-- > from;)
    if (is_signature_line(doc, b, tables)) {
      anchor = b;
      break;
    }
  if (anchor == kNone) return;
  const auto [first, last] = signature_group(doc, anchor, tables);
  c.begin = first;
  std::size_t position = kNone;
  for (std::size_t b = first; b <= last; ++b) {
    const std::string_view t = doc.block_text(b);
    if (is_position_line(t, tables)) position = b;
    if (t.substr(0, 3) == "TM." || t.substr(0, 3) == "T/M") c.issuer = display_org(scan::strip_trailing_punct(t.substr(delegation_length(t))), tables);
  }
  if (position != kNone) {
    c.signer.position = display_position(doc.block_text(position), tables);
    if (position > first && is_delegation_line(doc.block_text(position - 1)))
      c.signer.on_behalf = display_delegation(doc.block_text(position - 1), tables);
  }
  c.signer.name = find_name(doc, last + 1);
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
  rest = scan::trim(rest.substr(std::min(rest.size(), rest.find(':') == std::string_view::npos ? rest.size() : rest.find(':') + 1)));
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
  return c;
}

}  // namespace tracuu::indexer::extract_detail
