#include "tlog/log_store.h"

namespace origine::tlog::store {
namespace {

// ---- tlog_state ----
constexpr std::string_view kSelectSize = "SELECT size FROM tlog_state WHERE id = 1";
constexpr std::string_view kGrowSize = "UPDATE tlog_state SET size = size + ? WHERE id = 1 RETURNING size";

// ---- tlog_leaves ----
constexpr std::string_view kInsertLeaf =
    "INSERT INTO tlog_leaves (idx, leaf_hash, entry, event, certificate_id, logged_at) VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectLeafHash = "SELECT leaf_hash FROM tlog_leaves WHERE idx = ?";
constexpr std::string_view kSelectLeafHashRange =
    "SELECT leaf_hash FROM tlog_leaves WHERE idx >= ? AND idx < ? ORDER BY idx";
constexpr std::string_view kSelectEntryRange = "SELECT entry FROM tlog_leaves WHERE idx >= ? AND idx < ? ORDER BY idx";
constexpr std::string_view kSelectLeaf = "SELECT idx, leaf_hash, entry FROM tlog_leaves WHERE idx = ?";
constexpr std::string_view kSelectLeafRange =
    "SELECT idx, leaf_hash, entry FROM tlog_leaves WHERE idx >= ? AND idx < ? ORDER BY idx";
constexpr std::string_view kSelectIndicesByCertificate =
    "SELECT idx FROM tlog_leaves WHERE certificate_id = ? ORDER BY idx";
constexpr std::string_view kSelectIndicesByEvent = "SELECT idx FROM tlog_leaves WHERE event = ? ORDER BY idx";
constexpr std::string_view kSelectLeafStats = "SELECT COUNT(*), MIN(idx), MAX(idx) FROM tlog_leaves";

// ---- tlog_nodes ----
constexpr std::string_view kInsertNode = "INSERT INTO tlog_nodes (id, hash) VALUES (?, ?)";
constexpr std::string_view kSelectNodeHash = "SELECT hash FROM tlog_nodes WHERE id = ?";
constexpr std::string_view kSelectNodeHashRange = "SELECT hash FROM tlog_nodes WHERE id >= ? AND id < ? ORDER BY id";
constexpr std::string_view kCountNodes = "SELECT COUNT(*) FROM tlog_nodes";

// ---- tlog_events ----
constexpr std::string_view kSelectEventNames = "SELECT event FROM tlog_events ORDER BY event";

int64_t NodeId(int level, uint64_t index) {
  return static_cast<int64_t>((static_cast<uint64_t>(level) << kNodeIdShift) | index);
}

int64_t Index(uint64_t i) { return static_cast<int64_t>(i); }

storage::Blob ToBlob(std::span<const uint8_t> b) { return storage::Blob{std::vector<uint8_t>(b.begin(), b.end())}; }

Error TablesMissing() { return Error::Internal("transparency log tables are missing (migration 20 not applied)"); }

std::vector<std::vector<uint8_t>> Column0Bytes(const std::vector<storage::Row>& rows) {
  std::vector<std::vector<uint8_t>> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Bytes(0));
  return out;
}

std::vector<uint64_t> Column0Indices(const std::vector<storage::Row>& rows) {
  std::vector<uint64_t> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(static_cast<uint64_t>(r.Int(0)));
  return out;
}

StoredLeaf LeafOf(const storage::Row& r) { return {static_cast<uint64_t>(r.Int(0)), r.Bytes(1), r.Bytes(2)}; }

}  // namespace

Result<uint64_t> ReadSize(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectSize));
  if (rows.empty()) return TablesMissing();
  return static_cast<uint64_t>(rows[0].Int(0));
}

Result<uint64_t> GrowSize(storage::Tx& tx, uint64_t count) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kGrowSize, {Index(count)}));
  if (rows.empty()) return TablesMissing();
  return static_cast<uint64_t>(rows[0].Int(0));
}

Status InsertLeaf(storage::Tx& tx, const LeafRow& leaf) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec(kInsertLeaf, {Index(leaf.index), ToBlob(leaf.leaf_hash), ToBlob(leaf.entry),
                                                    std::string(leaf.event), leaf.certificate_id, leaf.logged_at}));
  if (n != 1) return Error::Internal("log leaf insert failed");
  return {};
}

Status InsertNode(storage::Tx& tx, int level, uint64_t index, const Hash& hash) {
  if (level < 1 || level >= 64 || index > kMaxNodeIndex) return Error::Internal("log node out of range");
  RETURN_IF_ERROR(tx.Exec(kInsertNode, {NodeId(level, index), ToBlob(hash)}));
  return {};
}

Result<std::optional<std::vector<uint8_t>>> ReadHash(storage::Tx& tx, int level, uint64_t index) {
  if (level < 0 || level >= 64 || index > kMaxNodeIndex) return Error::Internal("log node out of range");
  std::vector<storage::Row> rows;
  if (level == 0) {
    ASSIGN_OR_RETURN(rows, tx.Query(kSelectLeafHash, {Index(index)}));
  } else {
    ASSIGN_OR_RETURN(rows, tx.Query(kSelectNodeHash, {NodeId(level, index)}));
  }
  if (rows.empty()) return std::optional<std::vector<uint8_t>>();
  return std::optional<std::vector<uint8_t>>(rows[0].Bytes(0));
}

Result<std::vector<std::vector<uint8_t>>> ReadHashes(storage::Tx& tx, int level, uint64_t start, uint64_t end) {
  if (level < 0 || level >= 64 || start > end || end > kMaxNodeIndex + 1)
    return Error::Internal("log node range out of range");
  std::vector<storage::Row> rows;
  if (level == 0) {
    ASSIGN_OR_RETURN(rows, tx.Query(kSelectLeafHashRange, {Index(start), Index(end)}));
  } else {
    ASSIGN_OR_RETURN(rows, tx.Query(kSelectNodeHashRange, {NodeId(level, start), NodeId(level, end)}));
  }
  return Column0Bytes(rows);
}

Result<std::vector<std::vector<uint8_t>>> ReadEntries(storage::Tx& tx, uint64_t start, uint64_t end) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectEntryRange, {Index(start), Index(end)}));
  return Column0Bytes(rows);
}

Result<std::optional<StoredLeaf>> ReadLeaf(storage::Tx& tx, uint64_t index) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectLeaf, {Index(index)}));
  if (rows.empty()) return std::optional<StoredLeaf>();
  return std::optional<StoredLeaf>(LeafOf(rows[0]));
}

Result<std::vector<StoredLeaf>> ReadLeaves(storage::Tx& tx, uint64_t start, uint64_t end) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectLeafRange, {Index(start), Index(end)}));
  std::vector<StoredLeaf> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(LeafOf(r));
  return out;
}

Result<std::vector<uint64_t>> FindLeavesByCertificate(storage::Tx& tx, std::string_view certificate_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectIndicesByCertificate, {std::string(certificate_id)}));
  return Column0Indices(rows);
}

Result<std::vector<uint64_t>> FindLeavesByEvent(storage::Tx& tx, std::string_view event) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectIndicesByEvent, {std::string(event)}));
  return Column0Indices(rows);
}

Result<LeafStats> ReadLeafStats(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectLeafStats));
  if (rows.empty()) return LeafStats{};
  return LeafStats{static_cast<uint64_t>(rows[0].Int(0)), rows[0].Int(1), rows[0].Int(2)};
}

Result<uint64_t> CountNodes(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kCountNodes));
  return rows.empty() ? 0 : static_cast<uint64_t>(rows[0].Int(0));
}

Result<std::vector<std::string>> ListEventNames(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectEventNames));
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

}  // namespace origine::tlog::store
