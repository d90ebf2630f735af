// origine/api/internal/log_json.h — the transparency log's proofs as JSON
// (Base64 hashes), shared by log_routes.cc and verify_routes.cc. Private to src/api.
#pragma once

#include <boost/json/array.hpp>
#include <vector>

#include "tlog/log.h"

namespace origine::api::internal {

// ["<base64 hash>", ...]
boost::json::array HashesJson(const std::vector<tlog::Hash>& hashes);

}  // namespace origine::api::internal
