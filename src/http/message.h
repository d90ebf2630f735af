// origine/http/message.h — plain request and response values.
//
// The Beast server (server.cc, the only translation unit that includes Beast)
// converts wire messages to and from these, so routing, middleware and
// handlers are ordinary C++ that unit tests call without sockets.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace origine::http {

// Case-insensitive header names (stored lower-case).
struct Headers {
  std::map<std::string, std::string> values;
  void Set(std::string name, std::string value);
  // Empty string when absent.
  const std::string& Get(const std::string& name) const;
  bool Has(const std::string& name) const;
};

struct Request {
  std::string method;                        // "GET", "POST", ...
  std::string target;                        // raw request target, "/api/v1/x?y=1"
  std::string path;                          // percent-decoded path, "/api/v1/x"
  std::map<std::string, std::string> query;  // decoded query parameters (last one wins)
  Headers headers;
  std::string body;
  std::string remote_ip;
  std::string request_id;                          // set by the server for every request
  std::map<std::string, std::string> path_params;  // filled by the router: {"id": "12"}
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
  std::string content_type = "application/json";             // empty: no Content-Type (e.g. 204)
  std::string body;

  void AddHeader(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// Parses "a=1; b=2" cookie headers; returns the value of `name` or "".
std::string CookieValue(const Headers& headers, const std::string& name);

// Splits a target into a percent-decoded path and query map. Returns false on
// malformed targets (not starting with '/', bad percent-escapes, NUL bytes).
bool ParseTarget(const std::string& target, std::string* path, std::map<std::string, std::string>* query);

}  // namespace origine::http
