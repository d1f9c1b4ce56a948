#include "schema/visibility.h"

#include <algorithm>

#include "schema/terms.h"

namespace tracuu::schema {
namespace {

constexpr std::string_view kGroupsPrefix = "groups:";
constexpr std::size_t kMaxDirName = 100;

std::string joined(const std::vector<std::string>& codes, char sep) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out.push_back(sep);
    out += c;
  }
  return out;
}

bool intersects(const std::vector<std::string>& sorted, const std::vector<std::string>& any) {
  for (const auto& g : any)
    if (std::binary_search(sorted.begin(), sorted.end(), g)) return true;
  return false;
}

}  // namespace

bool is_group_code(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

Result<Visibility> groups_visibility(std::vector<std::string> codes) {
  if (codes.empty()) return Error{Status::BadRequest, "visibility: groups must name at least one group"};
  for (const auto& c : codes)
    if (!is_group_code(c))
      return Error{Status::BadRequest, "visibility: '" + c + "' is not a group code (a-z, 0-9, '-', up to 64)"};
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return Visibility{Visibility::Kind::Groups, std::move(codes)};
}

std::string to_string(const Visibility& v) {
  switch (v.kind) {
    case Visibility::Kind::Public: return "public";
    case Visibility::Kind::Internal: return "internal";
    case Visibility::Kind::Groups: return std::string(kGroupsPrefix) + joined(v.groups, ',');
  }
  return "internal";  // unreachable
}

Result<Visibility> parse_visibility(std::string_view text) {
  if (text == "public") return Visibility{};
  if (text == "internal") return Visibility{Visibility::Kind::Internal, {}};
  if (text.starts_with(kGroupsPrefix)) {
    std::vector<std::string> codes;
    std::string_view rest = text.substr(kGroupsPrefix.size());
    for (std::size_t comma; !rest.empty(); rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1)) {
      comma = rest.find(',');
      codes.emplace_back(rest.substr(0, comma));
    }
    return groups_visibility(std::move(codes));
  }
  return Error{Status::BadRequest, "unknown visibility '" + std::string(text) + "'"};
}

std::string class_dir_name(const Visibility& v) {
  if (v.kind != Visibility::Kind::Groups) return to_string(v);
  return bounded_key("group-", joined(v.groups, '+'), kMaxDirName);
}

bool may_see(const Audience& audience, const Visibility& v) {
  switch (v.kind) {
    case Visibility::Kind::Public: return true;
    case Visibility::Kind::Internal: return audience.staff;
    case Visibility::Kind::Groups: return audience.staff && intersects(v.groups, audience.groups);
  }
  return false;
}

std::string combination_key(const Audience& audience, const std::vector<Visibility>& classes) {
  std::string key;
  for (std::size_t i = 0; i < classes.size(); ++i)
    if (may_see(audience, classes[i])) key += std::to_string(i) + ',';
  return key;
}

}  // namespace tracuu::schema
