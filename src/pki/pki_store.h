// origine/pki/pki_store.h — every statement on the pki module's tables
// (pki_keys, pki_key_roles, trust_list_versions; DDL in pki/schema.cc). The
// SQL is in pki_store.cc as named constants; callers pass their transaction,
// so a key change, its audit events and its trust-list version commit
// together.
//
// Thread-safety: stateless functions; one thread per Tx. Failure: database
// errors passed through; kInternal when a stored row is inconsistent (an
// unknown role or status).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "pki/key_role.h"
#include "storage/db.h"
#include "trust/bytes.h"
#include "trust/trust_list.h"

namespace origine::pki::store {

// One row of pki_keys.
struct KeyRow {
  std::string kid;  // standard Base64 of KidOf(certificate)
  KeyRole role = KeyRole::kSigner;
  KeyStatus status = KeyStatus::kActive;
  trust::Bytes certificate;  // DER
  int64_t not_before = 0, not_after = 0, created_at = 0;
  std::vector<std::string> types;  // regimes a signer may sign; empty for the root
  std::string store, label;        // where the private key is ("file"/"pkcs11", label)
  std::optional<trust::SignerRevocation> revocation;
};

Status InsertKey(storage::Tx& tx, const KeyRow& key);
Result<std::optional<KeyRow>> FindKey(storage::Tx& tx, const std::string& kid);
// The key of `role` with `status` (at most one is active per role).
Result<std::optional<KeyRow>> FindKeyByStatus(storage::Tx& tx, KeyRole role, KeyStatus status);
// Any key of `role`, whatever its status.
Result<std::optional<KeyRow>> FindAnyKey(storage::Tx& tx, KeyRole role);
// Every key: the root first, then by creation time and kid.
Result<std::vector<KeyRow>> ListKeys(storage::Tx& tx);
// Every key of `role`, by kid.
Result<std::vector<KeyRow>> ListKeysByKid(storage::Tx& tx, KeyRole role);
Result<int64_t> CountKeys(storage::Tx& tx);
// Every active key of `role` becomes retired.
Status RetireActive(storage::Tx& tx, KeyRole role);
// The key becomes revoked with {at, reason}.
Status MarkRevoked(storage::Tx& tx, const std::string& kid, const trust::SignerRevocation& revocation);

// The roles in pki_key_roles (for the test that compares them with KeyRole).
Result<std::vector<std::string>> ListRoleNames(storage::Tx& tx);

// One row of trust_list_versions (never updated once inserted).
struct VersionRow {
  int64_t version = 0, issued_at = 0, log_index = 0;
  std::string root_kid;
  std::string document;        // the published document, byte for byte
  std::string payload_sha256;  // hex SHA-256 of the signed payload (the log leaf's hash)
};

Status InsertVersion(storage::Tx& tx, const VersionRow& version);
// The highest version number, 0 when nothing is published.
Result<int64_t> LatestVersion(storage::Tx& tx);
// Every version without its document, newest first.
Result<std::vector<VersionRow>> ListVersions(storage::Tx& tx);
// The document of `version`; nullopt when there is no such version.
Result<std::optional<std::string>> FindDocument(storage::Tx& tx, int64_t version);

}  // namespace origine::pki::store
