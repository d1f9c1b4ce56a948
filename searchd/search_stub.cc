// Temporary: search, documents, citations and suggest land in their own files.
#include "searchd/searcher.h"
#include "searchd/searcher_impl.h"

namespace tracuu::searchd {

Result<SearchResponse> Searcher::search(const SearchRequest&) { return Error{Status::Internal, "search: not built yet"}; }
Result<DocumentView> Searcher::document(const std::string&, bool) { return Error{Status::Internal, "document: not built yet"}; }
Result<CitationView> Searcher::citations(const std::string&, bool) { return Error{Status::Internal, "citations: not built yet"}; }
Result<std::vector<Suggestion>> Searcher::suggest(const std::string&, std::size_t, bool) {
  return Error{Status::Internal, "suggest: not built yet"};
}

}  // namespace tracuu::searchd
