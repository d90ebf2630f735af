#include "storage/sqlite_db.h"

#include <gtest/gtest.h>

#include <thread>

#include "testkit/testkit.h"

namespace origine::storage {
namespace {

using testkit::IsError;
using testkit::IsOk;

// The storage layer owns no domain table: its tests bring their own.
const std::vector<Migration>& TestMigrations() {
  static const std::vector<Migration> kList = {{1, "test table", R"sql(
CREATE TABLE companies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  nif TEXT NOT NULL UNIQUE,
  rccm TEXT NOT NULL,
  address TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE certificate_sequences (
  issuer TEXT NOT NULL,
  regime TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_value INTEGER NOT NULL,
  PRIMARY KEY (issuer, regime, year)
);
)sql"}};
  return kList;
}

class SqliteDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenSqlite(dir_.File("t.db"));
    ASSERT_THAT(db, IsOk());
    db_ = std::move(*db);
    auto applied = db_->Migrate(TestMigrations());
    ASSERT_THAT(applied, IsOk());
  }
  testkit::TempDir dir_;  // declared first: destroyed after the database closes
  std::unique_ptr<Db> db_;
};

TEST_F(SqliteDbTest, MigrationsAreIdempotent) {
  auto again = db_->Migrate(TestMigrations());
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
  EXPECT_TRUE(db_->Healthy());
}

TEST_F(SqliteDbTest, MigrationsFromSeveralListsApplyInVersionOrder) {
  std::vector<Migration> list = {{201, "second", "CREATE TABLE t2 (id INTEGER PRIMARY KEY REFERENCES t1(id));"},
                                 {200, "first", "CREATE TABLE t1 (id INTEGER PRIMARY KEY);"}};
  list.insert(list.end(), TestMigrations().begin(), TestMigrations().end());
  auto applied = db_->Migrate(list);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(*applied, (std::vector<int>{200, 201}));
  std::vector<Migration> dup = {{300, "a", "SELECT 1;"}, {300, "b", "SELECT 1;"}};
  EXPECT_THAT(db_->Migrate(dup), IsError("storage.duplicate_migration"));
}

TEST_F(SqliteDbTest, ADatabaseFromAnotherVersionIsRefusedWithoutChange) {
  // A database that holds a migration this program does not know was made by
  // another version (e.g. a development data directory from before the schema
  // was re-based): nothing is applied, and the error says what to do.
  std::vector<Migration> newer = TestMigrations();
  newer.push_back({999, "from the future", "CREATE TABLE future (id INTEGER PRIMARY KEY);"});
  ASSERT_TRUE(db_->Migrate(newer));
  std::vector<Migration> older = TestMigrations();
  older.push_back({2, "new here", "CREATE TABLE t2 (id INTEGER PRIMARY KEY);"});
  auto refused = db_->Migrate(older);
  ASSERT_THAT(refused, IsError("storage.unknown_migration"));
  EXPECT_NE(refused.error().message.find("999"), std::string::npos);
  auto tx = db_->Begin(false);
  EXPECT_FALSE((*tx)->Query("SELECT 1 FROM t2"));  // version 2 was not applied
}

TEST_F(SqliteDbTest, CommitPersistsAndDestructorRollsBack) {
  {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE((*tx)->Exec("INSERT INTO companies (name, nif, rccm, address, created_at) VALUES (?, ?, ?, ?, ?)",
                            {std::string("A"), std::string("1"), std::string("R"), std::string("X"), int64_t{1}}));
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  {
    auto tx = db_->Begin();
    ASSERT_TRUE((*tx)->Exec("INSERT INTO companies (name, nif, rccm, address, created_at) VALUES (?, ?, ?, ?, ?)",
                            {std::string("B"), std::string("2"), std::string("R"), std::string("X"), int64_t{1}}));
    // no commit: rolled back on destruction
  }
  auto tx = db_->Begin(false);
  auto rows = (*tx)->Query("SELECT name FROM companies ORDER BY id");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "A");
}

TEST_F(SqliteDbTest, UniqueViolationIsConflict) {
  auto tx = db_->Begin();
  Params p = {std::string("A"), std::string("1"), std::string("R"), std::string("X"), int64_t{1}};
  const char* sql = "INSERT INTO companies (name, nif, rccm, address, created_at) VALUES (?, ?, ?, ?, ?)";
  ASSERT_TRUE((*tx)->Exec(sql, p));
  auto dup = (*tx)->Exec(sql, p);
  ASSERT_THAT(dup, IsError("storage.conflict"));
  EXPECT_EQ(dup.error().kind, ErrorKind::kConflict);
}

// Another process (here: another Db on the same file) holds the write lock
// longer than the busy timeout (5 s): the caller gets kUnavailable
// "storage.busy" (retry later), never an internal error.
TEST_F(SqliteDbTest, ALockedDatabaseIsBusy) {
  auto holder = db_->Begin();
  ASSERT_THAT(holder, IsOk());
  auto other = OpenSqlite(dir_.File("t.db"));
  ASSERT_THAT(other, IsOk());
  auto blocked = (*other)->Begin();
  ASSERT_THAT(blocked, IsError("storage.busy"));
  EXPECT_EQ(blocked.error().kind, ErrorKind::kUnavailable);
}

TEST_F(SqliteDbTest, ParametersAreNeverSpliced) {
  auto tx = db_->Begin();
  std::string evil = "x'); DROP TABLE companies; --";
  ASSERT_TRUE((*tx)->Exec("INSERT INTO companies (name, nif, rccm, address, created_at) VALUES (?, ?, ?, ?, ?)",
                          {evil, std::string("1"), std::string("R"), std::string("X"), int64_t{1}}));
  auto rows = (*tx)->Query("SELECT name FROM companies WHERE name = ?", {evil});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), evil);
}

TEST_F(SqliteDbTest, WrongParameterCountIsAnError) {
  auto tx = db_->Begin();
  EXPECT_FALSE((*tx)->Query("SELECT ? + ?", {int64_t{1}}));
}

TEST_F(SqliteDbTest, UpsertReturningCountsGaplesslyAcrossThreads) {
  constexpr int kThreads = 4, kPerThread = 25;
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<int64_t> got;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        auto tx = db_->Begin();
        ASSERT_TRUE(tx);
        auto rows = (*tx)->Query(
            "INSERT INTO certificate_sequences (issuer, regime, year, last_value) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (issuer, regime, year) DO UPDATE SET last_value = certificate_sequences.last_value + 1 "
            "RETURNING last_value",
            {std::string("ML"), std::string("ETLS"), int64_t{2026}});
        ASSERT_TRUE(rows) << rows.error().message;
        int64_t v = (*rows)[0].Int(0);
        // Every fourth transaction rolls back: its number must be reused.
        if (v % 4 == 0 && i % 2 == 0) continue;
        ASSERT_TRUE((*tx)->Commit().ok());
        std::lock_guard<std::mutex> g(mu);
        got.push_back(v);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::sort(got.begin(), got.end());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], static_cast<int64_t>(i + 1));
}

TEST(SqliteOpenTest, RefusesMemoryAndBadPaths) {
  EXPECT_THAT(OpenSqlite(":memory:"), IsError("storage.path"));
  auto r = OpenSqlite("/nonexistent-dir/x/y.db");
  ASSERT_THAT(r, IsError("storage.unavailable"));
  EXPECT_EQ(r.error().kind, ErrorKind::kUnavailable);
}

}  // namespace
}  // namespace origine::storage
