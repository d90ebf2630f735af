#include "trust/claims.h"

#include <gmock/gmock.h>

#include "trust/cbor_reader.h"
#include "trust/cbor_writer.h"
#include "trust/test_util.h"

namespace origine::trust {
namespace {

using testing::Hex;

Claims Small() {
  Claims c;
  c.issuer_country = "ML";
  c.number = "N1";
  c.regime = "ETLS";
  c.exporter_name = "E";
  c.exporter_nif = "1";
  c.consignee_name = "C";
  c.consignee_country = "SN";
  c.origin_country = "ML";
  c.destination_country = "SN";
  c.issued_at = 1000;
  c.expires_at = 70000;
  c.goods = {{"0101", "2", "t", "5"}};
  c.invoice_reference = "I";
  c.document_hash = Bytes(32, 0xab);
  c.log_index = 24;
  return c;
}

// Written by hand from RFC 8949 §3 and §4.2.1, not by the encoder.
const char* kSmallHex =
    "ad"  // map(13)
    "01"
    "624d4c"  // 1: "ML"
    "02"
    "624e31"  // 2: "N1"
    "03"
    "6445544c53"  // 3: "ETLS"
    "04"
    "a2"
    "01"
    "6145"
    "02"
    "6131"  // 4: {1: "E", 2: "1"}
    "05"
    "a2"
    "01"
    "6143"
    "02"
    "62534e"  // 5: {1: "C", 2: "SN"}
    "06"
    "624d4c"  // 6: "ML"
    "07"
    "62534e"  // 7: "SN"
    "08"
    "1903e8"  // 8: 1000 (2-byte form)
    "09"
    "1a00011170"  // 9: 70000 (4-byte form)
    "0a"
    "81"
    "84"
    "6430313031"
    "6132"
    "6174"
    "6135"  // 10: [["0101","2","t","5"]]
    "0b"
    "6149"  // 11: "I"
    "0c"
    "5820"  // 12: bstr(32)
    "abababababababababababababababababababababababababababababababab"
    "0d"
    "1818";  // 13: 24 (1-byte form)

TEST(Claims, CanonicalEncodingMatchesHandWrittenHex) { EXPECT_EQ(encoding::Hex(EncodeClaims(Small())), kSmallHex); }

TEST(Claims, OmitsAbsentLogIndex) {
  Claims c = Small();
  c.log_index.reset();
  std::string hex = kSmallHex;
  hex = "ac" + hex.substr(2, hex.size() - 2 - 6);
  EXPECT_EQ(encoding::Hex(EncodeClaims(c)), hex);
}

TEST(Claims, RoundTrip) {
  for (int64_t t : {int64_t{0}, int64_t{23}, int64_t{24}, int64_t{1767225600}, int64_t{1} << 40}) {
    Claims c = testing::SampleClaims(t);
    auto back = DecodeClaims(EncodeClaims(c));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, c);
  }
  Claims empty_goods = Small();
  empty_goods.goods.clear();
  empty_goods.log_index.reset();
  auto back = DecodeClaims(EncodeClaims(empty_goods));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, empty_goods);
}

TEST(Claims, IgnoresUnknownKeys) {
  Claims c = Small();
  Bytes canonical = EncodeClaims(c);
  Bytes with_extra = canonical;
  with_extra[0] = 0xae;  // map(14)
  Bytes extra = CborWriter().Uint(99).Tstr("future").bytes();
  with_extra.insert(with_extra.end(), extra.begin(), extra.end());
  auto back = DecodeClaims(with_extra);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, c);
}

TEST(Claims, RejectsBadInput) {
  Bytes good = EncodeClaims(Small());
  auto expect_error = [](const Bytes& b, const std::string& fragment) {
    auto r = DecodeClaims(b);
    ASSERT_FALSE(r) << fragment;
    EXPECT_THAT(r.error().code, ::testing::AnyOf("claims.malformed", "cbor.malformed"));
    EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
  };
  expect_error({}, "CBOR");
  expect_error(Hex("a0"), "key 1 is missing");
  expect_error(Hex("80"), "not a map");
  Bytes trailing = good;
  trailing.push_back(0);
  expect_error(trailing, "follow");
  Bytes truncated(good.begin(), good.end() - 1);
  expect_error(truncated, "CBOR");
  // issuer_country as a byte string instead of text.
  Bytes wrong_type = good;
  wrong_type[2] = 0x42;
  expect_error(wrong_type, "key 1 is not a UTF-8 text string");
  // Invalid UTF-8 in issuer_country (libcbor itself refuses it).
  Bytes bad_utf8 = good;
  bad_utf8[3] = 0xff;
  expect_error(bad_utf8, "CBOR");
  // Duplicate key: replace key 2 by key 1.
  Bytes dup = good;
  dup[5] = 0x01;
  expect_error(dup, "duplicate key 1");
  // document_hash of 31 bytes.
  Claims c = Small();
  c.document_hash.resize(31);
  expect_error(EncodeClaims(c), "key 12");
  // Negative issued_at.
  c = Small();
  c.issued_at = -5;
  expect_error(EncodeClaims(c), "key 8");
  // Indefinite-length map.
  expect_error(Hex("bf01624d4cff"), "indefinite");
  // Deep nesting is refused before libcbor sees it.
  Bytes deep(2000, 0x81);
  deep.push_back(0x00);
  expect_error(deep, "nesting");
  // In an unknown (ignored) key too: a tag, or text that is not UTF-8.
  for (const char* extra_hex : {"1863c16161", "186361ff"}) {
    Bytes extra = good;
    extra[0] = 0xae;  // map(14)
    Bytes tail = Hex(extra_hex);
    extra.insert(extra.end(), tail.begin(), tail.end());
    expect_error(extra, "CBOR");
  }
  // A huge declared array is refused before any allocation.
  expect_error(Hex("9bffffffffffffffff00"), "array declares");
}

TEST(Claims, GoodsLineMustHaveFourTexts) {
  Bytes good = EncodeClaims(Small());
  std::string hex = encoding::Hex(good);
  std::string line =
      "84"
      "6430313031"
      "6132"
      "6174"
      "6135";
  size_t at = hex.find(line);
  ASSERT_NE(at, std::string::npos);
  std::string three = hex;
  three.replace(at, line.size(),
                "83"
                "6430313031"
                "6132"
                "6174");
  auto r = DecodeClaims(Hex(three));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("key 10/0"), std::string::npos) << r.error().message;
}

TEST(CborPrecheck, AcceptsAndRejects) {
  EXPECT_TRUE(CborPrecheck(Hex("83010203"), 4));
  EXPECT_TRUE(CborPrecheck(Hex("a0"), 1));
  EXPECT_TRUE(CborPrecheck(Hex("d28180"), 4));
  EXPECT_FALSE(CborPrecheck(Hex("8301"), 4));
  EXPECT_FALSE(CborPrecheck(Hex("818181818100"), 4));
  EXPECT_FALSE(CborPrecheck(Hex("5f4101ff"), 4));
  EXPECT_FALSE(CborPrecheck(Hex("1c"), 4));
  EXPECT_FALSE(CborPrecheck(Hex(""), 4));
}

}  // namespace
}  // namespace origine::trust
