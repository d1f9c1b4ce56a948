#include "schema/relation.h"

#include <string>

namespace tracuu::schema {

std::string_view relation_name(RelationType type) {
  switch (type) {
    case RelationType::Mentions: return "mentions";
    case RelationType::Basis: return "basis";
    case RelationType::Implements: return "implements";
    case RelationType::Details: return "details";
    case RelationType::Amends: return "amends";
    case RelationType::Repeals: return "repeals";
    case RelationType::Replaces: return "replaces";
  }
  return "mentions";  // unreachable: the switch covers every type (-Wswitch-enum)
}

std::optional<RelationType> relation_type(std::string_view name) {
  for (RelationType t : kRelationTypes)
    if (relation_name(t) == name) return t;
  return std::nullopt;
}

std::string strongest_relation(const std::vector<CitationRelation>& relations) {
  RelationType best = RelationType::Mentions;
  for (const auto& r : relations)
    if (const auto t = relation_type(r.type); t && !r.by && static_cast<int>(*t) > static_cast<int>(best)) best = *t;
  return std::string(relation_name(best));
}

std::optional<Field> relation_field(RelationType type) {
  switch (type) {
    case RelationType::Mentions: return std::nullopt;
    case RelationType::Basis: return Field::Basis;
    case RelationType::Implements: return Field::Implements;
    case RelationType::Details: return Field::Details;
    case RelationType::Amends: return Field::Amends;
    case RelationType::Repeals: return Field::Repeals;
    case RelationType::Replaces: return Field::Replaces;
  }
  return std::nullopt;  // unreachable
}

bool citation_matches(const Citation& c, const DocRecord& target, const IssuerRegistry& issuers) {
  if (c.date && target.issue_date && *c.date != *target.issue_date) return false;
  if (c.issuer && target.issuer) {
    const auto a = issuers.canonical(*c.issuer), b = issuers.canonical(*target.issuer);
    if (a && b && issuers.key(*a) != issuers.key(*b)) return false;
  }
  return true;
}

}  // namespace tracuu::schema
