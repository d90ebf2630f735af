#include "tlog/log.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <random>
#include <thread>

#include "core/encoding.h"
#include "storage/sqlite_db.h"
#include "testkit/testkit.h"
#include "tlog/log_store.h"
#include "tlog/test_util.h"

namespace origine::tlog {
namespace {

using testing::TempDb;

LeafRecord Rec(uint64_t i, Event ev = Event::kIssue) {
  LeafRecord r;
  r.event = ev;
  r.certificate_id = "ML-2025-" + std::to_string(i);
  r.cose_sha256 = Sha256(std::vector<uint8_t>{uint8_t(i), uint8_t(i >> 8), uint8_t(i >> 16)});
  r.time = 1750000000 + static_cast<int64_t>(i);
  return r;
}

Hash RecLeafHash(const LeafRecord& r) { return LeafHash(*EncodeLeafRecord(r)); }

std::unique_ptr<storage::Tx> Begin(storage::Db& db, bool write = true) {
  auto tx = db.Begin(write);
  if (!tx) throw std::runtime_error(tx.error().message);
  return std::move(*tx);
}

TEST(LeafRecord, CanonicalCbor) {
  LeafRecord r;
  r.event = Event::kTrustList;
  r.certificate_id = "tl-7";
  r.cose_sha256.fill(0xAB);
  r.time = 1700000000;
  auto enc = EncodeLeafRecord(r);
  ASSERT_TRUE(enc.ok());
  // {1: "trust-list", 2: "tl-7", 3: h'ab..', 4: 1700000000}
  const std::string want_hex =
      "a401"
      "6a" +
      encoding::Hex(std::vector<uint8_t>{'t', 'r', 'u', 's', 't', '-', 'l', 'i', 's', 't'}) +
      "02"
      "64"
      "746c2d37"
      "03"
      "5820" +
      std::string(64, ' ') +
      "04"
      "1a6553f100";
  std::string got = encoding::Hex(*enc);
  std::string want = want_hex;
  want.replace(want.find(std::string(64, ' ')), 64, encoding::Hex(r.cose_sha256));
  EXPECT_EQ(got, want);
  auto dec = DecodeLeafRecord(*enc);
  ASSERT_TRUE(dec.ok()) << dec.error().message;
  EXPECT_EQ(*dec, r);
  // Non-canonical: time as a 64-bit head.
  auto bad = *enc;
  bad.resize(bad.size() - 5);
  for (uint8_t b : {0x1b, 0, 0, 0, 0, 0x65, 0x53, 0xf1, 0x00}) bad.push_back(b);
  EXPECT_FALSE(DecodeLeafRecord(bad).ok());
  auto trailing = *enc;
  trailing.push_back(0);
  EXPECT_FALSE(DecodeLeafRecord(trailing).ok());
  r.certificate_id = "";
  EXPECT_FALSE(EncodeLeafRecord(r).ok());
  r.certificate_id = "x";
  r.time = -1;
  EXPECT_FALSE(EncodeLeafRecord(r).ok());
  EXPECT_EQ(*ParseEvent("revoke"), Event::kRevoke);
  EXPECT_FALSE(ParseEvent("burn").ok());
}

TEST(Log, EveryEventKindIsARowOfTheLookupTable) {
  testkit::TempDir dir;
  auto opened = storage::OpenSqlite(dir.File("t.db"));
  ASSERT_TRUE(opened) << opened.error().message;
  auto db = std::move(*opened);
  ASSERT_TRUE(db->Migrate(TlogMigrations()));
  auto tx = db->Begin(false);
  auto names = store::ListEventNames(**tx);
  ASSERT_TRUE(names);
  const std::vector<std::string>& in_db = *names;
  std::vector<std::string> in_code;
  for (Event e : {Event::kIssue, Event::kAmend, Event::kRevoke, Event::kTrustList, Event::kAuditAnchor})
    in_code.emplace_back(EventName(e));
  std::sort(in_code.begin(), in_code.end());
  EXPECT_EQ(in_db, in_code);
}

TEST(Log, AppendHeadProofsTiles) {
  TempDb t;
  Log log("origine.example/ML/log");
  std::vector<Hash> leaves;
  {
    auto tx = Begin(t.db());
    auto head = log.Head(*tx);
    ASSERT_TRUE(head.ok()) << head.error().message;
    EXPECT_EQ(head->size, 0u);
    EXPECT_EQ(head->root, EmptyRoot());
    for (uint64_t i = 0; i < 40; ++i) {
      auto idx = log.Append(*tx, Rec(i, i % 4 == 3 ? Event::kRevoke : Event::kIssue));
      ASSERT_TRUE(idx.ok()) << idx.error().message;
      EXPECT_EQ(*idx, i);
      leaves.push_back(RecLeafHash(Rec(i, i % 4 == 3 ? Event::kRevoke : Event::kIssue)));
    }
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Begin(t.db(), false);
  auto head = log.Head(*tx);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->size, 40u);
  EXPECT_EQ(head->origin, "origine.example/ML/log");
  EXPECT_EQ(head->root, RootFromLeaves(leaves));
  for (uint64_t size = 1; size <= 40; ++size) {
    const Hash root = RootFromLeaves(std::span<const Hash>(leaves.data(), size));
    EXPECT_EQ(*log.RootAt(*tx, size), root);
    for (uint64_t i = 0; i < size; ++i) {
      auto proof = log.Inclusion(*tx, i, size);
      ASSERT_TRUE(proof.ok()) << proof.error().message;
      EXPECT_TRUE(VerifyInclusion(leaves[i], i, size, *proof, root).ok()) << i << "/" << size;
    }
    for (uint64_t m = 1; m <= size; ++m) {
      auto proof = log.Consistency(*tx, m, size);
      ASSERT_TRUE(proof.ok());
      EXPECT_TRUE(VerifyConsistency(m, size, *proof, *log.RootAt(*tx, m), root).ok());
    }
  }
  EXPECT_EQ(log.Inclusion(*tx, 0, 41).error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(log.Consistency(*tx, 1, 41).error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(log.Inclusion(*tx, 40, 40).error().kind, ErrorKind::kInvalidArgument);
  // Entries and tiles.
  auto e = log.Entry(*tx, 3);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(*DecodeLeafRecord(e->data), Rec(3, Event::kRevoke));
  EXPECT_EQ(e->leaf_hash, leaves[3]);
  EXPECT_EQ(log.Entry(*tx, 40).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(*log.FindByCertificate(*tx, "ML-2025-7"), std::vector<uint64_t>{7});
  auto tile = log.ReadTile(*tx, Tile{0, 0, 40});
  ASSERT_TRUE(tile.ok()) << tile.error().message;
  EXPECT_EQ(*tile, EncodeHashTile(leaves));
  EXPECT_EQ(*log.ReadTile(*tx, Tile{0, 0, 5}), EncodeHashTile(std::span<const Hash>(leaves.data(), 5)));
  EXPECT_EQ(log.ReadTile(*tx, Tile{0, 0, 41}).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(log.ReadTile(*tx, Tile{0, 0, 256}).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(log.ReadTile(*tx, Tile{1, 0, 1}).error().kind, ErrorKind::kNotFound);
  auto bundle = log.ReadTile(*tx, Tile{kEntriesLevel, 0, 40});
  ASSERT_TRUE(bundle.ok());
  auto entries = DecodeEntryBundle(*bundle, 40);
  ASSERT_TRUE(entries.ok());
  for (uint64_t i = 0; i < 40; ++i) EXPECT_EQ(LeafHash((*entries)[i]), leaves[i]);
  EXPECT_TRUE(log.Check(*tx).ok());
}

TEST(Log, BatchesFullTilesAndTileClient) {
  TempDb t;
  Log log("origine.example/ML/log");
  std::vector<Hash> leaves;
  uint64_t next = 0;
  std::mt19937 rng(7);
  while (next < 70000) {
    const uint64_t k = std::min<uint64_t>(1 + rng() % 3000, 70000 - next);
    std::vector<LeafRecord> batch;
    for (uint64_t i = 0; i < k; ++i) {
      batch.push_back(Rec(next + i));
      leaves.push_back(RecLeafHash(batch.back()));
    }
    auto tx = Begin(t.db());
    auto first = log.AppendBatch(*tx, batch);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(*first, next);
    // Single appends interleaved with batches.
    auto single = log.Append(*tx, Rec(next + k));
    ASSERT_TRUE(single.ok());
    leaves.push_back(RecLeafHash(Rec(next + k)));
    ASSERT_TRUE(tx->Commit().ok());
    next += k + 1;
  }
  auto tx = Begin(t.db(), false);
  const uint64_t size = *log.Size(*tx);
  EXPECT_EQ(size, leaves.size());
  const Hash root = RootFromLeaves(leaves);
  EXPECT_EQ(log.Head(*tx)->root, root);
  ASSERT_TRUE(log.Check(*tx).ok()) << log.Check(*tx).error().message;
  // Level-1 tile 0 is full: each hash is MTH of 256 leaves.
  auto l1 = log.ReadTile(*tx, Tile{1, 0, 256});
  ASSERT_TRUE(l1.ok()) << l1.error().message;
  auto l1h = DecodeHashTile(*l1, 256);
  EXPECT_EQ((*l1h)[3], RootFromLeaves(std::span<const Hash>(leaves.data() + std::ptrdiff_t{3} * 256, 256)));
  // A monitor computing everything from tiles, over the log's own tile reads.
  int fetched = 0;
  TileHashReader client(size, [&](const Tile& tile) {
    ++fetched;
    return log.ReadTile(*tx, tile);
  });
  EXPECT_EQ(*RootAt(client, size), root);
  auto proof = ConsistencyProof(client, 12345, size);
  ASSERT_TRUE(proof.ok());
  EXPECT_EQ(*proof, *log.Consistency(*tx, 12345, size));
  EXPECT_TRUE(VerifyConsistency(12345, size, *proof, *log.RootAt(*tx, 12345), root).ok());
  auto incl = InclusionProof(client, 54321, size);
  ASSERT_TRUE(incl.ok());
  EXPECT_TRUE(VerifyInclusion(leaves[54321], 54321, size, *incl, root).ok());
  // Signed checkpoint, verified like a client would.
  auto signer = NoteSigner::FromSeed("origine.example/ML/log", std::vector<uint8_t>(32, 3));
  auto note = log.SignedCheckpoint(*tx, *signer);
  ASSERT_TRUE(note.ok());
  std::vector<Verifier> vs{signer->verifier()};
  auto cp = OpenCheckpoint(*note, "origine.example/ML/log", vs);
  ASSERT_TRUE(cp.ok()) << cp.error().message;
  EXPECT_EQ(cp->size, size);
  EXPECT_EQ(cp->root, root);
  EXPECT_EQ(note->substr(0, note->find('\n')), "origine.example/ML/log");
}

TEST(Log, ConcurrentAppendsWithRollbacksAreGapless) {
  TempDb t;
  Log log("origine.example/ML/log");
  constexpr int kThreads = 4, kTxPerThread = 40;
  std::mutex mu;
  std::map<uint64_t, LeafRecord> committed;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int th = 0; th < kThreads; ++th) {
    threads.emplace_back([&, th] {
      std::mt19937 rng(th);
      for (int k = 0; k < kTxPerThread; ++k) {
        auto tx = t.db().Begin();
        if (!tx) {
          ++failures;
          continue;
        }
        std::vector<std::pair<uint64_t, LeafRecord>> mine;
        const int n = 1 + static_cast<int>(rng() % 3);
        for (int j = 0; j < n; ++j) {
          LeafRecord r = Rec(static_cast<uint64_t>(th) * 100000 + static_cast<uint64_t>(k) * 10 + j);
          auto idx = log.Append(**tx, r);
          if (!idx) {
            ++failures;
            break;
          }
          mine.emplace_back(*idx, r);
        }
        if (rng() % 3 == 0) continue;  // rolled back by the destructor
        if (!(*tx)->Commit().ok()) {
          ++failures;
          continue;
        }
        std::lock_guard<std::mutex> g(mu);
        for (auto& [i, r] : mine) EXPECT_TRUE(committed.emplace(i, r).second) << "index reused: " << i;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto tx = Begin(t.db(), false);
  const uint64_t size = *log.Size(*tx);
  ASSERT_EQ(size, committed.size());
  std::vector<Hash> leaves;
  uint64_t expect = 0;
  for (const auto& [i, r] : committed) {
    ASSERT_EQ(i, expect++) << "gap in indices";
    leaves.push_back(RecLeafHash(r));
    EXPECT_EQ(*DecodeLeafRecord(log.Entry(*tx, i)->data), r);
  }
  EXPECT_EQ(log.Head(*tx)->root, RootFromLeaves(leaves));
  EXPECT_TRUE(log.Check(*tx).ok());
  std::cout << "concurrency: " << size << " leaves committed by " << kThreads << " threads\n";
}

TEST(Log, RestartKeepsTheTree) {
  TempDb t;
  Log log("origine.example/ML/log");
  std::vector<Hash> leaves;
  {
    auto tx = Begin(t.db());
    for (uint64_t i = 0; i < 300; ++i) {
      ASSERT_TRUE(log.Append(*tx, Rec(i)).ok());
      leaves.push_back(RecLeafHash(Rec(i)));
    }
    ASSERT_TRUE(tx->Commit().ok());
  }
  Checkpoint before;
  {
    auto tx = Begin(t.db(), false);
    before = *log.Head(*tx);
  }
  {
    // An uncommitted append just before the "crash".
    auto tx = Begin(t.db());
    ASSERT_TRUE(log.Append(*tx, Rec(999)).ok());
  }
  t.Reopen();
  {
    auto tx = Begin(t.db(), false);
    EXPECT_EQ(*log.Head(*tx), before);
    EXPECT_TRUE(log.Check(*tx).ok());
  }
  {
    auto tx = Begin(t.db());
    auto idx = log.Append(*tx, Rec(300));
    ASSERT_TRUE(idx.ok());
    EXPECT_EQ(*idx, 300u);
    leaves.push_back(RecLeafHash(Rec(300)));
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Begin(t.db(), false);
  auto after = *log.Head(*tx);
  EXPECT_EQ(after.root, RootFromLeaves(leaves));
  auto proof = log.Consistency(*tx, before.size, after.size);
  ASSERT_TRUE(proof.ok());
  EXPECT_TRUE(VerifyConsistency(before.size, after.size, *proof, before.root, after.root).ok());
}

TEST(Log, CheckDetectsTampering) {
  TempDb t;
  Log log("o");
  {
    auto tx = Begin(t.db());
    for (uint64_t i = 0; i < 10; ++i) ASSERT_TRUE(log.Append(*tx, Rec(i)).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Begin(t.db());
  ASSERT_TRUE(tx->Exec("UPDATE tlog_nodes SET hash = ? WHERE id = ?",
                       {storage::Blob{std::vector<uint8_t>(32, 0)}, int64_t{(int64_t{2} << 48) | 1}})
                  .ok());
  auto st = log.Check(*tx);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::kInternal);
}

TEST(Log, MissingMigrationIsAnError) {
  TempDb t;
  auto tx = Begin(t.db());
  ASSERT_TRUE(tx->Exec("DROP TABLE tlog_state").ok());
  Log log("o");
  EXPECT_FALSE(log.Append(*tx, Rec(1)).ok());
}

}  // namespace
}  // namespace origine::tlog

#include "tlog/monitor.h"

namespace origine::tlog {
namespace {

TEST(Monitor, FollowsTheLogAndDetectsForks) {
  testing::TempDb t, fork_db;
  Log log("origine.example/ML/log");
  auto signer = NoteSigner::FromSeed("origine.example/ML/log", std::vector<uint8_t>(32, 5));
  std::vector<Verifier> vs{signer->verifier()};
  auto append = [&](storage::Db& db, uint64_t from, uint64_t to) {
    auto tx = Begin(db);
    for (uint64_t i = from; i < to; ++i) ASSERT_TRUE(log.Append(*tx, Rec(i)).ok());
    ASSERT_TRUE(tx->Commit().ok());
  };
  auto checkpoint = [&](storage::Db& db) {
    auto tx = Begin(db, false);
    return *log.SignedCheckpoint(*tx, *signer);
  };
  auto fetch_from = [&](storage::Db& db) {
    return [&db, &log](const Tile& tile) -> Result<std::string> {
      auto tx = db.Begin(false);
      if (!tx) return tx.error();
      return log.ReadTile(**tx, tile);
    };
  };
  append(t.db(), 0, 300);
  auto first = VerifyCheckpointUpdate(checkpoint(t.db()), log.origin(), vs, std::nullopt, fetch_from(t.db()));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->size, 300u);
  append(t.db(), 300, 777);
  auto second = VerifyCheckpointUpdate(checkpoint(t.db()), log.origin(), vs, *first, fetch_from(t.db()));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->size, 777u);
  // Same checkpoint again: fine. An older one: the log shrank.
  EXPECT_TRUE(VerifyCheckpointUpdate(checkpoint(t.db()), log.origin(), vs, *second, fetch_from(t.db())).ok());
  EXPECT_FALSE(VerifyCheckpointUpdate(checkpoint(t.db()), log.origin(), vs,
                                      Checkpoint{log.origin(), 800, second->root, {}}, fetch_from(t.db()))
                   .ok());
  // A fork: same first 299 leaves, then different ones, signed by the same key.
  append(fork_db.db(), 0, 299);
  append(fork_db.db(), 5000, 5600);
  auto forked = VerifyCheckpointUpdate(checkpoint(fork_db.db()), log.origin(), vs, *first, fetch_from(fork_db.db()));
  ASSERT_FALSE(forked.ok());
  EXPECT_NE(forked.error().message.find("not consistent"), std::string::npos) << forked.error().message;
  // Tiles that do not match the checkpoint (served from the fork).
  EXPECT_FALSE(VerifyCheckpointUpdate(checkpoint(t.db()), log.origin(), vs, *first, fetch_from(fork_db.db())).ok());
  // Wrong key or origin.
  auto other = NoteSigner::FromSeed("origine.example/ML/log", std::vector<uint8_t>(32, 6));
  std::vector<Verifier> wrong{other->verifier()};
  EXPECT_FALSE(VerifyCheckpointUpdate(checkpoint(t.db()), log.origin(), wrong, *first, fetch_from(t.db())).ok());
  EXPECT_FALSE(VerifyCheckpointUpdate(checkpoint(t.db()), "other.example/log", vs, *first, fetch_from(t.db())).ok());
}

}  // namespace
}  // namespace origine::tlog
