#include "trust/verify.h"

#include <random>

#include "trust/base45.h"
#include "trust/cbor_writer.h"
#include "trust/cose.h"
#include "trust/deflate.h"
#include "trust/keys.h"
#include "trust/qr.h"
#include "trust/test_util.h"

namespace origine::trust {
namespace {

constexpr int64_t kNow = 1767225600;  // 2026-01-01
constexpr int64_t kDay = 86400;

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto root = SigningKey::Generate();
    auto signer = SigningKey::Generate();
    ASSERT_TRUE(root && signer);
    auto root_cert = MakeRootCertificate(*root, "Root", "ML", kNow - kDay, kNow + 3650 * kDay);
    ASSERT_TRUE(root_cert);
    auto cert = MakeSignerCertificate(*root, *root_cert, *signer, "Signer", "ML", kNow - kDay, kNow + 730 * kDay);
    ASSERT_TRUE(cert);
    signer_.emplace(std::move(*signer));
    cert_ = *cert;
    kid_ = KidOf(cert_);
    trust_ = {{kid_, cert_, std::nullopt}};
    claims_ = testing::SampleClaims(kNow);
  }

  std::string Qr(const Claims& c) {
    auto text = MakeQrText(c, *signer_, kid_);
    EXPECT_TRUE(text) << text.error().message;
    return *text;
  }
  // CO1: text for arbitrary COSE bytes.
  static std::string Wrap(const Bytes& cose) { return std::string(kQrPrefix) + Base45Encode(ZlibCompress(cose)); }
  VerifyOutcome Verify(std::string_view text, int64_t now = kNow) { return VerifyQrText(text, trust_, now); }

  std::optional<SigningKey> signer_;
  Bytes cert_, kid_;
  std::vector<TrustEntry> trust_;
  Claims claims_;
};

#define EXPECT_STATUS(outcome, expected) EXPECT_EQ(ToString((outcome).status), ToString(expected)) << (outcome).reason

TEST_F(VerifyTest, ValidRoundTrip) {
  std::string text = Qr(claims_);
  EXPECT_TRUE(text.starts_with("CO1:"));
  EXPECT_EQ(text.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"), std::string::npos);
  EXPECT_LT(text.size(), 600u);
  VerifyOutcome out = Verify(text);
  EXPECT_STATUS(out, VerifyStatus::kValid);
  EXPECT_EQ(out.reason, "");
  ASSERT_TRUE(out.claims);
  EXPECT_EQ(*out.claims, claims_);
  EXPECT_EQ(out.kid, kid_);
  EXPECT_STATUS(Verify("  \n" + text + "\r\n"), VerifyStatus::kValid);
}

TEST_F(VerifyTest, ToStringNames) {
  EXPECT_EQ(ToString(VerifyStatus::kValid), "valid");
  EXPECT_EQ(ToString(VerifyStatus::kMalformed), "malformed");
  EXPECT_EQ(ToString(VerifyStatus::kUnknownSigner), "unknown_signer");
  EXPECT_EQ(ToString(VerifyStatus::kBadSignature), "bad_signature");
  EXPECT_EQ(ToString(VerifyStatus::kExpired), "expired");
  EXPECT_EQ(ToString(VerifyStatus::kNotYetValid), "not_yet_valid");
}

TEST_F(VerifyTest, MalformedStages) {
  std::string text = Qr(claims_);
  auto expect = [&](std::string_view t, const std::string& fragment) {
    VerifyOutcome out = Verify(t);
    EXPECT_STATUS(out, VerifyStatus::kMalformed);
    EXPECT_NE(out.reason.find(fragment), std::string::npos) << out.reason;
    EXPECT_FALSE(out.claims);
  };
  expect("", "prefix");
  expect(text.substr(4), "prefix");
  expect("HC1:" + text.substr(4), "prefix");
  expect("co1:" + text.substr(4), "prefix");
  expect("CO1:" + std::string(5000, '0'), "longer than");
  expect("CO1:abc", "Base45");
  std::string body = text.substr(4);
  body += body.size() % 3 == 0 ? "A" : "AA";  // leaves a dangling character
  expect("CO1:" + body, "Base45");
  expect("CO1:" + Base45Encode(ToBytes("not zlib")), "zlib");
  expect("CO1:" + Base45Encode(ZlibCompress(ToBytes("a CBOR text"))), "COSE");
  expect("CO1:" + Base45Encode(ZlibCompress(testing::Hex("ff"))), "CBOR");
  expect(Wrap(testing::Hex("a0")), "COSE");
  // Zip bomb: 1 MiB of zeros compresses to about 1 KiB.
  expect(Wrap(Bytes(1 << 20, 0)), "limit");
}

TEST_F(VerifyTest, AlgorithmMustBeEs256InProtectedHeader) {
  Bytes payload = EncodeClaims(claims_);
  for (int64_t alg : {int64_t{-35}, int64_t{-8}, int64_t{-37}}) {
    Bytes prot = CborMap().Add(1, CborInt(alg)).Add(4, CborBytes(kid_)).Encode();
    auto sig = signer_->SignEs256(SigStructure(prot, {}, payload));
    CborWriter w;
    w.Tag(18).ArrayHeader(4).Bstr(prot).MapHeader(0).Bstr(payload).Bstr(*sig);
    VerifyOutcome out = Verify(Wrap(w.bytes()));
    EXPECT_STATUS(out, VerifyStatus::kMalformed);
    EXPECT_NE(out.reason.find("ES256"), std::string::npos) << out.reason;
  }
  // alg only in the unprotected header (like cose-wg sign-pass-01): refused.
  Bytes prot = CborMap().Add(4, CborBytes(kid_)).Encode();
  auto sig = signer_->SignEs256(SigStructure(prot, {}, payload));
  CborWriter w;
  w.Tag(18).ArrayHeader(4).Bstr(prot).Raw(CborMap().Add(1, CborInt(-7)).Encode()).Bstr(payload).Bstr(*sig);
  VerifyOutcome out = Verify(Wrap(w.bytes()));
  EXPECT_STATUS(out, VerifyStatus::kMalformed);
  EXPECT_NE(out.reason.find("absent"), std::string::npos) << out.reason;
}

TEST_F(VerifyTest, UnknownSigner) {
  std::string text = Qr(claims_);
  EXPECT_STATUS(VerifyQrText(text, {}, kNow), VerifyStatus::kUnknownSigner);
  auto other = SigningKey::Generate();
  auto other_cert = MakeRootCertificate(*other, "Other", "ML", kNow - kDay, kNow + kDay);
  VerifyOutcome out = VerifyQrText(text, {{KidOf(*other_cert), *other_cert, std::nullopt}}, kNow);
  EXPECT_STATUS(out, VerifyStatus::kUnknownSigner);
  EXPECT_EQ(out.kid, kid_);
  EXPECT_NE(out.reason.find(HexEncode(kid_)), std::string::npos);
  EXPECT_FALSE(out.claims);
}

TEST_F(VerifyTest, BadSignature) {
  // Re-encode the message with a changed payload and the original signature.
  Bytes cose = *SignSign1(EncodeClaims(claims_), *signer_, kid_);
  auto msg = ParseSign1(cose);
  ASSERT_TRUE(msg);
  Claims changed = claims_;
  changed.goods[0].quantity = "9999";
  CborWriter w;
  w.Tag(18).ArrayHeader(4).Bstr(msg->protected_bstr).MapHeader(0).Bstr(EncodeClaims(changed)).Bstr(msg->signature);
  VerifyOutcome out = Verify(Wrap(w.bytes()));
  EXPECT_STATUS(out, VerifyStatus::kBadSignature);
  EXPECT_FALSE(out.claims);  // never decode claims under a bad signature
  // Signed by another key under our kid.
  auto other = SigningKey::Generate();
  auto forged = MakeQrText(claims_, *other, kid_);
  EXPECT_STATUS(Verify(*forged), VerifyStatus::kBadSignature);
}

TEST_F(VerifyTest, TamperingAnyBase45CharacterNeverVerifies) {
  std::string text = Qr(claims_);
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  int seen[6] = {};
  for (size_t i = 4; i < text.size(); ++i) {
    std::string t = text;
    t[i] = alphabet[(alphabet.find(t[i]) + 1) % alphabet.size()];
    VerifyOutcome out = Verify(t);
    ASSERT_NE(out.status, VerifyStatus::kValid) << "position " << i;
    EXPECT_TRUE(out.status == VerifyStatus::kMalformed || out.status == VerifyStatus::kBadSignature ||
                out.status == VerifyStatus::kUnknownSigner)
        << "position " << i << ": " << ToString(out.status);
    ++seen[static_cast<int>(out.status)];
  }
  EXPECT_GT(seen[static_cast<int>(VerifyStatus::kMalformed)], 0);
}

TEST_F(VerifyTest, TriesEveryEntryWithTheKid) {
  std::string text = Qr(claims_);
  auto other = SigningKey::Generate();
  auto other_cert = MakeRootCertificate(*other, "Colliding", "ML", kNow - kDay, kNow + 730 * kDay);
  TrustEntry colliding{kid_, *other_cert, std::nullopt};  // same kid, different key
  EXPECT_STATUS(VerifyQrText(text, {colliding, trust_[0]}, kNow), VerifyStatus::kValid);
  EXPECT_STATUS(VerifyQrText(text, {colliding}, kNow), VerifyStatus::kBadSignature);
  TrustEntry garbage{kid_, Bytes{1, 2, 3}, std::nullopt};
  EXPECT_STATUS(VerifyQrText(text, {garbage, trust_[0]}, kNow), VerifyStatus::kValid);
}

TEST_F(VerifyTest, ClaimsThatDoNotDecodeAreMalformed) {
  auto cose = SignSign1(ToBytes("signed but not claims"), *signer_, kid_);
  VerifyOutcome out = Verify(Wrap(*cose));
  EXPECT_STATUS(out, VerifyStatus::kMalformed);
  EXPECT_EQ(out.reason.rfind("claims:", 0), 0u) << out.reason;
}

TEST_F(VerifyTest, Expiry) {
  std::string text = Qr(claims_);
  EXPECT_STATUS(Verify(text, claims_.expires_at), VerifyStatus::kValid);
  VerifyOutcome out = Verify(text, claims_.expires_at + 1);
  EXPECT_STATUS(out, VerifyStatus::kExpired);
  ASSERT_TRUE(out.claims);  // shown to the user even when expired
  EXPECT_EQ(out.claims->number, claims_.number);

  // Expiry after the signer certificate's not_after.
  Claims beyond = claims_;
  beyond.expires_at = kNow + 731 * kDay;
  out = Verify(Qr(beyond));
  EXPECT_STATUS(out, VerifyStatus::kExpired);
  EXPECT_NE(out.reason.find("signer certificate"), std::string::npos);
}

TEST_F(VerifyTest, NotYetValid) {
  Claims future = claims_;
  future.issued_at = kNow + 301;
  EXPECT_STATUS(Verify(Qr(future)), VerifyStatus::kNotYetValid);
  future.issued_at = kNow + 300;  // within the tolerated skew
  EXPECT_STATUS(Verify(Qr(future)), VerifyStatus::kValid);
  // Before the signer certificate's not_before.
  Claims early = claims_;
  early.issued_at = kNow - 3 * kDay;
  EXPECT_STATUS(Verify(Qr(early), kNow - 2 * kDay), VerifyStatus::kNotYetValid);
}

// Sanitizer-backed robustness: random mutations of a valid message must never
// crash, leak or verify.
TEST_F(VerifyTest, RandomMutationsNeverVerify) {
  Bytes cose = *SignSign1(EncodeClaims(claims_), *signer_, kid_);
  Bytes claims = EncodeClaims(claims_);
  std::mt19937 rng(20260101);
  for (int i = 0; i < 3000; ++i) {
    Bytes m = cose;
    size_t pos = rng() % m.size();
    switch (rng() % 4) {
      case 0:
        m[pos] ^= static_cast<uint8_t>(1u << (rng() % 8));
        break;
      case 1:
        m.resize(pos);
        break;
      case 2:
        m.insert(m.begin() + static_cast<long>(pos), static_cast<uint8_t>(rng()));
        break;
      default:
        m[pos] = static_cast<uint8_t>(m[pos] + 1 + rng() % 255);
        break;  // any other byte
    }
    VerifyOutcome out = Verify(Wrap(m));
    ASSERT_NE(out.status, VerifyStatus::kValid)
        << "iteration " << i << ": " << HexEncode(cose) << " -> " << HexEncode(m);
    Bytes c = claims;
    c[rng() % c.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
    (void)DecodeClaims(c);
    (void)ParseSign1(m);
  }
  for (int i = 0; i < 500; ++i) {
    Bytes junk(rng() % 200);
    for (auto& b : junk) b = static_cast<uint8_t>(rng());
    (void)DecodeClaims(junk);
    (void)ParseSign1(junk);
    (void)ZlibDecompress(junk);
    EXPECT_NE(Verify(Wrap(junk)).status, VerifyStatus::kValid);
  }
}

}  // namespace
}  // namespace origine::trust
