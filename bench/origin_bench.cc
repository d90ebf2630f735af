// Origin rules engine: evaluating a 50-line application (target: < 1 ms).
// Build: cmake -DORIGINE_BENCH=ON -DCMAKE_BUILD_TYPE=Release; run from the
// repository root: build-bench/bench/origin_bench (`make bench` does both)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "origin/engine.h"

namespace {

using origine::origin::Evaluate;
using origine::origin::GoodsLineFacts;
using origine::origin::LineVerdict;
using origine::origin::LoadRegimes;
using origine::origin::RegimeSet;

const RegimeSet& Regimes() {
  static const RegimeSet* set = [] {
    auto r = LoadRegimes("data/regimes");
    if (!r) {
      std::fprintf(stderr, "%s (run from the repository root)\n", r.error().message.c_str());
      std::exit(1);
    }
    return new RegimeSet(std::move(*r));
  }();
  return *set;
}

struct AppLine {
  const char* regime;
  GoodsLineFacts facts;
};

// A realistic mix: ETLS industrial lines with several materials (CTH fails, VA
// decides), AfCFTA lines through the product-specific table (tolerance,
// cumulation), wholly obtained produce, and a cattle line checked against bans.
std::vector<AppLine> Application() {
  std::vector<AppLine> lines;
  for (int i = 0; i < 50; ++i) {
    GoodsLineFacts f;
    const char* regime = "ETLS";
    switch (i % 5) {
      case 0:
        f.hs_code = "1515.90";
        f.ex_works_xof = 1'000'000 + i * 1'000;
        f.processes = {"refining", "simple_packaging"};
        f.non_originating = {
            {"1515.90", 600'000, "CN", ""}, {"3923.30", 20'000, "", ""}, {"1207.99", 50'000, "BF", ""}};
        f.approval = origine::origin::Approval{"AGR-ML-2021-0042", "ETLS", "1515", "2021-01-01", "2028-12-31"};
        break;
      case 1:
        regime = "AFCFTA";
        f.hs_code = "1515.90";
        f.ex_works_xof = 1'000'000;
        f.processes = {"extraction"};
        f.non_originating = {
            {"1207.99", 300'000, "", ""}, {"1515.90", 80'000, "CN", ""}, {"1207.99", 10'000, "CI", ""}};
        break;
      case 2:
        f.product_kind = "unprocessed";
        f.hs_code = "1207.40";
        f.wholly_obtained = true;
        f.processes = {"cleaning", "sorting"};
        break;
      case 3:
        regime = "AFCFTA";
        f.hs_code = "3105.20";
        f.ex_works_xof = 2'000'000;
        f.processes = {"chemical_mixing"};
        f.non_originating = {
            {"3102.10", 400'000, "RU", ""}, {"3104.20", 250'000, "BY", ""}, {"3105.20", 90'000, "MA", ""}};
        break;
      case 4:
        f.product_kind = "unprocessed";
        f.hs_code = "0102.29";
        f.wholly_obtained = true;
        f.attributes = {{"sex", "male"}, {"age_months", "72"}};
        break;
    }
    lines.push_back({regime, std::move(f)});
  }
  return lines;
}

void BM_Evaluate50LineApplication(benchmark::State& state) {
  const RegimeSet& set = Regimes();
  const std::vector<AppLine> app = Application();
  int originating = 0;
  for (auto _ : state) {
    for (const AppLine& line : app) {
      LineVerdict v = Evaluate(set, line.regime, "ML", "SN", "2026-03-02", line.facts);
      originating += v.outcome == LineVerdict::kOriginating;
      benchmark::DoNotOptimize(v);
    }
  }
  state.counters["lines/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * 50, benchmark::Counter::kIsRate);
  benchmark::DoNotOptimize(originating);
}
BENCHMARK(BM_Evaluate50LineApplication)->Unit(benchmark::kMicrosecond);

void BM_LoadRegimes(benchmark::State& state) {
  for (auto _ : state) {
    auto r = LoadRegimes("data/regimes");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_LoadRegimes)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
