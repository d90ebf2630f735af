#include "trust/cose.h"

#include "trust/test_util.h"

namespace origine::trust {
namespace {

using testing::Hex;
using testing::Str;

TEST(Cose, SignParseVerifyRoundTrip) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key);
  Bytes kid = Hex("0102030405060708");
  Bytes payload = ToBytes("payload");
  auto cose = SignSign1(payload, *key, kid);
  ASSERT_TRUE(cose) << cose.error().message;
  // 18([h'a2012604480102030405060708', {}, h'7061796c6f6164', sig])
  EXPECT_EQ(encoding::Hex(Bytes(cose->begin(), cose->begin() + 17)), "d2844da2012604480102030405060708a0");
  auto msg = ParseSign1(*cose);
  ASSERT_TRUE(msg) << msg.error().message;
  EXPECT_EQ(encoding::Hex(msg->protected_bstr), "a2012604480102030405060708");
  EXPECT_EQ(msg->alg, -7);
  EXPECT_EQ(msg->kid, kid);
  EXPECT_EQ(msg->payload, payload);
  EXPECT_EQ(msg->signature.size(), 64u);
  EXPECT_TRUE(VerifySign1Es256(*msg, key->PublicKeySpkiDer()));
  EXPECT_FALSE(VerifySign1Es256(*msg, key->PublicKeySpkiDer(), Hex("00")));
  auto other = SigningKey::Generate();
  EXPECT_FALSE(VerifySign1Es256(*msg, other->PublicKeySpkiDer()));
}

TEST(Cose, SigStructureBytes) {
  EXPECT_EQ(encoding::Hex(SigStructure(Hex("a10126"), {}, ToBytes("A"))),
            "846a5369676e61747572653143a101264041"
            "41");
}

TEST(Cose, ParseRejects) {
  EXPECT_FALSE(ParseSign1({}));
  EXPECT_FALSE(ParseSign1(Hex("d28340a04040")));                // 3 elements
  EXPECT_FALSE(ParseSign1(Hex("d8628440a0404040")));            // tag 98 (COSE_Sign)
  EXPECT_FALSE(ParseSign1(Hex("d284a0a0404040")));              // protected not bstr
  EXPECT_FALSE(ParseSign1(Hex("d28440a0f640")));                // detached payload
  EXPECT_FALSE(ParseSign1(Hex("d2844101a0404040")));            // protected not a map
  EXPECT_FALSE(ParseSign1(Hex("d28445a201260126a0404040")));    // duplicate alg label
  EXPECT_FALSE(ParseSign1(Hex("d28446a10163616263a0404040")));  // alg is text
  EXPECT_FALSE(ParseSign1(Hex("d28443a10401a0404040")));        // kid is not a bstr
  EXPECT_FALSE(ParseSign1(Hex("d28440a040404000")));            // trailing byte
}

TEST(Cose, ParseAcceptsUntaggedAndCwt) {
  // [h'a10126', {4: h'3131'}, h'', h'']
  auto plain = ParseSign1(Hex("8443a10126a1044231314040"));
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_EQ(plain->alg, -7);
  EXPECT_EQ(plain->kid, ToBytes("11"));
  auto cwt = ParseSign1(Hex("d83dd28443a10126a1044231314040"));
  ASSERT_TRUE(cwt) << cwt.error().message;
  auto cwt_untagged = ParseSign1(Hex("d83d8443a10126a1044231314040"));
  ASSERT_TRUE(cwt_untagged);
  EXPECT_FALSE(ParseSign1(Hex("d2d83d8443a10126a1044231314040")));  // 18(61(...))
  // Protected kid wins over unprotected kid.
  auto both = ParseSign1(Hex("d28446a2012604413aa1044231314040"));
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(both->kid, Hex("3a"));
}

// ---- cose-wg/Examples ----

// Builds a P-256 SPKI from JWK x/y (base64url).
Bytes SpkiFromJwk(const boost::json::value& key) {
  Bytes spki = Hex("3059301306072a8648ce3d020106082a8648ce3d03010703420004");
  Bytes x = testing::Base64Url(Str(key.at("x")));
  Bytes y = testing::Base64Url(Str(key.at("y")));
  spki.insert(spki.end(), x.begin(), x.end());
  spki.insert(spki.end(), y.begin(), y.end());
  return spki;
}

struct CoseCase {
  std::string file;
  bool must_verify;
};

// Result of running one example through our verifier: parse, then ES256 check
// with the example's key and external AAD.
bool RunExample(const boost::json::value& doc, std::string* tbs_hex) {
  Bytes cose = Hex(Str(doc.at("output").at("cbor")));
  auto msg = ParseSign1(cose);
  if (!msg) return false;
  const auto& sign0 = doc.at("input").at("sign0");
  Bytes external;
  if (const auto* e = sign0.as_object().if_contains("external")) external = Hex(Str(*e));
  *tbs_hex = encoding::Hex(SigStructure(msg->protected_bstr, external, msg->payload));
  const auto& key = sign0.at("key");
  if (Str(key.at("crv")) != "P-256") return VerifySign1Es256(*msg, {}, external);
  return VerifySign1Es256(*msg, SpkiFromJwk(key), external);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(CoseVectors, CoseWgExamples) {
  TESTKIT_REQUIRE_VECTORS(dir);
  const std::filesystem::path base = dir / "cose-wg-examples";
  // must_verify=false covers the sign-fail cases (fail: true) and the cases
  // rejected by policy (testdata/REJECTED_VECTORS.md).
  const std::vector<CoseCase> cases = {
      {"sign1-tests/sign-pass-02.json", true},
      {"sign1-tests/sign-pass-03.json", true},
      {"ecdsa-examples/ecdsa-sig-01.json", true},
      {"sign1-tests/sign-fail-01.json", false},
      {"sign1-tests/sign-fail-02.json", false},
      {"sign1-tests/sign-fail-03.json", false},
      {"sign1-tests/sign-fail-04.json", false},
      {"sign1-tests/sign-fail-06.json", false},
      {"sign1-tests/sign-fail-07.json", false},
      // Rejected by policy:
      {"sign1-tests/sign-pass-01.json", false},     // alg only in the unprotected header
      {"ecdsa-examples/ecdsa-sig-02.json", false},  // ES384
      {"ecdsa-examples/ecdsa-sig-03.json", false},  // ES512 / P-521
      {"ecdsa-examples/ecdsa-sig-04.json", false},  // ES512 with a P-256 key
  };
  for (const CoseCase& c : cases) {
    SCOPED_TRACE(c.file);
    boost::json::value doc = testkit::ReadJsonFile(base / c.file);
    const bool fail_expected = doc.as_object().contains("fail") && doc.at("fail").as_bool();
    if (c.must_verify) {
      ASSERT_FALSE(fail_expected);
    }
    std::string tbs;
    bool ok = RunExample(doc, &tbs);
    EXPECT_EQ(ok, c.must_verify);
    if (c.must_verify) {
      EXPECT_EQ(tbs, Lower(Str(doc.at("intermediates").at("ToBeSign_hex"))));
    }
  }
  // Every sign1-tests and ecdsa-sig file is listed above.
  size_t listed = 0;
  for (const char* sub : {"sign1-tests", "ecdsa-examples"}) {
    for (const auto& f : std::filesystem::directory_iterator(base / sub)) {
      std::string name = f.path().filename().string();
      if (std::string(sub) == "ecdsa-examples" && name.rfind("ecdsa-sig-", 0) != 0) continue;
      ++listed;
    }
  }
  EXPECT_EQ(listed, cases.size());
}

}  // namespace
}  // namespace origine::trust
