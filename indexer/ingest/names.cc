// Display forms: organisations, signing positions, people, document types.
#include <algorithm>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/scan.h"
#include "text/tokenizer.h"
#include "text/word.h"

namespace tracuu::indexer::extract_detail {
namespace {

// Signing positions (chức vụ) as printed in title case; longest first where one extends another.
constexpr std::string_view kPositions[] = {"Phó Chủ tịch Thường trực",
                                           "Chủ tịch Quốc hội",
                                           "Phó Chủ tịch Quốc hội",
                                           "Chủ tịch nước",
                                           "Phó Chủ tịch nước",
                                           "Tổng Kiểm toán nhà nước",
                                           "Phó Tổng Kiểm toán nhà nước",
                                           "Phó Thủ tướng Thường trực",
                                           "Thủ tướng Chính phủ",
                                           "Phó Thủ tướng Chính phủ",
                                           "Phó Chánh Văn phòng",
                                           "Chánh Văn phòng",
                                           "Phó Tổng cục trưởng",
                                           "Tổng cục trưởng",
                                           "Phó Tổng Giám đốc",
                                           "Tổng Giám đốc",
                                           "Phó Tổng Thanh tra",
                                           "Tổng Thanh tra",
                                           "Phó Chánh Thanh tra",
                                           "Chánh Thanh tra",
                                           "Phó Tổng Bí thư",
                                           "Tổng Bí thư",
                                           "Phó Bí thư",
                                           "Bí thư",
                                           "Phó Chủ tịch",
                                           "Chủ tịch",
                                           "Phó Thủ tướng",
                                           "Thủ tướng",
                                           "Bộ trưởng",
                                           "Thứ trưởng",
                                           "Phó Chủ nhiệm",
                                           "Chủ nhiệm",
                                           "Phó Giám đốc",
                                           "Giám đốc",
                                           "Phó Cục trưởng",
                                           "Cục trưởng",
                                           "Phó Vụ trưởng",
                                           "Vụ trưởng",
                                           "Phó Chánh án",
                                           "Chánh án",
                                           "Phó Viện trưởng",
                                           "Viện trưởng",
                                           "Phó Thống đốc",
                                           "Thống đốc",
                                           "Phó Trưởng ban",
                                           "Trưởng ban",
                                           "Phó Trưởng phòng",
                                           "Trưởng phòng",
                                           "Phó Hiệu trưởng",
                                           "Hiệu trưởng",
                                           "Phó Trưởng đoàn",
                                           "Trưởng đoàn",
                                           "Tổng Thư ký",
                                           "Chủ tọa",
                                           "Trưởng đoàn kiểm tra",
                                           "Ủy viên",
                                           "Thư ký"};

// Military and academic ranks printed before names.
constexpr std::string_view kRanks[] = {"đại tướng", "thượng tướng", "trung tướng", "thiếu tướng", "đại tá", "thượng tá",
                                       "trung tá",  "thiếu tá",     "gs.ts.",      "pgs.ts.",     "gs.",    "pgs.",
                                       "ts.",       "ths.",         "tskh.",       "đồng chí",    "ông"};

// Words after which a name part starts with a capital: heads of bodies, "và", localities.
bool capitalises_next(std::string_view lower_word) {
  static constexpr std::string_view kWords[] = {"sở",  "bộ",   "cục",    "vụ", "ban",  "đài",
                                                "báo", "viện", "trường", "và", "tổng", "chi"};
  return std::find(std::begin(kWords), std::end(kWords), lower_word) != std::end(kWords);
}
bool is_locality(std::string_view lower_word) {
  static constexpr std::string_view kWords[] = {"tỉnh", "phố", "huyện", "quận", "xã", "phường", "trấn"};
  return std::find(std::begin(kWords), std::end(kWords), lower_word) != std::end(kWords);
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t sp = s.find(' ', start);
    const std::size_t end = sp == std::string_view::npos ? s.size() : sp;
    if (end > start) words.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// Casing of known phrases (the expansions of organisation abbreviations: "Ủy ban nhân dân", "Ban Thường vụ").
void apply_expansion_case(std::vector<std::string>& words, const text::Abbreviations& abbreviations) {
  std::vector<std::string> folded;
  for (const auto& w : words) folded.push_back(text::fold(w));
  for (std::size_t i = 0; i < words.size();) {
    const auto m = abbreviations.match_at(folded, i);
    if (!m || !m->is_expansion || m->entry->kind != text::AbbreviationKind::Organization) {
      ++i;
      continue;
    }
    for (const std::string& expansion : m->entry->expansions) {
      const auto exp_words = split_words(expansion);
      if (exp_words.size() != m->length) continue;
      for (std::size_t k = 0; k < m->length; ++k) words[i + k] = exp_words[k];
      break;
    }
    i += m->length;
  }
}

// Lower case, then capitals where Vietnamese names put them.
std::string recase_org(std::string_view name, const text::Abbreviations& abbreviations) {
  std::vector<std::string> words = split_words(name);
  std::vector<bool> keep(words.size(), false);
  for (std::size_t i = 0; i < words.size(); ++i) {
    // Abbreviations (UBND, HĐND, TP.) stay as written.
    keep[i] = scan::count_chars(words[i]) <= 5 &&
              abbreviations.find_abbreviation(std::vector<std::string>{text::fold(words[i])}).size() > 0;
    if (!keep[i]) words[i] = scan::to_lower(words[i]);
  }
  bool place = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (keep[i]) continue;
    const bool after_head = i > 0 && capitalises_next(scan::to_lower(words[i - 1]));
    if (i == 0 || place || after_head) words[i] = scan::capitalize_first(words[i]);
    if (is_locality(words[i])) place = true;
  }
  apply_expansion_case(words, abbreviations);
  if (!words.empty()) words[0] = scan::capitalize_first(words[0]);
  std::string out;
  for (const auto& w : words) out.append(out.empty() ? "" : " ").append(w);
  return out;
}

}  // namespace

std::string display_org(std::string_view name, const Tables& tables) {
  const std::string clean = scan::collapse_spaces(name);
  if (auto c = tables.issuers.canonical(clean)) return *c;
  if (auto body = match_body(clean, 0, tables); body && body->end == clean.size() && !scan::is_caps(body->display))
    return body->display;
  return scan::is_caps(clean, 2) ? recase_org(clean, tables.abbreviations) : clean;
}

std::size_t position_prefix(std::string_view s) {
  std::size_t best = 0;
  for (std::string_view p : kPositions) {
    std::size_t end = 0;
    if (scan::match_word_ci(s, 0, p, &end)) best = std::max(best, end);
  }
  for (std::string_view r : kRanks) {
    std::size_t end = 0;
    if (scan::match_word_ci(s, 0, r, &end) ||
        (r.back() == '.' && s.size() >= r.size() && scan::to_lower(s.substr(0, r.size())) == r))
      best = std::max(best, end ? end : r.size());
  }
  return best;
}

std::optional<std::string> display_position(std::string_view text, const Tables& tables) {
  const std::string clean = scan::collapse_spaces(scan::strip_trailing_punct(text));
  const std::string slug = schema::slug(clean);
  std::string_view best;
  for (std::string_view p : kPositions) {
    const std::string code = schema::slug(p);
    if ((slug == code || slug.rfind(code + "-", 0) == 0) && p.size() > best.size()) best = p;
  }
  if (best.empty()) return std::nullopt;
  // The rest, when any, names a body ("BỘ TRƯỞNG BỘ TÀI CHÍNH"): skip as many words as the position has.
  const std::size_t words = static_cast<std::size_t>(std::count(best.begin(), best.end(), ' ')) + 1;
  std::size_t pos = 0;
  for (std::size_t k = 0; k < words && pos != std::string::npos; ++k) pos = clean.find(' ', pos + (k ? 1 : 0));
  std::string out(best);
  if (pos != std::string::npos && pos + 1 < clean.size()) out += " " + display_org(clean.substr(pos + 1), tables);
  return out;
}

std::optional<std::string> person_name(std::string_view s) {
  const std::string clean = scan::without_parentheses(s);
  std::string_view v = clean;
  if (const auto comma = v.find(','); comma != std::string_view::npos) v = scan::trim(v.substr(0, comma));
  for (std::size_t n; (n = position_prefix(v)) > 0;) v = scan::trim(v.substr(n));
  // A position printed after the name on the same line: "Lương Tam Quang Bộ trưởng Bộ Công an".
  for (std::size_t sp = v.find(' '); sp != std::string_view::npos; sp = v.find(' ', sp + 1))
    if (position_prefix(v.substr(sp + 1)) > 0) {
      v = v.substr(0, sp);
      break;
    }
  std::string name = scan::collapse_spaces(v);
  if (scan::is_caps(name)) name = scan::to_title_case(name);
  const auto words = split_words(name);
  if (words.size() < 2 || words.size() > 6) return std::nullopt;
  for (const auto& w : words) {
    std::size_t len = 0;
    if (!scan::is_upper(scan::code_point_at(w, 0, len))) return std::nullopt;
    for (std::size_t i = 0; i < w.size(); i += len)
      if (!scan::is_letter(scan::code_point_at(w, i, len))) return std::nullopt;
  }
  return name;
}

bool has_family_name(std::string_view name) {
  static constexpr std::string_view kFamilies[] = {
      "nguyễn", "trần",  "lê",    "phạm",  "hoàng", "huỳnh", "phan",  "vũ",     "võ",     "đặng",   "bùi",   "đỗ",
      "hồ",     "ngô",   "dương", "lý",    "đào",   "đoàn",  "vương", "trịnh",  "trương", "lâm",    "phùng", "mai",
      "tô",     "hà",    "tạ",    "lương", "đinh",  "quách", "cao",   "thái",   "lưu",    "châu",   "kiều",  "chu",
      "tăng",   "văn",   "triệu", "khổng", "lục",   "nông",  "hứa",   "thân",   "giang",  "bạch",   "la",    "lò",
      "lã",     "đàm",   "diệp",  "doãn",  "hầu",   "kim",   "mạc",   "nghiêm", "ninh",   "quan",   "tôn",   "từ",
      "vi",     "viên",  "âu",    "ông",   "bế",    "chử",   "đồng",  "hàn",    "khúc",   "lạc",    "lỗ",    "mã",
      "tiêu",   "trình", "tống",  "yên",   "phó",   "phí",   "sầm",   "hồng",   "lại",    "phương", "nhữ",   "khương",
      "cù",     "đường", "thạch", "danh",  "sơn",   "y",     "ksor",  "rơ",     "nay",    "điểu",   "lầu",   "sùng",
      "giàng",  "vừ",    "thào",  "mùa",   "hảng",  "cứ",    "lù",    "lường",  "cầm",    "hoàng",  "quàng", "tòng",
      "nịnh",   "dư",    "kha",   "kiêm",  "an",    "ân",    "bàn",   "chẩu",   "đàng",   "giáp",   "hoa",   "khuất",
      "linh",   "lỳ",    "mạch",  "mẫn",   "nhâm",  "ôn",    "quản",  "tào",    "thiều",  "tiết",   "trà",   "trang",
      "ứng",    "vòng",  "xa"};
  const std::string first = scan::to_lower(name.substr(0, name.find(' ')));
  return std::find(std::begin(kFamilies), std::end(kFamilies), first) != std::end(kFamilies);
}

// "Nghị định sửa đổi", "Quyết định của Thủ tướng Chính phủ": the type is the longest known leading words.
std::optional<std::string> leading_doc_type(std::string_view s) {
  std::string_view v = scan::trim(s);
  for (int words = 0; words < 8 && !v.empty(); ++words) {
    if (auto t = schema::canonical_doc_type(v)) return t;
    const std::size_t sp = v.rfind(' ');
    if (sp == std::string_view::npos) break;
    v = v.substr(0, sp);
  }
  return std::nullopt;
}

std::optional<std::string> doc_type_of_code(std::string_view code, const text::Abbreviations& abbreviations) {
  std::string folded = text::fold(code);
  while (!folded.empty() && folded.back() >= '0' && folded.back() <= '9') folded.pop_back();  // QH14
  if (folded.empty()) return std::nullopt;
  for (const text::Abbreviation* a : abbreviations.find_abbreviation(std::vector<std::string>{folded}))
    if (a->kind == text::AbbreviationKind::DocType && !a->expansions.empty())
      return schema::canonical_doc_type(a->expansions.front());
  return std::nullopt;
}

std::size_t delegation_length(std::string_view s) {
  static constexpr std::string_view kMarks[] = {"TM.", "KT.", "TL.", "TUQ.", "Q.", "PP.", "T/M", "K/T", "T/L"};
  for (std::string_view m : kMarks)
    if (s.substr(0, m.size()) == m && s.size() > m.size() + 1) return scan::skip_spaces(s, m.size());
  return 0;
}

std::string display_delegation(std::string_view line, const Tables& tables) {
  const std::size_t n = delegation_length(line);
  std::string mark(scan::trim(line.substr(0, n)));
  mark.erase(std::remove(mark.begin(), mark.end(), '/'), mark.end());
  if (mark.back() != '.') mark.push_back('.');  // T/M -> TM.
  const std::string_view rest = scan::strip_trailing_punct(line.substr(n));
  const auto position = display_position(rest, tables);
  return mark + " " + (position ? *position : display_org(rest, tables));
}

}  // namespace tracuu::indexer::extract_detail
