// The API without sockets: routing, middleware and the OpenAPI contract.
#include "api/api.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <set>

#include "audit/audit.h"
#include "registry/registry.h"
#include "storage/sqlite_db.h"

namespace origine::api {
namespace {
namespace json = boost::json;

TEST(OpenApiTest, DocumentIsValidJsonWithVersion31) {
  auto doc = json::parse(Api::OpenApiJson());
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
}

std::vector<storage::Migration> TestMigrations() {
  std::vector<storage::Migration> all = storage::CoreMigrations();
  for (const auto& m : audit::AuditMigrations()) all.push_back(m);
  for (const auto& m : tlog::TlogMigrations()) all.push_back(m);
  for (const auto& m : registry::RegistryMigrations()) all.push_back(m);
  return all;
}

// Template as documented in OpenAPI: "{path...}" is written "{path}".
std::string DocPath(std::string t) {
  if (auto pos = t.find("...}"); pos != std::string::npos) t.erase(pos, 3);
  return t;
}

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("origine-api-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(*storage::OpenSqlite((dir_ / "t.db").string()));
    ASSERT_TRUE(db_->Migrate(TestMigrations()));
    keys_ = std::make_unique<trust::FileKeyStore>((dir_ / "keys").string());
    signer_ = std::make_unique<trust::ActiveSigner>(std::move(*keys_->EnsureDevelopmentKeys(clock_.NowUnix(), "ML")));
    identity_ = std::make_unique<identity::IdentityService>(*db_, clock_);
    log_signer_ = std::make_unique<tlog::NoteSigner>(std::move(*tlog::NoteSigner::Generate("test.local/log")));
    apps_ = std::make_unique<certificates::ApplicationService>(*db_, clock_, *signer_, log_,
                                                               certificates::IssuerConfig{});
    certs_ = std::make_unique<certificates::CertificateService>(*db_, clock_, *keys_->SignerCertificates(),
                                                                 certificates::IssuerConfig{});
    api_ = std::make_unique<Api>(*db_, clock_, *identity_, *apps_, *certs_, log_, *log_signer_, ApiOptions{});
    int64_t company = *identity_->EnsureCompany({"C", "084151646T", "R", "A"}, {});
    ASSERT_TRUE(identity_->EnsureUser({"e@t.ml", "E", "password-1", Role::kExporter, company}, {}));
  }
  void TearDown() override {
    api_.reset();
    std::filesystem::remove_all(dir_);
  }
  http::Response Call(const std::string& method, const std::string& target, const std::string& body = "",
                      std::map<std::string, std::string> headers = {}) {
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

  std::filesystem::path dir_;
  SystemClock clock_;
  std::unique_ptr<storage::Db> db_;
  std::unique_ptr<trust::FileKeyStore> keys_;
  std::unique_ptr<trust::ActiveSigner> signer_;
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
    for (auto [from, to] : {std::pair<std::string, std::string>{"{id}", "1"}, {"{number}", "ML-ETLS-2026-000001"},
                            {"{user_id}", "1"}, {"{approval_id}", "1"}})
      if (auto pos = target.find(from); pos != std::string::npos) target.replace(pos, from.size(), to);
    auto res = Call(r.method, target, r.method == "GET" ? "" : "{}");
    EXPECT_EQ(res.status, 401) << r.method << " " << target;
  }
}

TEST_F(ApiTest, LoginThenCsrfIsRequired) {
  auto login = Call("POST", "/api/v1/auth/login", R"({"email":"e@t.ml","password":"password-1"})");
  ASSERT_EQ(login.status, 200) << login.body;
  std::string cookie;
  for (auto& [k, v] : login.headers)
    if (k == "Set-Cookie") cookie = v.substr(0, v.find(';'));
  std::string csrf(json::parse(login.body).at("csrf_token").as_string());
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
  ASSERT_TRUE(identity_->EnsureUser({"x@t.ml", "X", "password-1", Role::kAgent, std::nullopt}, {}));
  auto login = Call("POST", "/api/v1/auth/login", R"({"email":"x@t.ml","password":"password-1"})");
  ASSERT_EQ(login.status, 200) << login.body;
  std::string cookie;
  for (auto& [k, v] : login.headers)
    if (k == "Set-Cookie") cookie = v.substr(0, v.find(';'));
  auto denied = Call("GET", "/api/v1/audit/events", "", {{"cookie", cookie}});
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
  EXPECT_EQ(cp.body.rfind("test.local/log\n0\n", 0), 0u) << cp.body;
  std::vector<std::string> keys{log_signer_->VerifierKey()};
  EXPECT_TRUE(tlog::OpenCheckpoint(cp.body, "test.local/log", std::vector<tlog::Verifier>{log_signer_->verifier()}));
  EXPECT_EQ(Call("GET", "/log/tile/0/000.p/1").status, 404);
  EXPECT_EQ(Call("GET", "/log/tile/bogus").status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/log/proof/inclusion?index=0").status, 422);
  auto key = Call("GET", "/api/v1/log/key");
  EXPECT_NE(key.body.find(log_signer_->VerifierKey()), std::string::npos);
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

}  // namespace
}  // namespace origine::api
