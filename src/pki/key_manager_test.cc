#include "pki/key_manager.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "app/schema.h"
#include "audit/audit.h"
#include "core/encoding.h"
#include "storage/sqlite_db.h"
#include "trust/cose.h"

namespace origine::pki {
namespace {

constexpr int64_t kNow = 1795757970;  // 2026-11-27
constexpr int64_t kDay = 86400;

std::vector<storage::Migration> TestMigrations() {
  std::vector<storage::Migration> all = app::AllMigrations();
  return all;
}

class KeyManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("origine-pki-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(*storage::OpenSqlite((dir_ / "t.db").string()));
    ASSERT_TRUE(db_->Migrate(TestMigrations()));
    store_ = std::move(*trust::FileKeyStore::Open((dir_ / "keys").string(), "test passphrase 0123456789", 10));
    keys_ = std::make_unique<KeyManager>(*db_, clock_, *store_, log_, KeyOptions{"ML", 3650, 365});
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  int64_t Count(const std::string& sql, storage::Params params = {}) {
    auto tx = db_->Begin(false);
    return (*(*tx)->Query(sql, params))[0].Int(0);
  }
  Result<ActiveSigner> Active() {
    auto tx = db_->Begin();
    return keys_->Active(**tx, clock_.NowUnix());
  }

  std::filesystem::path dir_;
  FakeClock clock_{kNow};
  RequestMeta meta_{"req", "", "test"};
  std::unique_ptr<storage::Db> db_;
  std::unique_ptr<trust::FileKeyStore> store_;
  tlog::Log log_{"test.local/log"};
  std::unique_ptr<KeyManager> keys_;
};

TEST_F(KeyManagerTest, InitialKeysRotationAndVersions) {
  EXPECT_EQ(Active().error().kind, ErrorKind::kUnavailable);  // nothing yet
  auto created = keys_->EnsureInitialKeys(meta_, {"ETLS", "UEMOA"});
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_TRUE(*created);
  EXPECT_FALSE(*keys_->EnsureInitialKeys(meta_, {"ETLS"}));  // only once
  EXPECT_EQ(keys_->CreateRoot(meta_, 10).error().kind, ErrorKind::kConflict);

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
  EXPECT_EQ(keys_->TrustListDocument(99).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(*keys_->TrustListDocument(std::nullopt), *keys_->TrustListDocument(3));

  // Bad input.
  EXPECT_EQ(keys_->RotateSigner(meta_, 30, {}).error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(keys_->RotateSigner(meta_, 0, {"ETLS"}).error().kind, ErrorKind::kInvalidArgument);
}

TEST_F(KeyManagerTest, RevokeSigner) {
  ASSERT_TRUE(keys_->EnsureInitialKeys(meta_, {"ETLS"}));
  auto active = Active();
  ASSERT_TRUE(active);
  const std::string kid = encoding::Base64(active->kid);
  auto label = keys_->List()->at(1).label;
  ASSERT_TRUE(std::filesystem::exists(store_->PathOf(label)));

  EXPECT_EQ(keys_->RevokeSigner(meta_, kid, "").error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(keys_->RevokeSigner(meta_, kid, std::string(201, 'x')).error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(keys_->RevokeSigner(meta_, kid, "a\nb").error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(keys_->RevokeSigner(meta_, "AAAAAAAAAAA=", "x").error().kind, ErrorKind::kNotFound);
  auto root_kid = keys_->List()->at(0).kid;
  EXPECT_EQ(keys_->RevokeSigner(meta_, root_kid, "x").error().kind, ErrorKind::kNotFound);  // not a signer

  clock_.Advance(3600);
  auto revoked = keys_->RevokeSigner(meta_, kid, "key compromise");
  ASSERT_TRUE(revoked) << revoked.error().message;
  EXPECT_EQ(revoked->status, "revoked");
  ASSERT_TRUE(revoked->revocation);
  EXPECT_EQ(revoked->revocation->revoked_at, kNow + 3600);
  EXPECT_FALSE(std::filesystem::exists(store_->PathOf(label)));  // the private key is gone
  EXPECT_EQ(keys_->RevokeSigner(meta_, kid, "again").error().kind, ErrorKind::kConflict);

  // No active signer any more: signing must fail until a rotation.
  auto none = Active();
  ASSERT_FALSE(none);
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
  ASSERT_FALSE(expired);
  EXPECT_NE(expired.error().message.find("expired"), std::string::npos);
  EXPECT_EQ(keys_->List()->at(1).status, "expired");
  clock_.Advance(3650 * kDay);
  EXPECT_EQ(keys_->RotateSigner(meta_, 30, {"ETLS"}).error().kind, ErrorKind::kConflict);
}

TEST_F(KeyManagerTest, NoRootMeansNoSigner) {
  EXPECT_EQ(keys_->RotateSigner(meta_, 30, {"ETLS"}).error().kind, ErrorKind::kConflict);
  EXPECT_EQ(keys_->RootCertificate().error().kind, ErrorKind::kNotFound);
  DbTrustListSource source(*db_);
  EXPECT_EQ(source.Current()->version, 0);
  EXPECT_TRUE(source.Current()->entries.empty());
}

}  // namespace
}  // namespace origine::pki
