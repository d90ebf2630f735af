// Revocation, amendment and the online verification outcomes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "certificates/service_fixture.h"

namespace origine::certificates {
namespace {
namespace json = boost::json;
using testkit::IsError;
using testkit::IsOk;

using OutcomeTest = ServiceTest;

// Who may revoke (signatory, admin) is the API's authorization table
// (src/api/authz_table.cc, tested by src/api/authz_matrix_test.cc).
TEST_F(OutcomeTest, RevokeNeedsAReasonAndHappensOnce) {
  const std::string number = Issue();
  auto empty = apps_->RevokeCertificate(people_.signatory, number, "  \n", meta_);
  ASSERT_THAT(empty, IsError("reason.required"));
  EXPECT_EQ(empty.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(empty.error().fields.at(0).field, "reason");
  EXPECT_THAT(apps_->RevokeCertificate(people_.signatory, number, std::string(501, 'x'), meta_),
              IsError("reason.too_long"));
  EXPECT_THAT(apps_->RevokeCertificate(people_.signatory, "ML-ETLS-2026-999999", "x", meta_),
              IsError("certificate.not_found"));
  const int64_t leaves = Count("SELECT COUNT(*) FROM tlog_leaves");
  auto revoked = apps_->RevokeCertificate(people_.admin, number, "  Fausse déclaration d'origine ", meta_);
  ASSERT_THAT(revoked, IsOk());
  EXPECT_EQ((*revoked)["status"].as_string(), "revoked");
  EXPECT_EQ((*revoked)["revocation"].at("reason").as_string(), "Fausse déclaration d'origine");
  EXPECT_EQ((*revoked)["company"].at("name").as_string(), "Sahel Sésame SARL");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tlog_leaves"), leaves + 1);  // the revoke leaf
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM audit_events WHERE action = 'certificate.revoke' AND object_id = '" + number + "'"),
      1);
  auto again = apps_->RevokeCertificate(people_.signatory, number, "again", meta_);
  ASSERT_THAT(again, IsError("certificate.revoked"));
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  // The exporter sees the revocation on its certificate; the other company sees nothing.
  auto seen = certs_->Get(people_.exporter, number);
  ASSERT_THAT(seen, IsOk());
  EXPECT_EQ((*seen)["status"].as_string(), "revoked");
  EXPECT_THAT(certs_->Get(people_.other_exporter, number), IsError("certificate.not_found"));
  EXPECT_THAT(certs_->Pdf(people_.other_exporter, number), IsError("certificate.not_found"));
  // A revoked certificate cannot be amended.
  EXPECT_THAT(apps_->StartAmendment(people_.exporter, number, "amendment", meta_), IsError("certificate.revoked"));
}

TEST_F(OutcomeTest, AmendmentGoesThroughTheWorkflowAndReplacesThePredecessor) {
  const std::string number = Issue();
  // Not another company (404; the roles are the API's table), only known kinds.
  EXPECT_THAT(apps_->StartAmendment(people_.other_exporter, number, "amendment", meta_),
              IsError("certificate.not_found"));
  EXPECT_THAT(apps_->StartAmendment(people_.exporter, number, "copy", meta_), IsError("amendment.kind"));
  auto draft = apps_->StartAmendment(people_.exporter, number, "amendment", meta_);
  ASSERT_THAT(draft, IsOk());
  EXPECT_EQ((*draft)["status"].as_string(), "draft");
  EXPECT_EQ((*draft)["kind"].as_string(), "amendment");
  EXPECT_EQ((*draft)["predecessor"].as_string(), number);
  EXPECT_EQ((*draft)["goods"].as_array().size(), 1u);  // the predecessor's data
  // Only one amendment or duplicate at a time; the agent may start one too.
  auto second = apps_->StartAmendment(people_.agent, number, "duplicate", meta_);
  ASSERT_THAT(second, IsError("amendment.pending"));
  EXPECT_EQ(second.error().kind, ErrorKind::kConflict);

  const int64_t id = (*draft)["id"].as_int64();
  ASSERT_THAT(apps_->Submit(people_.exporter, id, meta_), IsOk());
  ASSERT_THAT(apps_->Approve(people_.agent, id, "", meta_), IsOk());
  // Still valid until the successor is signed.
  EXPECT_EQ(certs_->VerifyNumber(number).status, Outcome::kValid);
  auto signed_app = apps_->Sign(people_.signatory, id, meta_);
  ASSERT_THAT(signed_app, IsOk());
  const std::string successor(signed_app->at("certificate_number").as_string());
  EXPECT_NE(successor, number);

  Verification old = certs_->VerifyQr(*certs_->QrText(number));
  EXPECT_EQ(ToString(old.status), "amended") << old.reason;
  ASSERT_TRUE(old.successor);
  EXPECT_EQ(old.successor->number, successor);
  EXPECT_EQ(old.successor->kind, "amendment");
  EXPECT_TRUE(old.claims);
  EXPECT_EQ(certs_->VerifyNumber(successor).status, Outcome::kValid);
  auto cert = certs_->Get(people_.exporter, number);
  EXPECT_EQ((*cert)["status"].as_string(), "replaced");
  EXPECT_EQ((*cert)["successor"].at("number").as_string(), successor);
  auto next = certs_->Get(people_.exporter, successor);
  EXPECT_EQ((*next)["kind"].as_string(), "amendment");
  EXPECT_EQ((*next)["predecessor"].as_string(), number);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'certificate.replace'"), 1);
  // Replaced: no second amendment.
  EXPECT_THAT(apps_->StartAmendment(people_.exporter, number, "duplicate", meta_), IsError("certificate.replaced"));
}

TEST_F(OutcomeTest, CertificatesListNewestFirstAndPage) {
  std::vector<std::string> numbers;
  for (int i = 0; i < 3; ++i) {
    numbers.push_back(Issue());
    clock_.Advance(5);
  }
  std::vector<std::string> seen;
  PageRequest page{2, ""};
  for (int pages = 0; pages < 5; ++pages) {
    auto list = certs_->List(people_.exporter, page);
    ASSERT_THAT(list, IsOk());
    for (const auto& item : list->at("items").as_array()) {
      seen.push_back(std::string(item.at("number").as_string()));
      EXPECT_EQ(item.at("company").at("name").as_string(), "Sahel Sésame SARL");
      EXPECT_EQ(item.at("destination_country").as_string(), "SN");
      EXPECT_EQ(item.at("status").as_string(), "issued");
    }
    if (list->at("next_cursor").is_null()) break;
    page.cursor = std::string(list->at("next_cursor").as_string());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{numbers[2], numbers[1], numbers[0]}));
  EXPECT_TRUE(certs_->List(people_.other_exporter, {})->at("items").as_array().empty());
  EXPECT_EQ(*certs_->AllNumbers(), numbers);
}

TEST_F(OutcomeTest, DocumentMismatchRecomputesTheStoredDocumentsHash) {
  const std::string number = Issue();
  Exec("UPDATE certificates SET document = replace(document, 'Sésame', 'Or') WHERE number = ?", {number});
  Verification v = certs_->VerifyNumber(number);
  EXPECT_EQ(ToString(v.status), "document_mismatch") << v.reason;
  EXPECT_TRUE(v.document_checked);
  EXPECT_FALSE(v.document_hash_matches);
  // The stored hash column is not what is trusted: changing it too changes nothing.
  Exec("UPDATE certificates SET document_sha256 = 'x' WHERE number = ?", {number});
  EXPECT_EQ(certs_->VerifyNumber(number).status, Outcome::kDocumentMismatch);
}

TEST_F(OutcomeTest, SignerRevokedThroughTheTrustList) {
  const std::string number = Issue();
  std::vector<trust::TrustEntry> list = certs_->trust_list();
  ASSERT_EQ(list.size(), 1u);
  list[0].revocation = trust::SignerRevocation{clock_.NowUnix(), "key compromise"};
  certs_->SetTrustList(list, "tl-2");
  EXPECT_EQ(certs_->trust_store()->version(), "tl-2");
  Verification v = certs_->VerifyNumber(number);
  EXPECT_EQ(v.status, Outcome::kRevoked);
  ASSERT_TRUE(v.revocation);
  EXPECT_EQ(v.revocation->scope, "signer");
  EXPECT_EQ(v.revocation->reason, "key compromise");
  // A certificate revocation, when both apply, is the one reported.
  ASSERT_THAT(apps_->RevokeCertificate(people_.signatory, number, "annulé", meta_), IsOk());
  v = certs_->VerifyNumber(number);
  EXPECT_EQ(v.revocation->scope, "certificate");
}

TEST_F(OutcomeTest, SignerRemovedByTheKeyManagerRevokesWhatItSigned) {
  const std::string number = Issue();
  auto keys = keys_->List();
  ASSERT_TRUE(keys);
  const pki::KeyInfo signer = keys->back();
  ASSERT_EQ(signer.status, "active");
  clock_.Advance(60);
  ASSERT_TRUE(keys_->RevokeSigner(meta_, signer.kid, "key compromise"));
  // The service follows the new trust-list version by itself.
  Verification v = certs_->VerifyNumber(number);
  EXPECT_EQ(v.status, Outcome::kRevoked) << v.reason;
  ASSERT_TRUE(v.revocation);
  EXPECT_EQ(v.revocation->scope, "signer");
  EXPECT_EQ(v.revocation->reason, "key compromise");
  EXPECT_EQ(v.revocation->at, clock_.NowUnix());
  // No active signer: signing is refused until a rotation, then uses the new one.
  int64_t id = NewSubmitted();
  ASSERT_THAT(apps_->Approve(people_.agent, id, "", meta_), IsOk());
  EXPECT_THAT(apps_->Sign(people_.signatory, id, meta_), testkit::IsErrorKind(ErrorKind::kUnavailable));
  auto rotated = keys_->RotateSigner(meta_, 730, {"ETLS"});
  ASSERT_TRUE(rotated) << rotated.error().message;
  auto signed_now = apps_->Sign(people_.signatory, id, meta_);
  ASSERT_THAT(signed_now, IsOk());
  const std::string second = std::string((*signed_now)["certificate_number"].as_string());
  EXPECT_EQ(certs_->VerifyNumber(second).status, Outcome::kValid);
  // A signer that may not sign the regime, or that expires before the certificate: refused.
  ASSERT_TRUE(keys_->RotateSigner(meta_, 365, {"UEMOA"}));
  int64_t id2 = NewSubmitted();
  ASSERT_THAT(apps_->Approve(people_.agent, id2, "", meta_), IsOk());
  EXPECT_THAT(apps_->Sign(people_.signatory, id2, meta_), IsError("certificate.signer_regime"));
  ASSERT_TRUE(keys_->RotateSigner(meta_, 1, {"ETLS"}));
  EXPECT_THAT(apps_->Sign(people_.signatory, id2, meta_), IsError("certificate.signer_expires"));
}

// Every outcome through the JSON contract, from one table.
TEST(VerificationJson, JsonContractPerOutcome) {
  struct Case {
    Outcome outcome;
    const char* status;
  };
  for (const Case& c : std::vector<Case>{{Outcome::kValid, "valid"},
                                         {Outcome::kRevoked, "revoked"},
                                         {Outcome::kAmended, "amended"},
                                         {Outcome::kExpired, "expired"},
                                         {Outcome::kNotYetValid, "not_yet_valid"},
                                         {Outcome::kUnknownSigner, "unknown_signer"},
                                         {Outcome::kBadSignature, "bad_signature"},
                                         {Outcome::kMalformed, "malformed"},
                                         {Outcome::kNotFound, "not_found"},
                                         {Outcome::kDocumentMismatch, "document_mismatch"}}) {
    SCOPED_TRACE(c.status);
    Verification v;
    v.status = c.outcome;
    if (c.outcome == Outcome::kRevoked) v.revocation = Revocation{1795757970, "fraude", "certificate"};
    if (c.outcome == Outcome::kAmended) v.successor = Successor{"ML-ETLS-2026-000002", "amendment"};
    json::object o = VerificationToJson(v);
    EXPECT_EQ(o["status"].as_string(), c.status);
    EXPECT_EQ(o["valid"].as_bool(), c.outcome == Outcome::kValid);
    EXPECT_FALSE(o["message_fr"].as_string().empty());
    EXPECT_FALSE(o["message_en"].as_string().empty());
    EXPECT_EQ(o.contains("revocation"), c.outcome == Outcome::kRevoked);
    EXPECT_EQ(o.contains("successor"), c.outcome == Outcome::kAmended);
    EXPECT_FALSE(o["document"].at("checked").as_bool());
  }
  Verification r;
  r.status = Outcome::kRevoked;
  r.revocation = Revocation{1795757970, "fraude", "signer"};
  json::object o = VerificationToJson(r);
  EXPECT_EQ(o["revocation"].at("at").as_string(), "2026-11-27T05:39:30Z");
  EXPECT_EQ(o["revocation"].at("scope").as_string(), "signer");
}

}  // namespace
}  // namespace origine::certificates
