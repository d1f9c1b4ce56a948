// did_you_mean: respell unknown words against the index vocabulary.
#include "searchd/searcher_impl.h"
#include "text/tokenizer.h"

namespace tracuu::searchd {

std::optional<std::string> Searcher::did_you_mean(const std::string& query, const SearchRequest& request) {
  if (impl_->respelling) return std::nullopt;
  const Vocabulary& vocab = impl_->vocab();
  std::string respelled;
  std::size_t copied = 0;
  bool changed = false;
  for (const auto& t : text::analyze(query)) {
    if (t.kind != text::TokenKind::Word || t.folded.size() < 2) continue;
    const bool marked = t.exact != t.folded;
    bool known = vocab.frequency(t.folded) > 0;
    if (known && marked) {
      known = false;  // the accented spelling itself must occur
      for (const auto& s : vocab.spellings(t.folded)) known = known || s.exact == t.exact;
    }
    if (known) continue;
    const std::size_t letters = t.folded.size();
    const std::string better = vocab.closest(t.exact, marked, letters <= 4 ? 1 : 2);
    if (better.empty()) continue;
    respelled.append(query, copied, t.begin - copied).append(better);
    copied = t.end;
    changed = true;
  }
  if (!changed) return std::nullopt;
  respelled.append(query, copied, std::string::npos);
  SearchRequest trial = request;
  trial.query = respelled;
  trial.limit = 0, trial.offset = 0, trial.snippets = 0, trial.facets = false;
  impl_->respelling = true;
  auto r = search(trial);
  impl_->respelling = false;
  if (r && r->total > 0) return respelled;
  return std::nullopt;
}

}  // namespace tracuu::searchd
