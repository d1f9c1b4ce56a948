#pragma once
// Canonical codes for boolean fields: one body, one type, one person is one
// code, whatever spelling, tone placement or abbreviation was written. The
// indexer and the query parser both call these, so filters always agree.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/abbreviations.h"

namespace tracuu::schema {

/// ASCII code of a display value: folded, lower case, runs of non-alphanumerics
/// become one '-': "Ủy ban nhân dân tỉnh Lạng Sơn" -> "uy-ban-nhan-dan-tinh-lang-son".
std::string slug(std::string_view display);

/// A document type (loại văn bản).
struct DocType {
  std::string_view display;  ///< "Thông báo"
  std::string_view code;     ///< "thong-bao" (= slug(display))
};

/// Every type the ingestion recognises, in display order.
inline constexpr std::array<DocType, 25> kDocTypes{{
    {"Thông báo", "thong-bao"},
    {"Báo cáo", "bao-cao"},
    {"Kết luận", "ket-luan"},
    {"Quyết định", "quyet-dinh"},
    {"Nghị quyết", "nghi-quyet"},
    {"Nghị định", "nghi-dinh"},
    {"Thông tư", "thong-tu"},
    {"Thông tư liên tịch", "thong-tu-lien-tich"},
    {"Luật", "luat"},
    {"Bộ luật", "bo-luat"},
    {"Hiến pháp", "hien-phap"},
    {"Pháp lệnh", "phap-lenh"},
    {"Công văn", "cong-van"},
    {"Tờ trình", "to-trinh"},
    {"Kế hoạch", "ke-hoach"},
    {"Chỉ thị", "chi-thi"},
    {"Hướng dẫn", "huong-dan"},
    {"Công điện", "cong-dien"},
    {"Quy định", "quy-dinh"},
    {"Quy chế", "quy-che"},
    {"Chương trình", "chuong-trinh"},
    {"Đề án", "de-an"},
    {"Biên bản", "bien-ban"},
    {"Giấy mời", "giay-moi"},
    {"Văn bản hợp nhất", "van-ban-hop-nhat"},
}};

/// The canonical display form of a type name in any spelling ("THÔNG BÁO",
/// "Nghi dinh", "thong-bao"); nullopt for an unknown type.
std::optional<std::string> canonical_doc_type(std::string_view name);

/// Issuing bodies (cơ quan ban hành) and their aliases, from schema/data/issuers.tsv.
///
/// Names are compared after folding and expanding abbreviations, so "UBND tỉnh
/// Lạng Sơn", "Uỷ ban nhân dân tỉnh Lạng Sơn" and "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
/// are one body without listing each spelling. Old names (before the 2025
/// reorganisation) map to their successor, so one body is one facet value.
class IssuerRegistry {
 public:
  /// The registry compiled from schema/data/issuers.tsv.
  static IssuerRegistry builtin();

  /// Parses `canonical<TAB>alias|alias...` lines (# comments, blank lines ignored).
  /// @return nullopt and `error` = "line N: reason" on a malformed line.
  static std::optional<IssuerRegistry> parse(std::string_view tsv, std::string* error = nullptr);

  /// The canonical name of `name`, or nullopt when it is not a known body.
  std::optional<std::string> canonical(std::string_view name) const;

  /// The canonical name if known, else `name` cleaned (NFC, spaces collapsed).
  std::string canonical_or_self(std::string_view name) const;

  /// The comparison key of a name: folded words, abbreviations expanded, joined by spaces.
  std::string key(std::string_view name) const;

  /// The filter code of a body: key(canonical_or_self(name)) with '-' between words
  /// ("UBND huyện Chi Lăng" -> "uy-ban-nhan-dan-huyen-chi-lang"). Index and query both use it.
  std::string code(std::string_view name) const;

  /// Number of canonical bodies.
  std::size_t size() const { return canonical_names_.size(); }

 private:
  text::Abbreviations abbreviations_ = text::Abbreviations::builtin();
  std::vector<std::string> canonical_names_;
  std::unordered_map<std::string, std::size_t> by_key_;
};

/// A person's name or other free value cleaned for display: NFC, spaces collapsed, trimmed.
std::string clean_display(std::string_view value);

}  // namespace tracuu::schema
