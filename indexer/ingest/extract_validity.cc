// The document's own effective-date clause: "Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 7
// năm 2025", "Quyết định này có hiệu lực kể từ ngày ký", "... có hiệu lực từ ngày 15/8/2026 đến hết ngày
// 28/02/2027", "Thông tư này hết hiệu lực kể từ ngày ...".
#include <algorithm>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/markers.h"
#include "indexer/ingest/scan.h"

namespace tracuu::indexer::extract_detail {
namespace {

// How far before "có hiệu lực" the subject may stand ("Nghị quyết này đã được ... thông qua ... và có hiệu lực").
constexpr std::size_t kSubjectWindow = 300;

// Skips the optional words between "hiệu lực" and the date: "thi hành", ",", "kể", "từ".
std::size_t skip_to_date(std::string_view t, std::size_t p) {
  for (std::string_view w : {"thi hành", "thị hành", "chính thức"}) {  // "thị": OCR
    std::size_t e = 0;
    if (scan::match_word_ci(t, scan::skip_spaces(t, p), w, &e)) p = e;
  }
  p = scan::skip_spaces(t, p);
  if (p < t.size() && t[p] == ',') p = scan::skip_spaces(t, p + 1);
  std::size_t e = 0;
  if (scan::match_word_ci(t, p, "kể", &e)) p = scan::skip_spaces(t, e);
  if (scan::match_word_ci(t, p, "từ", &e)) p = scan::skip_spaces(t, e);
  return p;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// ISO date plus n days.
std::string add_days(std::string_view iso, int n) {
  scan::Date d{std::stoi(std::string(iso.substr(0, 4))), std::stoi(std::string(iso.substr(5, 2))),
               std::stoi(std::string(iso.substr(8, 2)))};
  for (d.day += n; d.day > days_in_month(d.year, d.month);) {
    d.day -= days_in_month(d.year, d.month);
    if (++d.month > 12) d.month = 1, ++d.year;
  }
  return d.iso();
}

// The date a clause gives from `p` on: a date, "ngày ký (ban hành)" / "ngày ban hành" / "ngày
// thông qua" (the issue date), or "sau 45 ngày kể từ ngày ký". nullopt when it gives none.
std::optional<std::string> clause_date(std::string_view t, std::size_t p,
                                       const std::optional<std::string>& issue_date) {
  if (const auto d = scan::match_date(t, p)) return d->date.iso();
  std::size_t e = 0;
  int after_days = 0;
  if (scan::match_word_ci(t, p, "sau", &e)) {
    p = scan::skip_spaces(t, e);
    std::size_t n = 0;
    while (p + n < t.size() && n < 3 && t[p + n] >= '0' && t[p + n] <= '9')
      after_days = after_days * 10 + (t[p + n++] - '0');
    if (n == 0 || !scan::match_word_ci(t, scan::skip_spaces(t, p + n), "ngày", &e)) return std::nullopt;
    p = skip_to_date(t, e);
  }
  if (!scan::match_word_ci(t, p, "ngày", &e)) return std::nullopt;
  p = scan::skip_spaces(t, e);
  const bool on_issue = scan::match_word_ci(t, p, "ký") || scan::match_word_ci(t, p, "ban hành") ||
                        scan::match_word_ci(t, p, "thông qua");
  if (!on_issue || !issue_date) return std::nullopt;
  return after_days ? add_days(*issue_date, after_days) : *issue_date;
}

// True when the clause before `pos` opens with the bare type: "1. Nghị định có hiệu lực thi hành từ ngày ký ban
// hành" in the document's own article on validity ("Nghị định số X có hiệu lực" names another).
bool bare_own_subject(std::string_view t, std::size_t pos, std::string_view type) {
  const std::size_t line = t.rfind('\n', pos == 0 ? 0 : pos - 1);
  std::string_view head = scan::trim(
      t.substr(line == std::string_view::npos ? 0 : line + 1, pos - (line == std::string_view::npos ? 0 : line + 1)));
  head = scan::trim(after_marker(head));
  return scan::to_lower(head) == scan::to_lower(type);
}

// True when "<type> này" ends the subject of the clause before `pos` (within its sentence).
bool own_subject_before(std::string_view t, std::size_t pos, std::string_view subject) {
  const std::size_t from = pos > kSubjectWindow ? scan::char_boundary(t, pos - kSubjectWindow) : 0;
  const std::size_t at = scan::to_lower(t.substr(from, pos - from)).rfind(scan::to_lower(subject));
  if (at == std::string::npos) return false;
  const std::string_view between = t.substr(from + at, pos - from - at);
  if (between.find(". ") != std::string_view::npos || between.find(';') != std::string_view::npos) return false;
  // "Điều 11 và 12 của Nghị định này có hiệu lực ...": a part of it, with its own date.
  const std::string_view before = scan::trim(t.substr(from, at));
  return !scan::ends_with_word(before, "của") && !scan::ends_with_word(before, "tại");
}

}  // namespace

OwnValidity own_validity(const ReflowedText& doc, const std::optional<std::string>& doc_type,
                         const std::optional<std::string>& issue_date, std::size_t end) {
  OwnValidity v;
  if (!doc_type) return v;  // a codified page quotes the clauses of every source: none is its own
  const std::string subject = *doc_type + " này";
  const std::string_view t = std::string_view(doc.text).substr(0, std::min(end, doc.text.size()));
  for (std::size_t i = t.find("hiệu lực"); i != std::string_view::npos; i = t.find("hiệu lực", i + 1)) {
    constexpr std::string_view kEnds = "hết ", kStarts = "có ";
    const bool ends = i >= kEnds.size() && t.substr(i - kEnds.size(), kEnds.size()) == kEnds;
    const bool starts = i >= kStarts.size() && t.substr(i - kStarts.size(), kStarts.size()) == kStarts;
    if (!ends && !starts) continue;
    const std::size_t clause = i - (ends ? kEnds.size() : kStarts.size());
    if (!own_subject_before(t, clause, subject) && !bare_own_subject(t, clause, *doc_type)) continue;
    const std::size_t p = skip_to_date(t, i + std::string_view("hiệu lực").size());
    const auto date = clause_date(t, p, issue_date);
    if (!date) continue;
    if (ends) {
      if (!v.expiry_date) v.expiry_date = date;
      continue;
    }
    if (v.effective_date) continue;
    v.effective_date = date;
    // "... từ ngày 15/8/2026 đến hết ngày 28/02/2027": a temporary text.
    const auto d = scan::match_date(t, p);
    std::size_t q = scan::skip_spaces(t, d ? d->end : p);
    std::size_t e = 0;
    if (scan::match_word_ci(t, q, "đến", &e)) {
      q = scan::skip_spaces(t, e);
      if (scan::match_word_ci(t, q, "hết", &e)) q = scan::skip_spaces(t, e);
      if (const auto until = scan::match_date(t, q)) v.expiry_date = until->date.iso();
    }
  }
  return v;
}

}  // namespace tracuu::indexer::extract_detail
