#include "trust/verify.h"

#include <atomic>
#include <functional>
#include <random>
#include <thread>

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
  EXPECT_EQ(ToString(VerifyStatus::kRevoked), "revoked");
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
  EXPECT_NE(out.reason.find(encoding::Hex(kid_)), std::string::npos);
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
  int seen[7] = {};
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

TEST_F(VerifyTest, RevokedSignerRevokesWhatItSigned) {
  std::string text = Qr(claims_);
  std::vector<TrustEntry> revoked = trust_;
  revoked[0].revocation = SignerRevocation{kNow - 10, "key compromise"};
  VerifyOutcome out = VerifyQrText(text, revoked, kNow);
  EXPECT_STATUS(out, VerifyStatus::kRevoked);
  ASSERT_TRUE(out.signer_revocation);
  EXPECT_EQ(out.signer_revocation->revoked_at, kNow - 10);
  EXPECT_EQ(out.signer_revocation->reason, "key compromise");
  EXPECT_NE(out.reason.find("key compromise"), std::string::npos) << out.reason;
  ASSERT_TRUE(out.claims);  // the certificate is still shown
  // Revocation wins over expiry; a bad signature under a revoked kid stays bad.
  EXPECT_STATUS(VerifyQrText(text, revoked, claims_.expires_at + 1), VerifyStatus::kRevoked);
  auto other = SigningKey::Generate();
  auto forged = MakeQrText(claims_, *other, kid_);
  out = VerifyQrText(*forged, revoked, kNow);
  EXPECT_STATUS(out, VerifyStatus::kBadSignature);
  EXPECT_FALSE(out.signer_revocation);
}

// Every offline outcome from one table: the text, the trust list, the time.
TEST_F(VerifyTest, OutcomeTable) {
  auto other = SigningKey::Generate();
  auto other_cert = MakeRootCertificate(*other, "Other", "ML", kNow - kDay, kNow + kDay);
  std::vector<TrustEntry> revoked = trust_;
  revoked[0].revocation = SignerRevocation{kNow, "signer withdrawn"};
  Claims future = claims_;
  future.issued_at = kNow + 3600;
  struct Case {
    const char* name;
    std::string text;
    std::vector<TrustEntry> trust;
    int64_t now;
    VerifyStatus expected;
    bool has_claims;
  };
  const std::string good = Qr(claims_);
  const std::vector<Case> cases = {
      {"valid", good, trust_, kNow, VerifyStatus::kValid, true},
      {"malformed prefix", "XX1:" + good.substr(4), trust_, kNow, VerifyStatus::kMalformed, false},
      {"malformed base45", "CO1:" + std::string(4, ':'), trust_, kNow, VerifyStatus::kMalformed, false},
      {"unknown signer",
       good,
       {{KidOf(*other_cert), *other_cert, std::nullopt}},
       kNow,
       VerifyStatus::kUnknownSigner,
       false},
      {"bad signature", *MakeQrText(claims_, *other, kid_), trust_, kNow, VerifyStatus::kBadSignature, false},
      {"expired", good, trust_, claims_.expires_at + 1, VerifyStatus::kExpired, true},
      {"not yet valid", Qr(future), trust_, kNow, VerifyStatus::kNotYetValid, true},
      {"revoked signer", good, revoked, kNow, VerifyStatus::kRevoked, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const TrustStore store(c.trust, "test");
    VerifyOutcome out = VerifyQrText(c.text, store, c.now);
    EXPECT_STATUS(out, c.expected);
    EXPECT_EQ(out.claims.has_value(), c.has_claims);
    EXPECT_EQ(out.reason.empty(), c.expected == VerifyStatus::kValid) << out.reason;
    // The convenience overload agrees.
    EXPECT_EQ(VerifyQrText(c.text, c.trust, c.now).status, out.status);
  }
}

TEST_F(VerifyTest, TrustStoreFindsEveryEntryOfAKid) {
  auto other = SigningKey::Generate();
  auto other_cert = MakeRootCertificate(*other, "Other", "ML", kNow - kDay, kNow + kDay);
  const Bytes other_kid = KidOf(*other_cert);
  TrustEntry colliding{kid_, *other_cert, std::nullopt};
  TrustEntry garbage{kid_, Bytes{1, 2, 3}, std::nullopt};
  TrustStore store({{other_kid, *other_cert, std::nullopt}, colliding, garbage, trust_[0]}, "tl-7");
  EXPECT_EQ(store.version(), "tl-7");
  EXPECT_EQ(store.size(), 4u);
  ASSERT_EQ(store.entries().size(), 4u);
  EXPECT_EQ(store.entries()[0].kid, other_kid);  // original order kept for export
  auto found = store.Find(kid_);
  ASSERT_EQ(found.size(), 3u);
  // Trust-list order among equal kids; the garbage entry is kept but unusable.
  EXPECT_EQ(found[0].entry.certificate_der, *other_cert);
  EXPECT_FALSE(found[1].usable);
  EXPECT_TRUE(found[2].usable);
  EXPECT_EQ(found[2].not_after, kNow + 730 * kDay);
  EXPECT_EQ(store.Find(other_kid).size(), 1u);
  EXPECT_TRUE(store.Find(Bytes(8, 0)).empty());
  EXPECT_TRUE(store.Find({}).empty());

  const Bytes msg = ToBytes("message");
  auto sig = signer_->SignEs256(msg);
  ASSERT_TRUE(sig);
  EXPECT_TRUE(store.VerifyEs256(found[2], msg, *sig));
  EXPECT_FALSE(store.VerifyEs256(found[0], msg, *sig));  // another key
  EXPECT_FALSE(store.VerifyEs256(found[1], msg, *sig));  // unusable
  EXPECT_FALSE(store.VerifyEs256(found[2], ToBytes("other"), *sig));
  EXPECT_FALSE(store.VerifyEs256(found[2], msg, Bytes(sig->begin(), sig->begin() + 63)));
  // A signer from another store is refused rather than misindexed.
  TrustStore second(trust_);
  EXPECT_FALSE(store.VerifyEs256(second.Find(kid_)[0], msg, *sig));
  EXPECT_TRUE(second.VerifyEs256(second.Find(kid_)[0], msg, *sig));
}

// The DER re-encoding of r||s (minimal integers, 0x00 pad on a high bit,
// leading zero bytes dropped) agrees with OpenSSL's own on many signatures,
// and out-of-range scalars are refused.
TEST_F(VerifyTest, TrustStoreSignatureEncodingAgreesWithOpenssl) {
  TrustStore store(trust_);
  const TrustStore::Signer& s = store.Find(kid_)[0];
  const Bytes spki = signer_->PublicKeySpkiDer();
  int leading_zero = 0, high_bit = 0;
  for (int i = 0; i < 600 && (leading_zero == 0 || i < 100); ++i) {
    const Bytes msg = ToBytes("message " + std::to_string(i));
    auto sig = signer_->SignEs256(msg);
    ASSERT_TRUE(sig);
    leading_zero += (*sig)[0] == 0 || (*sig)[32] == 0;
    high_bit += ((*sig)[0] & 0x80) != 0;
    ASSERT_TRUE(store.VerifyEs256(s, msg, *sig)) << encoding::Hex(*sig);
    ASSERT_TRUE(VerifyEs256WithSpki(spki, msg, *sig));
    Bytes bad = *sig;
    bad[i % 64] ^= 0x01;
    ASSERT_EQ(store.VerifyEs256(s, msg, bad), VerifyEs256WithSpki(spki, msg, bad));
  }
  EXPECT_GT(leading_zero, 0);
  EXPECT_GT(high_bit, 0);
  const Bytes msg = ToBytes("m");
  EXPECT_FALSE(store.VerifyEs256(s, msg, Bytes(64, 0)));
  EXPECT_FALSE(store.VerifyEs256(s, msg, Bytes(64, 0xff)));
}

TEST_F(VerifyTest, TrustStoreIsSharedBetweenThreads) {
  const std::string text = Qr(claims_);
  auto store = std::make_shared<const TrustStore>(trust_);
  std::atomic<int> valid{0};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) valid += VerifyQrText(text, *store, kNow).status == VerifyStatus::kValid;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(valid.load(), 80);
  // A thread's cached contexts outlive a replaced store safely.
  store.reset();
  TrustStore next(trust_);
  EXPECT_STATUS(VerifyQrText(text, next, kNow), VerifyStatus::kValid);
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
        << "iteration " << i << ": " << encoding::Hex(cose) << " -> " << encoding::Hex(m);
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
