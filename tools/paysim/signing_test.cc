// Callback authentication formats against vectors computed independently
// with `openssl dgst -sha256 -hmac` from the formulas of payments.md.
#include "paysim/signing.h"

#include <gtest/gtest.h>

namespace origine::paysim {
namespace {

TEST(Signing, HmacMatchesRfc4231TestCase2) {
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Signing, WaveSignatureIsHmacOfTimestampThenRawBody) {
  // printf '%s' '1639081943{"id":...}' | openssl dgst -sha256 -hmac paysim-wave-webhook-secret
  EXPECT_EQ(WaveSignatureHeader("paysim-wave-webhook-secret", 1639081943,
                                R"({"id":"AE_test","type":"checkout.session.completed"})"),
            "t=1639081943,v1=eb3a793d300dbe9b721f5de7ec7db969def4f0ddfedbd778fc96a1319bb958d8");
  // Any change of key, time or body changes the signature.
  EXPECT_NE(WaveSignatureHeader("other", 1639081943, R"({"id":"AE_test","type":"checkout.session.completed"})"),
            WaveSignatureHeader("paysim-wave-webhook-secret", 1639081943,
                                R"({"id":"AE_test","type":"checkout.session.completed"})"));
  EXPECT_NE(WaveSignatureHeader("k", 1, "{}"), WaveSignatureHeader("k", 2, "{}"));
  EXPECT_NE(WaveSignatureHeader("k", 1, "{}"), WaveSignatureHeader("k", 1, "{ }"));
}

TEST(Signing, CinetPayTokenConcatenatesTheSixteenFieldsInOrder) {
  std::map<std::string, std::string> f = {{"cpm_site_id", "100001"},
                                          {"cpm_trans_id", "ORIG-1"},
                                          {"cpm_trans_date", "20261127080000"},
                                          {"cpm_amount", "5000"},
                                          {"cpm_currency", "XOF"},
                                          {"signature", "tok"},
                                          {"payment_method", "MOOVML"},
                                          {"cel_phone_num", "70000000"},
                                          {"cpm_phone_prefixe", "223"},
                                          {"cpm_language", "fr"},
                                          {"cpm_version", "V4"},
                                          {"cpm_payment_config", "SINGLE"},
                                          {"cpm_page_action", "PAYMENT"},
                                          {"cpm_custom", ""},
                                          {"cpm_designation", "Certificat"},
                                          {"cpm_error_message", "SUCCES"},
                                          {"not_signed", "ignored"}};
  // printf '%s' '100001ORIG-1202611270800005000XOFtokMOOVML70000000223frV4SINGLEPAYMENTCertificatSUCCES' | openssl ...
  EXPECT_EQ(CinetPayToken("paysim-cinetpay-secret", f),
            "d5f5b4b1aa10643b30088560be6b03017376e45f0eebe813676bc5974e145963");
  ASSERT_EQ(kCinetPayFields.size(), 16u);
  EXPECT_STREQ(kCinetPayFields.front(), "cpm_site_id");
  EXPECT_STREQ(kCinetPayFields.back(), "cpm_error_message");
  f["cpm_amount"] = "4900";
  EXPECT_NE(CinetPayToken("paysim-cinetpay-secret", f),
            "d5f5b4b1aa10643b30088560be6b03017376e45f0eebe813676bc5974e145963");
}

TEST(Signing, DeriveIsSha256OfSeedLabelAndCounter) {
  // python3: hashlib.sha256(struct.pack('<Q', 42) + b'otp:1').hexdigest()
  auto d = Derive(42, "otp", 1);
  EXPECT_EQ(d[0], 0x8a);
  EXPECT_EQ(d[1], 0x1e);
  EXPECT_EQ(d[31], 0xf5);
  EXPECT_EQ(DeriveText(42, "otp", 1, "0123456789", 6), DeriveText(42, "otp", 1, "0123456789", 6));
  EXPECT_NE(DeriveText(42, "otp", 1, "0123456789abcdef", 16), DeriveText(43, "otp", 1, "0123456789abcdef", 16));
  EXPECT_NE(DeriveText(42, "otp", 1, "0123456789abcdef", 16), DeriveText(42, "otp", 2, "0123456789abcdef", 16));
}

}  // namespace
}  // namespace origine::paysim
