// origine/testkit/testkit.h — what the unit tests of every module share: a
// temporary directory, a migrated database, the usual people and companies,
// signing keys, and matchers for Result/Status.
//
//   testkit::TempDir dir;
//   auto db = testkit::OpenDb(dir.path());
//   testkit::People people = testkit::SeedPeople(*db, clock);
//   EXPECT_THAT(service.Get(people.other_exporter, id), testkit::IsError("application.not_found"));
//
// Test-only: linked by *_test binaries, never by the product.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/context.h"
#include "core/result.h"
#include "storage/db.h"

namespace origine::testkit {

// A new empty directory under the system's temporary directory, named after
// the running test; removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A SQLite database `<dir>/t.db` with every module's migrations applied.
// Fails the current test (and returns nullptr) if that is impossible.
std::unique_ptr<storage::Db> OpenDb(const std::filesystem::path& dir);

// The usual cast: two exporters of two companies, and one user of each staff role.
struct People {
  int64_t company = 0, other_company = 0;
  Principal exporter, other_exporter, agent, signatory, admin, auditor;
};
inline const RequestMeta kMeta{"test-request", "127.0.0.1", "unit test"};
// Creates the companies "Sahel Sésame SARL" and "Niger Karité SA" and the six
// users (password "password-12345") through the identity module.
People SeedPeople(storage::Db& db, const Clock& clock);

// Counts rows: SELECT COUNT(*) ... (the SQL is the caller's; tests only).
int64_t Count(storage::Db& db, const std::string& select_count_sql);

namespace internal {
inline const Error* ErrorOf(const Status& s) { return s ? nullptr : &s.error(); }
template <typename T>
const Error* ErrorOf(const Result<T>& r) {
  return r ? nullptr : &r.error();
}
}  // namespace internal

// EXPECT_THAT(result, IsOk());
MATCHER(IsOk, "succeeds") {
  const Error* e = internal::ErrorOf(arg);
  if (e) *result_listener << "failed with " << e->code << ": " << e->message;
  return e == nullptr;
}

// EXPECT_THAT(result, IsError("hs_code.format")): fails with that code.
MATCHER_P(IsError, code, std::string("fails with code ") + code) {
  const Error* e = internal::ErrorOf(arg);
  if (!e) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << "failed with " << e->code << ": " << e->message;
  return e->code == code;
}

// EXPECT_THAT(result, IsErrorKind(ErrorKind::kNotFound)).
MATCHER_P(IsErrorKind, kind, "fails with the given kind") {
  const Error* e = internal::ErrorOf(arg);
  if (!e) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << "failed with " << e->code << ": " << e->message;
  return e->kind == kind;
}

}  // namespace origine::testkit
