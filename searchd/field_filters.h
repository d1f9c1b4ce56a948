#pragma once
// Internal: the filter of each query field ("loai:Thông báo", "nam:2020..2025"),
// one handler per row of schema::kQueryFields (schema/query_fields.h).
#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>

#include "schema/query_fields.h"
#include "schema/status.h"
#include "searchd/query_parser.h"
#include "text/abbreviations.h"

namespace tracuu::searchd {

struct BuildContext;

/// The boolean query of `field:value`, built by the field's handler.
/// @return BadQuery naming the field for an invalid value (nam:20x5, ngay:abc, so:xyz).
Result<Xapian::Query> field_filter(schema::QueryField field, const std::string& value, const BuildContext& ctx);

/// "thaythe:nd-cp 88 2016": a number field whose value is not a document number by itself takes the
/// following free words that make it one (the longest of up to kMaxNumberWords), as if it had been quoted
/// (thaythe:"nd-cp 88 2016"); the words it takes leave their Text node. Fields of other kinds are left as typed.
void join_spaced_numbers(QueryNode& tree, const text::Abbreviations& abbreviations);

/// How many free words a number field may take after its value.
inline constexpr std::size_t kMaxNumberWords = 3;

/// Parses a date or date range as users type them in ngay:/from/to:
/// "2025-07-31", "31/7/2025", "2025-07", "7/2025", "2025", "A..B", "..B", "A..".
/// @return [lo, hi] as YYYYMMDD strings (open ends "", "99999999"); BadQuery when invalid.
Result<std::pair<std::string, std::string>> parse_date_range(const std::string& value);

/// One day as users type it ("2017-10-10", "10/10/2017"), as ISO "2017-10-10".
/// @return BadQuery naming `name` for anything else (a month, a range, a bad date).
Result<std::string> parse_day(std::string_view name, const std::string& value);

}  // namespace tracuu::searchd
