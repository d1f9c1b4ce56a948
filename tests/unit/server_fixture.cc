#include "tests/unit/server_fixture.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "indexer/ingest/ingest.h"
#include "indexer/pipeline.h"
#include "searchd/server/site.h"

namespace tracuu::testing {
namespace {

namespace fs = std::filesystem;

// RAII temporary index home, removed when the test binary exits.
struct SampleIndex {
  fs::path home;
  SampleIndex() {
    home = fs::temp_directory_path() / ("tracuu-server-test-" + std::to_string(::getpid()));
    fs::remove_all(home);
    indexer::BuildOptions options;
    options.threads = 1;
    auto report =
        indexer::rebuild_index(home, {fs::path(TRACUU_SOURCE_DIR) / "data/samples"}, indexer::Extractor(), options, {});
    if (!report || !report->errors.empty()) {
      std::fprintf(stderr, "cannot build the sample index in %s\n", home.c_str());
      std::abort();
    }
  }
  ~SampleIndex() {
    std::error_code ec;
    fs::remove_all(home, ec);
  }
};

}  // namespace

const fs::path& sample_index() {
  static const SampleIndex index;
  return index.home;
}

searchd::server::Config sample_config() {
  searchd::server::Config config;
  config.db = sample_index();
  config.threads = 1;
  return config;
}

std::unique_ptr<searchd::SearcherPool> sample_pool(std::size_t size) {
  auto pool = searchd::SearcherPool::open(sample_index(), size);
  if (!pool) {
    std::fprintf(stderr, "cannot open the sample index: %s\n", pool.error().message.c_str());
    std::abort();
  }
  return std::move(*pool);
}

const searchd::server::Site& source_site() {
  static const searchd::server::Site site = [] {
    auto loaded = searchd::server::Site::load(fs::path(TRACUU_SOURCE_DIR) / "web");
    if (!loaded) {
      std::fprintf(stderr, "cannot load web/: %s\n", loaded.error().message.c_str());
      std::abort();
    }
    return std::move(*loaded);
  }();
  return site;
}

searchd::server::Request make_request(std::string target, searchd::server::http::verb method) {
  searchd::server::Request request{method, target, 11};
  request.set(searchd::server::http::field::host, "127.0.0.1");
  return request;
}

searchd::server::Response serve(const searchd::server::Request& request, const searchd::server::Config& config) {
  auto pool = sample_pool();
  const searchd::server::Backend backend{*pool, &source_site(), nullptr};
  return searchd::server::handle_request(request, backend, config);
}

searchd::server::Response get(const std::string& target) {
  return serve(make_request(target));
}

}  // namespace tracuu::testing
