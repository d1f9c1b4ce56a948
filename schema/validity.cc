#include "schema/validity.h"

#include <algorithm>

#include "schema/codes.h"
#include "schema/index_meta.h"
#include "schema/relation.h"
#include "text/strings.h"

namespace tracuu::schema {
namespace {

void keep_min(std::optional<std::string>& slot, const std::optional<std::string>& date) {
  if (date && (!slot || *date < *slot)) slot = date;
}

bool partial(const IncomingAct& a) {
  return a.scope.has_value();
}

std::string act_kind(const IncomingAct& a) {
  if (a.type == "amends") return "amended";
  const std::string base = a.type == "repeals" ? "repealed" : "replaced";
  return partial(a) ? "partly_" + base : base;
}

bool ends(const IncomingAct& a) {
  const auto t = relation_type(a.type);
  return t && ends_force(*t);
}

}  // namespace

std::string_view validity_code(Validity v) {
  switch (v) {
    case Validity::Unknown: return "khong-ro";
    case Validity::NotYet: return "chua";
    case Validity::InForce: return "con";
    case Validity::PartlyEnded: return "mot-phan";
    case Validity::Ended: return "het";
  }
  return "khong-ro";  // unreachable: the switch covers every status (-Wswitch-enum)
}

std::string_view validity_label(Validity v) {
  switch (v) {
    case Validity::Unknown: return "Chưa rõ";
    case Validity::NotYet: return "Chưa có hiệu lực";
    case Validity::InForce: return "Còn hiệu lực";
    case Validity::PartlyEnded: return "Hết hiệu lực một phần";
    case Validity::Ended: return "Hết hiệu lực";
  }
  return "Chưa rõ";  // unreachable
}

std::optional<Validity> parse_validity(std::string_view text) {
  const std::string s = slug(text);
  for (Validity v : kValidities)
    if (s == validity_code(v) || s == slug(validity_label(v))) return v;
  auto has = [&](std::string_view w) { return s.find(w) != std::string::npos; };
  if (has("het-hieu-luc-mot-phan") || has("het-hieu-luc-1-phan")) return Validity::PartlyEnded;
  if (has("chua-co-hieu-luc") || has("sap-co-hieu-luc") || has("chua-den")) return Validity::NotYet;
  if (has("het-hieu-luc") || has("bi-bai-bo") || has("bi-thay-the") || has("ngung-hieu-luc")) return Validity::Ended;
  if (has("con-hieu-luc") || has("co-hieu-luc") || s == "active" || s == "hieu-luc") return Validity::InForce;
  return std::nullopt;
}

std::optional<IncomingAct> incoming_act(const DocRecord& from, const CitationRelation& rel) {
  if (rel.type != "amends" && rel.type != "repeals" && rel.type != "replaces") return std::nullopt;
  IncomingAct a{rel.type, rel.effective_date, rel.scope, "", "", ""};
  if (rel.by) {
    a.by_number = *rel.by;
    a.reported_by = from.id;
    return a;
  }
  a.by_id = from.id;
  a.by_number = from.doc_number.value_or("");
  if (!a.date) a.date = from.effective_date ? from.effective_date : from.issue_date;
  return a;
}

ValidityFacts facts_of(const DocRecord& r) {
  ValidityFacts f;
  f.issue_date = r.issue_date;
  f.effective_date = r.effective_date;
  f.expiry_date = r.expiry_date;
  f.stated_status = r.stated_status;
  if (const auto it = r.field_sources.find("effective_date"); it != r.field_sources.end())
    f.effective_source = it->second;
  return f;
}

ValidityDates validity_dates(const ValidityFacts& f) {
  ValidityDates d;
  if (f.stated_status) d.stated = parse_validity(*f.stated_status);
  d.from = f.effective_date;
  // A document a source calls in force (or ended) has been in force since it was issued at the latest.
  if (!d.from && d.stated && *d.stated != Validity::NotYet && *d.stated != Validity::Unknown) d.from = f.issue_date;
  keep_min(d.until, f.expiry_date);
  for (const auto& a : f.acts) {
    if (!ends(a) || !a.date) continue;
    keep_min(partial(a) ? d.partly_from : d.until, a.date);
  }
  return d;
}

std::string pack_validity_dates(const ValidityDates& d) {
  std::string out = d.from.value_or("");
  out += '|';
  out += d.until.value_or("");
  out += '|';
  out += d.partly_from.value_or("");
  out += '|';
  if (d.stated) out += validity_code(*d.stated);
  return out;
}

std::optional<ValidityDates> unpack_validity_dates(std::string_view packed) {
  const auto parts = text::split(packed, '|');
  if (parts.size() != 4) return std::nullopt;
  const auto date = [](std::string_view v) { return v.empty() ? std::nullopt : std::optional<std::string>(v); };
  ValidityDates d{date(parts[0]), date(parts[1]), date(parts[2]), std::nullopt};
  if (!parts[3].empty() && !(d.stated = parse_validity(parts[3]))) return std::nullopt;
  return d;
}

Validity validity_at(const ValidityDates& d, std::string_view as_of) {
  if (d.until && *d.until <= as_of) return Validity::Ended;
  if (!d.from) return d.stated.value_or(Validity::Unknown);
  if (as_of < *d.from) return Validity::NotYet;
  if (d.partly_from && *d.partly_from <= as_of) return Validity::PartlyEnded;
  return Validity::InForce;
}

ValidityReport validity_report(const ValidityFacts& f, std::string_view as_of) {
  ValidityReport r;
  r.dates = validity_dates(f);
  r.status = validity_at(r.dates, as_of);
  if (f.issue_date) r.timeline.push_back({f.issue_date, "issued", std::nullopt, {}, {}, {}, "text"});
  if (f.effective_date)
    r.timeline.push_back({f.effective_date,
                          "in_force",
                          std::nullopt,
                          {},
                          {},
                          {},
                          f.effective_source.empty() ? "text" : f.effective_source});
  if (f.expiry_date) r.timeline.push_back({f.expiry_date, "expires", std::nullopt, {}, {}, {}, "text"});
  for (const auto& a : f.acts) {
    if (!relation_type(a.type) || a.type == "basis" || a.type == "details" || a.type == "implements") continue;
    r.timeline.push_back({a.date, act_kind(a), a.scope, a.by_id, a.by_number, a.reported_by, "citation"});
  }
  std::stable_sort(r.timeline.begin(), r.timeline.end(), [](const ValidityEvent& a, const ValidityEvent& b) {
    if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
    return a.date && *a.date < *b.date;
  });
  // A stated status is as of a day the source does not give: it conflicts only with what no date can explain.
  if (r.dates.stated == Validity::InForce || r.dates.stated == Validity::NotYet)
    for (const auto& a : f.acts)
      if (ends(a) && !partial(a) && a.date && *a.date <= as_of)
        r.conflicts.push_back("a source states '" + f.stated_status.value_or("") + "', but " + a.by_number + " " +
                              a.type + " it from " + *a.date);
  if (r.dates.stated == Validity::Ended && r.dates.from && !r.dates.until)
    r.conflicts.push_back("a source states '" + f.stated_status.value_or("") +
                          "', but no expiry, repeal or replacement of it is known");
  return r;
}

std::string today_iso() {
  return utc_now_iso().substr(0, 10);
}

}  // namespace tracuu::schema
