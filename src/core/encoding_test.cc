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

TEST(EncodingTest, Sha256OfKnownInputs) {
  EXPECT_EQ(Sha256Hex(std::string_view("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex(std::string_view("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace origine::encoding
