#include "searchd_fixture.h"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "indexer/document_builder.h"
#include "indexer/generation_writer.h"
#include "indexer/ingest/ingest.h"
#include "indexer/pipeline.h"
#include "schema/index_home.h"
#include "text/abbreviations.h"
#include "text/docnum.h"
#include "text/docnum_parse.h"

namespace tracuu::testing {
namespace fs = std::filesystem;
namespace {

schema::DocRecord rec(std::string id, std::string text, std::optional<std::string> type = std::nullopt,
                      std::optional<std::string> issuer = std::nullopt,
                      std::optional<std::string> date = std::nullopt) {
  schema::DocRecord r;
  r.id = std::move(id);
  r.text = std::move(text);
  r.doc_type = std::move(type);
  r.issuer = std::move(issuer);
  r.issue_date = std::move(date);
  r.content_hash = r.id;
  return r;
}

schema::Citation cite(const std::string& number, std::string context) {
  const auto dn = text::parse_doc_number(number, text::Abbreviations::builtin());
  if (!dn) throw std::logic_error("bad fixture number " + number);
  schema::Citation c;
  c.number = dn->display;
  c.key = dn->key;
  c.context = std::move(context);
  return c;
}

}  // namespace

schema::DocRecord make_record(std::string id, std::string type, std::string number, std::string key, std::string date,
                              std::string title, std::string text) {
  schema::DocRecord r;
  r.id = std::move(id);
  if (!type.empty()) r.doc_type = std::move(type);
  if (!number.empty()) r.doc_number = std::move(number), r.doc_number_key = std::move(key);
  if (!date.empty()) r.issue_date = std::move(date);
  if (!title.empty()) r.title = std::move(title);
  r.text = std::move(text);
  r.content_hash = r.id;
  return r;
}

std::vector<schema::DocRecord> fixture_records() {
  std::vector<schema::DocRecord> v;
  v.push_back(
      rec("cho", "Con chó đen chạy ngoài đường làng.", "Thông báo", "Ủy ban nhân dân tỉnh Lạng Sơn", "2025-07-31"));
  v.back().source = "/srv/van-ban/cho.txt";
  v.push_back(rec("choe", "Chim chòe than hót trên cây chòe, chòe lửa bay qua.", "Báo cáo",
                  "Sở Tài chính tỉnh Lạng Sơn", "2025-06-15"));
  v.push_back(rec("cho-ngoi", "Chỗ ngồi của đại biểu được bố trí theo sơ đồ.", "Báo cáo", "Sở Y tế tỉnh Lạng Sơn",
                  "2024-03-02"));
  {
    auto r =
        rec("nd-66", "NGHỊ ĐỊNH\nQuy định chính sách hỗ trợ trẻ em mầm non.", "Nghị định", "Chính phủ", "2025-03-12");
    r.doc_number = "66/2025/NĐ-CP";
    r.doc_number_key = "66/2025/ND-CP";
    r.title = "Quy định chính sách hỗ trợ trẻ em mầm non";
    r.signer.name = "Hồ Đức Phớc";
    v.push_back(r);
  }
  {
    auto r = rec("tb-citing",
                 "Thực hiện Nghị định số 66/2025/NĐ-CP ngày 12/3/2025 của Chính phủ và Nghị quyết số 49-NQ/TU của Ban "
                 "Thường vụ Tỉnh ủy về chuyển đổi số, giao Sở Giáo dục và Đào tạo chủ trì.",
                 "Thông báo", "Ủy ban nhân dân tỉnh Lạng Sơn", "2025-08-05");
    r.title = "Kết luận về chính sách trẻ em mầm non";
    r.citations = {cite("66/2025/NĐ-CP", "Thực hiện Nghị định số 66/2025/NĐ-CP ngày 12/3/2025 của Chính phủ"),
                   cite("49-NQ/TU", "Nghị quyết số 49-NQ/TU của Ban Thường vụ Tỉnh ủy về chuyển đổi số")};
    r.citations[0].doc_type = "Nghị định";
    r.citations[1].doc_type = "Nghị quyết";
    r.citations[1].issuer = "Ban Thường vụ Tỉnh ủy";
    r.citations[1].date = "2021-09-28";
    r.assignments.push_back(
        {"Sở Giáo dục và Đào tạo", std::string("2025-08-20"), std::nullopt, {}, "giao Sở Giáo dục và Đào tạo chủ trì"});
    r.signer.name = "Nguyễn Văn Hà";
    v.push_back(r);
  }
  v.push_back(rec("ubnd", "Ủy ban nhân dân tỉnh tổ chức phiên họp thường kỳ tháng 7.", "Thông báo",
                  "Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn", "2025-07-02"));
  v.push_back(rec("ktxh", "Báo cáo tình hình phát triển kinh tế - xã hội quý 3.", "Báo cáo",
                  "Ủy ban nhân dân tỉnh Lạng Sơn", "2025-09-30"));
  v.push_back(
      rec("kt-xh-abbr", "Dự thảo kế hoạch KT-XH năm 2026.", "Kế hoạch", "Sở Tài chính tỉnh Lạng Sơn", "2025-10-01"));
  {
    auto r = rec("noi-bo", "Tài liệu nội bộ: đồng chí Giám đốc chỉ đạo.", "Công văn", "Sở Nội vụ tỉnh Lạng Sơn",
                 "2025-05-05");
    r.visibility = schema::Visibility::internal();
    v.push_back(r);
  }
  v.push_back(
      rec("tinh-uy-moi", "Thường trực Tỉnh uỷ và Hội đồng hoà giải.", "Thông báo", "Tỉnh ủy Lạng Sơn", "2023-01-10"));
  v.push_back(
      rec("tinh-uy-cu", "Ban Thường vụ Tỉnh ủy về hòa giải ở cơ sở.", "Kết luận", "Tỉnh ủy Lạng Sơn", "2022-11-20"));
  v.push_back(rec("huu-lung", "Khu công nghiệp Hữu Lũng: giao Sở Xây dựng hoàn thành quy hoạch trước ngày 15/8/2025.",
                  "Thông báo", "Ủy ban nhân dân tỉnh Lạng Sơn", "2025-07-20"));
  v.back().assignments.push_back({"Sở Xây dựng", std::string("2025-08-15"), std::nullopt, {}, "giao Sở Xây dựng"});
  v.push_back(rec("dong-chi", "Đồng chí Chủ tịch chủ trì; các đồng chí Phó Chủ tịch dự họp.", "Thông báo",
                  "Ủy ban nhân dân tỉnh Lạng Sơn", "2021-06-27"));
  return v;
}

void build_index(const fs::path& home, const std::vector<schema::DocRecord>& records) {
  fs::create_directories(home);
  const fs::path gen = schema::next_generation(home);
  {
    auto writer = indexer::GenerationWriter::open(gen, "tracuu tests");
    if (!writer) throw std::runtime_error(writer.error().message);
    const indexer::DocumentBuilder builder;
    for (const auto& r : records)
      if (!writer->upsert(builder.prepare(r))) throw std::runtime_error("upsert failed");
    if (!writer->commit()) throw std::runtime_error("commit failed");
  }
  if (!schema::publish_generation(home, gen)) throw std::runtime_error("publish failed");
}

const fs::path& fixture_index() {
  static TempDir dir;  // one per test binary, removed at exit
  static const bool built = (build_index(dir.path() / "index", fixture_records()), true);
  (void)built;
  static const fs::path home = dir.path() / "index";
  return home;
}

const fs::path& samples_index() {
  static TempDir dir("samples");
  static const fs::path home = [] {
    const fs::path h = dir.path() / "index";
    indexer::BuildOptions options;
    options.threads = 1;
    auto report =
        indexer::rebuild_index(h, {fs::path(TRACUU_SOURCE_DIR) / "data/samples"}, indexer::Extractor(), options, {});
    if (!report || !report->errors.empty()) throw std::runtime_error("cannot index data/samples");
    return h;
  }();
  return home;
}

Xapian::Database open_database(const fs::path& home) {
  auto gen = schema::current_generation(home);
  if (!gen) throw std::runtime_error(gen.error().message);
  Xapian::Database db;
  for (const fs::path& dir : schema::sub_database_dirs(*gen)) db.add_database(Xapian::Database(dir.string()));
  return db;
}

}  // namespace tracuu::testing
