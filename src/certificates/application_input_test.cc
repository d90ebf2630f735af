#include "certificates/application_input.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

namespace origine::certificates {
namespace {
namespace json = boost::json;
constexpr const char* kToday = "2026-06-01";

json::value Complete() {
  return json::parse(R"({
    "regime": "ETLS",
    "consignee": {"name": "Dakar Import", "address": "Rue 10, Dakar", "country": "SN"},
    "origin_country": "ML", "destination_country": "SN",
    "transport": {"mode": "road", "details": "Camion AB-123"},
    "invoice": {"number": "F-1", "date": "2026-11-20"},
    "goods": [{"hs_code": "120740", "description": "Sésame", "quantity": "20000", "unit": "kg",
               "gross_weight_kg": "20100", "net_weight_kg": "20000", "value_xof": 12000000}]})");
}

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

TEST(ApplicationInputTest, CompleteInputPasses) {
  auto r = ValidateInput(Complete(), kToday);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(CheckComplete(*r).ok());
}

TEST(ApplicationInputTest, DraftMayBeIncompleteButSubmitLists) {
  auto r = ValidateInput(json::parse(R"({"regime": "NP"})"), kToday);
  ASSERT_TRUE(r);
  auto st = CheckComplete(*r);
  ASSERT_FALSE(st.ok());
  auto f = Fields(st.error());
  EXPECT_NE(std::find(f.begin(), f.end(), "consignee/name"), f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), "goods"), f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), "invoice/date"), f.end());
}

// Each case: a JSON pointer-ish mutation and the field that must be reported.
struct BadCase {
  const char* name;
  const char* patch;  // merged into the complete input (goods replaced whole)
  const char* field;
};

class BadInputTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInputTest, ReportsTheField) {
  json::object in = Complete().as_object();
  json::object patch = json::parse(GetParam().patch).as_object();
  for (auto& kv : patch) in[kv.key()] = kv.value();
  auto r = ValidateInput(in, kToday);
  ASSERT_FALSE(r) << GetParam().name;
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  auto f = Fields(r.error());
  EXPECT_NE(std::find(f.begin(), f.end(), GetParam().field), f.end()) << GetParam().name << ": " << r.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadInputTest,
    ::testing::Values(BadCase{"unknown regime", R"({"regime": "XYZ"})", "regime"},
                      BadCase{"regime missing", R"({"regime": null})", "regime"},
                      BadCase{"lowercase country", R"({"destination_country": "sn"})", "destination_country"},
                      BadCase{"unknown country", R"({"destination_country": "QQ"})", "destination_country"},
                      BadCase{"country not string", R"({"origin_country": 12})", "origin_country"},
                      BadCase{"bad transport mode", R"({"transport": {"mode": "teleport"}})", "transport/mode"},
                      BadCase{"impossible date", R"({"invoice": {"number": "F", "date": "2026-02-30"}})",
                              "invoice/date"},
                      BadCase{"unknown field", R"({"price": 3})", "price"},
                      BadCase{"goods not array", R"({"goods": {}})", "goods"},
                      BadCase{"hs too short", R"({"goods": [{"hs_code": "1207"}]})", "goods/0/hs_code"},
                      BadCase{"hs with dots", R"({"goods": [{"hs_code": "1207.40"}]})", "goods/0/hs_code"},
                      BadCase{"negative quantity", R"({"goods": [{"quantity": "-1"}]})", "goods/0/quantity"},
                      BadCase{"zero weight", R"({"goods": [{"net_weight_kg": "0"}]})", "goods/0/net_weight_kg"},
                      BadCase{"four decimals", R"({"goods": [{"quantity": "1.2345"}]})", "goods/0/quantity"},
                      BadCase{"value as float", R"({"goods": [{"value_xof": 12.5}]})", "goods/0/value_xof"},
                      BadCase{"value negative", R"({"goods": [{"value_xof": -5}]})", "goods/0/value_xof"},
                      BadCase{"net above gross", R"({"goods": [{"gross_weight_kg": "10", "net_weight_kg": "11"}]})",
                              "goods/0/net_weight_kg"},
                      BadCase{"control character", R"({"consignee": {"name": "a\u0001b"}})", "consignee/name"},
                      BadCase{"line not object", R"({"goods": [3]})", "goods/0"}),
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
  EXPECT_FALSE(ValidateInput(in, kToday));
  in = Complete().as_object();
  in["consignee"].as_object()["name"] = std::string(201, 'x');
  EXPECT_FALSE(ValidateInput(in, kToday));
  EXPECT_FALSE(ValidateInput(json::parse("[]"), kToday));
}

TEST(ApplicationInputTest, SameOriginAndDestinationIsIncomplete) {
  json::object in = Complete().as_object();
  in["destination_country"] = "ML";
  auto r = ValidateInput(in, kToday);
  ASSERT_TRUE(r);
  EXPECT_FALSE(CheckComplete(*r).ok());
}

TEST(RegimesFromData, CodesComeFromTheDataFiles) {
  std::set<std::string> codes;
  for (const auto& r : Regimes(kToday)) codes.insert(r.code);
  EXPECT_TRUE(codes.count("ETLS"));
  EXPECT_TRUE(codes.count("UEMOA"));
  EXPECT_TRUE(codes.count("AFCFTA"));
  EXPECT_TRUE(codes.count("NP"));  // GENERAL in the data, NP in applications and numbers
  EXPECT_FALSE(codes.count("GENERAL"));
  EXPECT_FALSE(codes.count("AES"));  // configured but not enabled
  auto np = ValidateInput(json::parse(R"({"regime": "GENERAL"})"), kToday);
  ASSERT_TRUE(np);
  EXPECT_EQ((*np)["regime"], "NP");
  auto aes = ValidateInput(json::parse(R"({"regime": "AES"})"), kToday);
  ASSERT_FALSE(aes);
  EXPECT_EQ(aes.error().fields[0].field, "regime");
  EXPECT_NE(aes.error().fields[0].message.find("ETLS"), std::string::npos);
}

TEST(GoodsLineFacts, ProductIdAndOriginFactsAreChecked) {
  auto ok = ValidateInput(json::parse(R"({"regime": "ETLS", "goods": [{"product_id": 3, "origin_facts": {
      "product_kind": "industrial", "ex_works_xof": 1000, "materials": [{"hs_code": "3923", "cif_xof": 10}],
      "processes": ["refining"], "attributes": {"sex": "male"}}}]})"),
                          kToday);
  ASSERT_TRUE(ok) << ok.error().message;
  auto bad = ValidateInput(json::parse(R"({"regime": "ETLS", "goods": [{"product_id": -1, "origin_facts": {
      "product_kind": "robot", "ex_works_xof": -5, "materials": [{"hs_code": "39", "cif_xof": "x"}], "colour": 1}}]})"),
                           kToday);
  ASSERT_FALSE(bad);
  std::set<std::string> fields;
  for (const auto& f : bad.error().fields) fields.insert(f.field);
  for (const char* f : {"goods/0/product_id", "goods/0/origin_facts/product_kind", "goods/0/origin_facts/ex_works_xof",
                        "goods/0/origin_facts/materials/0/hs_code", "goods/0/origin_facts/materials/0/cif_xof",
                        "goods/0/origin_facts/colour"})
    EXPECT_TRUE(fields.count(f)) << f;
}

}  // namespace
}  // namespace origine::certificates
