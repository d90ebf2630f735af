// Runs every golden case of tests/golden/origin/*.toml (format in that
// folder's README.md) against the real regime files of data/regimes/.
// Tests run from the repository root.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "origin/engine.h"

namespace origine::origin {
namespace {

constexpr const char* kGoldenDir = "tests/golden/origin";

struct GoldenCase {
  std::string file, id;
  int64_t line = 0;
  std::string regime, from, to, date;
  GoodsLineFacts facts;
  std::string expect, criterion, explanation_fr, explanation_en;
  std::vector<std::string> reasons, reasons_absent;
};

std::string Str(const toml::node& n) {
  if (n.is_string()) return n.as_string()->get();
  if (n.is_integer()) return std::to_string(n.as_integer()->get());
  if (n.is_boolean()) return n.as_boolean()->get() ? "true" : "false";
  if (n.is_date()) {
    const toml::date d = n.as_date()->get();
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", unsigned{d.year}, unsigned{d.month}, unsigned{d.day});
    return buf;
  }
  ADD_FAILURE() << "unsupported value at line " << n.source().begin.line;
  return "";
}

std::vector<std::string> Strs(const toml::node& n) {
  std::vector<std::string> out;
  if (const toml::array* a = n.as_array())
    for (const toml::node& e : *a) out.push_back(Str(e));
  return out;
}

// Fills `c` from one table; keys unknown to the format fail the test, so a
// typo in a case file never silently drops a fact.
void Apply(const toml::table& t, GoldenCase* c) {
  static const std::set<std::string> kKeys = {"id",
                                              "note",
                                              "regime",
                                              "from",
                                              "to",
                                              "date",
                                              "hs",
                                              "kind",
                                              "wholly_obtained",
                                              "ex_works",
                                              "processes",
                                              "materials",
                                              "approval",
                                              "suspensive",
                                              "attributes",
                                              "expect",
                                              "criterion",
                                              "explanation_fr",
                                              "explanation_en",
                                              "reasons",
                                              "reasons_absent"};
  for (auto&& [key, value] : t) {
    const std::string k(key.str());
    if (!kKeys.contains(k)) {
      ADD_FAILURE() << c->file << ":" << value.source().begin.line << ": unknown key '" << k << "'";
      continue;
    }
    if (k == "id")
      c->id = Str(value);
    else if (k == "regime")
      c->regime = Str(value);
    else if (k == "from")
      c->from = Str(value);
    else if (k == "to")
      c->to = Str(value);
    else if (k == "date")
      c->date = Str(value);
    else if (k == "hs")
      c->facts.hs_code = Str(value);
    else if (k == "kind")
      c->facts.product_kind = Str(value);
    else if (k == "wholly_obtained")
      c->facts.wholly_obtained = value.value_or(false);
    else if (k == "ex_works")
      c->facts.ex_works_xof = value.value_or(int64_t{0});
    else if (k == "processes")
      c->facts.processes = Strs(value);
    else if (k == "suspensive")
      c->facts.suspensive_regime = value.value_or(false);
    else if (k == "expect")
      c->expect = Str(value);
    else if (k == "criterion")
      c->criterion = Str(value);
    else if (k == "explanation_fr")
      c->explanation_fr = Str(value);
    else if (k == "explanation_en")
      c->explanation_en = Str(value);
    else if (k == "reasons")
      c->reasons = Strs(value);
    else if (k == "reasons_absent")
      c->reasons_absent = Strs(value);
    else if (k == "materials") {
      c->facts.non_originating.clear();
      for (const toml::node& m : *value.as_array()) {
        const toml::table& mt = *m.as_table();
        Material mat;
        mat.hs_code = mt["hs"].value_or(std::string());
        mat.cif_xof = mt["cif"].value_or(int64_t{0});
        mat.origin_country = mt["origin"].value_or(std::string());
        mat.description = mt["description"].value_or(std::string());
        c->facts.non_originating.push_back(std::move(mat));
      }
    } else if (k == "approval") {
      const toml::table& at = *value.as_table();
      Approval a;
      if (const toml::node* n = at.get("number")) a.number = Str(*n);
      if (const toml::node* n = at.get("regime")) a.regime = Str(*n);
      if (const toml::node* n = at.get("hs")) a.hs_code = Str(*n);
      if (const toml::node* n = at.get("from")) a.valid_from = Str(*n);
      if (const toml::node* n = at.get("to")) a.valid_to = Str(*n);
      c->facts.approval = a;
    } else if (k == "attributes") {
      for (auto&& [ak, av] : *value.as_table()) c->facts.attributes[std::string(ak.str())] = Str(av);
    }
  }
}

std::vector<GoldenCase> LoadCases() {
  std::vector<GoldenCase> cases;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(kGoldenDir))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    toml::table doc;
    try {
      doc = toml::parse_file(path.string());
    } catch (const toml::parse_error& e) {
      ADD_FAILURE() << path.string() << ":" << e.source().begin.line << ": " << e.description();
      continue;
    }
    GoldenCase defaults;
    defaults.file = path.string();
    if (const toml::table* d = doc["defaults"].as_table()) Apply(*d, &defaults);
    const toml::array* list = doc["case"].as_array();
    if (list == nullptr) {
      ADD_FAILURE() << path.string() << ": no [[case]]";
      continue;
    }
    for (const toml::node& n : *list) {
      GoldenCase c = defaults;
      c.line = n.source().begin.line;
      Apply(*n.as_table(), &c);
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

TEST(OriginGolden, EveryCaseMatches) {
  Result<RegimeSet> regimes = LoadRegimes("data/regimes");
  ASSERT_TRUE(regimes.ok()) << regimes.error().message;
  const std::vector<GoldenCase> cases = LoadCases();
  std::set<std::string> ids, criteria;
  for (const GoldenCase& c : cases) {
    SCOPED_TRACE(c.file + ":" + std::to_string(c.line) + " [" + c.id + "]");
    EXPECT_FALSE(c.id.empty());
    EXPECT_TRUE(ids.insert(c.id).second) << "duplicate id";
    ASSERT_TRUE(c.expect == "originating" || c.expect == "not_originating" || c.expect == "needs_review") << c.expect;
    ASSERT_FALSE(c.explanation_fr.empty()) << "each case names a required part of the French explanation";
    const LineVerdict v = Evaluate(*regimes, c.regime, c.from, c.to, c.date, c.facts);
    EXPECT_EQ(OutcomeName(v.outcome), c.expect) << v.explanation_en;
    EXPECT_EQ(v.criterion, c.criterion) << v.explanation_en;
    EXPECT_NE(v.explanation_fr.find(c.explanation_fr), std::string::npos)
        << "explanation_fr lacks '" << c.explanation_fr << "':\n"
        << v.explanation_fr;
    if (!c.explanation_en.empty()) {
      EXPECT_NE(v.explanation_en.find(c.explanation_en), std::string::npos)
          << "explanation_en lacks '" << c.explanation_en << "':\n"
          << v.explanation_en;
    }
    for (const std::string& r : c.reasons)
      EXPECT_NE(std::find(v.reasons.begin(), v.reasons.end(), r), v.reasons.end())
          << "reason '" << r << "' missing; got " << ::testing::PrintToString(v.reasons);
    for (const std::string& r : c.reasons_absent)
      EXPECT_EQ(std::find(v.reasons.begin(), v.reasons.end(), r), v.reasons.end()) << "reason '" << r << "' present";
    if (!v.criterion.empty() && v.outcome == LineVerdict::kOriginating) criteria.insert(v.criterion);
  }
  EXPECT_GE(cases.size(), 60u);
  // Every criterion code appears at least once among the expected verdicts.
  for (const char* code : {"WO", "WP", "CTH", "CTSH", "VA", "SX", "SV", "SM", "SP"})
    EXPECT_TRUE(criteria.contains(code)) << "no golden case yields criterion " << code;
  std::printf("[ golden   ] %zu origin cases from %s\n", cases.size(), kGoldenDir);
}

}  // namespace
}  // namespace origine::origin
