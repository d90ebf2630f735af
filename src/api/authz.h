// origine/api/authz.h — the authorization rule of a route and its evaluation.
//
// Every route of the API has exactly one rule, in ONE table (api/authz_table.cc,
// documented in docs/formats/api.md "Authorization", ADR 0060). The middleware
// (api/middleware.h) applies the rule once, before the handler:
//
//   who       Public: anyone, no session needed (a session sent along is
//             still resolved); AnySession: any signed-in user, whatever the
//             role; Roles: only the roles the rule grants (others: 403
//             "auth.forbidden", itself audited).
//   scope     for each granted role, whose objects it reaches: kOwnCompany
//             (an exporter: its own company's objects; another company's
//             object answers 404, never 403 — the service does that scoping
//             with the principal's company) or kAnyCompany (staff).
//   step-up   kTotp: a fresh second factor is required (the sign route).
//
// Services keep the domain rules: company scoping, four eyes (the signatory is
// never the approving agent), the workflow's states. They no longer check
// roles: the table is the one place that says which role may call what.
// Thread-safety: constants and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/context.h"

namespace origine::api {

// A set of roles (a bit per Role).
class Roles {
 public:
  constexpr Roles() = default;
  constexpr Roles(Role r) : bits_(Bit(r)) {}  // NOLINT: a role is a set of one
  constexpr Roles operator|(Roles o) const { return Roles(bits_ | o.bits_); }
  constexpr bool Has(Role r) const { return (bits_ & Bit(r)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool operator==(const Roles&) const = default;
  // "agent, signatory" in the order of the Role enum; "" when empty.
  std::string Names() const;

 private:
  constexpr explicit Roles(uint32_t bits) : bits_(bits) {}
  static constexpr uint32_t Bit(Role r) { return uint32_t{1} << static_cast<unsigned>(r); }
  uint32_t bits_ = 0;
};
constexpr Roles operator|(Role a, Role b) { return Roles(a) | Roles(b); }

// Who may call a route.
enum class Audience { kPublic, kAnySession, kRoles };

// Which company's objects a granted role reaches on a route.
enum class Scope { kOwnCompany, kAnyCompany };

// A fresh second factor required before the handler runs.
enum class StepUp { kNone, kTotp };

// One route's rule. Built with the functions below, e.g.
//   Rule::Own(Role::kExporter).AndAny(kCaseStaff)
//   Rule::Any(Role::kSignatory).WithStepUp(StepUp::kTotp)
struct Rule {
  Audience audience = Audience::kRoles;
  Roles own;  // granted on their own company's objects only
  Roles any;  // granted on any company's objects
  StepUp step_up = StepUp::kNone;

  static constexpr Rule Public() { return {Audience::kPublic, {}, {}, StepUp::kNone}; }
  static constexpr Rule AnySession() { return {Audience::kAnySession, {}, {}, StepUp::kNone}; }
  static constexpr Rule Own(Roles roles) { return {Audience::kRoles, roles, {}, StepUp::kNone}; }
  static constexpr Rule Any(Roles roles) { return {Audience::kRoles, {}, roles, StepUp::kNone}; }
  constexpr Rule AndAny(Roles roles) const { return {audience, own, any | roles, step_up}; }
  constexpr Rule WithStepUp(StepUp s) const { return {audience, own, any, s}; }

  // The scope a Roles rule grants `role`, or nothing (also for Public and
  // AnySession rules, which name no company's object).
  std::optional<Scope> ScopeOf(Role role) const;
  // Who, in the words of docs/formats/api.md's table: "anyone", "any session",
  // or "exporter (own company); agent, signatory, admin".
  std::string Who() const;
};

// The staff who handle the files (applications, certificates, payments,
// products, companies, approvals) and read them: the auditor is not among
// them — it reads the audit trail and nothing else.
// Role::kAuthority (issue 12, accounts branch) is granted nothing yet: until
// the statistics issue it only sees its home page (AnySession routes). Grant
// it here and in the rules that name it when that issue lands.
inline constexpr Roles kCaseStaff = Role::kAgent | Role::kSignatory | Role::kAdmin;

// One row of the table.
struct RouteRule {
  std::string_view method;
  std::string_view path;  // the router's template (http/router.h)
  Rule rule;
};

// The table: every route of the API, exactly once (api/authz_table.cc).
std::span<const RouteRule> RouteRules();
// The rule of (method, path template) in the table, or null.
const Rule* FindRule(std::string_view method, std::string_view path);

// Binds the routes the Api registers to their rows of a table, each row to
// exactly one route: Bind throws std::logic_error (a bug: the Api then cannot
// be built, so every test that builds one fails) for a route without a row
// or a route bound twice, the constructor for a table naming a route twice,
// Finish for a row that no route took.
class RuleBinder {
 public:
  explicit RuleBinder(std::span<const RouteRule> table);
  const Rule& Bind(std::string_view method, std::string_view path);
  void Finish() const;

 private:
  std::span<const RouteRule> table_;
  std::vector<bool> bound_;
};

// The rule's answer for a caller (null: no valid session).
enum class Decision { kAllow, kUnauthenticated, kForbidden };
Decision Decide(const Rule& rule, const Principal* who);

}  // namespace origine::api
