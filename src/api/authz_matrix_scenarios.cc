#include "api/authz_matrix_scenarios.h"

namespace origine::api::matrix {
namespace json = boost::json;

namespace {

std::string S(int64_t n) { return std::to_string(n); }
std::string Body(const json::value& v) { return json::serialize(v); }
const std::string kNoBody = "{}";

std::string IdKey(const json::object& o) { return S(o.at("id").as_int64()); }
int64_t NestedCompany(const json::object& o) { return o.at("company").at("id").as_int64(); }

}  // namespace

std::map<std::pair<std::string, std::string>, Scenario> Scenarios() {
  using W = World;
  const std::string app = "/api/v1/applications/", cert = "/api/v1/certificates/", pay = "/api/v1/payments/";
  auto company = [](W& w) { return "/api/v1/companies/" + S(w.people.company); };
  return {
      // --- operations, sessions, reference data
      {{"GET", "/healthz"},
       {200, false,
        [](W&) {
          return Request{"/healthz", ""};
        }}},
      {{"GET", "/metrics"},
       {200, false,
        [](W&) {
          return Request{"/metrics", ""};
        }}},
      {{"GET", "/api/v1/openapi.json"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/openapi.json", ""};
        }}},
      {{"POST", "/api/v1/auth/login"},
       {200, false,
        [](W& w) {
          return Request{"/api/v1/auth/login",
                         Body(json::object{{"email", w.people.exporter.email}, {"password", "password-12345"}})};
        }}},
      {{"POST", "/api/v1/auth/logout"},
       {204,
        false,
        [](W&) {
          return Request{"/api/v1/auth/logout", ""};
        },
        {},
        true}},
      {{"GET", "/api/v1/auth/me"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/auth/me", ""};
        }}},
      {{"GET", "/api/v1/regimes"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/regimes", ""};
        }}},
      {{"GET", "/api/v1/hs"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/hs?q=sesame", ""};
        }}},
      {{"GET", "/api/v1/countries"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/countries", ""};
        }}},
      {{"GET", "/api/v1/currencies"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/currencies", ""};
        }}},

      // --- origin calculator, company profile and companies
      {{"POST", "/api/v1/applications/evaluate"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/applications/evaluate", Body(W::ApplicationInput())};
        }}},
      {{"GET", "/api/v1/company"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/company", ""};
        }}},
      {{"PUT", "/api/v1/company"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/company", R"({"sector": "Oléagineux"})"};
        }}},
      {{"GET", "/api/v1/companies"},
       {200, false,
        [](W& w) {
          return Request{"/api/v1/companies", "", S(w.people.company)};
        },
        Listing{"items", IdKey, [](const json::object& o) { return o.at("id").as_int64(); }}}},
      {{"GET", "/api/v1/companies/{id}"},
       {200, true,
        [company](W& w) {
          return Request{company(w), ""};
        }}},
      {{"POST", "/api/v1/companies/{id}/approved-exporter"},
       {201, true,
        [company](W& w) {
          return Request{company(w) + "/approved-exporter",
                         R"({"regime": "ETLS", "number": "AE-ML-2026-08", "valid_until": "2027-06-30"})"};
        }}},
      {{"POST", "/api/v1/companies/{id}/approved-exporter/{approval_id}/revoke"},
       {200, true,
        [company](W& w) {
          return Request{company(w) + "/approved-exporter/" + S(w.ApprovedExporterStatus()) + "/revoke",
                         R"({"comment": "Contrôle défavorable"})"};
        }}},
      {{"GET", "/api/v1/companies/{id}/users"},
       {200, true,
        [company](W& w) {
          return Request{company(w) + "/users", ""};
        }}},
      {{"POST", "/api/v1/companies/{id}/users"},
       {201, true,
        [company](W& w) {
          const std::string n = S(w.Next());
          return Request{company(w) + "/users", Body(json::object{{"email", "new" + n + "@matrix.ml"},
                                                                  {"name", "New " + n},
                                                                  {"password", "password-12345"}})};
        }}},
      {{"POST", "/api/v1/companies/{id}/users/{user_id}/disable"},
       {200, true,
        [company](W& w) {
          return Request{company(w) + "/users/" + S(w.CompanyUser(true)) + "/disable", ""};
        }}},
      {{"POST", "/api/v1/companies/{id}/users/{user_id}/enable"},
       {200, true,
        [company](W& w) {
          return Request{company(w) + "/users/" + S(w.CompanyUser(false)) + "/enable", ""};
        }}},
      {{"POST", "/api/v1/companies/{id}/status"},
       {200, true,
        [company](W& w) {
          return Request{company(w) + "/status", R"({"status": "active"})"};
        }}},

      // --- products and approvals
      {{"GET", "/api/v1/products"},
       {200, false,
        [](W& w) {
          return Request{"/api/v1/products", "", S(w.Product())};
        },
        Listing{"items", IdKey, [](const json::object& o) { return o.at("company_id").as_int64(); }}}},
      {{"POST", "/api/v1/products"},
       {201, false,
        [](W&) {
          return Request{"/api/v1/products", Body(W::ProductInput())};
        }}},
      {{"GET", "/api/v1/products/{id}"},
       {200, true,
        [](W& w) {
          return Request{"/api/v1/products/" + S(w.Product()), ""};
        }}},
      {{"PUT", "/api/v1/products/{id}"},
       {200, true,
        [](W& w) {
          return Request{"/api/v1/products/" + S(w.Product()), Body(W::ProductInput())};
        }}},
      {{"DELETE", "/api/v1/products/{id}"},
       {204, true,
        [](W& w) {
          return Request{"/api/v1/products/" + S(w.Product()), ""};
        }}},
      {{"POST", "/api/v1/products/{id}/approvals"},
       {201, true,
        [](W& w) {
          return Request{"/api/v1/products/" + S(w.Product()) + "/approvals", R"({"regime": "ETLS"})"};
        }}},
      {{"GET", "/api/v1/approvals"},
       {200, false,
        [](W& w) {
          return Request{"/api/v1/approvals", "", S(w.ApprovalRequest())};
        },
        Listing{"items", IdKey, NestedCompany}}},
      {{"POST", "/api/v1/approvals/{id}/decide"},
       {200, true,
        [](W& w) {
          return Request{"/api/v1/approvals/" + S(w.ApprovalRequest()) + "/decide",
                         R"({"decision": "grant", "number": "AGR-ML-2026-001", "valid_until": "2027-12-31"})"};
        }}},

      // --- payments
      {{"GET", "/api/v1/fees"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/fees?regime=ETLS", ""};
        }}},
      {{"POST", "/api/v1/applications/{id}/payments"},
       {201, true,
        [app](W& w) {
          return Request{app + S(w.AwaitingPayment()) + "/payments", R"({"provider": "wave"})"};
        }}},
      {{"GET", "/api/v1/applications/{id}/payments"},
       {200, true,
        [app](W& w) {
          return Request{app + S(w.Submitted()) + "/payments", ""};
        }}},
      {{"GET", "/api/v1/payments"},
       {200, false,
        [](W& w) {
          return Request{"/api/v1/payments", "", w.PaidPayment()};
        },
        Listing{"items", [](const json::object& o) { return std::string(o.at("reference").as_string()); },
                [](const json::object& o) { return o.at("company").at("id").as_int64(); }}}},
      {{"GET", "/api/v1/payments/{reference}"},
       {200, true,
        [pay](W& w) {
          return Request{pay + w.PaidPayment(), ""};
        }}},
      {{"POST", "/api/v1/payments/{reference}/check"},
       {200, true,
        [pay](W& w) {
          return Request{pay + w.PendingPayment(w.AwaitingPayment()) + "/check", ""};
        }}},
      {{"GET", "/api/v1/payments/{reference}/receipt"},
       {200, true,
        [pay](W& w) {
          return Request{pay + w.PaidPayment() + "/receipt", ""};
        }}},
      {{"POST", "/api/v1/payments/{reference}/refund"},
       {200, true,
        [pay](W& w) {
          return Request{pay + w.PaidPayment() + "/refund", R"({"reason": "erreur"})"};
        }}},
      {{"POST", "/api/v1/payments/{reference}/refund/confirm"},
       {200, true,
        [pay](W& w) {
          return Request{pay + w.RefundPending() + "/refund/confirm",
                         Body(json::object{{"provider_refund_id", "VIR-" + S(w.Next())}})};
        }}},
      {{"POST", "/api/v1/payments/callbacks/{provider}"},
       {200, false,
        [pay](W& w) {
          const std::string ref = w.PendingPayment(w.AwaitingPayment());
          return Request{"/api/v1/payments/callbacks/wave?ref=" + ref, R"({"event": ")" + ref + R"("})"};
        }}},
      {{"GET", "/api/v1/ledger"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/ledger", ""};
        }}},
      {{"POST", "/api/v1/reconciliations"},
       {201, false,
        [](W& w) {
          return Request{
              "/api/v1/reconciliations",
              Body(json::object{{"provider", "wave"}, {"date", w.Today()}, {"statement", "statement " + S(w.Next())}})};
        }}},
      {{"GET", "/api/v1/reconciliations"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/reconciliations", ""};
        }}},
      {{"GET", "/api/v1/reconciliations/{id}"},
       {200, false,
        [](W& w) {
          return Request{"/api/v1/reconciliations/" + S(w.Reconciliation()), ""};
        }}},
      {{"GET", "/api/v1/treasury"},
       {200, false,
        [](W& w) {
          return Request{"/api/v1/treasury?date=" + w.Today(), ""};
        }}},

      // --- trust list, verification, transparency log
      {{"GET", "/api/v1/trust-list"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/trust-list", ""};
        }}},
      {{"GET", "/api/v1/trust-list/versions"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/trust-list/versions", ""};
        }}},
      {{"GET", "/api/v1/trust-list/versions/{version}"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/trust-list/versions/1", ""};
        }}},
      {{"GET", "/api/v1/trust-list/root"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/trust-list/root", ""};
        }}},
      {{"POST", "/api/v1/verify"},
       {200, false,
        [](W& w) {
          return Request{"/api/v1/verify", Body(json::object{{"number", w.Issued()}})};
        }}},
      {{"GET", "/log/checkpoint"},
       {200, false,
        [](W&) {
          return Request{"/log/checkpoint", ""};
        }}},
      {{"GET", "/log/tile/{path...}"},
       {200, false,
        [](W& w) {
          const uint64_t n = w.LogSize();  // fewer than 256 leaves: one partial tile
          return Request{"/log/tile/entries/000.p/" + std::to_string(n), ""};
        }}},
      {{"GET", "/api/v1/log/key"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/log/key", ""};
        }}},
      {{"GET", "/api/v1/log/proof/inclusion"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/log/proof/inclusion?index=0", ""};
        }}},
      {{"GET", "/api/v1/log/proof/consistency"},
       {200, false,
        [](W& w) {
          return Request{"/api/v1/log/proof/consistency?from=1&to=" + std::to_string(w.LogSize()), ""};
        }}},

      // --- applications
      {{"GET", "/api/v1/applications"},
       {200, false,
        [](W& w) {
          return Request{"/api/v1/applications", "", S(w.Draft())};
        },
        Listing{"items", IdKey, NestedCompany}}},
      {{"POST", "/api/v1/applications"},
       {201, false,
        [](W&) {
          return Request{"/api/v1/applications", Body(W::ApplicationInput())};
        }}},
      {{"GET", "/api/v1/applications/{id}"},
       {200, true,
        [app](W& w) {
          return Request{app + S(w.Draft()), ""};
        }}},
      {{"PUT", "/api/v1/applications/{id}"},
       {200, true,
        [app](W& w) {
          return Request{app + S(w.Draft()), Body(W::ApplicationInput())};
        }}},
      {{"POST", "/api/v1/applications/{id}/submit"},
       {200, true,
        [app](W& w) {
          return Request{app + S(w.Draft()) + "/submit", kNoBody};
        }}},
      {{"POST", "/api/v1/applications/{id}/approve"},
       {200, true,
        [app](W& w) {
          return Request{app + S(w.Submitted()) + "/approve", kNoBody};
        }}},
      {{"POST", "/api/v1/applications/{id}/return"},
       {200, true,
        [app](W& w) {
          return Request{app + S(w.Submitted()) + "/return", R"({"comment": "Facture illisible"})"};
        }}},
      {{"POST", "/api/v1/applications/{id}/sign"},
       {200, true,
        [app](W& w) {
          return Request{app + S(w.Approved()) + "/sign", kNoBody};
        }}},

      // --- certificates
      {{"GET", "/api/v1/certificates"},
       {200, false,
        [](W& w) {
          return Request{"/api/v1/certificates", "", w.Issued()};
        },
        Listing{"items", [](const json::object& o) { return std::string(o.at("number").as_string()); },
                NestedCompany}}},
      {{"GET", "/api/v1/certificates/{number}"},
       {200, true,
        [cert](W& w) {
          return Request{cert + w.Issued(), ""};
        }}},
      {{"POST", "/api/v1/certificates/{number}/revoke"},
       {200, true,
        [cert](W& w) {
          return Request{cert + w.Issued() + "/revoke", R"({"reason": "Fraude"})"};
        }}},
      {{"POST", "/api/v1/certificates/{number}/amend"},
       {201, true,
        [cert](W& w) {
          return Request{cert + w.Issued() + "/amend", kNoBody};
        }}},
      {{"GET", "/api/v1/certificates/{number}/pdf"},
       {200, true,
        [cert](W& w) {
          return Request{cert + w.Issued() + "/pdf", ""};
        }}},

      // --- the audit trail
      {{"GET", "/api/v1/audit/events"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/audit/events?limit=5", ""};
        }}},
      {{"GET", "/api/v1/audit/events.csv"},
       {200, false,
        [](W&) {
          return Request{"/api/v1/audit/events.csv?limit=5", ""};
        }}},
  };
}

}  // namespace origine::api::matrix
