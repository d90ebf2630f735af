// The request decoding shared by the route files: path and query parameters,
// JSON bodies, and the codes of their failures.
#include "api/internal/params.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/internal/json_io.h"
#include "testkit/testkit.h"

namespace origine::api::internal {
namespace {
using testkit::IsError;
using testkit::IsOk;

http::Request WithQuery(std::map<std::string, std::string> query) {
  http::Request r;
  r.query = std::move(query);
  return r;
}

TEST(ParamsTest, DatesAreRealCalendarDays) {
  struct Case {
    std::string text;
    std::optional<int64_t> unix;  // nullopt: refused
  };
  const std::vector<Case> cases = {
      {"2026-12-07", 1796601600},
      {"2024-02-29", 1709164800},
      {"1970-01-01", 0},
      {"2026-02-30", std::nullopt},
      {"2025-02-29", std::nullopt},
      {"2026-04-31", std::nullopt},
      {"2026-13-01", std::nullopt},
      {"2026-00-10", std::nullopt},
      {"2026-1-01", std::nullopt},
      {"2026-01-01T00:00:00Z", std::nullopt},
      {" 2026-01-01", std::nullopt},
      {"tomorrow", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    auto r = DateQuery(WithQuery({{"from", c.text}}), "from");
    if (!c.unix) {
      ASSERT_THAT(r, IsError("date.format"));
      ASSERT_EQ(r.error().fields.size(), 1u);
      EXPECT_EQ(r.error().fields[0].field, "from");
      EXPECT_EQ(r.error().fields[0].code, "date.format");
      EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
      continue;
    }
    ASSERT_THAT(r, IsOk());
    EXPECT_EQ(*r, c.unix);
  }
  auto absent = DateQuery(WithQuery({}), "from");
  ASSERT_THAT(absent, IsOk());
  EXPECT_FALSE(*absent);
  auto empty = DateQuery(WithQuery({{"from", ""}}), "from");
  ASSERT_THAT(empty, IsOk());
  EXPECT_FALSE(*empty);
}

TEST(ParamsTest, IntegersAndRequiredOnes) {
  EXPECT_EQ(*IntQuery(WithQuery({{"n", "42"}}), "n"), 42);
  EXPECT_FALSE(*IntQuery(WithQuery({{"n", ""}}), "n"));
  for (const char* bad : {"-1", "1.5", "x", "1234567890123456789"})
    EXPECT_THAT(IntQuery(WithQuery({{"n", bad}}), "n"), IsError("field.integer")) << bad;
  EXPECT_THAT(RequiredIntQuery(WithQuery({}), "index"), IsError("field.required"));
  EXPECT_EQ(*RequiredIntQuery(WithQuery({{"index", "0"}}), "index"), 0u);
}

TEST(ParamsTest, OneOfAllowedValues) {
  auto r =
      OneOfQuery(WithQuery({{"format", "pdf"}}), "format", {"", "json", "csv"}, "format.unknown"_code, "json or csv");
  ASSERT_THAT(r, IsError("format.unknown"));
  EXPECT_EQ(r.error().params, (ErrorParams{{"field", "format"}, {"allowed", "json, csv"}}));
  EXPECT_EQ(r.error().fields[0].message, "json or csv");
  EXPECT_EQ(**OneOfQuery(WithQuery({{"format", ""}}), "format", {"", "json"}, "format.unknown"_code, "json"), "");
  EXPECT_THAT(OneOfQuery(WithQuery({{"lang", ""}}), "lang", {"fr", "en"}, "lang.unknown"_code, "fr or en"),
              IsError("lang.unknown"));
  EXPECT_FALSE(*OneOfQuery(WithQuery({}), "lang", {"fr", "en"}, "lang.unknown"_code, "fr or en"));
}

TEST(ParamsTest, IdsInThePath) {
  http::Request r;
  r.path_params = {{"id", "12"}, {"user_id", "007"}};
  EXPECT_EQ(*IdParam(r, "company.not_found"_code, "company"), 12);
  EXPECT_EQ(*IdParam(r, "user.not_found"_code, "user", "user_id"), 7);
  for (const char* bad : {"", "x", "-1", "1e3", "1234567890123456"}) {
    r.path_params["id"] = bad;
    auto id = IdParam(r, "product.not_found"_code, "product");
    ASSERT_THAT(id, IsError("product.not_found")) << bad;
    EXPECT_EQ(id.error().kind, ErrorKind::kNotFound);
  }
  EXPECT_THAT(IdParam(r, "approval.not_found"_code, "approval", "approval_id"), IsError("approval.not_found"));
}

http::Request WithBody(std::string body, std::string type = "application/json") {
  http::Request r;
  r.body = std::move(body);
  r.headers.Set("content-type", std::move(type));
  return r;
}

TEST(JsonIoTest, BodiesAndTheirCodes) {
  EXPECT_THAT(JsonBody(WithBody("{}", "text/plain")), IsError("json.content_type"));
  EXPECT_THAT(JsonBody(WithBody("{")), IsError("json.malformed"));
  EXPECT_THAT(JsonBody(WithBody(std::string(40, '[') + std::string(40, ']'))), IsError("json.malformed"));
  EXPECT_THAT(ObjectBody(WithBody("[]")), IsError("json.object"));

  auto fields = StringFields(WithBody(R"({"provider":"wave","payer_msisdn":null})"), {"provider", "payer_msisdn"});
  ASSERT_THAT(fields, IsOk());
  EXPECT_EQ(*fields, (std::map<std::string, std::string>{{"provider", "wave"}}));
  auto unknown = StringFields(WithBody(R"({"provider":"wave","x":1})"), {"provider"});
  ASSERT_THAT(unknown, IsError("field.unknown"));
  EXPECT_EQ(unknown.error().fields[0].field, "x");
  EXPECT_EQ(unknown.error().fields[0].code, "field.unknown");
  EXPECT_THAT(StringFields(WithBody(R"({"provider":1})"), {"provider"}), IsError("field.string"));

  EXPECT_EQ(*OptionalStringBody(WithBody(""), "comment"), "");
  EXPECT_EQ(*OptionalStringBody(WithBody(R"({"comment":"ok"})"), "comment"), "ok");
  EXPECT_EQ(*OptionalStringBody(WithBody(R"({"comment":null})"), "comment"), "");
  EXPECT_THAT(OptionalStringBody(WithBody(R"({"comment":2})"), "comment"), IsError("field.string"));
  EXPECT_THAT(OptionalStringBody(WithBody(R"({"reason":"x"})"), "comment"), IsError("field.unknown"));
}

}  // namespace
}  // namespace origine::api::internal
