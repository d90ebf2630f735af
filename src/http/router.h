// origine/http/router.h — maps (method, path template) to a handler.
//
// Templates are literal segments and `{name}` placeholders matching one
// non-empty segment: "/api/v1/applications/{id}/submit". A last segment
// "{name...}" matches the rest of the path (one or more non-empty segments,
// joined with '/'): "/log/tile/{path...}" gives path = "0/x001/234.p/5".
// Dispatch answers
// 404 when no template matches the path and 405 (with Allow) when the path
// matches but not the method. Handlers receive the request with
// path_params filled in. Thread-safety: build once, then share read-only.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace origine::http {

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;
  std::string path_template;
  Handler handler;
};

class Router {
 public:
  void Add(std::string method, std::string path_template, Handler handler);

  struct Match {
    const Route* route = nullptr;      // null when nothing matched
    std::vector<std::string> allowed;  // methods of the path, when only the method failed
  };
  // Finds the route for `req` and fills req.path_params on success.
  Match Find(Request& req) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace origine::http
