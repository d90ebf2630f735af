#include "trust/base45.h"

#include "testkit/testkit.h"
#include "trust/test_util.h"

namespace origine::trust {
namespace {

using testing::Hex;
using testing::Str;

TEST(Base45, RoundTripsEveryLength) {
  for (size_t n = 0; n < 40; ++n) {
    Bytes data(n);
    for (size_t i = 0; i < n; ++i) data[i] = static_cast<uint8_t>(i * 37 + n);
    std::string text = Base45Encode(data);
    EXPECT_EQ(text.size(), n / 2 * 3 + n % 2 * 2);
    auto back = Base45Decode(text);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, data);
  }
}

TEST(Base45, RejectsStrictCases) {
  EXPECT_FALSE(Base45Decode("GGW"));  // 65536
  EXPECT_FALSE(Base45Decode("V5"));   // 256
  EXPECT_FALSE(Base45Decode("A"));    // dangling
  EXPECT_FALSE(Base45Decode("bb8"));  // lowercase
  EXPECT_FALSE(Base45Decode(std::string("BB\0", 3)));
  EXPECT_THAT(Base45Decode("BB#"), testkit::IsError("qr.base45"));
  EXPECT_THAT(Base45Decode("A"), testkit::IsError("qr.base45"));
}

TEST(Base45, Rfc9285Vectors) {
  TESTKIT_REQUIRE_VECTORS(dir);
  boost::json::value doc = testkit::ReadJsonFile(dir / "derived" / "base45_rfc9285.json");
  int valid = 0, invalid = 0;
  for (const auto& v : doc.at("valid").as_array()) {
    Bytes bytes = Hex(Str(v.at("bytes_hex")));
    std::string b45 = Str(v.at("base45"));
    EXPECT_EQ(Base45Encode(bytes), b45) << Str(v.at("source"));
    auto decoded = Base45Decode(b45);
    ASSERT_TRUE(decoded) << Str(v.at("source")) << ": " << decoded.error().message;
    EXPECT_EQ(*decoded, bytes) << Str(v.at("source"));
    ++valid;
  }
  for (const auto& v : doc.at("invalid").as_array()) {
    auto decoded = Base45Decode(Str(v.at("base45")));
    EXPECT_FALSE(decoded) << "accepted invalid '" << Str(v.at("base45")) << "': " << Str(v.at("why"));
    ++invalid;
  }
  EXPECT_GE(valid, 9);
  EXPECT_GE(invalid, 7);
}

}  // namespace
}  // namespace origine::trust
