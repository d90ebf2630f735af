#include "http/router.h"

namespace origine::http {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

bool MatchTemplate(const std::string& tmpl, const std::string& path, std::map<std::string, std::string>* params) {
  auto t = Split(tmpl), p = Split(path);
  std::map<std::string, std::string> found;
  // A final "{name...}" matches the rest of the path: one or more segments.
  if (!t.empty() && t.back().size() > 5 && t.back().ends_with("...}")) {
    if (p.size() < t.size()) return false;
    std::string rest;
    for (size_t i = t.size() - 1; i < p.size(); ++i) {
      if (p[i].empty()) return false;
      rest += (rest.empty() ? "" : "/") + p[i];
    }
    found[t.back().substr(1, t.back().size() - 5)] = rest;
    p.resize(t.size() - 1);
    t.pop_back();
  }
  if (t.size() != p.size()) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].size() > 2 && t[i].front() == '{' && t[i].back() == '}') {
      if (p[i].empty()) return false;
      found[t[i].substr(1, t[i].size() - 2)] = p[i];
    } else if (t[i] != p[i]) {
      return false;
    }
  }
  *params = std::move(found);
  return true;
}

}  // namespace

void Router::Add(std::string method, std::string path_template, Handler handler) {
  routes_.push_back({std::move(method), std::move(path_template), std::move(handler)});
}

Router::Match Router::Find(Request& req) const {
  Match m;
  for (const Route& r : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchTemplate(r.path_template, req.path, &params)) continue;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
      req.path_params = std::move(params);
      m.route = &r;
      m.allowed.clear();
      return m;
    }
    m.allowed.push_back(r.method);
  }
  return m;
}

}  // namespace origine::http
