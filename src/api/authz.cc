#include "api/authz.h"

#include <stdexcept>

namespace origine::api {

std::string Roles::Names() const {
  std::string out;
  for (Role r : AllRoles())
    if (Has(r)) out += (out.empty() ? "" : ", ") + std::string(RoleName(r));
  return out;
}

std::optional<Scope> Rule::ScopeOf(Role role) const {
  if (audience != Audience::kRoles) return std::nullopt;
  if (any.Has(role)) return Scope::kAnyCompany;
  if (own.Has(role)) return Scope::kOwnCompany;
  return std::nullopt;
}

std::string Rule::Who() const {
  switch (audience) {
    case Audience::kPublic:
      return "anyone";
    case Audience::kAnySession:
      return "any session";
    case Audience::kRoles:
      break;
  }
  std::string out;
  if (!own.empty()) out = own.Names() + " (own company)";
  if (!any.empty()) out += (out.empty() ? "" : "; ") + any.Names();
  return out;
}

const Rule* FindRule(std::string_view method, std::string_view path) {
  for (const RouteRule& r : RouteRules())
    if (r.method == method && r.path == path) return &r.rule;
  return nullptr;
}

namespace {

std::string RouteName(std::string_view method, std::string_view path) {
  return std::string(method) + " " + std::string(path);
}

}  // namespace

RuleBinder::RuleBinder(std::span<const RouteRule> table) : table_(table), bound_(table.size(), false) {
  for (size_t i = 0; i < table_.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (table_[i].method == table_[j].method && table_[i].path == table_[j].path)
        throw std::logic_error("two authorization rules for " + RouteName(table_[i].method, table_[i].path));
}

const Rule& RuleBinder::Bind(std::string_view method, std::string_view path) {
  for (size_t i = 0; i < table_.size(); ++i) {
    if (table_[i].method != method || table_[i].path != path) continue;
    if (bound_[i]) throw std::logic_error("route registered twice: " + RouteName(method, path));
    bound_[i] = true;
    return table_[i].rule;
  }
  throw std::logic_error("route without an authorization rule: " + RouteName(method, path) +
                         " (add its row to src/api/authz_table.cc)");
}

void RuleBinder::Finish() const {
  for (size_t i = 0; i < table_.size(); ++i)
    if (!bound_[i])
      throw std::logic_error("authorization rule of a route that does not exist: " +
                             RouteName(table_[i].method, table_[i].path));
}

Decision Decide(const Rule& rule, const Principal* who) {
  if (rule.audience == Audience::kPublic) return Decision::kAllow;
  if (!who) return Decision::kUnauthenticated;
  if (rule.audience == Audience::kAnySession) return Decision::kAllow;
  std::optional<Scope> scope = rule.ScopeOf(who->role);
  if (!scope) return Decision::kForbidden;
  // Own-company grants reach a company's objects: the caller must belong to one.
  if (*scope == Scope::kOwnCompany && !who->company_id) return Decision::kForbidden;
  return Decision::kAllow;
}

}  // namespace origine::api
