#include "core/encoding.h"

#include <gtest/gtest.h>

namespace origine::encoding {
namespace {

std::string Text(const Bytes& b) { return std::string(b.begin(), b.end()); }

// RFC 4648 §10 test vectors.
TEST(EncodingTest, Rfc4648Vectors) {
  const std::pair<const char*, const char*> b64[] = {{"", ""},
                                                     {"f", "Zg=="},
                                                     {"fo", "Zm8="},
                                                     {"foo", "Zm9v"},
                                                     {"foob", "Zm9vYg=="},
                                                     {"fooba", "Zm9vYmE="},
                                                     {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, enc] : b64) {
    EXPECT_EQ(Base64(std::string_view(plain)), enc);
    auto back = FromBase64(enc);
    ASSERT_TRUE(back) << enc;
    EXPECT_EQ(Text(*back), plain);
  }
  EXPECT_EQ(Hex(std::string_view("foobar")), "666f6f626172");
  EXPECT_EQ(Text(*FromHex("666F6F626172")), "foobar");
}

TEST(EncodingTest, Base64UrlHasNoPaddingAndTheUrlAlphabet) {
  const std::string bytes = "\xfb\xff\xfe";
  EXPECT_EQ(Base64(std::string_view(bytes)), "+//+");
  EXPECT_EQ(Base64Url(std::string_view(bytes)), "-__-");
  EXPECT_EQ(Base64Url(std::string_view("f")), "Zg");
  EXPECT_EQ(Text(*FromBase64Url("Zg")), "f");
}

TEST(EncodingTest, DecodersAreStrict) {
  for (const char* bad : {"Zg", "Zg=", "Zh==", "Z g==", "Zm9v\n", "-__-", "Zm9v===="}) {
    auto r = FromBase64(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "encoding.base64");
  }
  for (const char* bad : {"Zg==", "Zh", "+//+", "Z", "Zg "}) EXPECT_FALSE(FromBase64Url(bad)) << bad;
  for (const char* bad : {"abc", "zz", "0x00", "00 "}) EXPECT_FALSE(FromHex(bad)) << bad;
}

// What the trust module's decoders refused (trust lists, JWS, key files):
// every decoder is strict, so a signed document has exactly one encoding.
TEST(EncodingTest, Base64RefusesEverythingButTheCanonicalForm) {
  for (const char* bad : {
           "Zg=",       // length not a multiple of 4
           "Zg",        // padding missing
           "Zh==",      // non-zero bits under the padding (one byte)
           "Zm9=",      // non-zero bits under the padding (two bytes)
           "Zg==Zg==",  // padding in the middle
           "=Zg=",      // padding first
           "Z===",      // too much padding
           "Zm9v\r\n",  // whitespace
           " Zm9v",
           "Zm-v",  // base64url alphabet
           "Zm_v",
           "Zm9v!===",
       }) {
    auto r = FromBase64(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(r.error().code, "encoding.base64") << bad;
  }
  EXPECT_TRUE(FromBase64("")->empty());
  EXPECT_EQ(Hex(*FromBase64("+/+/")), "fbffbf");
}

TEST(EncodingTest, Base64UrlIsUnpaddedAndStrict) {
  // JWS (RFC 7515 appendix C): base64url without padding.
  const Bytes jws_example = {3, 236, 255, 224, 193};
  EXPECT_EQ(Base64Url(jws_example), "A-z_4ME");
  EXPECT_EQ(*FromBase64Url("A-z_4ME"), jws_example);
  EXPECT_TRUE(FromBase64Url("")->empty());
  for (const char* bad : {
           "A-z_4ME=",  // padding
           "A+z/4ME",   // standard alphabet
           "Z",         // impossible length (4n + 1)
           "Zh",        // non-zero unused bits
           "Zm9 v",     // whitespace
           "Zm9v\n",
       }) {
    auto r = FromBase64Url(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "encoding.base64url") << bad;
  }
}

// The transparency log's text formats (C2SP signed-note, tlog-checkpoint):
// key material, signatures and roots are standard padded base64.
TEST(EncodingTest, C2spNoteAndCheckpointEncodings) {
  // The key pair and signature published with golang.org/x/mod/sumdb/note.
  auto vkey = FromBase64("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  ASSERT_TRUE(vkey);
  ASSERT_EQ(vkey->size(), 33u);
  EXPECT_EQ((*vkey)[0], 0x01);  // Ed25519
  EXPECT_EQ(Base64(*vkey), "ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  auto sig = FromBase64("x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=");
  ASSERT_TRUE(sig);
  ASSERT_EQ(sig->size(), 4u + 64u);  // key ID, then the signature
  EXPECT_EQ(Hex(std::span<const uint8_t>(sig->data(), 4)), "c74f20a3");
  // A checkpoint root: 32 bytes, 44 characters with one '='; the same root with
  // the unused bits set is another string for the same bytes, and is refused.
  const Bytes root(32, 1);
  const std::string text = Base64(root);
  ASSERT_EQ(text, "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=");
  EXPECT_EQ(*FromBase64(text), root);
  EXPECT_FALSE(FromBase64("AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQF="));
  EXPECT_EQ(FromBase64(text.substr(0, 40))->size(), 30u);  // a short root decodes, the caller checks 32
}

TEST(EncodingTest, HexIsLowerCaseOutEitherCaseIn) {
  const Bytes bytes = {0x00, 0x7f, 0x80, 0xab, 0xff};
  EXPECT_EQ(Hex(bytes), "007f80abff");
  EXPECT_EQ(*FromHex("007F80ABFF"), bytes);
  EXPECT_EQ(*FromHex("007f80abff"), bytes);
  EXPECT_TRUE(FromHex("")->empty());
  for (const char* bad : {"0", "abc", "g0", "0x00", " 00", "00 ", "0-"}) {
    auto r = FromHex(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "encoding.hex") << bad;
  }
}

TEST(EncodingTest, Sha256OfKnownInputs) {
  EXPECT_EQ(Sha256Hex(std::string_view("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex(std::string_view("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace origine::encoding
