#pragma once
// A small index built once per test binary from hand-written records, so that
// search tests do not depend on extraction quality. Deleted on exit.

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "schema/record.h"
#include "tests/support/temp_dir.h"

namespace tracuu::testing {

/// The records of the fixture index.
std::vector<schema::DocRecord> fixture_records();

/// The index home holding fixture_records() (built on first call).
const std::filesystem::path& fixture_index();

/// An index home of data/samples (five long notices of a provincial People's Committee), indexed as
/// `indexer build` does (built on first call).
const std::filesystem::path& samples_index();

/// Queries on the samples and the fixture typed as users type them: marked and unmarked, one word and many,
/// names and numbers.
inline const std::vector<const char*> kSampleQueries{
    "phiên họp thường kỳ",
    "phien hop thuong ky",
    "kế hoạch phát triển kinh tế xã hội",
    "ke hoach phat trien kinh te xa hoi",
    "Hồ Tiến Thiệu",
    "dự toán ngân sách nhà nước năm 2025",
    "chương trình mục tiêu quốc gia",
    "tỉnh",
    "huu lung",
    "giáo dục ngoài giờ",
    "xử phạt vi phạm giao thông",
    "Ủy ban nhân dân tỉnh Lạng Sơn kết luận",
    "346/TB-UBND",
    "báo cáo tháng 8 năm 2025",
};

/// The current generation of index home `home`, its sub-databases as one.
Xapian::Database open_database(const std::filesystem::path& home);

/// A record as search tests write one: `id` (also its content hash), and type, number with its key, issue
/// date and title, each left unset when empty.
schema::DocRecord make_record(std::string id, std::string type, std::string number, std::string key, std::string date,
                              std::string title, std::string text);

/// Writes `records` into a new index home at `home` (one generation, published).
void build_index(const std::filesystem::path& home, const std::vector<schema::DocRecord>& records);

}  // namespace tracuu::testing
