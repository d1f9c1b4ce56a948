#include "tests/unit/access_fixture.h"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "indexer/ingest/ingest.h"
#include "indexer/pipeline.h"
#include "searchd/searcher.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/server_fixture.h"

namespace tracuu::testing {
namespace fs = std::filesystem;
namespace server = searchd::server;
namespace {

// An internal decision of the provincial People's Committee (invented, in the shape of the samples):
// a word, a number, a signer and an issuer found nowhere else; it cites the public notice 346/TB-UBND.
constexpr const char* kInternalText = R"(ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN

Số: 777/QĐ-UBND

Lạng Sơn, ngày 12 tháng 7 năm 2021

QUYẾT ĐỊNH
Về việc bảo mật hồ sơ xyzzymatkhau của Ban Quản lý kho lưu trữ mật

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN

Căn cứ Thông báo số 346/TB-UBND ngày 27/6/2021 của UBND tỉnh;

QUYẾT ĐỊNH:

Điều 1. Giao Ban Quản lý kho lưu trữ mật quản lý hồ sơ xyzzymatkhau theo chế độ tuyệt mật.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Bí Ẩn
)";

// The Department of Finance's own copy of the public notice 346/TB-UBND (same number and
// issue date, so a copy that collapses into the public one): listed only to its group.
nlohmann::json group_copy_record() {
  return {{"id", kGroupCopyId},
          {"title", "Kết luận phiên họp UBND tỉnh tháng 6 năm 2021 (bản lưu của Sở Tài chính)"},
          {"so_hieu", "346/TB-UBND"},
          {"loai_van_ban", "Thông báo"},
          {"co_quan_ban_hanh", "UBND tỉnh Lạng Sơn"},
          {"ngay_ban_hanh", "2021-06-27"},
          {"visibility", {{"groups", {kGroup}}}},
          {"text", "Thông báo số 346/TB-UBND ngày 27/6/2021: kết luận phiên họp UBND tỉnh tháng 6 năm 2021 (kỳ 3)."}};
}

// A group-restricted record of the Department of Finance, as a JSONL record.
nlohmann::json group_record() {
  return {{"id", kGroupId},
          {"title", "Dự toán ngân sách plughngansach năm 2022"},
          {"so_hieu", kGroupNumber},
          {"loai_van_ban", "Báo cáo"},
          {"co_quan_ban_hanh", "Sở Tài chính tỉnh Lạng Sơn"},
          {"ngay_ban_hanh", "2021-08-02"},
          {"nguoi_ky", "Lương Kín Đáo"},
          {"visibility", {{"groups", {kGroup}}}},
          {"text",
           "Báo cáo dự toán ngân sách plughngansach năm 2022 của Sở Tài chính, thực hiện Thông báo số "
           "346/TB-UBND ngày 27/6/2021 và Quyết định số 777/QĐ-UBND ngày 12/7/2021.\n\nGiao Sở Ngoại vụ chủ trì "
           "thẩm định dự toán plughngansach, báo cáo UBND tỉnh trước ngày 15/9/2021."}};
}

fs::path build(const std::string& name, bool restricted) {
  static testing::TempDir dir("access");
  const fs::path home = dir.path() / name;
  std::vector<fs::path> inputs{fs::path(TRACUU_SOURCE_DIR) / "data/samples"};
  if (restricted) {
    dir.write("restricted/mat-777.txt", kInternalText);
    dir.write("restricted/mat-777.meta.json", R"({"visibility": "internal"})");
    dir.write("restricted/nhom.jsonl", group_record().dump() + "\n" + group_copy_record().dump() + "\n");
    inputs.push_back(dir.path() / "restricted");
  }
  indexer::BuildOptions options;
  options.threads = 1;                          // the same document order, so the same docids, in both indexes
  options.indexed_at = "2026-11-30T00:00:00Z";  // and the same indexing time, whenever each is built
  auto report = indexer::rebuild_index(home, inputs, indexer::Extractor(), options, {});
  if (!report || !report->errors.empty()) {
    std::fprintf(stderr, "cannot build the %s access index: %s\n", name.c_str(),
                 report ? report->errors.front().error.message.c_str() : report.error().message.c_str());
    std::abort();
  }
  return home;
}

}  // namespace

const fs::path& full_index() {
  static const fs::path home = build("full", true);
  return home;
}

const fs::path& public_index() {
  static const fs::path home = build("public", false);
  return home;
}

AccessServer::AccessServer(const fs::path& home, server::Config config) : config_(std::move(config)) {
  config_.db = home;
  config_.threads = 1;
  auto pool = searchd::SearcherPool::open(home, 1);
  if (!pool) {
    std::fprintf(stderr, "cannot open %s: %s\n", home.c_str(), pool.error().message.c_str());
    std::abort();
  }
  pool_ = std::move(*pool);
  server::KeyStore store;
  const std::vector<std::tuple<std::string, server::Scope, std::vector<std::string>>> holders{
      {"staff", server::Scope::Staff, {}},
      {"staff-tc", server::Scope::Staff, {kGroup}},
      {"staff-yte", server::Scope::Staff, {"so-y-te"}},
      {"admin", server::Scope::Admin, {}},
  };
  for (const auto& [name, scope, groups] : holders)
    keys_.emplace_back(name, *store.add(name, scope, groups, "2026-11-30T00:00:00Z"));
  dir_ = std::make_unique<testing::TempDir>("access-keys");
  config_.keys = dir_->path() / "keys.tsv";
  if (!store.save(config_.keys)) std::abort();
  access_ = std::make_unique<server::Access>(config_, std::move(store), std::string(32, 's'));
}

const std::string& AccessServer::key(const std::string& name) const {
  for (const auto& [n, k] : keys_)
    if (n == name) return k;
  std::abort();
}

server::Response AccessServer::send(const server::Request& request, const std::string& client) {
  const server::Backend backend{*pool_, &source_site(), nullptr, access_.get()};
  const server::Client peer{client};
  return server::handle_request(request, backend, config_, nullptr, &peer);
}

server::Response AccessServer::get(const std::string& target, const std::string& holder, const std::string& client) {
  auto request = make_request(target);
  if (!holder.empty()) request.set(server::http::field::authorization, "Bearer " + key(holder));
  return send(request, client);
}

}  // namespace tracuu::testing
