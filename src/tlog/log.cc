#include "tlog/log.h"

#include <array>
#include <optional>

namespace origine::tlog {
namespace {

constexpr int kNodeIdShift = 48;
constexpr uint64_t kMaxNodeIndex = (uint64_t{1} << kNodeIdShift) - 1;

int64_t NodeId(int level, uint64_t index) {
  return static_cast<int64_t>((static_cast<uint64_t>(level) << kNodeIdShift) | index);
}

storage::Blob ToBlob(std::span<const uint8_t> b) { return storage::Blob{std::vector<uint8_t>(b.begin(), b.end())}; }

Result<Hash> RowHash(const storage::Row& row, size_t col) {
  auto h = HashFromBytes(row.Bytes(col));
  if (!h) return Error::Internal("stored log hash is not 32 bytes");
  return h;
}

// Reads complete-subtree hashes from the log's tables through `tx`.
class DbHashReader final : public HashReader {
 public:
  explicit DbHashReader(storage::Tx& tx) : tx_(tx) {}
  Result<Hash> NodeAt(int level, uint64_t index) override {
    if (level < 0 || level >= 64 || index > kMaxNodeIndex) return Error::Internal("log node out of range");
    std::vector<storage::Row> rows;
    if (level == 0) {
      ASSIGN_OR_RETURN(rows,
                       tx_.Query("SELECT leaf_hash FROM tlog_leaves WHERE idx = ?", {static_cast<int64_t>(index)}));
    } else {
      ASSIGN_OR_RETURN(rows, tx_.Query("SELECT hash FROM tlog_nodes WHERE id = ?", {NodeId(level, index)}));
    }
    if (rows.empty())
      return Error::Internal("log node (" + std::to_string(level) + ", " + std::to_string(index) + ") is missing");
    return RowHash(rows[0], 0);
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
  if (items.empty()) return Error::Invalid("nothing to append");
  // Claim the indices first: this row update is what serialises appenders.
  ASSIGN_OR_RETURN(auto rows, tx.Query("UPDATE tlog_state SET size = size + ? WHERE id = 1 RETURNING size",
                                       {static_cast<int64_t>(items.size())}));
  if (rows.empty()) return Error::Internal("transparency log tables are missing (migration 100 not applied)");
  const uint64_t new_size = static_cast<uint64_t>(rows[0].Int(0));
  const uint64_t start = new_size - items.size();
  if (new_size > kMaxNodeIndex) return Error::Internal("transparency log is full");

  DbHashReader reader(tx);
  // The newest node at each level: the left sibling of the next node there.
  std::array<std::optional<std::pair<uint64_t, Hash>>, 64> edge;
  for (size_t i = 0; i < items.size(); ++i) {
    const Prepared& it = items[i];
    const uint64_t idx = start + i;
    ASSIGN_OR_RETURN(int64_t n, tx.Exec("INSERT INTO tlog_leaves (idx, leaf_hash, entry, event, certificate_id, "
                                        "logged_at) VALUES (?, ?, ?, ?, ?, ?)",
                                        {static_cast<int64_t>(idx), ToBlob(it.leaf_hash), ToBlob(it.entry),
                                         std::string(it.event), it.certificate_id, it.time}));
    if (n != 1) return Error::Internal("log leaf insert failed");
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
      RETURN_IF_ERROR(tx.Exec("INSERT INTO tlog_nodes (id, hash) VALUES (?, ?)", {NodeId(level, j), ToBlob(cur)}));
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
  if (entry.size() > kMaxEntrySize) return Error::Invalid("log entry is longer than 65535 bytes");
  Prepared p{std::vector<uint8_t>(entry.begin(), entry.end()), LeafHash(entry), EventName(event),
             std::string(certificate_id), time};
  return AppendPrepared(tx, std::span<const Prepared>(&p, 1));
}

Result<uint64_t> Log::Size(storage::Tx& tx) const {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT size FROM tlog_state WHERE id = 1"));
  if (rows.empty()) return Error::Internal("transparency log tables are missing (migration 100 not applied)");
  return static_cast<uint64_t>(rows[0].Int(0));
}

Result<Hash> Log::RootAt(storage::Tx& tx, uint64_t size) const {
  ASSIGN_OR_RETURN(uint64_t current, Size(tx));
  if (size > current)
    return Error::Invalid("tree size " + std::to_string(size) + " is beyond the log's size " + std::to_string(current));
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
  if (size > current)
    return Error::Invalid("tree size " + std::to_string(size) + " is beyond the log's size " + std::to_string(current));
  DbHashReader reader(tx);
  return InclusionProof(reader, index, size);
}

Result<std::vector<Hash>> Log::Consistency(storage::Tx& tx, uint64_t m, uint64_t n) const {
  ASSIGN_OR_RETURN(uint64_t current, Size(tx));
  if (n > current)
    return Error::Invalid("tree size " + std::to_string(n) + " is beyond the log's size " + std::to_string(current));
  DbHashReader reader(tx);
  return ConsistencyProof(reader, m, n);
}

Result<LogEntry> Log::Entry(storage::Tx& tx, uint64_t index) const {
  if (index > static_cast<uint64_t>(INT64_MAX)) return Error::NotFound("no log entry at that index");
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT entry, leaf_hash FROM tlog_leaves WHERE idx = ?", {static_cast<int64_t>(index)}));
  if (rows.empty()) return Error::NotFound("no log entry at index " + std::to_string(index));
  LogEntry e;
  e.index = index;
  e.data = rows[0].Bytes(0);
  ASSIGN_OR_RETURN(e.leaf_hash, RowHash(rows[0], 1));
  return e;
}

Result<std::vector<uint64_t>> Log::FindByCertificate(storage::Tx& tx, std::string_view certificate_id) const {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT idx FROM tlog_leaves WHERE certificate_id = ? ORDER BY idx",
                                       {std::string(certificate_id)}));
  std::vector<uint64_t> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(static_cast<uint64_t>(r.Int(0)));
  return out;
}

Result<std::vector<uint64_t>> Log::FindByEvent(storage::Tx& tx, Event event) const {
  ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT idx FROM tlog_leaves WHERE event = ? ORDER BY idx", {std::string(EventName(event))}));
  std::vector<uint64_t> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(static_cast<uint64_t>(r.Int(0)));
  return out;
}

Result<std::string> Log::ReadTile(storage::Tx& tx, const Tile& tile) const {
  if (tile.level < kEntriesLevel || tile.level > 63 || tile.width < 1 || tile.width > kTileWidth)
    return Error::Invalid("bad tile coordinates");
  ASSIGN_OR_RETURN(uint64_t size, Size(tx));
  const uint64_t count = HashesAtLevel(tile.level, size);
  if (tile.index > kMaxNodeIndex / kTileWidth || tile.index * kTileWidth + tile.width > count)
    return Error::NotFound("tile " + TilePath(tile) + " does not exist at tree size " + std::to_string(size));
  const uint64_t start = tile.index * kTileWidth;
  const uint64_t end = start + tile.width;
  std::vector<storage::Row> rows;
  if (tile.level == kEntriesLevel) {
    ASSIGN_OR_RETURN(rows, tx.Query("SELECT entry FROM tlog_leaves WHERE idx >= ? AND idx < ? ORDER BY idx",
                                    {static_cast<int64_t>(start), static_cast<int64_t>(end)}));
  } else if (tile.level == 0) {
    ASSIGN_OR_RETURN(rows, tx.Query("SELECT leaf_hash FROM tlog_leaves WHERE idx >= ? AND idx < ? ORDER BY idx",
                                    {static_cast<int64_t>(start), static_cast<int64_t>(end)}));
  } else {
    const int level = kTileHeight * tile.level;
    ASSIGN_OR_RETURN(rows, tx.Query("SELECT hash FROM tlog_nodes WHERE id >= ? AND id < ? ORDER BY id",
                                    {NodeId(level, start), NodeId(level, end)}));
  }
  if (rows.size() != tile.width) return Error::Internal("log rows are missing for tile " + TilePath(tile));
  std::string out;
  if (tile.level == kEntriesLevel) {
    for (const auto& r : rows) {
      const auto& e = r.Bytes(0);
      if (e.size() > kMaxEntrySize) return Error::Internal("stored log entry is too long");
      out += static_cast<char>(e.size() >> 8);
      out += static_cast<char>(e.size() & 0xFF);
      out.append(reinterpret_cast<const char*>(e.data()), e.size());
    }
  } else {
    out.reserve(rows.size() * kHashSize);
    for (const auto& r : rows) {
      const auto& h = r.Bytes(0);
      if (h.size() != kHashSize) return Error::Internal("stored log hash is not 32 bytes");
      out.append(reinterpret_cast<const char*>(h.data()), h.size());
    }
  }
  return out;
}

Status Log::Check(storage::Tx& tx) const {
  ASSIGN_OR_RETURN(uint64_t size, Size(tx));
  ASSIGN_OR_RETURN(auto stats, tx.Query("SELECT COUNT(*), MIN(idx), MAX(idx) FROM tlog_leaves"));
  const uint64_t count = static_cast<uint64_t>(stats[0].Int(0));
  if (count != size)
    return Error::Internal("log has " + std::to_string(count) + " leaves but size " + std::to_string(size));
  if (size > 0 && (stats[0].Int(1) != 0 || static_cast<uint64_t>(stats[0].Int(2)) != size - 1))
    return Error::Internal("log leaf indices are not 0..size-1");
  DbHashReader reader(tx);
  std::vector<std::pair<int, Hash>> stack;  // compact range of the leaves seen so far
  constexpr uint64_t kChunk = 4096;
  for (uint64_t from = 0; from < size; from += kChunk) {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT idx, leaf_hash, entry FROM tlog_leaves WHERE idx >= ? AND idx < ? "
                                         "ORDER BY idx",
                                         {static_cast<int64_t>(from), static_cast<int64_t>(from + kChunk)}));
    uint64_t expect = from;
    for (const auto& row : rows) {
      if (static_cast<uint64_t>(row.Int(0)) != expect) return Error::Internal("log leaf indices have a gap");
      ASSIGN_OR_RETURN(Hash leaf, RowHash(row, 1));
      if (LeafHash(row.Bytes(2)) != leaf)
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
  ASSIGN_OR_RETURN(auto nodes, tx.Query("SELECT COUNT(*) FROM tlog_nodes"));
  if (static_cast<uint64_t>(nodes[0].Int(0)) != want_nodes)
    return Error::Internal("log has " + std::to_string(nodes[0].Int(0)) + " stored nodes, want " +
                           std::to_string(want_nodes));
  return {};
}

}  // namespace origine::tlog
