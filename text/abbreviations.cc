#include "text/abbreviations.h"

#include <algorithm>

#include "text/strings.h"
#include "text/tokenizer.h"

namespace tracuu::text {
namespace detail {
// Defined in the file generated from data/abbreviations.tsv.
extern const char* const kAbbreviationsTsv;
}  // namespace detail

namespace {

std::vector<std::string> folded_words(std::string_view s) {
  std::vector<std::string> words;
  for (const Token& t : analyze(s)) words.push_back(t.folded);
  return words;
}

}  // namespace

std::optional<Abbreviations> Abbreviations::parse(std::string_view tsv, std::string* error) {
  Abbreviations table;
  std::size_t line_no = 0;
  for (std::string_view line : split(tsv, '\n')) {
    ++line_no;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    const auto cols = split(line, '\t');
    auto fail = [&](const char* why) {
      if (error) *error = "line " + std::to_string(line_no) + ": " + why;
      return std::nullopt;
    };
    if (cols.size() != 3) return fail("expected 3 tab-separated columns");
    Abbreviation a;
    if (cols[0] == "org")
      a.kind = AbbreviationKind::Organization;
    else if (cols[0] == "term")
      a.kind = AbbreviationKind::Term;
    else if (cols[0] == "doctype")
      a.kind = AbbreviationKind::DocType;
    else
      return fail("kind must be org, term or doctype");
    a.abbreviation = std::string(trim(cols[1]));
    a.abbreviation_words = folded_words(a.abbreviation);
    if (a.abbreviation_words.empty()) return fail("empty abbreviation");
    for (std::string_view e : split(cols[2], '|')) {
      e = trim(e);
      if (e.empty()) return fail("empty expansion");
      a.expansions.emplace_back(e);
      a.expansion_words.push_back(folded_words(e));
    }
    table.entries_.push_back(std::move(a));
  }
  table.index();
  return table;
}

Abbreviations Abbreviations::builtin() {
  // The data file is checked by a unit test; a broken file fails the build's tests, not a user's query.
  auto parsed = parse(detail::kAbbreviationsTsv);
  return parsed ? std::move(*parsed) : Abbreviations{};
}

void Abbreviations::index() {
  by_first_word_.clear();
  for (std::size_t k = 0; k < entries_.size(); ++k) {
    const Abbreviation& a = entries_[k];
    by_first_word_[a.abbreviation_words.front()].push_back({a.abbreviation_words, k, false});
    for (const auto& words : a.expansion_words)
      if (!words.empty()) by_first_word_[words.front()].push_back({words, k, true});
  }
}

std::optional<AbbreviationMatch> Abbreviations::match_at(std::span<const std::string> words, std::size_t i) const {
  if (i >= words.size()) return std::nullopt;
  const auto it = by_first_word_.find(words[i]);
  if (it == by_first_word_.end()) return std::nullopt;
  std::optional<AbbreviationMatch> best;
  for (const Sequence& seq : it->second) {
    if (i + seq.words.size() > words.size()) continue;
    bool equal = true;
    for (std::size_t k = 1; k < seq.words.size() && equal; ++k) equal = words[i + k] == seq.words[k];
    if (equal && (!best || seq.words.size() > best->length))
      best = AbbreviationMatch{&entries_[seq.entry], seq.words.size(), seq.is_expansion};
  }
  return best;
}

std::vector<const Abbreviation*> Abbreviations::find_abbreviation(std::span<const std::string> words) const {
  std::vector<const Abbreviation*> found;
  if (words.empty()) return found;
  const auto it = by_first_word_.find(words.front());
  if (it == by_first_word_.end()) return found;
  for (const Sequence& seq : it->second) {
    if (!seq.is_expansion && seq.words.size() == words.size() &&
        std::equal(seq.words.begin(), seq.words.end(), words.begin()))
      found.push_back(&entries_[seq.entry]);
  }
  return found;
}

bool Abbreviations::is_doc_type_code(std::string_view folded) const {
  while (!folded.empty() && folded.back() >= '0' && folded.back() <= '9') folded.remove_suffix(1);
  const auto it = by_first_word_.find(std::string(folded));
  if (it == by_first_word_.end()) return false;
  for (const Sequence& seq : it->second)
    if (!seq.is_expansion && seq.words.size() == 1 && entries_[seq.entry].kind == AbbreviationKind::DocType)
      return true;
  return false;
}

}  // namespace tracuu::text
