// Transparency log benchmarks (Google Benchmark).
//
//   DurableAppend/1          one leaf per write transaction (BEGIN IMMEDIATE,
//                            append, COMMIT with SQLite WAL + synchronous=FULL)
//   DurableAppend/N          N leaves per transaction (Log::AppendBatch)
//   InclusionProof           proof for a random leaf in a tree of
//                            TLOG_BENCH_LEAVES leaves (default 10,000,000),
//                            including the read transaction, + verification
//   ConsistencyProof, ReadTile, SignedCheckpoint at the same size
//
// The big tree is built once with Log::AppendBatch (50,000 leaves per
// transaction) in $TLOG_BENCH_DIR (default /tmp/origine-tlog-bench) and reused
// by later runs. Latency benchmarks report p50/p99 in microseconds as counters.
// Build: cmake -DORIGINE_BENCH=ON -DCMAKE_BUILD_TYPE=Release; run
// ./build-bench/bench/tlog_bench (`make bench` does both).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "storage/sqlite_db.h"
#include "tlog/log.h"

namespace {

using namespace origine;
using namespace origine::tlog;
using Clock = std::chrono::steady_clock;

std::string BenchDir() {
  const char* d = std::getenv("TLOG_BENCH_DIR");
  std::string dir = d ? d : "/tmp/origine-tlog-bench";
  std::filesystem::create_directories(dir);
  return dir;
}

// bench/all.sh --smoke sets ORIGINE_BENCH_SMOKE: a few iterations of each benchmark.
double MinSeconds(double seconds) { return std::getenv("ORIGINE_BENCH_SMOKE") ? 0.01 : seconds; }

uint64_t BigSize() {
  const char* n = std::getenv("TLOG_BENCH_LEAVES");
  return n ? std::strtoull(n, nullptr, 10) : 10'000'000;
}

void Die(const std::string& what) {
  std::cerr << "tlog_bench: " << what << "\n";
  std::exit(1);
}

template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r) Die(std::string(what) + ": " + r.error().message);
  return std::move(*r);
}

void Must(const Status& s, const char* what) {
  if (!s) Die(std::string(what) + ": " + s.error().message);
}

// Applies the tlog migration statements (the benchmark has no app migrations).
void Migrate(storage::Db& db) {
  auto tx = Must(db.Begin(), "begin");
  auto exists = Must(tx->Query("SELECT name FROM sqlite_master WHERE name = 'tlog_state'"), "query");
  if (!exists.empty()) return;
  for (const auto& m : TlogMigrations()) {
    std::string sql(m.sql);
    size_t pos = 0;
    while (pos < sql.size()) {
      size_t end = sql.find(';', pos);
      if (end == std::string::npos) end = sql.size();
      std::string stmt = sql.substr(pos, end - pos);
      if (stmt.find_first_not_of(" \n\t") != std::string::npos) Must(tx->Exec(stmt), "migrate");
      pos = end + 1;
    }
  }
  Must(tx->Commit(), "commit");
}

LeafRecord Rec(uint64_t i) {
  LeafRecord r;
  r.event = Event::kIssue;
  r.certificate_id =
      "ML-" + std::to_string(2025 + i / 1'000'000) + "-EUR1-" + std::to_string(1'000'000 + i % 1'000'000);
  uint8_t b[8];
  for (int k = 0; k < 8; ++k) b[k] = static_cast<uint8_t>(i >> (8 * k));
  r.cose_sha256 = Sha256(b);
  r.time = 1'750'000'000 + static_cast<int64_t>(i / 10);
  return r;
}

struct LatencyRecorder {
  std::vector<double> us;
  void Add(Clock::time_point start) {
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  void Report(benchmark::State& state) {
    if (us.empty()) return;
    std::sort(us.begin(), us.end());
    state.counters["p50_us"] = us[us.size() / 2];
    state.counters["p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  }
};

// ---- durable appends

void BM_DurableAppend(benchmark::State& state) {
  const int64_t per_tx = state.range(0);
  const std::string path = BenchDir() + "/append-" + std::to_string(per_tx) + ".db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto db = Must(storage::OpenSqlite(path), "open");
  Migrate(*db);
  Log log("origine.example/ML/log");
  uint64_t next = 0;
  LatencyRecorder lat;
  for (auto _ : state) {
    std::vector<LeafRecord> batch;
    for (int64_t i = 0; i < per_tx; ++i) batch.push_back(Rec(next++));
    const auto t0 = Clock::now();
    auto tx = Must(db->Begin(), "begin");
    if (per_tx == 1) {
      Must(log.Append(*tx, batch[0]), "append");
    } else {
      Must(log.AppendBatch(*tx, batch), "append");
    }
    Must(tx->Commit(), "commit");
    lat.Add(t0);
  }
  state.SetItemsProcessed(static_cast<int64_t>(next));
  lat.Report(state);
  state.counters["leaves"] = static_cast<double>(next);
  db.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}
BENCHMARK(BM_DurableAppend)
    ->Arg(1)
    ->Arg(16)
    ->Arg(256)
    ->MinTime(MinSeconds(5))
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// ---- the big tree

struct BigTree {
  std::unique_ptr<storage::Db> db;
  Log log{"origine.example/ML/log"};
  uint64_t size = 0;
  Checkpoint head;
};

BigTree& Big() {
  static BigTree* big = [] {
    auto* b = new BigTree;
    const uint64_t want = BigSize();
    const std::string path = BenchDir() + "/big-" + std::to_string(want) + ".db";
    b->db = Must(storage::OpenSqlite(path), "open");
    Migrate(*b->db);
    {
      auto tx = Must(b->db->Begin(false), "begin");
      b->size = Must(b->log.Size(*tx), "size");
    }
    if (b->size < want) {
      std::cerr << "building a tree of " << want << " leaves in " << path << " (from " << b->size << ")...\n";
      const auto t0 = Clock::now();
      constexpr uint64_t kChunk = 50'000;
      std::vector<LeafRecord> batch;
      while (b->size < want) {
        const uint64_t n = std::min(kChunk, want - b->size);
        batch.clear();
        for (uint64_t i = 0; i < n; ++i) batch.push_back(Rec(b->size + i));
        auto tx = Must(b->db->Begin(), "begin");
        Must(b->log.AppendBatch(*tx, batch), "append");
        Must(tx->Commit(), "commit");
        b->size += n;
        if (b->size % 1'000'000 == 0)
          std::cerr << "  " << b->size << " leaves, " << std::chrono::duration<double>(Clock::now() - t0).count()
                    << " s\n";
      }
      const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
      std::cerr << "built in " << secs << " s (" << static_cast<double>(want) / secs
                << " leaves/s in 50,000-leaf transactions)\n";
    }
    auto tx = Must(b->db->Begin(false), "begin");
    b->head = Must(b->log.Head(*tx), "head");
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0)
      std::cerr << "tree size " << b->size << ", database " << st.st_size / (1 << 20) << " MiB\n";
    return b;
  }();
  return *big;
}

void BM_InclusionProof(benchmark::State& state) {
  BigTree& b = Big();
  std::mt19937_64 rng(1);
  LatencyRecorder lat;
  size_t proof_len = 0;
  for (auto _ : state) {
    const uint64_t index = rng() % b.size;
    const auto t0 = Clock::now();
    auto tx = Must(b.db->Begin(false), "begin");
    auto proof = Must(b.log.Inclusion(*tx, index, b.size), "inclusion");
    auto entry = Must(b.log.Entry(*tx, index), "entry");
    lat.Add(t0);
    proof_len = proof.size();
    if (!VerifyInclusion(entry.leaf_hash, index, b.size, proof, b.head.root)) Die("proof does not verify");
  }
  lat.Report(state);
  state.counters["tree_size"] = static_cast<double>(b.size);
  state.counters["proof_hashes"] = static_cast<double>(proof_len);
}
BENCHMARK(BM_InclusionProof)->MinTime(MinSeconds(5))->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_InclusionProofOnly(benchmark::State& state) {
  BigTree& b = Big();
  std::mt19937_64 rng(2);
  auto tx = Must(b.db->Begin(false), "begin");
  for (auto _ : state) {
    auto proof = Must(b.log.Inclusion(*tx, rng() % b.size, b.size), "inclusion");
    benchmark::DoNotOptimize(proof);
  }
}
BENCHMARK(BM_InclusionProofOnly)->MinTime(MinSeconds(3))->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_VerifyInclusion(benchmark::State& state) {
  BigTree& b = Big();
  auto tx = Must(b.db->Begin(false), "begin");
  const uint64_t index = b.size / 3;
  auto proof = Must(b.log.Inclusion(*tx, index, b.size), "inclusion");
  auto entry = Must(b.log.Entry(*tx, index), "entry");
  for (auto _ : state) benchmark::DoNotOptimize(VerifyInclusion(entry.leaf_hash, index, b.size, proof, b.head.root));
}
BENCHMARK(BM_VerifyInclusion)->Unit(benchmark::kMicrosecond);

void BM_ConsistencyProof(benchmark::State& state) {
  BigTree& b = Big();
  std::mt19937_64 rng(3);
  LatencyRecorder lat;
  for (auto _ : state) {
    const uint64_t m = 1 + rng() % b.size;
    const auto t0 = Clock::now();
    auto tx = Must(b.db->Begin(false), "begin");
    auto proof = Must(b.log.Consistency(*tx, m, b.size), "consistency");
    lat.Add(t0);
    benchmark::DoNotOptimize(proof);
  }
  lat.Report(state);
}
BENCHMARK(BM_ConsistencyProof)->MinTime(MinSeconds(3))->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_ReadTile(benchmark::State& state) {
  BigTree& b = Big();
  std::mt19937_64 rng(4);
  const int level = static_cast<int>(state.range(0));
  const uint64_t full = HashesAtLevel(level, b.size) / kTileWidth;
  if (full == 0) {
    state.SkipWithError("no full tile at this level");
    return;
  }
  LatencyRecorder lat;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    auto tx = Must(b.db->Begin(false), "begin");
    auto tile = Must(b.log.ReadTile(*tx, Tile{level, rng() % full, kTileWidth}), "tile");
    lat.Add(t0);
    benchmark::DoNotOptimize(tile);
  }
  lat.Report(state);
}
BENCHMARK(BM_ReadTile)
    ->Arg(-1)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->MinTime(MinSeconds(3))
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

void BM_SignedCheckpoint(benchmark::State& state) {
  BigTree& b = Big();
  auto signer = Must(NoteSigner::FromSeed("origine.example/ML/log", std::vector<uint8_t>(32, 1)), "signer");
  for (auto _ : state) {
    auto tx = Must(b.db->Begin(false), "begin");
    benchmark::DoNotOptimize(Must(b.log.SignedCheckpoint(*tx, signer), "checkpoint"));
  }
}
BENCHMARK(BM_SignedCheckpoint)->MinTime(MinSeconds(2))->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
