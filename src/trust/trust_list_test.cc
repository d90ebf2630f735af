#include "trust/trust_list.h"

#include "core/encoding.h"
#include "testkit/testkit.h"
#include "trust/keys.h"
#include "trust/test_util.h"

namespace origine::trust {
namespace {

constexpr int64_t kNow = 1767225600;

Bytes MakeCert(const SigningKey& key) {
  auto cert = MakeRootCertificate(key, "Signer", "ML", kNow, kNow + 86400);
  EXPECT_TRUE(cert);
  return *cert;
}

TEST(TrustList, RoundTrip) {
  auto k1 = SigningKey::Generate();
  auto k2 = SigningKey::Generate();
  Bytes c1 = MakeCert(*k1), c2 = MakeCert(*k2);
  std::vector<TrustEntry> entries = {{KidOf(c1), c1}, {KidOf(c2), c2}};
  std::string json = TrustListToJson(entries);
  EXPECT_EQ(json.rfind("{\"version\":1,\"certificates\":[{\"kid\":\"", 0), 0u);
  auto back = TrustListFromJson(json);
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].kid, entries[0].kid);
  EXPECT_EQ((*back)[1].certificate_der, c2);
  EXPECT_EQ(TrustListToJson({}), "{\"version\":1,\"certificates\":[]}");
  auto empty = TrustListFromJson(TrustListToJson({}));
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

void ExpectError(std::string_view json, const std::string& fragment) {
  auto r = TrustListFromJson(json);
  ASSERT_FALSE(r) << json;
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(r.error().code.starts_with("trust_list.")) << r.error().code;
  EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
}

TEST(TrustList, Errors) {
  auto k = SigningKey::Generate();
  Bytes c = MakeCert(*k);
  std::string good = TrustListToJson({{KidOf(c), c}});
  ExpectError("{", "invalid JSON");
  ExpectError("[]", "not an object");
  ExpectError("{\"version\":2,\"certificates\":[]}", "version");
  ExpectError("{\"version\":1}", "certificates");
  ExpectError("{\"version\":1,\"certificates\":[1]}", "certificates[0] is not an object");
  ExpectError("{\"version\":1,\"certificates\":[{\"kid\":\"AAAAAAAAAAA=\"}]}", "\"certificate\" is missing");
  ExpectError("{\"version\":1,\"certificates\":[{\"kid\":5,\"certificate\":\"\"}]}", "\"kid\" is not a string");
  ExpectError("{\"version\":1,\"certificates\":[{\"kid\":\"A*==\",\"certificate\":\"\"}]}", "not valid Base64");
  ExpectError("{\"version\":1,\"certificates\":[{\"kid\":\"AAAAAAAAAAA=\",\"certificate\":\"AAAA\"}]}",
              "not a DER X.509");
  // A kid that does not match the certificate.
  std::string wrong = TrustListToJson({{Bytes(8, 0), c}});
  ExpectError(wrong, "kid does not match");
}

// ---- Format 2 ----

struct Pki {
  SigningKey root = std::move(*SigningKey::Generate());
  Bytes root_cert;
  SigningKey signer = std::move(*SigningKey::Generate());
  Bytes signer_cert;
  Pki() {
    root_cert = *MakeRootCertificate(root, "Root", "ML", kNow, kNow + 3650 * 86400LL);
    signer_cert = *MakeSignerCertificate(root, root_cert, signer, "Signer", "ML", kNow, kNow + 730 * 86400LL);
  }
  TrustListDocument Doc(int64_t version) const {
    TrustListDocument d;
    d.version = version;
    d.issuer = "ML";
    d.issued_at = kNow + 60;
    d.entries.push_back({KidOf(signer_cert), signer_cert, std::nullopt, {"UEMOA", "ETLS"}});
    return d;
  }
};

std::string JwsOf(const std::string& doc) {
  auto v = boost::json::parse(doc);
  return std::string(v.as_object().at("jws").as_string());
}

std::string WithJws(const std::string& doc, const std::string& jws) {
  auto v = boost::json::parse(doc);
  v.as_object()["jws"] = jws;
  return boost::json::serialize(v);
}

TEST(SignedTrustList, SignVerifyRoundTrip) {
  Pki pki;
  TrustListDocument doc = pki.Doc(3);
  // A second, revoked signer.
  auto other = SigningKey::Generate();
  Bytes other_cert = *MakeSignerCertificate(pki.root, pki.root_cert, *other, "Old", "ML", kNow, kNow + 86400);
  doc.entries.push_back(
      {KidOf(other_cert), other_cert, SignerRevocation{kNow + 100, "clé compromise \"x\""}, {"ETLS"}});
  auto signed_doc = SignTrustList(doc, pki.root, pki.root_cert);
  ASSERT_TRUE(signed_doc) << signed_doc.error().message;
  EXPECT_EQ(signed_doc->rfind("{\"format\":2,\"version\":3,\"issuer\":\"ML\",\"issued_at\":\"", 0), 0u);
  EXPECT_EQ(*TrustListFormat(*signed_doc), 2);
  EXPECT_EQ(*EmbeddedTrustListRoot(*signed_doc), pki.root_cert);

  auto v = VerifySignedTrustList(*signed_doc, pki.root_cert);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->document.version, 3);
  EXPECT_EQ(v->document.issuer, "ML");
  EXPECT_EQ(v->document.issued_at, kNow + 60);
  ASSERT_EQ(v->document.entries.size(), 2u);
  EXPECT_EQ(v->payload, *TrustListPayload(doc));
  for (const auto& e : v->document.entries) {
    if (e.certificate_der == pki.signer_cert) {
      EXPECT_EQ(e.types, (std::vector<std::string>{"ETLS", "UEMOA"}));  // sorted
      EXPECT_FALSE(e.revocation);
    } else {
      ASSERT_TRUE(e.revocation);
      EXPECT_EQ(e.revocation->revoked_at, kNow + 100);
      EXPECT_EQ(e.revocation->reason, "clé compromise \"x\"");
    }
  }
  // Deterministic payload; the JWS header is exactly as documented.
  EXPECT_EQ(*TrustListPayload(doc), *TrustListPayload(doc));
  const std::string jws = JwsOf(*signed_doc);
  auto header = encoding::FromBase64Url(jws.substr(0, jws.find('.')));
  EXPECT_EQ(std::string(header->begin(), header->end()), "{\"alg\":\"ES256\",\"kid\":\"" +
                                                             encoding::Base64(KidOf(pki.root_cert)) +
                                                             "\",\"typ\":\"origine-trust-list+jws\"}");
  // The interop shape: certificates[].kid/certificate still read as format 1 fields.
  auto outer = boost::json::parse(*signed_doc).as_object();
  EXPECT_EQ(outer.at("certificates").as_array().size(), 2u);
  EXPECT_TRUE(outer.at("certificates").as_array()[0].as_object().contains("kid"));
}

TEST(SignedTrustList, TamperedWrongRootAndBadEntries) {
  Pki pki;
  std::string doc = *SignTrustList(pki.Doc(1), pki.root, pki.root_cert);
  const std::string jws = JwsOf(doc);
  const size_t d1 = jws.find('.'), d2 = jws.rfind('.');

  auto expect_fail = [&](const std::string& text, const std::string& fragment, const Bytes& root) {
    auto r = VerifySignedTrustList(text, root);
    ASSERT_FALSE(r) << fragment;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_TRUE(r.error().code.starts_with("trust_list.")) << r.error().code;
    EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
  };
  // Payload changed (a signer added / version bumped): the signature fails.
  auto payload = encoding::FromBase64Url(jws.substr(d1 + 1, d2 - d1 - 1));
  std::string p(payload->begin(), payload->end());
  p.replace(p.find("\"version\":1"), 11, "\"version\":9");
  expect_fail(WithJws(doc, jws.substr(0, d1 + 1) + encoding::Base64Url(ToBytes(p)) + jws.substr(d2)), "does not verify",
              pki.root_cert);
  // Signature flipped.
  std::string bad_sig = jws;
  bad_sig[bad_sig.size() - 2] = bad_sig[bad_sig.size() - 2] == 'A' ? 'B' : 'A';
  expect_fail(WithJws(doc, bad_sig), "does not verify", pki.root_cert);
  EXPECT_THAT(VerifySignedTrustList(WithJws(doc, bad_sig), pki.root_cert), testkit::IsError("trust_list.signature"));
  // Another root: refused by kid, and by signature if the kid were forged.
  Pki other;
  expect_fail(doc, "another root", other.root_cert);
  EXPECT_THAT(VerifySignedTrustList(doc, other.root_cert), testkit::IsError("trust_list.root"));
  // A list signed by another root that carries our signer.
  std::string foreign = *SignTrustList(pki.Doc(1), other.root, other.root_cert);
  expect_fail(foreign, "not issued by the root", other.root_cert);
  // Not a JWS, bad base64url, wrong header fields.
  expect_fail(WithJws(doc, "abc"), "three parts", pki.root_cert);
  EXPECT_THAT(VerifySignedTrustList(WithJws(doc, "abc"), pki.root_cert), testkit::IsError("trust_list.jws"));
  expect_fail(WithJws(doc, "a+b.c.d"), "base64url", pki.root_cert);
  auto with_header = [&](const std::string& h) {
    return WithJws(doc, encoding::Base64Url(ToBytes(h)) + jws.substr(d1));
  };
  expect_fail(with_header("{\"alg\":\"none\",\"kid\":\"" + encoding::Base64(KidOf(pki.root_cert)) +
                          "\",\"typ\":\"origine-trust-list+jws\"}"),
              "alg must be ES256", pki.root_cert);
  expect_fail(
      with_header("{\"alg\":\"ES256\",\"kid\":\"" + encoding::Base64(KidOf(pki.root_cert)) + "\",\"typ\":\"JWT\"}"),
      "typ must be", pki.root_cert);
  expect_fail("{\"format\":2}", "\"jws\" is missing", pki.root_cert);

  // The outer copy is ignored: changing it does not change what verifies.
  auto outer = boost::json::parse(doc);
  outer.as_object()["version"] = 99;
  outer.as_object()["certificates"] = boost::json::array{};
  auto v = VerifySignedTrustList(boost::json::serialize(outer), pki.root_cert);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->document.version, 1);
  EXPECT_EQ(v->document.entries.size(), 1u);

  // What cannot be signed.
  TrustListDocument d = pki.Doc(0);
  EXPECT_FALSE(SignTrustList(d, pki.root, pki.root_cert));  // version 0
  d = pki.Doc(1);
  d.entries[0].types.clear();
  EXPECT_FALSE(SignTrustList(d, pki.root, pki.root_cert));
  d = pki.Doc(1);
  d.entries[0].revocation = SignerRevocation{kNow, ""};
  EXPECT_FALSE(SignTrustList(d, pki.root, pki.root_cert));
  d = pki.Doc(1);
  d.issuer = "ml";
  EXPECT_FALSE(SignTrustList(d, pki.root, pki.root_cert));
  EXPECT_FALSE(SignTrustList(pki.Doc(1), pki.signer, pki.root_cert));  // key is not the root's
  EXPECT_FALSE(TrustListFormat("{\"format\":3}"));
  EXPECT_EQ(*TrustListFormat(TrustListToJson({})), 1);
}

}  // namespace
}  // namespace origine::trust
