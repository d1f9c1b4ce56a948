#pragma once
// Internal: facet counting with disjunctive multi-select.
#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "schema/codes.h"
#include "searchd/types.h"

namespace tracuu::searchd {

/// A faceted field: its response name, value slot and filter.
struct FacetField {
  const char* name;      ///< "doc_type", "issuer", ...
  unsigned slot;         ///< value slot holding the display form(s)
  bool multi_valued;     ///< values joined by schema::kMultiValueSeparator
  bool staff_only;
  std::size_t max_values;  ///< 0 = all (month histogram)
};

/// Every facet, in response order.
const std::vector<FacetField>& facet_fields();

/// Counts the values of one slot over the documents the matcher sees.
class FacetCounter : public Xapian::MatchSpy {
 public:
  FacetCounter(unsigned slot, bool multi_valued) : slot_(slot), multi_(multi_valued) {}
  void operator()(const Xapian::Document& doc, double wt) override;
  const std::unordered_map<std::string, std::size_t>& counts() const { return counts_; }

 private:
  unsigned slot_;
  bool multi_;
  std::unordered_map<std::string, std::size_t> counts_;
};

/// The filter code of a facet value as the index stores it (slug, issuer code...).
std::string facet_code(const FacetField& f, const std::string& value, const schema::IssuerRegistry& issuers);

/// The boolean filter selecting `values` of facet `f` (OR of its terms).
Xapian::Query facet_filter(const FacetField& f, const std::vector<std::string>& values,
                           const schema::IssuerRegistry& issuers);

/// Turns counts into the response list: top values (or all, in order, for the
/// month histogram and years), plus every selected value even at count 0.
std::vector<FacetValue> facet_values(const FacetField& f, const std::unordered_map<std::string, std::size_t>& counts,
                                     const std::vector<std::string>& selected, const schema::IssuerRegistry& issuers);

}  // namespace tracuu::searchd
