// origine/api/internal/query.h — query-parameter parsing shared by the API's
// route files. Private to src/api. Failures are kInvalidArgument (422) naming
// the parameter as the field.
#pragma once

#include <cstdint>
#include <optional>

#include "core/result.h"
#include "http/message.h"

namespace origine::api::internal {

// A non-negative decimal parameter (at most 18 digits); nullopt when absent or empty.
Result<std::optional<int64_t>> IntQuery(const http::Request& req, const char* name);
// The same, required.
Result<uint64_t> RequiredIntQuery(const http::Request& req, const char* name);
// A date YYYY-MM-DD → Unix seconds at 00:00 UTC; nullopt when absent or empty.
Result<std::optional<int64_t>> DateQuery(const http::Request& req, const char* name);

}  // namespace origine::api::internal
