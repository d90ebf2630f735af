#include "tlog/tiles.h"

#include <charconv>
#include <cstring>

namespace origine::tlog {
namespace {

Result<uint64_t> ParseDecimal(std::string_view s, bool allow_leading_zero) {
  if (s.empty()) return Error::Invalid("tlog.tile_path"_code, "empty number in tile path");
  if (!allow_leading_zero && s.size() > 1 && s[0] == '0')
    return Error::Invalid("tlog.tile_path"_code, "leading zero in tile path");
  for (char c : s)
    if (c < '0' || c > '9') return Error::Invalid("tlog.tile_path"_code, "non-digit in tile path");
  uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size())
    return Error::Invalid("tlog.tile_path"_code, "number out of range in tile path");
  return v;
}

}  // namespace

std::string TilePath(const Tile& tile) {
  std::string path = "tile/";
  path += tile.level == kEntriesLevel ? std::string("entries") : std::to_string(tile.level);
  // N in 3-digit groups: x001/x234/067.
  std::string digits = std::to_string(tile.index);
  while (digits.size() % 3 != 0) digits.insert(digits.begin(), '0');
  for (size_t i = 0; i < digits.size(); i += 3) {
    path += i + 3 < digits.size() ? "/x" : "/";
    path += digits.substr(i, 3);
  }
  if (!tile.full()) path += ".p/" + std::to_string(tile.width);
  return path;
}

Result<Tile> ParseTilePath(std::string_view path) {
  if (!path.starts_with("tile/")) return Error::Invalid("tlog.tile_path"_code, "tile path must start with tile/");
  path.remove_prefix(5);
  Tile tile;
  size_t slash = path.find('/');
  if (slash == std::string_view::npos) return Error::Invalid("tlog.tile_path"_code, "tile path has no index");
  std::string_view level = path.substr(0, slash);
  path.remove_prefix(slash + 1);
  if (level == "entries") {
    tile.level = kEntriesLevel;
  } else {
    ASSIGN_OR_RETURN(uint64_t l, ParseDecimal(level, false));
    if (l > 63) return Error::Invalid("tlog.tile_path"_code, "tile level must be 0..63");
    tile.level = static_cast<int>(l);
  }
  // Partial suffix.
  const size_t p = path.find(".p/");
  if (p != std::string_view::npos) {
    ASSIGN_OR_RETURN(uint64_t w, ParseDecimal(path.substr(p + 3), false));
    if (w < 1 || w > 255) return Error::Invalid("tlog.tile_path"_code, "partial tile width must be 1..255");
    tile.width = static_cast<uint32_t>(w);
    path = path.substr(0, p);
  }
  // Index groups.
  std::string digits;
  while (true) {
    slash = path.find('/');
    std::string_view group = path.substr(0, slash);
    const bool last = slash == std::string_view::npos;
    if (!last) {
      if (!group.starts_with("x"))
        return Error::Invalid("tlog.tile_path"_code, "tile index groups but the last must start with x");
      group.remove_prefix(1);
    }
    if (group.size() != 3) return Error::Invalid("tlog.tile_path"_code, "tile index groups must have 3 digits");
    for (char c : group)
      if (c < '0' || c > '9') return Error::Invalid("tlog.tile_path"_code, "tile index must be decimal");
    digits += group;
    if (last) break;
    path.remove_prefix(slash + 1);
  }
  if (digits.size() > 3 && digits.substr(0, 3) == "000")
    return Error::Invalid("tlog.tile_path"_code, "tile index has a leading zero group");
  if (digits.size() > 21) return Error::Invalid("tlog.tile_path"_code, "tile index out of range");
  ASSIGN_OR_RETURN(tile.index, ParseDecimal(digits, true));
  return tile;
}

uint64_t HashesAtLevel(int level, uint64_t size) {
  if (level <= 0) return size;
  const int shift = kTileHeight * level;
  return shift >= 64 ? 0 : size >> shift;
}

Result<Tile> TileAt(int level, uint64_t index, uint64_t size) {
  const uint64_t count = HashesAtLevel(level, size);
  const uint64_t start = index * kTileWidth;
  if (index > (UINT64_MAX / kTileWidth) || start >= count)
    return Error::NotFound("tlog.tile_not_found"_code, "tile " + TilePath({level, index, kTileWidth}) +
                                                           " does not exist at tree size " + std::to_string(size));
  Tile t{level, index, kTileWidth};
  if (count - start < kTileWidth) t.width = static_cast<uint32_t>(count - start);
  return t;
}

std::vector<Tile> PartialTiles(uint64_t size) {
  std::vector<Tile> out;
  for (int level = 0; level < 8; ++level) {
    const uint64_t count = HashesAtLevel(level, size);
    if (count == 0) break;
    const uint32_t w = static_cast<uint32_t>(count % kTileWidth);
    if (w != 0) out.push_back({level, count / kTileWidth, w});
  }
  return out;
}

std::string EncodeHashTile(std::span<const Hash> hashes) {
  std::string out;
  out.reserve(hashes.size() * kHashSize);
  for (const Hash& h : hashes) out.append(reinterpret_cast<const char*>(h.data()), h.size());
  return out;
}

Result<std::vector<Hash>> DecodeHashTile(std::string_view data, uint32_t width) {
  if (width == 0 || width > kTileWidth || data.size() != size_t{width} * kHashSize)
    return Error::Invalid("tlog.tile_content"_code, "tile has " + std::to_string(data.size()) + " bytes, want " +
                                                        std::to_string(size_t{width} * kHashSize));
  std::vector<Hash> out(width);
  for (uint32_t i = 0; i < width; ++i) std::memcpy(out[i].data(), data.data() + size_t{i} * kHashSize, kHashSize);
  return out;
}

Result<std::string> EncodeEntryBundle(std::span<const std::vector<uint8_t>> entries) {
  std::string out;
  for (const auto& e : entries) {
    if (e.size() > kMaxEntrySize)
      return Error::Invalid("tlog.entry_too_large"_code, "log entry is longer than 65535 bytes");
    out += static_cast<char>(e.size() >> 8);
    out += static_cast<char>(e.size() & 0xFF);
    out.append(reinterpret_cast<const char*>(e.data()), e.size());
  }
  return out;
}

Result<std::vector<std::vector<uint8_t>>> DecodeEntryBundle(std::string_view data, uint32_t width) {
  std::vector<std::vector<uint8_t>> out;
  size_t pos = 0;
  while (pos < data.size()) {
    if (data.size() - pos < 2) return Error::Invalid("tlog.tile_content"_code, "truncated entry bundle");
    const size_t len = (size_t{static_cast<uint8_t>(data[pos])} << 8) | static_cast<uint8_t>(data[pos + 1]);
    pos += 2;
    if (data.size() - pos < len) return Error::Invalid("tlog.tile_content"_code, "truncated entry bundle");
    out.emplace_back(reinterpret_cast<const uint8_t*>(data.data()) + pos,
                     reinterpret_cast<const uint8_t*>(data.data()) + pos + len);
    pos += len;
  }
  if (out.size() != width)
    return Error::Invalid("tlog.tile_content"_code,
                          "entry bundle has " + std::to_string(out.size()) + " entries, want " + std::to_string(width));
  return out;
}

Result<const std::vector<Hash>*> TileHashReader::Get(int tile_level, uint64_t tile_index) {
  auto key = std::make_pair(tile_level, tile_index);
  auto it = cache_.find(key);
  if (it != cache_.end()) return &it->second;
  ASSIGN_OR_RETURN(Tile tile, TileAt(tile_level, tile_index, size_));
  ASSIGN_OR_RETURN(std::string data, fetch_(tile));
  ++fetched_;
  ASSIGN_OR_RETURN(auto hashes, DecodeHashTile(data, tile.width));
  return &cache_.emplace(key, std::move(hashes)).first->second;
}

Result<Hash> TileHashReader::NodeAt(int level, uint64_t index) {
  if (level < 0 || level >= 64) return Error::Invalid("tlog.proof_range"_code, "bad tree level");
  const int tile_level = level / kTileHeight;
  const int r = level % kTileHeight;
  // The 2^r hashes at height 8·tile_level under this node; they share a tile.
  const uint64_t first = index << r;
  const uint64_t count = uint64_t{1} << r;
  if ((uint64_t{1} << level) > size_ || index >= (size_ >> level))
    return Error::NotFound("tlog.node_not_found"_code, "node is not a complete subtree of the tree");
  ASSIGN_OR_RETURN(const std::vector<Hash>* tile, Get(tile_level, first / kTileWidth));
  const uint64_t offset = first % kTileWidth;
  if (offset + count > tile->size()) return Error::Invalid("tlog.tile_content"_code, "tile is too narrow");
  const auto from = tile->begin() + static_cast<std::ptrdiff_t>(offset);  // offset + count <= tile->size()
  std::vector<Hash> layer(from, from + static_cast<std::ptrdiff_t>(count));
  while (layer.size() > 1) {
    for (size_t i = 0; i < layer.size() / 2; ++i) layer[i] = NodeHash(layer[2 * i], layer[2 * i + 1]);
    layer.resize(layer.size() / 2);
  }
  return layer[0];
}

}  // namespace origine::tlog
