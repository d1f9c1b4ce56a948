#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "schema/query_fields.h"
#include "searchd/field_filters.h"
#include "searchd/query_budget.h"
#include "searchd/query_builder.h"
#include "searchd/query_parser.h"

using namespace tracuu::searchd;

namespace {
struct Row {
  const char* query;
  const char* tree;
};
}  // namespace

TEST_CASE("query parser: trees", "[searchd]") {
  const std::vector<Row> rows = {
      {"đồng chí", "Text(đồng chí)"},
      {"Hữu Lũng khu công nghiệp", "Text(Hữu Lũng khu công nghiệp)"},
      {"nd-cp 66 2025", "Text(nd-cp 66 2025)"},
      {"\"UBND tỉnh\"", "Phrase(UBND tỉnh)"},
      {"kết luận \"Hữu Lũng\"", "AND(Text(kết luận), Phrase(Hữu Lũng))"},
      {"a OR b", "OR(Text(a), Text(b))"},
      {"a b OR c", "OR(Text(a b), Text(c))"},
      {"a AND b", "AND(Text(a), Text(b))"},
      {"a -b", "AND(Text(a), -Text(b))"},
      {"a NOT b", "AND(Text(a), -Text(b))"},
      {"+a b", "AND(+Text(a), Text(b))"},
      {"loai:\"Thông báo\" Hữu Lũng", "AND(Field(loai=Thông báo), Text(Hữu Lũng))"},
      {"cites:49-NQ/TU", "Field(cites=49-NQ/TU)"},
      {"ngay:2025-07-01..2025-08-31 họp", "AND(Field(ngay=2025-07-01..2025-08-31), Text(họp))"},
      {"Số: 346", "Text(Số: 346)"},  // not a field name: plain text
      {"(a OR b) c", "AND(OR(Text(a), Text(b)), Text(c))"},
      {"(a OR b", "OR(Text(a), Text(b))"},             // missing ')' closes at the end
      {"\"open phrase", "Phrase(open phrase)"},        // missing '"' closes at the end
      {"kinh tế - xã hội", "Text(kinh tế - xã hội)"},  // a lone dash is punctuation
      {"", "AND()"},
  };
  for (const Row& r : rows) {
    INFO(r.query);
    auto tree = parse_query(r.query, DefaultOperator::Auto);
    REQUIRE(tree.has_value());
    CHECK(describe(*tree) == r.tree);
  }
}

TEST_CASE("query parser: default OR joins clauses with OR", "[searchd]") {
  auto tree = parse_query("a \"b c\" d", DefaultOperator::Or);
  REQUIRE(tree.has_value());
  CHECK(describe(*tree) == "OR(Text(a), Phrase(b c), Text(d))");
}

TEST_CASE("query parser: operators without operands are errors", "[searchd]") {
  for (const char* q : {"a OR", "OR", "NOT", "a AND", "loai:"}) {
    INFO(q);
    auto tree = parse_query(q, DefaultOperator::Auto);
    REQUIRE_FALSE(tree.has_value());
    CHECK(tree.error().status == tracuu::Status::BadQuery);
  }
}

TEST_CASE("query parser: parentheses and NOT nest at most 32 deep (the parser recurses per level)", "[searchd]") {
  const auto nested = [](std::size_t depth, const std::string& inner) {
    return std::string(depth, '(') + inner + std::string(depth, ')');
  };
  std::string nots;
  for (int i = 0; i < 33; ++i) nots += "NOT ";
  struct Nesting {
    std::string query;
    bool accepted;
  };
  const std::vector<Nesting> rows = {
      {nested(32, "thuế thu nhập cá nhân"), true},
      {nested(33, "thuế thu nhập cá nhân"), false},
      {std::string(2048, '('), false},  // the server's longest q: overflowed the stack under ASan
      {"(a OR (b (c OR (d -(e OR f)))))", true},
      {nots.substr(4) + "phí", true},  // 32 NOT
      {nots + "phí", false},
  };
  for (const auto& row : rows) {
    INFO(row.query.substr(0, 80));
    const auto tree = parse_query(row.query, DefaultOperator::Auto);
    CHECK(tree.has_value() == row.accepted);
    if (!tree) {
      CHECK(tree.error().status == tracuu::Status::BadQuery);
      CHECK_THAT(tree.error().message, Catch::Contains("32"));
    }
  }
}

TEST_CASE("date ranges as users type them", "[searchd]") {
  struct DateRow {
    const char* in;
    const char* lo;
    const char* hi;
  };
  const std::vector<DateRow> rows = {
      {"2025-07-31", "20250731", "20250731"}, {"31/7/2025", "20250731", "20250731"},
      {"2025-07", "20250701", "20250731"},    {"7/2025", "20250701", "20250731"},
      {"2025", "20250101", "20251231"},       {"2025-07-01..2025-08-31", "20250701", "20250831"},
      {"..2025-08-31", "", "20250831"},       {"2025-07-01..", "20250701", "99999999"},
  };
  for (const auto& r : rows) {
    INFO(r.in);
    auto range = parse_date_range(r.in);
    REQUIRE(range.has_value());
    CHECK(range->first == r.lo);
    CHECK(range->second == r.hi);
  }
  // 2025-02-30, 2023-02-29 and 31/4: days their month does not have (issue #15).
  for (const char* bad :
       {"abc", "2025-13-01", "..", "2025-08-31..2025-07-01", "31/7", "2025-02-30", "2023-02-29", "31/4/2025"}) {
    INFO(bad);
    CHECK_FALSE(parse_date_range(bad).has_value());
  }
}

namespace {
std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i ? " " : "") + s;
  return out;
}
}  // namespace

TEST_CASE("query budget: real questions pass, expansions past the limits are refused", "[searchd]") {
  const auto abbreviations = tracuu::text::Abbreviations::builtin();
  struct BudgetRow {
    std::string query;
    const char* refused_for;  // "" = within budget; else a word of the message
  };
  const std::vector<BudgetRow> rows = {
      {"đồng chí", ""},
      {"\"UBND tỉnh\" Lạng Sơn", ""},
      {"nghị định 66/2025/NĐ-CP về kinh tế - xã hội", ""},
      // An ALQAC-style question, typed without marks (every word may restore up to three spellings).
      {"nguoi lao dong co quyen don phuong cham dut hop dong lao dong trong truong hop nao va phai bao truoc "
       "bao nhieu ngay theo quy dinh cua bo luat lao dong nam 2019 hien hanh",
       ""},
      {"\"" + repeat("KT-XH", 340) + "\"", "phrase"},  // the 2 KB phrase that grew RSS to 400 MB
      {"\"" + repeat("UBND tỉnh", 40) + "\"", "phrase"},
      {repeat("KT-XH", 340), "terms"},
      {repeat("nd-cp 66 2025", 150), "terms"},
      {repeat("a", 400), "terms"},
      {repeat("loai:tb", 80), "clauses"},
  };
  for (const auto& row : rows) {
    INFO(row.query.substr(0, 80));
    auto tree = parse_query(row.query, DefaultOperator::Auto);
    REQUIRE(tree.has_value());
    const auto ok = check_budget(estimate_cost(*tree, abbreviations));
    if (*row.refused_for == '\0') {
      CHECK(ok.has_value());
    } else {
      REQUIRE_FALSE(ok.has_value());
      CHECK(ok.error().status == tracuu::Status::BadQuery);
      CHECK_THAT(ok.error().message, Catch::Contains(row.refused_for));
    }
  }
}

namespace {

// The leaves of `q` matching every document, and how many of them are Xapian's static Query::MatchAll.
std::pair<std::size_t, std::size_t> match_all_leaves(const Xapian::Query& q) {
  if (q.get_type() == Xapian::Query::LEAF_MATCH_ALL)
    return {1, q.internal.get() == Xapian::Query::MatchAll.internal.get() ? 1 : 0};
  std::pair<std::size_t, std::size_t> n{0, 0};
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    const auto [all, shared] = match_all_leaves(q.get_subquery(i));
    n.first += all, n.second += shared;
  }
  return n;
}

}  // namespace

// Xapian's static Query::MatchAll counts its references without atomics: copied by two searcher
// threads at once, its count goes wrong and the query it sits in is freed under the other
// thread (a general protection fault in the matcher under bench/soak). Every match-everything
// leaf is made afresh, per query.
TEST_CASE("query builder: match-everything leaves are made afresh and never shared with Xapian::Query::MatchAll",
          "[searchd]") {
  Xapian::WritableDatabase empty(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const auto abbreviations = tracuu::text::Abbreviations::builtin();
  const auto issuers = tracuu::schema::IssuerRegistry::builtin();
  const auto vocabulary = Vocabulary::build(empty);
  const RankingWeights weights;
  const BuildContext ctx{empty, abbreviations, issuers, vocabulary, weights};
  for (const char* query : {"", "-chó", "NOT \"Hữu Lũng\"", "-chó -chòe", "-loai:tb"}) {
    INFO(query);
    auto tree = parse_query(query, DefaultOperator::Auto);
    REQUIRE(tree.has_value());
    auto built = build_query(*tree, ctx);
    REQUIRE(built.has_value());
    const auto [all, shared] = match_all_leaves(built->query);
    CHECK(all == 1);  // a filter-only or exclusion-only query still starts from every document
    CHECK(shared == 0);
  }
  CHECK(match_all().get_type() == Xapian::Query::LEAF_MATCH_ALL);
  CHECK(match_all().internal.get() != match_all().internal.get());
}

namespace {

std::string read_file(const std::string& relative) {
  std::ifstream in(std::string(TRACUU_SOURCE_DIR) + "/" + relative);
  REQUIRE(in.good());
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The "name:" of every `name:value` code span in `text`.
std::set<std::string> field_names_in_code_spans(const std::string& text) {
  std::set<std::string> names;
  static const std::regex span("`([a-z]+):[^`]*`");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), span); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1]);
  return names;
}

}  // namespace

TEST_CASE("query fields: the parser, the README and the OpenAPI spec list the same fields", "[searchd]") {
  std::set<std::string> schema_fields;
  for (const auto& f : tracuu::schema::kQueryFields) {
    INFO(f.name);
    schema_fields.insert(std::string(f.name));
    // The parser knows it (an unknown name would be text).
    auto tree = parse_query(std::string(f.name) + ":2025", DefaultOperator::Auto);
    REQUIRE(tree.has_value());
    CHECK(describe(*tree) == "Field(" + std::string(f.name) + "=2025)");
  }
  // Another name of a field reads as that field.
  std::set<std::string> with_aliases = schema_fields;
  for (const auto& [alias, field] : tracuu::schema::kQueryFieldAliases) {
    INFO(alias);
    CHECK(tracuu::schema::query_field_by_name(alias) == field);
    with_aliases.insert(std::string(alias));
    auto tree = parse_query(std::string(alias) + ":2025", DefaultOperator::Auto);
    REQUIRE(tree.has_value());
    CHECK(describe(*tree) == "Field(" + std::string(alias) + "=2025)");  // searched as `field` (contract test)
  }
  // README: the query-language table, aliases included.
  const std::string readme = read_file("README.md");
  const std::size_t begin = readme.find("### Query language");
  REQUIRE(begin != std::string::npos);
  const std::string table = readme.substr(begin, readme.find("\n#", begin + 1) - begin);
  CHECK(field_names_in_code_spans(table) == with_aliases);
  // OpenAPI: the q parameter's x-query-fields list.
  const std::string spec = read_file("searchd/server/openapi.yaml");
  static const std::regex list("x-query-fields: \\[([a-z, ]*)\\]");
  std::smatch m;
  REQUIRE(std::regex_search(spec, m, list));
  std::set<std::string> listed;
  const std::string names = m[1];
  static const std::regex word("[a-z]+");
  for (auto it = std::sregex_iterator(names.begin(), names.end(), word); it != std::sregex_iterator(); ++it)
    listed.insert(it->str());
  CHECK(listed == schema_fields);
}
