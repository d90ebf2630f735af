// Provider statements (each provider's shape, a byte-order mark, impossible
// dates naming the line, the codes of bad lines) and the adapters' shared
// helpers: strict times, form bodies and URL parts, currencies, token cache.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "payments/adapter_test_support.h"
#include "payments/provider.h"
#include "payments/providers/common.h"
#include "testkit/testkit.h"

namespace origine::payments {
namespace {
namespace json = boost::json;
using namespace adapter_testing;  // NOLINT(google-build-using-namespace): the adapters' test kit
using testkit::IsError;

TEST(Statements, EachProviderShapeParsesAndBadLinesAreNamed) {
  FakeHttp http;
  auto orange = *MakeProvider(Config("orange"), http, Clock());
  auto lines = orange->ParseStatement(
      "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\n"
      "2026-11-27 08:00:00,MP1,r1,Certificat,76000000,1500,15,1485,XOF,SUCCESS\n");
  ASSERT_TRUE(lines) << lines.error().message;
  ASSERT_EQ(lines->size(), 1u);
  EXPECT_EQ((*lines)[0].reference, "r1");
  EXPECT_EQ((*lines)[0].amount_xof, 1500);
  EXPECT_EQ((*lines)[0].fee_xof, 15);
  auto bad = orange->ParseStatement(
      "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\n"
      "2026-11-27 08:00:00,MP1,r1,C,76,15.5,0,0,XOF,SUCCESS\n");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("line 2"), std::string::npos);

  auto cinetpay = *MakeProvider(Config("cinetpay"), http, Clock());
  auto cp = cinetpay->ParseStatement(
      "transaction_id;operator_id;payment_date;amount;fees;currency;status;payment_method;phone\n"
      "r2;OP2;2026-11-27 09:00:00;1500;45;XOF;ACCEPTED;OMML;76000000\n");
  ASSERT_TRUE(cp) << cp.error().message;
  EXPECT_EQ((*cp)[0].reference, "r2");
  EXPECT_EQ((*cp)[0].fee_xof, 45);

  auto wave = *MakeProvider(Config("wave"), http, Clock());
  auto w = wave->ParseStatement(R"({"items":[{"timestamp":"2026-11-27T10:00:00Z","transaction_id":"T3",
      "transaction_type":"merchant_payment","amount":"1485","fee":"15","client_reference":"r3","is_reversal":false}]})");
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ((*w)[0].amount_xof, 1500);  // Wave gives the net amount: gross = net + fee

  auto momo = *MakeProvider(Config("momo"), http, Clock());
  auto m = momo->ParseStatement(R"({"date":"2026-11-27","transactions":[{"financialTransactionId":"F4",
      "externalId":"r4","amount":"1500","fee":"15","status":"SUCCESSFUL","timestamp":"2026-11-27T11:00:00Z"},
      {"financialTransactionId":"F5","externalId":"r4","referenceIdToRefund":"r4","type":"REFUND","amount":"1500",
       "fee":"0","status":"SUCCESSFUL","timestamp":"2026-11-27T12:00:00Z"}]})");
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->size(), 2u);
  EXPECT_EQ((*m)[0].provider_txn, "F4");
  EXPECT_FALSE((*m)[0].reversal);
  EXPECT_TRUE((*m)[1].reversal);  // a refund through the Disbursement product
  EXPECT_EQ((*m)[1].reference, "r4");
  EXPECT_EQ((*m)[1].amount_xof, 1500);
  EXPECT_FALSE(momo->ParseStatement("date,txnid\n"));
}

TEST(Statements, ASpreadsheetExportWithAByteOrderMarkImports) {
  FakeHttp http;
  auto orange = *MakeProvider(Config("orange"), http, Clock());
  auto lines = orange->ParseStatement(
      "\xEF\xBB\xBF"
      "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\r\n"
      "2026-11-27 08:00:00,MP1,r1,\"Certificat, ETLS\",76000000,1500,15,1485,XOF,SUCCESS\r\n");
  ASSERT_TRUE(lines) << lines.error().message;
  ASSERT_EQ(lines->size(), 1u);
  EXPECT_EQ((*lines)[0].provider_txn, "MP1");
  EXPECT_EQ((*lines)[0].at, 1'795'737'600 + 8 * 3600);  // 2026-11-27T08:00:00Z
  auto cinetpay = *MakeProvider(Config("cinetpay"), http, Clock());
  auto cp = cinetpay->ParseStatement(
      "\xEF\xBB\xBF"
      "transaction_id;operator_id;payment_date;amount;fees;currency;status;payment_method;phone\n"
      "r2;OP2;2026-11-27T09:00:00+01:00;1500;45;XOF;ACCEPTED;OMML;76000000\n");
  ASSERT_TRUE(cp) << cp.error().message;
  EXPECT_EQ((*cp)[0].at, 1'795'737'600 + 8 * 3600);  // the offset is applied
}

TEST(Statements, AnImpossibleDateIsRefusedNamingTheLine) {
  FakeHttp http;
  auto orange = *MakeProvider(Config("orange"), http, Clock());
  auto bad = orange->ParseStatement(
      "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\n"
      "2026-11-27 08:00:00,MP1,r1,C,76,1500,15,1485,XOF,SUCCESS\n"
      "\n"
      "2026-02-30 08:00:00,MP2,r2,C,76,1500,15,1485,XOF,SUCCESS\n");
  ASSERT_THAT(bad, IsError("statement.date"));
  EXPECT_EQ(bad.error().message, "line 4: bad date");  // the line in the file, blank lines counted
  ASSERT_EQ(bad.error().fields.size(), 1u);
  EXPECT_EQ(bad.error().fields[0].field, "line 4/date");
  EXPECT_EQ(bad.error().fields[0].code, "statement.date");
  EXPECT_EQ(bad.error().params, (ErrorParams{{"line", "4"}}));
  auto wave = *MakeProvider(Config("wave"), http, Clock());
  auto w = wave->ParseStatement(R"({"items":[{"timestamp":"2026-02-30T10:00:00Z","transaction_id":"T3",
      "transaction_type":"merchant_payment","amount":"1485","fee":"15","client_reference":"r3"}]})");
  ASSERT_THAT(w, IsError("statement.date"));
  EXPECT_EQ(w.error().fields[0].field, "items/0/timestamp");
  EXPECT_EQ(w.error().params, (ErrorParams{{"item", "1"}}));
  // Other bad lines carry their own codes.
  const std::string header = "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\n";
  EXPECT_THAT(orange->ParseStatement(header + "2026-11-27 08:00:00,,r1,C,76,1500,15,1485,XOF,SUCCESS\n"),
              IsError("statement.no_transaction"));
  EXPECT_THAT(orange->ParseStatement(header + "2026-11-27 08:00:00,MP1,r1,C,76,1500,x,1485,XOF,SUCCESS\n"),
              IsError("statement.fee"));
  EXPECT_THAT(orange->ParseStatement(header + "2026-11-27 08:00:00,MP1\n"), IsError("statement.too_few_fields"));
  EXPECT_THAT(orange->ParseStatement(""), IsError("statement.empty"));
  EXPECT_THAT(orange->ParseStatement("\"open"), IsError("csv.unterminated_quote"));
  auto header_only = orange->ParseStatement("date,order_id\n");
  ASSERT_THAT(header_only, IsError("statement.header"));
  EXPECT_EQ(header_only.error().fields[0].code, "statement.column_missing");
  EXPECT_EQ(header_only.error().fields[0].params, (ErrorParams{{"column", "txnid"}}));
  EXPECT_THAT(wave->ParseStatement("[]"), IsError("statement.shape"));
  EXPECT_THAT(wave->ParseStatement(R"({"items":[1]})"), IsError("statement.item_not_object"));
  EXPECT_THAT(orange->FetchStatement(0, 86400), IsError("statement.no_api"));
}

TEST(Adapters, TimesAreStrictAndWithoutAZoneUtc) {
  using internal::ParseTime;
  EXPECT_EQ(ParseTime("2026-11-27T08:00:00Z"), 1'795'737'600 + 8 * 3600);
  EXPECT_EQ(ParseTime("2026-11-27 08:00:00"), 1'795'737'600 + 8 * 3600);
  EXPECT_EQ(ParseTime("2026-11-27T08:00:00.250"), 1'795'737'600 + 8 * 3600);
  EXPECT_EQ(ParseTime("2026-11-27T10:00:00+02:00"), 1'795'737'600 + 8 * 3600);
  EXPECT_FALSE(ParseTime("2026-02-30T08:00:00Z"));
  EXPECT_FALSE(ParseTime("2026-11-27T24:00:00Z"));
  EXPECT_FALSE(ParseTime("2026-11-27"));
  EXPECT_FALSE(ParseTime("27/11/2026 08:00"));
}

TEST(Adapters, FormBodiesAndUrlPartsGoThroughBoostUrl) {
  using internal::FormBody;
  using internal::ParseForm;
  using internal::UrlEncode;
  EXPECT_EQ(FormBody({{"grant_type", "client_credentials"}}), "grant_type=client_credentials");
  const std::string body = FormBody({{"a b", "x&y=z"}, {"é", "1+1"}});
  EXPECT_EQ(body, "a%20b=x%26y%3Dz&%C3%A9=1%2B1");
  auto back = ParseForm(body);
  EXPECT_EQ(back, (std::map<std::string, std::string>{{"a b", "x&y=z"}, {"é", "1+1"}}));
  EXPECT_EQ(ParseForm("cpm_trans_id=r1&cpm_custom=&cpm_designation=Certificat+ETLS&x=%C3%A9"),
            (std::map<std::string, std::string>{
                {"cpm_trans_id", "r1"}, {"cpm_custom", ""}, {"cpm_designation", "Certificat ETLS"}, {"x", "é"}}));
  EXPECT_EQ(ParseForm("a=1&a=2"), (std::map<std::string, std::string>{{"a", "2"}}));  // later keys win
  EXPECT_TRUE(ParseForm("%zz=1").empty());                                            // unreadable
  EXPECT_EQ(UrlEncode("0b7f3c1e-1111.4222_8333~x"), "0b7f3c1e-1111.4222_8333~x");
  EXPECT_EQ(UrlEncode("a/b c?d"), "a%2Fb%20c%3Fd");
}

TEST(Adapters, TheReportedCurrencyIsOursUnderTheProvidersCode) {
  FakeHttp http;
  ProviderConfig c = Config("orange");
  c.currency = "OUV";  // Orange's sandbox name for XOF
  auto p = *MakeProvider(c, http, Clock());
  http.Answer(200, R"({"access_token":"tok","expires_in":3600})");
  http.Answer(201, R"({"status":"SUCCESS","order_id":"r1","txnid":"MP1","amount":1500,"currency":"OUV"})");
  EXPECT_EQ(p->Status({"r1", "pt", 1500})->currency, "XOF");
  http.Answer(201, R"({"status":"SUCCESS","order_id":"r1","txnid":"MP1","amount":1500,"currency":"EUR"})");
  EXPECT_EQ(p->Status({"r1", "pt", 1500})->currency, "EUR");
  auto wave = *MakeProvider(Config("wave"), http, Clock());
  http.Answer(200, R"({"client_reference":"r1","checkout_status":"complete","payment_status":"succeeded",
      "amount":"1500","currency":"XOF"})");
  auto st = wave->Status({"r1", "cos-1", 1500});
  ASSERT_TRUE(st);
  EXPECT_EQ(st->currency, "XOF");
  EXPECT_EQ(st->reference, "r1");
}

TEST(Adapters, AccessTokensAreCachedUntilShortlyBeforeTheyExpireOnTheInjectedClock) {
  FakeHttp http;
  FakeClock clock{1'800'000'000};
  auto p = *MakeProvider(Config("orange"), http, clock);
  auto status = [&] {
    http.Answer(201, R"({"status":"PENDING","order_id":"r1"})");
    return p->Status({"r1", "pt", 1500});
  };
  http.Answer(200, R"({"access_token":"tok","expires_in":600})");
  ASSERT_TRUE(status());
  clock.Advance(560);  // still 40 s left: cached
  ASSERT_TRUE(status());
  EXPECT_EQ(http.sent.size(), 3u);
  clock.Advance(20);  // 20 s left: fetched again
  http.Answer(200, R"({"access_token":"tok2","expires_in":600})");
  http.Answer(201, R"({"status":"PENDING","order_id":"r1"})");
  ASSERT_TRUE(p->Status({"r1", "pt", 1500}));
  EXPECT_EQ(http.sent.size(), 5u);
  EXPECT_EQ(http.sent[3].url, "http://sim/orange/oauth/v3/token");
}

}  // namespace
}  // namespace origine::payments
