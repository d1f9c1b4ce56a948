#pragma once
// The fields a query can name ("loai:Thông báo", "nam:2020..2025"), in one
// table: the parser knows a name from it, the search library builds each
// field's filter with the handler of its row (searchd/field_filters.cc, checked
// at compile time to follow this table), and a test holds the README's
// query-language table and the OpenAPI spec to it. Adding a field is one row
// here plus its handler there.

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace tracuu::schema {

/// Every query field.
enum class QueryField {
  Type,        ///< loại văn bản (name or code: "Thông báo", "tb")
  Issuer,      ///< cơ quan ban hành, by prefix ("Sở Tài chính" finds "Sở Tài chính tỉnh Lạng Sơn")
  Number,      ///< số hiệu of the document itself
  SignerName,  ///< người ký, words of the name
  Assignee,    ///< cơ quan được giao nhiệm vụ, by prefix
  Year,        ///< năm ban hành: a year or a range
  Month,       ///< tháng ban hành
  Date,        ///< ngày ban hành: a date or a range
  Cites,       ///< documents citing a number
  CitedBy,     ///< the numbers a document cites (by id or number)
  Title,       ///< words of the trích yếu
  Id,          ///< one document
  Basis,       ///< documents resting on a number (căn cứ)
  Amends,      ///< documents amending a number (sửa đổi, bổ sung)
  Replaces,    ///< documents replacing a number (thay thế)
  Repeals,     ///< documents repealing a number (bãi bỏ)
  Details,     ///< documents detailing a number (quy định chi tiết, hướng dẫn)
  Implements,  ///< documents implementing a number (triển khai, thực hiện)
  Validity,    ///< tình trạng hiệu lực: con, chua, het, mot-phan, khong-ro
};

/// One query field.
struct QueryFieldSpec {
  QueryField field;
  std::string_view name;     ///< what users type before ':' (diacritic-free Vietnamese)
  std::string_view meaning;  ///< in English, for the documentation
};

/// Every query field, in the README's order.
inline constexpr std::array<QueryFieldSpec, 19> kQueryFields{{
    {QueryField::Type, "loai", "document type (name or code)"},
    {QueryField::Issuer, "coquan", "issuing body (prefix)"},
    {QueryField::Number, "so", "the document's own number"},
    {QueryField::SignerName, "nguoiky", "signer (words of the name)"},
    {QueryField::Assignee, "giao", "assigned body (prefix)"},
    {QueryField::Year, "nam", "issue year or year range"},
    {QueryField::Month, "thang", "issue month"},
    {QueryField::Date, "ngay", "issue date or date range"},
    {QueryField::Cites, "cites", "documents citing a number"},
    {QueryField::CitedBy, "citedby", "what a document cites"},
    {QueryField::Title, "tieude", "title words"},
    {QueryField::Id, "id", "one document"},
    {QueryField::Basis, "cancu", "documents resting on a number"},
    {QueryField::Amends, "suadoi", "documents amending a number"},
    {QueryField::Replaces, "thaythe", "documents replacing a number"},
    {QueryField::Repeals, "baibo", "documents repealing a number"},
    {QueryField::Details, "huongdan", "documents detailing a number"},
    {QueryField::Implements, "thuchien", "documents implementing a number"},
    {QueryField::Validity, "hieuluc", "validity today, or on the search's as_of day"},
}};

/// Other names users type for a field: `bibaibo:` (the name, from "bị bãi bỏ") is `baibo:`.
inline constexpr std::array<std::pair<std::string_view, QueryField>, 1> kQueryFieldAliases{{
    {"bibaibo", QueryField::Repeals},
}};

/// The field users mean by `name` ("loai", or an alias); nullopt when it is not a field.
constexpr std::optional<QueryField> query_field_by_name(std::string_view name) {
  for (const auto& f : kQueryFields)
    if (f.name == name) return f.field;
  for (const auto& [alias, field] : kQueryFieldAliases)
    if (alias == name) return field;
  return std::nullopt;
}

/// The row of a field.
constexpr const QueryFieldSpec& query_field_spec(QueryField field) {
  for (const auto& f : kQueryFields)
    if (f.field == field) return f;
  return kQueryFields[0];  // unreachable: every QueryField has a row (checked by the schema tests)
}

}  // namespace tracuu::schema
