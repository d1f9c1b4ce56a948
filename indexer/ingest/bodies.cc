// Organisation names in running text, and sentence splitting.
#include <algorithm>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/scan.h"
#include "text/tokenizer.h"

namespace tracuu::indexer::extract_detail {
namespace {

// Fields of ministries and provincial departments (Sở X, Bộ X), as printed; longest first.
constexpr std::string_view kFields[] = {"Lao động - Thương binh và Xã hội",
                                        "Lao động, Thương binh và Xã hội",
                                        "Nông nghiệp và Phát triển nông thôn",
                                        "Văn hóa, Thể thao và Du lịch",
                                        "Văn hoá, Thể thao và Du lịch",
                                        "Văn hóa - Thể thao và Du lịch",
                                        "Nông nghiệp và Môi trường",
                                        "Tài nguyên và Môi trường",
                                        "Thông tin và Truyền thông",
                                        "Khoa học và Công nghệ",
                                        "Giáo dục và Đào tạo",
                                        "Kế hoạch và Đầu tư",
                                        "Dân tộc và Tôn giáo",
                                        "Giao thông vận tải",
                                        "Văn hóa và Thể thao",
                                        "Công Thương",
                                        "Tài chính",
                                        "Nội vụ",
                                        "Tư pháp",
                                        "Xây dựng",
                                        "Y tế",
                                        "Ngoại vụ",
                                        "Du lịch",
                                        "Quốc phòng",
                                        "Công an",
                                        "Ngoại giao",
                                        "Chính trị"};

// Bodies named by a fixed phrase.
constexpr std::string_view kFixed[] = {"Thủ tướng Chính phủ",
                                       "Văn phòng Chính phủ",
                                       "Chính phủ",
                                       "Ủy ban Thường vụ Quốc hội",
                                       "Quốc hội",
                                       "Ban Bí thư",
                                       "Ban Chấp hành Trung ương",
                                       "Ngân hàng Nhà nước Việt Nam",
                                       "Ngân hàng Nhà nước",
                                       "Kiểm toán nhà nước",
                                       "Kho bạc Nhà nước",
                                       "Bảo hiểm xã hội Việt Nam",
                                       "Thanh tra Chính phủ",
                                       "Tòa án nhân dân tối cao",
                                       "Viện kiểm sát nhân dân tối cao"};

// Heads of other bodies; the name follows in capitalised words.
constexpr std::string_view kHeads[] = {"Ban",
                                       "Cục",
                                       "Chi cục",
                                       "Tổng cục",
                                       "Vụ",
                                       "Trung tâm",
                                       "Thanh tra",
                                       "Công an",
                                       "Văn phòng",
                                       "Đài",
                                       "Báo",
                                       "Viện",
                                       "Trường",
                                       "Bộ Chỉ huy",
                                       "Liên đoàn",
                                       "Tỉnh đoàn",
                                       "Tỉnh ủy",
                                       "Tỉnh uỷ",
                                       "Huyện ủy",
                                       "Huyện uỷ",
                                       "Thành ủy",
                                       "Thành uỷ",
                                       "Đảng ủy",
                                       "Đảng uỷ",
                                       "Kho bạc",
                                       "Bảo hiểm xã hội",
                                       "Tòa án nhân dân",
                                       "Viện kiểm sát nhân dân",
                                       "Hải quan",
                                       "Ngân hàng",
                                       "Quỹ",
                                       "Công ty",
                                       "Ủy ban",
                                       "Uỷ ban",
                                       "Hội"};

// Roles that stand for the body that submitted an item.
constexpr std::string_view kRoles[] = {"cơ quan chủ trì", "cơ quan soạn thảo", "cơ quan trình", "đơn vị chủ trì"};

// Levels of local government, as printed before a place name.
constexpr std::string_view kLevels[] = {"thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường"};

bool upper_at(std::string_view s, std::size_t pos) {
  std::size_t len = 0;
  return pos < s.size() && scan::is_upper(scan::code_point_at(s, pos, len));
}

std::size_t word_end(std::string_view s, std::size_t pos) {
  while (pos < s.size() && s[pos] != ' ' && s[pos] != ',' && s[pos] != ';' && s[pos] != '.' && s[pos] != ':' &&
         s[pos] != ')' && s[pos] != '(')
    ++pos;
  return pos;
}

// Matches one of `phrases` (compared case-insensitively) at pos; returns the longest.
std::optional<std::pair<std::string_view, std::size_t>> match_any(std::string_view s, std::size_t pos,
                                                                  const std::string_view* begin,
                                                                  const std::string_view* end) {
  std::optional<std::pair<std::string_view, std::size_t>> best;
  for (const std::string_view* p = begin; p != end; ++p) {
    std::size_t e = 0;
    if (scan::match_word_ci(s, pos, *p, &e) && (!best || e > best->second)) best = {{*p, e}};
  }
  return best;
}

// " tỉnh Lạng Sơn" / " huyện Chi Lăng" / " tỉnh": appends the locality and returns the end
// (0 when `level_required` and there is none; `pos` when there is none or it lacks a required name).
std::size_t locality(std::string_view s, std::size_t pos, std::string& display, bool level_required,
                     bool name_required = false) {
  const std::size_t p = scan::skip_spaces(s, pos);
  const auto level = match_any(s, p, std::begin(kLevels), std::end(kLevels));
  if (!level) return level_required ? 0 : pos;
  std::size_t end = level->second;
  if (name_required && !upper_at(s, scan::skip_spaces(s, end))) return pos;
  display += " " + std::string(level->first);
  // The place: capitalised words ("Chi Lăng", "Đồng Đăng - Lạng Sơn"); "các" (plural) is no place.
  std::size_t q = scan::skip_spaces(s, end);
  std::size_t words = 0;
  while (q < s.size() && upper_at(s, q) && words < 5) {
    const std::size_t we = word_end(s, q);
    display += " " + scan::to_title_case(s.substr(q, we - q));
    end = we, ++words;
    q = scan::skip_spaces(s, we);
    if (s.compare(q, 2, "- ") == 0 && upper_at(s, q + 2)) display += " -", q += 2;
  }
  return end;
}

// Sở X / Bộ X with X from kFields, or written as an abbreviation (Sở KH&CN).
std::optional<BodyMatch> department(std::string_view s, std::size_t pos, const Tables& tables) {
  std::size_t e = 0;
  std::string head;
  if (scan::match_word_ci(s, pos, "sở", &e))
    head = "Sở";
  else if (scan::match_word_ci(s, pos, "bộ", &e))
    head = "Bộ";
  else
    return std::nullopt;
  const std::size_t p = scan::skip_spaces(s, e);
  BodyMatch m;
  if (const auto field = match_any(s, p, std::begin(kFields), std::end(kFields))) {
    m.display = head + " " + std::string(field->first);
    m.end = field->second;
  } else {
    const std::size_t we = word_end(s, p);
    std::vector<std::string> words;
    for (const auto& t : text::analyze(s.substr(p, we - p))) words.push_back(t.folded);
    const auto found =
        words.empty() ? std::vector<const text::Abbreviation*>{} : tables.abbreviations.find_abbreviation(words);
    if (found.empty() || found.front()->kind != text::AbbreviationKind::Organization) return std::nullopt;
    m.display = head + " " + found.front()->expansions.front();
    m.end = we;
  }
  m.end = locality(s, m.end, m.display, false, true);
  return m;
}

// UBND / HĐND (or spelled out) + level + place: displayed with the abbreviation, as minutes write it.
std::optional<BodyMatch> council(std::string_view s, std::size_t pos) {
  struct Form {
    std::string_view text, display;
  };
  static constexpr Form kForms[] = {{"ubnd", "UBND"},
                                    {"ủy ban nhân dân", "UBND"},
                                    {"uỷ ban nhân dân", "UBND"},
                                    {"hđnd", "HĐND"},
                                    {"hội đồng nhân dân", "HĐND"}};
  for (const Form& f : kForms) {
    std::size_t e = 0;
    if (!scan::match_word_ci(s, pos, f.text, &e)) continue;
    BodyMatch m{std::string(f.display), 0};
    m.end = locality(s, e, m.display, true);
    if (m.end == 0) return std::nullopt;
    const std::string_view last = std::string_view(m.display).substr(m.display.rfind(' ') + 1);
    m.unnamed = std::any_of(std::begin(kLevels), std::end(kLevels),
                            [&](std::string_view level) { return level.substr(level.rfind(' ') + 1) == last; });
    return m;
  }
  return std::nullopt;
}

// Another head and its capitalised name: "Ban Thường vụ Tỉnh ủy", "Công an tỉnh", "Cục Thuế tỉnh".
std::optional<BodyMatch> headed(std::string_view s, std::size_t pos) {
  if (!upper_at(s, pos)) return std::nullopt;  // a body's name starts with a capital
  const auto head = match_any(s, pos, std::begin(kHeads), std::end(kHeads));
  if (!head) return std::nullopt;
  // Party committees take a place name ("Tỉnh ủy Lạng Sơn"): capitalised syllables only, at least two.
  const bool committee =
      head->first.find("ủy") != std::string_view::npos || head->first.find("uỷ") != std::string_view::npos;
  std::size_t end = head->second;
  std::size_t q = scan::skip_spaces(s, end);
  bool after_capital = false;
  std::size_t name_words = 0;
  while (q < s.size() && name_words < 8) {
    const std::size_t we = word_end(s, q);
    if (we == q) break;
    const bool cap = upper_at(s, q);
    if (!cap && (committee || !(after_capital && !match_any(s, q, std::begin(kLevels), std::end(kLevels))))) break;
    after_capital = cap;
    end = we, ++name_words;
    q = scan::skip_spaces(s, we);
  }
  if (committee && name_words < 2) end = head->second, name_words = 0;
  BodyMatch m{scan::collapse_spaces(s.substr(pos, end - pos)), end};
  const std::size_t with_place = locality(s, end, m.display, false);
  const bool complete = name_words > 0 || with_place != end || committee;
  m.end = with_place;
  return complete ? std::optional<BodyMatch>(m) : std::nullopt;
}

}  // namespace

std::optional<BodyMatch> match_body(std::string_view s, std::size_t pos, const Tables& tables) {
  if (pos >= s.size()) return std::nullopt;
  if (const auto role = match_any(s, pos, std::begin(kRoles), std::end(kRoles)))
    return BodyMatch{scan::capitalize_first(role->first), role->second, true};
  if (const auto fixed = match_any(s, pos, std::begin(kFixed), std::end(kFixed))) {
    BodyMatch m{std::string(fixed->first), fixed->second};
    m.central = true;
    return m;
  }
  if (auto m = department(s, pos, tables)) return m;
  if (auto m = council(s, pos)) return m;
  return headed(s, pos);
}

std::vector<std::pair<std::size_t, std::size_t>> sentences(std::string_view s, std::size_t begin, std::size_t end) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  auto push = [&](std::size_t b, std::size_t e) {
    while (b < e && s[b] == ' ') ++b;
    while (e > b && s[e - 1] == ' ') --e;
    if (e > b) out.emplace_back(b, e);
  };
  std::size_t start = begin;
  for (std::size_t i = begin; i < end; ++i) {
    const char c = s[i];
    if (c != '.' && c != '!' && c != '?') continue;
    if (i + 1 < end && s[i + 1] != ' ') {
      if (s.compare(i, 3, "./.") == 0) {
        push(start, i + 3);
        start = i + 3;
        i += 2;
      }
      continue;
    }
    const std::size_t next = scan::skip_spaces(s, i + 1);
    if (next < end && !upper_at(s, next) && !(s[next] >= '0' && s[next] <= '9') && s[next] != '-' && s[next] != '(')
      continue;  // "v.v. và": no new sentence before a lower-case word
    push(start, i + 1);
    start = i + 1;
  }
  push(start, end);
  return out;
}

}  // namespace tracuu::indexer::extract_detail
