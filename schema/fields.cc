#include "schema/fields.h"

namespace tracuu::schema {

std::optional<Field> field_by_query_name(std::string_view name) {
  if (name.empty()) return std::nullopt;
  for (const auto& s : kFields)
    if (s.query_name == name) return s.field;
  return std::nullopt;
}

}  // namespace tracuu::schema
