#include "bench/gen/notice.h"

#include <fmt/format.h>

#include <array>

#include "bench/gen/rng.h"
#include "bench/gen/variants.h"
#include "bench/gen/vocab.h"
#include "bench/vn_util.h"

namespace tracuu::bench::gen {
namespace {

enum class Issuer { Province, Department, Party, Council };

struct Date {
  int d, m, y;
};

// Everything one document's parts agree on.
struct Ctx {
  const SourcePool& pool;
  Rng rng;
  std::string province;
  Issuer issuer;
  Department dept;
  Date date;
  std::string chair, chair_position, number;
};

std::string person(Rng& r) {
  return fmt::format("{} {} {}", r.pick(kFamilyNames), r.pick(kMiddleNames), r.pick(kGivenNames));
}

Date random_date(Rng& r) {
  return {r.between(1, 28), r.between(1, 12), r.between(2019, 2026)};
}

std::string short_date(const Date& d) {
  return fmt::format("{}/{}/{}", d.d, d.m, d.y);
}
std::string long_date(const Date& d) {
  return fmt::format("ngày {:02} tháng {} năm {}", d.d, d.m, d.y);
}
std::string any_date(Rng& r, const Date& d) {
  return r.chance(0.5) ? "ngày " + short_date(d) : long_date(d);
}

std::string upper_ascii_first(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// The kind and issuer a cited number implies ("66/2025/NĐ-CP" -> Nghị định, Chính phủ).
std::pair<std::string_view, std::string_view> describe(const std::string& n) {
  struct Rule {
    std::string_view code, kind, issuer;
  };
  static constexpr std::array<Rule, 14> kRules = {{
      {"NĐ-CP", "Nghị định", "Chính phủ"},
      {"NQ-CP", "Nghị quyết", "Chính phủ"},
      {"QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ"},
      {"CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ"},
      {"/QH", "Luật", "Quốc hội"},
      {"NQ/TW", "Nghị quyết", "Bộ Chính trị"},
      {"KL/TW", "Kết luận", "Bộ Chính trị"},
      {"TT-BTC", "Thông tư", "Bộ Tài chính"},
      {"TT-", "Thông tư", "Bộ trưởng"},
      {"/TU", "Văn bản", "Tỉnh ủy"},
      {"QĐ-UBND", "Quyết định", "UBND tỉnh"},
      {"NQ-HĐND", "Nghị quyết", "HĐND tỉnh"},
      {"KH-UBND", "Kế hoạch", "UBND tỉnh"},
      {"CTr-UBND", "Chương trình", "UBND tỉnh"},
  }};
  for (const auto& r : kRules)
    if (n.find(r.code) != std::string::npos) return {r.kind, r.issuer};
  return {"Văn bản", "cơ quan có thẩm quyền"};
}

std::string citation(Ctx& c) {
  const std::string& n = c.rng.pick(c.pool.cited_numbers);
  const auto [kind, issuer] = describe(n);
  Date d = random_date(c.rng);
  d.y = std::min(d.y, c.date.y);
  return fmt::format("{} số {} {} của {}", kind, n, any_date(c.rng, d), issuer);
}

// A real sentence with its document numbers replaced by other real ones.
std::string sentence(Ctx& c, double notice_share) {
  const std::string& s =
      c.rng.chance(notice_share) ? c.rng.pick(c.pool.notice_sentences) : c.rng.pick(c.pool.legal_sentences);
  const auto found = find_doc_numbers(s);
  if (found.empty()) return s;
  std::string out;
  std::size_t pos = 0;
  for (auto [b, e] : found) {
    out.append(s, pos, b - pos).append(c.rng.pick(c.pool.cited_numbers));
    pos = e;
  }
  return out.append(s, pos);
}

std::string sentences(Ctx& c, int lo, int hi, double notice_share) {
  std::string out;
  for (int i = c.rng.between(lo, hi); i > 0; --i) {
    if (!out.empty()) out.push_back(' ');
    out += sentence(c, notice_share);
  }
  return out;
}

std::string topic(Ctx& c) {
  return c.rng.chance(0.6) || c.pool.subjects.empty() ? std::string(c.rng.pick(kTopics)) : c.rng.pick(c.pool.subjects);
}

std::string issuer_short(const Ctx& c) {
  switch (c.issuer) {
    case Issuer::Province: return "UBND tỉnh";
    case Issuer::Department: return std::string(c.dept.name);
    case Issuer::Party: return "Thường trực Tỉnh ủy";
    case Issuer::Council: return "HĐND tỉnh";
  }
  return "UBND tỉnh";
}

std::string make_number(Ctx& c, std::string_view kind_code) {
  const int n = c.rng.between(1, 3200);
  switch (c.issuer) {
    case Issuer::Party: return fmt::format("{}-{}/TU", n, kind_code == "CV" ? "CV" : kind_code);
    case Issuer::Council: return fmt::format("{}/{}/NQ-HĐND", n, c.date.y);
    case Issuer::Department:
      return kind_code == "CV" ? fmt::format("{}/{}-VP", n, c.dept.code)
                               : fmt::format("{}/{}-{}", n, kind_code, c.dept.code);
    case Issuer::Province:
      if (kind_code == "CV") return fmt::format("{}/UBND-{}", n, c.rng.pick(kOfficeCodes));
      if (kind_code == "QĐ" && c.rng.chance(0.2)) return fmt::format("{}/{}/QĐ-UBND", n % 80 + 1, c.date.y);
      return fmt::format("{}/{}-UBND", n, kind_code);
  }
  return std::to_string(n);
}

std::string header(Ctx& c, std::string_view kind_upper, const std::string& title) {
  std::string h;
  const std::string prov_upper = "TỈNH " + to_upper(c.province);
  switch (c.issuer) {
    case Issuer::Province: h = "ỦY BAN NHÂN DÂN\n" + prov_upper + "\n"; break;
    case Issuer::Department: h = "UBND " + prov_upper + "\n" + to_upper(c.dept.name) + "\n"; break;
    case Issuer::Party: h = "ĐẢNG BỘ " + prov_upper + "\nTỈNH ỦY\n*\n"; break;
    case Issuer::Council: h = "HỘI ĐỒNG NHÂN DÂN\n" + prov_upper + "\n"; break;
  }
  const std::string number = c.rng.chance(0.05) ? [&] {  // stray space before the slash, as in scanned notices
    std::string n = c.number;
    const auto slash = n.find('/');
    return slash == std::string::npos ? n : n.insert(slash, " ");
  }() : c.number;
  h += "Số: " + number + "\n";
  h += c.issuer == Issuer::Party ? "ĐẢNG CỘNG SẢN VIỆT NAM\n"
                                 : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n";
  h += fmt::format("{}, {}\n\n{}\n{}\n\n", c.province, long_date(c.date), kind_upper, title);
  return h;
}

std::string footer(Ctx& c) {
  std::string f = "\n\nNơi nhận:\n";
  for (int i = c.rng.between(2, 5); i > 0; --i) f += fmt::format("- {};\n", c.rng.pick(kRecipients));
  f += "- Lưu: VT.\n\n";
  if (c.issuer == Issuer::Party)
    f += "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\n";
  else if (c.issuer == Issuer::Council)
    f += "CHỦ TỊCH\n\n";
  else if (c.issuer == Issuer::Department)
    f += "GIÁM ĐỐC\n\n";
  else
    f +=
        c.rng.chance(0.5) ? "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\n" : "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n";
  return f + person(c.rng);
}

std::string numbered(Ctx& c, int lo, int hi, double notice_share, bool with_dept) {
  std::string out;
  const int n = c.rng.between(lo, hi);
  for (int i = 1; i <= n; ++i) {
    out += fmt::format("{}. {}", i, upper_ascii_first(topic(c)));
    if (with_dept) out += fmt::format(" ({} trình)", c.rng.pick(kDepartments).name);
    out += ".\n" + sentences(c, 1, 4, notice_share) + "\n";
    if (c.rng.chance(0.5))
      out += fmt::format(
          "Giao {} chủ trì, phối hợp với {} và các cơ quan liên quan triển khai thực hiện, báo cáo UBND tỉnh trước "
          "{}.\n",
          c.rng.pick(kDepartments).name, c.rng.pick(kDepartments).name, long_date(random_date(c.rng)));
  }
  return out;
}

std::pair<std::string, std::string> notice(Ctx& c) {
  std::string title;
  switch (c.rng.below(4)) {
    case 0: title = fmt::format("Kết luận Phiên họp UBND tỉnh thường kỳ tháng {} năm {}", c.date.m, c.date.y); break;
    case 1:
      title = fmt::format("Kết luận của đồng chí {}, {} tại buổi làm việc với {} về {}", c.chair, c.chair_position,
                          c.dept.name, topic(c));
      break;
    case 2: title = fmt::format("Ý kiến chỉ đạo của đồng chí {}, {} về {}", c.chair, c.chair_position, topic(c)); break;
    default: title = fmt::format("Kết luận của {} về {}", issuer_short(c), topic(c));
  }
  std::string body = fmt::format(
      "Ngày {}, {} tổ chức họp về {}; đồng chí {}, {} chủ trì; dự họp có đại diện lãnh đạo {}, {} và các cơ quan liên "
      "quan.\n"
      "Sau khi nghe {} báo cáo, ý kiến thảo luận của các thành viên dự họp, đồng chí {} kết luận như sau:\n\n",
      short_date(c.date), issuer_short(c), topic(c), c.chair, c.chair_position, c.rng.pick(kDepartments).name,
      c.rng.pick(kDepartments).name, c.dept.name, c.chair);
  body += numbered(c, 2, 6, 0.7, true);
  body += fmt::format("\n{} thông báo để các cơ quan, đơn vị biết, thực hiện./.", issuer_short(c));
  return {title, body};
}

std::pair<std::string, std::string> report(Ctx& c) {
  static constexpr std::array<std::string_view, 7> kAreas = {
      "Sản xuất nông, lâm nghiệp", "Công nghiệp, xây dựng", "Thương mại, dịch vụ, du lịch",      "Thu, chi ngân sách",
      "Văn hóa - xã hội",          "Quốc phòng, an ninh",   "Cải cách hành chính, chuyển đổi số"};
  const std::string title = c.rng.chance(0.5)
                                ? fmt::format("Tình hình kinh tế - xã hội tháng {} năm {}, nhiệm vụ trọng tâm tháng {}",
                                              c.date.m, c.date.y, c.date.m % 12 + 1)
                                : fmt::format("Kết quả thực hiện {} năm {}", topic(c), c.date.y);
  std::string body = "I. KẾT QUẢ ĐẠT ĐƯỢC\n";
  const int areas = c.rng.between(2, 5);
  for (int i = 1; i <= areas; ++i) {
    body += fmt::format("{}. {}\n{}\n", i, c.rng.pick(kAreas), sentences(c, 1, 3, 0.8));
    body += fmt::format("Ước thực hiện {} đạt {} tỷ đồng, bằng {}% kế hoạch, tăng {},{}% so với cùng kỳ năm {}.\n",
                        topic(c), c.rng.between(12, 9800), c.rng.between(35, 120), c.rng.between(0, 25),
                        c.rng.between(0, 9), c.date.y - 1);
  }
  body += "II. TỒN TẠI, HẠN CHẾ\n" + sentences(c, 1, 3, 0.7) + "\nIII. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM\n";
  body += numbered(c, 2, 4, 0.7, false);
  return {title, body};
}

std::string legal_basis(Ctx& c) {
  std::string out = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\n";
  for (int i = c.rng.between(1, 3); i > 0; --i) out += "Căn cứ " + citation(c) + ";\n";
  return out;
}

std::pair<std::string, std::string> decision(Ctx& c) {
  const std::string subject = topic(c);
  std::string title;
  switch (c.rng.below(3)) {
    case 0: title = "Về việc phê duyệt " + subject; break;
    case 1: title = "Ban hành Quy chế " + subject; break;
    default: title = fmt::format("Về việc giao chỉ tiêu kế hoạch {} năm {}", subject, c.date.y);
  }
  std::string body = c.issuer == Issuer::Department ? "GIÁM ĐỐC " + to_upper(c.dept.name) + "\n\n"
                                                    : "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH " + to_upper(c.province) + "\n\n";
  body += legal_basis(c);
  body += fmt::format("Theo đề nghị của Giám đốc {} tại Tờ trình số {}/TTr-{} {}.\n\nQUYẾT ĐỊNH:\n\n", c.dept.name,
                      c.rng.between(10, 900), c.dept.code, long_date(c.date));
  body += fmt::format("Điều 1. {}.\n{}\n", upper_ascii_first(title), sentences(c, 2, 6, 0.2));
  body += "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n";
  body += fmt::format(
      "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc {}, Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi "
      "hành Quyết định này./.",
      c.dept.name);
  return {title, body};
}

std::pair<std::string, std::string> resolution(Ctx& c) {
  const std::string title = c.rng.chance(0.5)
                                ? fmt::format("Quy định {} trên địa bàn tỉnh {}", topic(c), c.province)
                                : fmt::format("Về nhiệm vụ phát triển kinh tế - xã hội năm {}", c.date.y + 1);
  const int session = c.rng.between(2, 30);
  std::string body =
      c.issuer == Issuer::Council
          ? fmt::format("HỘI ĐỒNG NHÂN DÂN TỈNH {}\nKHÓA XVII, KỲ HỌP THỨ {}\n\n", to_upper(c.province), session)
          : "";
  body += legal_basis(c) + "\nQUYẾT NGHỊ:\n\n";
  const int articles = c.rng.between(2, 6);
  for (int i = 1; i <= articles; ++i) body += fmt::format("Điều {}. {}\n", i, sentences(c, 1, 4, 0.2));
  body += fmt::format("Nghị quyết này đã được {} tỉnh {} thông qua {} và có hiệu lực từ {}./.", issuer_short(c),
                      c.province, long_date(c.date), long_date(random_date(c.rng)));
  return {title, body};
}

std::pair<std::string, std::string> plan(Ctx& c) {
  const std::string cited = citation(c);
  const std::string title = c.rng.chance(0.5) ? "Triển khai thực hiện " + cited.substr(0, cited.find(" ngày"))
                                              : fmt::format("Thực hiện {} năm {}", topic(c), c.date.y);
  std::string body = fmt::format("Thực hiện {}, {} ban hành Kế hoạch thực hiện như sau:\n\n", cited, issuer_short(c));
  body += "I. MỤC ĐÍCH, YÊU CẦU\n" + sentences(c, 2, 4, 0.5) + "\nII. NHIỆM VỤ, GIẢI PHÁP\n";
  for (int i = c.rng.between(2, 5); i > 0; --i) body += "- " + sentence(c, 0.5) + "\n";
  body += "III. TỔ CHỨC THỰC HIỆN\n";
  for (int i = 1, n = c.rng.between(2, 4); i <= n; ++i)
    body += fmt::format("{}. {}: {}\n", i, c.rng.pick(kDepartments).name, sentence(c, 0.5));
  return {title, body};
}

std::pair<std::string, std::string> letter(Ctx& c) {
  const std::string title = "V/v " + topic(c);
  std::string body =
      fmt::format("Kính gửi:\n- {};\n- {}.\n\n", c.rng.pick(kDepartments).name, c.rng.pick(kDepartments).name);
  body +=
      fmt::format("Thực hiện {}; xét đề nghị của {} tại Văn bản số {}/{}-VP {}, {} có ý kiến như sau:\n", citation(c),
                  c.dept.name, c.rng.between(10, 3000), c.dept.code, long_date(c.date), issuer_short(c));
  for (int i = 1, n = c.rng.between(1, 3); i <= n; ++i) body += fmt::format("{}. {}\n", i, sentences(c, 1, 2, 0.6));
  body += "Yêu cầu các cơ quan, đơn vị triển khai thực hiện./.";
  return {title, body};
}

}  // namespace

GeneratedDoc make_document(const SourcePool& pool, std::uint64_t seed, std::size_t index) {
  Ctx c{pool, Rng::for_item(seed, index), "", Issuer::Province, {}, {}, "", "", ""};
  c.province = c.rng.chance(0.2) ? std::string(kProvinces[0]) : std::string(c.rng.pick(kProvinces));
  c.dept = c.rng.pick(kDepartments);
  c.date = random_date(c.rng);
  c.chair = person(c.rng);
  c.chair_position = c.rng.pick(kPositions);
  // Kind mix of a provincial document flow: many letters and notices, fewer resolutions.
  const std::size_t roll = c.rng.below(100);
  struct Kind {
    std::string_view name, upper, code;
    std::pair<std::string, std::string> (*build)(Ctx&);
  };
  static constexpr std::array<Kind, 6> kKinds = {{{"Công văn", "", "CV", letter},
                                                  {"Thông báo", "THÔNG BÁO", "TB", notice},
                                                  {"Báo cáo", "BÁO CÁO", "BC", report},
                                                  {"Quyết định", "QUYẾT ĐỊNH", "QĐ", decision},
                                                  {"Nghị quyết", "NGHỊ QUYẾT", "NQ", resolution},
                                                  {"Kế hoạch", "KẾ HOẠCH", "KH", plan}}};
  const Kind& kind = kKinds[roll < 25 ? 0 : roll < 50 ? 1 : roll < 62 ? 2 : roll < 80 ? 3 : roll < 88 ? 4 : 5];
  const std::size_t who = c.rng.below(100);
  if (kind.code == "NQ")
    c.issuer = who < 60 ? Issuer::Council : Issuer::Party;
  else if (kind.code == "TB" || kind.code == "KH")
    c.issuer = who < 60 ? Issuer::Province : who < 85 ? Issuer::Department : Issuer::Party;
  else
    c.issuer = who < 65 ? Issuer::Province : Issuer::Department;
  c.number = make_number(c, kind.code);

  auto [title, body] = kind.build(c);
  GeneratedDoc doc;
  doc.id = fmt::format("gen-{:07}", index);
  doc.kind = std::string(kind.name);
  doc.number = c.number;
  doc.text = header(c, kind.upper, title) + body + footer(c);
  doc.title = std::move(title);
  // Spelling as found in real collections: tone placement varies by author and
  // era; some documents are typed without diacritics or arrive in NFD.
  const std::size_t spelling = c.rng.below(100);
  const ToneStyle style = spelling < 30 ? ToneStyle::Old : spelling < 60 ? ToneStyle::New : ToneStyle::AsWritten;
  doc.text = apply_tone_style(doc.text, style);
  doc.title = apply_tone_style(doc.title, style);
  const std::size_t form = c.rng.below(100);
  if (form < 3) {
    doc.text = strip_marks(doc.text);
    doc.title = strip_marks(doc.title);
  } else if (form < 5) {
    doc.text = to_nfd(doc.text);
  }
  return doc;
}

}  // namespace tracuu::bench::gen
