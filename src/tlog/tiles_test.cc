#include "tlog/tiles.h"

#include <gtest/gtest.h>

namespace origine::tlog {
namespace {

TEST(Tiles, PathEncoding) {
  EXPECT_EQ(TilePath({0, 1234067, 256}), "tile/0/x001/x234/067");
  EXPECT_EQ(TilePath({0, 0, 256}), "tile/0/000");
  EXPECT_EQ(TilePath({1, 5, 256}), "tile/1/005");
  EXPECT_EQ(TilePath({2, 1000, 256}), "tile/2/x001/000");
  EXPECT_EQ(TilePath({0, 273, 112}), "tile/0/273.p/112");
  EXPECT_EQ(TilePath({kEntriesLevel, 1234067, 1}), "tile/entries/x001/x234/067.p/1");
  EXPECT_EQ(TilePath({kEntriesLevel, 7, 256}), "tile/entries/007");
  for (const Tile& t : {Tile{0, 1234067, 256}, Tile{3, 0, 1}, Tile{kEntriesLevel, 999999, 255},
                        Tile{63, 18446744073709551615ULL, 256}, Tile{1, 1000, 17}}) {
    auto parsed = ParseTilePath(TilePath(t));
    ASSERT_TRUE(parsed.ok()) << TilePath(t) << ": " << parsed.error().message;
    EXPECT_EQ(*parsed, t) << TilePath(t);
  }
  for (const char* bad : {"tile/0/1", "tile/0/01", "tile/0/0001", "tile/0/x000/001", "tile/00/000", "tile/64/000",
                          "tile/-1/000", "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/05", "tile/0/x1/000",
                          "tile/0/001/002", "tile/0/x001", "tile/0/000/", "tile/data/000", "tiles/0/000", "tile/0/",
                          "tile/0/000.p/", "tile/0/x018/x446/x744/x073/x709/x551/616"})
    EXPECT_FALSE(ParseTilePath(bad).ok()) << bad;
}

TEST(Tiles, SpecExampleSizes) {
  // tlog-tiles: size 70,000 = 273 full level-0 tiles + one of width 112, one
  // full level-1 tile + one of width 17, and a level-2 tile of width 1.
  std::vector<Tile> want{{0, 273, 112}, {1, 1, 17}, {2, 0, 1}};
  EXPECT_EQ(PartialTiles(70000), want);
  EXPECT_EQ(*TileAt(0, 272, 70000), (Tile{0, 272, 256}));
  EXPECT_EQ(*TileAt(1, 0, 70000), (Tile{1, 0, 256}));
  EXPECT_EQ(TileAt(0, 274, 70000).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(TileAt(3, 0, 70000).error().kind, ErrorKind::kNotFound);
  // Size 256: a full level-0 tile and a level-1 tile of width 1.
  std::vector<Tile> want256{{1, 0, 1}};
  EXPECT_EQ(PartialTiles(256), want256);
  EXPECT_EQ(*TileAt(0, 0, 256), (Tile{0, 0, 256}));
  EXPECT_TRUE(PartialTiles(0).empty());
}

TEST(Tiles, EntryBundles) {
  std::vector<std::vector<uint8_t>> entries{{}, {1, 2, 3}, std::vector<uint8_t>(300, 9)};
  auto bundle = EncodeEntryBundle(entries);
  ASSERT_TRUE(bundle.ok());
  EXPECT_EQ(bundle->substr(0, 5), std::string("\0\0\0\3\1", 5));
  EXPECT_EQ(static_cast<uint8_t>((*bundle)[7]), 1);  // 300 = 0x012c
  EXPECT_EQ(static_cast<uint8_t>((*bundle)[8]), 0x2c);
  EXPECT_EQ(*DecodeEntryBundle(*bundle, 3), entries);
  EXPECT_FALSE(DecodeEntryBundle(*bundle, 2).ok());
  EXPECT_FALSE(DecodeEntryBundle(bundle->substr(0, bundle->size() - 1), 3).ok());
  std::vector<std::vector<uint8_t>> big{std::vector<uint8_t>(65536)};
  EXPECT_FALSE(EncodeEntryBundle(big).ok());
}

Hash LeafN(uint64_t i) {
  uint8_t b[8];
  for (int k = 0; k < 8; ++k) b[k] = static_cast<uint8_t>(i >> (8 * k));
  return LeafHash(b);
}

// Serves tiles of a MemoryTree as a tlog-tiles log would.
Result<std::string> ServeTile(MemoryTree& tree, const Tile& t) {
  const int level = t.level * kTileHeight;
  if (static_cast<size_t>(level) >= tree.levels().size())
    return Error::NotFound("tlog.tile_not_found"_code, "no such level");
  const auto& hashes = tree.levels()[level];
  const uint64_t start = t.index * kTileWidth;
  if (start + t.width > hashes.size()) return Error::NotFound("tlog.tile_not_found"_code, "no such tile");
  return EncodeHashTile(std::span<const Hash>(hashes.data() + start, t.width));
}

TEST(Tiles, TileHashReaderComputesProofs) {
  MemoryTree tree;
  const uint64_t n = 70000;
  for (uint64_t i = 0; i < n; ++i) tree.Append(LeafN(i));
  for (uint64_t size :
       {uint64_t{1}, uint64_t{255}, uint64_t{256}, uint64_t{257}, uint64_t{65536}, uint64_t{69999}, n}) {
    TileHashReader reader(size, [&](const Tile& t) { return ServeTile(tree, t); });
    Hash root = *RootAt(tree, size);
    EXPECT_EQ(*RootAt(reader, size), root) << size;
    for (uint64_t idx : {uint64_t{0}, size / 3, size - 1}) {
      auto want = InclusionProof(tree, idx, size);
      auto got = InclusionProof(reader, idx, size);
      ASSERT_TRUE(got.ok()) << got.error().message;
      EXPECT_EQ(*got, *want);
      EXPECT_TRUE(VerifyInclusion(LeafN(idx), idx, size, *got, root).ok());
    }
    for (uint64_t m : {uint64_t{1}, size / 2 + 1, size}) {
      if (m == 0 || m > size) continue;
      auto got = ConsistencyProof(reader, m, size);
      ASSERT_TRUE(got.ok()) << got.error().message;
      EXPECT_EQ(*got, *ConsistencyProof(tree, m, size));
    }
    EXPECT_LE(reader.fetched(), 40u);
  }
  // A lying server is caught by the root check.
  TileHashReader liar(n, [&](const Tile& t) -> Result<std::string> {
    auto s = ServeTile(tree, t);
    if (s && t.level == 0) (*s)[5] ^= 1;
    return s;
  });
  EXPECT_NE(*RootAt(liar, n), tree.Root());
  // A tile of the wrong length is refused.
  TileHashReader short_tiles(n, [&](const Tile& t) -> Result<std::string> { return std::string(31, 'x'); });
  EXPECT_FALSE(RootAt(short_tiles, n).ok());
}

}  // namespace
}  // namespace origine::tlog
