#pragma once
// Shared fixture of the server unit tests: the five samples of data/samples
// indexed once per test binary in a temporary directory removed at exit, and
// request builders for handle_request.

#include <filesystem>
#include <memory>
#include <string>

#include "searchd/searcher.h"
#include "searchd/server/config.h"
#include "searchd/server/http_types.h"
#include "searchd/server/router.h"

namespace tracuu::testing {

/// The index home of the five samples (built on first use; aborts the test run if it cannot be built).
const std::filesystem::path& sample_index();

/// A Config over the sample index (staff off, acquire_wait 2 s).
searchd::server::Config sample_config();

/// A pool of `size` searchers over the sample index.
std::unique_ptr<searchd::SearcherPool> sample_pool(std::size_t size = 1);

/// The portal of the source tree (web/), loaded once.
const searchd::server::Site& source_site();

/// A request for `target` (HTTP/1.1, keep-alive).
searchd::server::Request make_request(std::string target,
                                      searchd::server::http::verb method = searchd::server::http::verb::get);

/// Runs handle_request with a fresh pool over the sample index and the source portal.
searchd::server::Response serve(const searchd::server::Request& request,
                                const searchd::server::Config& config = sample_config());

/// GET `target` through serve().
searchd::server::Response get(const std::string& target);

}  // namespace tracuu::testing
