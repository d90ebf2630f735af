// Wycheproof ECDSA P-256 / SHA-256 with IEEE P1363 (r||s) signatures: the
// exact ES256 signature format of COSE.
#include "trust/keys.h"
#include "trust/test_util.h"

namespace origine::trust {
namespace {

using testing::Hex;
using testing::Str;

TEST(Wycheproof, EcdsaP256Sha256P1363) {
  TESTKIT_REQUIRE_VECTORS(dir);
  boost::json::value doc =
      testkit::ReadJsonFile(dir / "wycheproof" / "testvectors_v1" / "ecdsa_secp256r1_sha256_p1363_test.json");
  int valid = 0, invalid = 0, acceptable = 0;
  for (const auto& group : doc.at("testGroups").as_array()) {
    ASSERT_EQ(Str(group.at("sha")), "SHA-256");
    Bytes spki = Hex(Str(group.at("publicKeyDer")));
    for (const auto& t : group.at("tests").as_array()) {
      const std::string result = Str(t.at("result"));
      bool ok = VerifyEs256WithSpki(spki, Hex(Str(t.at("msg"))), Hex(Str(t.at("sig"))));
      const auto id = t.at("tcId").as_int64();
      if (result == "valid") {
        EXPECT_TRUE(ok) << "tcId " << id << ": " << Str(t.at("comment"));
        ++valid;
      } else if (result == "invalid") {
        EXPECT_FALSE(ok) << "tcId " << id << ": " << Str(t.at("comment"));
        ++invalid;
      } else {
        ++acceptable;
      }
    }
  }
  EXPECT_EQ(valid + invalid + acceptable, doc.at("numberOfTests").as_int64());
  std::cout << "wycheproof p1363: " << valid << " valid, " << invalid << " invalid, " << acceptable << " acceptable\n";
}

}  // namespace
}  // namespace origine::trust
