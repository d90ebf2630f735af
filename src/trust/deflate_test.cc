#include "trust/deflate.h"

#include <gtest/gtest.h>

namespace origine::trust {
namespace {

Bytes Sample() {
  Bytes b;
  for (int i = 0; i < 1000; ++i) b.push_back(static_cast<uint8_t>(i % 17));
  return b;
}

TEST(Deflate, RoundTrip) {
  Bytes data = Sample();
  Bytes z = ZlibCompress(data);
  EXPECT_LT(z.size(), data.size());
  EXPECT_EQ(z[0], 0x78);
  EXPECT_EQ(z[1], 0xda);  // level 9
  auto back = ZlibDecompress(z);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, data);
}

TEST(Deflate, EmptyRoundTrip) {
  auto back = ZlibDecompress(ZlibCompress({}));
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->empty());
}

TEST(Deflate, RejectsTruncated) {
  Bytes z = ZlibCompress(Sample());
  for (size_t cut : {size_t{0}, size_t{1}, size_t{2}, z.size() / 2, z.size() - 1}) {
    Bytes t(z.begin(), z.begin() + static_cast<long>(cut));
    EXPECT_FALSE(ZlibDecompress(t)) << "cut at " << cut;
  }
}

TEST(Deflate, RejectsCorrupt) {
  Bytes z = ZlibCompress(Sample());
  z[z.size() - 2] ^= 0x01;  // Adler-32
  EXPECT_FALSE(ZlibDecompress(z));
  Bytes raw = Sample();  // not zlib at all
  EXPECT_FALSE(ZlibDecompress(raw));
}

TEST(Deflate, RejectsTrailingGarbage) {
  Bytes z = ZlibCompress(Sample());
  z.push_back(0);
  auto r = ZlibDecompress(z);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("follow"), std::string::npos);
}

TEST(Deflate, RejectsZipBomb) {
  Bytes zeros(size_t{10} * 1024 * 1024, 0);
  Bytes z = ZlibCompress(zeros);
  EXPECT_LT(z.size(), 20000u);
  auto r = ZlibDecompress(z, 65536);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("limit"), std::string::npos);
  EXPECT_TRUE(ZlibDecompress(ZlibCompress(Bytes(65536, 0)), 65536));
  EXPECT_FALSE(ZlibDecompress(ZlibCompress(Bytes(65537, 0)), 65536));
}

}  // namespace
}  // namespace origine::trust
