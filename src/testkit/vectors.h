// origine/testkit/vectors.h — the conformance vectors beside the repository
// (../shared/vectors: Wycheproof, COSE and DCC examples, C2SP and
// transparency-dev tlog vectors). They are not committed; a test that needs
// them is SKIPPED, with the reason, when they are absent, never passed in
// silence and never failed:
//
//   TEST(Merkle, InclusionVectors) {
//     TESTKIT_REQUIRE_VECTORS(dir);  // skips when ../shared/vectors is missing
//     auto doc = testkit::ReadJsonFile(dir / "transparency-dev-merkle" / "...");
//
// Test-only.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <optional>
#include <string>

namespace origine::testkit {

// The repository root: $ORIGINE_SOURCE_DIR (CTest sets it), else the working
// directory (tests run from the repository root).
std::filesystem::path RepoRoot();
// <repo>/../shared, or nullopt when it is absent.
std::optional<std::filesystem::path> SharedDir();
// <repo>/../shared/vectors, or nullopt when it is absent.
std::optional<std::filesystem::path> VectorsDir();
// The whole file; records a test failure (and returns "") when unreadable.
std::string ReadTextFile(const std::filesystem::path& path);
// The parsed JSON file; null (and a test failure) when unreadable or invalid.
boost::json::value ReadJsonFile(const std::filesystem::path& path);

}  // namespace origine::testkit

// Binds `var` (a std::filesystem::path) to ../shared/vectors, or skips the
// test saying why (the reason shows beside SKIPPED in the test output).
#define TESTKIT_REQUIRE_VECTORS(var)                                                                \
  const auto var##_found = ::origine::testkit::VectorsDir();                                        \
  if (!var##_found)                                                                                 \
    GTEST_SKIP() << "conformance vectors: ../shared/vectors not found (looked beside "              \
                 << ::origine::testkit::RepoRoot().string() << "; they are not in the repository)"; \
  const std::filesystem::path& var = *var##_found  // NOLINT(bugprone-macro-parentheses): var is declared, no expression
