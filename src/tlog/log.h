// origine/tlog/log.h — the transparency log over the storage Db.
//
// Tables (migrations from TlogMigrations(), tlog/schema.cc; every statement
// on them in tlog/log_store.cc):
//   tlog_state  one row (id = 1) with the tree size; every append updates it
//               first, which serialises appenders (SQLite: BEGIN IMMEDIATE;
//               PostgreSQL: the row lock), so indices are gapless.
//   tlog_leaves idx INTEGER PRIMARY KEY (0, 1, 2, ...), leaf_hash, entry
//               (the canonical CBOR record), event, certificate_id, logged_at.
//   tlog_nodes  every complete subtree hash above the leaves:
//               id = level·2^48 + index (level >= 1), hash.
// With every complete subtree stored, a root, an inclusion or a consistency
// proof costs O(log n) point reads, and a tile is one range read.
//
// Appends run inside the CALLER's write transaction: issuing a certificate
// and logging it commit together or not at all, so a certificate is never
// reported issued before its leaf is durable, and a rolled-back transaction
// leaves no gap. The tree lives only in the database (no cached state), so a
// restart cannot fork it: the same rows give the same root.
//
// Thread-safety: a Log is immutable and may be shared; each call uses the
// given Tx (one thread per Tx). Failure: kInvalidArgument for bad records
// ("tlog.record", "tlog.event", "tlog.entry_too_large") or out-of-range
// sizes ("tlog.size", "tlog.proof_range", "tlog.tile_path"), kNotFound for
// tiles or entries beyond the tree ("tlog.tile_not_found",
// "tlog.entry_not_found"), kInternal if stored data is inconsistent, database
// errors passed through.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/db.h"
#include "tlog/merkle.h"
#include "tlog/note.h"
#include "tlog/record.h"
#include "tlog/tiles.h"

namespace origine::tlog {

// Migrations for the log's tables (tlog/schema.cc): tlog_events (the kinds
// of leaf), tlog_state, tlog_leaves, tlog_nodes.
const std::vector<storage::Migration>& TlogMigrations();

struct LogEntry {
  uint64_t index = 0;
  std::vector<uint8_t> data;  // the canonical CBOR record
  Hash leaf_hash{};
};

class Log {
 public:
  // `origin`: the checkpoint origin line, e.g. "origine.example/ML/log"
  // (should equal the signer's key name and the tlog-tiles prefix).
  explicit Log(std::string origin) : origin_(std::move(origin)) {}
  const std::string& origin() const { return origin_; }

  // Appends one leaf in `tx` (a write transaction) and returns its index.
  Result<uint64_t> Append(storage::Tx& tx, const LeafRecord& record) const;
  // Appends several leaves in order; returns the index of the first one.
  Result<uint64_t> AppendBatch(storage::Tx& tx, std::span<const LeafRecord> records) const;
  // Appends an already-encoded entry (at most 65535 bytes, not checked to be
  // a LeafRecord: for tests and tools). Returns its index.
  Result<uint64_t> AppendEntry(storage::Tx& tx, std::span<const uint8_t> entry, Event event,
                               std::string_view certificate_id, int64_t time) const;

  Result<uint64_t> Size(storage::Tx& tx) const;
  // The tree head {origin, size, root} as of `tx`'s snapshot.
  Result<Checkpoint> Head(storage::Tx& tx) const;
  // Head() as a signed C2SP checkpoint note.
  Result<std::string> SignedCheckpoint(storage::Tx& tx, const NoteSigner& signer) const;
  // Root of the tree at an earlier `size` (<= Size()).
  Result<Hash> RootAt(storage::Tx& tx, uint64_t size) const;

  // Proofs for sizes up to the current one: index < size <= Size();
  // 0 < m <= n <= Size().
  Result<std::vector<Hash>> Inclusion(storage::Tx& tx, uint64_t index, uint64_t size) const;
  Result<std::vector<Hash>> Consistency(storage::Tx& tx, uint64_t m, uint64_t n) const;

  Result<LogEntry> Entry(storage::Tx& tx, uint64_t index) const;
  // Indices of the leaves logged for `certificate_id`, ascending.
  Result<std::vector<uint64_t>> FindByCertificate(storage::Tx& tx, std::string_view certificate_id) const;
  // Indices of the leaves of one event kind, ascending.
  Result<std::vector<uint64_t>> FindByEvent(storage::Tx& tx, Event event) const;

  // The bytes served at <prefix>/TilePath(tile): a hash tile (level >= 0) or
  // an entry bundle (level -1). A partial tile of width W is served as long
  // as the tree holds W hashes there (also once the tile has grown); a full
  // tile only once complete. kNotFound otherwise.
  Result<std::string> ReadTile(storage::Tx& tx, const Tile& tile) const;
  Result<std::string> ReadTile(storage::Tx& tx, int level, uint64_t index, uint32_t width) const {
    return ReadTile(tx, Tile{level, index, width});
  }

  // Full check, O(n): indices gapless, each leaf hash matches its entry, each
  // stored node matches its recomputation, no extra rows. kInternal naming the
  // first problem.
  Status Check(storage::Tx& tx) const;

 private:
  std::string origin_;
};

}  // namespace origine::tlog
