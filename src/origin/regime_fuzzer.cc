// libFuzzer target for the regime (TOML) and product-rule (CSV) parsers, and
// through them the rule language. Build with clang (see CMakeLists.txt):
//   build-origin-fuzz/src/origin/origin_regime_fuzzer src/origin/fuzz_corpus
#include <cstddef>
#include <cstdint>
#include <string>

#include "origin/engine.h"
#include "origin/psr.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  origine::Result<origine::origin::RegimeSet> set = origine::origin::LoadRegimeText("fuzz.toml", text);
  if (set) {
    // A file that loads must also evaluate without crashing.
    origine::origin::GoodsLineFacts facts;
    facts.hs_code = "1515.90";
    facts.ex_works_xof = 1000;
    facts.non_originating.push_back({"1207.99", 300, "BF", ""});
    for (const auto& r : set->regimes)
      (void)origine::origin::Evaluate(*set, r.code, "ML", "SN", r.effective.from, facts);
  }
  (void)origine::origin::ParsePsrCsv("fuzz.csv", text);
  (void)origine::origin::ParseRule(text);
  return 0;
}
