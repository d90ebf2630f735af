#include "api/internal/params.h"

#include "api/internal/errors.h"
#include "core/date.h"

namespace origine::api::internal {

Result<int64_t> IdParam(const http::Request& req, ErrorId not_found, const char* what, const char* param) {
  auto it = req.path_params.find(param);
  const std::string s = it == req.path_params.end() ? "" : it->second;
  if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound(not_found, std::string("no ") + what + " " + s).With("id", s);
  return std::stoll(s);
}

std::string Query(const http::Request& req, const char* name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? "" : it->second;
}

Result<std::optional<std::string>> OneOfQuery(const http::Request& req, const char* name,
                                              std::initializer_list<std::string_view> allowed, ErrorId code,
                                              const std::string& message) {
  auto it = req.query.find(name);
  if (it == req.query.end()) return std::optional<std::string>();
  std::string list;
  for (std::string_view a : allowed) {
    if (it->second == a) return std::optional<std::string>(it->second);
    if (!a.empty()) list += (list.empty() ? "" : ", ") + std::string(a);
  }
  return InvalidField(code, name, message, std::string(name) + " must be one of " + list, {{"allowed", list}});
}

Result<std::optional<int64_t>> IntQuery(const http::Request& req, const char* name) {
  const std::string s = Query(req, name);
  if (s.empty()) return std::optional<int64_t>();
  if (s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
    return InvalidField("field.integer"_code, name, "must be a non-negative integer",
                        std::string(name) + " must be a non-negative integer");
  return std::optional<int64_t>(std::stoll(s));
}

Result<uint64_t> RequiredIntQuery(const http::Request& req, const char* name) {
  ASSIGN_OR_RETURN(std::optional<int64_t> v, IntQuery(req, name));
  if (!v) return RequiredField(name);
  return static_cast<uint64_t>(*v);
}

Result<std::string> DateTextQuery(const http::Request& req, const char* name) {
  std::string s = Query(req, name);
  if (!s.empty() && !IsValidDate(s))
    return InvalidField("date.format"_code, name, "must be a date YYYY-MM-DD",
                        std::string(name) + " must be a date YYYY-MM-DD");
  return s;
}

Result<std::optional<int64_t>> DateQuery(const http::Request& req, const char* name) {
  ASSIGN_OR_RETURN(std::string s, DateTextQuery(req, name));
  if (s.empty()) return std::optional<int64_t>();
  ASSIGN_OR_RETURN(int64_t day, ParseDate(s));
  return std::optional<int64_t>(day);
}

Result<PageRequest> PageQuery(const http::Request& req, const PageLimits& limits) {
  auto limit = req.query.find("limit"), cursor = req.query.find("cursor");
  return ParsePageQuery(limit == req.query.end() ? nullptr : &limit->second,
                        cursor == req.query.end() ? nullptr : &cursor->second, limits);
}

}  // namespace origine::api::internal
