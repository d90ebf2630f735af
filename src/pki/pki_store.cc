#include "pki/pki_store.h"

#include <boost/json.hpp>

namespace origine::pki::store {
namespace {

namespace json = boost::json;

// ---- pki_keys ----

constexpr std::string_view kInsertKey =
    "INSERT INTO pki_keys (kid, role, certificate, not_before, not_after, types, store, label, status, created_at, "
    "revoked_at, revocation_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// Every key query reads the same columns, in the order KeyOf expects.
constexpr std::string_view kSelectKeyByKid =
    "SELECT kid, role, status, not_before, not_after, created_at, types, revoked_at, revocation_reason, store, label, "
    "certificate FROM pki_keys WHERE kid = ?";
constexpr std::string_view kSelectKeyByRoleAndStatus =
    "SELECT kid, role, status, not_before, not_after, created_at, types, revoked_at, revocation_reason, store, label, "
    "certificate FROM pki_keys WHERE role = ? AND status = ? ORDER BY created_at, kid";
constexpr std::string_view kSelectKeyByRole =
    "SELECT kid, role, status, not_before, not_after, created_at, types, revoked_at, revocation_reason, store, label, "
    "certificate FROM pki_keys WHERE role = ? ORDER BY created_at, kid";
constexpr std::string_view kSelectKeysRootFirst =
    "SELECT kid, role, status, not_before, not_after, created_at, types, revoked_at, revocation_reason, store, label, "
    "certificate FROM pki_keys "
    "ORDER BY CASE role WHEN 'root' THEN 0 ELSE 1 END, created_at, kid";
constexpr std::string_view kSelectKeysOfRoleByKid =
    "SELECT kid, role, status, not_before, not_after, created_at, types, revoked_at, revocation_reason, store, label, "
    "certificate FROM pki_keys WHERE role = ? ORDER BY kid";
constexpr std::string_view kCountKeys = "SELECT COUNT(*) FROM pki_keys";
constexpr std::string_view kRetireActive = "UPDATE pki_keys SET status = ? WHERE role = ? AND status = ?";
constexpr std::string_view kMarkRevoked =
    "UPDATE pki_keys SET status = ?, revoked_at = ?, revocation_reason = ? WHERE kid = ?";

// ---- pki_key_roles ----

constexpr std::string_view kSelectRoleNames = "SELECT role FROM pki_key_roles ORDER BY role";

// ---- trust_list_versions ----

constexpr std::string_view kInsertVersion =
    "INSERT INTO trust_list_versions (version, issued_at, root_kid, document, payload_sha256, log_index) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectLatestVersion = "SELECT MAX(version) FROM trust_list_versions";
constexpr std::string_view kSelectVersionsNewestFirst =
    "SELECT version, issued_at, root_kid, payload_sha256, log_index FROM trust_list_versions ORDER BY version DESC";
constexpr std::string_view kSelectDocument = "SELECT document FROM trust_list_versions WHERE version = ?";

std::string TypesJson(const std::vector<std::string>& types) {
  json::array a;
  for (const auto& t : types) a.emplace_back(t);
  return json::serialize(a);
}

std::vector<std::string> ParseTypes(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& t : v.as_array())
    if (t.is_string()) out.emplace_back(t.as_string());
  return out;
}

Result<KeyRow> KeyOf(const storage::Row& r) {
  KeyRow k;
  k.kid = r.Text(0);
  auto role = ParseKeyRole(r.Text(1));
  auto status = ParseKeyStatus(r.Text(2));
  if (!role || !status) return Error::Internal("pki_keys row " + k.kid + " has an unknown role or status");
  k.role = *role;
  k.status = *status;
  k.not_before = r.Int(3);
  k.not_after = r.Int(4);
  k.created_at = r.Int(5);
  k.types = ParseTypes(r.Text(6));
  if (!r.IsNull(7)) k.revocation = trust::SignerRevocation{r.Int(7), r.Text(8)};
  k.store = r.Text(9);
  k.label = r.Text(10);
  k.certificate = r.Bytes(11);
  return k;
}

Result<std::vector<KeyRow>> KeysOf(const std::vector<storage::Row>& rows) {
  std::vector<KeyRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(KeyRow k, KeyOf(r));
    out.push_back(std::move(k));
  }
  return out;
}

Result<std::optional<KeyRow>> FirstKey(const std::vector<storage::Row>& rows) {
  if (rows.empty()) return std::optional<KeyRow>();
  ASSIGN_OR_RETURN(KeyRow k, KeyOf(rows[0]));
  return std::optional<KeyRow>(std::move(k));
}

std::string Name(KeyRole role) { return std::string(KeyRoleName(role)); }
std::string Name(KeyStatus status) { return std::string(KeyStatusName(status)); }

}  // namespace

Status InsertKey(storage::Tx& tx, const KeyRow& k) {
  storage::Value revoked_at = nullptr, reason = nullptr;
  if (k.revocation) {
    revoked_at = k.revocation->revoked_at;
    reason = k.revocation->reason;
  }
  RETURN_IF_ERROR(tx.Exec(
      kInsertKey, {k.kid, Name(k.role), storage::Blob{k.certificate}, k.not_before, k.not_after, TypesJson(k.types),
                   k.store, k.label, Name(k.status), k.created_at, std::move(revoked_at), std::move(reason)}));
  return {};
}

Result<std::optional<KeyRow>> FindKey(storage::Tx& tx, const std::string& kid) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectKeyByKid, {kid}));
  return FirstKey(rows);
}

Result<std::optional<KeyRow>> FindKeyByStatus(storage::Tx& tx, KeyRole role, KeyStatus status) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectKeyByRoleAndStatus, {Name(role), Name(status)}));
  return FirstKey(rows);
}

Result<std::optional<KeyRow>> FindAnyKey(storage::Tx& tx, KeyRole role) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectKeyByRole, {Name(role)}));
  return FirstKey(rows);
}

Result<std::vector<KeyRow>> ListKeys(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectKeysRootFirst));
  return KeysOf(rows);
}

Result<std::vector<KeyRow>> ListKeysByKid(storage::Tx& tx, KeyRole role) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectKeysOfRoleByKid, {Name(role)}));
  return KeysOf(rows);
}

Result<int64_t> CountKeys(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kCountKeys));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Status RetireActive(storage::Tx& tx, KeyRole role) {
  RETURN_IF_ERROR(tx.Exec(kRetireActive, {Name(KeyStatus::kRetired), Name(role), Name(KeyStatus::kActive)}));
  return {};
}

Status MarkRevoked(storage::Tx& tx, const std::string& kid, const trust::SignerRevocation& revocation) {
  RETURN_IF_ERROR(tx.Exec(kMarkRevoked, {Name(KeyStatus::kRevoked), revocation.revoked_at, revocation.reason, kid}));
  return {};
}

Result<std::vector<std::string>> ListRoleNames(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectRoleNames));
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

Status InsertVersion(storage::Tx& tx, const VersionRow& v) {
  RETURN_IF_ERROR(
      tx.Exec(kInsertVersion, {v.version, v.issued_at, v.root_kid, v.document, v.payload_sha256, v.log_index}));
  return {};
}

Result<int64_t> LatestVersion(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectLatestVersion));
  return rows.empty() || rows[0].IsNull(0) ? 0 : rows[0].Int(0);
}

Result<std::vector<VersionRow>> ListVersions(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectVersionsNewestFirst));
  std::vector<VersionRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    VersionRow v;
    v.version = r.Int(0);
    v.issued_at = r.Int(1);
    v.root_kid = r.Text(2);
    v.payload_sha256 = r.Text(3);
    v.log_index = r.Int(4);
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::optional<std::string>> FindDocument(storage::Tx& tx, int64_t version) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectDocument, {version}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

}  // namespace origine::pki::store
