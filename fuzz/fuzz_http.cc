// The HTTP request handler: raw bytes parsed as the session parses them (same limits),
// then handle_request over the sample index and the portal, as one request of a session.
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "fuzz/fuzz_file.h"
#include "indexer/ingest/ingest.h"
#include "indexer/pipeline.h"
#include "searchd/server/router.h"
#include "searchd/server/site.h"

namespace {

namespace fs = std::filesystem;
using namespace tracuu;

struct Server {
  fs::path home = fs::temp_directory_path() / ("tracuu-fuzz-http-" + std::to_string(::getpid()));
  std::unique_ptr<searchd::SearcherPool> pool;
  std::optional<searchd::server::Site> site;
  searchd::server::Config config;
  Server() {
    fs::remove_all(home);
    indexer::BuildOptions options;
    options.threads = 1;
    auto report =
        indexer::rebuild_index(home, {fs::path(TRACUU_SOURCE_DIR) / "data/samples"}, indexer::Extractor(), options, {});
    auto opened = searchd::SearcherPool::open(home, 1);
    auto loaded = searchd::server::Site::load(fs::path(TRACUU_SOURCE_DIR) / "web");
    if (!report || !opened || !loaded) std::abort();
    pool = std::move(*opened);
    site = std::move(*loaded);
    config.db = home;
  }
  ~Server() {
    std::error_code ec;
    fs::remove_all(home, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace http = boost::beast::http;
  static Server server;
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(server.config.body_limit);
  parser.header_limit(static_cast<std::uint32_t>(server.config.header_limit));
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;  // the session answers these without the handler
  const searchd::server::Request request = parser.release();
  (void)searchd::server::request_lane(request);
  const searchd::server::Backend backend{*server.pool, &*server.site, nullptr};
  const auto response = searchd::server::handle_request(request, backend, server.config);
  if (response.result_int() >= 500 && response.result_int() != 503) std::abort();  // a 500 is a bug
  return 0;
}
