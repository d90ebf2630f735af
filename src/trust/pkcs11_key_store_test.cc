// PKCS#11 key store against SoftHSM2: a throwaway token in a temporary
// directory (SOFTHSM2_CONF), initialized with softhsm2-util.
#include "trust/pkcs11_key_store.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "core/file.h"
#include "testkit/testkit.h"
#include "trust/test_util.h"

namespace origine::trust {
namespace {

constexpr const char* kModule = "/usr/lib/softhsm/libsofthsm2.so";
constexpr const char* kPin = "87654321";

class SoftHsm : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kModule) || std::system("command -v softhsm2-util >/dev/null") != 0) {
      std::cout << "[ did not run ] SoftHSM2 is not installed (apt install softhsm2)\n";
      GTEST_SKIP() << "did not run: SoftHSM2 is not installed";
    }
    std::filesystem::create_directories(dir_ / "tokens");
    ASSERT_THAT(file::WriteFileAtomic((dir_ / "softhsm2.conf").string(),
                                      "directories.tokendir = " + (dir_ / "tokens").string() +
                                          "\nobjectstore.backend = file\nlog.level = ERROR\n",
                                      0600),
                testkit::IsOk());
    ::setenv("SOFTHSM2_CONF", (dir_ / "softhsm2.conf").c_str(), 1);
    const std::string init = "softhsm2-util --init-token --free --label origine-test --so-pin 12345678 --pin " +
                             std::string(kPin) + " >/dev/null";
    ASSERT_EQ(std::system(init.c_str()), 0);
  }
  testkit::TempDir tmp_;
  const std::filesystem::path dir_ = tmp_.path();
};

TEST_F(SoftHsm, GenerateSignVerifyReloadDestroy) {
  auto store = Pkcs11KeyStore::Open(kModule, "origine-test", kPin);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ((*store)->Kind(), "pkcs11");
  auto key = (*store)->Generate("signer-1");
  ASSERT_TRUE(key) << key.error().message;
  const Bytes spki = (*key)->PublicKeySpkiDer();
  ASSERT_EQ(spki.size(), 91u);
  auto sig = (*key)->SignEs256(ToBytes("certificate of origin"));
  ASSERT_TRUE(sig) << sig.error().message;
  EXPECT_TRUE(VerifyEs256WithSpki(spki, ToBytes("certificate of origin"), *sig));
  EXPECT_FALSE(VerifyEs256WithSpki(spki, ToBytes("certificate of origiN"), *sig));
  EXPECT_THAT((*store)->Generate("signer-1"), testkit::IsError("key.exists"));

  // Certificates signed inside the token: a root, then a signer it issues.
  auto root_cert = MakeRootCertificate(**key, "HSM root", "ML", 1767225600, 1767225600 + 86400 * 3650LL);
  ASSERT_TRUE(root_cert) << root_cert.error().message;
  auto soft = SigningKey::Generate();
  auto signer_cert = MakeSignerCertificate(**key, *root_cert, *soft, "Signer", "ML", 1767225600, 1767225600 + 86400);
  ASSERT_TRUE(signer_cert) << signer_cert.error().message;
  EXPECT_TRUE(VerifyIssuedBy(*signer_cert, *root_cert));

  // Another session (another process would do the same) finds the key by label.
  store->reset();
  auto again = Pkcs11KeyStore::Open(kModule, "origine-test", kPin);
  ASSERT_TRUE(again) << again.error().message;
  auto loaded = (*again)->Load("signer-1");
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ((*loaded)->PublicKeySpkiDer(), spki);
  auto sig2 = (*loaded)->SignEs256(ToBytes("m"));
  ASSERT_TRUE(sig2);
  EXPECT_TRUE(VerifyEs256WithSpki(spki, ToBytes("m"), *sig2));
  EXPECT_EQ((*again)->Load("signer-2").error().kind, ErrorKind::kNotFound);
  ASSERT_TRUE((*again)->Destroy("signer-1"));
  EXPECT_EQ((*again)->Load("signer-1").error().kind, ErrorKind::kNotFound);
}

TEST_F(SoftHsm, PrivateKeyIsNotExtractable) {
  auto store = Pkcs11KeyStore::Open(kModule, "origine-test", kPin);
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE((*store)->Generate("root-1"));
  // An independent reader of the token (OpenSC's pkcs11-tool) sees the
  // private half as sensitive and never extractable, usable to sign only.
  if (std::system("command -v pkcs11-tool >/dev/null") != 0) {
    std::cout << "[ did not run ] pkcs11-tool (opensc) is not installed\n";
    GTEST_SKIP() << "did not run: pkcs11-tool (opensc) is not installed";
  }
  const std::string cmd = std::string("pkcs11-tool --module ") + kModule +
                          " --token-label origine-test --login --pin " + kPin +
                          " --list-objects --type privkey 2>/dev/null";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    ::pclose(p);
  }
  ASSERT_NE(out.find("label:      root-1"), std::string::npos) << out;
  EXPECT_NE(out.find("always sensitive, never extractable"), std::string::npos) << out;
  EXPECT_NE(out.find("Usage:      sign"), std::string::npos) << out;
  EXPECT_EQ(out.find("decrypt"), std::string::npos) << out;
}

TEST_F(SoftHsm, WrongPinAndMissingTokenSayNothingSecret) {
  auto bad = Pkcs11KeyStore::Open(kModule, "origine-test", "11112222");
  ASSERT_THAT(bad, testkit::IsError("pkcs11.login"));
  EXPECT_EQ(bad.error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(bad.error().message.find("11112222"), std::string::npos);
  EXPECT_NE(bad.error().message.find("CKR_PIN_INCORRECT"), std::string::npos) << bad.error().message;
  auto absent = Pkcs11KeyStore::Open(kModule, "no-such-token", kPin);
  ASSERT_THAT(absent, testkit::IsError("pkcs11.unavailable"));
  EXPECT_EQ(absent.error().message.find(kPin), std::string::npos);
  EXPECT_EQ(Pkcs11KeyStore::Open("/nonexistent/module.so", "origine-test", kPin).error().kind, ErrorKind::kUnavailable);
  EXPECT_THAT(Pkcs11KeyStore::Open(kModule, "origine-test", ""), testkit::IsError("pkcs11.config"));
}

}  // namespace
}  // namespace origine::trust
