// The only translation unit that includes Beast and Asio (they are costly to
// compile); everything else sees plain Request/Response values.
#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <random>
#include <thread>
#include <vector>

#include "core/log.h"
#include "http/problem.h"

namespace origine::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

bool AcceptableRequestId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

struct Shared {
  const ServerOptions& options;
  const std::function<Response(Request&)>& handler;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
};

bhttp::response<bhttp::string_body> ToBeast(Response&& r, unsigned version, bool keep_alive, bool head,
                                            const std::string& request_id) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::server, "origine");
  if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
  res.set("X-Request-Id", request_id);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  for (auto& [k, v] : r.headers) res.insert(k, v);
  const size_t size = r.body.size();
  if (!head) res.body() = std::move(r.body);
  res.keep_alive(keep_alive);
  if (head)
    res.content_length(size);
  else
    res.prepare_payload();
  return res;
}

net::awaitable<void> Session(tcp::socket socket, Shared& shared) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  const std::string remote = [&] {
    boost::system::error_code ec;
    auto ep = stream.socket().remote_endpoint(ec);
    return ec ? std::string() : ep.address().to_string();
  }();
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(shared.options.header_limit));
    // The largest limit until the target is known (Beast checks Content-Length
    // against it while reading the header), then the request's own.
    size_t widest = shared.options.body_limit;
    for (const auto& [path, n] : shared.options.path_body_limits) widest = std::max(widest, n);
    parser.body_limit(widest);
    stream.expires_after(shared.options.read_timeout);
    boost::system::error_code ec;
    size_t limit = shared.options.body_limit;
    co_await bhttp::async_read_header(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
    if (!ec) {
      const std::string_view target = parser.get().target();
      const auto path = target.substr(0, target.find('?'));
      if (auto it = shared.options.path_body_limits.find(std::string(path));
          it != shared.options.path_body_limits.end())
        limit = it->second;
      parser.body_limit(limit);
      if (parser.content_length() && *parser.content_length() > limit) ec = bhttp::error::body_limit;
    }
    if (!ec && !parser.is_done())
      co_await bhttp::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted) break;
    if (ec) {
      // The request could not be read whole: answer once, then close.
      int status = 400;
      ErrorId code = "http.bad_request"_code;
      std::string slug = "bad-request", detail = "The HTTP request is malformed.";
      if (ec == bhttp::error::body_limit) {
        status = 413;
        code = "http.payload_too_large"_code;
        slug = "payload-too-large";
        detail = "The request body is larger than " + std::to_string(limit) + " bytes.";
      } else if (ec == bhttp::error::header_limit) {
        status = 431;
        code = "http.headers_too_large"_code;
        slug = "headers-too-large";
        detail = "The request headers are too large.";
      } else if (ec == net::error::eof || ec == net::error::connection_reset) {
        break;
      }
      Request dummy;
      dummy.path = "/";
      dummy.request_id = NewRequestId();
      Response r = Problem(status == 431 ? 400 : status, code, slug, detail, dummy);
      r.status = status;
      auto res = ToBeast(std::move(r), 11, false, false, dummy.request_id);
      log::Line("warn", "request rejected",
                {{"request_id", dummy.request_id}, {"remote", remote}, {"reason", ec.message()}}, {{"status", status}});
      stream.expires_after(std::chrono::seconds(5));
      co_await bhttp::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
      // Lingering close: stop sending, then read and discard what the client
      // is still sending (bounded in bytes and time) so that it can read our
      // answer instead of getting a connection reset.
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      stream.expires_after(std::chrono::seconds(2));
      std::array<char, 16384> sink;
      for (size_t drained = 0; drained < (8u << 20);) {
        size_t n = co_await stream.async_read_some(net::buffer(sink), net::redirect_error(net::use_awaitable, ec));
        if (ec) break;
        drained += n;
      }
      break;
    }
    auto breq = parser.release();
    Request req;
    req.method = std::string(breq.method_string());
    req.target = std::string(breq.target());
    for (const auto& f : breq) req.headers.Set(std::string(f.name_string()), std::string(f.value()));
    req.body = std::move(breq.body());
    req.remote_ip = remote;
    const std::string& incoming = req.headers.Get("x-request-id");
    req.request_id = AcceptableRequestId(incoming) ? incoming : NewRequestId();
    const bool keep_alive = breq.keep_alive() && !shared.stopping;
    const bool head = breq.method() == bhttp::verb::head;

    ++shared.in_flight;
    Response r;
    try {
      r = shared.handler(req);
    } catch (const std::exception& e) {
      log::Error("handler threw", {{"request_id", req.request_id}, {"what", e.what()}});
      r = Problem(Error::Internal(e.what()), req);
    }
    --shared.in_flight;

    auto res = ToBeast(std::move(r), breq.version(), keep_alive, head, req.request_id);
    stream.expires_after(shared.options.read_timeout);
    co_await bhttp::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
    if (ec || !keep_alive) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

net::awaitable<void> Listen(tcp::acceptor& acceptor, Shared& shared) {
  auto executor = co_await net::this_coro::executor;
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(net::redirect_error(net::use_awaitable, ec));
    if (ec) {
      if (shared.stopping || ec == net::error::operation_aborted) co_return;
      continue;  // e.g. EMFILE: keep serving the connections we have
    }
    net::co_spawn(executor, Session(std::move(socket), shared), net::detached);
  }
}

}  // namespace

Status RunServer(const ServerOptions& options, const std::function<Response(Request&)>& handler,
                 const std::function<void(uint16_t)>& on_listening) {
  net::io_context ioc(options.threads);
  boost::system::error_code ec;
  auto address = net::ip::make_address(options.host, ec);
  if (ec)
    return Error::Invalid("server.address"_code, "invalid listen address: " + options.host).With("host", options.host);
  tcp::acceptor acceptor(ioc);
  tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return Error::Unavailable("server.listen"_code, "cannot listen on " + options.host + ":" +
                                                        std::to_string(options.port) + ": " + ec.message())
        .With("address", options.host + ":" + std::to_string(options.port));

  Shared shared{options, handler};
  net::co_spawn(ioc, Listen(acceptor, shared), net::detached);

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer drain(ioc);
  auto deadline = std::chrono::steady_clock::now();
  std::function<void()> wait_drain = [&] {
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait([&](boost::system::error_code) {
      if (shared.in_flight == 0 || std::chrono::steady_clock::now() > deadline) {
        ioc.stop();
        return;
      }
      wait_drain();
    });
  };
  signals.async_wait([&](boost::system::error_code e, int sig) {
    if (e) return;
    log::Info("shutting down", {{"signal", std::to_string(sig)}});
    shared.stopping = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    deadline = std::chrono::steady_clock::now() + options.grace;
    wait_drain();
  });

  on_listening(acceptor.local_endpoint().port());
  std::vector<std::thread> threads;
  for (int i = 1; i < options.threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  return {};
}

}  // namespace origine::http
