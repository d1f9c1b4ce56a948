// Citations: document numbers mentioned in the text, with the type, date and issuer the text gives.
#include <algorithm>
#include <unordered_map>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/scan.h"
#include "text/docnum.h"

namespace tracuu::indexer::extract_detail {
namespace {

constexpr std::size_t kContextBytes = 400;  // each side of a mention, for its sentence

const Block& block_at(const ReflowedText& doc, std::size_t pos) {
  auto it = std::upper_bound(doc.blocks.begin(), doc.blocks.end(), pos,
                             [](std::size_t p, const Block& b) { return p < b.begin; });
  return it == doc.blocks.begin() ? doc.blocks.front() : *(it - 1);
}

std::string context_of(std::string_view t, const Block& block, std::size_t begin, std::size_t end) {
  const std::size_t from =
      scan::char_boundary(t, block.begin + kContextBytes < begin ? begin - kContextBytes : block.begin);
  const std::size_t to = scan::char_boundary(t, std::min(block.end, end + kContextBytes));
  for (const auto& [b, e] : sentences(t, from, to))
    if (b <= begin && end <= e) return std::string(t.substr(b, e - b));
  return std::string(t.substr(begin, end - begin));
}

// "Nghị định số", "Kế hoạch hành động số", "Thông tư liên tịch": the type named before the number.
std::optional<std::string> type_before(std::string_view t, std::size_t block_begin, std::size_t pos) {
  const std::size_t from = scan::char_boundary(t, pos > block_begin + 60 ? pos - 60 : block_begin);
  std::string_view w = t.substr(from, pos - from);
  w = scan::strip_trailing_punct(w);
  if (w.size() >= 3 && scan::match_word_ci(w, w.size() - 3, "số"))
    w = scan::strip_trailing_punct(w.substr(0, w.size() - 3));
  for (int skipped = 0; skipped <= 2 && !w.empty(); ++skipped) {
    std::string_view best;
    for (const schema::DocType& type : schema::kDocTypes) {
      const std::string_view d = type.display;
      if (d.size() > w.size() || d.size() <= best.size()) continue;
      const std::size_t at = w.size() - d.size();
      if ((at == 0 || w[at - 1] == ' ' || w[at - 1] == '(') && scan::match_word_ci(w, at, d)) best = d;
    }
    if (!best.empty()) return std::string(best);
    const std::size_t sp = w.rfind(' ');
    if (sp == std::string_view::npos) break;
    w = scan::trim(w.substr(0, sp));  // one word between the type and the number: "Kế hoạch hành động"
  }
  return std::nullopt;
}

schema::Citation make_citation(const ReflowedText& doc, std::size_t begin, std::size_t end, const text::DocNumber& dn,
                               const Tables& tables) {
  const std::string_view t = doc.text;
  const Block& block = block_at(doc, begin);
  schema::Citation c;
  c.number = dn.display;
  c.key = dn.key;
  c.span = {begin, end};
  c.context = context_of(t, block, begin, end);
  const auto codes = number_codes(dn.key);
  c.doc_type = type_before(t, block.begin, begin);
  if (!c.doc_type && !codes.empty()) c.doc_type = doc_type_of_code(codes.front(), tables.abbreviations);
  std::size_t p = scan::skip_spaces(t, end);
  if (p < t.size() && t[p] == ',') p = scan::skip_spaces(t, p + 1);
  if (scan::match_word_ci(t, p, "ngày"))
    if (const auto d = scan::match_date(t, p); d && d->end <= block.end) {
      c.date = d->date.iso();
      p = scan::skip_spaces(t, d->end);
    }
  std::size_t after = 0;
  if (scan::match_word_ci(t, p, "của", &after)) {
    std::size_t q = scan::skip_spaces(t, after);
    if (const std::size_t n = position_prefix(t.substr(q, 80)); n > 0 && !match_body(t, q, tables))
      q = scan::skip_spaces(t, q + n);
    if (const auto body = match_body(t, q, tables); body && !body->generic && body->end <= block.end)
      c.issuer = tables.issuers.canonical_or_self(body->display);
  }
  if (!c.issuer && codes.size() >= 2) c.issuer = tables.issuers.canonical(codes[1]);
  return c;
}

bool word_char_before(std::string_view t, std::size_t i) {
  if (i == 0) return false;
  const auto c = static_cast<unsigned char>(t[i - 1]);
  return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '/' || c == '.' ||
         c == '-' || c == '_';
}

}  // namespace

std::vector<std::string> number_codes(std::string_view key) {
  std::vector<std::string> codes;
  std::size_t p = key.find_first_not_of("0123456789/");
  while (p < key.size()) {
    std::size_t e = key.find_first_of("-/", p);
    if (e == std::string_view::npos) e = key.size();
    if (!(key[p] >= '0' && key[p] <= '9')) codes.emplace_back(key.substr(p, e - p));
    p = e + 1;
  }
  return codes;
}

std::vector<schema::Citation> extract_citations(const ReflowedText& doc, const Tables& tables,
                                                const std::optional<std::string>& own_key,
                                                std::vector<Mention>& mentions) {
  std::vector<schema::Citation> out;
  std::unordered_map<std::string, std::size_t> seen;  // key -> index in out
  const std::string_view t = doc.text;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') continue;
    text::DocNumber dn;
    const std::size_t n = word_char_before(t, i) ? 0 : text::match_doc_number(t, i, dn);
    if (n == 0) {
      while (i + 1 < t.size() && t[i + 1] >= '0' && t[i + 1] <= '9') ++i;
      continue;
    }
    if (!own_key || dn.key != *own_key) {
      const auto [it, added] = seen.emplace(dn.key, out.size());
      if (added) out.push_back(make_citation(doc, i, i + n, dn, tables));
      mentions.push_back({i, i + n, it->second});
    }
    i += n - 1;
  }
  return out;
}

}  // namespace tracuu::indexer::extract_detail
