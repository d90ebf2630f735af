#include "api/internal/log_json.h"

#include <boost/json.hpp>

#include "core/encoding.h"

namespace origine::api::internal {

boost::json::array HashesJson(const std::vector<tlog::Hash>& hashes) {
  boost::json::array a;
  for (const auto& h : hashes) a.push_back(boost::json::value(encoding::Base64(h)));
  return a;
}

}  // namespace origine::api::internal
