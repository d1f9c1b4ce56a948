#include "schema/facets.h"

#include <cstdio>

#include "schema/codes.h"
#include "schema/record.h"
#include "schema/terms.h"
#include "schema/validity.h"

namespace tracuu::schema {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

// The date a document is filed under: its issue date, else the date of the event it reports, as YYYYMMDD.
std::string filing_date(const DocRecord& r) {
  const auto& date = r.issue_date ? r.issue_date : r.event_date;
  return date ? date_slot_value(*date) : std::string();
}

std::vector<std::string> one(const std::optional<std::string>& value) {
  if (!value) return {};
  return {*value};
}

// --- values a document holds ---

std::vector<std::string> type_of(const DocRecord& r) {
  return one(r.doc_type);
}
std::vector<std::string> issuer_of(const DocRecord& r) {
  return one(r.issuer);
}
std::vector<std::string> signer_of(const DocRecord& r) {
  return one(r.signer.name);
}
std::vector<std::string> year_of(const DocRecord& r) {
  const std::string ymd = filing_date(r);
  if (ymd.empty()) return {};
  return {ymd.substr(0, 4)};
}
std::vector<std::string> month_of(const DocRecord& r) {
  const std::string ymd = filing_date(r);
  if (ymd.empty()) return {};
  return {ymd.substr(0, 4) + "-" + ymd.substr(4, 2)};
}
std::vector<std::string> validity_of(const DocRecord& r) {
  return one(r.validity);
}
std::vector<std::string> assignees_of(const DocRecord& r) {
  std::vector<std::string> out;
  for (const auto& a : r.assignments) out.push_back(a.assignee);
  return out;
}

// --- value -> code ---

// Types and people: the slug of any spelling ("THÔNG BÁO" -> "thong-bao").
std::string slug_code(std::string_view value, const IssuerRegistry&) {
  return slug(value);
}
// Bodies: aliases and old names map to one body, abbreviations expand.
std::string body_code(std::string_view value, const IssuerRegistry& issuers) {
  return issuers.code(value);
}
// Years and months: the value is its code ("2025", "2025-07").
std::string same_code(std::string_view value, const IssuerRegistry&) {
  return std::string(value);
}

// Statuses: a code, a label or a source's wording ("Còn hiệu lực", "con", "Đang có hiệu lực") -> "con".
std::string validity_code_of(std::string_view value, const IssuerRegistry&) {
  const auto v = parse_validity(value);
  return v ? std::string(validity_code(*v)) : slug(value);
}

// --- numeric ids back to values ---

std::string year_name(std::uint32_t id) {
  return std::to_string(id);
}
std::string month_name(std::uint32_t id) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04u-%02u", id / 100, id % 100);
  return buf;
}

// --- parameter checks ---

bool valid_year(std::string_view v) {
  return v.size() == 4 && all_digits(v);
}
bool valid_validity(std::string_view v) {
  return parse_validity(v).has_value();
}
bool valid_month(std::string_view v) {
  if (v.size() != 7 || v[4] != '-' || !all_digits(v.substr(0, 4)) || !all_digits(v.substr(5))) return false;
  const int month = (v[5] - '0') * 10 + (v[6] - '0');
  return v[0] != '0' && month >= 1 && month <= 12;
}

}  // namespace

const std::array<FacetSpec, kFacetCount> kFacets{{
    {.facet = Facet::Type,
     .name = "doc_type",
     .param = "type",
     .label = "Loại văn bản",
     .field = Field::Type,
     .slot = kSlotType,
     .part = FacetPart::Type,
     .values_of = type_of,
     .code = slug_code},
    {.facet = Facet::Issuer,
     .name = "issuer",
     .param = "issuer",
     .label = "Cơ quan ban hành",
     .field = Field::Issuer,
     .slot = kSlotIssuer,
     .part = FacetPart::Issuer,
     .values_of = issuer_of,
     .code = body_code},
    {.facet = Facet::Year,
     .name = "year",
     .param = "year",
     .label = "Năm ban hành",
     .field = Field::Year,
     .slot = kSlotYear,
     .part = FacetPart::Year,
     .order = FacetOrder::ValueDescending,
     .max_values = 0,
     .values_of = year_of,
     .code = same_code,
     .id_name = year_name,
     .valid = valid_year,
     .format = "four digits"},
    {.facet = Facet::Month,
     .name = "month",
     .param = "month",
     .label = "",  // the histogram of the API; the portal shows years
     .field = Field::Month,
     .slot = kSlotYearMonth,
     .part = FacetPart::Month,
     .order = FacetOrder::ValueAscending,
     .max_values = 0,
     .values_of = month_of,
     .code = same_code,
     .id_name = month_name,
     .valid = valid_month,
     .format = "YYYY-MM"},
    {.facet = Facet::Signer,
     .name = "signer",
     .param = "signer",
     .label = "Người ký",
     .field = Field::Signer,
     .slot = kSlotSigner,
     .part = FacetPart::Signer,
     .values_of = signer_of,
     .code = slug_code},
    {.facet = Facet::Assignee,
     .name = "assignee",
     .param = "assignee",
     .label = "Cơ quan được giao (nội bộ)",
     .field = Field::Assignee,
     .slot = kSlotAssignees,
     .part = FacetPart::Count,
     .staff_only = true,
     .multi_valued = true,
     .values_of = assignees_of,
     .code = body_code},
    {.facet = Facet::Validity,
     .name = "validity",
     .param = "validity",
     .label = "Hiệu lực",
     .field = Field::Validity,
     .slot = kSlotValidity,
     .part = FacetPart::Count,
     .values_of = validity_of,
     .code = validity_code_of,
     .valid = valid_validity,
     .format = "con, chua, het, mot-phan, khong-ro or a status (Còn hiệu lực)"},
}};

const FacetSpec* facet_by_param(std::string_view param) {
  for (const FacetSpec& f : kFacets)
    if (f.param == param) return &f;
  return nullptr;
}

std::string code_of(Facet f, std::string_view value, const IssuerRegistry& issuers) {
  return facet_spec(f).code(value, issuers);
}

std::uint32_t facet_value_id(const FacetSpec& f, std::string_view code) {
  if (f.part == FacetPart::Count) return 0;
  if (!f.id_name) return facet_id(code);
  std::uint32_t id = 0;
  std::size_t digits = 0;
  for (char c : code)
    if (c >= '0' && c <= '9') id = id * 10 + static_cast<std::uint32_t>(c - '0'), ++digits;
  return digits == 0 || digits > 8 ? 0 : id;
}

}  // namespace tracuu::schema
