// origine/pki/trust_list_source.h — the latest published trust list as a
// running process sees it.
//
// How a running server learns of a rotation made by `origine keys` in another
// process: DbTrustListSource::Current() compares the latest version number in
// the database at every call (one indexed query) and re-reads the list only
// when it changed. No signal or restart is needed.
//
// Thread-safety: DbTrustListSource may be shared by threads.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "core/result.h"
#include "storage/db.h"
#include "trust/trust_list.h"

namespace origine::pki {

// The latest published trust list, re-read when its version changes.
// Current() returns an empty snapshot (version 0, no entries) while nothing
// is published, or when the database cannot be read and nothing was read
// before.
class DbTrustListSource final : public trust::TrustListSource {
 public:
  explicit DbTrustListSource(storage::Db& db) : db_(db) {}
  std::shared_ptr<const trust::TrustListSnapshot> Current() override;

 private:
  storage::Db& db_;
  std::mutex mu_;
  std::shared_ptr<const trust::TrustListSnapshot> current_;
};

// Parses a stored document into a snapshot (the entries as published,
// checked against the root embedded in it: the database is trusted).
Result<std::shared_ptr<const trust::TrustListSnapshot>> SnapshotOf(int64_t version, const std::string& document);

}  // namespace origine::pki
