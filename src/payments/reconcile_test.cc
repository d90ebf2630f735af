// Reconciliation classification (table), expected fees, XLSX output.
#include "payments/reconcile.h"

#include <gtest/gtest.h>

#include "payments/ledger.h"
#include "testkit/payment_world.h"

namespace origine::payments {
namespace {

StatementLine Line(const std::string& ref, int64_t amount, int64_t fee, bool reversal = false) {
  StatementLine l;
  l.line_no = 2;
  l.provider_txn = "T-" + ref;
  l.reference = ref;
  l.amount_xof = amount;
  l.fee_xof = fee;
  l.at = 1;
  l.reversal = reversal;
  return l;
}

TEST(Reconcile, ExpectedFeeRoundsHalfUp) {
  EXPECT_EQ(ExpectedFee(1500, 100), 15);
  EXPECT_EQ(ExpectedFee(1550, 100), 16);  // 15.5 -> 16
  EXPECT_EQ(ExpectedFee(1500, 300), 45);
  EXPECT_EQ(ExpectedFee(1549, 100), 15);
}

TEST(Reconcile, EveryLineGetsExactlyOneClass) {
  const std::vector<OurPayment> ours = {
      {1, "ok", "succeeded", 1500, true},     {2, "fee", "succeeded", 1500, true},
      {3, "amount", "succeeded", 1500, true}, {4, "late", "expired", 1500, false},
      {5, "absent", "succeeded", 1500, true}, {6, "refunded", "refunded", 1500, false},
      {7, "old", "succeeded", 1500, false},  // paid another day: not expected on this statement
  };
  const std::vector<StatementLine> lines = {Line("ok", 1500, 15),     Line("fee", 1500, 40),
                                            Line("amount", 1400, 14), Line("late", 1500, 15),
                                            Line("stranger", 900, 9), Line("refunded", -1500, 0, true)};
  auto out = Classify(lines, ours, 100);
  std::map<std::string, std::string> got;
  for (const auto& c : out) got[c.line.reference] = c.cls;
  const std::map<std::string, std::string> want = {{"ok", "matched"},
                                                   {"fee", "fee_variance"},
                                                   {"amount", "amount_mismatch"},
                                                   {"late", "missing_ours"},
                                                   {"stranger", "missing_ours"},
                                                   {"refunded", "matched"},
                                                   {"absent", "missing_at_provider"}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(out.size(), lines.size() + 1);  // the statement's lines plus what it lacks
}

TEST(Reconcile, XlsxIsAZipWorkbook) {
  auto x = WriteXlsx({{"Feuille", {"a", "b"}, {{"1", "texte"}, {"-25", "=SUM(A1)"}}}});
  ASSERT_TRUE(x) << x.error().message;
  ASSERT_GT(x->size(), 100u);
  EXPECT_EQ(x->substr(0, 2), "PK");
}

// An HTTP client for adapters that must not call out (statements are uploaded).
class NoHttp : public HttpClient {
 public:
  Result<HttpResponse> Send(const HttpRequest&) override {
    return Error::Unavailable("net.unreachable"_code, "no network in this test");
  }
};

class Reconciliation : public ::testing::Test {
 protected:
  static std::map<std::string, std::unique_ptr<PaymentProvider>> Orange(HttpClient& http, const Clock& clock) {
    ProviderConfig c;
    c.name = "orange";
    c.base_url = "http://sim/orange";
    std::map<std::string, std::unique_ptr<PaymentProvider>> out;
    out["orange"] = *MakeProvider(c, http, clock);
    return out;
  }
  NoHttp http_;
  FakeClock adapter_clock_{1'795'000'000};
  testkit::PaymentWorld w{testkit::PaymentWorldOptions(), Orange(http_, adapter_clock_)};
  Reconciler rec_{*w.db, w.clock, *w.pay, ReconcileOptions{}};
};

TEST_F(Reconciliation, AStatementExportedWithAByteOrderMarkImportsAndMatches) {
  auto ref = w.pay->RecordExternalPayment(w.AwaitingPayment(), "orange", "MP-1", testkit::kMeta);
  ASSERT_THAT(ref, testkit::IsOk());
  const std::string day = FormatUtc(w.clock.NowUnix(), true);
  const std::string statement =
      "\xEF\xBB\xBF"
      "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\r\n" +
      day + " 08:00:00,MP-1," + *ref + ",Certificat,76000000,1500,15,1485,XOF,SUCCESS\r\n";
  auto r = rec_.Import(w.people.admin, "orange", day, statement, testkit::kMeta);
  ASSERT_THAT(r, testkit::IsOk());
  const auto& lines = (*r)["lines"].as_array();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("class").as_string(), "matched");
  EXPECT_EQ(lines[0].at("reference").as_string(), *ref);
  EXPECT_EQ(w.Balance(kFeeExpense), 15);
  // The same file again is refused; the export starts with the header.
  EXPECT_THAT(rec_.Import(w.people.admin, "orange", day, statement, testkit::kMeta),
              testkit::IsError("statement.duplicate"));
  auto csv = rec_.Csv(w.people.admin, (*r)["id"].as_int64());
  ASSERT_THAT(csv, testkit::IsOk());
  EXPECT_EQ(csv->substr(0, csv->find("\r\n")),
            "ligne,transaction,reference,montant_xof,frais_xof,date,classe,libelle,detail");
}

TEST_F(Reconciliation, ImpossibleDatesAreRefusedNotRolledOver) {
  const std::string header = "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\n";
  // In the query: 2026-02-30 is not 2 March.
  auto query = rec_.Import(w.people.admin, "orange", "2026-02-30", header, testkit::kMeta);
  ASSERT_THAT(query, testkit::IsError("date.format"));
  EXPECT_EQ(query.error().fields.at(0).field, "date");
  EXPECT_THAT(rec_.Treasury(w.people.admin, "2026-02-30"), testkit::IsError("date.format"));
  EXPECT_THAT(rec_.Treasury(w.people.admin, "2026-13-01"), testkit::IsError("date.format"));
  EXPECT_THAT(rec_.Treasury(w.people.admin, "2028-02-29"), testkit::IsOk());  // a leap day
  // In a statement line: refused, naming the line.
  auto line = rec_.Import(w.people.admin, "orange", "2026-11-27",
                          header + "2026-02-30 08:00:00,MP-2,r,C,76,1500,15,1485,XOF,SUCCESS\n", testkit::kMeta);
  ASSERT_THAT(line, testkit::IsError("statement.date"));
  EXPECT_EQ(line.error().fields.at(0).field, "line 2/date");
  EXPECT_EQ(w.Count("SELECT COUNT(*) FROM payment_statements"), 0);
}

// Who may import and read is the API's table (api/authz_table.cc, checked by
// api/authz_matrix_test.cc); the service checks the provider and the statement.
TEST_F(Reconciliation, RefusesAnUnknownProviderAStatementlessProviderAndAnUnknownId) {
  EXPECT_THAT(rec_.Import(w.people.admin, "wave-x", "2026-11-27", "x", testkit::kMeta),
              testkit::IsError("statement.provider"));
  EXPECT_THAT(rec_.Import(w.people.admin, "orange", "2026-11-27", "", testkit::kMeta),
              testkit::IsError("statement.no_api"));
  EXPECT_THAT(rec_.Get(w.people.admin, 42), testkit::IsError("reconciliation.not_found"));
}

}  // namespace
}  // namespace origine::payments
