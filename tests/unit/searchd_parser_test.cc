#include <catch2/catch.hpp>
#include <string>
#include <vector>

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
  for (const char* bad : {"abc", "2025-13-01", "..", "2025-08-31..2025-07-01", "31/7"}) {
    INFO(bad);
    CHECK_FALSE(parse_date_range(bad).has_value());
  }
}
