#pragma once
// Internal to the portal: each page as a template name plus its data, built
// from the search library's types. portal.cc renders them.

#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "schema/status.h"
#include "searchd/searcher.h"
#include "searchd/server/codec.h"
#include "searchd/server/config.h"

namespace tracuu::searchd::server {

/// A page to render: template name (web/templates/NAME.mustache) and its data.
struct Page {
  std::string name;
  kainjow::mustache::data data;
};

/// Results per page of the portal's search.
inline constexpr std::size_t kPageSize = 10;

/// The HTML pattern of a date field: d/m/yyyy or yyyy-mm-dd (parse_vietnamese_date decides).
inline constexpr std::string_view kDatePattern = R"(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2})";

/// Facet values listed before "Xem thêm" (the rest fold away).
inline constexpr std::size_t kFacetTopValues = 8;

/// Which values of a facet list the portal shows before "Xem thêm": the `k` with the most
/// documents (ties in list order) and every selected one; all of them when only one would fold.
/// The flags are in list order, which the page keeps.
std::vector<bool> top_facet_values(const std::vector<FacetValue>& values, std::size_t k);

/// The search page (/ and /search): form, facets, hits, pagination, no-results.
/// With neither text nor filters it is the home page (form only).
/// @return BadRequest/TooLarge/BadQuery for bad parameters, the pool's errors.
Result<Page> search_page(const Params& params, SearcherPool& pool, const Config& config,
                         const schema::Audience& audience);

/// The Atom feed (RFC 4287) of a search, /feed?<the search page's parameters>: its newest dated documents by
/// issue date (page, sort, limit and offset ignored), the caller's view only (a feed reader sends no
/// credentials: the public's). @return the search page's errors.
Result<std::string> search_feed(const Params& params, SearcherPool& pool, const Config& config,
                                const schema::Audience& audience);

/// The document page /doc/{id}?hl=OFFSET-LENGTH.
/// @return NotFound for an unknown or hidden document.
Result<Page> document_page(const std::string& id, const Params& params, SearcherPool& pool, const Config& config,
                           const schema::Audience& audience);

/// The citation page /cite/{number}: the document if held, else a stub and who cites it.
/// @return BadRequest when `number` is not a document number.
Result<Page> citation_page(const std::string& number, const Params& params, SearcherPool& pool, const Config& config,
                           const schema::Audience& audience);

/// Today in Vietnam (UTC+7) as ISO yyyy-mm-dd: what "overdue" is measured against.
std::string vietnam_today();

/// Now in UTC as iCalendar writes it: yyyymmddThhmmssZ.
std::string utc_stamp();

/// The staff's assignments page /assignments?assignee=&from=&to=&overdue=1&doc=&page=
/// (dates dd/mm/yyyy or ISO). @return BadRequest for bad parameters; NotFound for the public.
Result<Page> assignments_page(const Params& params, SearcherPool& pool, const Config& config,
                              const schema::Audience& audience, const std::string& today);

/// The same assignments (all of them, not a page) as CSV: UTF-8 with a byte order mark, CRLF rows.
Result<std::string> assignments_csv(const Params& params, SearcherPool& pool, const Config& config,
                                    const schema::Audience& audience, const std::string& today);

/// The deadlines of the same assignments as an iCalendar (RFC 5545) of all-day events;
/// `stamp` is the DTSTAMP (UTC, yyyymmddThhmmssZ).
Result<std::string> assignments_ics(const Params& params, SearcherPool& pool, const Config& config,
                                    const schema::Audience& audience, const std::string& today,
                                    const std::string& stamp);

/// The value, or `false` (a mustache section that renders nothing) when absent.
kainjow::mustache::data optional_data(const std::optional<std::string>& value);

/// A list from a range of items converted by `f`.
template <typename Range, typename F>
kainjow::mustache::data list_data(const Range& items, F&& f) {
  kainjow::mustache::data list{kainjow::mustache::data::type::list};
  for (const auto& item : items) list.push_back(f(item));
  return list;
}

}  // namespace tracuu::searchd::server
