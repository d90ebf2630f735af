// Intents through the service: input checks, idempotency, authorization
// (another company's payment is not found), and the staff listings (payments
// and ledger) paged by keyset.
#include <gtest/gtest.h>

#include <set>

#include "payments/service.h"
#include "testkit/payment_world.h"

namespace origine::payments {
namespace {

using testkit::IsError;
using testkit::IsErrorKind;
using testkit::IsOk;

class Intents : public ::testing::Test {
 protected:
  testkit::PaymentWorld w;
  PaymentService& pay() { return *w.pay; }
  Result<boost::json::object> Create(const Principal& who, int64_t id, const std::string& provider,
                                     const std::string& msisdn = "", const std::string& key = "") {
    bool replayed = false;
    return pay().CreateIntent(who, id, provider, msisdn, key, testkit::kMeta, &replayed);
  }
};

TEST_F(Intents, IdempotencyKeyReplaysAndAuthorizationHidesOtherCompanies) {
  const int64_t id = w.AwaitingPayment();
  const std::string ref = w.Pay(id, "key-0001-abcd");
  bool replayed = false;
  auto again = pay().CreateIntent(w.people.exporter, id, "wave", "", "key-0001-abcd", testkit::kMeta, &replayed);
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(replayed);
  EXPECT_EQ((*again)["reference"].as_string(), ref);
  EXPECT_EQ(w.script.initiations, 1);
  const int64_t id2 = w.AwaitingPayment();
  // The same key for another application.
  EXPECT_THAT(Create(w.people.exporter, id2, "wave", "", "key-0001-abcd"), IsError("payment.idempotency_key_reused"));
  EXPECT_THAT(Create(w.people.other_exporter, id, "wave"), IsError("application.not_found"));
  EXPECT_THAT(Create(w.people.agent, id, "wave"), IsError("payment.forbidden"));
  EXPECT_THAT(pay().GetIntent(w.people.other_exporter, ref), IsError("payment.not_found"));
  EXPECT_THAT(pay().ReceiptPdf(w.people.other_exporter, ref), IsError("payment.not_found"));
  EXPECT_THAT(pay().ReceiptPdf(w.people.exporter, ref), IsError("receipt.not_found"));  // not paid yet
  EXPECT_THAT(pay().Ledger(w.people.admin, {10, ""}), IsOk());
  EXPECT_THAT(pay().ListAll(w.people.agent, "paid", {}), IsError("payment.state_unknown"));
  EXPECT_THAT(pay().ListIntents(w.people.other_exporter, id), IsError("application.not_found"));
  EXPECT_THAT(pay().Check(w.people.other_exporter, ref), IsError("payment.not_found"));
  // The payment page is for the payer only.
  EXPECT_FALSE((*pay().GetIntent(w.people.exporter, ref))["payment_url"].is_null());
  EXPECT_TRUE((*pay().GetIntent(w.people.agent, ref))["payment_url"].is_null());
}

TEST_F(Intents, EveryInvalidFieldIsNamedWithItsCode) {
  const int64_t id = w.AwaitingPayment();
  auto bad = Create(w.people.exporter, id, "paypal", "12ab", "short");
  ASSERT_THAT(bad, IsError("payment.invalid"));
  std::set<std::pair<std::string, std::string>> fields;
  for (const auto& f : bad.error().fields) fields.insert({f.field, f.code});
  EXPECT_EQ(fields,
            (std::set<std::pair<std::string, std::string>>{{"provider", "payment.provider_unknown"},
                                                           {"payer_msisdn", "payment.msisdn_format"},
                                                           {"Idempotency-Key", "payment.idempotency_key_format"}}));
  // Not configured here; MoMo needs the payer's phone.
  EXPECT_EQ(Create(w.people.exporter, id, "orange").error().fields.at(0).code, "payment.provider_unavailable");
  EXPECT_EQ(Create(w.people.exporter, id, "momo").error().fields.at(1).code, "payment.msisdn_required");
  // Only an application awaiting payment, once at a time, and only what is due.
  const std::string ref = w.Pay(id);
  EXPECT_THAT(Create(w.people.exporter, id, "wave"), IsError("payment.in_progress"));
  EXPECT_THAT(Create(w.people.exporter, 99999, "wave"), IsError("application.not_found"));
  EXPECT_THAT(pay().Fees("ETLS", "2026-02-30"), IsError("date.format"));
  EXPECT_THAT(pay().Fees("XYZ", "2026-11-27"), IsError("fee.regime_not_in_force"));
  EXPECT_THAT(pay().Fees("ETLS", "2026-11-27"), IsOk());
  EXPECT_FALSE(ref.empty());
}

TEST_F(Intents, LedgerAndPaymentListsPageByKeysetAndTotalsCoverTheWholeLedger) {
  auto paid_outside = [&] {
    EXPECT_THAT(pay().RecordExternalPayment(w.AwaitingPayment(), "wave", "DEMO-T", testkit::kMeta), IsOk());
  };
  for (int k = 0; k < 5; ++k) paid_outside();
  auto walk = [&](auto&& fetch, const char* array, int limit, bool insert_after_first_page) {
    std::vector<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 20; ++page) {
      auto r = fetch(PageRequest{limit, cursor});
      EXPECT_THAT(r, IsOk());
      if (!r) break;
      const auto& items = r->at(array).as_array();
      EXPECT_LE(items.size(), static_cast<size_t>(limit));
      for (const auto& it : items)
        seen.push_back(std::string(array) == "items" ? std::string(it.at("reference").as_string())
                                                     : std::to_string(it.at("id").as_int64()));
      if (page == 0 && insert_after_first_page) paid_outside();
      if (r->at("next_cursor").is_null()) break;
      cursor = std::string(r->at("next_cursor").as_string());
    }
    return seen;
  };
  const Principal& admin = w.people.admin;
  const Principal& agent = w.people.agent;
  // Ledger: 5 entries in pages of 2, newest first, each once; a payment
  // booked between pages does not shift the pages still to come.
  auto ids = walk([&](const PageRequest& p) { return pay().Ledger(admin, p); }, "entries", 2, true);
  ASSERT_EQ(ids.size(), 5u);
  for (size_t k = 1; k < ids.size(); ++k) EXPECT_GT(std::stoll(ids[k - 1]), std::stoll(ids[k]));
  auto first = pay().Ledger(admin, {1, ""});
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ((*first)["entries"].as_array().size(), 1u);
  EXPECT_TRUE((*first)["balanced"].as_bool());
  // Balances cover every entry, not only the page.
  EXPECT_EQ((*first)["balances"].as_object().at("Revenue:CertificateFees").as_int64(),
            -6 * (*first)["entries"].as_array()[0].at("lines").as_array()[0].at("amount_xof").as_int64());
  EXPECT_EQ(walk([&](const PageRequest& p) { return pay().Ledger(admin, p); }, "entries", 1000, false).size(), 6u);

  // Staff payment list: the same, filtered by state.
  auto refs = walk([&](const PageRequest& p) { return pay().ListAll(agent, "succeeded", p); }, "items", 4, false);
  EXPECT_EQ(refs.size(), 6u);
  EXPECT_EQ(std::set<std::string>(refs.begin(), refs.end()).size(), 6u);
  EXPECT_EQ(walk([&](const PageRequest& p) { return pay().ListAll(agent, "failed", p); }, "items", 4, false).size(),
            0u);

  // Cursors: damaged or from another listing -> kBadRequest naming "cursor".
  const std::string ledger_cursor = std::string((*pay().Ledger(admin, {2, ""}))["next_cursor"].as_string());
  for (const std::string& bad : {ledger_cursor, std::string("not-a-cursor"), ledger_cursor + "A"}) {
    auto r = pay().ListAll(agent, "", {10, bad});
    ASSERT_THAT(r, IsErrorKind(ErrorKind::kBadRequest)) << bad;
    EXPECT_EQ(r.error().fields.at(0).field, "cursor");
  }
  EXPECT_THAT(pay().Ledger(admin, {10, "!!"}), IsErrorKind(ErrorKind::kBadRequest));
}

}  // namespace
}  // namespace origine::payments
