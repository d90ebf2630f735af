#include "trust/key_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "trust/test_util.h"

namespace origine::trust {
namespace {

constexpr int64_t kNow = 1767225600;
constexpr int64_t kDay = 86400;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "origine-keys-XXXXXX").string();
    char* p = ::mkdtemp(tmpl.data());
    EXPECT_NE(p, nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

unsigned Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

TEST(FileKeyStore, CreatesThenReloads) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/var/keys";
  FileKeyStore store(dir);
  auto first = store.EnsureDevelopmentKeys(kNow, "ML");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->kid, KidOf(first->certificate_der));
  EXPECT_EQ(Mode(dir), 0700u);
  EXPECT_EQ(Mode(dir + "/root.key.pem"), 0600u);
  const std::string base = dir + "/signer-" + HexEncode(first->kid);
  EXPECT_EQ(Mode(base + ".key.pem"), 0600u);
  EXPECT_TRUE(std::filesystem::exists(base + ".crt.der"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/root.crt.der"));

  auto info = ParseCertificate(first->certificate_der);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->not_before, kNow);
  EXPECT_EQ(info->not_after, kNow + 730 * kDay);
  EXPECT_EQ(info->country, "ML");
  auto root = testing::ReadTextFile(dir + "/root.crt.der");
  EXPECT_TRUE(VerifyIssuedBy(first->certificate_der, Bytes(root.begin(), root.end())));

  // Same store, then a fresh store over the same directory: same signer.
  auto again = store.EnsureDevelopmentKeys(kNow + 10, "ML");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->kid, first->kid);
  FileKeyStore reopened(dir);
  auto reloaded = reopened.EnsureDevelopmentKeys(kNow + 100 * kDay, "ML");
  ASSERT_TRUE(reloaded) << reloaded.error().message;
  EXPECT_EQ(reloaded->kid, first->kid);
  EXPECT_EQ(reloaded->key.PublicKeySpkiDer(), first->key.PublicKeySpkiDer());
  auto sig = reloaded->key.SignEs256(ToBytes("m"));
  ASSERT_TRUE(sig);
  EXPECT_TRUE(VerifyEs256WithCertificate(first->certificate_der, ToBytes("m"), *sig));

  auto certs = reopened.SignerCertificates();
  ASSERT_TRUE(certs) << certs.error().message;
  ASSERT_EQ(certs->size(), 1u);
  EXPECT_EQ((*certs)[0].kid, first->kid);
  EXPECT_EQ((*certs)[0].certificate_der, first->certificate_der);
}

TEST(FileKeyStore, RotatesAnExpiredSigner) {
  TempDir tmp;
  FileKeyStore store(tmp.path());
  auto first = store.EnsureDevelopmentKeys(kNow, "ML");
  ASSERT_TRUE(first);
  auto later = store.EnsureDevelopmentKeys(kNow + 731 * kDay, "ML");
  ASSERT_TRUE(later) << later.error().message;
  EXPECT_NE(later->kid, first->kid);
  auto certs = store.SignerCertificates();
  ASSERT_TRUE(certs);
  EXPECT_EQ(certs->size(), 2u);  // the old one stays listed
  auto too_late = store.EnsureDevelopmentKeys(kNow + 3651 * kDay, "ML");
  ASSERT_FALSE(too_late);
  EXPECT_EQ(too_late.error().code, ErrorCode::kConflict);
}

TEST(FileKeyStore, RefusesInconsistentFiles) {
  TempDir tmp;
  FileKeyStore store(tmp.path());
  auto first = store.EnsureDevelopmentKeys(kNow, "ML");
  ASSERT_TRUE(first);
  // Replace the signer key by another key: must be detected, and the error
  // must not contain key material.
  auto other = SigningKey::Generate();
  const std::string key_path = tmp.path() + "/signer-" + HexEncode(first->kid) + ".key.pem";
  std::filesystem::remove(key_path);
  std::string pem = other->ToPem();
  FILE* f = std::fopen(key_path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(pem.c_str(), f);
  std::fclose(f);
  auto r = FileKeyStore(tmp.path()).EnsureDevelopmentKeys(kNow, "ML");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("does not match"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("PRIVATE"), std::string::npos);

  // Garbage key file.
  f = std::fopen(key_path.c_str(), "w");
  std::fputs("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n", f);
  std::fclose(f);
  r = FileKeyStore(tmp.path()).EnsureDevelopmentKeys(kNow, "ML");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.find("not a key"), std::string::npos);
}

TEST(FileKeyStore, EmptyDirectoryListsNothing) {
  TempDir tmp;
  FileKeyStore store(tmp.path() + "/absent");
  auto certs = store.SignerCertificates();
  ASSERT_TRUE(certs);
  EXPECT_TRUE(certs->empty());
}

}  // namespace
}  // namespace origine::trust
