// The authorization matrix, generated from the router: every route × every
// caller (each staff role, an exporter of the company that owns the objects,
// an exporter of another company, no session), called against the real
// handlers with real objects in a real database (authz_matrix_fixture.h). The
// expected answer comes from the route's rule in the table (api/authz.h):
//   no session, rule not Public                        401
//   a role the rule does not grant                     403 (code auth.forbidden)
//   an own-company grant naming another company's      404 (the service's scoping)
//   object
//   otherwise                                          the route's success status
// Listings checked for leaks: an exporter sees its company's items only.
// The test fails for a route without a rule (the Api cannot be built), a
// route without a scenario here, or a handler that disagrees with the table.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <set>

#include "api/authz.h"
#include "api/authz_matrix_scenarios.h"

namespace origine::api::matrix {
namespace {
namespace json = boost::json;

// One caller of the matrix.
struct Caller {
  std::string name;
  const Principal* who;  // null: no session
};

// The answer the table promises `caller` on `route`.
int Expected(const Rule& rule, const Caller& caller, const Scenario& s, int64_t owner_company) {
  switch (Decide(rule, caller.who)) {
    case Decision::kUnauthenticated:
      return 401;
    case Decision::kForbidden:
      return 403;
    case Decision::kAllow:
      break;
  }
  if (caller.who && rule.ScopeOf(caller.who->role) == Scope::kOwnCompany && s.names_object &&
      caller.who->company_id != owner_company)
    return 404;
  return s.status;
}

// A listing's answer: an exporter sees only its company's items; the owner
// (and any role that reaches every company) sees the item made for the call.
void CheckListing(const Listing& l, const http::Response& r, const Caller& caller, const Request& req,
                  int64_t owner_company) {
  json::value doc = json::parse(r.body);
  const json::array& items = doc.at(l.items).as_array();
  bool listed = false;
  for (const auto& v : items) {
    const json::object& item = v.as_object();
    if (l.key(item) == req.marker) listed = true;
    if (caller.who->company_id)
      EXPECT_EQ(l.company(item), *caller.who->company_id) << caller.name << " sees another company's item";
  }
  const bool reaches = !caller.who->company_id || *caller.who->company_id == owner_company;
  EXPECT_EQ(listed, reaches) << caller.name << (reaches ? " misses " : " sees ") << "the item " << req.marker;
}

TEST(AuthzMatrixTest, EveryRouteAsEveryCallerAnswersWhatTheTableSays) {
  World w;
  const testkit::People& p = w.people;
  const std::vector<Caller> callers = {
      {"exporter (owner)", &p.exporter},
      {"exporter (other company)", &p.other_exporter},
      {"agent", &p.agent},
      {"signatory", &p.signatory},
      {"admin", &p.admin},
      {"auditor", &p.auditor},
      {"no session", nullptr},
  };
  // Every role is in the cast (a new role needs a person in testkit::SeedPeople and here).
  std::set<Role> cast;
  for (const Caller& c : callers)
    if (c.who) cast.insert(c.who->role);
  for (Role r : AllRoles()) EXPECT_TRUE(cast.count(r)) << "no caller with the role " << RoleName(r);

  const auto scenarios = Scenarios();
  std::set<std::pair<std::string, std::string>> routed;
  int calls = 0;
  for (const http::Route& route : w.api->router().routes()) {
    const std::pair<std::string, std::string> key{route.method, route.path_template};
    routed.insert(key);
    const std::string name = route.method + " " + route.path_template;
    const Rule* rule = FindRule(route.method, route.path_template);
    ASSERT_NE(rule, nullptr) << name;
    auto it = scenarios.find(key);
    if (it == scenarios.end()) {
      ADD_FAILURE() << "no matrix scenario for " << name << " (add one to authz_matrix_test.cc)";
      continue;
    }
    const Scenario& s = it->second;
    for (const Caller& caller : callers) {
      SCOPED_TRACE(name + " as " + caller.name);
      const Request req = s.prepare(w);
      const int want = Expected(*rule, caller, s, p.company);
      http::Response r = w.Call(caller.who, route.method, req.target, req.body);
      ++calls;
      EXPECT_EQ(r.status, want) << req.target << " " << req.body << " -> " << r.body.substr(0, 400);
      if (r.status == 403 && want == 403)
        EXPECT_EQ(json::parse(r.body).at("code").as_string(), "auth.forbidden") << r.body;
      if (r.status == want && want == s.status && s.listing && caller.who)
        CheckListing(*s.listing, r, caller, req, p.company);
      if (s.ends_session && caller.who && r.status == s.status) w.ForgetSession(*caller.who);
    }
  }
  for (const auto& [key, s] : scenarios)
    EXPECT_TRUE(routed.count(key)) << "a scenario for a route that does not exist: " << key.first << " " << key.second;
  EXPECT_EQ(calls, static_cast<int>(routed.size() * callers.size()));
}

// A rule with a step-up runs the Api's StepUpCheck after the role, before
// the handler; its refusal is the answer. (The second factor itself is the
// mfa branch's; here the check is the test's.)
TEST(AuthzStepUpTest, TheSignRouteAsksTheStepUpCheckAndNoOtherRouteDoes) {
  int asked = 0;
  bool fresh = false;
  ApiOptions options;
  options.step_up = [&](StepUp s, const identity::Session& session, const http::Request&) -> Status {
    ++asked;
    EXPECT_EQ(s, StepUp::kTotp);
    EXPECT_EQ(session.principal.role, Role::kSignatory);
    if (fresh) return {};
    return Error::Unauthenticated("session.required"_code, "a fresh second factor is needed");
  };
  World w(options);
  const std::string sign = "/api/v1/applications/" + std::to_string(w.Approved()) + "/sign";
  auto stale = w.Call(&w.people.signatory, "POST", sign, "{}");
  EXPECT_EQ(stale.status, 401) << stale.body;
  EXPECT_EQ(json::parse(stale.body).at("code").as_string(), "session.required");
  EXPECT_EQ(asked, 1);
  // A role the rule does not grant is refused before the check.
  EXPECT_EQ(w.Call(&w.people.agent, "POST", sign, "{}").status, 403);
  EXPECT_EQ(asked, 1);
  // Other routes never ask.
  const std::string approve = "/api/v1/applications/" + std::to_string(w.Submitted()) + "/approve";
  EXPECT_EQ(w.Call(&w.people.agent, "POST", approve, "{}").status, 200);
  EXPECT_EQ(asked, 1);
  // Nothing was signed by the refused call; a fresh factor signs.
  fresh = true;
  auto signed_app = w.Call(&w.people.signatory, "POST", sign, "{}");
  EXPECT_EQ(signed_app.status, 200) << signed_app.body;
  EXPECT_EQ(json::parse(signed_app.body).at("status").as_string(), "issued");
  EXPECT_EQ(asked, 2);
}

}  // namespace
}  // namespace origine::api::matrix
