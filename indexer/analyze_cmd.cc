#include "indexer/analyze_cmd.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "text/tokenizer.h"

namespace tracuu::indexer {

void print_analysis(std::string_view text, std::ostream& out) {
  text::Analyzer analyzer(text);
  text::Token t;
  while (analyzer.next(t)) {
    nlohmann::ordered_json j;
    j["position"] = t.position;
    j["begin"] = t.begin;
    j["end"] = t.end;
    j["text"] = std::string(text.substr(t.begin, t.end - t.begin));
    j["kind"] = text::to_string(t.kind);
    j["exact"] = t.exact;
    j["folded"] = t.folded;
    if (t.kind == text::TokenKind::DocNumber) {
      j["display"] = t.display;
      j["docnum_key"] = t.exact;
    }
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
}

}  // namespace tracuu::indexer
