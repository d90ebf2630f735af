// The audit trail's hash chain: recording, tamper detection, anchoring, search, CSV.
#include "audit/audit.h"

#include <gtest/gtest.h>

#include "testkit/testkit.h"
#include "tlog/log.h"

namespace origine::audit {
namespace {

using testkit::IsError;
using testkit::IsErrorKind;
using testkit::IsOk;

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testkit::OpenDb(dir_.path());
    ASSERT_TRUE(db_);
  }
  void RecordN(int n, int64_t at = 1700000000) {
    auto tx = std::move(*db_->Begin());
    Principal p{7, "a@t.ml", "A", Role::kAgent, std::nullopt, ""};
    for (int i = 0; i < n; ++i) {
      std::optional<Principal> who;
      if (i % 3 != 0) who = p;
      ASSERT_THAT(Record(*tx, who, {"req-" + std::to_string(i), "127.0.0.1", "ua"}, at + i,
                         {"thing.change", "thing", std::to_string(i), R"({"x":{"before":1,"after":2}})"}),
                  IsOk());
    }
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  ChainReport Verify() {
    auto tx = std::move(*db_->Begin(false));
    auto r = VerifyChain(*tx);
    EXPECT_THAT(r, IsOk());
    return *r;
  }
  void Exec(const std::string& sql, const storage::Params& params = {}) {
    auto tx = std::move(*db_->Begin());
    auto r = tx->Exec(sql, params);
    ASSERT_THAT(r, IsOk());
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  // What a forger with write access to the database does after changing an
  // event: recompute every hash from the first event on, and the head.
  void RecomputeWholeChain() {
    std::vector<StoredEvent> events;
    {
      auto tx = std::move(*db_->Begin(false));
      Filter all;
      all.limit = 1000;
      events = *Search(*tx, all);
    }
    std::string prev(64, '0');
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      it->prev_hash = prev;
      it->hash = EventHash(*it);
      Exec("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", {it->prev_hash, it->hash, it->id});
      prev = it->hash;
    }
    Exec("UPDATE audit_chain SET head = ?", {prev});
  }

  testkit::TempDir dir_;
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
  RecomputeWholeChain();
  auto rep = Verify();
  EXPECT_FALSE(rep.intact);
  EXPECT_EQ(rep.broken_id.value_or(0), 4);
  EXPECT_NE(rep.problem.find("anchored in log leaf"), std::string::npos) << rep.problem;
}

TEST_F(AuditTest, RecomputingWithoutAnAnchorGoesUnnoticedButTheHeadIsRequired) {
  RecordN(3);
  Exec("UPDATE audit_events SET object_id = 'forged' WHERE id = 2");
  EXPECT_FALSE(Verify().intact);
  RecomputeWholeChain();  // before any anchor, only the published log could tell
  EXPECT_TRUE(Verify().intact);
  // A chain whose head row lost its hash is not silently restarted.
  Exec("UPDATE audit_chain SET head = NULL");
  auto tx = std::move(*db_->Begin());
  EXPECT_THAT(Record(*tx, std::nullopt, testkit::kMeta, 1700000100, {"thing.change", "thing", "9", "{}"}),
              IsErrorKind(ErrorKind::kInternal));
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
  EXPECT_THAT(Search(*tx, page), IsError("audit.limit"));
  Filter by_actor;
  by_actor.actor_id = 7;
  EXPECT_EQ(Search(*tx, by_actor)->size(), 4u);

  page.limit = 1001;
  EXPECT_THAT(Search(*tx, page), IsError("audit.limit"));
  Filter by_action;
  by_action.action = "nothing.like.this";
  EXPECT_TRUE(Search(*tx, by_action)->empty());

  StoredEvent e;
  e.id = 1;
  e.at = 0;
  e.actor_id = 7;
  e.actor_role = "agent";
  e.action = "a";
  e.details_json = R"({"k":"v, \"w\""})";
  e.object_id = "=cmd";
  StoredEvent anonymous = e;
  anonymous.id = 2;
  anonymous.actor_id.reset();
  anonymous.actor_role.clear();
  std::string csv = ToCsv({e, anonymous}, {{7, "a@t.ml"}});
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "id,at,actor_id,actor_email,actor_role,company_id,action,object_type,object_id,details,request_id,ip,"
            "user_agent,prev_hash,hash");
  EXPECT_NE(csv.find("\r\n1,1970-01-01T00:00:00Z,7,a@t.ml,agent,,a,,'=cmd,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\n2,1970-01-01T00:00:00Z,,,,,a,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(R"("{""k"":""v, \""w\""""}")"), std::string::npos) << csv;
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
  EXPECT_EQ(ToCsv({}, {}).find("\r\n"), csv.find("\r\n"));  // the header alone
}

}  // namespace
}  // namespace origine::audit
