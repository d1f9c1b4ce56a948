// Extraction, field by field, on excerpts of real documents.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indexer/ingest/ingest.h"

using tracuu::indexer::Extractor;
using tracuu::indexer::RawDoc;
using tracuu::schema::DocRecord;

namespace {

// The record of `text`; by default from the text alone (no given metadata, no metadata table).
DocRecord record(const std::string& text, bool use_given = false, const nlohmann::json& given = nullptr,
                 bool read_table = false) {
  RawDoc raw;
  raw.id = "t";
  raw.format = "txt";
  raw.pages = {text};
  raw.given = given;
  auto r = Extractor({.use_given_metadata = use_given, .read_metadata_table = read_table}).extract(raw);
  REQUIRE(r.has_value());
  return *r;
}

bool has_warning(const DocRecord& r, const std::string& w) {
  return std::find(r.warnings.begin(), r.warnings.end(), w) != r.warnings.end();
}

std::string opt(const std::optional<std::string>& v) {
  return v ? *v : "(null)";
}

const char* const kMotto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n";

}  // namespace

TEST_CASE("extract: the heading block", "[ingest]") {
  struct Row {
    const char* name;
    std::string text;
    const char* doc_type;
    const char* doc_number;
    const char* issuer;
    const char* place;
    const char* issue_date;
    const char* title;
  };
  const std::vector<Row> rows = {
      {"công văn of a department, issuer over two lines",
       std::string("UBND TỈNH LẠNG SƠN\nSỞ TÀI CHÍNH\n") + kMotto +
           "Số: 12/STC-NS\nLạng Sơn, ngày 05 tháng 3 năm 2025\nV/v báo cáo tình hình thu ngân sách quý I\n\nKính gửi: "
           "UBND tỉnh.\n",
       "Công văn", "12/STC-NS", "Sở Tài chính tỉnh Lạng Sơn", "Lạng Sơn", "2025-03-05",
       "V/v báo cáo tình hình thu ngân sách quý I"},
      {"a merged province: the old name maps to the successor",
       std::string("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\n") + kMotto +
           "Số: 15/QĐ-UBND\nHà Giang, ngày 2 tháng 1 năm 2024\nQUYẾT ĐỊNH\nVề việc phê duyệt kế hoạch chuyển đổi số\n"
           "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nCăn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. "
           "Phê duyệt.\n",
       "Quyết định", "15/QĐ-UBND", "Ủy ban nhân dân tỉnh Tuyên Quang", "Hà Giang", "2024-01-02",
       "Về việc phê duyệt kế hoạch chuyển đổi số"},
      {"a law: 'Luật số:', the name in capitals under the type",
       std::string("QUỐC HỘI\n") + kMotto +
           "Luật số: 24/2018/QH14\n\nLUẬT\nAN NINH MẠNG\n\nCăn cứ Hiến pháp;\nChương I\n",
       "Luật", "24/2018/QH14", "Quốc hội", "(null)", "(null)", "AN NINH MẠNG"},
      {"sample 004: no issuer line; the number and the place line name the body",
       "Số: 346 /TB-UBND\n\nLạng Sơn, ngày 27 tháng 6 năm 2021\n\nTHÔNG BÁO\n\n**Kết luận phiên họp UBND tỉnh tháng 6 "
       "năm "
       "2021 (kỳ 3)\n(ngày 23 tháng 6 năm 2021)**\n\nNgày 23/6/2021, UBND tỉnh đã tổ chức phiên họp. Đề nghị UBND tỉnh "
       "chỉ đạo trên địa bàn tỉnh Lạng Sơn.\n",
       "Thông báo", "346/TB-UBND", "Ủy ban nhân dân tỉnh Lạng Sơn", "Lạng Sơn", "2021-06-27",
       "Kết luận phiên họp UBND tỉnh tháng 6 năm 2021 (kỳ 3) (ngày 23 tháng 6 năm 2021)"},
      {"no type heading: type and issuer from the number",
       "Số: 129/CĐ-TTg\nHà Nội, ngày 07 tháng 8 năm 2025\nCÔNG ĐIỆN VỀ VIỆC TỔ CHỨC LỄ KHỞI CÔNG\n", "Công điện",
       "129/CĐ-TTg", "Thủ tướng Chính phủ", "Hà Nội", "2025-08-07", "VỀ VIỆC TỔ CHỨC LỄ KHỞI CÔNG"},
      {"web copy: number and date run into the motto line",
       "CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc Hà Nội, ngày 26 tháng 6 năm 2026\n"
       "Số: 234/2026/NĐ-CP\n\nNGHỊ ĐỊNH\nQuy định về xử lý kỷ luật viên chức\n\nCăn cứ Luật Tổ chức Chính phủ;\n",
       "Nghị định", "234/2026/NĐ-CP", "Chính phủ", "Hà Nội", "2026-06-26", "Quy định về xử lý kỷ luật viên chức"},
      {"a site heading and a table before any header are not the type",
       "# QUY ĐỊNH\n\n## THÔNG TIN VĂN BẢN\n\n| Số hiệu | 92/2026/TT-BCA |\n| Loại văn bản | Thông tư |\n\nNội dung "
       "đang cập nhật.\n",
       "(null)", "(null)", "(null)", "(null)", "(null)", "Nội dung đang cập nhật"},  // title: its first sentence
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const DocRecord r = record(row.text);
    CHECK(opt(r.doc_type) == row.doc_type);
    CHECK(opt(r.doc_number) == row.doc_number);
    CHECK(opt(r.issuer) == row.issuer);
    CHECK(opt(r.place) == row.place);
    CHECK(opt(r.issue_date) == row.issue_date);
    CHECK(opt(r.title) == row.title);
  }
}

TEST_CASE("extract: the signature block", "[ingest]") {
  struct Row {
    const char* name;
    std::string text;
    const char* signer;
    const char* position;
    const char* on_behalf;
  };
  const std::vector<Row> rows = {
      {"three lines: TM. / KT. / position",
       "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nĐoàn Thanh Sơn\n", "Đoàn Thanh Sơn",
       "Phó Chủ tịch", "KT. Chủ tịch"},
      {"one line, as OCR prints it",
       "Điều 99. Trách nhiệm thi hành\n\nTM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG\n\nNguyễn Chí Dũng\n",
       "Nguyễn Chí Dũng", "Phó Thủ tướng", "KT. Thủ tướng"},
      {"a rank before the name", "Nơi nhận:\n- Lưu: VT.\n\nBỘ TRƯỞNG\n\nĐại tướng Lương Tam Quang\n", "Lương Tam Quang",
       "Bộ trưởng", "(null)"},
      {"a name in capitals", "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nNGUYỄN VĂN HÀ\n", "Nguyễn Văn Hà", "Chánh Văn phòng",
       "TL. Chủ tịch"},
      {"an unsigned form is no name", "KT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n(Ký, ghi rõ họ tên)\nFull Name\n", "(null)",
       "Phó Cục trưởng", "KT. Cục trưởng"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const DocRecord r = record(row.text);
    CHECK(opt(r.signer.name) == row.signer);
    CHECK(opt(r.signer.position) == row.position);
    CHECK(opt(r.signer.on_behalf) == row.on_behalf);
  }
  // The body a "TM." line names is the issuer when the header names none.
  CHECK(record("Điều 1. Hiệu lực.\nTM. CHÍNH PHỦ\nTHỦ TƯỚNG\n\nPhạm Minh Chính\n").issuer == "Chính phủ");
}

TEST_CASE("extract: citations with type, date and issuer as the text gives them", "[ingest]") {
  const DocRecord r = record(
      "Số: 346/TB-UBND\nLạng Sơn, ngày 27 tháng 6 năm 2021\nTHÔNG BÁO\nKết luận phiên họp\n\n"
      "Triển khai thực hiện Nghị định số 24/2021/NĐ-CP ngày 23/3/2021 của Chính phủ ban hành quy định việc quản lý. "
      "Thực hiện Kế hoạch hành động số 266-KH/TU, ngày 08/8/2025 của Ban Thường vụ Tỉnh ủy về hội nhập.\n"
      "Cho phép lập hồ sơ theo Thông tư số 29/2014/TT-BTNMT ngày 02/6/2014 của Bộ trưởng Bộ Tài nguyên và Môi trường.\n"
      "Áp dụng Nghị định 151/2025/NĐ-CP; tiếp tục thực hiện Nghị quyết số 49-\nNQ/TU và Nghị quyết số 49-NQ/TU.\n"
      "Thông báo này thay Thông báo số 346/TB-UBND.\n");
  struct Row {
    const char* number;
    const char* doc_type;
    const char* issuer;
    const char* date;
  };
  const std::vector<Row> rows = {
      {"24/2021/NĐ-CP", "Nghị định", "Chính phủ", "2021-03-23"},
      {"266-KH/TU", "Kế hoạch", "Ban Thường vụ Tỉnh ủy", "2025-08-08"},
      {"29/2014/TT-BTNMT", "Thông tư", "Bộ Nông nghiệp và Môi trường", "2014-06-02"},  // the 2025 successor
      {"151/2025/NĐ-CP", "Nghị định", "Chính phủ", "(null)"},                          // issuer from the code CP
      {"49-NQ/TU", "Nghị quyết", "(null)", "(null)"},                                  // split across lines
  };
  REQUIRE(r.citations.size() == rows.size());  // one per key; the document's own number is no citation
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO(rows[i].number);
    const auto& c = r.citations[i];
    CHECK(c.number == rows[i].number);
    CHECK(opt(c.doc_type) == rows[i].doc_type);
    CHECK(opt(c.issuer) == rows[i].issuer);
    CHECK(opt(c.date) == rows[i].date);
    CHECK(r.text.substr(c.span.begin, c.span.end - c.span.begin) == c.number);
  }
  CHECK(r.citations[0].key == "24/2021/ND-CP");
  CHECK(r.citations[0].context ==
        "Triển khai thực hiện Nghị định số 24/2021/NĐ-CP ngày 23/3/2021 của Chính phủ ban hành quy định việc quản lý.");
}

TEST_CASE("extract: sections nest by numbering style with unique anchors", "[ingest]") {
  const DocRecord r = record(
      "I. ĐÁNH GIÁ CHUNG\n1. Đối với UBND huyện Hữu Lũng (Sở Tài chính trình).\nNội dung đánh giá.\n"
      "1.1. Về phát triển kinh tế - xã hội\na) Về phát triển kinh tế\n(1) Tăng trưởng đạt 8%.\n"
      "II. NHIỆM VỤ TRỌNG TÂM\n1. Đối với xã Thanh Sơn\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n"
      "1. Nghị định này quy định về xử lý kỷ luật.\nĐiều 1. Phạm vi điều chỉnh (văn bản được sửa đổi)\n");
  struct Row {
    const char* number;
    const char* title;
    int level;
    const char* anchor;
  };
  const std::vector<Row> rows = {
      {"I", "ĐÁNH GIÁ CHUNG", 1, "s-1"},
      {"1", "Đối với UBND huyện Hữu Lũng (Sở Tài chính trình)", 2, "s-1-1"},
      {"1.1", "Về phát triển kinh tế - xã hội", 3, "s-1-1-1"},
      {"a", "Về phát triển kinh tế", 4, "s-1-1-1-a"},
      {"1", "Tăng trưởng đạt 8%", 5, "s-1-1-1-a-p1"},
      {"II", "NHIỆM VỤ TRỌNG TÂM", 1, "s-2"},
      {"1", "Đối với xã Thanh Sơn", 2, "s-2-1"},
      {"I", "QUY ĐỊNH CHUNG", 1, "chuong-i"},
      {"1", "Phạm vi điều chỉnh", 2, "dieu-1"},
      {"1", "Nghị định này quy định về xử lý kỷ luật", 3, "dieu-1-1"},
      {"1", "Phạm vi điều chỉnh (văn bản được sửa đổi)", 2, "dieu-1-2"},  // a repeated number stays unique
  };
  REQUIRE(r.sections.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO("section " << i);
    const auto& s = r.sections[i];
    CHECK(s.number == rows[i].number);
    CHECK(s.title == rows[i].title);
    CHECK(s.level == rows[i].level);
    CHECK(s.anchor == rows[i].anchor);
    CHECK(s.heading.begin == s.body.begin);
    CHECK(s.body.end >= s.heading.end);
  }
  CHECK(r.sections[1].submitted_by == "Sở Tài chính");
  CHECK(r.text.substr(r.sections[1].heading.begin, 2) == "1.");
  // I. runs to II.; 1. under I. includes its paragraph and sub-items.
  CHECK(r.sections[0].body.end + 1 == r.sections[5].heading.begin);
  CHECK(r.text.substr(r.sections[1].body.begin, r.sections[1].body.end - r.sections[1].body.begin)
            .find("Nội dung đánh giá") != std::string::npos);
}

TEST_CASE("extract: assignments name a body and, when given, a deadline", "[ingest]") {
  struct Row {
    const char* text;
    const char* assignee;  // nullptr: no assignment
    const char* deadline;
  };
  const std::vector<Row> rows = {
      {"Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính hoàn thành trước ngày 15/8/2025.", "Sở Xây dựng",
       "2025-08-15"},
      {"Yêu cầu Sở Tài chính rà soát, trình UBND tỉnh trong ngày 04/8/2025 để ban hành.", "Sở Tài chính", "2025-08-04"},
      {"Giao Sở Khoa học và Công nghệ báo cáo UBND tỉnh trước ngày 20 tháng 9 năm 2025.", "Sở Khoa học và Công nghệ",
       "2025-09-20"},
      {"UBND huyện Chi Lăng tiếp tục rà soát, hoàn thiện dự thảo, báo cáo UBND tỉnh trước ngày 03/7/2021.",
       "UBND huyện Chi Lăng", "2021-07-03"},
      {"Đề nghị Sở GD&ĐT tiếp thu ý kiến của các thành phần dự họp.", "Sở Giáo dục và Đào tạo", "(null)"},
      {"Sở Tư pháp tiếp thu tối đa các ý kiến; hoàn thiện dự thảo văn bản, trình UBND tỉnh trước ngày 10/8/2025.",
       "Sở Tư pháp", "2025-08-10"},
      {"Sở Tư pháp đã chủ động nghiên cứu, tham mưu UBND tỉnh ban hành quy định.", nullptr, nullptr},
      {"Đề án được Thủ tướng Chính phủ phê duyệt tại Quyết định số 865/QĐ-TTg ngày 17/8/2024.", nullptr, nullptr},
      {"Thực hiện nhiệm vụ được giao, Sở Khoa học và Công nghệ đã tổng hợp hồ sơ.", nullptr, nullptr},
      {"Giao các sở, ngành, UBND các xã chủ động phối hợp.", nullptr, nullptr},
      {"Giao Chính phủ chỉ đạo tổ chức thực hiện Nghị quyết này.", "Chính phủ", "(null)"},
      {"Đề nghị Thủ tướng Chính phủ xem xét, quyết định.", nullptr, nullptr},  // a proposal upwards
      {"UBND phường tiếp thu ý kiến, hoàn thiện hồ sơ.", nullptr, nullptr},    // a kind of body, not one body
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const DocRecord r = record(row.text);
    if (!row.assignee) {
      CHECK(r.assignments.empty());
      continue;
    }
    REQUIRE(r.assignments.size() == 1);
    CHECK(r.assignments[0].assignee == row.assignee);
    CHECK(opt(r.assignments[0].deadline) == row.deadline);
    CHECK(r.assignments[0].text == row.text);
    CHECK(r.text.substr(r.assignments[0].span.begin, r.assignments[0].span.end - r.assignments[0].span.begin) ==
          row.text);
  }
}

TEST_CASE("extract: a date before the document was written is no deadline", "[ingest]") {
  // The first sentence is a pháp điển excerpt of vn-legal (no heading, so no date of its own; it cites a 2021
  // decree); the others carry a heading dated 31/7/2025.
  const std::string heading = std::string("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n") + kMotto +
                              "Số: 346/TB-UBND\nLạng Sơn, ngày 31 tháng 7 năm 2025\nTHÔNG BÁO\nKết luận phiên họp\n\n";
  struct Row {
    std::string text;
    const char* assignee;
    const char* deadline;
  };
  const std::vector<Row> rows = {
      {"Cục Tổ chức cán bộ trong thời gian 20 ngày, kể từ ngày nhận đủ các giấy tờ, có trách nhiệm phối hợp với Công "
       "an đơn vị, địa phương liên quan xác minh, hoàn thiện hồ sơ, đề nghị Ban Thường vụ Đảng ủy Công an Trung ương "
       "xem xét, ban hành quyết định công nhận người hoạt động cách mạng trước ngày 01 tháng 01 năm 1945 theo Mẫu số "
       "49 "
       "Phụ lục I Nghị định số 131/2021/NĐ-CP.",
       "Ban Thường vụ Đảng ủy Công an Trung ương", "(null)"},
      {heading + "Giao Sở Lao động - Thương binh và Xã hội rà soát hồ sơ người hoạt động cách mạng trước ngày 01 "
                 "tháng 01 năm 1945, báo cáo UBND tỉnh trước ngày 30/9/2025.",
       "Sở Lao động - Thương binh và Xã hội", "2025-09-30"},
      {heading + "Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính hoàn thành trước ngày 15/8/2025.", "Sở Xây dựng",
       "2025-08-15"},
      {heading + "Giao Sở Tài chính rà soát, báo cáo UBND tỉnh trước ngày 15/3/2020.", "Sở Tài chính", "(null)"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const DocRecord r = record(row.text);
    REQUIRE(r.assignments.size() == 1);
    CHECK(r.assignments[0].assignee == row.assignee);
    CHECK(opt(r.assignments[0].deadline) == row.deadline);
  }
}

TEST_CASE("extract: assignments resolved through the item and the lead-in", "[ingest]") {
  const DocRecord r = record(
      "1. Dự thảo Báo cáo về an ninh trật tự (Công an tỉnh trình).\n"
      "Cơ quan chủ trì tiếp thu, hoàn thiện dự thảo, báo cáo UBND tỉnh trước ngày 29/6/2021.\n"
      "2. Dự thảo Quyết định ban hành Quy chế (Sở Nội vụ trình).\n(2) Yêu cầu Sở Nội vụ:\n"
      "- Dự thảo Tờ trình xin ý kiến Ban Thường vụ Tỉnh ủy, trình UBND tỉnh trước ngày 09/8/2025.\n"
      "- Khẩn trương rà soát, trình UBND tỉnh chậm nhất trước ngày 15/9/2025.\n");
  struct Row {
    const char* assignee;
    const char* deadline;
    const char* section;
  };
  const std::vector<Row> rows = {{"Công an tỉnh", "2021-06-29", "s-1"},
                                 {"Sở Nội vụ", "(null)", "s-2-p2"},
                                 {"Sở Nội vụ", "2025-08-09", "s-2-p2"},
                                 {"Sở Nội vụ", "2025-09-15", "s-2-p2"}};
  REQUIRE(r.assignments.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO("assignment " << i);
    CHECK(r.assignments[i].assignee == rows[i].assignee);
    CHECK(opt(r.assignments[i].deadline) == rows[i].deadline);
    CHECK(opt(r.assignments[i].section) == rows[i].section);
  }
}

TEST_CASE("extract: the meeting date of a conclusion notice", "[ingest]") {
  CHECK(record("THÔNG BÁO\nKết luận Phiên họp\n\nNgày 31/7/2025, Ủy ban nhân dân tỉnh tổ chức Phiên họp thường kỳ.\n1. "
               "Dự thảo\n")
            .event_date == "2025-07-31");
  // The first date belongs to a cited programme; the inspection is the clause after it.
  CHECK(
      record(
          "THÔNG BÁO\nKết luận kiểm tra\n\nThực hiện Chương trình số 28/CTr-UBND ngày 27/3/2025 của UBND tỉnh về kiểm "
          "tra tình hình; ngày 21/4/2025, đồng chí Phó Chủ tịch đã tổ chức kiểm tra tại huyện Hữu Lũng.\n")
          .event_date == "2025-04-21");
  CHECK_FALSE(record("I. CÔNG TÁC CHỈ ĐẠO\nTrong tháng 8, UBND tỉnh chỉ đạo thực hiện Nghị quyết số 153/NQ-CP ngày "
                     "31/05/2025 của Chính phủ.\n")
                  .event_date.has_value());
}

TEST_CASE("extract: given metadata fills only what the text lacks, and only when asked", "[ingest]") {
  const nlohmann::json given = {{"title", "An ninh mạng"},
                                {"meta",
                                 {{"so_hieu", "24/2018/QH14"},
                                  {"loai_van_ban", "Luật"},
                                  {"co_quan_ban_hanh", "Quốc hội"},
                                  {"nguoi_ky", "Nguyễn Thị Kim Ngân"},
                                  {"ngay_ban_hanh", "2018-06-12"}}}};
  const std::string codified =
      "Chương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1.11.LQ.1. Phạm vi điều chỉnh\nLuật này quy định về an ninh mạng.\n";
  const DocRecord with = record(codified, true, given);
  CHECK(with.doc_number == "24/2018/QH14");
  CHECK(with.doc_number_key == "24/2018/QH14");
  CHECK(with.doc_type == "Luật");
  CHECK(with.issuer == "Quốc hội");
  CHECK(with.signer.name == "Nguyễn Thị Kim Ngân");
  CHECK(with.issue_date == "2018-06-12");
  CHECK(with.title == "An ninh mạng");
  CHECK(has_warning(with, "doc_number taken from the source metadata"));
  CHECK(with.sections.at(1).anchor == "dieu-1-11-lq-1");

  const DocRecord without = record(codified, false, given);
  CHECK_FALSE(without.doc_number.has_value());
  CHECK_FALSE(without.signer.name.has_value());
  CHECK(has_warning(without, "doc_number not found"));
  CHECK(has_warning(without, "issue_date not found"));

  // What the text says wins over the source's metadata.
  const DocRecord text_wins = record("Số: 25/2018/QH14\nHà Nội, ngày 12 tháng 6 năm 2018\n", true, given);
  CHECK(text_wins.doc_number == "25/2018/QH14");
  CHECK(text_wins.issue_date == "2018-06-12");
  CHECK_FALSE(has_warning(text_wins, "doc_number taken from the source metadata"));
}

namespace {

std::string source_of(const DocRecord& r, const std::string& field) {
  const auto it = r.field_sources.find(field);
  return it == r.field_sources.end() ? "(none)" : it->second;
}

}  // namespace

TEST_CASE("extract: a web copy's metadata table, in the three layouts portals use", "[ingest]") {
  struct Row {
    const char* name;
    std::string text;
    const char* number;
    const char* doc_type;
    const char* issuer;
    const char* signer;
    const char* issue_date;
    const char* effective_date;
    const char* status;
  };
  const std::vector<Row> rows = {
      // vn-legal "bao-ve-bi-mat-nha-nuoc": a codified page whose number is only in the table (issue 12).
      {"markdown table with bold labels",
       "## THÔNG TIN VĂN BẢN\n\n| Thuộc tính | Nội dung |\n|---|---|\n| **Số hiệu** | 117/2025/QH15 |\n"
       "| **Loại văn bản** | Luật |\n| **Nơi ban hành** | Quốc hội |\n| **Người ký** | Trần Thanh Mẫn |\n"
       "| **Ngày ban hành** | 10/12/2025 |\n| **Ngày hiệu lực** | 01/03/2026 |\n| **Trạng thái** | Chưa có hiệu lực |\n"
       "| **Nguồn** | [Cổng thông tin điện tử Chính phủ](https://vanban.chinhphu.vn/) |\n\n---\n\n## VĂN BẢN\n"
       "# Bảo vệ bí mật nhà nước\n\nChương I\n\nNHỮNG QUY ĐỊNH CHUNG\n",
       "117/2025/QH15", "Luật", "Quốc hội", "Trần Thanh Mẫn", "2025-12-10", "2026-03-01", "Chưa có hiệu lực"},
      // "can-bo-cong-chuc-vien-chuc/vien-chuc": rows without the closing bar, an empty signer cell.
      {"markdown table without closing bars",
       "## THÔNG TIN VĂN BẢN\n\n| Thuộc tính | Nội dung |\n|---|---|\n| **Số hiệu** | 52/2014/QH13\n"
       "| **Loại văn bản** | Luật\n| **Nơi ban hành** | Quốc hội\n| **Người ký** | \n| **Ngày ban hành** | 26/11/2014\n"
       "| **Ngày hiệu lực** | 01/01/2015\n| **Trạng thái** | Còn hiệu lực\n\n---\n\n## VĂN BẢN\n# Viên chức\n",
       "52/2014/QH13", "Luật", "Quốc hội", "(null)", "2014-11-26", "2015-01-01", "Còn hiệu lực"},
      // "giao-thong-van-tai/105-2026-tt-bca" (before its heading block), ranks and positions around the name.
      {"bold label lines",
       "THÔNG TIN VĂN BẢN\n\n**Số hiệu:** 105/2026/TT-BCA\n\n**Loại văn bản:** Thông tư\n\n**Ngày ban hành:** 26 "
       "tháng 6 năm 2026\n\n**Ngày hiệu lực:** 01 tháng 7 năm 2026\n\n**Nơi ban hành:** Bộ Công an\n\n"
       "**Người ký:** Đại tướng Lương Tam Quang (Bộ trưởng Bộ Công an)\n\n**Căn cứ pháp lý:**\n"
       "- Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15\n\n**Trích yếu:** Sửa đổi, bổ sung một số điều "
       "của Thông tư số 65/2024/TT-BCA\n\n---\n\n## VĂN BẢN\n",
       "105/2026/TT-BCA", "Thông tư", "Bộ Công an", "Lương Tam Quang", "2026-06-26", "2026-07-01", "(null)"},
      // "cong-nghiep/nghi-dinh-275-2026-...": a signer that is only a position names no one.
      {"bullet list",
       "THÔNG TIN VĂN BẢN\n\n- **Số hiệu:** 275/2026/NĐ-CP\n- **Loại văn bản:** Nghị định\n- **Ngày ban hành:** "
       "08/07/2026\n- **Ngày hiệu lực:** 25/08/2026\n- **Người ký:** Thủ tướng Chính phủ\n- **Cơ quan ban hành:** "
       "Chính phủ\n- **Nguồn:** vanban.chinhphu.vn (docid: 218835)\n\n## VĂN BẢN\n",
       "275/2026/NĐ-CP", "Nghị định", "Chính phủ", "(null)", "2026-07-08", "2026-08-25", "(null)"},
      {"placeholders say nothing",
       "## THÔNG TIN VĂN BẢN\n\n| Thuộc tính | Nội dung |\n|---|---|\n| **Số hiệu** | Đang cập nhật |\n"
       "| **Loại văn bản** | Đang cập nhật |\n| **Trạng thái** | Đang cập nhật |\n\n## VĂN BẢN\n# Hôn nhân và gia "
       "đình\n",
       "(null)", "(null)", "(null)", "(null)", "(null)", "(null)", "(null)"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const DocRecord r = record(row.text, false, nullptr, true);
    CHECK(opt(r.doc_number) == row.number);
    CHECK(opt(r.doc_type) == row.doc_type);
    CHECK(opt(r.issuer) == row.issuer);
    CHECK(opt(r.signer.name) == row.signer);
    CHECK(opt(r.issue_date) == row.issue_date);
    CHECK(opt(r.effective_date) == row.effective_date);
    CHECK(opt(r.stated_status) == row.status);
    for (const char* field : {"doc_number", "doc_type", "issuer", "issue_date", "effective_date"})
      if (r.field_sources.count(field)) CHECK(source_of(r, field) == "table");
    // Without the table the text alone says nothing of these.
    const DocRecord alone = record(row.text);
    CHECK_FALSE(alone.doc_number.has_value());
    CHECK_FALSE(alone.effective_date.has_value());
  }
}

TEST_CASE("extract: the heading block wins over the metadata table, and a disagreement is reported", "[ingest]") {
  // vn-legal 289/2026/NĐ-CP: the document prints 21 July, the site's table says 22 July.
  const DocRecord r = record(
      "## THÔNG TIN VĂN BẢN\n\n| Thuộc tính | Nội dung |\n|---|---|\n| **Số hiệu** | 289/2026/NĐ-CP |\n"
      "| **Ngày ban hành** | 22/07/2026 |\n| **Nơi ban hành** | Hà Nội |\n| **Người ký** | Lê Minh Hưng |\n\n"
      "## VĂN BẢN\n\nCHÍNH PHỦ\n\nSố: 289/2026/NĐ-CP\n\nHà Nội, ngày 21 tháng 7 năm 2026\n\nNGHỊ ĐỊNH\n"
      "Quy định chi tiết một số điều của Luật Thuế giá trị gia tăng\n",
      false, nullptr, true);
  CHECK(r.issue_date == "2026-07-21");
  CHECK(source_of(r, "issue_date") == "text");
  CHECK(source_of(r, "doc_number") == "text");
  CHECK(source_of(r, "title") == "text");
  CHECK(r.signer.name == "Lê Minh Hưng");
  CHECK(source_of(r, "signer.name") == "table");
  CHECK(r.place == "Hà Nội");  // "Nơi ban hành: Hà Nội" is a place; the text says so too
  CHECK(has_warning(r, "issue_date: the text says '2026-07-21', the metadata table '2026-07-22'"));
  CHECK_FALSE(has_warning(r, "doc_number: the text says '289/2026/NĐ-CP', the metadata table '289/2026/NĐ-CP'"));
}

TEST_CASE("extract: where each field came from: text, inference, table, source metadata, sidecar", "[ingest]") {
  const nlohmann::json given = {{"meta", {{"nguoi_ky", "Nguyễn Thị Kim Ngân"}, {"ngay_hieu_luc", "2019-01-01"}}}};
  RawDoc raw;
  raw.id = "t";
  raw.format = "jsonl";
  raw.pages = {
      "THÔNG TIN VĂN BẢN\n\n**Loại văn bản:** Luật\n**Ngày ban hành:** 12 tháng 6 năm 2018\n\n## VĂN "
      "BẢN\n\nLuật số: 24/2018/QH14\n\nLUẬT\nAN NINH MẠNG\n\nCăn cứ Hiến pháp;\nChương I\n"};
  raw.given = given;
  raw.overrides = {{"issuer", "Quốc hội"}};
  auto r = Extractor().extract(raw);
  REQUIRE(r.has_value());
  CHECK(source_of(*r, "doc_number") == "text");
  CHECK(source_of(*r, "doc_type") == "text");
  CHECK(source_of(*r, "issue_date") == "table");
  CHECK(source_of(*r, "signer.name") == "given");
  CHECK(source_of(*r, "effective_date") == "given");
  CHECK(source_of(*r, "issuer") == "sidecar");
  CHECK(source_of(*r, "place") == "(none)");
  // A type read from the number code is an inference.
  CHECK(source_of(record("Số: 129/CĐ-TTg\nHà Nội, ngày 07 tháng 8 năm 2025\n"), "doc_type") == "inferred");
}

TEST_CASE("extract: the document's own effective-date clause", "[ingest]") {
  const std::string head =
      "CHÍNH PHỦ\nSố: 85/2026/NĐ-CP\nHà Nội, ngày 25 tháng 3 năm 2026\nNGHỊ ĐỊNH\nVề quỹ hưu trí\n";
  struct Row {
    const char* name;
    std::string text;
    const char* effective;
    const char* expiry;
  };
  const std::vector<Row> rows = {
      {"a date, and the document it replaces after it",
       head + "Điều 44. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành từ ngày 10 tháng 5 năm 2026 và thay "
              "thế Nghị định số 88/2016/NĐ-CP ngày 01 tháng 7 năm 2016 của Chính phủ.\n",
       "2026-05-10", "(null)"},
      {"from the day it is signed: the issue date",
       head + "Điều 53. Điều khoản thi hành\n1. Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành.\n",
       "2026-03-25", "(null)"},
      {"a part of it with its own date is not the document's date",
       head + "Điều 111. Hiệu lực thi hành\n1. Điều 11 và 12 của Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 "
              "năm 2026.\n2. Nghị định này có hiệu lực thi hành kể từ ngày ký.\n",
       "2026-03-25", "(null)"},
      {"a temporary text, with its end",
       head + "Điều 5. Nghị định này có hiệu lực từ ngày 15 tháng 8 năm 2026 đến hết ngày 28 tháng 02 năm 2027.\n",
       "2026-08-15", "2027-02-28"},
      {"the day of publication in Công báo is not known",
       head + "Điều 9. Nghị định này có hiệu lực thi hành sau 15 ngày, kể từ ngày đăng Công báo.\n", "(null)",
       "(null)"},
      {"the bare type opening its own article's clause (91/2026/NĐ-CP)",
       head + "Điều 13. Hiệu lực thi hành\n1. Nghị định có hiệu lực thi hành từ ngày ký ban hành (30/03/2026).\n",
       "2026-03-25", "(null)"},
      {"another document named by its number is not the bare type",
       head + "Điều 13. Hiệu lực thi hành\n1. Nghị định số 12/2020/NĐ-CP có hiệu lực thi hành từ ngày 01 tháng 7 năm "
              "2020.\n",
       "(null)", "(null)"},
      {"a number of days after signing",
       head + "Điều 9. Nghị định này có hiệu lực thi hành sau 45 ngày, kể từ ngày ký.\n", "2026-05-09", "(null)"},
      {"before it takes effect: a transitional clause, not a date",
       head + "Điều 45. Đối với hồ sơ đã nộp trước ngày Nghị định này có hiệu lực thi hành thì tiếp tục thực hiện.\n",
       "(null)", "(null)"},
      // A codified page quotes the clause of each source it holds: none is its own.
      {"no heading block, no own clause",
       "Điều 1.2.LQ.1. Phạm vi điều chỉnh\n(Điều 1 Luật số 29/2018/QH14 Luật Bảo vệ bí mật nhà nước ngày 15/11/2018 "
       "của Quốc hội, có hiệu lực thi hành kể từ ngày 01/07/2020)\nLuật này có hiệu lực thi hành từ ngày 01 tháng 7 "
       "năm 2020.\n",
       "(null)", "(null)"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const DocRecord r = record(row.text);
    CHECK(opt(r.effective_date) == row.effective);
    CHECK(opt(r.expiry_date) == row.expiry);
    if (r.effective_date) CHECK(source_of(r, "effective_date") == "text");
  }
}

TEST_CASE("extract: a title for documents without a heading block", "[ingest]") {
  struct Row {
    const char* name;
    std::string text;
    const char* title;
  };
  const std::vector<Row> rows = {
      // Sample 001: conclusions of a meeting, the text starts at the opening sentence.
      {"the meeting the opening reports",
       "Ngày 05/8/2025, Ủy ban nhân dân tỉnh (UBND tỉnh) tổ chức Phiên họp thường kỳ tháng 7 năm 2025 (Phiên họp thứ "
       "hai) do đồng chí Hồ Tiến Thiệu, Chủ tịch UBND tỉnh chủ trì; dự họp có các Thành viên UBND tỉnh.\nSau khi nghe "
       "lãnh đạo các cơ quan báo cáo, UBND tỉnh thống nhất kết luận như sau:\n1. Về việc tham mưu, đề xuất (Sở Tài "
       "chính trình)\n",
       "Kết luận Phiên họp thường kỳ tháng 7 năm 2025 (Phiên họp thứ hai) của Ủy ban nhân dân tỉnh"},
      // Sample 002: a monthly report that starts at part I.
      {"the subjects of a report's parts",
       "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\nTrong tháng 8, UBND tỉnh tiếp tục chỉ đạo.\nII. TÌNH HÌNH KINH TẾ - XÃ HỘI "
       "THÁNG 8 VÀ 8 THÁNG NĂM 2025\n1. Sản xuất nông nghiệp\nIII. NHIỆM VỤ TRỌNG TÂM THÁNG 9 NĂM 2025\n",
       "Công tác chỉ đạo, điều hành; tình hình kinh tế - xã hội tháng 8 và 8 tháng năm 2025; nhiệm vụ trọng tâm tháng "
       "9 "
       "năm 2025"},
      {"else the first sentence",
       "Trong tháng 8, UBND tỉnh tiếp tục chỉ đạo thực hiện đồng bộ các Nghị quyết của Chính phủ. Kết quả đạt được.\n",
       "Trong tháng 8, UBND tỉnh tiếp tục chỉ đạo thực hiện đồng bộ các Nghị quyết của Chính phủ"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const DocRecord r = record(row.text);
    CHECK(opt(r.title) == row.title);
    CHECK(source_of(r, "title") == "inferred");
    CHECK(has_warning(r, "title derived from the opening (no heading block)"));
  }
  // A heading block's trích yếu is never replaced.
  CHECK(source_of(record("THÔNG BÁO\nKết luận Phiên họp\n\nNgày 31/7/2025, Ủy ban nhân dân tỉnh tổ chức Phiên họp "
                         "thường kỳ.\n"),
                  "title") == "text");
}

namespace {

// "key type[ by X][ [scope]][ @date]" for every relation of every citation, joined by "; ".
std::string relations_of(const DocRecord& r) {
  std::string out;
  for (const auto& c : r.citations)
    for (const auto& rel : c.relations) {
      if (!out.empty()) out += "; ";
      out += c.key + " " + rel.type;
      if (rel.by) out += " by " + *rel.by;
      if (rel.scope) out += " [" + *rel.scope + "]";
      if (rel.effective_date) out += " @" + *rel.effective_date;
    }
  return out;
}

}  // namespace

TEST_CASE("extract: what each citation means (căn cứ, sửa đổi, thay thế, bãi bỏ, quy định chi tiết, thực hiện)",
          "[ingest]") {
  const std::string decree =
      "CHÍNH PHỦ\nSố: 85/2026/NĐ-CP\nHà Nội, ngày 25 tháng 3 năm 2026\nNGHỊ ĐỊNH\nVề quỹ hưu trí\n";
  const std::string circular =
      "BỘ CÔNG AN\nSố: 29/2026/TT-BCA\nHà Nội, ngày 02 tháng 4 năm 2026\nTHÔNG TƯ\nVề quỹ phòng, chống tội phạm\n";
  struct Row {
    const char* name;
    std::string text;
    const char* relations;
  };
  // Sentences of 291/2026/NĐ-CP, 85/2026/NĐ-CP, 29/2026/TT-BCA, 278/2026/NĐ-CP and of vn-legal's codified pages.
  const std::vector<Row> rows = {
      {"the recitals, and the amendments they report",
       decree + "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\nCăn cứ Luật Xử lý vi phạm hành chính số "
                "15/2012/QH13 được sửa đổi, bổ sung bởi Luật số 67/2020/QH14 và Luật số 88/2025/QH15;\n",
       "63/2025/QH15 basis; 15/2012/QH13 amends by 67/2020/QH14; 15/2012/QH13 amends by 88/2025/QH15; "
       "15/2012/QH13 basis; 67/2020/QH14 basis; 88/2025/QH15 basis"},
      {"replaces, from the date of the same clause",
       decree + "Điều 44. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành từ ngày 10 tháng 5 năm 2026 và thay "
                "thế Nghị định số 88/2016/NĐ-CP ngày 01 tháng 7 năm 2016 của Chính phủ.\n",
       "88/2016/ND-CP replaces @2026-05-10"},
      {"replaces a part",
       decree + "Điều 3. Nghị định này thay thế một phần các quy định tại Nghị định số 125/2020/NĐ-CP.\n",
       "125/2020/ND-CP replaces [một phần]"},
      {"the title of an amending decree",
       "CHÍNH PHỦ\nSố: 291/2026/NĐ-CP\nHà Nội, ngày 21 tháng 7 năm 2026\nNGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều "
       "của Nghị định số 125/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định xử phạt vi phạm hành chính "
       "về thuế, hóa đơn\n",
       "125/2020/ND-CP amends"},
      {"a part amended, the text following",
       decree + "Điều 1. Điểm a và điểm b khoản 1 Điều 5 của Nghị định số 72/2025/NĐ-CP được sửa đổi, bổ sung như "
                "sau:\n",
       "72/2025/ND-CP amends [Điểm a và điểm b khoản 1 Điều 5]"},
      {"repeals", decree + "Điều 45. Bãi bỏ Thông tư số 116/2014/TT-BTC ngày 20 tháng 8 năm 2014 của Bộ Tài chính.\n",
       "116/2014/TT-BTC repeals"},
      {"a lead-in with OCR's strays after its colon (237/2026/NĐ-CP)",
       decree + "Điều 27. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.\n3. Kể "
                "từ ngày Nghị định này có hiệu lực thi hành, các văn bản và quy định sau đây hết hiệu lực thi hành: : "
                "|\n4) Nghị định 08/2017/NĐ-CP ngày 08 tháng 02 năm 2017 của Chính phủ quy định về lưu chiểu điện tử;"
                "\nb) Điểm g khoản 6 Điều 24 Nghị định số 147/2024/NĐ-CP ngày 09 tháng 9 năm 2024 của Chính phủ.\n",
       "8/2017/ND-CP repeals @2026-07-01; 147/2024/ND-CP repeals [Điểm g khoản 6 Điều 24] @2026-07-01"},
      {"a clause cut short after 'kể từ ngày Nghị định' (a page break of 273/2026/NĐ-CP): the own date",
       decree + "Điều 22. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành kể từ ngày 21 tháng 8 năm 2026.\n2. "
                "Nghị định số 100/2020/NĐ-CP ngày 28 tháng 8 năm 2020 của Chính phủ hết hiệu lực thi hành kể từ ngày "
                "Nghị định\n3. Thay thế biểu mẫu tại Phụ lục III Nghị định số 181/2025/NĐ-CP.\n",
       "100/2020/ND-CP repeals @2026-08-21; 181/2025/ND-CP replaces [Phụ lục III]"},
      {"ends another's force from the day this one takes effect",
       decree + "Điều 46. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026. Nghị định số 30/2020/NĐ-CP "
                "hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành.\n",
       "30/2020/ND-CP repeals @2026-07-01"},
      {"details",
       circular + "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định chi tiết điểm c khoản 1 Điều 6 của Quyết định số "
                  "07/2026/QĐ-TTg.\n",
       "7/2026/QD-TTG details [điểm c khoản 1 Điều 6]"},
      {"implements",
       circular +
           "Điều 2. Thực hiện Nghị định số 96/2016/NĐ-CP của Chính phủ quy định điều kiện về an ninh, trật tự.\n",
       "96/2016/ND-CP implements"},
      {"done as a text says: a mention", decree + "Điều 7. Hồ sơ thực hiện theo mẫu tại Nghị định số 96/2016/NĐ-CP.\n",
       ""},
      // Lead-ins that decide on something, rules that cite, OCR: vn-legal's codified pages, 97/2026/TT-BTC,
      // 281/2026/NĐ-CP, 70/2026/TT-BTC and samples 000 and 004.
      {"'Căn cứ vào' a rule's inputs",
       decree + "Căn cứ vào nhiệm vụ được giao và khả năng nguồn tài chính, đơn vị sự nghiệp công được tự chủ quyết "
                "định các nội dung chi như sau:\na) Trong thời gian Chính phủ chưa ban hành chế độ tiền lương theo "
                "Nghị quyết số 27-NQ/TW ngày 21 tháng 5 năm 2018, đơn vị áp dụng chế độ tiền lương theo mức lương cơ "
                "sở;\n",
       ""},
      {"a bare 'Căn cứ:' over a bulleted list",
       decree + "Căn cứ:\n- Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;\n- Nghị định số 29/2026/NĐ-CP "
                "của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tài chính;\n",
       "64/2025/QH15 basis; 29/2026/ND-CP basis"},
      {"something else completed as a text says (sample 004)",
       std::string("UBND TỈNH LẠNG SƠN\nSố: 123/TB-UBND\nLạng Sơn, ngày 04 tháng 8 năm 2025\nTHÔNG BÁO\nKết luận\n") +
           "- Cho phép UBND các huyện lập quy hoạch với thành phần hồ sơ quy định tại Thông tư số 29/2014/TT-BTNMT "
           "ngày 02/6/2014 nhưng đồng thời phải bổ sung, hoàn thiện các thành phần hồ sơ còn thiếu theo quy định tại "
           "Thông tư số 01/2021/TT-BTNMT ngày 12/4/2021.\n",
       ""},
      {"a licence amended as a decree says (vn-legal's codified 'Năng lượng nguyên tử')",
       decree + "Sửa đổi Giấy phép theo quy định tại điểm e khoản 1 Điều 31 Nghị định số 142/2020/NĐ-CP là việc hợp "
                "nhất nhiều Giấy phép còn hiệu lực.\n",
       ""},
      {"'căn cứ' inside a rule is no recital (vn-legal's 211/2026/NĐ-CP, 70/2026/TT-BTC)",
       decree + "Điều 5. Việc xác định hành vi vi phạm hành chính đang thực hiện được xác định căn cứ quy định tại "
                "khoản 1 Điều 8 Nghị định số 118/2021/NĐ-CP ngày 23 tháng 12 năm 2021 của Chính phủ.\n",
       ""},
      {"a recital run into the title keeps its capital (281/2026/NĐ-CP)",
       std::string("CHÍNH PHỦ\nSố: 281/2026/NĐ-CP Hà Nội, ngày 13 tháng 7 năm 2026\nNGHỊ ĐỊNH\nSửa đổi, bổ sung một "
                   "số điều của Nghị định số 123/2024/NĐ-CP quy định về xử phạt vi phạm hành chính trong lĩnh vực đất "
                   "đai Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n"),
       "123/2024/ND-CP amends; 63/2025/QH15 basis"},
      {"a passive amendment whose marks OCR damaged (70/2026/TT-BTC)",
       decree + "Điều 9. Nguyên giá theo quy định tại Điều 9 Nghị định số 44/2024/NĐ-CP, được sửa đỏi, bổ sung tại "
                "Điều 22 Nghị định số 99/2026/NĐ-CP.\n",
       "44/2024/ND-CP amends by 99/2026/ND-CP [Điều 9]"},
      {"'Thực hiện nhiệm vụ được giao': the task, not the resolution named later",
       std::string("UBND TỈNH LẠNG SƠN\nSố: 399/TB-UBND\nLạng Sơn, ngày 04 tháng 8 năm 2025\nTHÔNG BÁO\nKết luận\n") +
           "Thực hiện nhiệm vụ được giao, Sở Khoa học và Công nghệ đã xây dựng hồ sơ dự thảo Báo cáo tổng kết Nghị "
           "quyết số 49-NQ/TU; đề nghị lưu ý một số nội dung sau:\n(2) Báo cáo cần chỉ ra cụ thể việc thực hiện "
           "Nghị quyết số 49-NQ/TU sau 05 năm.\n",
       ""},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(relations_of(record(row.text)) == row.relations);
  }
}

TEST_CASE("extract: a number near a relation word that is not acted on", "[ingest]") {
  const std::string decree =
      "CHÍNH PHỦ\nSố: 162/2026/NĐ-CP\nHà Nội, ngày 15 tháng 5 năm 2026\nNGHỊ ĐỊNH\nĐiều chỉnh lương hưu\n";
  const std::string circular =
      "BỘ TÀI CHÍNH\nSố: 91/2026/TT-BTC\nHà Nội, ngày 30 tháng 6 năm 2026\nTHÔNG TƯ\nVề hóa đơn điện tử\n";
  struct Row {
    const char* name;
    std::string text;
    const char* relations;
  };
  // Sentences of vn-legal's 91/2026/TT-BTC, 162/2026/NĐ-CP, 14/2026/TT-BNV, 147/2026/NĐ-CP and 89/2026/TT-BTC
  // that made 254/2026/NĐ-CP, 161/2026/NĐ-CP, 162/2026/NĐ-CP, 29/2026/QH16 and 18/2026/TT-BTC "hết hiệu lực",
  // and of 200/2026/NĐ-CP, whose item was taken as implementing 155/2020/NĐ-CP.
  const std::vector<Row> rows = {
      {"an item far from its lead-in's act, with a rule of its own",
       circular +
           "b.2) Người bán lập hóa đơn điện tử mới thay thế cho hóa đơn điện tử lập sai:\n"
           "e) Trường hợp dữ liệu hóa đơn điện tử tại Bảng tổng hợp dữ liệu hóa đơn điện tử đã gửi cơ quan "
           "thuế thiếu hoặc sai thì người bán gửi Bảng tổng hợp dữ liệu hóa đơn điện tử bổ sung. Việc điều "
           "chỉnh dữ liệu hóa đơn trên Bảng tổng hợp dữ liệu hóa đơn điện tử phải điền đủ các thông tin: ký "
           "hiệu mẫu số hóa đơn, ký hiệu hóa đơn đối với trường hợp điều chỉnh dữ liệu hóa đơn (trừ trường hợp "
           "hóa đơn điện tử không nhất thiết phải có đầy đủ các thông tin theo quy định tại điểm 9 Phụ lục kèm "
           "theo Nghị định số 254/2026/NĐ-CP và hóa đơn điều chỉnh hoặc thay thế thuộc trường hợp lập bảng kê)\n",
       ""},
      {"items labelled under a mixed heading",
       decree + "Văn bản thay thế / liên quan\n- Thay thế: Nghị định số 75/2024/NĐ-CP ngày 30/6/2024 điều chỉnh lương "
                "hưu, trợ cấp bảo hiểm xã hội và trợ cấp hằng tháng.\n- Văn bản cùng ngày 15/5/2026: Nghị định số "
                "161/2026/NĐ-CP quy định mức lương cơ sở 2.530.000 đồng/tháng (cùng có hiệu lực từ 01/7/2026).\n",
       "75/2024/ND-CP replaces"},
      {"a second number after the object, not in a list (the first ends: 'đã hết hiệu lực' reads as a repeal)",
       decree + "Điều 9. Thay thế Thông tư 06/2023/TT-BLĐTBXH — văn bản đã hết hiệu lực đồng thời với việc Nghị "
                "định 162/2026/NĐ-CP có hiệu lực.\n",
       "6/2023/TT-BLDTBXH repeals"},
      {"an item that applies a rule of another under a lead-in 'thực hiện như sau:' (200/2026/NĐ-CP)",
       decree + "2. Việc xác định tư cách nhà đầu tư chứng khoán chuyên nghiệp tham gia mua, giao dịch, chuyển "
                "nhượng trái phiếu doanh nghiệp riêng lẻ thực hiện như sau:\na) Nhà đầu tư chứng khoán chuyên nghiệp "
                "được xác định theo quy định tại Điều 5 Nghị định số 155/2020/NĐ-CP, ngoại trừ quy định tại điểm b "
                "khoản này;\n",
       ""},
      {"in force until another ends: an event",
       decree + "Điều 13. Nghị định này có hiệu lực thi hành từ 07/5/2026 đến hết ngày các quy định tại NQ "
                "29/2026/QH16 hết hiệu lực.\n",
       ""},
      // Sample 003's tasks: a clause implements a text only when it opens with the act ("Tiếp tục triển khai",
      // "Để thực hiện") and the text is what is carried out.
      {"a task carrying out a resolution is not the document's act",
       decree + "- Chú trọng rà soát, bố trí ngân sách triển khai hiệu quả Nghị quyết số 28/2023/NQ-HĐND ngày "
                "08/12/2023 của HĐND tỉnh.\n",
       ""},
      {"a task assigned to a department",
       decree + "3. Giao Sở Tài chính triển khai thực hiện Quyết định số 24/2023/QĐ-UBND ngày 10/5/2023.\n", ""},
      {"programmes about a resolution are what is carried out",
       decree + "- Tiếp tục triển khai các chương trình, kế hoạch của tỉnh về thực hiện Nghị quyết số 39-NQ/TW ngày "
                "15/01/2019 của Bộ Chính trị.\n",
       ""},
      {"opening with the act: implements",
       decree + "- Tiếp tục đẩy mạnh triển khai hiệu quả Nghị quyết số 49-NQ/TU ngày 20/6/2025.\n2. Để triển khai thực "
                "hiện Kết luận số 12-KL/TW, các sở thực hiện như sau.\n",
       "49/NQ-TU implements; 12/KL-TW implements"},
      // Sentences of 003, 105/2026/TT-BCA, 273/2026/NĐ-CP, 237/2026/NĐ-CP, 46/2026/NĐ-CP, 70/2026/TT-BTC and
      // 85/2026/NĐ-CP, each once read as an act of the document on a number it only mentions.
      {"a list's lead-in that carries out tasks, not texts",
       decree + "Tập trung thực hiện tốt các nhóm nhiệm vụ sau:\n- Tiếp tục triển khai các chương trình, kế hoạch "
                "của tỉnh về thực Nghị quyết số 39-NQ/TW ngày 15/01/2019 của Bộ Chính trị.\n",
       ""},
      {"a lead-in carrying out documents: each item implements",
       decree + "Triển khai thực hiện các văn bản sau:\n- Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.\n",
       "57/NQ-TW implements"},
      {"a heading with 'thực hiện' is no lead-in",
       decree + "Điều 1. Điều kiện thực hiện thêm loại hình báo chí\na) Có đủ các điều kiện tại khoản 3 Điều 17 của "
                "Luật số 126/2025/QH15.\n",
       ""},
      {"an item stating an act of its own does not take its lead-in's",
       decree +
           "Triển khai thực hiện các văn bản sau:\na) Thực hiện hoạt động liên kết sản xuất chuyên mục, ấn phẩm, phụ "
           "trương thuộc các lĩnh vực được quy định tại khoản 2 Điều 23 Luật số 126/2025/QH15.\n",
       ""},
      {"provisions kept in force: 'được tiếp tục thực hiện' reports, it does not implement",
       circular + "3. Kết quả kiểm tra quy định tại các điểm, khoản sau đây được tiếp tục thực hiện đến hết ngày 30 "
                  "tháng 6 năm 2027; cụ thể:\na) Điểm a khoản 2; khoản 3 Điều 6 Thông tư số 65/2024/TT-BCA.\n",
       ""},
      {"a procedure done as a decree says",
       decree + "1. Thủ tục tái xuất: thực hiện thủ tục theo quy định tại Nghị định số 08/2015/NĐ-CP ngày 21 tháng "
                "01 năm 2015 của Chính phủ.\n",
       ""},
      {"the agent of a reported amendment is not repealed with the part it amended",
       decree + "3. Bãi bỏ các quy định tại:\na) Khoản 1 Điều 24b Nghị định số 77/2016/NĐ-CP ngày 01 tháng 7 năm 2016 "
                "của Chính phủ được bổ sung tại Điều 13 Nghị định số 17/2020/NĐ-CP ngày 05 tháng 02 năm 2020 của "
                "Chính phủ;\n",
       "77/2016/ND-CP amends by 17/2020/ND-CP [Khoản 1 Điều 24b]; 77/2016/ND-CP repeals [Khoản 1 Điều 24b]"},
      {"every agent of a reported amendment, not only the first",
       decree + "Điều 2. Bãi bỏ các quy định sau:\na) Điểm i khoản 1 Điều 28 của Luật Xử lý vi phạm hành chính số "
                "15/2012/QH13 được sửa đổi, bổ sung bởi Luật số 67/2020/QH14 và Luật số 88/2025/QH15;\n",
       "15/2012/QH13 amends by 67/2020/QH14 [Điểm i khoản 1 Điều 28]; 15/2012/QH13 amends by 88/2025/QH15 [Điểm i "
       "khoản 1 Điều 28]; 15/2012/QH13 repeals [Điểm i khoản 1 Điều 28]"},
      {"'bổ sung' inside 'được sửa đổi, bổ sung' is passive",
       circular + "2. Cơ quan quản lý đường bộ quy định tại khoản 2 Điều 2 Nghị định số 44/2024/NĐ-CP, được sửa đổi, "
                  "bổ sung tại Điều 1 Nghị định số 99/2026/NĐ-CP, gồm: cơ quan quản lý đường bộ ở trung ương.\n",
       "44/2024/ND-CP amends by 99/2026/ND-CP [khoản 2 Điều 2]"},
      {"the document names itself acting: its own act",
       decree + "Điều 1. Nghị định số 162/2026/NĐ-CP sửa đổi, bổ sung Nghị định số 12/2020/NĐ-CP ngày 10 tháng 1 năm "
                "2020 của Chính phủ.\n",
       "12/2020/ND-CP amends"},
      {"a short name given is no act",
       decree + "Điều 44. Nghị định này thay thế Nghị định số 88/2016/NĐ-CP ngày 01 tháng 7 năm 2016 của Chính phủ "
                "về chương trình hưu trí bổ sung tự nguyện (sau đây gọi tắt là Nghị định số 88/2016/NĐ- .›\n",
       "88/2016/ND-CP replaces"},
      {"forms replaced: a part, and the forms' numbers are no documents",
       circular + "5. Thông tư này thay thế mẫu số 01/TCKT, mẫu số 01/BK-KTHTKD kèm theo Thông tư số 18/2026/TT-BTC "
                  "bằng mẫu số 01/TCKT, mẫu số 01/BK-KTHTKD Phụ lục I ban hành kèm theo Thông tư này.\n",
       "18/2026/TT-BTC replaces [một phần]"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(relations_of(record(row.text)) == row.relations);
  }
}

TEST_CASE("extract: the metadata table's relation rows are relations only when the table is read", "[ingest]") {
  const std::string text =
      "THÔNG TIN VĂN BẢN\n| **Số hiệu** | 97/2026/TT-BTC |\n| **Văn bản bị bãi bỏ** | Thông tư số 55/2010/TT-BTC "
      "ngày 16/04/2010 |\n| **Căn cứ pháp lý** | Luật Quản lý thuế số 38/2019/QH14 |\n\nBỘ TÀI CHÍNH\nSố: "
      "97/2026/TT-BTC\nHà Nội, ngày 12 tháng 5 năm 2026\nTHÔNG TƯ\nHướng dẫn quản lý thuế\n";
  CHECK(relations_of(record(text)) == "");
  CHECK(relations_of(record(text, false, nullptr, true)) == "55/2010/TT-BTC repeals; 38/2019/QH14 basis");
}

TEST_CASE("extract: 'từ ngày ký' of a web copy without its header takes the source metadata's issue date", "[ingest]") {
  // vn-legal's 91/2026/NĐ-CP: the page lost the "Hà Nội, ngày ..." line; its metadata gives the day.
  const std::string text =
      "NGHỊ ĐỊNH\nQuy định chi tiết một số điều của Luật Giáo dục đại học\nĐiều 13. Hiệu lực thi hành\n1. Nghị "
      "định có hiệu lực thi hành từ ngày ký ban hành.\n2. Nghị định số 141/2013/NĐ-CP hết hiệu lực thi hành kể từ "
      "ngày Nghị định này có hiệu lực.\n";
  const nlohmann::json given = {{"ngay_ban_hanh", "30/03/2026"}, {"loai_van_ban", "Nghị định"}};
  CHECK(relations_of(record(text)) == "141/2013/ND-CP repeals");
  const DocRecord r = record(text, true, given);
  CHECK(opt(r.effective_date) == "2026-03-30");
  CHECK(relations_of(r) == "141/2013/ND-CP repeals @2026-03-30");
}

TEST_CASE("extract: a web copy's 'Căn cứ pháp luật' heading lists the bases, numbered or bulleted", "[ingest]") {
  // vn-legal's 91/2026/NĐ-CP and 45/2026/TT-BGDĐT: the recitals as a list under a heading of their own, after
  // the metadata table; the table's "Thay thế" row is a relation only when the table is read.
  const std::string numbered =
      "# Nghị định 91/2026/NĐ-CP\n\n**Quy định chi tiết một số điều của Luật Giáo dục đại học**\n\n---\n\n## Thông "
      "tin chung\n\n| Thông tin | Chi tiết |\n|---|---|\n| **Số hiệu** | 91/2026/NĐ-CP |\n| **Loại văn bản** | Nghị "
      "định |\n| **Thay thế** | Nghị định 141/2013/NĐ-CP; Điều 104, 105 Nghị định 125/2024/NĐ-CP |\n\n---\n\n## Căn "
      "cứ pháp luật\n\n1. Luật Tổ chức Chính phủ số 63/2025/QH15\n2. Luật Giáo dục số 43/2019/QH14 (sửa đổi bởi Luật "
      "123/2025/QH15)\n\n---\n\n## Nội dung chi tiết\n\n### Điều 1. Phạm vi điều chỉnh\n\nNghị định quy định chi "
      "tiết một số điều của Luật Giáo dục đại học.\n";
  const std::string bulleted =
      "## Thông tin văn bản\n\n| Thông tin | Chi tiết |\n|-----------|----------|\n| Số ký hiệu | 45/2026/TT-BGDĐT "
      "|\n| Trích yếu | Sửa đổi, bổ sung một số điều của Thông tư số 15/2025/TT-BGDĐT |\n| Lĩnh vực | Giáo dục - Đào "
      "tạo |\n\n## Căn cứ pháp luật\n\n- Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n- Nghị định số "
      "150/2025/NĐ-CP ngày 12/6/2025 của Chính phủ quy định tổ chức các cơ quan chuyên môn được sửa đổi, bổ sung "
      "bởi Nghị định số 370/2025/NĐ-CP ngày 31/12/2025 của Chính phủ;\n\nTheo đề nghị của Vụ trưởng Vụ Tổ chức cán "
      "bộ, Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư.\n";
  CHECK(relations_of(record(numbered)) ==
        "63/2025/QH15 basis; 43/2019/QH14 amends by 123/2025/QH15; 43/2019/QH14 basis; 123/2025/QH15 basis");
  CHECK(relations_of(record(numbered, false, nullptr, true)) ==
        "141/2013/ND-CP replaces; 125/2024/ND-CP replaces; 63/2025/QH15 basis; 43/2019/QH14 amends by "
        "123/2025/QH15; 43/2019/QH14 basis; 123/2025/QH15 basis");
  CHECK(relations_of(record(bulleted)) ==
        "72/2025/QH15 basis; 150/2025/ND-CP amends by 370/2025/ND-CP; 150/2025/ND-CP basis; 370/2025/ND-CP basis");
}
