#include "bench/gen/source_pool.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>

#include "bench/corpus_reader.h"

namespace tracuu::bench::gen {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Upper-case ASCII or the lead byte of Đ (C4 90), the only non-ASCII letter in codes.
std::size_t code_letter_len(const std::string& s, std::size_t i) {
  if (i < s.size() && s[i] >= 'A' && s[i] <= 'Z') return 1;
  if (i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC4 && static_cast<unsigned char>(s[i + 1]) == 0x90)
    return 2;
  return 0;
}

// A code starts with a capital and may carry digits: "TB", "NĐ", "QH14".
std::size_t skip_code(const std::string& s, std::size_t i) {
  if (code_letter_len(s, i) == 0) return i;
  std::size_t n;
  while ((n = code_letter_len(s, i)) > 0 || (i < s.size() && is_digit(s[i]))) i += n ? n : 1;
  return i;
}

// Matches a number starting at i; returns its end or i when there is none.
std::size_t match_number(const std::string& s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && is_digit(s[j])) ++j;
  if (j == i || j - i > 5 || j >= s.size()) return i;
  if (s[j] == '-') {  // party style: 49-NQ/TU
    const std::size_t k = skip_code(s, j + 1);
    if (k == j + 1 || k >= s.size() || s[k] != '/') return i;
    const std::size_t m = skip_code(s, k + 1);
    return m > k + 1 ? m : i;
  }
  if (s[j] != '/') return i;
  std::size_t k = j + 1;
  if (k + 4 < s.size() &&
      std::all_of(s.begin() + static_cast<long>(k), s.begin() + static_cast<long>(k + 4), is_digit) && s[k + 4] == '/')
    k += 5;  // year: 66/2025/NĐ-CP
  const std::size_t m = skip_code(s, k);
  if (m == k) return i;
  std::size_t end = m;
  while (end < s.size() && s[end] == '-') {
    const std::size_t n = skip_code(s, end + 1);
    if (n == end + 1) break;
    end = n;
  }
  return end;
}

std::string collapse_spaces(const std::string& in) {
  std::string out;
  out.reserve(in.size());
  bool space = false;
  for (char c : in) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (c == '*' || c == '`' || c == '#') continue;  // markdown emphasis and headings
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

bool starts_upper_or_digit(const std::string& s, std::size_t i) {
  if (i >= s.size()) return false;
  const auto c = static_cast<unsigned char>(s[i]);
  return (c >= 'A' && c <= 'Z') || is_digit(s[i]) || c >= 0xC3;  // C3+ lead bytes: accented capitals (approx.)
}

std::size_t word_count(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), ' ')) + 1;
}

// Splits flowing text into sentences at ". " / "; " before a capital or digit.
void split_sentences(const std::string& text, std::vector<std::string>& out, std::set<std::string>& seen) {
  std::size_t start = 0;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if ((text[i] == '.' || text[i] == ';') && text[i + 1] == ' ' && starts_upper_or_digit(text, i + 2)) {
      std::string s = text.substr(start, i + 1 - start);
      start = i + 2;
      const std::size_t words = word_count(s);
      if (words < 8 || words > 70 || s.find("](") != std::string::npos || s.find("http") != std::string::npos ||
          s.find('|') != std::string::npos)
        continue;
      if (seen.insert(s).second) out.push_back(std::move(s));
    }
  }
}

std::string lower_first(std::string s) {
  static const std::pair<const char*, const char*> kCaps[] = {{"Q", "q"}, {"V", "v"}, {"B", "b"}, {"H", "h"},
                                                              {"S", "s"}, {"T", "t"}, {"G", "g"}, {"P", "p"}};
  for (const auto& [up, low] : kCaps)
    if (s.rfind(up, 0) == 0) return low + s.substr(1);
  return s;
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> find_doc_numbers(const std::string& text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_digit(text[i]) || (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '/' || text[i - 1] == '-'))) continue;
    const std::size_t end = match_number(text, i);
    if (end > i) {
      out.emplace_back(i, end);
      i = end;
    }
  }
  return out;
}

SourcePool load_source_pool(const std::string& samples_dir, const std::string& vn_legal, std::size_t max_legal_docs) {
  namespace fs = std::filesystem;
  SourcePool pool;
  std::set<std::string> seen, numbers;
  std::vector<fs::path> samples;
  if (!fs::is_directory(samples_dir)) throw std::runtime_error("samples directory not found: " + samples_dir);
  for (const auto& e : fs::directory_iterator(samples_dir))
    if (e.path().extension() == ".txt") samples.push_back(e.path());
  std::sort(samples.begin(), samples.end());
  for (const auto& p : samples) {
    std::ifstream in(p, std::ios::binary);
    const std::string text = collapse_spaces(std::string(std::istreambuf_iterator<char>(in), {}));
    split_sentences(text, pool.notice_sentences, seen);
    for (auto [b, e] : find_doc_numbers(text)) numbers.insert(text.substr(b, e - b));
  }
  if (!fs::exists(vn_legal)) throw std::runtime_error("vn-legal not found: " + vn_legal);
  std::size_t n = 0;
  for_each_bench_doc(vn_legal, [&](BenchDoc&& d) {
    std::string body;
    std::size_t pos = 0;
    while (pos < d.text.size()) {  // keep prose lines only: no tables, quotes or headings
      std::size_t end = d.text.find('\n', pos);
      if (end == std::string::npos) end = d.text.size();
      const char c = d.text[pos];
      if (end > pos && c != '|' && c != '>' && c != '#' && c != '[' && c != '!' && c != '-')
        body.append(d.text, pos, end - pos).push_back(' ');
      pos = end + 1;
    }
    const std::string text = collapse_spaces(body);
    split_sentences(text, pool.legal_sentences, seen);
    for (auto [b, e] : find_doc_numbers(text)) numbers.insert(text.substr(b, e - b));
    if (d.title.size() > 30 && d.title.size() < 300 && d.title.find("STUB") == std::string::npos)
      pool.subjects.push_back(lower_first(d.title));
    return ++n < max_legal_docs;
  });
  pool.cited_numbers.assign(numbers.begin(), numbers.end());
  if (pool.notice_sentences.empty() || pool.legal_sentences.empty() || pool.cited_numbers.empty())
    throw std::runtime_error("source pool is empty: check " + samples_dir + " and " + vn_legal);
  return pool;
}

}  // namespace tracuu::bench::gen
