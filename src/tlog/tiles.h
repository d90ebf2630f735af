// origine/tlog/tiles.h — C2SP tlog-tiles coordinates, paths and content.
//
// A tile at level L (0..63), index N holds up to 256 consecutive Merkle tree
// hashes at tree height 8·L: hash i of tile N is MTH(D[(N·256+i)·256^L :
// (N·256+i+1)·256^L]). Full tiles hold 256 hashes (8192 bytes); for a tree of
// size s the rightmost tile at level L is partial with floor(s/256^L) mod 256
// hashes and is served at ".p/<W>". Level -1 denotes entry bundles: the
// leaves' data, each prefixed by its big-endian uint16 length.
//
//   tile/<L>/<N>[.p/<W>]    e.g. tile/0/x001/x234/067.p/5
//   tile/entries/<N>[.p/<W>]
// N is written in 3-digit groups, all but the last prefixed with 'x'.
//
// TileHashReader turns tiles fetched from any tlog-tiles log into a
// HashReader, so a monitor can compute and check proofs against checkpoints.
//
// Thread-safety: free functions are pure; a TileHashReader is used by one
// thread. Failure: kInvalidArgument for malformed paths or content,
// kNotFound for a tile that does not exist at a tree size.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "tlog/merkle.h"

namespace origine::tlog {

inline constexpr int kTileHeight = 8;
inline constexpr uint32_t kTileWidth = 256;
inline constexpr int kEntriesLevel = -1;
inline constexpr size_t kMaxEntrySize = 0xFFFF;  // uint16 length prefix

struct Tile {
  int level = 0;                // 0..63, or kEntriesLevel for an entry bundle
  uint64_t index = 0;           // N
  uint32_t width = kTileWidth;  // 1..256; 256 = full tile
  bool full() const { return width == kTileWidth; }
  bool operator==(const Tile&) const = default;
};

// "tile/<L>/<N>[.p/<W>]" or "tile/entries/<N>[.p/<W>]" (no leading slash).
std::string TilePath(const Tile& tile);
// Inverse of TilePath, strict (no leading zeros, groups as specified, 1 <= W <= 255).
Result<Tile> ParseTilePath(std::string_view path);

// Number of hashes stored at tile level `level` for a tree of `size`:
// floor(size / 256^level) (entries: level 0).
uint64_t HashesAtLevel(int level, uint64_t size);
// Tile (level, index) as it exists for a tree of `size`: full, or partial
// with its width; kNotFound if it would be empty.
Result<Tile> TileAt(int level, uint64_t index, uint64_t size);
// The partial (rightmost, width < 256) tiles a tree of `size` has, lowest
// level first; these are the tiles a checkpoint of that size makes necessary
// beyond full ones.
std::vector<Tile> PartialTiles(uint64_t size);

// Content of a hash tile: the hashes concatenated.
std::string EncodeHashTile(std::span<const Hash> hashes);
Result<std::vector<Hash>> DecodeHashTile(std::string_view data, uint32_t width);
// Content of an entry bundle; kInvalidArgument if an entry exceeds 65535 bytes.
Result<std::string> EncodeEntryBundle(std::span<const std::vector<uint8_t>> entries);
Result<std::vector<std::vector<uint8_t>>> DecodeEntryBundle(std::string_view data, uint32_t width);

// A HashReader over the tiles of one tree size, fetched on demand through
// `fetch` (e.g. HTTP GET <prefix>/<TilePath(tile)>) and cached. NodeAt hashes
// up to 2^7 tile hashes to reach heights between tile levels. Tiles are not
// trusted: check the results against a signed checkpoint, e.g.
//   RootAt(reader, size) == checkpoint.root, or VerifyConsistency(...).
class TileHashReader final : public HashReader {
 public:
  using Fetch = std::function<Result<std::string>(const Tile& tile)>;
  TileHashReader(uint64_t size, Fetch fetch) : size_(size), fetch_(std::move(fetch)) {}
  Result<Hash> NodeAt(int level, uint64_t index) override;
  size_t fetched() const { return fetched_; }

 private:
  Result<const std::vector<Hash>*> Get(int tile_level, uint64_t tile_index);
  uint64_t size_;
  Fetch fetch_;
  std::map<std::pair<int, uint64_t>, std::vector<Hash>> cache_;
  size_t fetched_ = 0;
};

}  // namespace origine::tlog
