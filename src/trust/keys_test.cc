#include "trust/keys.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "trust/ossl.h"
#include "trust/test_util.h"

namespace origine::trust {
namespace {

constexpr int64_t kNow = 1767225600;  // 2026-01-01
constexpr int64_t kYear = int64_t{365} * 86400;

TEST(SigningKey, SignVerifyRoundTrip) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key) << key.error().message;
  Bytes msg = ToBytes("certificate of origin");
  auto sig = key->SignEs256(msg);
  ASSERT_TRUE(sig);
  ASSERT_EQ(sig->size(), 64u);
  Bytes spki = key->PublicKeySpkiDer();
  EXPECT_TRUE(VerifyEs256WithSpki(spki, msg, *sig));
  Bytes other = msg;
  other.back() ^= 1;
  EXPECT_FALSE(VerifyEs256WithSpki(spki, other, *sig));
  Bytes bad = *sig;
  bad[10] ^= 1;
  EXPECT_FALSE(VerifyEs256WithSpki(spki, msg, bad));
}

TEST(SigningKey, RejectsMalformedSignatures) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key);
  Bytes msg = ToBytes("m");
  Bytes spki = key->PublicKeySpkiDer();
  Bytes sig = *key->SignEs256(msg);
  Bytes longer = sig;
  longer.push_back(0);
  EXPECT_FALSE(VerifyEs256WithSpki(spki, msg, longer));
  EXPECT_FALSE(VerifyEs256WithSpki(spki, msg, Bytes(sig.begin(), sig.end() - 1)));
  Bytes r_zero = sig;
  std::fill(r_zero.begin(), r_zero.begin() + 32, 0);
  EXPECT_FALSE(VerifyEs256WithSpki(spki, msg, r_zero));
  Bytes s_order = sig;  // s = n
  Bytes n = testing::Hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
  std::copy(n.begin(), n.end(), s_order.begin() + 32);
  EXPECT_FALSE(VerifyEs256WithSpki(spki, msg, s_order));
  EXPECT_FALSE(VerifyEs256WithSpki(Bytes{0x30, 0x00}, msg, sig));
  EXPECT_FALSE(VerifyEs256WithSpki({}, msg, sig));
}

TEST(SigningKey, PemRoundTrip) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key);
  std::string pem = key->ToPem();
  EXPECT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);
  auto back = SigningKey::FromPem(pem);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->PublicKeySpkiDer(), key->PublicKeySpkiDer());
  auto sig = back->SignEs256(ToBytes("x"));
  ASSERT_TRUE(sig);
  EXPECT_TRUE(VerifyEs256WithSpki(key->PublicKeySpkiDer(), ToBytes("x"), *sig));
}

TEST(SigningKey, FromPemRejects) {
  EXPECT_FALSE(SigningKey::FromPem(""));
  EXPECT_FALSE(SigningKey::FromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
  // A P-384 key in PKCS#8.
  ossl::Pkey p384(EVP_EC_gen("P-384"));
  ASSERT_TRUE(p384);
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  ASSERT_EQ(PEM_write_bio_PKCS8PrivateKey(bio.get(), p384.get(), nullptr, nullptr, 0, nullptr, nullptr), 1);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  auto r = SigningKey::FromPem(std::string(data, static_cast<size_t>(len)));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("P-256"), std::string::npos);
  // An encrypted PKCS#8 key: refused without prompting.
  auto key = SigningKey::Generate();
  ossl::Bio enc(BIO_new(BIO_s_mem()));
  char pass[] = "secret";
  ASSERT_EQ(PEM_write_bio_PKCS8PrivateKey(enc.get(), key->native(), EVP_aes_256_cbc(), pass, 6, nullptr, nullptr), 1);
  len = BIO_get_mem_data(enc.get(), &data);
  EXPECT_FALSE(SigningKey::FromPem(std::string(data, static_cast<size_t>(len))));
}

TEST(SigningKey, MovedFromIsEmpty) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key);
  SigningKey a = std::move(*key);
  EXPECT_FALSE(key->SignEs256(ToBytes("x")));  // NOLINT(bugprone-use-after-move)
  EXPECT_TRUE(key->ToPem().empty());
  EXPECT_TRUE(a.SignEs256(ToBytes("x")));
}

struct Chain {
  SigningKey root_key, signer_key;
  Bytes root_cert, signer_cert;
};

Chain MakeChain() {
  auto root = SigningKey::Generate();
  auto signer = SigningKey::Generate();
  auto root_cert = MakeRootCertificate(*root, "Test Root", "ML", kNow, kNow + 10 * kYear);
  EXPECT_TRUE(root_cert) << root_cert.error().message;
  auto signer_cert = MakeSignerCertificate(*root, *root_cert, *signer, "Test Signer", "ML", kNow, kNow + 2 * kYear);
  EXPECT_TRUE(signer_cert) << signer_cert.error().message;
  return {std::move(*root), std::move(*signer), *root_cert, *signer_cert};
}

TEST(Certificates, RootAndSigner) {
  Chain c = MakeChain();
  auto info = ParseCertificate(c.signer_cert);
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->common_name, "Test Signer");
  EXPECT_EQ(info->country, "ML");
  EXPECT_EQ(info->not_before, kNow);
  EXPECT_EQ(info->not_after, kNow + 2 * kYear);
  EXPECT_EQ(info->public_key_spki_der, c.signer_key.PublicKeySpkiDer());
  auto root_info = ParseCertificate(c.root_cert);
  ASSERT_TRUE(root_info);
  EXPECT_EQ(root_info->common_name, "Test Root");
  EXPECT_EQ(root_info->not_after, kNow + 10 * kYear);

  EXPECT_TRUE(VerifyIssuedBy(c.signer_cert, c.root_cert));
  EXPECT_TRUE(VerifyIssuedBy(c.root_cert, c.root_cert));
  EXPECT_FALSE(VerifyIssuedBy(c.root_cert, c.signer_cert));  // signer is not a CA

  ossl::X509Ptr root = ossl::ParseX509(c.root_cert);
  ossl::X509Ptr signer = ossl::ParseX509(c.signer_cert);
  EXPECT_EQ(X509_check_ca(root.get()), 1);
  EXPECT_EQ(X509_check_ca(signer.get()), 0);
  EXPECT_TRUE(X509_get_key_usage(root.get()) & KU_KEY_CERT_SIGN);
  EXPECT_EQ(X509_get_key_usage(signer.get()), static_cast<uint32_t>(KU_DIGITAL_SIGNATURE));

  Bytes kid = KidOf(c.signer_cert);
  ASSERT_EQ(kid.size(), 8u);
  Bytes digest = ossl::Sha256(c.signer_cert);
  EXPECT_EQ(kid, Bytes(digest.begin(), digest.begin() + 8));

  Bytes msg = ToBytes("hello");
  auto sig = c.signer_key.SignEs256(msg);
  EXPECT_TRUE(VerifyEs256WithCertificate(c.signer_cert, msg, *sig));
  EXPECT_FALSE(VerifyEs256WithCertificate(c.root_cert, msg, *sig));
  EXPECT_FALSE(VerifyEs256WithCertificate(Bytes{1, 2, 3}, msg, *sig));
}

TEST(Certificates, SerialsDiffer) {
  Chain a = MakeChain();
  auto again =
      MakeSignerCertificate(a.root_key, a.root_cert, a.signer_key, "Test Signer", "ML", kNow, kNow + 2 * kYear);
  ASSERT_TRUE(again);
  EXPECT_NE(KidOf(*again), KidOf(a.signer_cert));
}

TEST(Certificates, Refusals) {
  Chain c = MakeChain();
  // Root key that does not match the root certificate.
  EXPECT_FALSE(MakeSignerCertificate(c.signer_key, c.root_cert, c.signer_key, "S", "ML", kNow, kNow + kYear));
  // Validity outside the root's.
  EXPECT_FALSE(MakeSignerCertificate(c.root_key, c.root_cert, c.signer_key, "S", "ML", kNow, kNow + 11 * kYear));
  EXPECT_FALSE(MakeRootCertificate(c.root_key, "R", "ML", kNow, kNow));
  EXPECT_FALSE(MakeRootCertificate(c.root_key, "R", "MLI", kNow, kNow + 1));
  EXPECT_FALSE(MakeRootCertificate(c.root_key, "", "ML", kNow, kNow + 1));
  EXPECT_FALSE(ParseCertificate({}));
  Bytes trailing = c.root_cert;
  trailing.push_back(0);
  EXPECT_FALSE(ParseCertificate(trailing));
}

}  // namespace
}  // namespace origine::trust
