// The issuing body: header lines, signature, number code; localities completed from the text.
#include <algorithm>
#include <map>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/scan.h"
#include "text/tokenizer.h"

namespace tracuu::indexer::extract_detail {
namespace {

bool has_motto(std::string_view t, std::size_t& at) {
  for (std::size_t i = 0; i < t.size(); ++i)
    if ((t[i] == 'C' || t[i] == 'c') &&
        (scan::match_word_ci(t, i, "cộng hòa xã hội") || scan::match_word_ci(t, i, "cộng hoà xã hội"))) {
      at = i;
      return true;
    }
  return false;
}

// Lines that head a header but name no body: the party motto, site headings of web copies.
bool stops_issuer(std::string_view t) {
  static constexpr std::string_view kStops[] = {"doc-lap-tu-do-hanh-phuc",
                                                "dang-cong-san-viet-nam",
                                                "van-ban",
                                                "toan-van",
                                                "thong-tin-van-ban",
                                                "noi-dung",
                                                "van-ban-goc"};
  const std::string s = schema::slug(t);
  for (std::string_view k : kStops)
    if (s == k || (k == kStops[0] && s.rfind(k, 0) == 0)) return true;
  for (const schema::DocType& type : schema::kDocTypes)
    if (s == type.code) return true;
  return false;
}

// "... TỈNH LẠNG SƠN" -> "TỈNH LẠNG SƠN".
std::string_view locality_suffix(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((i == 0 || s[i - 1] == ' ') && (scan::match_word_ci(s, i, "tỉnh") || scan::match_word_ci(s, i, "thành phố")))
      return s.substr(i);
  return {};
}

// A line that names a body: known to the registry, or shaped like a body's name ("SỞ XÂY DỰNG TỈNH CAO BẰNG").
bool names_body(std::string_view line, const Tables& tables) {
  if (tables.issuers.canonical(line)) return true;
  const auto body = match_body(line, 0, tables);
  return body && !body->generic && body->end * 10 >= line.size() * 8;
}

std::optional<std::string> resolve_lines(const std::vector<std::string_view>& lines, const Tables& tables) {
  std::string joined;
  for (auto l : lines) joined.append(joined.empty() ? "" : " ").append(l);
  if (auto c = tables.issuers.canonical(joined)) return *c;
  if (lines.size() >= 2) {
    // "UBND TỈNH LẠNG SƠN / SỞ TÀI CHÍNH": the lower line is the issuer, in the upper one's locality.
    const std::string last(lines.back());
    const std::string loc(scan::trim(locality_suffix(joined.substr(0, joined.size() - last.size()))));
    const std::string with_loc = loc.empty() ? last : last + " " + loc;
    if (auto c = tables.issuers.canonical(with_loc)) return *c;
    if (auto c = tables.issuers.canonical(last)) return *c;
    if (names_body(last, tables)) return display_org(with_loc, tables);
  }
  if (names_body(joined, tables)) return display_org(joined, tables);
  return std::nullopt;  // a site heading ("NỘI DUNG TOÀN VĂN"), a title: not an issuer
}

// Bodies that need a locality to be one body.
bool is_generic(std::string_view name) {
  static constexpr std::string_view kGeneric[] = {"uy-ban-nhan-dan", "hoi-dong-nhan-dan", "tinh-uy",
                                                  "ban-thuong-vu-tinh-uy", "ban-chap-hanh-dang-bo-tinh"};
  const std::string s = schema::slug(name);
  return std::find(std::begin(kGeneric), std::end(kGeneric), s) != std::end(kGeneric);
}

// "tỉnh Lạng Sơn": the level and name the text uses most (for `place` when given).
std::optional<std::string> infer_locality(const ReflowedText& doc, const std::optional<std::string>& place) {
  std::map<std::string, int> counts;
  const std::string_view t = doc.text;
  for (std::string_view level : {std::string_view("tỉnh "), std::string_view("thành phố ")}) {
    for (std::size_t i = t.find(level); i != std::string_view::npos; i = t.find(level, i + 1)) {
      std::size_t p = i + level.size(), end = p;
      for (int words = 0; words < 3; ++words) {
        std::size_t len = 0;
        if (p >= t.size() || !scan::is_upper(scan::code_point_at(t, p, len))) break;
        end = t.find_first_of(" ,.;:()\n", p);
        if (end == std::string_view::npos) end = t.size();
        p = end + 1;
        if (end >= t.size() || t[end] != ' ') break;
      }
      if (end > i + level.size()) ++counts[std::string(t.substr(i, end - i))];
    }
  }
  std::optional<std::string> best;
  int best_count = 0;
  for (const auto& [loc, n] : counts) {
    const bool fits =
        !place || (loc.size() >= place->size() && loc.compare(loc.size() - place->size(), place->size(), *place) == 0);
    if (fits && n > best_count) best = loc, best_count = n;
  }
  if (!best && place) return "tỉnh " + *place;  // the place line names the province
  return best_count >= 2 || place ? best : std::nullopt;
}

// The body code of a number: "TB-UBND" -> "UBND", "ND-CP" -> "CP", "UBND-KT" (công văn) -> "UBND".
std::optional<std::string> issuer_code(const Header& h, const Tables& tables) {
  if (h.number_codes.empty()) return std::nullopt;
  std::size_t i = doc_type_of_code(h.number_codes.front(), tables.abbreviations) ? 1 : 0;
  if (i == 1 && h.number_codes.size() == 1) {
    std::string c = h.number_codes.front();  // QH14: the type code is the body code
    while (!c.empty() && c.back() >= '0' && c.back() <= '9') c.pop_back();
    return c == "QH" ? std::optional<std::string>("Quốc hội") : std::nullopt;
  }
  if (i >= h.number_codes.size()) return std::nullopt;
  const std::string& code = h.number_codes[i];
  if (auto c = tables.issuers.canonical(code)) return c;
  std::vector<std::string> words;
  for (const auto& t : text::analyze(code)) words.push_back(t.folded);
  for (const text::Abbreviation* a : tables.abbreviations.find_abbreviation(words))
    if (a->kind == text::AbbreviationKind::Organization) return a->expansions.front();
  return std::nullopt;
}

}  // namespace

std::optional<std::string> header_issuer(const ReflowedText& doc, std::size_t end,
                                         std::optional<std::size_t> number_block, const Tables& tables) {
  std::size_t anchor = kNone, motto_at = std::string_view::npos;
  for (std::size_t b = 0; b < end && anchor == kNone; ++b)
    if (doc.blocks[b].kind != BlockKind::Table && has_motto(doc.block_text(b), motto_at)) anchor = b;
  if (number_block && (anchor == kNone || *number_block < anchor))
    anchor = *number_block, motto_at = std::string_view::npos;
  if (anchor == kNone) return std::nullopt;
  std::vector<std::string_view> lines;
  const std::string_view at = doc.block_text(anchor);
  const std::string_view prefix = scan::trim(at.substr(0, motto_at == std::string_view::npos ? 0 : motto_at));
  if (scan::is_caps(prefix, 2) && !stops_issuer(prefix)) lines.push_back(prefix);
  const bool beside_motto = !lines.empty();
  for (std::size_t b = anchor; !beside_motto && b > 0 && anchor - b < 3;) {
    const std::string_view t = doc.block_text(--b);
    if (doc.blocks[b].kind == BlockKind::Table || !scan::is_caps(t, 2) || stops_issuer(t) || t.size() > 120) break;
    lines.insert(lines.begin(), t);
  }
  if (lines.empty()) return std::nullopt;
  return resolve_lines(lines, tables);
}

std::optional<std::string> resolve_issuer(const Header& header, const Closing& closing, const ReflowedText& doc,
                                          const Tables& tables, std::vector<std::string>& warnings) {
  std::optional<std::string> issuer = header.issuer;
  if (!issuer && closing.issuer) {
    issuer = closing.issuer;
    warnings.push_back("issuer taken from the signature block");
  }
  if (!issuer) {
    issuer = issuer_code(header, tables);
    if (issuer) warnings.push_back("issuer inferred from the document number");
  }
  if (!issuer) return std::nullopt;
  if (!tables.issuers.canonical(*issuer) && is_generic(*issuer)) {
    if (const auto loc = infer_locality(doc, header.place)) {
      const bool party = schema::slug(*issuer).find("tinh-uy") != std::string::npos;
      const std::string name = party ? loc->substr(loc->find(' ') + 1) : *loc;  // Tỉnh ủy Lạng Sơn
      issuer = *issuer + " " + name;
      warnings.push_back("issuer completed with the locality the text names (" + *loc + ")");
    } else {
      warnings.push_back("issuer names no locality");
    }
  }
  return tables.issuers.canonical_or_self(*issuer);
}

}  // namespace tracuu::indexer::extract_detail
