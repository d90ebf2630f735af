// The authorization table itself: binding routes to rules, the decisions, the
// invariants the table must keep, and its copies in docs/formats/api.md and
// openapi.json. (authz_matrix_test.cc calls every route as every role.)
#include "api/authz.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "api/api.h"

namespace origine::api {
namespace {
namespace json = boost::json;

Principal Person(Role role, std::optional<int64_t> company = std::nullopt) {
  Principal p;
  p.user_id = 1;
  p.role = role;
  p.company_id = company;
  return p;
}

TEST(RuleBinderTest, EveryRouteTakesExactlyOneRowAndEveryRowOneRoute) {
  const RouteRule table[] = {{"GET", "/a", Rule::Public()}, {"POST", "/a", Rule::Any(Role::kAdmin)}};
  {
    RuleBinder b(table);
    EXPECT_EQ(b.Bind("GET", "/a").audience, Audience::kPublic);
    EXPECT_TRUE(b.Bind("POST", "/a").any.Has(Role::kAdmin));
    EXPECT_NO_THROW(b.Finish());
  }
  {
    RuleBinder b(table);
    // A route without a row: the Api cannot be built.
    EXPECT_THROW(b.Bind("PUT", "/a"), std::logic_error);
    EXPECT_THROW(b.Bind("GET", "/b"), std::logic_error);
    b.Bind("GET", "/a");
    EXPECT_THROW(b.Bind("GET", "/a"), std::logic_error);  // twice
    // A row no route took (a rule left behind, or a typo in its path).
    EXPECT_THROW(b.Finish(), std::logic_error);
  }
  const RouteRule twice[] = {{"GET", "/a", Rule::Public()}, {"GET", "/a", Rule::AnySession()}};
  EXPECT_THROW(RuleBinder{twice}, std::logic_error);
}

TEST(DecideTest, PublicSessionAndRoles) {
  const Principal exporter = Person(Role::kExporter, 7), agent = Person(Role::kAgent);
  EXPECT_EQ(Decide(Rule::Public(), nullptr), Decision::kAllow);
  EXPECT_EQ(Decide(Rule::Public(), &agent), Decision::kAllow);
  EXPECT_EQ(Decide(Rule::AnySession(), nullptr), Decision::kUnauthenticated);
  EXPECT_EQ(Decide(Rule::AnySession(), &agent), Decision::kAllow);
  const Rule r = Rule::Own(Role::kExporter).AndAny(Role::kAdmin);
  EXPECT_EQ(Decide(r, nullptr), Decision::kUnauthenticated);
  EXPECT_EQ(Decide(r, &exporter), Decision::kAllow);
  EXPECT_EQ(Decide(r, &agent), Decision::kForbidden);
  const Principal admin = Person(Role::kAdmin);
  EXPECT_EQ(Decide(r, &admin), Decision::kAllow);
  EXPECT_EQ(r.ScopeOf(Role::kExporter), Scope::kOwnCompany);
  EXPECT_EQ(r.ScopeOf(Role::kAdmin), Scope::kAnyCompany);
  EXPECT_EQ(r.ScopeOf(Role::kAgent), std::nullopt);
  // An own-company grant needs a company: a principal without one gets nothing.
  const Principal lost = Person(Role::kExporter);
  EXPECT_EQ(Decide(r, &lost), Decision::kForbidden);
  EXPECT_EQ(r.Who(), "exporter (own company); admin");
  EXPECT_EQ(Rule::Any(kCaseStaff).Who(), "agent, signatory, admin");
}

// What the table must keep, whatever rows are added.
TEST(AuthzTableTest, KeepsItsInvariants) {
  int step_ups = 0;
  for (const RouteRule& r : RouteRules()) {
    const std::string route = std::string(r.method) + " " + std::string(r.path);
    SCOPED_TRACE(route);
    if (r.rule.audience != Audience::kRoles) {
      EXPECT_TRUE(r.rule.own.empty() && r.rule.any.empty()) << "public and session rules name no role";
      EXPECT_EQ(r.rule.step_up, StepUp::kNone);
      continue;
    }
    EXPECT_FALSE(r.rule.own.empty() && r.rule.any.empty()) << "a rule that grants nobody";
    // Only users of a company reach "their own company's" objects; an
    // exporter never reaches another company's.
    for (Role role : AllRoles()) {
      if (r.rule.own.Has(role)) EXPECT_EQ(role, Role::kExporter);
      if (r.rule.any.Has(role)) EXPECT_NE(role, Role::kExporter);
    }
    // The auditor reads the audit trail and nothing else (docs/formats/api.md).
    if (r.rule.ScopeOf(Role::kAuditor))
      EXPECT_TRUE(r.method == "GET" && r.path.starts_with("/api/v1/audit/")) << "the auditor only reads the trail";
    if (r.rule.step_up != StepUp::kNone) ++step_ups;
  }
  // Signing asks for a fresh second factor (issue 12 item 5).
  const Rule* sign = FindRule("POST", "/api/v1/applications/{id}/sign");
  ASSERT_NE(sign, nullptr);
  EXPECT_EQ(sign->step_up, StepUp::kTotp);
  EXPECT_EQ(step_ups, 1);
}

// The rows of the table as docs/formats/api.md shows them.
std::string DocumentedTable() {
  std::string out = "| route | who | step-up |\n|---|---|---|\n";
  for (const RouteRule& r : RouteRules())
    out += "| `" + std::string(r.method) + " " + std::string(r.path) + "` | " + r.rule.Who() + " | " +
           (r.rule.step_up == StepUp::kTotp ? "totp" : "—") + " |\n";
  return out;
}

TEST(AuthzTableTest, IsTheOneDocumentedInApiMd) {
  std::ifstream in("docs/formats/api.md");  // tests run in the source directory
  ASSERT_TRUE(in) << "docs/formats/api.md not found from " << std::filesystem::current_path();
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str(), begin = "<!-- authz-table:begin -->\n", end = "<!-- authz-table:end -->";
  const size_t b = doc.find(begin), e = doc.find(end);
  ASSERT_TRUE(b != std::string::npos && e != std::string::npos && b < e) << "markers missing in api.md";
  EXPECT_EQ(doc.substr(b + begin.size(), e - b - begin.size()), DocumentedTable())
      << "docs/formats/api.md must show the table of src/api/authz_table.cc; expected:\n"
      << DocumentedTable();
}

// openapi.json declares the session cookie on every operation whose rule is not Public.
TEST(AuthzTableTest, OpenApiSecurityFollowsTheRules) {
  auto doc = json::parse(Api::OpenApiJson()).as_object();
  for (const RouteRule& r : RouteRules()) {
    std::string path(r.path), method(r.method);
    if (auto pos = path.find("...}"); pos != std::string::npos) path.erase(pos, 3);
    for (auto& ch : method) ch = static_cast<char>(std::tolower(ch));
    SCOPED_TRACE(testing::Message() << method << " " << path);
    const json::value* op = doc.at("paths").as_object().if_contains(path);
    ASSERT_TRUE(op && op->as_object().contains(method));
    const bool open = op->at(method).at("security").as_array().empty();
    EXPECT_EQ(open, r.rule.audience == Audience::kPublic);
  }
}

}  // namespace
}  // namespace origine::api
