// The API without sockets: routing, middleware and the OpenAPI contract.
#include "api/api.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "audit/audit.h"
#include "core/encoding.h"
#include "testkit/regimes.h"
#include "testkit/testkit.h"
#include "trust/keys.h"
#include "trust/qr.h"

namespace origine::api {
namespace {
namespace json = boost::json;

TEST(OpenApiTest, DocumentIsValidJsonWithVersion31) {
  auto doc = json::parse(Api::OpenApiJson());
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
}

// Template as documented in OpenAPI: "{path...}" is written "{path}".
std::string DocPath(std::string t) {
  if (auto pos = t.find("...}"); pos != std::string::npos) t.erase(pos, 3);
  return t;
}

using Headers = std::map<std::string, std::string>;

// The API over the test kit's database and people, with real keys and log.
class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testkit::OpenDb(dir_.path());
    ASSERT_TRUE(db_);
    people_ = testkit::SeedPeople(*db_, clock_);
    auto store = trust::FileKeyStore::Open(dir_.File("keys"), "test passphrase 0123456789", 10);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    keys_ = std::make_unique<pki::KeyManager>(*db_, clock_, *store_, log_, pki::KeyOptions{});
    ASSERT_TRUE(keys_->EnsureInitialKeys({}, {"ETLS"}));
    trust_ = std::make_unique<pki::DbTrustListSource>(*db_);
    identity_ = std::make_unique<identity::IdentityService>(*db_, clock_);
    log_signer_ = std::make_unique<tlog::NoteSigner>(std::move(*tlog::NoteSigner::Generate("test.local/log")));
    apps_ = std::make_unique<certificates::ApplicationService>(*db_, clock_, testkit::Regimes(), *keys_, log_,
                                                               certificates::IssuerConfig{});
    certs_ = std::make_unique<certificates::CertificateService>(*db_, clock_, *trust_, certificates::IssuerConfig{});
    api_ = std::make_unique<Api>(*db_, clock_, *identity_, *apps_, *certs_, *keys_, *trust_, log_, *log_signer_,
                                 ApiOptions{});
  }

  http::Response Call(const std::string& method, const std::string& target, const std::string& body = "",
                      Headers headers = {}) {
    http::Request req;
    req.method = method;
    req.target = target;
    req.body = body;
    req.remote_ip = "127.0.0.1";
    req.request_id = "t";
    if (!body.empty() && !headers.count("content-type")) headers["content-type"] = "application/json";
    for (auto& [k, v] : headers) req.headers.Set(k, v);
    return api_->Handle(req);
  }

  // Logs `who` in through the API (the test kit's password): the session
  // cookie and the CSRF header to send along.
  Headers LogIn(const Principal& who) {
    auto r = Call("POST", "/api/v1/auth/login",
                  json::serialize(json::object{{"email", who.email}, {"password", "password-12345"}}));
    EXPECT_EQ(r.status, 200) << r.body;
    std::string cookie;
    for (auto& [k, v] : r.headers)
      if (k == "Set-Cookie") cookie = v.substr(0, v.find(';'));
    if (r.status != 200) return {};
    return {{"cookie", cookie}, {"x-csrf-token", std::string(json::parse(r.body).at("csrf_token").as_string())}};
  }

  testkit::TempDir dir_;
  FakeClock clock_{SystemClock().NowUnix()};
  std::unique_ptr<storage::Db> db_;
  testkit::People people_;
  std::unique_ptr<trust::FileKeyStore> store_;
  std::unique_ptr<pki::KeyManager> keys_;
  std::unique_ptr<pki::DbTrustListSource> trust_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<certificates::ApplicationService> apps_;
  std::unique_ptr<certificates::CertificateService> certs_;
  tlog::Log log_{"test.local/log"};
  std::unique_ptr<tlog::NoteSigner> log_signer_;
  std::unique_ptr<Api> api_;
};

// Every route is described in openapi.json, and everything described is routed.
TEST_F(ApiTest, OpenApiMatchesTheRouter) {
  auto doc = json::parse(Api::OpenApiJson()).as_object();
  std::set<std::pair<std::string, std::string>> documented, routed;
  for (const auto& path : doc.at("paths").as_object())
    for (const auto& op : path.value().as_object()) {
      std::string method(op.key());
      for (auto& ch : method) ch = static_cast<char>(std::toupper(ch));
      documented.insert({method, std::string(path.key())});
      // Every operation declares its responses and security.
      EXPECT_TRUE(op.value().as_object().contains("responses")) << path.key();
      EXPECT_TRUE(op.value().as_object().contains("security")) << path.key();
    }
  for (const auto& r : api_->router().routes()) routed.insert({r.method, DocPath(r.path_template)});
  EXPECT_EQ(documented, routed);
}

TEST_F(ApiTest, SessionRoutesRefuseAnonymousCallers) {
  for (const auto& r : api_->router().routes()) {
    auto doc = json::parse(Api::OpenApiJson()).as_object();
    std::string method = r.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(ch));
    const auto& op = doc.at("paths").at(DocPath(r.path_template)).at(method).as_object();
    if (op.at("security").as_array().empty()) continue;
    std::string target = r.path_template;
    for (auto [from, to] : {std::pair<std::string, std::string>{"{id}", "1"},
                            {"{number}", "ML-ETLS-2026-000001"},
                            {"{user_id}", "1"},
                            {"{approval_id}", "1"},
                            {"{reference}", "00000000-0000-4000-8000-000000000000"}})
      if (auto pos = target.find(from); pos != std::string::npos) target.replace(pos, from.size(), to);
    auto res = Call(r.method, target, r.method == "GET" ? "" : "{}");
    EXPECT_EQ(res.status, 401) << r.method << " " << target;
  }
}

TEST_F(ApiTest, LoginThenCsrfIsRequired) {
  Headers session = LogIn(people_.exporter);
  const std::string cookie = session["cookie"], csrf = session["x-csrf-token"];
  auto no_csrf = Call("POST", "/api/v1/applications", R"({"regime":"ETLS"})", {{"cookie", cookie}});
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_NE(no_csrf.body.find("/problems/csrf"), std::string::npos);
  auto ok = Call("POST", "/api/v1/applications", R"({"regime":"ETLS"})", {{"cookie", cookie}, {"x-csrf-token", csrf}});
  EXPECT_EQ(ok.status, 201) << ok.body;
  auto bad_json = Call("POST", "/api/v1/applications", R"({"regime":)", {{"cookie", cookie}, {"x-csrf-token", csrf}});
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_NE(bad_json.body.find("/problems/invalid-json"), std::string::npos);
  auto wrong_type = Call("POST", "/api/v1/applications", "regime=ETLS",
                         {{"cookie", cookie}, {"x-csrf-token", csrf}, {"content-type", "text/plain"}});
  EXPECT_EQ(wrong_type.status, 415);
  auto deep = Call("POST", "/api/v1/applications", std::string(100, '[') + std::string(100, ']'),
                   {{"cookie", cookie}, {"x-csrf-token", csrf}});
  EXPECT_EQ(deep.status, 400);
}

TEST_F(ApiTest, RefusedPermissionsAreAudited) {
  auto denied = Call("GET", "/api/v1/audit/events", "", LogIn(people_.agent));
  EXPECT_EQ(denied.status, 403) << denied.body;
  auto tx = std::move(*db_->Begin(false));
  audit::Filter f;
  f.action = "access.denied";
  auto events = *audit::Search(*tx, f);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].object_id, "GET /api/v1/audit/events");
  EXPECT_EQ(events[0].actor_role, "agent");
  auto chain = *audit::VerifyChain(*tx);
  EXPECT_TRUE(chain.intact) << chain.problem;
}

TEST_F(ApiTest, LogCheckpointAndTilesAreServed) {
  auto cp = Call("GET", "/log/checkpoint");
  ASSERT_EQ(cp.status, 200);
  // Two trust-list leaves already: the root's version 1 and the signer's version 2.
  EXPECT_EQ(cp.body.rfind("test.local/log\n2\n", 0), 0u) << cp.body;
  std::vector<std::string> keys{log_signer_->VerifierKey()};
  EXPECT_TRUE(tlog::OpenCheckpoint(cp.body, "test.local/log", std::vector<tlog::Verifier>{log_signer_->verifier()}));
  EXPECT_EQ(Call("GET", "/log/tile/0/000.p/3").status, 404);
  EXPECT_EQ(Call("GET", "/log/tile/bogus").status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/log/proof/inclusion?index=2").status, 422);
  auto key = Call("GET", "/api/v1/log/key");
  EXPECT_NE(key.body.find(log_signer_->VerifierKey()), std::string::npos);
}

TEST_F(ApiTest, TrustListRoutesArePublicAndVersioned) {
  auto latest = Call("GET", "/api/v1/trust-list");
  ASSERT_EQ(latest.status, 200) << latest.body;
  auto doc = json::parse(latest.body).as_object();
  EXPECT_EQ(doc.at("format").as_int64(), 2);
  EXPECT_EQ(doc.at("version").as_int64(), 2);
  auto root = Call("GET", "/api/v1/trust-list/root");
  ASSERT_EQ(root.status, 200);
  auto root_der = encoding::FromBase64(std::string(json::parse(root.body).at("certificate").as_string()));
  ASSERT_TRUE(root_der);
  EXPECT_TRUE(trust::VerifySignedTrustList(latest.body, *root_der));
  auto v1 = Call("GET", "/api/v1/trust-list/versions/1");
  ASSERT_EQ(v1.status, 200);
  EXPECT_EQ(json::parse(v1.body).at("version").as_int64(), 1);
  auto versions = json::parse(Call("GET", "/api/v1/trust-list/versions").body).at("versions").as_array();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].at("version").as_int64(), 2);
  for (const char* bad : {"3", "0", "01", "x", "99999999999999999"}) {
    auto r = Call("GET", std::string("/api/v1/trust-list/versions/") + bad);
    EXPECT_EQ(r.status, 404) << bad;
    EXPECT_NE(r.body.find("\"status\":404"), std::string::npos) << r.body;
  }
}

TEST_F(ApiTest, MetricsOnlyOnLoopback) {
  EXPECT_EQ(Call("GET", "/healthz").status, 200);
  EXPECT_EQ(Call("GET", "/metrics").status, 200);
  http::Request req;
  req.method = "GET";
  req.target = "/metrics";
  req.remote_ip = "203.0.113.9";
  EXPECT_EQ(api_->Handle(req).status, 404);
}

// Every verification outcome through POST /api/v1/verify, from one table.
TEST_F(ApiTest, VerifyReportsEachOutcomeDistinctly) {
  const RequestMeta& meta = testkit::kMeta;
  const Principal &exporter = people_.exporter, &agent = people_.agent, &signatory = people_.signatory;
  const json::value input = json::parse(R"({"regime": "ETLS",
    "consignee": {"name": "Dakar Import", "address": "Rue 10, Dakar", "country": "SN"},
    "origin_country": "ML", "destination_country": "SN", "transport": {"mode": "road", "details": "Camion"},
    "invoice": {"number": "F-1", "date": "2026-11-20"},
    "goods": [{"hs_code": "120740", "description": "Sésame", "quantity": "20000", "unit": "kg",
               "gross_weight_kg": "20100", "net_weight_kg": "20000", "value_xof": 12000000}]})");
  auto through = [&](int64_t id) {
    EXPECT_TRUE(apps_->Submit(exporter, id, meta));
    EXPECT_TRUE(apps_->Approve(agent, id, "", meta));
    auto signed_app = apps_->Sign(signatory, id, meta);
    EXPECT_TRUE(signed_app) << signed_app.error().message;
    return std::string(signed_app->at("certificate_number").as_string());
  };
  auto issue = [&] { return through((*apps_->Create(exporter, input, meta))["id"].as_int64()); };
  auto verify = [&](const std::string& field, const std::string& value) {
    auto r = Call("POST", "/api/v1/verify", json::serialize(json::object{{field, value}}));
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).as_object();
  };
  auto qr_of = [&](const std::string& number) { return *certs_->QrText(number); };

  const std::string valid = issue(), revoked = issue(), amended = issue(), tampered = issue();
  ASSERT_TRUE(apps_->RevokeCertificate(signatory, revoked, "Fraude constatée", meta));
  auto draft = apps_->StartAmendment(exporter, amended, "amendment", meta);
  ASSERT_TRUE(draft) << draft.error().message;
  const std::string successor = through((*draft)["id"].as_int64());
  {
    auto tx = std::move(*db_->Begin());
    ASSERT_TRUE(tx->Exec("UPDATE certificates SET document = replace(document, '20000', '90000') WHERE number = ?",
                         {tampered}));
    ASSERT_TRUE(tx->Commit());
  }
  // QR texts this platform did not sign, built with the library.
  trust::Claims claims = *certs_->VerifyNumber(valid).claims;
  auto other = trust::SigningKey::Generate();
  auto active_tx = std::move(*db_->Begin());
  const pki::ActiveSigner signer = *keys_->Active(*active_tx, clock_.NowUnix());
  active_tx.reset();
  const std::string forged = *trust::MakeQrText(claims, *other, signer.kid);
  const std::string stranger = *trust::MakeQrText(claims, *other, trust::Bytes(8, 7));
  trust::Claims future = claims;
  future.issued_at = clock_.NowUnix() + 86400;
  const std::string early = *trust::MakeQrText(future, *signer.key, signer.kid);

  struct Case {
    std::string field, value, status;
  };
  const std::vector<Case> cases = {
      {"number", valid, "valid"},
      {"qr", qr_of(valid), "valid"},
      {"number", "ML-ETLS-2026-999999", "not_found"},
      {"qr", "CO1:NOT+BASE45", "malformed"},
      {"qr", forged, "bad_signature"},
      {"qr", stranger, "unknown_signer"},
      {"number", revoked, "revoked"},
      {"qr", qr_of(amended), "amended"},
      {"number", tampered, "document_mismatch"},
      {"qr", early, "not_yet_valid"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.status + " " + c.field);
    json::object o = verify(c.field, c.value);
    EXPECT_EQ(o.at("status").as_string(), c.status) << json::serialize(o);
    EXPECT_EQ(o.at("valid").as_bool(), c.status == "valid");
    EXPECT_TRUE(o.contains("document"));
  }
  json::object r = verify("number", revoked);
  EXPECT_EQ(r.at("revocation").at("reason").as_string(), "Fraude constatée");
  EXPECT_EQ(r.at("revocation").at("scope").as_string(), "certificate");
  EXPECT_TRUE(r.contains("log"));
  json::object a = verify("number", amended);
  EXPECT_EQ(a.at("successor").at("number").as_string(), successor);
  json::object v = verify("number", valid);
  EXPECT_TRUE(v.at("document").at("checked").as_bool());
  EXPECT_TRUE(v.at("document").at("hash_matches").as_bool());
  json::object m = verify("number", tampered);
  EXPECT_TRUE(m.at("document").at("checked").as_bool());
  EXPECT_FALSE(m.at("document").at("hash_matches").as_bool());
  json::object s = verify("qr", stranger);
  EXPECT_FALSE(s.at("document").at("checked").as_bool());
  EXPECT_FALSE(s.contains("certificate"));
  // Time passes: the valid one expires.
  clock_.Advance(int64_t{400} * 86400);
  EXPECT_EQ(verify("number", valid).at("status").as_string(), "expired");
}

// The new certificate routes: who may, who may not, and bad input.
TEST_F(ApiTest, RevokeAndAmendRoutesCheckRolesAndInput) {
  Headers agent = LogIn(people_.agent), signatory = LogIn(people_.signatory), auditor = LogIn(people_.auditor);
  const std::string n = "/api/v1/certificates/ML-ETLS-2026-000001";
  EXPECT_EQ(Call("POST", n + "/revoke", R"({"reason":"x"})", agent).status, 403);
  EXPECT_EQ(Call("POST", n + "/revoke", R"({"reason":"x"})", auditor).status, 403);
  EXPECT_EQ(Call("POST", n + "/amend", "{}", signatory).status, 403);
  EXPECT_EQ(Call("POST", n + "/amend", "{}", auditor).status, 403);
  EXPECT_EQ(Call("POST", n + "/revoke", R"({"reason":"x"})", signatory).status, 404);
  auto no_reason = Call("POST", n + "/revoke", "{}", signatory);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_NE(no_reason.body.find("reason"), std::string::npos);
  EXPECT_EQ(Call("POST", n + "/revoke", R"({"reason":1})", signatory).status, 422);
  EXPECT_EQ(Call("POST", n + "/revoke", R"({"reason":"x","extra":1})", signatory).status, 422);
  EXPECT_EQ(Call("POST", n + "/amend", R"({"kind":"copy"})", agent).status, 422);
  // CSRF is required on both.
  auto no_csrf = signatory;
  no_csrf.erase("x-csrf-token");
  EXPECT_EQ(Call("POST", n + "/revoke", R"({"reason":"x"})", no_csrf).status, 403);
}

// Every problem carries a machine-readable code, and so does each of its
// field errors (the web translates by them): one case per kind of failure.
TEST_F(ApiTest, ProblemsAndTheirFieldErrorsCarryCodes) {
  const Headers exporter = LogIn(people_.exporter), agent = LogIn(people_.agent), auditor = LogIn(people_.auditor);
  struct Case {
    std::string method, target, body;
    Headers headers;
    int status;
    std::string code, field, field_code;  // field "": no errors[]
  };
  const std::vector<Case> cases = {
      {"GET", "/api/v1/applications", "", {}, 401, "session.required", "", ""},
      {"POST",
       "/api/v1/applications",
       R"({"regime":"ETLS"})",
       {{"cookie", exporter.at("cookie")}},
       403,
       "csrf.invalid",
       "",
       ""},
      {"POST", "/api/v1/applications", R"({"regime":"ETLS"})", agent, 403, "auth.forbidden", "", ""},
      {"POST", "/api/v1/applications", R"({"regime":)", exporter, 400, "json.malformed", "", ""},
      {"GET", "/api/v1/applications/x", "", exporter, 404, "application.not_found", "", ""},
      {"GET", "/api/v1/applications?status=lost", "", exporter, 422, "application.status_unknown", "status",
       "application.status_unknown"},
      {"POST", "/api/v1/verify", R"([1])", {}, 422, "json.object", "", ""},
      {"POST", "/api/v1/verify", R"({"qr":1})", {}, 422, "field.string", "qr", "field.string"},
      {"POST", "/api/v1/verify", R"({"qr":"x","extra":1})", {}, 422, "field.unknown", "extra", "field.unknown"},
      {"POST", "/api/v1/verify", R"({})", {}, 422, "verify.qr_or_number", "qr", "verify.qr_or_number"},
      {"POST", "/api/v1/auth/login", R"({"email":"a@t.ml"})", {}, 422, "field.required", "password", "field.required"},
      {"GET", "/api/v1/log/proof/inclusion", "", {}, 422, "field.required", "index", "field.required"},
      {"GET", "/api/v1/log/proof/inclusion?index=x", "", {}, 422, "field.integer", "index", "field.integer"},
      {"GET", "/api/v1/log/proof/inclusion?index=2", "", {}, 422, "log_proof.range", "index", "log_proof.range"},
      {"GET", "/api/v1/audit/events?from=2026-02-30", "", auditor, 422, "date.format", "from", "date.format"},
      {"GET", "/api/v1/audit/events?limit=0", "", auditor, 422, "audit.limit", "limit", "audit.limit"},
      {"GET", "/api/v1/audit/events", "", agent, 403, "auth.forbidden", "", ""},
      {"GET", "/api/v1/hs?lang=de", "", {}, 422, "lang.unknown", "lang", "lang.unknown"},
      {"GET", "/api/v1/trust-list/versions/0", "", {}, 404, "trust_list.not_found", "", ""},
      {"GET", "/api/v1/fees?regime=ETLS", "", {}, 503, "payment.not_configured", "", ""},
      {"GET", "/api/v1/nowhere", "", {}, 404, "http.not_found", "", ""},
      {"DELETE", "/api/v1/regimes", "", {}, 405, "http.method_not_allowed", "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.method + " " + c.target + " " + c.body);
    auto r = Call(c.method, c.target, c.body, c.headers);
    ASSERT_EQ(r.status, c.status) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
    auto doc = json::parse(r.body).as_object();
    ASSERT_TRUE(doc.contains("code")) << r.body;
    const std::string code(doc.at("code").as_string());
    EXPECT_EQ(code, c.code);
    if (c.field.empty()) continue;
    ASSERT_TRUE(doc.contains("errors")) << r.body;
    bool found = false;
    for (const auto& e : doc.at("errors").as_array()) {
      const auto& item = e.as_object();
      EXPECT_TRUE(item.contains("code") && !item.at("code").as_string().empty()) << r.body;
      if (item.at("field").as_string() != c.field) continue;
      found = true;
      EXPECT_EQ(item.at("code").as_string(), c.field_code);
      ASSERT_TRUE(item.contains("params")) << r.body;
      EXPECT_EQ(item.at("params").at("field").as_string(), c.field);
    }
    EXPECT_TRUE(found) << "no error for the field " << c.field << ": " << r.body;
  }
}

// An impossible date in a query is refused (2026-02-30 used to become 2 March).
TEST_F(ApiTest, ImpossibleDatesInQueriesAreRefused) {
  const Headers auditor = LogIn(people_.auditor);
  for (const char* date : {"2026-02-30", "2025-02-29", "2026-13-01", "2026-1-01", "26-01-01"}) {
    auto r = Call("GET", std::string("/api/v1/audit/events?to=") + date, "", auditor);
    EXPECT_EQ(r.status, 422) << date << ": " << r.body;
    EXPECT_EQ(json::parse(r.body).at("code").as_string(), "date.format") << date;
  }
  EXPECT_EQ(Call("GET", "/api/v1/audit/events?from=2024-02-29&to=2026-12-31", "", auditor).status, 200);
}

}  // namespace
}  // namespace origine::api
