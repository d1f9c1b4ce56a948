#include "searchd/field_filters.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

#include "schema/codes.h"
#include "schema/docdata.h"
#include "schema/facets.h"
#include "schema/fields.h"
#include "schema/terms.h"
#include "schema/validity.h"
#include "searchd/facets.h"
#include "searchd/query_builder.h"
#include "text/docnum_parse.h"
#include "text/strings.h"
#include "text/tokenizer.h"

namespace tracuu::searchd {
namespace {

using Q = Xapian::Query;
using schema::Facet;
using schema::Field;
using schema::make_term;
using schema::QueryField;

Q any_of(const std::vector<Q>& qs) {
  if (qs.empty()) return Q::MatchNothing;
  if (qs.size() == 1) return qs.front();
  return Q(Q::OP_OR, qs.begin(), qs.end());
}

bool is_year(std::string_view s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2025", "2020..2025", "..2025", "2020..".
std::optional<std::pair<std::string, std::string>> parse_year_range(const std::string& v) {
  const std::size_t dots = v.find("..");
  if (dots == std::string::npos) {
    if (!is_year(v)) return std::nullopt;
    return std::make_pair(v, v);
  }
  const std::string a = v.substr(0, dots), b = v.substr(dots + 2);
  if ((a.empty() && b.empty()) || (!a.empty() && !is_year(a)) || (!b.empty() && !is_year(b))) return std::nullopt;
  auto r = std::make_pair(a.empty() ? std::string("0000") : a, b.empty() ? std::string("9999") : b);
  if (r.first > r.second) return std::nullopt;
  return r;
}

bool valid_ymd(int y, int m, int d) {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= (m == 2 && !leap ? 28 : kDays[m - 1]);
}

// One end of a range: "2025-07-31", "31/7/2025", "2025-07", "7/2025", "2025".
std::optional<std::pair<std::string, std::string>> parse_date(const std::string& v) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  char buf[16];
  if (std::sscanf(v.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && valid_ymd(y, m, d)) {
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
    return std::make_pair(std::string(buf), std::string(buf));
  }
  if (std::sscanf(v.c_str(), "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3 && valid_ymd(y, m, d)) {
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
    return std::make_pair(std::string(buf), std::string(buf));
  }
  if ((std::sscanf(v.c_str(), "%4d-%2d%c", &y, &m, &tail) == 2 ||
       std::sscanf(v.c_str(), "%2d/%4d%c", &m, &y, &tail) == 2) &&
      valid_ymd(y, m, 1)) {
    std::snprintf(buf, sizeof buf, "%04d%02d", y, m);
    return std::make_pair(std::string(buf) + "01", std::string(buf) + "31");
  }
  if (v.size() == 4 && std::sscanf(v.c_str(), "%4d%c", &y, &tail) == 1 && valid_ymd(y, 1, 1))
    return std::make_pair(v + "0101", v + "1231");
  return std::nullopt;
}

// The term of a document number in field `f`; BadQuery when `value` is not one.
Result<Q> doc_number_term(Field f, std::string_view name, const std::string& value, const text::Abbreviations& ab) {
  const auto dn = text::parse_doc_number(value, ab);
  if (!dn) return Error{Status::BadQuery, std::string(name) + ": '" + value + "' is not a document number"};
  return Q(make_term(f, dn->key));
}

// Every word of `value` in free-text field `f`, as the indexer writes them.
Q words_of(Field f, const std::string& value) {
  std::vector<Q> qs;
  for (const auto& t : text::analyze(value)) qs.emplace_back(schema::word_term(f, t));
  if (qs.empty()) return Q::MatchNothing;
  if (qs.size() == 1) return qs.front();
  return Q(Q::OP_AND, qs.begin(), qs.end());
}

// Prefix match on the code of a body facet: "Sở Tài chính" finds "Sở Tài chính tỉnh Lạng Sơn".
Q body_prefix(Facet facet, const std::string& value, const BuildContext& ctx) {
  const std::string code = schema::code_of(facet, value, ctx.issuers);
  if (code.empty()) return Q::MatchNothing;
  return Q(Q::OP_WILDCARD, make_term(schema::facet_spec(facet).field, code), 0, Q::WILDCARD_LIMIT_ERROR, Q::OP_OR);
}

// --- one handler per query field ---

using Handler = Result<Q> (*)(std::string_view name, const std::string& value, const BuildContext& ctx);

// loai: a type's name in any spelling, or its code (tb, qđ, nq).
Result<Q> type_filter(std::string_view, const std::string& value, const BuildContext& ctx) {
  std::string name = value;
  if (!schema::canonical_doc_type(value)) {
    std::vector<std::string> words;
    for (const auto& t : text::analyze(value)) words.push_back(t.folded);
    std::optional<std::string> display;
    for (const auto* a : ctx.abbreviations.find_abbreviation(words))
      if (a->kind == text::AbbreviationKind::DocType) display = schema::canonical_doc_type(a->expansions.front());
    if (display) name = *display;
  }
  return Q(make_term(Field::Type, schema::code_of(Facet::Type, name, ctx.issuers)));
}

Result<Q> issuer_filter(std::string_view, const std::string& value, const BuildContext& ctx) {
  return body_prefix(Facet::Issuer, value, ctx);
}

Result<Q> assignee_filter(std::string_view, const std::string& value, const BuildContext& ctx) {
  return body_prefix(Facet::Assignee, value, ctx);
}

Result<Q> number_filter(std::string_view name, const std::string& value, const BuildContext& ctx) {
  return doc_number_term(Field::Number, name, value, ctx.abbreviations);
}

Result<Q> cites_filter(std::string_view name, const std::string& value, const BuildContext& ctx) {
  return doc_number_term(Field::Cites, name, value, ctx.abbreviations);
}

// citedby: the numbers the document cites; the document by id, else by its own number.
Result<Q> cited_by_filter(std::string_view, const std::string& value, const BuildContext& ctx) {
  std::string term = schema::id_term(value);
  if (auto dn = text::parse_doc_number(value, ctx.abbreviations); dn && !ctx.db.term_exists(term))
    term = make_term(Field::Number, dn->key);
  auto pl = ctx.db.postlist_begin(term);
  if (pl == ctx.db.postlist_end(term)) return Q::MatchNothing;
  auto stored = schema::decode_doc_data(ctx.db.get_document(*pl).get_data(), schema::DocParts::All);
  if (!stored) return Q::MatchNothing;
  std::vector<Q> cited;
  for (const auto& c : stored->record.citations) cited.emplace_back(make_term(Field::Number, c.key));
  return any_of(cited);
}

// suadoi:, thaythe:, ...: the documents whose own act on the number is of that relation.
template <Field F>
Result<Q> relation_filter(std::string_view name, const std::string& value, const BuildContext& ctx) {
  return doc_number_term(F, name, value, ctx.abbreviations);
}

// hieuluc: a status code or label, as the validity facet's parameter takes it.
Result<Q> validity_filter(std::string_view name, const std::string& value, const BuildContext& ctx) {
  const schema::FacetSpec& f = schema::facet_spec(Facet::Validity);
  if (!f.valid(value))
    return Error{Status::BadQuery, std::string(name) + ": '" + value + "' is not " + std::string(f.format)};
  return validity_on(*schema::parse_validity(value), ctx.validity_day);
}

Result<Q> signer_filter(std::string_view, const std::string& value, const BuildContext&) {
  return words_of(Field::SignerName, value);
}

Result<Q> title_filter(std::string_view, const std::string& value, const BuildContext&) {
  return words_of(Field::Title, value);
}

Result<Q> id_filter(std::string_view, const std::string& value, const BuildContext&) {
  return Q(schema::id_term(value));
}

Result<Q> year_filter(std::string_view name, const std::string& value, const BuildContext&) {
  const auto years = parse_year_range(value);
  if (!years)
    return Error{Status::BadQuery,
                 std::string(name) + ": '" + value + "' is not a year or year range (2025, 2020..2025)"};
  return Q(Q::OP_VALUE_RANGE, schema::kSlotYear, years->first, years->second);
}

// Documents issued within the dates `value` spans; BadQuery saying it is not `expected`.
Result<Q> issue_dates(std::string_view name, const std::string& value, std::string_view expected) {
  const auto range = parse_date_range(value);
  if (!range) return Error{Status::BadQuery, std::string(name) + ": '" + value + "' is not " + std::string(expected)};
  return Q(Q::OP_VALUE_RANGE, schema::kSlotIssueDate, range->first, range->second);
}

Result<Q> month_filter(std::string_view name, const std::string& value, const BuildContext&) {
  return issue_dates(name, value, "a month (2025-07, 7/2025)");
}

Result<Q> date_filter(std::string_view name, const std::string& value, const BuildContext&) {
  return issue_dates(name, value, "a date or range (2025-07-01..2025-08-31)");
}

// No default constructor: a row of kHandlers left out cannot be filled with a null handler, it fails the build.
struct FieldHandler {
  constexpr FieldHandler(QueryField f, Handler h, bool n = false) : field(f), handler(h), number(n) {}
  QueryField field;
  Handler handler;
  bool number;  // the value is a document number (join_spaced_numbers completes one typed with spaces)
};

// In the order of schema::kQueryFields (checked below): a new row there fails the build until it has a handler.
constexpr std::array<FieldHandler, schema::kQueryFields.size()> kHandlers{{
    {QueryField::Type, type_filter},
    {QueryField::Issuer, issuer_filter},
    {QueryField::Number, number_filter, true},
    {QueryField::SignerName, signer_filter},
    {QueryField::Assignee, assignee_filter},
    {QueryField::Year, year_filter},
    {QueryField::Month, month_filter},
    {QueryField::Date, date_filter},
    {QueryField::Cites, cites_filter, true},
    {QueryField::CitedBy, cited_by_filter, true},
    {QueryField::Title, title_filter},
    {QueryField::Id, id_filter},
    {QueryField::Basis, relation_filter<Field::Basis>, true},
    {QueryField::Amends, relation_filter<Field::Amends>, true},
    {QueryField::Replaces, relation_filter<Field::Replaces>, true},
    {QueryField::Repeals, relation_filter<Field::Repeals>, true},
    {QueryField::Details, relation_filter<Field::Details>, true},
    {QueryField::Implements, relation_filter<Field::Implements>, true},
    {QueryField::Validity, validity_filter},
}};

constexpr bool handlers_follow_schema() {
  for (std::size_t i = 0; i < kHandlers.size(); ++i)
    if (kHandlers[i].field != schema::kQueryFields[i].field) return false;
  return true;
}
static_assert(handlers_follow_schema(), "kHandlers must have one handler per row of schema::kQueryFields, in order");

// Whether the field named `name` takes a document number.
bool takes_number(std::string_view name) {
  const auto f = schema::query_field_by_name(name);
  return f && std::any_of(kHandlers.begin(), kHandlers.end(),
                          [&](const FieldHandler& h) { return h.field == *f && h.number; });
}

}  // namespace

void join_spaced_numbers(QueryNode& tree, const text::Abbreviations& abbreviations) {
  auto& kids = tree.children;
  for (std::size_t i = 0; i < kids.size(); ++i) {
    if (kids[i].kind == NodeKind::And || kids[i].kind == NodeKind::Or) join_spaced_numbers(kids[i], abbreviations);
    const QueryNode& field = kids[i];
    if (field.kind != NodeKind::Field || !takes_number(field.field) ||
        text::parse_doc_number(field.text, abbreviations) || i + 1 == kids.size())
      continue;
    const QueryNode& next = kids[i + 1];
    if (next.kind != NodeKind::Text || next.required || next.prohibited) continue;
    std::vector<std::string> words;
    for (std::string_view w : text::split(next.text, ' '))
      if (!w.empty()) words.emplace_back(w);
    // The longest run of following words that completes the number, each a piece of one ("66", "2025",
    // "nđ-cp", "66/2025"): the parser would also read "nd-cp 66 2025 học" as a number, with "học" in its code.
    const auto piece = [](std::string_view w) { return w.find_first_of("0123456789-/") != std::string_view::npos; };
    std::string value = field.text, best;
    std::size_t taken = 0;
    for (std::size_t k = 0; k < words.size() && k < kMaxNumberWords && piece(words[k]); ++k) {
      value += ' ' + words[k];
      if (text::parse_doc_number(value, abbreviations)) best = value, taken = k + 1;
    }
    if (taken == 0) continue;
    kids[i].text = best;
    std::string rest;
    for (std::size_t k = taken; k < words.size(); ++k) rest += (rest.empty() ? "" : " ") + words[k];
    if (rest.empty())
      kids.erase(kids.begin() + static_cast<std::ptrdiff_t>(i + 1));
    else
      kids[i + 1].text = rest;
  }
}

Result<Xapian::Query> field_filter(QueryField field, const std::string& value, const BuildContext& ctx) {
  for (std::size_t i = 0; i < kHandlers.size(); ++i)
    if (kHandlers[i].field == field) return kHandlers[i].handler(schema::kQueryFields[i].name, value, ctx);
  return Error{Status::BadQuery, "unknown field"};  // unreachable: every field has a handler (static_assert above)
}

Result<std::string> parse_day(std::string_view name, const std::string& value) {
  const auto range = parse_date_range(value);
  if (!range || range->first != range->second || range->first.size() != 8)
    return Error{Status::BadQuery, std::string(name) + ": '" + value + "' is not a day (2017-10-10, 10/10/2017)"};
  const std::string& d = range->first;
  return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
}

Result<std::pair<std::string, std::string>> parse_date_range(const std::string& value) {
  const auto bad = Error{Status::BadQuery, "'" + value + "' is not a date or date range"};
  const std::size_t dots = value.find("..");
  if (dots == std::string::npos) {
    auto one = parse_date(value);
    if (!one) return bad;
    return *one;
  }
  const std::string a = value.substr(0, dots), b = value.substr(dots + 2);
  std::pair<std::string, std::string> r{"", "99999999"};
  if (!a.empty()) {
    auto lo = parse_date(a);
    if (!lo) return bad;
    r.first = lo->first;
  }
  if (!b.empty()) {
    auto hi = parse_date(b);
    if (!hi) return bad;
    r.second = hi->second;
  }
  if (a.empty() && b.empty()) return bad;
  if (r.first > r.second) return Error{Status::BadQuery, "'" + value + "': the range ends before it starts"};
  return r;
}

}  // namespace tracuu::searchd
