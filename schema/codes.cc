#include "schema/codes.h"

#include "text/normalize.h"
#include "text/strings.h"
#include "text/tokenizer.h"
#include "text/word.h"

namespace tracuu::schema {
namespace detail {
extern const char* const kIssuersTsv;  // generated from data/issuers.tsv
}  // namespace detail

namespace {

using text::split;
using text::trim;

}  // namespace

std::string slug(std::string_view display) {
  const std::string folded = text::fold(text::normalize(display));
  std::string out;
  bool dash = false;
  for (char c : folded) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    const bool upper = c >= 'A' && c <= 'Z';
    if (alnum || upper) {
      if (dash && !out.empty()) out.push_back('-');
      dash = false;
      out.push_back(upper ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      // Letters outside Latin (rare): keep them, they are still one code.
      if (dash && !out.empty()) out.push_back('-');
      dash = false;
      out.push_back(c);
    } else {
      dash = true;
    }
  }
  return out;
}

std::optional<std::string> canonical_doc_type(std::string_view name) {
  const std::string code = slug(name);
  for (const DocType& t : kDocTypes)
    if (t.code == code) return std::string(t.display);
  return std::nullopt;
}

std::string clean_display(std::string_view value) {
  const std::string n = text::normalize(value);
  std::string out;
  bool space = false;
  for (char c : n) {
    if (c == ' ' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string IssuerRegistry::key(std::string_view name) const {
  std::vector<std::string> words;
  for (const auto& t : text::analyze(name)) words.push_back(t.folded);
  std::string out;
  for (std::size_t i = 0; i < words.size();) {
    const auto m = abbreviations_.match_at(words, i);
    if (m && !m->is_expansion && m->entry->kind == text::AbbreviationKind::Organization) {
      for (const auto& w : m->entry->expansion_words.front()) out.append(out.empty() ? "" : " ").append(w);
      i += m->length;
      continue;
    }
    out.append(out.empty() ? "" : " ").append(words[i]);
    ++i;
  }
  return out;
}

std::string IssuerRegistry::code(std::string_view name) const {
  std::string c = key(canonical_or_self(name));
  for (char& ch : c)
    if (ch == ' ') ch = '-';
  return c;
}

std::optional<IssuerRegistry> IssuerRegistry::parse(std::string_view tsv, std::string* error) {
  IssuerRegistry r;
  std::size_t line_no = 0;
  for (std::string_view line : split(tsv, '\n')) {
    ++line_no;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    const auto cols = split(line, '\t');
    if (cols.size() > 2 || trim(cols[0]).empty()) {
      if (error) *error = "line " + std::to_string(line_no) + ": expected canonical<TAB>aliases";
      return std::nullopt;
    }
    const std::size_t index = r.canonical_names_.size();
    r.canonical_names_.push_back(clean_display(trim(cols[0])));
    r.by_key_.emplace(r.key(cols[0]), index);
    if (cols.size() == 2)
      for (std::string_view alias : split(cols[1], '|'))
        if (!trim(alias).empty()) r.by_key_.emplace(r.key(trim(alias)), index);
  }
  return r;
}

IssuerRegistry IssuerRegistry::builtin() {
  auto parsed = parse(detail::kIssuersTsv);  // checked by a unit test
  return parsed ? std::move(*parsed) : IssuerRegistry{};
}

std::optional<std::string> IssuerRegistry::canonical(std::string_view name) const {
  const auto it = by_key_.find(key(name));
  if (it == by_key_.end()) return std::nullopt;
  return canonical_names_[it->second];
}

std::string IssuerRegistry::canonical_or_self(std::string_view name) const {
  if (auto c = canonical(name)) return *c;
  return clean_display(name);
}

}  // namespace tracuu::schema
