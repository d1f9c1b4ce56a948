#include "searchd/server/http_types.h"

namespace tracuu::searchd::server {

http::status http_status(Status status) {
  switch (status) {
    case Status::Ok: return http::status::ok;
    case Status::BadRequest:
    case Status::BadQuery: return http::status::bad_request;
    case Status::NotFound: return http::status::not_found;
    case Status::Unauthorized: return http::status::unauthorized;
    case Status::Forbidden: return http::status::forbidden;
    case Status::RateLimited: return http::status::too_many_requests;
    case Status::TooLarge: return http::status::payload_too_large;
    case Status::Unsupported: return http::status::unsupported_media_type;
    case Status::IndexUnavailable:
    case Status::IndexVersionMismatch:
    case Status::Locked:
    case Status::Overloaded: return http::status::service_unavailable;
    case Status::Io:
    case Status::Internal: return http::status::internal_server_error;
  }
  return http::status::internal_server_error;  // unreachable: every enumerator is handled above
}

}  // namespace tracuu::searchd::server
