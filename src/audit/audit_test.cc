// The audit trail's hash chain: recording, tamper detection, anchoring, search, CSV.
#include "audit/audit.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "app/schema.h"
#include "storage/sqlite_db.h"
#include "tlog/log.h"

namespace origine::audit {
namespace {

std::vector<storage::Migration> AllMigrations() {
  std::vector<storage::Migration> all = app::AllMigrations();
  return all;
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("origine-audit-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(*storage::OpenSqlite((dir_ / "t.db").string()));
    auto applied = db_->Migrate(AllMigrations());
    ASSERT_TRUE(applied) << applied.error().message;
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  void RecordN(int n, int64_t at = 1700000000) {
    auto tx = std::move(*db_->Begin());
    Principal p{7, "a@t.ml", "A", Role::kAgent, std::nullopt, ""};
    for (int i = 0; i < n; ++i) {
      std::optional<Principal> who;
      if (i % 3 != 0) who = p;
      ASSERT_TRUE(Record(*tx, who, {"req-" + std::to_string(i), "127.0.0.1", "ua"}, at + i,
                         {"thing.change", "thing", std::to_string(i), R"({"x":{"before":1,"after":2}})"}));
    }
    ASSERT_TRUE(tx->Commit());
  }
  ChainReport Verify() {
    auto tx = std::move(*db_->Begin(false));
    auto r = VerifyChain(*tx);
    EXPECT_TRUE(r) << r.error().message;
    return *r;
  }
  void Exec(const std::string& sql, const storage::Params& params = {}) {
    auto tx = std::move(*db_->Begin());
    auto r = tx->Exec(sql, params);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_TRUE(tx->Commit());
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::Db> db_;
};

TEST_F(AuditTest, EmptyTrailIsIntact) {
  auto rep = Verify();
  EXPECT_TRUE(rep.intact);
  EXPECT_EQ(rep.events, 0);
}

TEST_F(AuditTest, EventsAreChained) {
  RecordN(5);
  auto rep = Verify();
  EXPECT_TRUE(rep.intact) << rep.problem;
  EXPECT_EQ(rep.events, 5);
  auto tx = std::move(*db_->Begin(false));
  auto events = *Search(*tx, {});
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events.back().id, 1);  // newest first
  EXPECT_EQ(events.back().prev_hash, std::string(64, '0'));
  EXPECT_EQ(events[3].prev_hash, events[4].hash);
  EXPECT_EQ(events[0].hash, EventHash(events[0]));
}

TEST_F(AuditTest, ChangedFieldIsNamed) {
  RecordN(5);
  Exec("UPDATE audit_events SET details = ? WHERE id = 3", {std::string(R"({"x":{"before":1,"after":9}})")});
  auto rep = Verify();
  EXPECT_FALSE(rep.intact);
  ASSERT_TRUE(rep.broken_id);
  EXPECT_EQ(*rep.broken_id, 3);
  EXPECT_NE(rep.problem.find("event 3"), std::string::npos) << rep.problem;
  EXPECT_NE(rep.problem.find("does not match its hash"), std::string::npos) << rep.problem;
}

TEST_F(AuditTest, AnonymousActorCannotBeAddedSilently) {
  RecordN(3);
  Exec("UPDATE audit_events SET actor_role = 'admin', actor_id = 1 WHERE id = 1");
  auto rep = Verify();
  EXPECT_FALSE(rep.intact);
  EXPECT_EQ(rep.broken_id.value_or(0), 1);
}

TEST_F(AuditTest, DeletedEventsAreNamed) {
  RecordN(5);
  Exec("DELETE FROM audit_events WHERE id = 2");
  auto rep = Verify();
  EXPECT_FALSE(rep.intact);
  EXPECT_EQ(rep.broken_id.value_or(0), 2);
  EXPECT_NE(rep.problem.find("missing"), std::string::npos) << rep.problem;
}

TEST_F(AuditTest, DeletedTailIsDetectedByTheHead) {
  RecordN(5);
  Exec("DELETE FROM audit_events WHERE id = 5");
  auto rep = Verify();
  EXPECT_FALSE(rep.intact);
  EXPECT_NE(rep.problem.find("head"), std::string::npos) << rep.problem;
}

TEST_F(AuditTest, AnchorsEveryIntervalAndOnDemand) {
  RecordN(static_cast<int>(kAnchorInterval) + 1);
  tlog::Log log("t");
  {
    auto tx = std::move(*db_->Begin(false));
    auto anchors = *log.FindByEvent(*tx, tlog::Event::kAuditAnchor);
    ASSERT_EQ(anchors.size(), 1u);
    auto rec = *tlog::DecodeLeafRecord(log.Entry(*tx, anchors[0])->data);
    EXPECT_EQ(rec.certificate_id, "audit-" + std::to_string(kAnchorInterval));
  }
  {
    auto tx = std::move(*db_->Begin());
    auto idx = Anchor(*tx, 1700000100);
    ASSERT_TRUE(idx) << idx.error().message;
    ASSERT_TRUE(*idx);
    auto again = Anchor(*tx, 1700000100);  // nothing new to anchor
    ASSERT_TRUE(again);
    EXPECT_FALSE(*again);
    ASSERT_TRUE(tx->Commit());
  }
  auto rep = Verify();
  EXPECT_TRUE(rep.intact) << rep.problem;
  EXPECT_EQ(rep.anchors, 2);
}

// Rewriting an event and recomputing the whole chain after it still breaks
// the anchor published in the transparency log.
TEST_F(AuditTest, RecomputedChainContradictsTheAnchor) {
  RecordN(4);
  {
    auto tx = std::move(*db_->Begin());
    ASSERT_TRUE(*Anchor(*tx, 1700000100));
    ASSERT_TRUE(tx->Commit());
  }
  Exec("UPDATE audit_events SET object_id = 'forged' WHERE id = 2");
  Exec("UPDATE audit_events SET hash = NULL, prev_hash = NULL");
  Exec("UPDATE audit_chain SET head = NULL");
  {
    auto tx = std::move(*db_->Begin());
    ASSERT_TRUE(SealLegacyEvents(*tx));  // the forger recomputes every hash
    ASSERT_TRUE(tx->Commit());
  }
  auto rep = Verify();
  EXPECT_FALSE(rep.intact);
  EXPECT_EQ(rep.broken_id.value_or(0), 4);
  EXPECT_NE(rep.problem.find("anchored in log leaf"), std::string::npos) << rep.problem;
}

TEST_F(AuditTest, LegacyEventsAreSealedThenChained) {
  Exec(
      "INSERT INTO audit_events (id, at, action, object_type, object_id, details, request_id, ip, user_agent) "
      "VALUES (1, 1, 'old', 'x', '1', '{}', '', '', ''), (2, 2, 'old', 'x', '2', '{}', '', '', '')");
  Exec("UPDATE audit_chain SET last_id = 2");
  RecordN(1);  // seals 1 and 2 first, then chains 3
  auto rep = Verify();
  EXPECT_TRUE(rep.intact) << rep.problem;
  EXPECT_EQ(rep.events, 3);
}

TEST_F(AuditTest, SearchFiltersAndCsv) {
  RecordN(6, 1700000000);
  auto tx = std::move(*db_->Begin(false));
  Filter f;
  f.object_id = "4";
  auto one = *Search(*tx, f);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].object_id, "4");
  Filter period;
  period.from = 1700000002;
  period.to = 1700000004;
  EXPECT_EQ(Search(*tx, period)->size(), 2u);
  Filter page;
  page.limit = 2;
  page.before_id = 5;
  auto p = *Search(*tx, page);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].id, 4);
  page.limit = 0;
  EXPECT_FALSE(Search(*tx, page));
  Filter by_actor;
  by_actor.actor_id = 7;
  EXPECT_EQ(Search(*tx, by_actor)->size(), 4u);

  StoredEvent e;
  e.id = 1;
  e.at = 0;
  e.action = "a";
  e.details_json = R"({"k":"v, \"w\""})";
  e.object_id = "=cmd";
  std::string csv = ToCsv({e});
  EXPECT_EQ(csv.substr(0, 3), "id,");
  EXPECT_NE(csv.find(R"("{""k"":""v, \""w\""""}")"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'=cmd,"), std::string::npos) << csv;
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
}

}  // namespace
}  // namespace origine::audit
