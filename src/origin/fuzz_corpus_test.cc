// Feeds every seed of src/origin/fuzz_corpus/ (valid and malformed) and every
// real data file through the parsers: they must return, never crash. Run
// under ASan/UBSan in the sanitizer build.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "origin/engine.h"
#include "origin/psr.h"

namespace origine::origin {
namespace {

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Feed(const std::string& text) {
  Result<RegimeSet> set = LoadRegimeText("seed.toml", text);
  if (set) {
    GoodsLineFacts facts;
    facts.hs_code = "0801.32";
    facts.ex_works_xof = 1000;
    for (const Regime& r : set->regimes) (void)Evaluate(*set, r.code, "ML", "SN", r.effective.from, facts);
  } else {
    EXPECT_FALSE(set.error().message.empty());
  }
  (void)ParsePsrCsv("seed.csv", text);
  (void)ParseRule(text);
}

TEST(OriginFuzzCorpus, EverySeedReturns) {
  int seeds = 0;
  for (const char* dir : {"src/origin/fuzz_corpus", "data/regimes", "data/afcfta"}) {
    ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir << " (tests run from the repository root)";
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      SCOPED_TRACE(entry.path().string());
      const std::string text = Slurp(entry.path());
      Feed(text);
      // Every prefix of a few real files: truncation must never crash either.
      if (text.size() < 20000)
        for (size_t cut = 0; cut < text.size(); cut += 97) Feed(text.substr(0, cut));
      ++seeds;
    }
  }
  EXPECT_GE(seeds, 10);
}

}  // namespace
}  // namespace origine::origin
