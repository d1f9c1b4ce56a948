#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "schema/codes.h"
#include "schema/docdata.h"
#include "schema/facets.h"
#include "schema/fields.h"
#include "schema/index_meta.h"
#include "schema/query_fields.h"
#include "schema/record_json.h"
#include "schema/terms.h"
#include "schema/validity.h"
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
  std::set<std::string_view> names;
  for (const auto& f : kQueryFields) {
    INFO(f.name);
    CHECK(names.insert(f.name).second);
    CHECK(&query_field_spec(f.field) == &f);  // every QueryField has exactly its row
    CHECK(query_field_by_name(f.name) == f.field);
    CHECK(slug(f.name) == f.name);  // typed without marks, in lower case
  }
  CHECK(query_field_by_name("loai") == QueryField::Type);
  CHECK(query_field_by_name("ngay") == QueryField::Date);
  CHECK_FALSE(query_field_by_name("").has_value());
  CHECK_FALSE(query_field_by_name("Loai").has_value());
  CHECK_FALSE(query_field_by_name("nosuch").has_value());
}

TEST_CASE("schema: the facet table", "[schema]") {
  std::set<std::string_view> names, params;
  std::set<FacetPart> parts;
  std::set<unsigned> slots;
  for (std::size_t i = 0; i < kFacets.size(); ++i) {
    const FacetSpec& f = kFacets[i];
    INFO(f.name);
    CHECK(index(f.facet) == i);  // rows in Facet order
    CHECK(names.insert(f.name).second);
    CHECK(params.insert(f.param).second);
    CHECK(slots.insert(f.slot).second);
    CHECK(spec(f.field).kind == FieldKind::Boolean);  // filters never change the ranking
    CHECK((f.part == FacetPart::Count || parts.insert(f.part).second));
    CHECK((!f.multi_valued || f.part == FacetPart::Count));  // a packed part holds one id per document
    CHECK(f.values_of != nullptr);
    CHECK(f.code != nullptr);
    CHECK((f.valid == nullptr) == f.format.empty());
    CHECK(facet_by_param(f.param) == &f);
  }
  CHECK(parts.size() == static_cast<std::size_t>(FacetPart::Count));  // every packed part has its facet
  CHECK(facet_by_param("q") == nullptr);
}

TEST_CASE("schema: facet codes: every spelling of a value is one code", "[schema]") {
  const IssuerRegistry issuers = IssuerRegistry::builtin();
  struct Row {
    Facet facet;
    const char* value;
    const char* code;
  };
  const std::vector<Row> rows = {
      {Facet::Type, "Thông báo", "thong-bao"},
      {Facet::Type, "THÔNG BÁO", "thong-bao"},
      {Facet::Type, "thong-bao", "thong-bao"},
      {Facet::Type, "Tho\u0302ng ba\u0301o", "thong-bao"},  // NFD
      {Facet::Issuer, "UBND tỉnh Lạng Sơn", "uy-ban-nhan-dan-tinh-lang-son"},
      {Facet::Issuer, "Uỷ ban nhân dân tỉnh Lạng Sơn", "uy-ban-nhan-dan-tinh-lang-son"},
      {Facet::Signer, "Nguyễn Văn Hà", "nguyen-van-ha"},
      {Facet::Signer, "NGUYỄN VĂN HÀ", "nguyen-van-ha"},
      {Facet::Assignee, "Sở Tài chính tỉnh Lạng Sơn", "so-tai-chinh-tinh-lang-son"},
      {Facet::Year, "2025", "2025"},
      {Facet::Month, "2025-07", "2025-07"},
      {Facet::Validity, "Còn hiệu lực", "con"},
      {Facet::Validity, "con", "con"},
      {Facet::Validity, "Đang có hiệu lực", "con"},  // a portal's wording
      {Facet::Validity, "Sắp có hiệu lực", "chua"},
      {Facet::Validity, "HẾT HIỆU LỰC", "het"},
      {Facet::Validity, "Hết hiệu lực một phần", "mot-phan"},
      {Facet::Validity, "Chưa rõ", "khong-ro"},
  };
  for (const Row& r : rows) {
    INFO(r.value);
    CHECK(code_of(r.facet, r.value, issuers) == r.code);
  }
  // Every type's code is the slug of its display form, so any spelling of a type finds it.
  for (const DocType& t : kDocTypes) CHECK(code_of(Facet::Type, t.display, issuers) == t.code);
  // Numeric ids are the digits of the code, and read back as the value.
  const FacetSpec& year = facet_spec(Facet::Year);
  const FacetSpec& month = facet_spec(Facet::Month);
  CHECK(facet_value_id(year, "2025") == 2025);
  CHECK(year.id_name(2025) == "2025");
  CHECK(facet_value_id(month, "2025-07") == 202507);
  CHECK(month.id_name(202507) == "2025-07");
  CHECK(facet_value_id(facet_spec(Facet::Type), "thong-bao") == facet_id("thong-bao"));
  CHECK(facet_value_id(facet_spec(Facet::Assignee), "so-tai-chinh") == 0);  // counted from its slot
  for (const char* ok : {"2025", "1945"}) CHECK(year.valid(ok));
  for (const char* bad : {"20x5", "25", "20255", ""}) CHECK_FALSE(year.valid(bad));
  for (const char* ok : {"2025-07", "2025-12"}) CHECK(month.valid(ok));
  for (const char* bad : {"2025-13", "2025-00", "2025-7", "07/2025", "0999-01"}) CHECK_FALSE(month.valid(bad));
}

TEST_CASE("schema: token terms: document numbers in lower case, like every folded term", "[schema]") {
  const auto tokens = tracuu::text::analyze("Nghị định 66/2025/NĐ-CP của Chính phủ");
  REQUIRE(tokens.size() == 6);
  CHECK(folded_term(tokens[0]) == "XF:nghi");
  CHECK(folded_form(tokens[2]) == "66/2025/nd-cp");
  CHECK(folded_term(tokens[2]) == "XF:66/2025/nd-cp");
  CHECK(folded_term(tokens[2]) == number_term(tokens[2].exact));  // a number in a text and in a query: one term
  CHECK(number_term("66/2025/ND-CP") == "XF:66/2025/nd-cp");
  CHECK(word_term(Field::Title, tokens[5]) == "Sphu");
  CHECK(word_term(Field::SignerName, tokens[1]) == "Adinh");
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
  r.citations.push_back(Citation{
      "24/2021/NĐ-CP",
      "24/2021/ND-CP",
      std::string("Nghị định"),
      std::string("Chính phủ"),
      std::string("2021-03-23"),
      {30, 43},
      "theo Nghị định số 24/2021/NĐ-CP",
      "amends",
      {CitationRelation{
           "amends", std::string("khoản 3 Điều 5"), std::string("2021-07-01"), std::nullopt, {30, 60}, "text"},
       CitationRelation{"basis", std::nullopt, std::nullopt, std::string("67/2020/QH14"), {30, 60}, "table"}}});
  r.assignments.push_back(
      Assignment{"Sở Y tế", std::string("2021-07-03"), std::string("s-6"), {50, 80}, "Sở Y tế ..."});
  r.text = "THÔNG BÁO\nKết luận phiên họp UBND tỉnh";
  r.pages = {{1, 0}, {2, 20}};
  r.visibility = Visibility::internal();

  const auto back = record_from_json(nlohmann::json::parse(record_to_json(r).dump()));
  REQUIRE(back.has_value());
  CHECK(record_to_json(*back) == record_to_json(r));

  StoredDoc stored{r, {0, 17, 400, 70000}, {}, {}};
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
  r.citations.push_back(Citation{
      "24/2021/NĐ-CP", "24/2021/ND-CP", std::nullopt, std::nullopt, std::nullopt, {20, 33}, "", "mentions", {}});
  r.assignments.push_back(Assignment{"Sở Y tế", std::nullopt, std::nullopt, {0, 5}, "Sở Y tế"});
  r.text = "1. Dự thảo Tờ trình theo Nghị định số 24/2021/NĐ-CP \"trích\" {không phải JSON}";
  const std::string blob = encode_doc_data(StoredDoc{r, {0, 12, 300}, {}, {}});

  const auto meta = decode_doc_data(blob, DocParts::Meta);
  REQUIRE(meta.has_value());
  CHECK(meta->record.title == r.title);
  CHECK(meta->record.doc_number == r.doc_number);
  CHECK(meta->record.sections.empty());
  CHECK(meta->record.text.empty());
  CHECK(meta->checkpoints.empty());

  const auto for_snippets = decode_doc_data(blob, DocParts::Snippets);
  REQUIRE(for_snippets.has_value());
  CHECK(for_snippets->record.text.empty());  // the text stays compressed, read a range at a time
  CHECK(for_snippets->text.range(0, r.text.size()) == r.text);
  CHECK(for_snippets->record.sections.empty());  // the sections stay compressed, read one at a time
  REQUIRE(for_snippets->sections.at(5).has_value());
  CHECK(for_snippets->sections.at(5)->title == "Dự thảo Tờ trình");
  CHECK_FALSE(for_snippets->sections.at(40).has_value());
  CHECK(for_snippets->checkpoints == std::vector<std::uint32_t>{0, 12, 300});
  CHECK(for_snippets->record.citations.empty());
  CHECK(for_snippets->record.assignments.empty());

  const auto all = decode_doc_data(blob, DocParts::All);
  REQUIRE(all.has_value());
  CHECK(record_to_json(all->record) == record_to_json(r));

  const auto lists = decode_doc_data(blob, DocParts::Lists);
  REQUIRE(lists.has_value());
  CHECK(lists->record.title == r.title);
  CHECK(record_to_json(lists->record)["citations"] == record_to_json(r)["citations"]);
  CHECK(record_to_json(lists->record)["assignments"] == record_to_json(r)["assignments"]);
  CHECK(lists->record.sections.empty());
  CHECK(lists->record.text.empty());
  CHECK(lists->checkpoints.empty());

  // A cut blob is refused, never read past its end: in the metadata, in the compressed body, at its last byte.
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{3}, blob.size() / 2, blob.size() - 1}) {
    INFO("cut at " << cut);
    CHECK_FALSE(decode_doc_data(blob.substr(0, cut), DocParts::All).has_value());
  }
}

// The size of `bytes` deflated as Glass deflates document data (raw deflate, default level, memLevel 9:
// glass's compression_stream.cc).
std::size_t deflated_size(const std::string& bytes) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string deflated(deflateBound(&z, bytes.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(deflated.data());
  z.avail_out = static_cast<uInt>(deflated.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  const std::size_t n = z.total_out;
  deflateEnd(&z);
  return n;
}

TEST_CASE("schema: a text is stored in chunks, read a range at a time", "[schema]") {
  // The bundled notices and reports: 14 to 74 KB, so one to three chunks of kTextChunkBytes.
  for (const char* name : {"000_4273f595e8f93ec2.txt", "001_6b3477ad7153f868.txt", "002_cbe3f2fc25d32b07.txt",
                           "003_9aeb4b16ab79b50c.txt", "004_b33ee16890788d7a.txt"}) {
    INFO(name);
    std::ifstream in(std::string(TRACUU_SOURCE_DIR) + "/data/samples/" + name);
    REQUIRE(in);
    DocRecord r;
    r.id = name;
    r.title = "Thông báo kết luận";
    r.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    const std::string blob = encode_doc_data(StoredDoc{r, {0, 12}, {}, {}});

    const auto doc = decode_doc_data(blob, DocParts::Snippets);
    REQUIRE(doc.has_value());
    REQUIRE(doc->text.size() == r.text.size());
    const std::size_t n = r.text.size();
    for (const auto& [begin, end] : std::vector<std::pair<std::size_t, std::size_t>>{
             {0, 10}, {kTextChunkBytes - 5, kTextChunkBytes + 5}, {10, 2 * kTextChunkBytes + 10}, {n - 7, n + 100}}) {
      INFO(begin << ".." << end);
      if (begin < n) CHECK(doc->text.range(begin, end) == r.text.substr(begin, end - begin));
    }
    const auto all = decode_doc_data(blob, DocParts::All);
    REQUIRE(all.has_value());
    CHECK(all->record.text == r.text);

    // Glass deflates document data that zlib can shorten and then inflates all of it on every read: every
    // part is compressed already, so zlib (raw deflate, as Glass calls it) finds nothing to take.
    CHECK(deflated_size(blob) >= blob.size());

    // A damaged chunk (here the last frame's magic number) fails the ranges that read it, not the others.
    if (n <= kTextChunkBytes) continue;
    std::string damaged = blob;
    const std::size_t last_frame = damaged.rfind("\x28\xB5\x2F\xFD");
    REQUIRE(last_frame != std::string::npos);
    damaged[last_frame] = 'x';
    const auto hurt = decode_doc_data(damaged, DocParts::Snippets);
    REQUIRE(hurt.has_value());
    CHECK(hurt->text.range(0, 10) == r.text.substr(0, 10));
    CHECK_FALSE(hurt->text.range(n - 10, n).has_value());
    CHECK_FALSE(decode_doc_data(damaged, DocParts::All).has_value());
  }
}

TEST_CASE("schema: the document data of a long text leaves zlib nothing to take", "[schema]") {
  // Glass stores document data deflated when zlib shortens it by a byte, and inflates it on every read. The
  // chunks of one long text share block headers and tables that zlib finds across chunks: one of the samples
  // four times over (two chunks of like text) was shortened at zstd level 3, as 72 of vn-legal's 568 texts were.
  std::ifstream in(std::string(TRACUU_SOURCE_DIR) + "/data/samples/003_9aeb4b16ab79b50c.txt");
  REQUIRE(in);
  const std::string notice((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  DocRecord r;
  r.id = "notice-four-times";
  r.title = "Thông báo kết luận";
  for (int round = 0; round < 4; ++round) r.text += notice;
  const std::string blob = encode_doc_data(StoredDoc{r, {0, 12}, {}, {}});
  CHECK(deflated_size(blob) >= blob.size());
}

TEST_CASE("schema: a snippet finds its section among hundreds, decompressing one chunk", "[schema]") {
  // A codified law: chương (level 1) of điều (level 2) of khoản (level 3), the last chương without điều, and a
  // preamble outside every section; nested sections share their beginning with their parents. Long titles put
  // the records in two chunks.
  DocRecord r;
  r.id = "phap-dien";
  r.title = "Bộ luật Lao động";
  std::size_t at = 0;
  auto add = [&](int level, const std::string& number, std::size_t length) {
    r.sections.push_back(Section{number,
                                 "Tiêu đề " + number + " " + std::string(200, 'x'),
                                 std::nullopt,
                                 level,
                                 "s-" + number,
                                 {at, at + 5},
                                 {at, at + length}});
  };
  at = 100;  // the preamble
  for (int c = 1; c <= 7; ++c) {
    const std::size_t chapter = r.sections.size();
    add(1, "Chương " + std::to_string(c), 0);
    for (int d = 1; c < 7 && d <= 9; ++d) {
      add(2, "Điều " + std::to_string(c * 10 + d), 300);
      for (int k = 1; k <= 3; ++k) {
        add(3, "khoản " + std::to_string(k) + " Điều " + std::to_string(c * 10 + d), 100);
        at += 100;
      }
    }
    at += 50;
    r.sections[chapter].body.end = at;
  }
  r.text = std::string(at + 10, 'x');
  REQUIRE(r.sections.size() * 200 > kTextChunkBytes + 1000);
  const std::string blob = encode_doc_data(StoredDoc{r, {0}, {}, {}});

  // What the whole list says: the deepest section holding the offset, the shortest among equals.
  auto innermost = [&](std::size_t offset) -> const Section* {
    const Section* best = nullptr;
    for (const Section& s : r.sections)
      if (offset >= s.body.begin && offset < s.body.end &&
          (!best || s.level > best->level || s.body.end - s.body.begin < best->body.end - best->body.begin))
        best = &s;
    return best;
  };
  const auto doc = decode_doc_data(blob, DocParts::Snippets);
  REQUIRE(doc.has_value());
  CHECK(doc->record.sections.empty());
  std::size_t found = 0;
  for (std::size_t offset = 0; offset < r.text.size(); offset += 7) {
    INFO("offset " << offset);
    const Section* want = innermost(offset);
    const auto got = doc->sections.at(offset);
    REQUIRE(got.has_value() == (want != nullptr));
    if (!want) continue;
    ++found;
    CHECK(got->number == want->number);
    CHECK(got->anchor == want->anchor);
    CHECK(got->level == want->level);
  }
  CHECK(found > 500);
  // Listed out of order (a parent after its children), the sections are found all the same.
  DocRecord reversed = r;
  std::reverse(reversed.sections.begin(), reversed.sections.end());
  const auto backwards = decode_doc_data(encode_doc_data(StoredDoc{reversed, {0}, {}, {}}), DocParts::Snippets);
  REQUIRE(backwards.has_value());
  for (std::size_t offset = 0; offset < r.text.size(); offset += 13) {
    INFO("offset " << offset);
    const Section* want = innermost(offset);
    const auto got = backwards->sections.at(offset);
    REQUIRE(got.has_value() == (want != nullptr));
    if (want) CHECK(got->anchor == want->anchor);
  }
  const auto all = decode_doc_data(blob, DocParts::All);
  REQUIRE(all.has_value());
  CHECK(record_to_json(all->record)["sections"] == record_to_json(r)["sections"]);

  // A damaged chunk of the records (the fifth frame: metadata, layout, lists, then the records' two chunks)
  // fails the lookups whose record it holds and the document page, not the others.
  std::string damaged = blob;
  std::size_t frame = 0;
  for (int k = 0; k < 5; ++k) frame = damaged.find("\x28\xB5\x2F\xFD", frame + 1);
  REQUIRE(frame != std::string::npos);
  damaged[frame] = 'x';
  const auto hurt = decode_doc_data(damaged, DocParts::Snippets);
  REQUIRE(hurt.has_value());
  const Section* early = innermost(r.sections[1].body.begin);
  REQUIRE(hurt->sections.at(early->body.begin).has_value());
  CHECK(hurt->sections.at(early->body.begin)->number == early->number);
  CHECK_FALSE(hurt->sections.at(r.sections.back().body.begin).has_value());  // the last chương's record
  CHECK_FALSE(decode_doc_data(damaged, DocParts::All).has_value());
}

TEST_CASE("schema: the lists of a long document decode without its text, in one chunk or many", "[schema]") {
  // One to thousands of sections and assignments (a frame of a few bytes or of hundreds of KB), before a 600 KB text.
  for (const std::size_t n : {std::size_t{1}, std::size_t{40}, std::size_t{3000}}) {
    INFO(n << " sections and assignments");
    DocRecord r;
    r.id = "luat-dat-dai";
    r.title = "Luật Đất đai";
    for (std::size_t i = 0; i < n; ++i) {
      const std::string number = std::to_string(i + 1);
      r.sections.push_back(Section{number, "Phạm vi điều chỉnh", std::nullopt, 1, "s-" + number, {0, 9}, {0, 40}});
      r.assignments.push_back(Assignment{"Sở Tài nguyên và Môi trường",
                                         std::string("2025-08-04"),
                                         "s-" + number,
                                         {i, i + 5},
                                         "Giao Sở Tài nguyên và Môi trường chủ trì, báo cáo " + number});
    }
    for (std::size_t i = 0; i < 6000; ++i)
      r.text += "Điều " + std::to_string(i) + ". Nhà nước giao đất, cho thuê đất.\n";
    const std::string blob = encode_doc_data(StoredDoc{r, {0, 12}, {}, {}});
    const auto lists = decode_doc_data(blob, DocParts::Lists);
    REQUIRE(lists.has_value());
    CHECK(record_to_json(lists->record)["assignments"] == record_to_json(r)["assignments"]);
    CHECK(lists->record.text.empty());
    CHECK(lists->record.sections.empty());
    // Cut inside the metadata or the compressed parts before the text: refused, never read past the end.
    for (std::size_t cut : {std::size_t{0}, std::size_t{3}, blob.size() / 200}) {
      INFO("cut at " << cut);
      CHECK_FALSE(decode_doc_data(blob.substr(0, cut), DocParts::Lists).has_value());
    }
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
  CHECK(r.visibility == Visibility::internal());
  const auto bad = apply_overrides(r, nlohmann::json::parse(R"({"issue_date": 2021})"));
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().status == tracuu::Status::BadRequest);
  CHECK(bad.error().message.find("issue_date") != std::string::npos);
  CHECK(r.title == "new");  // a failed override changes nothing
  CHECK_FALSE(apply_overrides(r, nlohmann::json::parse(R"({"visibility":"secret"})")).has_value());
}

TEST_CASE("schema: the recorded inputs of an index", "[schema]") {
  const std::string first = encode_inputs("", {"/srv/van-ban", "/srv/van-ban/Thông báo.pdf"});
  CHECK(decode_inputs(first) == std::vector<std::string>{"/srv/van-ban", "/srv/van-ban/Thông báo.pdf"});
  // Adding keeps the order and records each input once.
  const std::string more = encode_inputs(first, {"/srv/van-ban", "/srv/du-thao"});
  CHECK(decode_inputs(more) == std::vector<std::string>{"/srv/van-ban", "/srv/van-ban/Thông báo.pdf", "/srv/du-thao"});
  CHECK(decode_inputs("").empty());
  CHECK(decode_inputs("not json").empty());
  CHECK(decode_inputs(R"(["/a", 7, "/b"])") == std::vector<std::string>{"/a", "/b"});
}

TEST_CASE("schema: validity at a date: own dates, a stated status, later documents that replace or repeal it",
          "[schema]") {
  struct Row {
    const char* name;
    std::optional<std::string> effective, expiry, stated;
    std::vector<IncomingAct> acts;
    const char* as_of;
    const char* status;
  };
  // 85/2026/NĐ-CP: issued 2026-03-25, in force from 2026-05-10 ("có hiệu lực thi hành từ ngày 10 tháng 5 năm 2026").
  const std::optional<std::string> may10 = std::string("2026-05-10");
  const IncomingAct replaced{"replaces", std::string("2026-09-01"), std::nullopt, "nd-200", "200/2026/NĐ-CP", ""};
  const IncomingAct part_repealed{"repeals", std::string("2026-08-01"), std::string("khoản 3 Điều 5"),
                                  "nd-150",  "150/2026/NĐ-CP",          ""};
  const std::vector<Row> rows = {
      {"before its effective date", may10, {}, {}, {}, "2026-05-09", "chua"},
      {"on its effective date", may10, {}, {}, {}, "2026-05-10", "con"},
      {"a temporary text, on its last day", may10, std::string("2027-02-28"), {}, {}, "2027-02-27", "con"},
      {"a temporary text, after it", may10, std::string("2027-02-28"), {}, {}, "2027-02-28", "het"},
      {"replaced wholly, before the replacement takes effect", may10, {}, {}, {replaced}, "2026-08-31", "con"},
      {"replaced wholly", may10, {}, {}, {replaced}, "2026-09-01", "het"},
      {"a part repealed", may10, {}, {}, {part_repealed}, "2026-08-15", "mot-phan"},
      {"only a stated status: in force since issued", {}, {}, std::string("Còn hiệu lực"), {}, "2026-04-01", "con"},
      {"a portal's 'Sắp có hiệu lực'", {}, {}, std::string("Sắp có hiệu lực"), {}, "2026-04-01", "chua"},
      {"nothing known", {}, {}, {}, {}, "2026-04-01", "khong-ro"},
      {"a placeholder says nothing", {}, {}, std::string("Đang cập nhật"), {}, "2026-04-01", "khong-ro"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    ValidityFacts f;
    f.issue_date = "2026-03-25";
    f.effective_date = row.effective;
    f.expiry_date = row.expiry;
    f.stated_status = row.stated;
    f.acts = row.acts;
    CHECK(validity_code(validity_at(validity_dates(f), row.as_of)) == row.status);
    // The index keeps the dates in one slot value: the same status on the same day from what it stores.
    const auto stored = unpack_validity_dates(pack_validity_dates(validity_dates(f)));
    REQUIRE(stored);
    CHECK(validity_code(validity_at(*stored, row.as_of)) == row.status);
  }
  CHECK(pack_validity_dates({"2015-12-05", "2019-07-25", std::nullopt, std::nullopt}) == "2015-12-05|2019-07-25||");
  CHECK(pack_validity_dates({std::nullopt, std::nullopt, std::nullopt, Validity::InForce}) == "|||con");
  for (const char* bad : {"", "2015-12-05", "a|b|c", "|||dang-cap-nhat", "||||"})
    CHECK_FALSE(unpack_validity_dates(bad));
  // A source stating "Còn hiệu lực" of a document replaced since: said, not guessed.
  ValidityFacts f;
  f.issue_date = "2026-03-25";
  f.stated_status = "Còn hiệu lực";
  f.acts = {replaced};
  const auto report = validity_report(f, "2026-10-01");
  CHECK(validity_code(report.status) == "het");
  REQUIRE(report.conflicts.size() == 1);
  CHECK(report.conflicts[0] == "a source states 'Còn hiệu lực', but 200/2026/NĐ-CP replaces it from 2026-09-01");
}
