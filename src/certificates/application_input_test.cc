#include "certificates/application_input.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "certificates/service_fixture.h"
#include "testkit/regimes.h"
#include "testkit/testkit.h"

namespace origine::certificates {
namespace {
namespace json = boost::json;
constexpr const char* kToday = "2026-06-01";

json::value Complete() { return CompleteInput(); }

Result<json::object> Validate(const json::value& input) { return ValidateInput(testkit::Regimes(), input, kToday); }

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

TEST(ApplicationInputTest, CompleteInputPasses) {
  auto r = Validate(Complete());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(CheckComplete(*r).ok());
}

TEST(ApplicationInputTest, DraftMayBeIncompleteButSubmitLists) {
  auto r = Validate(json::parse(R"({"regime": "NP"})"));
  ASSERT_TRUE(r);
  auto st = CheckComplete(*r);
  ASSERT_FALSE(st.ok());
  auto f = Fields(st.error());
  EXPECT_NE(std::find(f.begin(), f.end(), "consignee/name"), f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), "goods"), f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), "invoice/date"), f.end());
}

// Each case: a JSON pointer-ish mutation, the field that must be reported and its code.
struct BadCase {
  const char* name;
  const char* patch;  // merged into the complete input (goods replaced whole)
  const char* field;
  const char* code;
};

class BadInputTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInputTest, ReportsTheField) {
  json::object in = Complete().as_object();
  json::object patch = json::parse(GetParam().patch).as_object();
  for (auto& kv : patch) in[kv.key()] = kv.value();
  auto r = Validate(in);
  ASSERT_THAT(r, testkit::IsError("application.invalid")) << GetParam().name;
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  bool found = false;
  for (const auto& f : r.error().fields)
    if (f.field == GetParam().field) {
      found = true;
      EXPECT_EQ(f.code, GetParam().code) << GetParam().name << ": " << f.message;
    }
  EXPECT_TRUE(found) << GetParam().name << ": " << r.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadInputTest,
    ::testing::Values(
        BadCase{"unknown regime", R"({"regime": "XYZ"})", "regime", "regime.unknown"},
        BadCase{"regime missing", R"({"regime": null})", "regime", "field.required"},
        BadCase{"lowercase country", R"({"destination_country": "sn"})", "destination_country", "country.format"},
        BadCase{"unknown country", R"({"destination_country": "QQ"})", "destination_country", "country.format"},
        BadCase{"country not string", R"({"origin_country": 12})", "origin_country", "field.string"},
        BadCase{"bad transport mode", R"({"transport": {"mode": "teleport"}})", "transport/mode",
                "transport_mode.format"},
        BadCase{"impossible date", R"({"invoice": {"number": "F", "date": "2026-02-30"}})", "invoice/date",
                "field.date"},
        BadCase{"unknown field", R"({"price": 3})", "price", "field.unknown"},
        BadCase{"goods not array", R"({"goods": {}})", "goods", "field.array"},
        BadCase{"hs too short", R"({"goods": [{"hs_code": "1207"}]})", "goods/0/hs_code", "hs_code.format"},
        BadCase{"hs with dots", R"({"goods": [{"hs_code": "1207.40"}]})", "goods/0/hs_code", "hs_code.format"},
        BadCase{"negative quantity", R"({"goods": [{"quantity": "-1"}]})", "goods/0/quantity", "decimal.format"},
        BadCase{"zero weight", R"({"goods": [{"net_weight_kg": "0"}]})", "goods/0/net_weight_kg", "decimal.format"},
        BadCase{"four decimals", R"({"goods": [{"quantity": "1.2345"}]})", "goods/0/quantity", "decimal.format"},
        BadCase{"value as float", R"({"goods": [{"value_xof": 12.5}]})", "goods/0/value_xof", "amount.whole"},
        BadCase{"value negative", R"({"goods": [{"value_xof": -5}]})", "goods/0/value_xof", "amount.range"},
        BadCase{"net above gross", R"({"goods": [{"gross_weight_kg": "10", "net_weight_kg": "11"}]})",
                "goods/0/net_weight_kg", "net_weight.above_gross"},
        BadCase{"control character", R"({"consignee": {"name": "a\u0001b"}})", "consignee/name", "field.control_chars"},
        BadCase{"line not object", R"({"goods": [3]})", "goods/0", "field.object"}),
    [](const auto& info) {
      std::string n = info.param.name;
      for (char& c : n)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return n;
    });

TEST(ApplicationInputTest, TooManyLinesAndTooLongText) {
  json::object in = Complete().as_object();
  json::array goods;
  for (size_t i = 0; i <= kMaxGoodsLines; ++i) goods.push_back(json::object{{"hs_code", "120740"}});
  in["goods"] = goods;
  EXPECT_FALSE(Validate(in));
  in = Complete().as_object();
  in["consignee"].as_object()["name"] = std::string(201, 'x');
  EXPECT_FALSE(Validate(in));
  EXPECT_THAT(Validate(json::parse("[]")), testkit::IsError("application.not_object"));
}

TEST(ApplicationInputTest, SameOriginAndDestinationIsIncomplete) {
  json::object in = Complete().as_object();
  in["destination_country"] = "ML";
  auto r = Validate(in);
  ASSERT_TRUE(r);
  auto st = CheckComplete(*r);
  ASSERT_THAT(st, testkit::IsError("application.incomplete"));
  EXPECT_EQ(st.error().fields.at(0).code, "destination.same_as_origin");
}

TEST(RegimesFromData, CodesComeFromTheDataFiles) {
  std::set<std::string> codes;
  for (const auto& r : Regimes(testkit::Regimes(), kToday)) codes.insert(r.code);
  EXPECT_TRUE(codes.count("ETLS"));
  EXPECT_TRUE(codes.count("UEMOA"));
  EXPECT_TRUE(codes.count("AFCFTA"));
  EXPECT_TRUE(codes.count("NP"));  // GENERAL in the data, NP in applications and numbers
  EXPECT_FALSE(codes.count("GENERAL"));
  EXPECT_FALSE(codes.count("AES"));  // configured but not enabled
  auto np = Validate(json::parse(R"({"regime": "GENERAL"})"));
  ASSERT_TRUE(np);
  EXPECT_EQ((*np)["regime"], "NP");
  auto aes = Validate(json::parse(R"({"regime": "AES"})"));
  ASSERT_FALSE(aes);
  EXPECT_EQ(aes.error().fields[0].field, "regime");
  EXPECT_NE(aes.error().fields[0].message.find("ETLS"), std::string::npos);
  EXPECT_EQ(aes.error().fields[0].code, "regime.unknown");
}

TEST(GoodsLineFacts, ProductIdAndOriginFactsAreChecked) {
  auto ok = Validate(json::parse(R"({"regime": "ETLS", "goods": [{"product_id": 3, "origin_facts": {
      "product_kind": "industrial", "ex_works_xof": 1000, "materials": [{"hs_code": "3923", "cif_xof": 10}],
      "processes": ["refining"], "attributes": {"sex": "male"}}}]})"));
  ASSERT_TRUE(ok) << ok.error().message;
  auto bad = Validate(json::parse(R"({"regime": "ETLS", "goods": [{"product_id": -1, "origin_facts": {
      "product_kind": "robot", "ex_works_xof": -5, "materials": [{"hs_code": "39", "cif_xof": "x"}], "colour": 1}}]})"));
  ASSERT_FALSE(bad);
  std::map<std::string, std::string> fields;
  for (const auto& f : bad.error().fields) fields[f.field] = f.code;
  EXPECT_EQ(fields, (std::map<std::string, std::string>{{"goods/0/product_id", "product_id.format"},
                                                        {"goods/0/origin_facts/product_kind", "product_kind.format"},
                                                        {"goods/0/origin_facts/ex_works_xof", "amount.range"},
                                                        {"goods/0/origin_facts/materials/0/hs_code", "hs_code.format"},
                                                        {"goods/0/origin_facts/materials/0/cif_xof", "amount.range"},
                                                        {"goods/0/origin_facts/colour", "field.unknown"}}));
}

}  // namespace
}  // namespace origine::certificates
