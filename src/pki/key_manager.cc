#include "pki/key_manager.h"

#include <openssl/rand.h>

#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.h"
#include "core/encoding.h"
#include "pki/pki_store.h"

namespace origine::pki {
namespace {

namespace json = boost::json;
constexpr int64_t kDay = 86400;

KeyInfo ToInfo(const store::KeyRow& r, int64_t now) {
  KeyInfo k;
  k.kid = r.kid;
  k.role = std::string(KeyRoleName(r.role));
  k.status = std::string(KeyStatusName(r.status));
  k.not_before = r.not_before;
  k.not_after = r.not_after;
  k.created_at = r.created_at;
  k.types = r.types;
  k.revocation = r.revocation;
  k.store = r.store;
  k.label = r.label;
  k.certificate_der = r.certificate;
  if (r.status != KeyStatus::kRevoked && now > k.not_after) k.status = "expired";
  return k;
}

json::array TypesJson(const std::vector<std::string>& types) {
  json::array a;
  for (const auto& t : types) a.emplace_back(t);
  return a;
}

// "signer-20261127-083000-3fa1": sortable, unique enough with 16 random bits
// (Generate refuses an existing label anyway).
Result<std::string> NewLabel(KeyRole role, int64_t now) {
  std::string t = FormatUtc(now);  // 2026-11-27T08:30:00Z
  std::string stamp =
      t.substr(0, 4) + t.substr(5, 2) + t.substr(8, 2) + "-" + t.substr(11, 2) + t.substr(14, 2) + t.substr(17, 2);
  unsigned char rnd[2];
  if (RAND_bytes(rnd, sizeof rnd) != 1) return Error::Internal("RAND_bytes failed");
  return std::string(KeyRoleName(role)) + "-" + stamp + "-" + encoding::Hex(rnd);
}

// The key just written in `tx`, as the caller returns it.
Result<KeyInfo> Reread(storage::Tx& tx, const std::string& kid, int64_t now) {
  ASSIGN_OR_RETURN(std::optional<store::KeyRow> row, store::FindKey(tx, kid));
  if (!row) return Error::Internal("key " + kid + " vanished in its own transaction");
  return ToInfo(*row, now);
}

Error RootExists(const std::string& kid) {
  return Error::Conflict("key.root_exists"_code, "a root key already exists (kid " + kid + ")").With("kid", kid);
}

}  // namespace

KeyManager::KeyManager(storage::Db& db, const Clock& clock, trust::KeyStore& store, const tlog::Log& log,
                       KeyOptions options)
    : db_(db), clock_(clock), store_(store), log_(log), options_(std::move(options)) {}

Result<std::shared_ptr<const trust::Signer>> KeyManager::LoadCached(const std::string& label) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(label);
    if (it != cache_.end()) return it->second;
  }
  ASSIGN_OR_RETURN(std::unique_ptr<trust::Signer> key, store_.Load(label));
  std::shared_ptr<const trust::Signer> shared(std::move(key));
  std::lock_guard<std::mutex> lock(mu_);
  cache_.emplace(label, shared);
  return shared;
}

Result<KeyInfo> KeyManager::CreateRoot(const RequestMeta& meta, int64_t days) {
  if (days < 1) return Error::Invalid("key.validity"_code, "the root validity must be at least one day");
  const int64_t now = clock_.NowUnix();
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(std::optional<store::KeyRow> root, store::FindAnyKey(*tx, KeyRole::kRoot));
    if (root) return RootExists(root->kid);
  }
  ASSIGN_OR_RETURN(std::string label, NewLabel(KeyRole::kRoot, now));
  ASSIGN_OR_RETURN(std::unique_ptr<trust::Signer> key, store_.Generate(label));
  auto done = [&]() -> Result<KeyInfo> {
    store::KeyRow row;
    row.role = KeyRole::kRoot;
    row.status = KeyStatus::kActive;
    row.not_before = now;
    row.not_after = now + days * kDay;
    ASSIGN_OR_RETURN(row.certificate, trust::MakeRootCertificate(*key, "Origine root " + options_.country,
                                                                 options_.country, row.not_before, row.not_after));
    row.kid = encoding::Base64(trust::KidOf(row.certificate));
    row.store = std::string(store_.Kind());
    row.label = label;
    row.created_at = now;
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(std::optional<store::KeyRow> existing, store::FindAnyKey(*tx, KeyRole::kRoot));
    if (existing) return RootExists(existing->kid);
    RETURN_IF_ERROR(store::InsertKey(*tx, row));
    RETURN_IF_ERROR(audit::Record(*tx, std::nullopt, meta, now,
                                  {"key.create", "root_key", row.kid,
                                   json::serialize(json::object{{"store", row.store},
                                                                {"label", label},
                                                                {"not_after", FormatUtc(row.not_after)},
                                                                {"private_key", audit::kMasked}})}));
    RETURN_IF_ERROR(PublishTrustList(*tx, store_, log_, options_.country, meta, now));
    ASSIGN_OR_RETURN(KeyInfo info, Reread(*tx, row.kid, now));
    RETURN_IF_ERROR(tx->Commit());
    return info;
  }();
  if (!done) (void)store_.Destroy(label);  // nothing refers to it
  return done;
}

Result<KeyInfo> KeyManager::RotateSigner(const RequestMeta& meta, int64_t days, std::vector<std::string> types) {
  if (days < 1) return Error::Invalid("key.validity"_code, "the signer validity must be at least one day");
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  if (types.empty())
    return Error::Invalid("key.types"_code, "a document signer needs at least one certificate type (regime)");
  for (const auto& t : types)
    if (t.empty() || t.size() > 32)
      return Error::Invalid("key.types"_code, "invalid certificate type '" + t + "'").With("type", t);
  const int64_t now = clock_.NowUnix();
  std::optional<store::KeyRow> root;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(root, store::FindKeyByStatus(*tx, KeyRole::kRoot, KeyStatus::kActive));
  }
  if (!root) return Error::Conflict("key.no_root"_code, "no root key: run `origine keys init-root` first");
  if (now >= root->not_after) return Error::Conflict("key.root_expired"_code, "the root certificate has expired");
  ASSIGN_OR_RETURN(trust::CertInfo root_info, trust::ParseCertificate(root->certificate));
  const int64_t not_after = std::min(now + days * kDay, root_info.not_after);
  ASSIGN_OR_RETURN(std::string label, NewLabel(KeyRole::kSigner, now));
  ASSIGN_OR_RETURN(std::unique_ptr<trust::Signer> key, store_.Generate(label));
  std::shared_ptr<const trust::Signer> shared(std::move(key));
  auto done = [&]() -> Result<KeyInfo> {
    store::KeyRow row;
    row.role = KeyRole::kSigner;
    row.status = KeyStatus::kActive;
    row.not_before = std::max(now, root_info.not_before);
    row.not_after = not_after;
    {
      ASSIGN_OR_RETURN(std::unique_ptr<trust::Signer> root_key, store_.Load(root->label));
      ASSIGN_OR_RETURN(row.certificate,
                       trust::MakeSignerCertificate(*root_key, root->certificate, shared->PublicKeySpkiDer(),
                                                    "Origine document signer " + options_.country, options_.country,
                                                    row.not_before, row.not_after));
    }
    row.kid = encoding::Base64(trust::KidOf(row.certificate));
    row.types = types;
    row.store = std::string(store_.Kind());
    row.label = label;
    row.created_at = now;
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(std::optional<store::KeyRow> previous,
                     store::FindKeyByStatus(*tx, KeyRole::kSigner, KeyStatus::kActive));
    RETURN_IF_ERROR(store::RetireActive(*tx, KeyRole::kSigner));
    RETURN_IF_ERROR(store::InsertKey(*tx, row));
    RETURN_IF_ERROR(audit::Record(*tx, std::nullopt, meta, now,
                                  {"key.create", "document_signer", row.kid,
                                   json::serialize(json::object{{"store", row.store},
                                                                {"label", label},
                                                                {"types", TypesJson(types)},
                                                                {"not_after", FormatUtc(not_after)},
                                                                {"private_key", audit::kMasked}})}));
    if (previous)
      RETURN_IF_ERROR(
          audit::Record(*tx, std::nullopt, meta, now,
                        {"key.rotate", "document_signer", row.kid,
                         json::serialize(json::object{{"status", {{"before", "active"}, {"after", "retired"}}},
                                                      {"previous", previous->kid}})}));
    RETURN_IF_ERROR(PublishTrustList(*tx, store_, log_, options_.country, meta, now));
    ASSIGN_OR_RETURN(KeyInfo info, Reread(*tx, row.kid, now));
    RETURN_IF_ERROR(tx->Commit());
    return info;
  }();
  if (!done) {
    (void)store_.Destroy(label);
    return done;
  }
  std::lock_guard<std::mutex> lock(mu_);
  cache_[label] = shared;
  return done;
}

Result<KeyInfo> KeyManager::RevokeSigner(const RequestMeta& meta, const std::string& kid, const std::string& reason) {
  const std::string max = std::to_string(trust::kMaxRevocationReason);
  if (reason.empty() || reason.size() > trust::kMaxRevocationReason)
    return Error::Invalid("key.reason"_code, "the reason must have 1 to " + max + " characters").With("max", max);
  if (std::any_of(reason.begin(), reason.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    return Error::Invalid("key.reason"_code, "the reason must not contain control characters").With("max", max);
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(std::optional<store::KeyRow> row, store::FindKey(*tx, kid));
  if (!row || row->role != KeyRole::kSigner)
    return Error::NotFound("key.not_found"_code, "no document signer has kid " + kid).With("kid", kid);
  KeyInfo before = ToInfo(*row, now);
  if (before.revocation)
    return Error::Conflict("key.revoked"_code, "signer " + kid + " is already revoked").With("kid", kid);
  RETURN_IF_ERROR(store::MarkRevoked(*tx, kid, {now, reason}));
  RETURN_IF_ERROR(
      audit::Record(*tx, std::nullopt, meta, now,
                    {"key.revoke", "document_signer", kid,
                     json::serialize(json::object{{"status", {{"before", before.status}, {"after", "revoked"}}},
                                                  {"reason", reason}})}));
  RETURN_IF_ERROR(PublishTrustList(*tx, store_, log_, options_.country, meta, now));
  ASSIGN_OR_RETURN(KeyInfo after, Reread(*tx, kid, now));
  RETURN_IF_ERROR(tx->Commit());
  {
    std::lock_guard<std::mutex> lock(mu_);
    cache_.erase(before.label);
  }
  // After the commit: the list already says revoked; a failure here leaves a
  // key that the database will never use again, and is reported.
  RETURN_IF_ERROR(store_.Destroy(before.label));
  return after;
}

Result<bool> KeyManager::EnsureInitialKeys(const RequestMeta& meta, const std::vector<std::string>& types) {
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(int64_t count, store::CountKeys(*tx));
    if (count > 0) return false;
  }
  RETURN_IF_ERROR(CreateRoot(meta, options_.root_days));
  RETURN_IF_ERROR(RotateSigner(meta, options_.signer_days, types));
  return true;
}

Result<std::vector<KeyInfo>> KeyManager::List() {
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(std::vector<store::KeyRow> rows, store::ListKeys(*tx));
  std::vector<KeyInfo> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(ToInfo(r, now));
  return out;
}

Result<Bytes> KeyManager::RootCertificate() {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(std::optional<store::KeyRow> root, store::FindKeyByStatus(*tx, KeyRole::kRoot, KeyStatus::kActive));
  if (!root) return Error::NotFound("key.no_root"_code, "no root key yet");
  return std::move(root->certificate);
}

Result<std::vector<VersionInfo>> KeyManager::Versions() { return ListTrustListVersions(db_); }

Result<std::string> KeyManager::TrustListDocument(std::optional<int64_t> version) {
  return ReadTrustListDocument(db_, version);
}

Result<ActiveSigner> KeyManager::Active(storage::Tx& tx, int64_t now) {
  ASSIGN_OR_RETURN(std::optional<store::KeyRow> row, store::FindKeyByStatus(tx, KeyRole::kSigner, KeyStatus::kActive));
  if (!row)
    return Error::Unavailable("key.no_signer"_code,
                              "no active document signer: run `origine keys rotate` to create one");
  if (now >= row->not_after)
    return Error::Unavailable("key.signer_expired"_code, "the active document signer expired on " +
                                                             FormatUtc(row->not_after) + ": run `origine keys rotate`")
        .With("date", FormatUtc(row->not_after, true));
  ActiveSigner s;
  ASSIGN_OR_RETURN(s.key, LoadCached(row->label));
  s.certificate_der = std::move(row->certificate);
  s.kid = trust::KidOf(s.certificate_der);
  s.types = std::move(row->types);
  s.not_after = row->not_after;
  return s;
}

}  // namespace origine::pki
