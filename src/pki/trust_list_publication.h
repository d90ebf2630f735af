// origine/pki/trust_list_publication.h — the authority's signed, versioned
// trust list: publishing a new version, and reading the published ones.
//
// Every published version is a row of trust_list_versions (numbered from 1,
// never updated) and a "trust-list" leaf in the transparency log (id
// "tl-<version>", hash = SHA-256 of the signed payload), with an audit event
// "trust_list.publish", all in the caller's transaction.
//
// Thread-safety: stateless functions; one thread per Tx.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/context.h"
#include "core/result.h"
#include "storage/db.h"
#include "tlog/log.h"
#include "trust/key_store.h"

namespace origine::pki {

struct VersionInfo {
  int64_t version = 0, issued_at = 0, log_index = 0;
  std::string sha256;  // hex SHA-256 of the signed payload (the log leaf's hash)
};

// Signs (with the active root, loaded from `keys` for this signature only) and
// records a new version listing every document signer as it is now, revoked
// ones with {at, reason}. Returns the version number. Fails with kConflict
// "key.no_root" when there is no active root; store, log and audit errors are
// passed through.
Result<int64_t> PublishTrustList(storage::Tx& tx, trust::KeyStore& keys, const tlog::Log& log,
                                 const std::string& issuer, const RequestMeta& meta, int64_t now);

// Every version, newest first.
Result<std::vector<VersionInfo>> ListTrustListVersions(storage::Db& db);
// The published document of `version`, or of the latest when nullopt.
// kNotFound "trust_list.not_found" when there is none.
Result<std::string> ReadTrustListDocument(storage::Db& db, std::optional<int64_t> version);

}  // namespace origine::pki
