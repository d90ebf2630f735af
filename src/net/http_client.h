// origine/net/http_client.h — outgoing HTTP, the one client of Origine
// (payment providers, the log monitor, the simulator's callbacks), over libcurl.
//
// Defensive defaults: no redirects, http and https only, a whole-request
// timeout and a capped response body. The client never logs; its errors name
// the method, URL and curl's reason, never a body or a header value.
//
//   auto client = net::MakeCurlHttpClient();
//   ASSIGN_OR_RETURN(net::HttpResponse r, client->Send({.method = "GET", .url = url}));
//
// Thread-safety: an HttpClient may be called from several threads at once.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace origine::net {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent for every method but GET
  int timeout_ms = 10000;
  int connect_timeout_ms = 5000;
  size_t max_body = size_t{8} << 20;  // a longer answer fails with kUnavailable
  std::string user_agent = "origine";
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-case
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Any HTTP status is a response; kUnavailable ("net.unreachable") when there
  // is none (connect error, timeout, body over the cap): the request may or
  // may not have reached the server.
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

// The libcurl implementation.
std::unique_ptr<HttpClient> MakeCurlHttpClient();

// GET `url` with a fresh libcurl client: the body of a 2xx answer;
// kNotFound ("net.not_found") for 404, kUnavailable for no answer or another status.
Result<std::string> Get(const std::string& url, int timeout_ms = 30000, size_t max_body = size_t{64} << 20);

}  // namespace origine::net
