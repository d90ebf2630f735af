// origine/trust/test_util.h — helpers shared by the trust tests.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "testkit/vectors.h"
#include "trust/claims.h"

namespace origine::trust::testing {

// Hex → bytes; records a failure on bad hex.
Bytes Hex(std::string_view hex);
// Base64url without padding (JWK) → bytes; records a failure on bad input.
Bytes Base64Url(std::string_view text);
std::string Str(const boost::json::value& v);  // "" unless a JSON string
// A plausible certificate of origin.
Claims SampleClaims(int64_t issued_at);

}  // namespace origine::trust::testing
