#pragma once
// The portal's files, read once at start: mustache templates (web/templates)
// and static assets (web/static). Serving never touches the disk, so a path in
// a request can never reach a file that was not loaded.

#include <filesystem>
#include <kainjow/mustache.hpp>
#include <map>
#include <string>
#include <string_view>

#include "schema/status.h"

namespace tracuu::searchd::server {

/// A static file and how to serve it.
struct Asset {
  std::string body;
  std::string content_type;  ///< from the extension: text/css, text/javascript, image/svg+xml, ...
};

/// Templates and static files of the portal.
class Site {
 public:
  /// Reads DIR/templates/*.mustache (checking that each parses) and DIR/static/* (one level).
  /// @return Io when a directory or file cannot be read; BadRequest when a template
  ///         does not parse or layout.mustache is missing (the message names the file).
  static Result<Site> load(const std::filesystem::path& dir);

  /// Renders template `page` with `data`, then layout.mustache with the result as
  /// {{{content}}} and `data`'s other values (title, ...). Mustache escapes {{x}}.
  /// @return Internal when the template is missing or rendering fails.
  Result<std::string> render(std::string_view page, const kainjow::mustache::data& data) const;

  /// The static file /static/`name`, or null.
  const Asset* asset(std::string_view name) const;

 private:
  std::map<std::string, std::string, std::less<>> templates_;  // name without .mustache -> text
  std::map<std::string, Asset, std::less<>> assets_;
};

}  // namespace tracuu::searchd::server
