#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "schema/codes.h"
#include "schema/docdata.h"
#include "schema/fields.h"
#include "schema/record_json.h"
#include "schema/terms.h"
#include "text/utf8.h"

using namespace tracuu::schema;

TEST_CASE("schema: prefixes are unique and unambiguous", "[schema]") {
  std::set<std::string_view> seen;
  for (const auto& a : kFields) {
    INFO(a.prefix);
    CHECK(seen.insert(a.prefix).second);
    CHECK(&spec(a.field) == &a);  // every Field has exactly its row
    if (a.prefix.size() > 1) {
      CHECK(a.prefix.front() == 'X');
      CHECK(a.prefix.back() == ':');
    }
    for (const auto& b : kFields) {
      if (&a == &b || a.prefix.empty() || b.prefix.empty()) continue;
      CHECK(b.prefix.substr(0, a.prefix.size()) != a.prefix);  // no prefix starts another
    }
  }
}

TEST_CASE("schema: query names map back to their field", "[schema]") {
  CHECK(field_by_query_name("loai") == Field::Type);
  CHECK(field_by_query_name("coquan") == Field::Issuer);
  CHECK(field_by_query_name("so") == Field::Number);
  CHECK(field_by_query_name("nguoiky") == Field::SignerName);
  CHECK(field_by_query_name("giao") == Field::Assignee);
  CHECK(field_by_query_name("nam") == Field::Year);
  CHECK_FALSE(field_by_query_name("").has_value());
  CHECK_FALSE(field_by_query_name("nosuch").has_value());
}

TEST_CASE("schema: slug codes", "[schema]") {
  struct Row {
    const char* display;
    const char* code;
  };
  const std::vector<Row> rows = {
      {"Ủy ban nhân dân tỉnh Lạng Sơn", "uy-ban-nhan-dan-tinh-lang-son"},
      {"Uỷ ban nhân dân tỉnh Lạng Sơn", "uy-ban-nhan-dan-tinh-lang-son"},
      {"  Thông   báo ", "thong-bao"},
      {"Văn hóa, Thể thao và Du lịch", "van-hoa-the-thao-va-du-lich"},
      {"Lao động - Thương binh và Xã hội", "lao-dong-thuong-binh-va-xa-hoi"},
      {"Đảng", "dang"},
      {"2025", "2025"},
      {"", ""},
  };
  for (const Row& r : rows) {
    INFO(r.display);
    CHECK(slug(r.display) == r.code);
  }
  for (const auto& t : kDocTypes) CHECK(slug(t.display) == t.code);
}

TEST_CASE("schema: document types in any spelling", "[schema]") {
  CHECK(canonical_doc_type("THÔNG BÁO") == "Thông báo");
  CHECK(canonical_doc_type("Nghi dinh") == "Nghị định");
  CHECK(canonical_doc_type("nghi-quyet") == "Nghị quyết");
  CHECK(canonical_doc_type("Quyết  định") == "Quyết định");
  CHECK_FALSE(canonical_doc_type("Trang tổng hợp").has_value());
}

TEST_CASE("schema: issuers are one body whatever the spelling", "[schema]") {
  const IssuerRegistry issuers = IssuerRegistry::builtin();
  CHECK(issuers.size() > 30);
  struct Row {
    const char* written;
    const char* canonical;
  };
  const std::vector<Row> rows = {
      {"Ủy ban nhân dân tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn"},
      {"UBND tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn"},
      {"ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "Ủy ban nhân dân tỉnh Lạng Sơn"},
      {"Uỷ ban nhân dân tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn"},
      {"Văn phòng UBND tỉnh Lạng Sơn", "Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn"},
      {"Chính phủ", "Chính phủ"},
      {"Thủ tướng", "Thủ tướng Chính phủ"},
      {"Bộ Kế hoạch và Đầu tư", "Bộ Tài chính"},  // merged in 2025
      {"Bộ Thông tin và Truyền thông", "Bộ Khoa học và Công nghệ"},
      {"Bộ TN&MT", "Bộ Nông nghiệp và Môi trường"},
      {"Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn", "Sở Tài chính tỉnh Lạng Sơn"},
  };
  for (const Row& r : rows) {
    INFO(r.written);
    CHECK(issuers.canonical(r.written) == r.canonical);
  }
  CHECK_FALSE(issuers.canonical("Công ty TNHH ABC").has_value());
  CHECK(issuers.canonical_or_self(" Công ty  TNHH ABC ") == "Công ty TNHH ABC");
  std::string error;
  CHECK_FALSE(IssuerRegistry::parse("A\tB\tC\n", &error).has_value());
  CHECK(error == "line 1: expected canonical<TAB>aliases");
}

TEST_CASE("schema: terms stay within Xapian's limit and distinct", "[schema]") {
  CHECK(make_term(Field::Number, "66/2025/ND-CP") == "XSH:66/2025/ND-CP");
  CHECK(id_term("abc") == "Qabc");
  std::string long_a(300, 'a'), long_b = long_a;
  long_b.back() = 'b';
  const std::string ta = make_term(Field::Id, long_a), tb = make_term(Field::Id, long_b);
  CHECK(ta.size() <= kMaxTermBytes);
  CHECK(ta != tb);
  std::string viet;
  for (int i = 0; i < 100; ++i) viet += "ệ";  // 3 bytes each
  const std::string tv = make_term(Field::BodyFolded, viet);
  CHECK(tv.size() <= kMaxTermBytes);
  CHECK(tracuu::text::is_valid_utf8(tv));
  CHECK(date_slot_value("2025-07-31") == "20250731");
  CHECK(date_slot_value("31/7/2025").empty());
}

TEST_CASE("schema: records round-trip through JSON and document data", "[schema]") {
  DocRecord r;
  r.id = "004_b33ee16890788d7a";
  r.doc_type = "Thông báo";
  r.doc_number = "346/TB-UBND";
  r.doc_number_key = "346/TB-UBND";
  r.issue_date = "2021-06-27";
  r.signer.name = "Phạm Hùng Trường";
  r.signer.on_behalf = "TL. Chủ tịch";
  r.recipients = {"Như trên;", "Lưu: VT, THNC (ĐTK)."};
  r.sections.push_back(Section{"1", "Dự thảo Báo cáo", std::string("Công an tỉnh"), 1, "s-1", {10, 20}, {10, 90}});
  r.citations.push_back(Citation{"24/2021/NĐ-CP",
                                 "24/2021/ND-CP",
                                 std::string("Nghị định"),
                                 std::string("Chính phủ"),
                                 std::string("2021-03-23"),
                                 {30, 43},
                                 "theo Nghị định số 24/2021/NĐ-CP"});
  r.assignments.push_back(
      Assignment{"Sở Y tế", std::string("2021-07-03"), std::string("s-6"), {50, 80}, "Sở Y tế ..."});
  r.text = "THÔNG BÁO\nKết luận phiên họp UBND tỉnh";
  r.pages = {{1, 0}, {2, 20}};
  r.visibility = "internal";

  const auto back = record_from_json(nlohmann::json::parse(record_to_json(r).dump()));
  REQUIRE(back.has_value());
  CHECK(record_to_json(*back) == record_to_json(r));

  StoredDoc stored{r, {0, 17, 400, 70000}};
  const auto decoded = decode_doc_data(encode_doc_data(stored));
  REQUIRE(decoded.has_value());
  CHECK(decoded->checkpoints == stored.checkpoints);
  CHECK(record_to_json(decoded->record) == record_to_json(r));
  CHECK_FALSE(decode_doc_data("not msgpack \xC1").has_value());
}

TEST_CASE("schema: document data decodes only the parts asked for", "[schema]") {
  DocRecord r;
  r.id = "tb-346";
  r.title = "Kết luận phiên họp UBND tỉnh tháng 6 năm 2021";
  r.doc_number = "346/TB-UBND";
  r.sections.push_back(Section{"1", "Dự thảo Tờ trình", std::nullopt, 1, "s-1", {0, 9}, {0, 40}});
  r.citations.push_back(
      Citation{"24/2021/NĐ-CP", "24/2021/ND-CP", std::nullopt, std::nullopt, std::nullopt, {20, 33}, ""});
  r.assignments.push_back(Assignment{"Sở Y tế", std::nullopt, std::nullopt, {0, 5}, "Sở Y tế"});
  r.text = "1. Dự thảo Tờ trình theo Nghị định số 24/2021/NĐ-CP \"trích\" {không phải JSON}";
  const std::string blob = encode_doc_data(StoredDoc{r, {0, 12, 300}});

  const auto meta = decode_doc_data(blob, DocParts::Meta);
  REQUIRE(meta.has_value());
  CHECK(meta->record.title == r.title);
  CHECK(meta->record.doc_number == r.doc_number);
  CHECK(meta->record.sections.empty());
  CHECK(meta->record.text.empty());
  CHECK(meta->checkpoints.empty());

  const auto for_snippets = decode_doc_data(blob, DocParts::Snippets);
  REQUIRE(for_snippets.has_value());
  CHECK(for_snippets->record.text == r.text);
  CHECK(for_snippets->record.sections.size() == 1);
  CHECK(for_snippets->checkpoints == std::vector<std::uint32_t>{0, 12, 300});
  CHECK(for_snippets->record.citations.empty());
  CHECK(for_snippets->record.assignments.empty());

  const auto all = decode_doc_data(blob, DocParts::All);
  REQUIRE(all.has_value());
  CHECK(record_to_json(all->record) == record_to_json(r));

  // A cut blob is refused, never read past its end: in the metadata, in the compressed body, at its last byte.
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{3}, blob.size() / 2, blob.size() - 1}) {
    INFO("cut at " << cut);
    CHECK_FALSE(decode_doc_data(blob.substr(0, cut), DocParts::All).has_value());
  }
}

TEST_CASE("schema: overrides replace fields and reject wrong types", "[schema]") {
  DocRecord r;
  r.id = "x";
  r.title = "old";
  r.issuer = "Sở Y tế";
  REQUIRE(apply_overrides(r, nlohmann::json::parse(R"({"title":"new","issuer":null,"visibility":"internal"})")));
  CHECK(r.title == "new");
  CHECK_FALSE(r.issuer.has_value());
  CHECK(r.visibility == "internal");
  const auto bad = apply_overrides(r, nlohmann::json::parse(R"({"issue_date": 2021})"));
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().status == tracuu::Status::BadRequest);
  CHECK(bad.error().message.find("issue_date") != std::string::npos);
  CHECK(r.title == "new");  // a failed override changes nothing
  CHECK_FALSE(apply_overrides(r, nlohmann::json::parse(R"({"visibility":"secret"})")).has_value());
}
