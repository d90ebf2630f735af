#include "tlog/log.h"

#include <array>
#include <optional>

#include "tlog/log_store.h"

namespace origine::tlog {
namespace {

using store::kMaxNodeIndex;

Result<Hash> StoredHash(std::span<const uint8_t> bytes) {
  auto h = HashFromBytes(bytes);
  if (!h) return Error::Internal("stored log hash is not 32 bytes");
  return h;
}

Error BeyondSize(uint64_t size, uint64_t current) {
  return Error::Invalid("tlog.size"_code,
                        "tree size " + std::to_string(size) + " is beyond the log's size " + std::to_string(current))
      .With("size", std::to_string(size))
      .With("log_size", std::to_string(current));
}

// Reads complete-subtree hashes from the log's tables through `tx`.
class DbHashReader final : public HashReader {
 public:
  explicit DbHashReader(storage::Tx& tx) : tx_(tx) {}
  Result<Hash> NodeAt(int level, uint64_t index) override {
    ASSIGN_OR_RETURN(std::optional<std::vector<uint8_t>> bytes, store::ReadHash(tx_, level, index));
    if (!bytes)
      return Error::Internal("log node (" + std::to_string(level) + ", " + std::to_string(index) + ") is missing");
    return StoredHash(*bytes);
  }

 private:
  storage::Tx& tx_;
};

struct Prepared {
  std::vector<uint8_t> entry;
  Hash leaf_hash;
  std::string_view event;
  std::string certificate_id;
  int64_t time;
};

Result<uint64_t> AppendPrepared(storage::Tx& tx, std::span<const Prepared> items) {
  if (items.empty()) return Error::Invalid("tlog.batch"_code, "nothing to append");
  // Claim the indices first: this row update is what serialises appenders.
  ASSIGN_OR_RETURN(const uint64_t new_size, store::GrowSize(tx, items.size()));
  const uint64_t start = new_size - items.size();
  if (new_size > kMaxNodeIndex) return Error::Internal("transparency log is full");

  DbHashReader reader(tx);
  // The newest node at each level: the left sibling of the next node there.
  std::array<std::optional<std::pair<uint64_t, Hash>>, 64> edge;
  for (size_t i = 0; i < items.size(); ++i) {
    const Prepared& it = items[i];
    const uint64_t idx = start + i;
    RETURN_IF_ERROR(store::InsertLeaf(tx, {idx, it.leaf_hash, it.entry, it.event, it.certificate_id, it.time}));
    Hash cur = it.leaf_hash;
    int level = 0;
    uint64_t j = idx;
    while (j & 1) {
      Hash left;
      if (edge[level] && edge[level]->first == j - 1) {
        left = edge[level]->second;
      } else {
        ASSIGN_OR_RETURN(left, reader.NodeAt(level, j - 1));
      }
      cur = NodeHash(left, cur);
      ++level;
      j >>= 1;
      RETURN_IF_ERROR(store::InsertNode(tx, level, j, cur));
    }
    edge[level] = std::make_pair(j, cur);
  }
  return start;
}

Result<Prepared> Prepare(const LeafRecord& r) {
  Prepared p;
  ASSIGN_OR_RETURN(p.entry, EncodeLeafRecord(r));
  p.leaf_hash = LeafHash(p.entry);
  p.event = EventName(r.event);
  p.certificate_id = r.certificate_id;
  p.time = r.time;
  return p;
}

}  // namespace

Result<uint64_t> Log::Append(storage::Tx& tx, const LeafRecord& record) const {
  ASSIGN_OR_RETURN(Prepared p, Prepare(record));
  return AppendPrepared(tx, std::span<const Prepared>(&p, 1));
}

Result<uint64_t> Log::AppendBatch(storage::Tx& tx, std::span<const LeafRecord> records) const {
  std::vector<Prepared> items;
  items.reserve(records.size());
  for (const LeafRecord& r : records) {
    ASSIGN_OR_RETURN(Prepared p, Prepare(r));
    items.push_back(std::move(p));
  }
  return AppendPrepared(tx, items);
}

Result<uint64_t> Log::AppendEntry(storage::Tx& tx, std::span<const uint8_t> entry, Event event,
                                  std::string_view certificate_id, int64_t time) const {
  if (entry.size() > kMaxEntrySize)
    return Error::Invalid("tlog.entry_too_large"_code, "log entry is longer than 65535 bytes");
  Prepared p{std::vector<uint8_t>(entry.begin(), entry.end()), LeafHash(entry), EventName(event),
             std::string(certificate_id), time};
  return AppendPrepared(tx, std::span<const Prepared>(&p, 1));
}

Result<uint64_t> Log::Size(storage::Tx& tx) const { return store::ReadSize(tx); }

Result<Hash> Log::RootAt(storage::Tx& tx, uint64_t size) const {
  ASSIGN_OR_RETURN(uint64_t current, Size(tx));
  if (size > current) return BeyondSize(size, current);
  DbHashReader reader(tx);
  return tlog::RootAt(reader, size);
}

Result<Checkpoint> Log::Head(storage::Tx& tx) const {
  ASSIGN_OR_RETURN(uint64_t size, Size(tx));
  DbHashReader reader(tx);
  ASSIGN_OR_RETURN(Hash root, tlog::RootAt(reader, size));
  return Checkpoint{origin_, size, root, {}};
}

Result<std::string> Log::SignedCheckpoint(storage::Tx& tx, const NoteSigner& signer) const {
  ASSIGN_OR_RETURN(Checkpoint cp, Head(tx));
  ASSIGN_OR_RETURN(std::string text, FormatCheckpoint(cp));
  return signer.Sign(text);
}

Result<std::vector<Hash>> Log::Inclusion(storage::Tx& tx, uint64_t index, uint64_t size) const {
  ASSIGN_OR_RETURN(uint64_t current, Size(tx));
  if (size > current) return BeyondSize(size, current);
  DbHashReader reader(tx);
  return InclusionProof(reader, index, size);
}

Result<std::vector<Hash>> Log::Consistency(storage::Tx& tx, uint64_t m, uint64_t n) const {
  ASSIGN_OR_RETURN(uint64_t current, Size(tx));
  if (n > current) return BeyondSize(n, current);
  DbHashReader reader(tx);
  return ConsistencyProof(reader, m, n);
}

Result<LogEntry> Log::Entry(storage::Tx& tx, uint64_t index) const {
  auto not_found = [&] {
    return Error::NotFound("tlog.entry_not_found"_code, "no log entry at index " + std::to_string(index))
        .With("index", std::to_string(index));
  };
  if (index > static_cast<uint64_t>(INT64_MAX)) return not_found();
  ASSIGN_OR_RETURN(std::optional<store::StoredLeaf> leaf, store::ReadLeaf(tx, index));
  if (!leaf) return not_found();
  LogEntry e;
  e.index = index;
  e.data = std::move(leaf->entry);
  ASSIGN_OR_RETURN(e.leaf_hash, StoredHash(leaf->leaf_hash));
  return e;
}

Result<std::vector<uint64_t>> Log::FindByCertificate(storage::Tx& tx, std::string_view certificate_id) const {
  return store::FindLeavesByCertificate(tx, certificate_id);
}

Result<std::vector<uint64_t>> Log::FindByEvent(storage::Tx& tx, Event event) const {
  return store::FindLeavesByEvent(tx, EventName(event));
}

Result<std::string> Log::ReadTile(storage::Tx& tx, const Tile& tile) const {
  if (tile.level < kEntriesLevel || tile.level > 63 || tile.width < 1 || tile.width > kTileWidth)
    return Error::Invalid("tlog.tile_path"_code, "bad tile coordinates");
  ASSIGN_OR_RETURN(uint64_t size, Size(tx));
  const uint64_t count = HashesAtLevel(tile.level, size);
  if (tile.index > kMaxNodeIndex / kTileWidth || tile.index * kTileWidth + tile.width > count)
    return Error::NotFound("tlog.tile_not_found"_code,
                           "tile " + TilePath(tile) + " does not exist at tree size " + std::to_string(size));
  const uint64_t start = tile.index * kTileWidth;
  const uint64_t end = start + tile.width;
  std::vector<std::vector<uint8_t>> rows;
  if (tile.level == kEntriesLevel) {
    ASSIGN_OR_RETURN(rows, store::ReadEntries(tx, start, end));
  } else {
    ASSIGN_OR_RETURN(rows, store::ReadHashes(tx, kTileHeight * tile.level, start, end));
  }
  if (rows.size() != tile.width) return Error::Internal("log rows are missing for tile " + TilePath(tile));
  std::string out;
  if (tile.level == kEntriesLevel) {
    for (const auto& e : rows) {
      if (e.size() > kMaxEntrySize) return Error::Internal("stored log entry is too long");
      out += static_cast<char>(e.size() >> 8);
      out += static_cast<char>(e.size() & 0xFF);
      out.append(reinterpret_cast<const char*>(e.data()), e.size());
    }
  } else {
    out.reserve(rows.size() * kHashSize);
    for (const auto& h : rows) {
      if (h.size() != kHashSize) return Error::Internal("stored log hash is not 32 bytes");
      out.append(reinterpret_cast<const char*>(h.data()), h.size());
    }
  }
  return out;
}

Status Log::Check(storage::Tx& tx) const {
  ASSIGN_OR_RETURN(uint64_t size, Size(tx));
  ASSIGN_OR_RETURN(store::LeafStats stats, store::ReadLeafStats(tx));
  if (stats.count != size)
    return Error::Internal("log has " + std::to_string(stats.count) + " leaves but size " + std::to_string(size));
  if (size > 0 && (stats.min_index != 0 || static_cast<uint64_t>(stats.max_index) != size - 1))
    return Error::Internal("log leaf indices are not 0..size-1");
  DbHashReader reader(tx);
  std::vector<std::pair<int, Hash>> stack;  // compact range of the leaves seen so far
  constexpr uint64_t kChunk = 4096;
  for (uint64_t from = 0; from < size; from += kChunk) {
    ASSIGN_OR_RETURN(std::vector<store::StoredLeaf> leaves, store::ReadLeaves(tx, from, from + kChunk));
    uint64_t expect = from;
    for (const auto& row : leaves) {
      if (row.index != expect) return Error::Internal("log leaf indices have a gap");
      ASSIGN_OR_RETURN(Hash leaf, StoredHash(row.leaf_hash));
      if (LeafHash(row.entry) != leaf)
        return Error::Internal("leaf hash of entry " + std::to_string(expect) + " does not match its data");
      std::pair<int, Hash> cur{0, leaf};
      uint64_t j = expect;
      while (j & 1) {
        cur = {cur.first + 1, NodeHash(stack.back().second, cur.second)};
        stack.pop_back();
        j >>= 1;
        ASSIGN_OR_RETURN(Hash stored, reader.NodeAt(cur.first, j));
        if (stored != cur.second)
          return Error::Internal("stored node (" + std::to_string(cur.first) + ", " + std::to_string(j) +
                                 ") does not match its recomputation");
      }
      stack.push_back(cur);
      ++expect;
    }
  }
  uint64_t want_nodes = 0;
  for (int l = 1; l < 64; ++l) want_nodes += size >> l;
  ASSIGN_OR_RETURN(uint64_t nodes, store::CountNodes(tx));
  if (nodes != want_nodes)
    return Error::Internal("log has " + std::to_string(nodes) + " stored nodes, want " + std::to_string(want_nodes));
  return {};
}

}  // namespace origine::tlog
