// origine/trust/test_util.h — helpers shared by the trust tests.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "trust/claims.h"

namespace origine::trust::testing {

// $ORIGINE_SOURCE_DIR, else the working directory (tests run from the repo root).
std::filesystem::path RepoRoot();
// <repo>/../shared/vectors, or nullopt when it is absent.
std::optional<std::filesystem::path> VectorsDir();
// Whole file; fails the test (empty result) if unreadable.
std::string ReadTextFile(const std::filesystem::path& path);
// Parsed JSON file; null on error (and a test failure is recorded).
boost::json::value ReadJson(const std::filesystem::path& path);
// Hex → bytes; records a failure on bad hex.
Bytes Hex(std::string_view hex);
// Base64url without padding (JWK) → bytes.
Bytes Base64Url(std::string_view text);
std::string Str(const boost::json::value& v);  // "" unless a JSON string
// A plausible certificate of origin.
Claims SampleClaims(int64_t issued_at);

}  // namespace origine::trust::testing

// Binds `var` to the vectors directory, or skips the test saying why.
#define TRUST_REQUIRE_VECTORS(var)                                                            \
  auto var##_opt = ::origine::trust::testing::VectorsDir();                                   \
  if (!var##_opt) {                                                                           \
    std::cout << "[ did not run ] ../shared/vectors is absent (relative to the repo root)\n"; \
    GTEST_SKIP() << "did not run: ../shared/vectors is absent";                               \
  }                                                                                           \
  const std::filesystem::path var = *var##_opt
