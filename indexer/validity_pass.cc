#include "indexer/validity_pass.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "schema/codes.h"
#include "schema/fields.h"
#include "schema/relation.h"
#include "schema/validity.h"

namespace tracuu::indexer {
namespace {

using schema::Visibility;

// One document's act on a number it cites.
struct Act {
  Visibility actor_class;
  schema::Citation citation;  // what the actor says of the number (date, issuer), to match holders
  schema::IncomingAct act;
};

// Whether every audience that may see documents of class `target` may see those of class `actor`.
bool seen_with(const Visibility& actor, const Visibility& target) {
  using Kind = Visibility::Kind;
  if (actor.kind == Kind::Public || actor == target) return true;
  if (target.kind == Kind::Public) return false;
  if (actor.kind == Kind::Internal) return true;  // every reader of a restricted class is staff
  if (target.kind != Kind::Groups) return false;  // internal documents are read by staff of any group
  for (const auto& g : target.groups)
    if (!std::binary_search(actor.groups.begin(), actor.groups.end(), g)) return false;
  return true;
}

}  // namespace

Result<std::size_t> settle_validity(const std::vector<GenerationWriter*>& writers, const std::string& as_of) {
  const std::vector<std::string> prefixes{std::string(schema::prefix(schema::Field::Replaces)),
                                          std::string(schema::prefix(schema::Field::Repeals)),
                                          std::string(schema::prefix(schema::Field::ReportsEnd))};
  // The acts that end the force of what a document cites, by the cited number: its own, and those it
  // reports of others ("X được thay thế bởi Y"), as the document page counts them (searchd/documents.cc).
  std::unordered_map<std::string, std::vector<Act>> acts;
  for (GenerationWriter* writer : writers)
    for (auto& [cls, w] : writer->classes()) {
      auto actors = w.records_under(prefixes);
      if (!actors) return actors.error();
      for (const auto& r : *actors)
        for (const auto& c : r.citations)
          for (const auto& rel : c.relations) {
            const auto type = schema::relation_type(rel.type);
            if (!type || !schema::ends_force(*type)) continue;
            if (auto a = schema::incoming_act(r, rel)) acts[c.key].push_back({cls, c, std::move(*a)});
          }
    }
  const auto issuers = schema::IssuerRegistry::builtin();
  std::size_t changed = 0;
  for (GenerationWriter* writer : writers)
    for (auto& [cls, w] : writer->classes()) {
      const Visibility target_class = cls;
      auto n = w.relabel_validity(
          [&](const schema::DocRecord& r) {
            schema::ValidityFacts facts = schema::facts_of(r);
            if (r.doc_number_key)
              if (const auto it = acts.find(*r.doc_number_key); it != acts.end())
                for (const Act& a : it->second)
                  if (a.act.by_id != r.id && a.act.reported_by != r.id && seen_with(a.actor_class, target_class) &&
                      schema::citation_matches(a.citation, r, issuers))
                    facts.acts.push_back(a.act);
            return schema::validity_dates(facts);
          },
          as_of);
      if (!n) return n.error();
      changed += *n;
    }
  return changed;
}

Result<std::size_t> settle_validity(GenerationWriter& writer, const std::string& as_of) {
  return settle_validity(std::vector<GenerationWriter*>{&writer}, as_of);
}

}  // namespace tracuu::indexer
