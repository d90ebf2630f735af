// The application workflow through ApplicationService: the journey to a
// verifiable certificate, who sees and does what, drafts, review, payment,
// numbering, listings.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "audit/audit.h"
#include "certificates/application_store.h"
#include "certificates/service_fixture.h"

namespace origine::certificates {
namespace {
namespace json = boost::json;
using testkit::IsError;
using testkit::IsOk;

using WorkflowTest = ServiceTest;

TEST_F(WorkflowTest, FullJourneyIssuesAVerifiableCertificate) {
  int64_t id = NewSubmitted();
  ASSERT_THAT(apps_->Approve(people_.agent, id, "ok", meta_), IsOk());
  auto issued = apps_->Sign(people_.signatory, id, meta_);
  ASSERT_THAT(issued, IsOk());
  EXPECT_EQ((*issued)["status"].as_string(), "issued");
  EXPECT_EQ((*issued)["certificate_number"].as_string(), "ML-ETLS-2026-000001");
  EXPECT_EQ((*issued)["company"].at("name").as_string(), "Sahel Sésame SARL");
  // The history names each actor and role (identity's directory, no JOIN).
  const json::array& history = (*issued)["history"].as_array();
  ASSERT_EQ(history.size(), 4u);
  std::vector<std::string> steps;
  for (const auto& h : history)
    steps.push_back(std::string(h.at("action").as_string()) + " " + std::string(h.at("actor").as_string()) + " " +
                    std::string(h.at("role").as_string()));
  EXPECT_EQ(steps, (std::vector<std::string>{"create e1@t.ml exporter", "submit e1@t.ml exporter",
                                             "approve a@t.ml agent", "sign s@t.ml signatory"}));
  EXPECT_EQ(history[2].at("comment").as_string(), "ok");

  auto cert = certs_->Get(people_.exporter, "ML-ETLS-2026-000001");
  ASSERT_THAT(cert, IsOk());
  EXPECT_EQ((*cert)["company"].at("name").as_string(), "Sahel Sésame SARL");
  std::string qr(cert->at("qr").as_string());
  EXPECT_EQ(qr.rfind("CO1:", 0), 0u);
  Verification v = certs_->VerifyQr(qr);
  EXPECT_EQ(v.status, Outcome::kValid) << v.reason;
  EXPECT_TRUE(v.document_checked);
  EXPECT_TRUE(v.document_hash_matches);
  ASSERT_TRUE(v.claims);
  EXPECT_EQ(v.claims->number, "ML-ETLS-2026-000001");
  EXPECT_EQ(v.claims->goods.at(0).hs_code, "120740");
  EXPECT_EQ(v.claims->exporter_nif, "084151646T");
  EXPECT_EQ(certs_->VerifyNumber("ML-ETLS-2026-000001").status, Outcome::kValid);
  EXPECT_EQ(certs_->VerifyNumber("ML-ETLS-2026-999999").status, Outcome::kNotFound);

  auto pdf = certs_->Pdf(people_.exporter, "ML-ETLS-2026-000001");
  ASSERT_THAT(pdf, IsOk());
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  // Every transition is audited.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE object_type = 'application'"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'certificate.issue'"), 1);

  // The certificate is in the transparency log, at the index its QR claims carry.
  ASSERT_TRUE(v.claims->log_index);
  EXPECT_EQ(Count("SELECT log_index FROM certificates WHERE number = 'ML-ETLS-2026-000001'"), *v.claims->log_index);
  auto tx = std::move(*db_->Begin(false));
  auto leaves = *log_.FindByCertificate(*tx, "ML-ETLS-2026-000001");
  ASSERT_EQ(leaves.size(), 1u);
  EXPECT_EQ(static_cast<int64_t>(leaves[0]), *v.claims->log_index);
  auto rec = *tlog::DecodeLeafRecord(log_.Entry(*tx, leaves[0])->data);
  EXPECT_EQ(rec.event, tlog::Event::kIssue);
  ASSERT_TRUE(log_.Check(*tx));
  auto chain = audit::VerifyChain(*tx);
  ASSERT_TRUE(chain);
  EXPECT_TRUE(chain->intact) << chain->problem;
}

TEST_F(WorkflowTest, OtherCompanySeesNothing) {
  int64_t id = NewSubmitted();
  EXPECT_THAT(apps_->Get(people_.other_exporter, id), IsError("application.not_found"));
  EXPECT_THAT(apps_->Update(people_.other_exporter, id, CompleteInput(), meta_), IsError("application.not_found"));
  EXPECT_THAT(apps_->Get(people_.exporter, 9999), IsError("application.not_found"));
  EXPECT_TRUE(apps_->List(people_.other_exporter, std::nullopt, {})->at("items").as_array().empty());
  EXPECT_EQ(apps_->List(people_.agent, std::string("submitted"), {})->at("items").as_array().size(), 1u);
}

TEST_F(WorkflowTest, RolesAndFourEyesAreEnforced) {
  int64_t id = NewSubmitted();
  EXPECT_THAT(apps_->Approve(people_.exporter, id, "", meta_), IsError("application.forbidden"));
  EXPECT_THAT(apps_->Approve(people_.admin, id, "", meta_), IsError("application.forbidden"));
  EXPECT_THAT(apps_->Sign(people_.agent, id, meta_), IsError("application.forbidden"));
  EXPECT_THAT(apps_->Create(people_.agent, CompleteInput(), meta_), IsError("application.forbidden"));
  EXPECT_THAT(apps_->Evaluate(people_.agent, CompleteInput()), IsError("application.forbidden"));
  // A wrong role learns nothing, not even whether the application exists.
  EXPECT_THAT(apps_->Sign(people_.agent, 9999, meta_), IsError("application.forbidden"));
  EXPECT_THAT(apps_->Sign(people_.signatory, id, meta_), IsError("application.state"));  // not approved yet
  // A signatory who approved (impossible by role, so simulate through the data) cannot sign.
  ASSERT_THAT(apps_->Approve(people_.agent, id, "", meta_), IsOk());
  Exec("UPDATE applications SET approved_by = ? WHERE id = ?", {people_.signatory.user_id, id});
  EXPECT_THAT(apps_->Sign(people_.signatory, id, meta_), IsError("application.four_eyes"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM certificates"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM certificate_sequences"), 0);  // rolled back, no gap
}

TEST_F(WorkflowTest, ReturnNeedsACommentAndAllowsResubmission) {
  int64_t id = NewSubmitted();
  auto blank = apps_->Return(people_.agent, id, "  ", meta_);
  ASSERT_THAT(blank, IsError("comment.required"));
  EXPECT_EQ(blank.error().fields.at(0).code, "comment.required");
  EXPECT_THAT(apps_->Approve(people_.agent, id, std::string(2001, 'x'), meta_), IsError("comment.too_long"));
  auto returned = apps_->Return(people_.agent, id, "Facture illisible", meta_);
  ASSERT_THAT(returned, IsOk());
  EXPECT_EQ((*returned)["status"].as_string(), "returned");
  EXPECT_EQ((*returned)["review_comment"].as_string(), "Facture illisible");
  ASSERT_THAT(apps_->Update(people_.exporter, id, CompleteInput(), meta_), IsOk());
  auto again = apps_->Submit(people_.exporter, id, meta_);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ((*again)["status"].as_string(), "submitted");
  EXPECT_TRUE((*again)["review_comment"].is_null());
  auto frozen = apps_->Update(people_.exporter, id, CompleteInput(), meta_);
  ASSERT_THAT(frozen, IsError("application.state"));
  EXPECT_EQ(frozen.error().kind, ErrorKind::kConflict);
  EXPECT_THAT(apps_->Submit(people_.exporter, id, meta_), IsError("application.state"));
}

TEST_F(WorkflowTest, IncompleteDraftCannotBeSubmitted) {
  auto app = apps_->Create(people_.exporter, json::parse(R"({"regime": "NP"})"), meta_);
  ASSERT_THAT(app, IsOk());
  auto r = apps_->Submit(people_.exporter, (*app)["id"].as_int64(), meta_);
  ASSERT_THAT(r, IsError("application.incomplete"));
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  std::map<std::string, std::string> fields;
  for (const auto& f : r.error().fields) fields[f.field] = f.code;
  EXPECT_EQ(fields["consignee/name"], "field.required");
  EXPECT_EQ(fields["goods"], "goods.required");
}

TEST_F(WorkflowTest, InvalidInputIsRefusedWithCodesPerField) {
  json::object in = CompleteInput().as_object();
  in["goods"].as_array()[0].as_object()["hs_code"] = "1207";
  auto r = apps_->Create(people_.exporter, in, meta_);
  ASSERT_THAT(r, IsError("application.invalid"));
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "goods/0/hs_code");
  EXPECT_EQ(r.error().fields[0].code, "hs_code.format");
  EXPECT_EQ(r.error().fields[0].params, (ErrorParams{{"min", "6"}, {"max", "10"}}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications"), 0);
}

TEST_F(WorkflowTest, NotOriginatingLinesAreRefusedAtSubmission) {
  // Gold bars from Peru under ETLS: not originating (ETLS needs wholly obtained or transformed in the region).
  json::object in = CompleteInput().as_object();
  json::object& line = in["goods"].as_array()[0].as_object();
  line["hs_code"] = "710812";
  line["origin_facts"] = json::parse(
      R"({"product_kind": "industrial", "ex_works_xof": 1000, "materials": [{"hs_code": "710812", "cif_xof": 990, "origin_country": "PE"}]})");
  auto app = apps_->Create(people_.exporter, in, meta_);
  ASSERT_THAT(app, IsOk());
  auto evaluated = apps_->Evaluate(people_.exporter, in);
  ASSERT_THAT(evaluated, IsOk());
  EXPECT_FALSE((*evaluated)["submittable"].as_bool());
  EXPECT_EQ((*evaluated)["refusals"].as_array()[0].at("code").as_string(), "goods.not_originating");
  auto r = apps_->Submit(people_.exporter, (*app)["id"].as_int64(), meta_);
  ASSERT_THAT(r, IsError("application.origin_refused"));
  EXPECT_EQ(r.error().fields.at(0).field, "goods/0");
  EXPECT_EQ(r.error().fields.at(0).code, "goods.not_originating");
  EXPECT_NE(r.error().fields.at(0).message.find("not originating under ETLS"), std::string::npos);
}

TEST_F(WorkflowTest, NumbersAreGaplessPerRegimeAndYear) {
  std::vector<std::string> numbers;
  numbers.reserve(3);
  for (int i = 0; i < 3; ++i) numbers.push_back(Issue());
  EXPECT_EQ(numbers, (std::vector<std::string>{"ML-ETLS-2026-000001", "ML-ETLS-2026-000002", "ML-ETLS-2026-000003"}));
  clock_.Advance(int64_t{40} * 86400);  // into 2027
  EXPECT_EQ(Issue(), "ML-ETLS-2027-000001");
}

TEST_F(WorkflowTest, ExpiredCertificateVerifiesAsExpired) {
  const std::string number = Issue();
  clock_.Advance(int64_t{181} * 86400);
  EXPECT_EQ(certs_->VerifyNumber(number).status, Outcome::kExpired);
}

// A fee owed: submit waits for the payment, which moves it on once.
class OwingGate : public PaymentGate {
 public:
  Result<int64_t> AmountDue(storage::Tx&, int64_t, const std::string&, int64_t) override { return due; }
  Result<json::object> View(storage::Tx&, int64_t, const std::string& status) override {
    return json::object{{"status", status == "awaiting_payment" ? "due" : "paid"}};
  }
  int64_t due = 1500;
};

TEST_F(WorkflowTest, APaymentMovesAnAwaitingApplicationOnOnce) {
  OwingGate gate;
  apps_->SetPaymentGate(&gate);
  auto app = apps_->Create(people_.exporter, CompleteInput(), meta_);
  ASSERT_THAT(app, IsOk());
  const int64_t id = (*app)["id"].as_int64();
  auto submitted = apps_->Submit(people_.exporter, id, meta_);
  ASSERT_THAT(submitted, IsOk());
  EXPECT_EQ((*submitted)["status"].as_string(), "awaiting_payment");
  EXPECT_EQ((*submitted)["payment"].at("status").as_string(), "due");
  // No review before the payment.
  EXPECT_THAT(apps_->Approve(people_.agent, id, "", meta_), IsError("application.state"));
  {
    auto tx = std::move(*db_->Begin());
    ASSERT_THAT(MarkPaid(*tx, id, people_.exporter.user_id, "PAY-1", clock_.NowUnix()), IsOk());
    // Paid twice (another intent won): a conflict, which the payments module turns into a refund case.
    EXPECT_THAT(MarkPaid(*tx, id, people_.exporter.user_id, "PAY-2", clock_.NowUnix()), IsError("application.state"));
    EXPECT_THAT(MarkPaid(*tx, 9999, people_.exporter.user_id, "PAY-3", clock_.NowUnix()),
                IsError("application.not_found"));
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  auto paid = apps_->Get(people_.exporter, id);
  ASSERT_THAT(paid, IsOk());
  EXPECT_EQ((*paid)["status"].as_string(), "submitted");
  EXPECT_EQ((*paid)["history"].as_array().back().at("action").as_string(), "payment");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'application.payment'"), 1);
  ASSERT_THAT(apps_->Approve(people_.agent, id, "", meta_), IsOk());
}

// Every status change is a compare-and-set on the status it was read in.
TEST_F(WorkflowTest, StatusChangesAreCompareAndSet) {
  int64_t id = NewSubmitted();
  auto tx = std::move(*db_->Begin());
  auto wrong = application_store::Review(*tx, id, ApplicationStatus::kDraft, ApplicationStatus::kSubmitted,
                                         std::nullopt, std::nullopt, clock_.NowUnix());
  ASSERT_THAT(wrong, IsOk());
  EXPECT_FALSE(*wrong);
  EXPECT_FALSE(*application_store::Move(*tx, id, ApplicationStatus::kAwaitingPayment, ApplicationStatus::kSubmitted,
                                        clock_.NowUnix()));
  EXPECT_FALSE(*application_store::MarkIssued(*tx, id, "ML-ETLS-2026-000009", clock_.NowUnix()));
  EXPECT_FALSE(*application_store::UpdateData(*tx, id, ApplicationStatus::kDraft, "NP", "{}", clock_.NowUnix()));
  auto right = application_store::Review(*tx, id, ApplicationStatus::kSubmitted, ApplicationStatus::kApproved, "",
                                         people_.agent.user_id, clock_.NowUnix());
  ASSERT_THAT(right, IsOk());
  EXPECT_TRUE(*right);
  auto app = *application_store::Find(*tx, id);
  ASSERT_TRUE(app);
  EXPECT_EQ(app->status, ApplicationStatus::kApproved);
  EXPECT_EQ(app->approved_by, people_.agent.user_id);
}

TEST_F(WorkflowTest, ListingPagesNewestFirstWithCompanyNames) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(NewSubmitted());
    clock_.Advance(10);
  }
  auto draft = apps_->Create(people_.exporter, json::parse(R"({"regime": "NP"})"), meta_);
  ASSERT_THAT(draft, IsOk());
  std::vector<int64_t> seen;
  PageRequest page{2, ""};
  for (int pages = 0; pages < 10; ++pages) {
    auto list = apps_->List(people_.agent, std::string("submitted"), page);
    ASSERT_THAT(list, IsOk());
    for (const auto& item : list->at("items").as_array()) {
      seen.push_back(item.at("id").as_int64());
      EXPECT_EQ(item.at("company").at("name").as_string(), "Sahel Sésame SARL");
      EXPECT_EQ(item.at("total_value_xof").as_int64(), 12000000);
      EXPECT_EQ(item.at("consignee_name").as_string(), "Dakar Import");
    }
    if (list->at("next_cursor").is_null()) break;
    page.cursor = std::string(list->at("next_cursor").as_string());
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{ids[4], ids[3], ids[2], ids[1], ids[0]}));
  // Every status: the draft too, on top.
  auto all = apps_->List(people_.exporter, std::nullopt, {});
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(all->at("items").as_array().size(), 6u);
  EXPECT_EQ(all->at("items").as_array()[0].at("status").as_string(), "draft");
  EXPECT_THAT(apps_->List(people_.agent, std::string("paid"), {}), IsError("application.status_unknown"));
  EXPECT_THAT(apps_->List(people_.agent, std::nullopt, {10, "garbage"}), testkit::IsErrorKind(ErrorKind::kBadRequest));
}

}  // namespace
}  // namespace origine::certificates
