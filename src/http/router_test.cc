#include "http/router.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/metrics.h"
#include "http/problem.h"
#include "http/static_files.h"

namespace origine::http {
namespace {

Request Make(std::string method, const std::string& target) {
  Request r;
  r.method = std::move(method);
  r.target = target;
  EXPECT_TRUE(ParseTarget(target, &r.path, &r.query));
  return r;
}

TEST(RouterTest, MatchesTemplatesAndMethods) {
  Router router;
  router.Add("GET", "/api/v1/applications/{id}", [](Request& r) {
    Response x;
    x.body = r.path_params["id"];
    return x;
  });
  router.Add("POST", "/api/v1/applications/{id}/submit", [](Request&) { return Response{}; });
  auto req = Make("GET", "/api/v1/applications/42?x=1");
  auto m = router.Find(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->handler(req).body, "42");
  EXPECT_EQ(req.query["x"], "1");

  auto wrong = Make("DELETE", "/api/v1/applications/42");
  auto m2 = router.Find(wrong);
  EXPECT_EQ(m2.route, nullptr);
  EXPECT_EQ(m2.allowed, std::vector<std::string>{"GET"});

  auto none = Make("GET", "/api/v1/applications/42/nope");
  EXPECT_EQ(router.Find(none).route, nullptr);
  auto empty_segment = Make("GET", "/api/v1/applications/");
  EXPECT_EQ(router.Find(empty_segment).route, nullptr);
}

TEST(RouterTest, RestOfPathPlaceholder) {
  Router router;
  router.Add("GET", "/log/tile/{path...}", [](Request& r) {
    Response x;
    x.body = r.path_params["path"];
    return x;
  });
  auto req = Make("GET", "/log/tile/0/x001/234.p/5");
  auto m = router.Find(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->handler(req).body, "0/x001/234.p/5");
  auto entries = Make("GET", "/log/tile/entries/000");
  ASSERT_NE(router.Find(entries).route, nullptr);
  EXPECT_EQ(entries.path_params["path"], "entries/000");
  auto bare = Make("GET", "/log/tile/");
  EXPECT_EQ(router.Find(bare).route, nullptr);
  auto hole = Make("GET", "/log/tile/0//1");
  EXPECT_EQ(router.Find(hole).route, nullptr);
  auto other = Make("GET", "/log/checkpoint");
  EXPECT_EQ(router.Find(other).route, nullptr);
}

TEST(RouterTest, ParsesTargetsStrictly) {
  std::string path;
  std::map<std::string, std::string> q;
  EXPECT_TRUE(ParseTarget("/a%20b?n=ML-1&x=%C3%A9", &path, &q));
  EXPECT_EQ(path, "/a b");
  EXPECT_EQ(q["x"], "é");
  EXPECT_FALSE(ParseTarget("a/b", &path, &q));
  EXPECT_FALSE(ParseTarget("/bad%zz", &path, &q));
  EXPECT_FALSE(ParseTarget("/nul%00", &path, &q));
}

TEST(ProblemTest, MapsErrorsToRfc9457) {
  Request req = Make("POST", "/api/v1/applications");
  req.request_id = "abc";
  Error invalid = Error::Invalid(
      "application.invalid"_code, "bad input",
      {{"goods/0/hs_code", "hs_code.format"_code, "must be 6 to 10 digits", {{"min", "6"}, {"max", "10"}}},
       {"consignee/name", "field.required"_code, "is required"}});
  invalid.With("count", "2");
  Response r = Problem(invalid, req);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto doc = boost::json::parse(r.body).as_object();
  EXPECT_EQ(doc["type"].as_string(), "/problems/invalid-input");
  EXPECT_EQ(doc["instance"].as_string(), "/api/v1/applications");
  EXPECT_EQ(doc["request_id"].as_string(), "abc");
  EXPECT_EQ(doc["detail"].as_string(), "bad input");
  // The codes: of the problem, with its params, and of each field error, with theirs.
  EXPECT_EQ(doc["code"].as_string(), "application.invalid");
  EXPECT_EQ(boost::json::serialize(doc["params"]), R"({"count":"2"})");
  auto& errors = doc["errors"].as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(boost::json::serialize(errors[0]),
            R"({"field":"goods/0/hs_code","code":"hs_code.format","message":"must be 6 to 10 digits",)"
            R"("params":{"min":"6","max":"10"}})");
  EXPECT_EQ(boost::json::serialize(errors[1]),
            R"({"field":"consignee/name","code":"field.required","message":"is required"})");

  Response not_found = Problem(Error::NotFound("application.not_found"_code, "no application 7").With("id", "7"), req);
  auto nf = boost::json::parse(not_found.body).as_object();
  EXPECT_EQ(not_found.status, 404);
  EXPECT_EQ(nf["type"].as_string(), "/problems/not-found");
  EXPECT_EQ(nf["code"].as_string(), "application.not_found");
  EXPECT_EQ(nf["params"].at("id").as_string(), "7");
  EXPECT_FALSE(nf.contains("errors"));

  Response internal = Problem(Error::Internal("table users is corrupt"), req);
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(internal.body.find("users"), std::string::npos);  // internals never leak
  EXPECT_EQ(boost::json::parse(internal.body).at("code").as_string(), "internal");

  Response bad_json = Problem(400, "json.malformed"_code, "invalid-json", "Body is not JSON", req);
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(boost::json::parse(bad_json.body).as_object()["status"].as_int64(), 400);
  EXPECT_EQ(boost::json::parse(bad_json.body).as_object()["code"].as_string(), "json.malformed");
  EXPECT_EQ(boost::json::parse(bad_json.body).as_object()["type"].as_string(), "/problems/invalid-json");

  Response not_allowed = Problem(405, "http.method_not_allowed"_code, "method-not-allowed", "use GET", req);
  auto na = boost::json::parse(not_allowed.body).as_object();
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(na["status"].as_int64(), 405);
  EXPECT_EQ(na["title"].as_string(), "Method Not Allowed");
  EXPECT_EQ(na["code"].as_string(), "http.method_not_allowed");
}

TEST(MetricsTest, RendersPrometheusText) {
  Metrics m;
  m.Observe("/healthz", "GET", 200, 0.0003);
  m.Observe("/healthz", "GET", 200, 0.02);
  std::string text = m.Render();
  EXPECT_NE(text.find("origine_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("le=\"0.0005\"} 1"), std::string::npos);
  EXPECT_NE(text.find("le=\"+Inf\"} 2"), std::string::npos);
}

TEST(StaticFilesTest, RefusesTraversal) {
  StaticFiles files("/tmp");
  EXPECT_FALSE(files.Serve("/../etc/passwd"));
  EXPECT_FALSE(files.Serve("/a/../../etc/passwd"));
  EXPECT_EQ(ContentTypeFor("/assets/app.js"), "text/javascript; charset=utf-8");
}

}  // namespace
}  // namespace origine::http
