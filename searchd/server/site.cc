#include "searchd/server/site.h"

#include <fstream>
#include <sstream>
#include <system_error>

namespace tracuu::searchd::server {
namespace {

namespace fs = std::filesystem;

Result<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{Status::Io, "cannot read " + path.string()};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string content_type(const fs::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  return "application/octet-stream";
}

// Calls `f(path)` for each regular file directly in `dir`.
template <typename F>
Result<void> for_each_file(const fs::path& dir, F&& f) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) return Error{Status::Io, "cannot list " + dir.string() + ": " + ec.message()};
  for (; it != end; it.increment(ec)) {
    if (ec) return Error{Status::Io, "cannot list " + dir.string() + ": " + ec.message()};
    if (it->is_regular_file())
      if (auto ok = f(it->path()); !ok) return ok;
  }
  return {};
}

}  // namespace

Result<Site> Site::load(const fs::path& dir) {
  Site site;
  auto templates = for_each_file(dir / "templates", [&](const fs::path& path) -> Result<void> {
    if (path.extension() != ".mustache") return {};
    auto text = read_file(path);
    if (!text) return text.error();
    kainjow::mustache::mustache parsed(*text);
    if (!parsed.is_valid()) return Error{Status::BadRequest, path.string() + ": " + parsed.error_message()};
    site.templates_.emplace(path.stem().string(), std::move(*text));
    return {};
  });
  if (!templates) return templates.error();
  if (!site.templates_.contains("layout"))
    return Error{Status::BadRequest, (dir / "templates/layout.mustache").string() + " is missing"};
  auto assets = for_each_file(dir / "static", [&](const fs::path& path) -> Result<void> {
    auto body = read_file(path);
    if (!body) return body.error();
    site.assets_.emplace(path.filename().string(), Asset{std::move(*body), content_type(path)});
    return {};
  });
  if (!assets) return assets.error();
  return site;
}

Result<std::string> Site::render(std::string_view page, const kainjow::mustache::data& data) const {
  const auto body = templates_.find(page);
  const auto layout = templates_.find("layout");
  if (body == templates_.end() || layout == templates_.end())
    return Error{Status::Internal, "template " + std::string(page) + " is missing"};
  // A mustache object is parsed per render: rendering mutates it, and threads share the Site.
  kainjow::mustache::mustache page_template(body->second);
  kainjow::mustache::data full(data);
  // Templates named "_x" are partials ({{>_x}}): sections two pages share.
  for (const auto& [name, text] : templates_)
    if (name.starts_with('_')) full.set(name, kainjow::mustache::partial([&text = text] { return text; }));
  full.set("content", page_template.render(full));
  if (!page_template.is_valid())
    return Error{Status::Internal, "rendering " + std::string(page) + ": " + page_template.error_message()};
  kainjow::mustache::mustache layout_template(layout->second);
  std::string html = layout_template.render(full);
  if (!layout_template.is_valid())
    return Error{Status::Internal, "rendering layout: " + layout_template.error_message()};
  return html;
}

const Asset* Site::asset(std::string_view name) const {
  const auto it = assets_.find(name);
  return it == assets_.end() ? nullptr : &it->second;
}

}  // namespace tracuu::searchd::server
