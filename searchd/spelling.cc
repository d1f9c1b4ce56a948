// did_you_mean: respell unknown words against the index vocabulary, keeping the
// first respelling whose every word is found together.
#include <unicode/uchar.h>

#include <algorithm>

#include "searchd/query_parser.h"
#include "searchd/searcher_impl.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace tracuu::searchd {
namespace {

constexpr std::size_t kCandidatesPerWord = 4;
constexpr std::size_t kMaxTrials = 12;

// "Lũnh" -> "lũng" becomes "Lũng": keep the user's capital.
std::string capitalized_like(std::string_view original, const std::string& word) {
  std::size_t len = 0;
  const char32_t first = text::decode_utf8(original, 0, len);
  if (!u_isupper(static_cast<UChar32>(first)) || word.empty()) return word;
  std::size_t wlen = 0;
  const char32_t w0 = text::decode_utf8(word, 0, wlen);
  std::string out;
  text::append_utf8(out, static_cast<char32_t>(u_toupper(static_cast<UChar32>(w0))));
  return out + word.substr(wlen);
}

struct Unknown {
  std::size_t begin, end;
  std::vector<std::string> candidates;
};

}  // namespace

std::optional<std::string> Searcher::did_you_mean(const std::string& query, const SearchRequest& request) {
  if (impl_->respelling) return std::nullopt;
  const Vocabulary& vocab = impl_->vocab();
  std::vector<Unknown> unknown;
  // Operators and field clauses are not words to respell: "xyz OR citedby:x" must keep its OR.
  const auto spans = free_text_spans(query);
  auto in_free_text = [&](const text::Token& t) {
    return std::any_of(spans.begin(), spans.end(),
                       [&](const auto& s) { return t.begin >= s.first && t.end <= s.second; });
  };
  for (const auto& t : text::analyze(query)) {
    if (t.kind != text::TokenKind::Word || t.folded.size() < 2 || !in_free_text(t)) continue;
    const bool marked = t.exact != t.folded;
    bool known = vocab.frequency(t.folded) > 0;
    if (known && marked) {
      known = false;  // the accented spelling itself must occur
      for (const auto& s : vocab.spellings(t.folded)) known = known || s.exact == t.exact;
    }
    if (known) continue;
    auto candidates = vocab.closest_k(t.exact, marked, t.folded.size() <= 4 ? 1 : 2, kCandidatesPerWord);
    if (candidates.empty()) continue;
    for (auto& c : candidates) c = capitalized_like(std::string_view(query).substr(t.begin, t.end - t.begin), c);
    unknown.push_back({t.begin, t.end, std::move(candidates)});
  }
  if (unknown.empty()) return std::nullopt;

  // Try respellings in order: the first candidates of every word first, then vary one word at a time.
  std::vector<std::vector<std::size_t>> trials{std::vector<std::size_t>(unknown.size(), 0)};
  for (std::size_t w = 0; w < unknown.size(); ++w)
    for (std::size_t c = 1; c < unknown[w].candidates.size(); ++c) {
      auto choice = std::vector<std::size_t>(unknown.size(), 0);
      choice[w] = c;
      trials.push_back(std::move(choice));
    }
  SearchRequest trial = request;
  trial.limit = 0, trial.offset = 0, trial.snippets = 0, trial.facets = false;
  if (trial.op == DefaultOperator::Auto) trial.op = DefaultOperator::And;  // the respelling must find every word
  auto respell = [&](const std::vector<std::size_t>& choice) {
    std::string out;
    std::size_t copied = 0;
    for (std::size_t w = 0; w < unknown.size(); ++w) {
      out.append(query, copied, unknown[w].begin - copied).append(unknown[w].candidates[choice[w]]);
      copied = unknown[w].end;
    }
    return out.append(query, copied, std::string::npos);
  };
  // Words typed together are first tried as a phrase: "Hữu Lũnh" means "Hữu Lũng", not "Hữu ... Lãnh".
  const bool plain_text = query.find_first_of("\":()") == std::string::npos && text::analyze(query).size() > 1;
  impl_->respelling = true;
  std::optional<std::string> answer;
  for (int pass = plain_text ? 0 : 1; pass < 2 && !answer; ++pass) {
    std::size_t best_total = 0;  // the respelling that finds the most documents wins
    for (std::size_t i = 0; i < trials.size() && i < kMaxTrials; ++i) {
      const std::string respelled = respell(trials[i]);
      trial.query = pass == 0 ? "\"" + respelled + "\"" : respelled;
      if (auto r = search(trial); r && r->total > best_total) best_total = r->total, answer = respelled;
    }
  }
  impl_->respelling = false;
  return answer;
}

}  // namespace tracuu::searchd
