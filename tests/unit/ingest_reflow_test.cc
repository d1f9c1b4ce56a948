// Reflow: hard-wrapped, double-spaced, markdown and paged inputs become one line per block.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indexer/ingest/reflow.h"
#include "tests/unit/ingest_test_files.h"

using tracuu::indexer::BlockKind;
using tracuu::indexer::reflow;

namespace {

// A hard-wrapped paragraph as PDF-to-text exports print it: every line followed by a blank line.
std::string double_spaced(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + " \n\n";
  return out;
}

const std::vector<std::string> kWrapped = {
    "Ngày 31/7/2025, Ủy ban nhân dân tỉnh (UBND tỉnh) tổ chức Phiên họp",
    "thường kỳ tháng 7 năm 2025 (Phiên họp thứ nhất); đồng chí Hồ Tiến Thiệu, Chủ",
    "tịch UBND tỉnh chủ trì; dự họp có các Thành viên UBND tỉnh, đại diện Lãnh",
    "đạo các cơ quan: HĐND tỉnh, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các Ban",
    "HĐND tỉnh, Văn phòng Đoàn ĐBQH và HĐND tỉnh, Văn phòng UBND tỉnh.",
    "1. Dự thảo Báo cáo tổng kết 05 năm thực hiện Nghị quyết số 49-",
    "NQ/TU, ngày 28/9/2021 của Ban Thường vụ Tỉnh ủy về chuyển đổi số tỉnh",
    "Lạng Sơn đến năm 2025, định hướng đến năm 2030 (Sở Khoa học và Công",
    "nghệ trình).",
    "Rà soát, bổ sung đầy đủ tại Phụ lục I các văn bản lãnh đạo, chỉ đạo, điều",
    "hành của Tỉnh ủy trong triển khai công tác chuyển đổi số (KT-",
    "XH) khi triển khai thực hiện Nghị quyết số 57-",
    "NQ/TW của Bộ Chính trị, giai đoạn 2027–",
    "2030, kinh tế -",
    "xã hội.",
    "- Bổ sung nội dung hoàn thành Đồ án Quy hoạch chung Khu công nghiệp",
    "- đô thị - dịch vụ Hữu Lũng, tỉnh Lạng Sơn đến năm 2045.",
    "- Bổ sung nội dung tham mưu Tỉnh ủy tổ chức Hội thảo sơ kết tình hình.",
};

}  // namespace

TEST_CASE("reflow: lines become blocks", "[ingest]") {
  struct Row {
    const char* name;
    std::string input;
    std::string expected;  // blocks, one per line
  };
  const std::vector<Row> rows = {
      {"double-spaced export: wrapped lines join, items and bullets stay, split numbers rejoin",
       double_spaced(kWrapped),
       "Ngày 31/7/2025, Ủy ban nhân dân tỉnh (UBND tỉnh) tổ chức Phiên họp thường kỳ tháng 7 năm 2025 (Phiên họp thứ "
       "nhất); đồng chí Hồ Tiến Thiệu, Chủ tịch UBND tỉnh chủ trì; dự họp có các Thành viên UBND tỉnh, đại diện Lãnh "
       "đạo các cơ quan: HĐND tỉnh, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các Ban HĐND tỉnh, Văn phòng Đoàn ĐBQH và "
       "HĐND tỉnh, Văn phòng UBND tỉnh.\n"
       "1. Dự thảo Báo cáo tổng kết 05 năm thực hiện Nghị quyết số 49-NQ/TU, ngày 28/9/2021 của Ban Thường vụ Tỉnh ủy "
       "về chuyển đổi số tỉnh Lạng Sơn đến năm 2025, định hướng đến năm 2030 (Sở Khoa học và Công nghệ trình).\n"
       "Rà soát, bổ sung đầy đủ tại Phụ lục I các văn bản lãnh đạo, chỉ đạo, điều hành của Tỉnh ủy trong triển khai "
       "công tác chuyển đổi số (KT-XH) khi triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị, giai đoạn "
       "2027–2030, kinh tế - xã hội.\n"
       "- Bổ sung nội dung hoàn thành Đồ án Quy hoạch chung Khu công nghiệp - đô thị - dịch vụ Hữu Lũng, tỉnh Lạng Sơn "
       "đến năm 2045.\n"
       "- Bổ sung nội dung tham mưu Tỉnh ủy tổ chức Hội thảo sơ kết tình hình."},
      // Sample 004: markdown emphasis, a title over two lines, long unwrapped paragraphs.
      {"markdown marks are removed",
       "**Kết luận phiên họp UBND tỉnh tháng 6 năm 2021 (kỳ 3)\n(ngày 23 tháng 6 năm 2021)**\n\n"
       "1. Dự thảo Tờ trình (*Sở Giáo dục và Đào tạo trình*).\n\n# NGHỊ ĐỊNH\n\n"
       "_Hà Nội, ngày 14 tháng 11 năm 2019_\n---\n| **Số hiệu** | 84/2019/NĐ-CP |\n"
       "Số: 47/2026/TT-BCA&nbsp;&nbsp;Hà Nội\n> Trích dẫn\n",
       "Kết luận phiên họp UBND tỉnh tháng 6 năm 2021 (kỳ 3) (ngày 23 tháng 6 năm 2021)\n"
       "1. Dự thảo Tờ trình (Sở Giáo dục và Đào tạo trình).\nNGHỊ ĐỊNH\nHà Nội, ngày 14 tháng 11 năm 2019\n"
       "Số hiệu 84/2019/NĐ-CP\nSố: 47/2026/TT-BCA Hà Nội\nTrích dẫn"},
      {"recipients: one entry per dash, wrapped entries joined, then the signature",
       "Nơi nhận:\n- Văn phòng Chính phủ;\n"
       "- Các Bộ: Tài chính, Quốc phòng, Công an;\nCục Thống kê; Bộ Tư lệnh Quân khu 1;\n- Lưu: VT, TH (VMĐ).\n"
       "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Hà\n",
       "Nơi nhận:\n- Văn phòng Chính phủ;\n- Các Bộ: Tài chính, Quốc phòng, Công an; Cục Thống kê; Bộ Tư lệnh Quân khu "
       "1;\n"
       "- Lưu: VT, TH (VMĐ).\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Hà"},
      {"header lines stay apart",
       "CHÍNH PHỦ\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 26 tháng 6 năm 2026\nNGHỊ ĐỊNH\n"
       "Quy định về xử lý kỷ luật viên chức\n\nCăn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\nCăn cứ Luật Viên "
       "chức;\n",
       "CHÍNH PHỦ\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 26 tháng 6 năm 2026\nNGHỊ ĐỊNH\n"
       "Quy định về xử lý kỷ luật viên chức\nCăn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\nCăn cứ Luật Viên chức;"},
      {"a name under the position does not run into the appendix",
       "PHÓ THỦ TƯỚNG\nPhạm Gia Túc\nPhụ lục I (Kèm theo Nghị định)\n",
       "PHÓ THỦ TƯỚNG\nPhạm Gia Túc\nPhụ lục I (Kèm theo Nghị định)"},
      {"markdown: a blank line ends a paragraph, a single line break does not",
       "1. Nghị định này quy định về nguyên tắc xử lý kỷ luật; việc áp dụng các\nhình thức kỷ luật.\n\n"
       "2. Nghị định này áp dụng đối với viên chức quy định tại Điều 1 Luật Viên\nchức.\n\nĐiều 3 của Luật này",
       "1. Nghị định này quy định về nguyên tắc xử lý kỷ luật; việc áp dụng các hình thức kỷ luật.\n"
       "2. Nghị định này áp dụng đối với viên chức quy định tại Điều 1 Luật Viên chức.\nĐiều 3 của Luật này"},
      {"a markdown heading wrapped onto the next line",
       "### Điều 4. Các trường hợp được loại trừ trách nhiệm kỷ luật, miễn trách\nnhiệm kỷ luật\n\n1. Viên chức có "
       "hành vi vi phạm.",
       "Điều 4. Các trường hợp được loại trừ trách nhiệm kỷ luật, miễn trách nhiệm kỷ luật\n1. Viên chức có hành vi vi "
       "phạm."},
      {"NFD input comes out NFC", "Nghi\u0323 đi\u0323nh so\u0302\u0301 15/2020/NĐ-CP", "Nghị định số 15/2020/NĐ-CP"},
      {"CR LF, tabs and NBSP", "Bộ\tTài\u00A0chính\r\nban hành\r\n", "Bộ Tài chính ban hành"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(reflow({row.input}).text == row.expected);
  }
}

TEST_CASE("reflow: block kinds and offsets", "[ingest]") {
  const auto doc =
      reflow({"I. ĐÁNH GIÁ CHUNG\n1. Đối với UBND huyện Hữu Lũng\nĐoàn kiểm tra đánh giá cao.\n"
              "- Tổ chức tốt các điều kiện.\nNơi nhận:\n- Lưu: VT.\n| a | b |\n"});
  const std::vector<BlockKind> kinds = {BlockKind::Item,   BlockKind::Item,      BlockKind::Paragraph,
                                        BlockKind::Bullet, BlockKind::Recipient, BlockKind::Recipient,
                                        BlockKind::Table};
  REQUIRE(doc.blocks.size() == kinds.size());
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    INFO("block " << i);
    CHECK(doc.blocks[i].kind == kinds[i]);
  }
  CHECK(doc.block_text(2) == "Đoàn kiểm tra đánh giá cao.");
  CHECK(doc.text.substr(doc.blocks[2].begin, std::string("Đoàn").size()) == "Đoàn");
  CHECK(doc.blocks[2].source_offset == std::string("I. ĐÁNH GIÁ CHUNG\n1. Đối với UBND huyện Hữu Lũng\n").size());
  CHECK(doc.text.back() != '\n');
}

TEST_CASE("reflow: page numbers and running headers go, paragraphs continue across pages", "[ingest]") {
  const std::vector<std::string> body = {
      "Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ngành triển khai thực hiện\nkế hoạch phát triển kinh tế - xã hội",
      "và dự toán ngân sách nhà nước năm 2025; các chương trình mục tiêu\nquốc gia và các nhiệm vụ trọng tâm",
      "đã được phê duyệt; tăng cường kiểm tra, đôn đốc các chủ đầu tư\nkhẩn trương hoàn thiện thủ tục đầu tư",
      "và giải ngân các nguồn vốn đầu tư công kế hoạch năm 2025."};
  std::vector<std::string> pages;
  for (std::size_t p = 0; p < body.size(); ++p)
    pages.push_back("CÔNG BÁO/Số 27/Ngày 05-01-2025\n" + body[p] + "\n" + std::to_string(p + 1) + "\n");
  const auto doc = reflow(pages);
  CHECK(doc.text ==
        "Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ngành triển khai thực hiện kế hoạch phát triển kinh tế - xã hội và dự "
        "toán ngân sách nhà nước năm 2025; các chương trình mục tiêu quốc gia và các nhiệm vụ trọng tâm đã được phê "
        "duyệt; tăng cường kiểm tra, đôn đốc các chủ đầu tư khẩn trương hoàn thiện thủ tục đầu tư và giải ngân các "
        "nguồn vốn đầu tư công kế hoạch năm 2025.");
  REQUIRE(doc.blocks.size() == 1);  // one paragraph over four pages
  REQUIRE(doc.pages.size() == 4);
  const std::vector<std::string> starts = {"Ủy ban nhân dân", "và dự toán", "đã được phê duyệt", "và giải ngân"};
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("page " << i + 1);
    CHECK(doc.pages[i].page == static_cast<int>(i) + 1);
    CHECK(doc.text.compare(doc.pages[i].offset, starts[i].size(), starts[i]) == 0);
  }
}

TEST_CASE("reflow: Word paragraphs are never joined", "[ingest]") {
  const auto doc =
      reflow({"Kết luận của Chủ tịch\nthường kỳ tháng 7\nNơi nhận:\nVăn phòng Chính phủ;\nLưu: VT.\nCHỦ TỊCH\n"}, true);
  CHECK(doc.text == "Kết luận của Chủ tịch\nthường kỳ tháng 7\nNơi nhận:\nVăn phòng Chính phủ;\nLưu: VT.\nCHỦ TỊCH");
  REQUIRE(doc.blocks.size() == 6);
  CHECK(doc.blocks[3].kind == BlockKind::Recipient);  // Word lists carry no dash
  CHECK(doc.blocks[5].kind == BlockKind::Heading);
}

TEST_CASE("reflow: the sample exports", "[ingest]") {
  auto sample = [](const char* name) {
    return reflow({tracuu::testing::read_file_bytes(std::string(TRACUU_SOURCE_DIR) + "/data/samples/" + name)}).text;
  };
  const std::string s000 = sample("000_4273f595e8f93ec2.txt");
  CHECK_THAT(s000, Catch::Contains("khi triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị."));
  CHECK_THAT(s000,
             Catch::Contains("\n2. Dự thảo Báo cáo tổng kết 05 năm thực hiện Nghị quyết số 49-NQ/TU, ngày 28/9/2021"));
  // 002: a page number between two halves of a sentence, footnotes moved after their paragraph.
  const std::string s002 = sample("002_cbe3f2fc25d32b07.txt");
  CHECK_THAT(s002, Catch::Contains("Doanh thu vận tải, kho bãi tháng 8 ước đạt 241,7 tỷ đồng"));
  CHECK_THAT(s002, Catch::Contains("\n5 Trong đó: Kim ngạch xuất khẩu đạt 1.114 triệu USD"));
  // 003: footnotes between "đã" and "xây dựng" on the next page.
  const std::string s003 = sample("003_9aeb4b16ab79b50c.txt");
  CHECK_THAT(s003, Catch::Contains("tập trung thực hiện; đã xây dựng, sửa chữa hoàn thành 71/99 căn"));
  CHECK_THAT(s003, Catch::Contains("\n1 Tổng diện tích gieo trồng vụ Đông được đạt 749,16ha"));
  CHECK_THAT(s003, Catch::Contains("Chỉ thị số 05/CT-UBND ngày 12/3/2025"));
}
