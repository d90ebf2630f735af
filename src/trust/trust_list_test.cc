#include "trust/trust_list.h"

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
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
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

}  // namespace
}  // namespace origine::trust
