#include "pki/pki_store.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "testkit/testkit.h"

namespace origine::pki {
namespace {

using testkit::IsOk;

// pki_key_roles is the lookup table of KeyRole (ADR 0058): a new role is an
// enumerator and an INSERT, and this test fails until both exist.
TEST(PkiStore, EveryKeyRoleIsARowOfTheLookupTable) {
  testkit::TempDir dir;
  auto db = testkit::OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  auto tx = db->Begin(false);
  ASSERT_THAT(tx, IsOk());
  auto in_db = store::ListRoleNames(**tx);
  ASSERT_THAT(in_db, IsOk());
  std::vector<std::string> in_code;
  for (KeyRole r : kKeyRoles) {
    in_code.emplace_back(KeyRoleName(r));
    EXPECT_EQ(ParseKeyRole(KeyRoleName(r)), r);
  }
  std::sort(in_code.begin(), in_code.end());
  EXPECT_EQ(*in_db, in_code);
  EXPECT_FALSE(ParseKeyRole("list-signer"));
}

TEST(PkiStore, KeysAndVersionsRoundTrip) {
  testkit::TempDir dir;
  auto db = testkit::OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  auto tx = std::move(*db->Begin());
  store::KeyRow root{"cm9vdA==", KeyRole::kRoot, KeyStatus::kActive, {1, 2}, 100, 900, 100, {}, "file", "root-1", {}};
  store::KeyRow a{"YQ==", KeyRole::kSigner, KeyStatus::kActive, {3}, 100, 500, 110, {"ETLS", "UEMOA"}, "file", "s-a",
                  {}};
  ASSERT_THAT(store::InsertKey(*tx, a), IsOk());
  ASSERT_THAT(store::InsertKey(*tx, root), IsOk());
  EXPECT_EQ(*store::CountKeys(*tx), 2);
  auto found = store::FindKey(*tx, "YQ==");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->types, (std::vector<std::string>{"ETLS", "UEMOA"}));
  EXPECT_EQ((*found)->certificate, trust::Bytes{3});
  EXPECT_FALSE((*found)->revocation);

  // A rotation: the active signer retires, the new one is active.
  ASSERT_THAT(store::RetireActive(*tx, KeyRole::kSigner), IsOk());
  store::KeyRow b = a;
  b.kid = "Yg==";
  b.label = "s-b";
  b.created_at = 120;
  ASSERT_THAT(store::InsertKey(*tx, b), IsOk());
  EXPECT_EQ((*store::FindKeyByStatus(*tx, KeyRole::kSigner, KeyStatus::kActive))->kid, "Yg==");
  EXPECT_EQ((*store::FindKey(*tx, "YQ=="))->status, KeyStatus::kRetired);
  EXPECT_EQ((*store::FindKeyByStatus(*tx, KeyRole::kRoot, KeyStatus::kActive))->kid, "cm9vdA==");
  EXPECT_FALSE(*store::FindKey(*tx, "none"));

  ASSERT_THAT(store::MarkRevoked(*tx, "YQ==", {130, "key compromise"}), IsOk());
  auto revoked = *store::FindKey(*tx, "YQ==");
  EXPECT_EQ(revoked->status, KeyStatus::kRevoked);
  ASSERT_TRUE(revoked->revocation);
  EXPECT_EQ(*revoked->revocation, (trust::SignerRevocation{130, "key compromise"}));

  auto all = *store::ListKeys(*tx);  // root first, then by creation time
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].kid, "cm9vdA==");
  EXPECT_EQ(all[1].kid, "YQ==");
  EXPECT_EQ(all[2].kid, "Yg==");
  auto by_kid = *store::ListKeysByKid(*tx, KeyRole::kSigner);
  ASSERT_EQ(by_kid.size(), 2u);
  EXPECT_EQ(by_kid[0].kid, "YQ==");

  // A kid is unique: storage answers kConflict.
  EXPECT_THAT(store::InsertKey(*tx, a), testkit::IsErrorKind(ErrorKind::kConflict));

  EXPECT_EQ(*store::LatestVersion(*tx), 0);
  ASSERT_THAT(store::InsertVersion(*tx, {1, 100, 0, "cm9vdA==", "{\"format\":2}", "ab"}), IsOk());
  ASSERT_THAT(store::InsertVersion(*tx, {2, 130, 5, "cm9vdA==", "{\"format\":2,\"v\":2}", "cd"}), IsOk());
  EXPECT_EQ(*store::LatestVersion(*tx), 2);
  auto versions = *store::ListVersions(*tx);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 2);
  EXPECT_EQ(versions[0].log_index, 5);
  EXPECT_EQ(versions[0].payload_sha256, "cd");
  EXPECT_EQ(**store::FindDocument(*tx, 1), "{\"format\":2}");
  EXPECT_FALSE(*store::FindDocument(*tx, 3));
}

}  // namespace
}  // namespace origine::pki
