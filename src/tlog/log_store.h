// origine/tlog/log_store.h — every statement on the transparency log's tables
// (tlog_state, tlog_leaves, tlog_nodes, tlog_events; DDL in tlog/schema.cc).
// The SQL is in log_store.cc as named constants; every function runs in the
// caller's transaction (appends in the caller's write transaction).
//
// Layout: tlog_state is one row (id = 1) holding the tree size; tlog_leaves
// one row per leaf (idx 0, 1, 2, ...); tlog_nodes every complete subtree hash
// above the leaves, keyed by level·2^48 + index (level >= 1).
//
// Thread-safety: stateless functions; one thread per Tx. Failure: database
// errors passed through; kInternal when the tables are missing (their
// migration was not applied) or a stored row is inconsistent.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/db.h"
#include "tlog/merkle.h"

namespace origine::tlog::store {

// Highest node index a level can hold (the key is level·2^48 + index).
inline constexpr int kNodeIdShift = 48;
inline constexpr uint64_t kMaxNodeIndex = (uint64_t{1} << kNodeIdShift) - 1;

// The tree size as of `tx`.
Result<uint64_t> ReadSize(storage::Tx& tx);
// Adds `count` to the size and returns the new size. This row update is what
// serialises appenders (SQLite: BEGIN IMMEDIATE; PostgreSQL: the row lock).
Result<uint64_t> GrowSize(storage::Tx& tx, uint64_t count);

struct LeafRow {
  uint64_t index = 0;
  Hash leaf_hash{};
  std::vector<uint8_t> entry;  // the canonical CBOR record
  std::string_view event;      // EventName: a row of tlog_events
  std::string certificate_id;
  int64_t logged_at = 0;
};
Status InsertLeaf(storage::Tx& tx, const LeafRow& leaf);
// Level >= 1, index <= kMaxNodeIndex.
Status InsertNode(storage::Tx& tx, int level, uint64_t index, const Hash& hash);

// The stored hash at (level, index): a leaf hash at level 0, a node above.
// nullopt when absent.
Result<std::optional<std::vector<uint8_t>>> ReadHash(storage::Tx& tx, int level, uint64_t index);
// The hashes at `level` for indices [start, end), ascending (as many as stored).
Result<std::vector<std::vector<uint8_t>>> ReadHashes(storage::Tx& tx, int level, uint64_t start, uint64_t end);
// The entries of leaves [start, end), ascending.
Result<std::vector<std::vector<uint8_t>>> ReadEntries(storage::Tx& tx, uint64_t start, uint64_t end);

struct StoredLeaf {
  uint64_t index = 0;
  std::vector<uint8_t> leaf_hash;
  std::vector<uint8_t> entry;
};
// One leaf; nullopt when absent.
Result<std::optional<StoredLeaf>> ReadLeaf(storage::Tx& tx, uint64_t index);
// Leaves [start, end) with their hashes and entries, ascending.
Result<std::vector<StoredLeaf>> ReadLeaves(storage::Tx& tx, uint64_t start, uint64_t end);

// Indices of the leaves logged for `certificate_id` / of one event kind, ascending.
Result<std::vector<uint64_t>> FindLeavesByCertificate(storage::Tx& tx, std::string_view certificate_id);
Result<std::vector<uint64_t>> FindLeavesByEvent(storage::Tx& tx, std::string_view event);

struct LeafStats {
  uint64_t count = 0;
  int64_t min_index = 0, max_index = 0;  // 0 when empty
};
Result<LeafStats> ReadLeafStats(storage::Tx& tx);
Result<uint64_t> CountNodes(storage::Tx& tx);

// The event names in tlog_events (for the test that compares them with Event).
Result<std::vector<std::string>> ListEventNames(storage::Tx& tx);

}  // namespace origine::tlog::store
