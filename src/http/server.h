// origine/http/server.h — the HTTP/1.1 server (Boost.Beast, C++20 coroutines).
//
// Listens on one address, runs `threads` I/O threads, parses each request
// with limits (header size, body size, read timeout), hands it to `handler`
// as a plain Request and writes back the Response. Requests over a limit get
// a problem+json answer (413 body, 431 headers, 400 malformed) and the
// connection is closed. On SIGTERM or SIGINT it stops accepting, lets requests
// in flight finish (up to `grace`), then returns 0.
// Thread-safety: `handler` is called concurrently from the I/O threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/result.h"
#include "http/message.h"

namespace origine::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 2;
  size_t body_limit = 1 << 20;  // 1 MiB
  // Larger limits for named paths (exact match, query ignored), e.g. provider
  // statements: {"/api/v1/reconciliations", 16 MiB}. Applied once the
  // request's header is read, before its body.
  std::map<std::string, size_t> path_body_limits;
  size_t header_limit = 16 << 10;  // 16 KiB
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds grace{10};
};

// Blocks until a shutdown signal. `on_listening(port)` runs once the socket
// listens (port 0 in the options picks a free port). Fails if it cannot bind.
Status RunServer(const ServerOptions& options, const std::function<Response(Request&)>& handler,
                 const std::function<void(uint16_t)>& on_listening);

}  // namespace origine::http
