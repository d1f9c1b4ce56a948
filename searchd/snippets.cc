#include "searchd/snippets.h"

#include <algorithm>

#include "schema/fields.h"
#include "schema/index_home.h"
#include "schema/terms.h"
#include "text/tokenizer.h"

namespace tracuu::searchd {
namespace {

constexpr std::uint32_t kWindow = 32;               // tokens per passage
constexpr std::uint32_t kLeadContext = 6;           // tokens shown before the first match
constexpr std::size_t kExactCandidates = 3;         // passages read per one shown, for a query with marks
constexpr std::size_t kMaxPositionsPerTerm = 4000;  // very common words: the first ones suffice

struct Match {
  std::uint32_t position;
  std::uint32_t term;
};

std::vector<std::uint32_t> positions_of(PositionLists& positions, Xapian::docid did, const std::string& word) {
  const auto& all = positions.of(did, schema::make_term(schema::Field::BodyFolded, word));
  return {all.begin(), all.begin() + static_cast<long>(std::min(all.size(), kMaxPositionsPerTerm))};
}

// Where each sequence occurs whole (its first word's position), tagged with the sequence.
std::vector<Match> collect_matches(PositionLists& positions, Xapian::docid did, const HighlightSet& sequences) {
  std::vector<Match> matches;
  for (std::uint32_t i = 0; i < sequences.size(); ++i) {
    const auto& seq = sequences[i];
    if (seq.empty()) continue;
    std::vector<std::uint32_t> starts = positions_of(positions, did, seq[0]);
    for (std::size_t k = 1; k < seq.size() && !starts.empty(); ++k) {
      const auto next = positions_of(positions, did, seq[k]);
      std::vector<std::uint32_t> kept;
      for (std::uint32_t p : starts)
        if (std::binary_search(next.begin(), next.end(), static_cast<std::uint32_t>(p + k))) kept.push_back(p);
      starts = std::move(kept);
    }
    for (std::uint32_t p : starts) matches.push_back({p, i});
  }
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) { return a.position < b.position; });
  return matches;
}

struct Window {
  std::uint32_t first, last;  // token positions
  std::size_t score;
};

// Scores every window starting at a match: distinct query words first, then matches.
std::vector<Window> best_windows(const std::vector<Match>& m, std::size_t terms, std::size_t wanted) {
  // Adjacent matches of different words ("đồng" then "chí") make a passage better than scattered ones.
  std::vector<std::size_t> adjacent(m.size() + 1, 0);  // prefix counts
  for (std::size_t k = 0; k < m.size(); ++k)
    adjacent[k + 1] =
        adjacent[k] + (k + 1 < m.size() && m[k + 1].position == m[k].position + 1 && m[k + 1].term != m[k].term);
  std::vector<Window> candidates;
  std::vector<std::uint32_t> count(terms, 0);
  std::size_t distinct = 0, end = 0;
  for (std::size_t start = 0; start < m.size(); ++start) {
    while (end < m.size() && m[end].position < m[start].position + kWindow) {
      if (count[m[end].term]++ == 0) ++distinct;
      ++end;
    }
    const std::size_t pairs = adjacent[end - 1] - adjacent[start];
    candidates.push_back({m[start].position, m[end - 1].position, distinct * 1000 + pairs * 100 + (end - start)});
    if (--count[m[start].term] == 0) --distinct;
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Window& a, const Window& b) { return a.score > b.score; });
  std::vector<Window> chosen;
  for (const Window& c : candidates) {
    if (chosen.size() == wanted) break;
    const bool overlaps = std::any_of(chosen.begin(), chosen.end(), [&](const Window& w) {
      return c.first < w.first + kWindow + kLeadContext && w.first < c.first + kWindow + kLeadContext;
    });
    if (!overlaps) chosen.push_back(c);
  }
  return chosen;
}

}  // namespace

std::pair<std::size_t, std::size_t> token_range(const schema::StoredText& text,
                                                const std::vector<std::uint32_t>& checkpoints, std::uint32_t first,
                                                std::uint32_t last) {
  if (checkpoints.empty()) return {0, 0};
  const std::size_t k = std::min<std::size_t>(first / schema::kCheckpointInterval, checkpoints.size() - 1);
  // Read from the checkpoint before `first` to one checkpoint past the one after `last`: every token up to
  // `last` ends before the next checkpoint, and the margin keeps a token that looks ahead (a document number
  // across a line break) analysed as in the whole text.
  const std::size_t past = last / schema::kCheckpointInterval + 2;
  const std::size_t from = checkpoints[k], to = past < checkpoints.size() ? checkpoints[past] : text.size();
  const auto bytes = text.range(from, to);
  if (!bytes) return {0, 0};
  text::Analyzer analyzer(*bytes, static_cast<std::uint32_t>(k * schema::kCheckpointInterval));
  text::Token t;
  std::size_t begin = std::string::npos, end = 0;
  while (analyzer.next(t) && t.position <= last) {
    if (t.position >= first && begin == std::string::npos) begin = from + t.begin;
    end = from + t.end;
  }
  if (begin == std::string::npos) begin = end;
  return {begin, end};
}

std::vector<Highlight> highlight_tokens(std::string_view passage, const HighlightSet& highlight,
                                        const ExactForms& exact) {
  std::vector<text::Token> tokens;
  text::Analyzer analyzer(passage);
  text::Token t;
  while (analyzer.next(t)) {
    t.folded = schema::folded_form(t);  // the form highlight sequences are written in
    tokens.push_back(t);
  }
  std::vector<Highlight> out;
  for (std::size_t i = 0; i < tokens.size();) {
    std::size_t longest = 0;
    for (const auto& seq : highlight) {
      if (seq.size() <= longest || i + seq.size() > tokens.size()) continue;
      bool whole = true;
      for (std::size_t k = 0; k < seq.size() && whole; ++k) {
        whole = tokens[i + k].folded == seq[k];
        if (const auto it = exact.find(seq[k]); whole && it != exact.end())
          whole = std::find(it->second.begin(), it->second.end(), tokens[i + k].exact) != it->second.end();
      }
      if (whole) longest = seq.size();
    }
    if (longest == 0) {
      ++i;
      continue;
    }
    out.push_back({tokens[i].begin, tokens[i + longest - 1].end});
    i += longest;
  }
  return out;
}

std::optional<SectionRef> section_at(const schema::StoredSections& sections, std::size_t offset) {
  auto best = sections.at(offset);
  if (!best) return std::nullopt;
  return SectionRef{std::move(best->number), std::move(best->title), std::move(best->anchor)};
}

int page_at(const schema::DocRecord& record, std::size_t offset) {
  if (!record.original || schema::original_media_type(*record.original) != schema::kPdfMediaType) return 0;
  int page = 0;
  for (const auto& p : record.pages) {
    if (p.offset > offset) break;
    page = p.page;
  }
  return page;
}

std::vector<Snippet> make_snippets(PositionLists& positions, Xapian::docid did, const schema::StoredDoc& doc,
                                   const HighlightSet& highlight, std::size_t max_snippets, const ExactForms& exact) {
  std::vector<Snippet> out;
  if (max_snippets == 0 || doc.text.empty()) return out;
  HighlightSet words = highlight;
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  const auto matches = collect_matches(positions, did, words);
  // With exact forms, more passages are read so that those with the words as typed can come first.
  std::vector<Window> windows =
      best_windows(matches, words.size(), exact.empty() ? max_snippets : max_snippets * kExactCandidates);
  std::vector<std::size_t> as_typed;                                        // per snippet: highlights as typed
  if (windows.empty()) windows.push_back({kLeadContext, kLeadContext, 0});  // the opening of the text
  for (const Window& w : windows) {
    const std::uint32_t first = w.first >= kLeadContext ? w.first - kLeadContext : 0;
    const std::uint32_t last = std::max(w.last, first + kWindow - 1);
    const auto [b, e] = token_range(doc.text, doc.checkpoints, first, last);
    if (e <= b) continue;
    auto passage = doc.text.range(b, e);
    if (!passage) continue;
    Snippet s;
    s.text = std::move(*passage);
    for (char& c : s.text)
      if (c == '\n') c = ' ';
    if (w.score > 0 && !exact.empty()) s.highlights = highlight_tokens(s.text, words, exact);
    as_typed.push_back(s.highlights.size());
    if (w.score > 0 && s.highlights.empty()) s.highlights = highlight_tokens(s.text, words);
    s.section = section_at(doc.sections, b);
    s.offset = b;
    s.length = e - b;
    s.anchor = "p-" + std::to_string(b);
    s.page = page_at(doc.record, b);
    out.push_back(std::move(s));
  }
  if (!exact.empty() && out.size() > 1) {
    std::vector<std::size_t> order(out.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return (as_typed[a] > 0) > (as_typed[b] > 0); });
    std::vector<Snippet> sorted;
    for (std::size_t k : order)
      if (sorted.size() < max_snippets) sorted.push_back(std::move(out[k]));
    out = std::move(sorted);
  }
  return out;
}

}  // namespace tracuu::searchd
