#include "api/internal/query.h"

#include <ctime>
#include <string>

namespace origine::api::internal {

Result<std::optional<int64_t>> IntQuery(const http::Request& req, const char* name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::optional<int64_t>();
  const std::string& s = it->second;
  if (s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
    return Error::Invalid(std::string(name) + " must be a non-negative integer",
                          {{name, "must be a non-negative integer"}});
  return std::optional<int64_t>(std::stoll(s));
}

Result<uint64_t> RequiredIntQuery(const http::Request& req, const char* name) {
  ASSIGN_OR_RETURN(std::optional<int64_t> v, IntQuery(req, name));
  if (!v) return Error::Invalid(std::string(name) + " is required", {{name, "is required"}});
  return static_cast<uint64_t>(*v);
}

Result<std::optional<int64_t>> DateQuery(const http::Request& req, const char* name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::optional<int64_t>();
  const std::string& s = it->second;
  std::tm tm{};
  const char* end = s.size() == 10 ? strptime(s.c_str(), "%Y-%m-%d", &tm) : nullptr;
  if (end == nullptr || *end != '\0')
    return Error::Invalid(std::string(name) + " must be a date YYYY-MM-DD", {{name, "must be a date YYYY-MM-DD"}});
  return std::optional<int64_t>(static_cast<int64_t>(timegm(&tm)));
}

}  // namespace origine::api::internal
