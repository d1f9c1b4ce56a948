#include "bench/relevance_sets.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>

#include "bench/corpus_reader.h"
#include "bench/vn_util.h"

namespace tracuu::bench {
namespace {

std::string first_token(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_first_of(" \t(", b);
  return std::string(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}

// A document type: its word as written in a sentence, and its usual abbreviation
// (marked, lower case); an empty abbreviation means people write the word ("luật").
struct DocType {
  std::string word, abbr;
};

// The type from the number's code ("NĐ-CP" -> nghị định) or, for codes that several
// types share (QH15: laws and resolutions), from loai_van_ban.
std::optional<DocType> doc_type_of(const std::string& suffix, std::string_view loai) {
  const std::string code = number_key(split(suffix, '-')[0]);
  const std::string type = to_lower(strip_marks(loai));
  if (code == "ND") return DocType{"nghị định", "nđ"};
  if (code == "TT") return DocType{"thông tư", "tt"};
  if (code == "QD") return DocType{"quyết định", "qđ"};
  if (code == "NQ") return DocType{"nghị quyết", "nq"};
  if (code == "CD") return DocType{"công điện", "cđ"};
  if (code == "TB") return DocType{"thông báo", "tb"};
  if (code == "PL") return DocType{"pháp lệnh", "pl"};
  if (code.rfind("QH", 0) == 0 || code.rfind("UBTVQH", 0) == 0) {
    if (type.rfind("luat", 0) == 0) return DocType{"luật", ""};
    if (type.rfind("nghi quyet", 0) == 0) return DocType{"nghị quyết", "nq"};
    if (type.rfind("phap lenh", 0) == 0) return DocType{"pháp lệnh", "pl"};
  }
  return std::nullopt;
}

// The number a title opens with, as the document's own ("Nghị định 241/2026/NĐ-CP sửa
// đổi Nghị định 165/2024/NĐ-CP ..." -> 241/2026/NĐ-CP): optional type words and "số",
// then the number. Empty when the title opens with anything else.
std::string title_number(const std::string& title) {
  const auto words = query_words(strip_marks(title));
  static const std::set<std::string> lead = {"nghi", "dinh", "thong", "tu", "quyet", "luat", "so", "phap", "lenh"};
  std::size_t skip = 0;
  while (skip < words.size() && lead.count(words[skip])) ++skip;
  if (skip >= words.size() || !all_digits(words[skip])) return "";
  // Find the same token in the title text: the first run starting with a digit after the lead words.
  std::size_t pos = 0;
  for (std::size_t i = 0; i < title.size(); ++i) {
    if (title[i] >= '0' && title[i] <= '9') {
      pos = i;
      break;
    }
  }
  std::string tok = first_token(std::string_view(title).substr(pos));
  while (!tok.empty() && (tok.back() == ':' || tok.back() == ',' || tok.back() == '.')) tok.pop_back();
  return tok.find('/') == std::string::npos ? "" : tok;
}

std::string cap_bytes(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  s.resize(max);
  while (!s.empty() && s.back() != ' ') s.pop_back();  // cut at a word boundary
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// 8-word shingles of a text's words (query_words: lower case, letters and digits only).
constexpr std::size_t kShingle = 8;
std::vector<std::uint64_t> shingles(std::string_view text) {
  const auto words = query_words(text);
  std::vector<std::uint64_t> out;
  if (words.size() < kShingle) return out;
  std::vector<std::uint64_t> h(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) h[i] = std::hash<std::string>{}(words[i]);
  for (std::size_t i = 0; i + kShingle <= words.size(); ++i) {
    std::uint64_t x = 1469598103934665603ull;
    for (std::size_t k = 0; k < kShingle; ++k) x = (x ^ h[i + k]) * 1099511628211ull;
    out.push_back(x);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<JudgedQuery> read_judged_set(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<JudgedQuery> out;
  std::set<std::string> qids;
  std::size_t line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(line_no);
    try {
      const auto j = nlohmann::json::parse(line);
      if (!j.is_object() || j.empty()) throw std::runtime_error("not a JSON object");
      if (j.begin().key().rfind('_', 0) == 0) continue;  // {"_rule": ...}
      JudgedQuery q;
      q.qid = j.at("qid").get<std::string>();
      q.query = j.at("query").get<std::string>();
      q.category = j.value("category", "");
      if (j.contains("judgments")) {
        for (const auto& r : j.at("judgments")) q.relevant[r.at("id").get<std::string>()] = r.at("grade").get<int>();
      } else if (j.at("relevant").is_array()) {
        for (const auto& r : j.at("relevant")) q.relevant[r.get<std::string>()] = 1;
      } else {
        for (const auto& [id, g] : j.at("relevant").items()) q.relevant[id] = g.get<int>();
      }
      if (q.query.empty()) throw std::runtime_error("empty query");
      if (!qids.insert(q.qid).second) throw std::runtime_error("qid " + q.qid + " repeated");
      out.push_back(std::move(q));
    } catch (const std::exception& e) {
      throw std::runtime_error(where + ": " + e.what());
    }
  }
  return out;
}

void write_judged_set(const std::string& path, const std::string& rule, const std::vector<JudgedQuery>& queries) {
  std::ofstream out(path);
  out << nlohmann::json{{"_rule", rule}}.dump() << '\n';
  for (const auto& q : queries) {
    nlohmann::json rel = nlohmann::json::object();
    for (const auto& [id, g] : q.relevant) rel[id] = g;
    out << nlohmann::json{{"qid", q.qid}, {"query", q.query}, {"category", q.category}, {"relevant", rel}}.dump()
        << '\n';
  }
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

std::string number_key(std::string_view number) {
  std::string out = to_upper(strip_marks(first_token(number)));
  out.erase(std::remove(out.begin(), out.end(), ' '), out.end());
  return out;
}

std::vector<NumberSpelling> number_spellings(std::string_view number, std::string_view doc_type) {
  const std::string canonical = first_token(number);
  std::vector<NumberSpelling> out;
  auto add = [&](std::string kind, std::string text) {
    for (const auto& s : out)
      if (to_lower(s.text) == to_lower(text)) return;  // case does not make another spelling
    out.push_back({std::move(kind), std::move(text)});
  };
  add("number", canonical);
  add("number_ascii", strip_marks(canonical));
  const auto parts = split(canonical, '/');
  if (parts.size() < 2 || parts[0].empty()) return out;
  const bool has_year = parts.size() == 3 && parts[1].size() == 4 && all_digits(parts[1]);
  const auto type = doc_type_of(parts.back(), doc_type);
  if (!type) return out;
  const std::string abbr = type->abbr.empty() ? type->word : type->abbr;
  if (has_year) {
    const std::string n = parts[0], y = parts[1];
    add("abbr_num_year", to_lower(strip_marks(abbr)) + " " + n + " " + y);  // nd 168 2024
    const std::string upper_abbr = type->abbr.empty() ? "Luật" : to_upper(abbr);
    add("abbr_num/year", upper_abbr + " " + n + "/" + y);                     // NĐ 168/2024
    add("type_num/year", type->word + " " + n + "/" + y);                     // nghị định 168/2024
    add("type_num/year_ascii", strip_marks(type->word) + " " + n + "/" + y);  // nghi dinh 168/2024
  } else {
    add("abbr_number_lower", to_lower(strip_marks(abbr + " " + canonical)));  // qd 1255/qd-ttg
  }
  add("type_so_number", type->word + " số " + canonical);  // nghị định số 168/2024/NĐ-CP
  return out;
}

KnownItemSets make_known_item_sets(const std::string& vn_legal_path) {
  struct Doc {
    std::string id, title, number, key, type, issuer;
    bool stub = false;
  };
  std::vector<Doc> docs;
  for_each_jsonl_record(vn_legal_path, [&](const nlohmann::json& j) {
    Doc d;
    d.id = j.at("id").get<std::string>();
    d.title = j.value("title", "");
    const auto& meta = j.contains("meta") ? j.at("meta") : nlohmann::json::object();
    if (meta.contains("so_hieu") && meta.at("so_hieu").is_string()) d.number = meta.at("so_hieu").get<std::string>();
    if (meta.contains("loai_van_ban") && meta.at("loai_van_ban").is_string())
      d.type = meta.at("loai_van_ban").get<std::string>();
    for (const char* k : {"co_quan_ban_hanh", "noi_ban_hanh"})
      if (d.issuer.empty() && meta.contains(k) && meta.at(k).is_string()) d.issuer = meta.at(k).get<std::string>();
    d.stub = meta.value("stub", false);
    d.key = number_key(d.number.empty() ? title_number(d.title) : d.number);
    docs.push_back(std::move(d));
    return true;
  });
  std::map<std::string, std::vector<std::size_t>> by_key, by_title;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (!docs[i].key.empty()) by_key[docs[i].key].push_back(i);
    by_title[to_lower(strip_marks(docs[i].title))].push_back(i);
  }
  auto copies = [&](const Doc& d) {
    std::map<std::string, int> rel{{d.id, 1}};
    if (!d.key.empty())
      for (auto i : by_key[d.key]) rel[docs[i].id] = 1;
    return rel;
  };
  // Type + number + year without the issuer ("thông tư 30/2026") -> the documents it names, which
  // are several when ministries number their circulars alike.
  auto shorthand = [&](const Doc& d) -> std::string {
    for (const auto& s : number_spellings(d.number.empty() ? title_number(d.title) : d.number, d.type))
      if (s.kind == "type_num/year") return to_lower(strip_marks(s.text));
    return {};
  };
  std::map<std::string, std::set<std::string>> keys_of_shorthand;
  std::map<std::string, std::map<std::string, int>> named_by_shorthand;
  for (const auto& d : docs) {
    if (d.key.empty() || d.stub) continue;
    if (const auto sh = shorthand(d); !sh.empty()) {
      keys_of_shorthand[sh].insert(d.key);
      named_by_shorthand[sh][d.id] = 1;
    }
  }
  static const std::set<std::string> shorthand_kinds = {"abbr_num_year", "abbr_num/year", "type_num/year",
                                                        "type_num/year_ascii"};
  KnownItemSets sets;
  std::size_t n = 0, t = 0;
  for (const auto& d : docs) {
    if (d.number.empty() || d.stub) continue;
    ++n;
    const std::string sh = shorthand(d);
    const bool shared = !sh.empty() && keys_of_shorthand[sh].size() > 1;
    for (const auto& s : number_spellings(d.number, d.type)) {
      char qid[64];
      std::snprintf(qid, sizeof qid, "n%03zu-%s", n, s.kind.c_str());
      if (shared && shorthand_kinds.count(s.kind)) {
        sets.shared_numbers.push_back({qid, s.text, s.kind, named_by_shorthand[sh]});
        if (s.kind == "type_num/year" && !d.issuer.empty()) {
          std::snprintf(qid, sizeof qid, "n%03zu-type_num/year_issuer", n);
          sets.numbers.push_back({qid, s.text + " " + d.issuer, "type_num/year_issuer", copies(d)});
        }
        continue;
      }
      sets.numbers.push_back({qid, s.text, s.kind, copies(d)});
    }
  }
  for (const auto& d : docs) {
    if (d.stub) continue;
    // A title that is only a number and type words is a number query, not a title one.
    std::string rest = to_lower(strip_marks(d.title));
    const auto words = query_words(rest);
    std::size_t content = 0;
    static const std::set<std::string> noise = {"nghi", "dinh", "thong", "tu", "quyet", "luat", "so",
                                                "nd",   "cp",   "tt",    "qd", "nq",    "ttg"};
    for (const auto& w : words)
      if (!noise.count(w) && !all_digits(w) && w.size() > 1) ++content;
    if (content < 2) continue;
    auto rel = copies(d);
    for (auto i : by_title[rest]) rel[docs[i].id] = 1;
    char qid[32];
    std::snprintf(qid, sizeof qid, "t%03zu", ++t);
    sets.titles.push_back({qid, cap_bytes(strip_marks(d.title), 2000), "title", rel});
  }
  return sets;
}

std::size_t VerbatimFinder::add_passage(std::string_view text) {
  const std::size_t index = shingle_count_.size();
  const auto sh = shingles(text);
  shingle_count_.push_back(sh.size());
  if (sh.size() >= min_shingles_)
    for (auto h : sh) shingles_[h].push_back(index);
  return index;
}

std::vector<std::size_t> VerbatimFinder::passages_in(std::string_view text) const {
  std::map<std::size_t, std::size_t> found;  // passage -> distinct shingles found
  for (auto h : shingles(text))
    if (const auto it = shingles_.find(h); it != shingles_.end())
      for (auto p : it->second) ++found[p];
  std::vector<std::size_t> out;
  for (const auto& [p, k] : found)
    if (static_cast<double>(k) >= min_share_ * static_cast<double>(shingle_count_[p])) out.push_back(p);
  return out;
}

}  // namespace tracuu::bench
