#include "searchd/facets.h"

#include <algorithm>
#include <set>

#include "schema/fields.h"
#include "schema/terms.h"

namespace tracuu::searchd {

const std::vector<FacetField>& facet_fields() {
  static const std::vector<FacetField> fields = {
      {"doc_type", schema::kSlotType, false, false, 30},    {"issuer", schema::kSlotIssuer, false, false, 30},
      {"year", schema::kSlotYear, false, false, 0},         {"month", schema::kSlotYearMonth, false, false, 0},
      {"signer", schema::kSlotSigner, false, false, 30},    {"assignee", schema::kSlotAssignees, true, true, 30},
  };
  return fields;
}

void FacetCounter::operator()(const Xapian::Document& doc, double) {
  const std::string v = doc.get_value(slot_);
  if (v.empty()) return;
  if (!multi_) {
    ++counts_[v];
    return;
  }
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = v.find(schema::kMultiValueSeparator, start);
    ++counts_[v.substr(start, at == std::string::npos ? std::string::npos : at - start)];
    if (at == std::string::npos) break;
    start = at + 1;
  }
}

std::string facet_code(const FacetField& f, const std::string& value, const schema::IssuerRegistry& issuers) {
  const std::string name = f.name;
  if (name == "doc_type") {
    const auto canonical = schema::canonical_doc_type(value);
    return schema::slug(canonical ? *canonical : value);
  }
  if (name == "issuer" || name == "assignee") return issuers.code(value);
  if (name == "signer") return schema::slug(value);
  return value;  // year, month: the value is the code
}

Xapian::Query facet_filter(const FacetField& f, const std::vector<std::string>& values,
                           const schema::IssuerRegistry& issuers) {
  using schema::Field;
  const std::string name = f.name;
  const Field field = name == "doc_type" ? Field::Type
                      : name == "issuer" ? Field::Issuer
                      : name == "signer" ? Field::Signer
                      : name == "assignee" ? Field::Assignee
                      : name == "year" ? Field::Year
                                       : Field::Month;
  std::vector<Xapian::Query> terms;
  for (const auto& v : values) terms.emplace_back(schema::make_term(field, facet_code(f, v, issuers)));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::vector<FacetValue> facet_values(const FacetField& f, const std::unordered_map<std::string, std::size_t>& counts,
                                     const std::vector<std::string>& selected, const schema::IssuerRegistry& issuers) {
  std::set<std::string> selected_codes;
  for (const auto& s : selected) selected_codes.insert(facet_code(f, s, issuers));
  std::vector<FacetValue> out;
  for (const auto& [value, count] : counts) out.push_back({value, count, selected_codes.count(facet_code(f, value, issuers)) > 0});
  const std::string name = f.name;
  if (name == "month") {
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.value < b.value; });
  } else if (name == "year") {
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
  } else {
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.count > b.count || (a.count == b.count && a.value < b.value);
    });
  }
  if (f.max_values > 0 && out.size() > f.max_values) {
    // Keep the top values and every selected one.
    std::vector<FacetValue> kept(out.begin(), out.begin() + static_cast<long>(f.max_values));
    for (auto it = out.begin() + static_cast<long>(f.max_values); it != out.end(); ++it)
      if (it->selected) kept.push_back(*it);
    out = std::move(kept);
  }
  // Selected values are always listed, even when nothing matches them now.
  for (const auto& s : selected) {
    const std::string code = facet_code(f, s, issuers);
    const bool present = std::any_of(out.begin(), out.end(), [&](const FacetValue& v) { return facet_code(f, v.value, issuers) == code; });
    if (!present) out.push_back({s, 0, true});
  }
  return out;
}

}  // namespace tracuu::searchd
