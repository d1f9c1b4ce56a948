#include "searchd/query_budget.h"

#include <algorithm>
#include <string>
#include <vector>

#include "text/tokenizer.h"

namespace tracuu::searchd {
namespace {

// As in query_builder: at most this many phrase variants, restored spellings per word, proximity words.
constexpr std::size_t kPhraseVariants = 16;
constexpr std::size_t kRestoredSpellings = 3;
constexpr std::size_t kProximityWords = 64;

std::vector<std::string> folded_words(const std::vector<text::Token>& tokens) {
  std::vector<std::string> folded;
  folded.reserve(tokens.size());
  for (const auto& t : tokens) folded.push_back(t.folded);
  return folded;
}

std::size_t word_terms(const text::Token& t) {
  if (t.kind != text::TokenKind::Word) return 2;  // a number: its term and the document-number boost
  return t.exact != t.folded ? 2 : 1 + kRestoredSpellings;
}

std::size_t alternatives_words(const text::AbbreviationMatch& m, std::size_t* longest) {
  std::size_t words = m.entry->abbreviation_words.size();
  *longest = words;
  for (const auto& e : m.entry->expansion_words) {
    words += e.size();
    *longest = std::max(*longest, e.size());
  }
  return words;
}

void add_text(const std::string& s, const text::Abbreviations& abbreviations, QueryCost& cost) {
  const auto tokens = text::analyze(s);
  const auto folded = folded_words(tokens);
  for (std::size_t i = 0; i < tokens.size();) {
    if (auto m = abbreviations.match_at(folded, i)) {
      std::size_t longest = 0;
      cost.terms += alternatives_words(*m, &longest) + m->length;  // the chains, and the exact-form bonus
      i += m->length;
    } else {
      cost.terms += word_terms(tokens[i]);
      ++i;
    }
  }
  if (tokens.size() <= kProximityWords && !tokens.empty()) cost.terms += tokens.size() - 1;
}

void add_phrase(const std::string& s, const text::Abbreviations& abbreviations, QueryCost& cost) {
  const auto tokens = text::analyze(s);
  const auto folded = folded_words(tokens);
  std::size_t variants = 1, longest = 0;
  for (std::size_t i = 0; i < tokens.size();) {
    if (auto m = abbreviations.match_at(folded, i)) {
      std::size_t alt_longest = 0;
      alternatives_words(*m, &alt_longest);
      variants = std::min(kPhraseVariants, variants * (1 + m->entry->expansion_words.size()));
      longest += alt_longest;
      i += m->length;
    } else {
      ++longest;
      ++i;
    }
  }
  cost.longest_phrase = std::max(cost.longest_phrase, longest);
  cost.terms += variants * longest * 2 + tokens.size();  // bigram chain and positions per variant, exact bonus
}

void add_node(const QueryNode& n, const text::Abbreviations& abbreviations, QueryCost& cost) {
  switch (n.kind) {
    case NodeKind::Text: add_text(n.text, abbreviations, cost); return;
    case NodeKind::Phrase:
      ++cost.clauses;
      add_phrase(n.text, abbreviations, cost);
      return;
    case NodeKind::Field:
      ++cost.clauses;
      ++cost.terms;
      return;
    case NodeKind::And:
    case NodeKind::Or:
      ++cost.clauses;
      for (const auto& c : n.children) add_node(c, abbreviations, cost);
      return;
  }
}

}  // namespace

QueryCost estimate_cost(const QueryNode& root, const text::Abbreviations& abbreviations) {
  QueryCost cost;
  add_node(root, abbreviations, cost);
  return cost;
}

Result<void> check_budget(const QueryCost& cost, const QueryBudget& budget) {
  auto too = [](const std::string& what, std::size_t n, std::size_t max) {
    return Error{Status::BadQuery, "the query is too expensive: " + what + " " + std::to_string(n) + " (at most " +
                                       std::to_string(max) + "); shorten it"};
  };
  if (cost.longest_phrase > budget.phrase_words)
    return too("a quoted phrase of", cost.longest_phrase, budget.phrase_words);
  if (cost.clauses > budget.clauses) return too("clauses", cost.clauses, budget.clauses);
  if (cost.terms > budget.terms)
    return too("terms after expanding abbreviations and accents", cost.terms, budget.terms);
  return {};
}

}  // namespace tracuu::searchd
