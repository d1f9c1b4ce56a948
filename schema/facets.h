#pragma once
// The facets: the fields a search filters by with repeatable parameters
// (type=, issuer=...) and counts in its facet lists. One table (kFacets) says
// everything the sides must agree on; the indexer writes every row, the search
// library filters and counts every row, the JSON codec reads every parameter and
// the portal shows every labelled row. Adding a facet is one row in facets.cc
// plus its code function (and a FacetPart when its ids are packed, which changes
// the stored layout: bump kSchemaVersion).

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/fields.h"

namespace tracuu::schema {

class IssuerRegistry;
struct DocRecord;

/// Every facet, in response order (the index of a facet's row in kFacets).
enum class Facet : unsigned {
  Type,      ///< loại văn bản
  Issuer,    ///< cơ quan ban hành
  Year,      ///< năm ban hành
  Month,     ///< tháng ban hành
  Signer,    ///< người ký
  Assignee,  ///< cơ quan được giao nhiệm vụ (staff only)
  Validity,  ///< tình trạng hiệu lực
};
inline constexpr std::size_t kFacetCount = 7;

/// The position of a facet in arrays indexed by facet.
constexpr std::size_t index(Facet f) {
  return static_cast<std::size_t>(f);
}

/// How the values of a facet are listed.
enum class FacetOrder {
  ByCount,          ///< most frequent first, ties by value
  ValueAscending,   ///< by value (the month histogram)
  ValueDescending,  ///< by value, newest first (years)
};

/// The filter code of a facet value: the term after the field's prefix, and what
/// the id of a hashed facet is computed from. Every spelling of one value gives
/// one code ("Thông báo", "THÔNG BÁO", "thong-bao" -> "thong-bao").
using FacetCode = std::string (*)(std::string_view value, const IssuerRegistry& issuers);

/// The display values of a facet that a document holds (empty: none).
using FacetValuesOf = std::vector<std::string> (*)(const DocRecord& record);

/// The display form of a numeric facet id (years: 2025 -> "2025").
using FacetIdName = std::string (*)(std::uint32_t id);

/// A value of a parameter is well formed (the request is refused otherwise).
using FacetValueCheck = bool (*)(std::string_view value);

/// One facet.
struct FacetSpec {
  Facet facet;
  std::string_view name;   ///< in responses: "doc_type"
  std::string_view param;  ///< query-string parameter, repeatable: "type"
  std::string_view label;  ///< the portal's heading; empty: counted but not shown
  Field field;             ///< filter terms are make_term(field, code)
  unsigned slot;           ///< value slot of the display values (several joined by kMultiValueSeparator)
  /// Its id in kSlotFacets (one value read per counted document); FacetPart::Count:
  /// counted from `slot` instead (multi-valued facets).
  FacetPart part = FacetPart::Count;
  FacetOrder order = FacetOrder::ByCount;
  std::size_t max_values = 30;  ///< values listed in a response; 0: all
  bool staff_only = false;      ///< filtered and counted only for staff
  bool multi_valued = false;    ///< a document may hold several values
  FacetValuesOf values_of = nullptr;
  FacetCode code = nullptr;
  /// nullptr: the id is facet_id(code) and the display form is stored in the index
  /// metadata; else the id is the code's digits and this turns it back into a value.
  FacetIdName id_name = nullptr;
  FacetValueCheck valid = nullptr;  ///< nullptr: any value
  std::string_view format = {};     ///< what `valid` expects, for the error message: "four digits"
};

/// Every facet, in Facet order.
extern const std::array<FacetSpec, kFacetCount> kFacets;

/// The row of a facet.
inline const FacetSpec& facet_spec(Facet f) {
  return kFacets[index(f)];
}

/// The facet filtered by a query-string parameter ("type"), or nullptr.
const FacetSpec* facet_by_param(std::string_view param);

/// The filter code of `value` in facet `f` (index and query both call this).
std::string code_of(Facet f, std::string_view value, const IssuerRegistry& issuers);

/// The kSlotFacets id of a facet code (0 for a facet counted from its slot, or
/// a numeric code that does not parse).
std::uint32_t facet_value_id(const FacetSpec& f, std::string_view code);

/// Selected values per facet (indexed by index(Facet)).
using FacetSelections = std::array<std::vector<std::string>, kFacetCount>;

}  // namespace tracuu::schema
