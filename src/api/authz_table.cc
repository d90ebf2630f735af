// The authorization table: every route of the API and its one rule
// (api/authz.h). The Api refuses to start with a route that has no row here,
// or a row that matches no route; docs/formats/api.md "Authorization" shows
// the same table (a test compares them) and authz_matrix_test.cc calls every
// route as every role to check that the handlers agree with it.
#include "api/authz.h"

namespace origine::api {
namespace {

constexpr Role kExporter = Role::kExporter;
constexpr Role kAgent = Role::kAgent;
constexpr Role kSignatory = Role::kSignatory;
constexpr Role kAdmin = Role::kAdmin;
constexpr Role kAuditor = Role::kAuditor;

constexpr Rule kPublic = Rule::Public();
constexpr Rule kAnySession = Rule::AnySession();
// An exporter on its own company's objects, the case staff on anyone's.
constexpr Rule kOwnOrCaseStaff = Rule::Own(kExporter).AndAny(kCaseStaff);
constexpr Rule kExporterOwn = Rule::Own(kExporter);

constexpr RouteRule kTable[] = {
    // --- operations (system_routes.h); /metrics also answers loopback callers only
    {"GET", "/healthz", kPublic},
    {"GET", "/metrics", kPublic},
    {"GET", "/api/v1/openapi.json", kPublic},

    // --- sessions (auth_routes.h)
    {"POST", "/api/v1/auth/login", kPublic},
    {"POST", "/api/v1/auth/logout", kAnySession},
    {"GET", "/api/v1/auth/me", kAnySession},

    // --- regimes, origin calculator, company, products, approvals (registry_routes.h)
    {"GET", "/api/v1/regimes", kPublic},
    {"POST", "/api/v1/applications/evaluate", kExporterOwn},
    {"GET", "/api/v1/company", kExporterOwn},
    {"PUT", "/api/v1/company", kExporterOwn},
    {"GET", "/api/v1/companies", Rule::Any(kCaseStaff)},
    {"GET", "/api/v1/companies/{id}", kOwnOrCaseStaff},
    {"POST", "/api/v1/companies/{id}/approved-exporter", Rule::Any(kAgent | kAdmin)},
    {"POST", "/api/v1/companies/{id}/approved-exporter/{approval_id}/revoke", Rule::Any(kAgent | kAdmin)},
    {"GET", "/api/v1/companies/{id}/users", Rule::Own(kExporter).AndAny(kAdmin)},
    {"POST", "/api/v1/companies/{id}/users", Rule::Own(kExporter).AndAny(kAdmin)},
    {"POST", "/api/v1/companies/{id}/users/{user_id}/disable", Rule::Own(kExporter).AndAny(kAdmin)},
    {"POST", "/api/v1/companies/{id}/users/{user_id}/enable", Rule::Own(kExporter).AndAny(kAdmin)},
    {"POST", "/api/v1/companies/{id}/status", Rule::Any(kAdmin)},
    {"GET", "/api/v1/products", kOwnOrCaseStaff},
    {"POST", "/api/v1/products", kExporterOwn},
    {"GET", "/api/v1/products/{id}", kOwnOrCaseStaff},
    {"PUT", "/api/v1/products/{id}", kExporterOwn},
    {"DELETE", "/api/v1/products/{id}", kExporterOwn},
    {"POST", "/api/v1/products/{id}/approvals", kExporterOwn},
    {"GET", "/api/v1/approvals", Rule::Any(kCaseStaff)},
    {"POST", "/api/v1/approvals/{id}/decide", Rule::Any(kAgent | kAdmin)},
    {"GET", "/api/v1/hs", kPublic},
    {"GET", "/api/v1/countries", kPublic},
    {"GET", "/api/v1/currencies", kPublic},

    // --- payments (payment_routes.h); callbacks: authenticity checked per provider
    {"GET", "/api/v1/fees", kPublic},
    {"POST", "/api/v1/applications/{id}/payments", kExporterOwn},
    {"GET", "/api/v1/applications/{id}/payments", kOwnOrCaseStaff},
    {"GET", "/api/v1/payments", Rule::Any(kCaseStaff)},
    {"GET", "/api/v1/payments/{reference}", kOwnOrCaseStaff},
    {"POST", "/api/v1/payments/{reference}/check", kExporterOwn},
    {"GET", "/api/v1/payments/{reference}/receipt", kOwnOrCaseStaff},
    {"POST", "/api/v1/payments/{reference}/refund", Rule::Any(kAdmin)},
    {"POST", "/api/v1/payments/{reference}/refund/confirm", Rule::Any(kAdmin)},
    {"POST", "/api/v1/payments/callbacks/{provider}", kPublic},
    {"GET", "/api/v1/ledger", Rule::Any(kAdmin)},
    {"POST", "/api/v1/reconciliations", Rule::Any(kAdmin)},
    {"GET", "/api/v1/reconciliations", Rule::Any(kAdmin)},
    {"GET", "/api/v1/reconciliations/{id}", Rule::Any(kAdmin)},
    {"GET", "/api/v1/treasury", Rule::Any(kAdmin)},

    // --- trust list (trust_routes.h)
    {"GET", "/api/v1/trust-list", kPublic},
    {"GET", "/api/v1/trust-list/versions", kPublic},
    {"GET", "/api/v1/trust-list/versions/{version}", kPublic},
    {"GET", "/api/v1/trust-list/root", kPublic},

    // --- applications (application_routes.h); the workflow checks the states
    // and four eyes (the signatory never the agent who approved)
    {"GET", "/api/v1/applications", kOwnOrCaseStaff},
    {"POST", "/api/v1/applications", kExporterOwn},
    {"GET", "/api/v1/applications/{id}", kOwnOrCaseStaff},
    {"PUT", "/api/v1/applications/{id}", kExporterOwn},
    {"POST", "/api/v1/applications/{id}/submit", kExporterOwn},
    {"POST", "/api/v1/applications/{id}/approve", Rule::Any(kAgent)},
    {"POST", "/api/v1/applications/{id}/return", Rule::Any(kAgent)},
    {"POST", "/api/v1/applications/{id}/sign", Rule::Any(kSignatory).WithStepUp(StepUp::kTotp)},

    // --- certificates (certificate_routes.h)
    {"GET", "/api/v1/certificates", kOwnOrCaseStaff},
    {"GET", "/api/v1/certificates/{number}", kOwnOrCaseStaff},
    {"POST", "/api/v1/certificates/{number}/revoke", Rule::Any(kSignatory | kAdmin)},
    {"POST", "/api/v1/certificates/{number}/amend", Rule::Own(kExporter).AndAny(kAgent)},
    {"GET", "/api/v1/certificates/{number}/pdf", kOwnOrCaseStaff},

    // --- public verification and the transparency log (verify_routes.h, log_routes.h)
    {"POST", "/api/v1/verify", kPublic},
    {"GET", "/log/checkpoint", kPublic},
    {"GET", "/log/tile/{path...}", kPublic},
    {"GET", "/api/v1/log/key", kPublic},
    {"GET", "/api/v1/log/proof/inclusion", kPublic},
    {"GET", "/api/v1/log/proof/consistency", kPublic},

    // --- the audit trail (audit_routes.h): the auditor's one right
    {"GET", "/api/v1/audit/events", Rule::Any(kAuditor | kAdmin)},
    {"GET", "/api/v1/audit/events.csv", Rule::Any(kAuditor | kAdmin)},
};

}  // namespace

std::span<const RouteRule> RouteRules() { return kTable; }

}  // namespace origine::api
