#include "pki/key_manager.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/encoding.h"
#include "testkit/testkit.h"
#include "trust/cose.h"

namespace origine::pki {
namespace {

constexpr int64_t kNow = 1795757970;  // 2026-11-27
constexpr int64_t kDay = 86400;

using testkit::IsError;
using testkit::IsOk;

class KeyManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testkit::OpenDb(dir_.path());
    ASSERT_NE(db_, nullptr);
    auto store = trust::FileKeyStore::Open(dir_.File("keys"), "test passphrase 0123456789", 10);
    ASSERT_THAT(store, IsOk());
    store_ = std::move(*store);
    keys_ = std::make_unique<KeyManager>(*db_, clock_, *store_, log_, KeyOptions{"ML", 3650, 365});
  }

  int64_t Count(const std::string& sql) { return testkit::Count(*db_, sql); }
  Result<ActiveSigner> Active() {
    auto tx = db_->Begin();
    return keys_->Active(**tx, clock_.NowUnix());
  }

  testkit::TempDir dir_;
  FakeClock clock_{kNow};
  const RequestMeta& meta_ = testkit::kMeta;
  std::unique_ptr<storage::Db> db_;
  std::unique_ptr<trust::FileKeyStore> store_;
  tlog::Log log_{"test.local/log"};
  std::unique_ptr<KeyManager> keys_;
};

TEST_F(KeyManagerTest, InitialKeysRotationAndVersions) {
  EXPECT_THAT(Active(), IsError("key.no_signer"));  // nothing yet
  auto created = keys_->EnsureInitialKeys(meta_, {"ETLS", "UEMOA"});
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_TRUE(*created);
  EXPECT_FALSE(*keys_->EnsureInitialKeys(meta_, {"ETLS"}));  // only once
  EXPECT_THAT(keys_->CreateRoot(meta_, 10), IsError("key.root_exists"));

  auto first = Active();
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->types, (std::vector<std::string>{"ETLS", "UEMOA"}));
  EXPECT_EQ(first->not_after, kNow + 365 * kDay);
  auto root = keys_->RootCertificate();
  ASSERT_TRUE(root);
  EXPECT_TRUE(trust::VerifyIssuedBy(first->certificate_der, *root));

  DbTrustListSource source(*db_);
  auto v2 = source.Current();
  EXPECT_EQ(v2->version, 2);  // root (empty list), then the signer
  ASSERT_EQ(v2->entries.size(), 1u);
  EXPECT_EQ(v2->entries[0].kid, first->kid);
  EXPECT_EQ(source.Current().get(), v2.get());  // parsed once per version

  clock_.Advance(kDay);
  auto rotated = keys_->RotateSigner(meta_, 30, {"ETLS"});
  ASSERT_TRUE(rotated) << rotated.error().message;
  EXPECT_EQ(rotated->status, "active");
  EXPECT_EQ(rotated->not_after, kNow + 31 * kDay);
  auto second = Active();
  ASSERT_TRUE(second);
  EXPECT_NE(second->kid, first->kid);
  EXPECT_EQ(encoding::Base64(second->kid), rotated->kid);

  // The new list has both; the old signer is retired but still listed.
  auto v3 = source.Current();
  EXPECT_EQ(v3->version, 3);
  EXPECT_EQ(v3->entries.size(), 2u);
  auto list = keys_->List();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].role, "root");
  EXPECT_EQ((*list)[1].status, "retired");
  EXPECT_EQ((*list)[2].status, "active");

  // Versions are numbered, kept and logged; each verifies against the root.
  auto versions = keys_->Versions();
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 3u);
  for (size_t i = 0; i < versions->size(); ++i) {
    EXPECT_EQ((*versions)[i].version, 3 - static_cast<int64_t>(i));  // newest first
    auto doc = keys_->TrustListDocument((*versions)[i].version);
    ASSERT_TRUE(doc);
    auto verified = trust::VerifySignedTrustList(*doc, *root);
    ASSERT_TRUE(verified) << verified.error().message;
    EXPECT_EQ(verified->document.version, (*versions)[i].version);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tlog_leaves WHERE event = 'trust-list'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'trust_list.publish'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'key.create'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'key.rotate'"), 1);
  EXPECT_THAT(keys_->TrustListDocument(99), IsError("trust_list.not_found"));
  EXPECT_EQ(*keys_->TrustListDocument(std::nullopt), *keys_->TrustListDocument(3));

  // Bad input.
  EXPECT_THAT(keys_->RotateSigner(meta_, 30, {}), IsError("key.types"));
  EXPECT_THAT(keys_->RotateSigner(meta_, 0, {"ETLS"}), IsError("key.validity"));
  EXPECT_THAT(keys_->RotateSigner(meta_, 30, {std::string(33, 'X')}), IsError("key.types"));
  EXPECT_THAT(keys_->CreateRoot(meta_, 0), IsError("key.validity"));
}

TEST_F(KeyManagerTest, RevokeSigner) {
  ASSERT_TRUE(keys_->EnsureInitialKeys(meta_, {"ETLS"}));
  auto active = Active();
  ASSERT_TRUE(active);
  const std::string kid = encoding::Base64(active->kid);
  auto label = keys_->List()->at(1).label;
  ASSERT_TRUE(std::filesystem::exists(store_->PathOf(label)));

  EXPECT_THAT(keys_->RevokeSigner(meta_, kid, ""), IsError("key.reason"));
  EXPECT_THAT(keys_->RevokeSigner(meta_, kid, std::string(201, 'x')), IsError("key.reason"));
  EXPECT_THAT(keys_->RevokeSigner(meta_, kid, "a\nb"), IsError("key.reason"));
  EXPECT_THAT(keys_->RevokeSigner(meta_, "AAAAAAAAAAA=", "x"), IsError("key.not_found"));
  auto root_kid = keys_->List()->at(0).kid;
  EXPECT_THAT(keys_->RevokeSigner(meta_, root_kid, "x"), IsError("key.not_found"));  // not a signer

  clock_.Advance(3600);
  auto revoked = keys_->RevokeSigner(meta_, kid, "key compromise");
  ASSERT_TRUE(revoked) << revoked.error().message;
  EXPECT_EQ(revoked->status, "revoked");
  ASSERT_TRUE(revoked->revocation);
  EXPECT_EQ(revoked->revocation->revoked_at, kNow + 3600);
  EXPECT_FALSE(std::filesystem::exists(store_->PathOf(label)));  // the private key is gone
  EXPECT_THAT(keys_->RevokeSigner(meta_, kid, "again"), IsError("key.revoked"));

  // No active signer any more: signing must fail until a rotation.
  auto none = Active();
  ASSERT_THAT(none, IsError("key.no_signer"));
  EXPECT_EQ(none.error().kind, ErrorKind::kUnavailable);
  EXPECT_NE(none.error().message.find("origine keys rotate"), std::string::npos);

  // The published list still carries it, with the revocation.
  DbTrustListSource source(*db_);
  auto snap = source.Current();
  ASSERT_EQ(snap->entries.size(), 1u);
  ASSERT_TRUE(snap->entries[0].revocation);
  EXPECT_EQ(snap->entries[0].revocation->reason, "key compromise");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'key.revoke'"), 1);
  ASSERT_TRUE(keys_->RotateSigner(meta_, 30, {"ETLS"}));
  EXPECT_TRUE(Active());
  EXPECT_EQ(source.Current()->version, 4);
}

TEST_F(KeyManagerTest, ExpiredSignerAndRoot) {
  ASSERT_TRUE(keys_->EnsureInitialKeys(meta_, {"ETLS"}));
  clock_.Advance(366 * kDay);
  auto expired = Active();
  ASSERT_THAT(expired, IsError("key.signer_expired"));
  EXPECT_NE(expired.error().message.find("expired"), std::string::npos);
  EXPECT_EQ(keys_->List()->at(1).status, "expired");
  clock_.Advance(3650 * kDay);
  EXPECT_THAT(keys_->RotateSigner(meta_, 30, {"ETLS"}), IsError("key.root_expired"));
}

TEST_F(KeyManagerTest, NoRootMeansNoSigner) {
  EXPECT_THAT(keys_->RotateSigner(meta_, 30, {"ETLS"}), IsError("key.no_root"));
  EXPECT_THAT(keys_->RootCertificate(), IsError("key.no_root"));
  EXPECT_THAT(keys_->TrustListDocument(std::nullopt), IsError("trust_list.not_found"));
  DbTrustListSource source(*db_);
  EXPECT_EQ(source.Current()->version, 0);
  EXPECT_TRUE(source.Current()->entries.empty());
}

}  // namespace
}  // namespace origine::pki
