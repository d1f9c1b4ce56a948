// The query language: parser, budget and builder on any bytes, over an empty
// in-memory index (the builder looks terms up for citedby:).
#include <xapian.h>

#include <cstdlib>

#include "fuzz/fuzz_file.h"
#include "schema/codes.h"
#include "searchd/query_budget.h"
#include "searchd/query_builder.h"
#include "searchd/query_parser.h"
#include "text/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tracuu;
  using namespace tracuu::searchd;
  static const text::Abbreviations abbreviations = text::Abbreviations::builtin();
  static const schema::IssuerRegistry issuers = schema::IssuerRegistry::builtin();
  static const Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  static const Vocabulary vocabulary = Vocabulary::build(db);
  static const RankingWeights weights;
  if (size > kMaxQueryBytes) return 0;  // the server answers 413 before parsing
  const std::string q = text::normalize(fuzz::as_text(data, size));
  for (const auto& [begin, end] : free_text_spans(q))
    if (begin > end || end > q.size()) std::abort();
  for (const DefaultOperator op : {DefaultOperator::Auto, DefaultOperator::Or}) {
    auto tree = parse_query(q, op);
    if (!tree) continue;
    (void)describe(*tree);
    if (!check_budget(estimate_cost(*tree, abbreviations))) continue;  // refused before building, as in search()
    for (const bool match_set_only : {false, true}) {
      BuildContext ctx{db, abbreviations, issuers, vocabulary, weights, op};
      ctx.match_set_only = match_set_only;
      try {
        auto built = build_query(*tree, ctx);
        if (built) (void)built->query.get_description();
      } catch (const Xapian::Error&) {
        // search() maps these to a Status (retry_if_modified); only other exceptions are bugs
      }
    }
  }
  return 0;
}
