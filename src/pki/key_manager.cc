#include "pki/key_manager.h"

#include <openssl/rand.h>

#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.h"
#include "core/encoding.h"

namespace origine::pki {
namespace {

namespace json = boost::json;
constexpr int64_t kDay = 86400;

constexpr const char* kSelectKey =
    "SELECT kid, role, status, not_before, not_after, created_at, types, revoked_at, revocation_reason, store, label, "
    "certificate FROM pki_keys ";

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

KeyInfo ToInfo(const storage::Row& r, int64_t now) {
  KeyInfo k;
  k.kid = r.Text(0);
  k.role = r.Text(1);
  k.status = r.Text(2);
  k.not_before = r.Int(3);
  k.not_after = r.Int(4);
  k.created_at = r.Int(5);
  k.types = ParseTypes(r.Text(6));
  if (!r.IsNull(7)) k.revocation = trust::SignerRevocation{r.Int(7), r.Text(8)};
  k.store = r.Text(9);
  k.label = r.Text(10);
  k.certificate_der = r.Bytes(11);
  if (k.status != "revoked" && now > k.not_after) k.status = "expired";
  return k;
}

// "signer-20261127-083000-3fa1": sortable, unique enough with 16 random bits
// (Generate refuses an existing label anyway).
Result<std::string> NewLabel(const std::string& role, int64_t now) {
  std::string t = FormatUtc(now);  // 2026-11-27T08:30:00Z
  std::string stamp =
      t.substr(0, 4) + t.substr(5, 2) + t.substr(8, 2) + "-" + t.substr(11, 2) + t.substr(14, 2) + t.substr(17, 2);
  unsigned char rnd[2];
  if (RAND_bytes(rnd, sizeof rnd) != 1) return Error::Internal("RAND_bytes failed");
  return role + "-" + stamp + "-" + encoding::Hex(rnd);
}

std::string Hex(const tlog::Hash& h) { return encoding::Hex(h); }

const std::optional<Principal> kOperator = std::nullopt;

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

Result<int64_t> KeyManager::Publish(storage::Tx& tx, const RequestMeta& meta, int64_t now) {
  ASSIGN_OR_RETURN(auto roots,
                   tx.Query("SELECT label, certificate, kid FROM pki_keys WHERE role = 'root' AND status = 'active'"));
  if (roots.empty()) return Error::Conflict("no root key: run `origine keys init-root` first");
  const Bytes root_der = roots[0].Bytes(1);
  ASSIGN_OR_RETURN(auto signers, tx.Query("SELECT certificate, types, revoked_at, revocation_reason FROM pki_keys "
                                          "WHERE role = 'signer' ORDER BY kid"));
  trust::TrustListDocument doc;
  doc.issuer = options_.country;
  doc.issued_at = now;
  json::array kids;
  for (const auto& r : signers) {
    trust::TrustEntry e;
    e.certificate_der = r.Bytes(0);
    e.kid = trust::KidOf(e.certificate_der);
    e.types = ParseTypes(r.Text(1));
    if (!r.IsNull(2)) e.revocation = trust::SignerRevocation{r.Int(2), r.Text(3)};
    kids.emplace_back(encoding::Base64(e.kid));
    doc.entries.push_back(std::move(e));
  }
  ASSIGN_OR_RETURN(auto last, tx.Query("SELECT MAX(version) FROM trust_list_versions"));
  doc.version = (last.empty() || last[0].IsNull(0) ? 0 : last[0].Int(0)) + 1;
  // The root key is loaded for this signature only (never cached).
  ASSIGN_OR_RETURN(std::unique_ptr<trust::Signer> root_key, store_.Load(roots[0].Text(0)));
  ASSIGN_OR_RETURN(std::string document, trust::SignTrustList(doc, *root_key, root_der));
  ASSIGN_OR_RETURN(std::string payload, trust::TrustListPayload(doc));
  const tlog::Hash hash = tlog::Sha256({reinterpret_cast<const uint8_t*>(payload.data()), payload.size()});
  const std::string id = "tl-" + std::to_string(doc.version);
  ASSIGN_OR_RETURN(uint64_t index, log_.Append(tx, {tlog::Event::kTrustList, id, hash, now}));
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO trust_list_versions (version, issued_at, root_kid, document, payload_sha256, log_index) "
              "VALUES (?, ?, ?, ?, ?, ?)",
              {doc.version, now, roots[0].Text(2), document, Hex(hash), static_cast<int64_t>(index)}));
  RETURN_IF_ERROR(audit::Record(
      tx, kOperator, meta, now,
      {"trust_list.publish", "trust_list", id,
       json::serialize(json::object{
           {"version", doc.version}, {"kids", std::move(kids)}, {"sha256", Hex(hash)}, {"log_index", index}})}));
  return doc.version;
}

Result<KeyInfo> KeyManager::CreateRoot(const RequestMeta& meta, int64_t days) {
  if (days < 1) return Error::Invalid("the root validity must be at least one day");
  const int64_t now = clock_.NowUnix();
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT kid FROM pki_keys WHERE role = 'root'"));
    if (!rows.empty()) return Error::Conflict("a root key already exists (kid " + rows[0].Text(0) + ")");
  }
  ASSIGN_OR_RETURN(std::string label, NewLabel("root", now));
  ASSIGN_OR_RETURN(std::unique_ptr<trust::Signer> key, store_.Generate(label));
  auto done = [&]() -> Result<KeyInfo> {
    ASSIGN_OR_RETURN(Bytes cert, trust::MakeRootCertificate(*key, "Origine root " + options_.country, options_.country,
                                                            now, now + days * kDay));
    const std::string kid = encoding::Base64(trust::KidOf(cert));
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT kid FROM pki_keys WHERE role = 'root'"));
    if (!rows.empty()) return Error::Conflict("a root key already exists (kid " + rows[0].Text(0) + ")");
    RETURN_IF_ERROR(tx->Exec(
        "INSERT INTO pki_keys (kid, role, certificate, not_before, not_after, types, store, label, status, created_at) "
        "VALUES (?, 'root', ?, ?, ?, '[]', ?, ?, 'active', ?)",
        {kid, storage::Blob{cert}, now, now + days * kDay, std::string(store_.Kind()), label, now}));
    RETURN_IF_ERROR(audit::Record(*tx, kOperator, meta, now,
                                  {"key.create", "root_key", kid,
                                   json::serialize(json::object{{"store", std::string(store_.Kind())},
                                                                {"label", label},
                                                                {"not_after", FormatUtc(now + days * kDay)},
                                                                {"private_key", audit::kMasked}})}));
    RETURN_IF_ERROR(Publish(*tx, meta, now));
    ASSIGN_OR_RETURN(auto row, tx->Query(std::string(kSelectKey) + "WHERE kid = ?", {kid}));
    RETURN_IF_ERROR(tx->Commit());
    return ToInfo(row[0], now);
  }();
  if (!done) (void)store_.Destroy(label);  // nothing refers to it
  return done;
}

Result<KeyInfo> KeyManager::RotateSigner(const RequestMeta& meta, int64_t days, std::vector<std::string> types) {
  if (days < 1) return Error::Invalid("the signer validity must be at least one day");
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  if (types.empty()) return Error::Invalid("a document signer needs at least one certificate type (regime)");
  for (const auto& t : types)
    if (t.empty() || t.size() > 32) return Error::Invalid("invalid certificate type '" + t + "'");
  const int64_t now = clock_.NowUnix();
  std::string root_label;
  Bytes root_der;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(
        auto roots,
        tx->Query("SELECT label, certificate, not_after FROM pki_keys WHERE role = 'root' AND status = 'active'"));
    if (roots.empty()) return Error::Conflict("no root key: run `origine keys init-root` first");
    if (now >= roots[0].Int(2)) return Error::Conflict("the root certificate has expired");
    root_label = roots[0].Text(0);
    root_der = roots[0].Bytes(1);
  }
  ASSIGN_OR_RETURN(trust::CertInfo root_info, trust::ParseCertificate(root_der));
  const int64_t not_after = std::min(now + days * kDay, root_info.not_after);
  ASSIGN_OR_RETURN(std::string label, NewLabel("signer", now));
  ASSIGN_OR_RETURN(std::unique_ptr<trust::Signer> key, store_.Generate(label));
  std::shared_ptr<const trust::Signer> shared(std::move(key));
  auto done = [&]() -> Result<KeyInfo> {
    Bytes cert;
    {
      ASSIGN_OR_RETURN(std::unique_ptr<trust::Signer> root_key, store_.Load(root_label));
      ASSIGN_OR_RETURN(cert,
                       trust::MakeSignerCertificate(*root_key, root_der, shared->PublicKeySpkiDer(),
                                                    "Origine document signer " + options_.country, options_.country,
                                                    std::max(now, root_info.not_before), not_after));
    }
    const std::string kid = encoding::Base64(trust::KidOf(cert));
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(auto previous, tx->Query("SELECT kid FROM pki_keys WHERE role = 'signer' AND status = 'active'"));
    RETURN_IF_ERROR(tx->Exec("UPDATE pki_keys SET status = 'retired' WHERE role = 'signer' AND status = 'active'"));
    RETURN_IF_ERROR(tx->Exec(
        "INSERT INTO pki_keys (kid, role, certificate, not_before, not_after, types, store, label, status, created_at) "
        "VALUES (?, 'signer', ?, ?, ?, ?, ?, ?, 'active', ?)",
        {kid, storage::Blob{cert}, std::max(now, root_info.not_before), not_after, TypesJson(types),
         std::string(store_.Kind()), label, now}));
    RETURN_IF_ERROR(audit::Record(*tx, kOperator, meta, now,
                                  {"key.create", "document_signer", kid,
                                   json::serialize(json::object{{"store", std::string(store_.Kind())},
                                                                {"label", label},
                                                                {"types", json::parse(TypesJson(types))},
                                                                {"not_after", FormatUtc(not_after)},
                                                                {"private_key", audit::kMasked}})}));
    if (!previous.empty())
      RETURN_IF_ERROR(
          audit::Record(*tx, kOperator, meta, now,
                        {"key.rotate", "document_signer", kid,
                         json::serialize(json::object{{"status", {{"before", "active"}, {"after", "retired"}}},
                                                      {"previous", previous[0].Text(0)}})}));
    RETURN_IF_ERROR(Publish(*tx, meta, now));
    ASSIGN_OR_RETURN(auto row, tx->Query(std::string(kSelectKey) + "WHERE kid = ?", {kid}));
    RETURN_IF_ERROR(tx->Commit());
    return ToInfo(row[0], now);
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
  if (reason.empty() || reason.size() > trust::kMaxRevocationReason)
    return Error::Invalid("the reason must have 1 to " + std::to_string(trust::kMaxRevocationReason) + " characters");
  if (std::any_of(reason.begin(), reason.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    return Error::Invalid("the reason must not contain control characters");
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(auto rows, tx->Query(std::string(kSelectKey) + "WHERE kid = ? AND role = 'signer'", {kid}));
  if (rows.empty()) return Error::NotFound("no document signer has kid " + kid);
  KeyInfo before = ToInfo(rows[0], now);
  if (before.revocation) return Error::Conflict("signer " + kid + " is already revoked");
  RETURN_IF_ERROR(
      tx->Exec("UPDATE pki_keys SET status = 'revoked', revoked_at = ?, revocation_reason = ? WHERE kid = ?",
               {now, reason, kid}));
  RETURN_IF_ERROR(
      audit::Record(*tx, kOperator, meta, now,
                    {"key.revoke", "document_signer", kid,
                     json::serialize(json::object{{"status", {{"before", before.status}, {"after", "revoked"}}},
                                                  {"reason", reason}})}));
  RETURN_IF_ERROR(Publish(*tx, meta, now));
  ASSIGN_OR_RETURN(auto after, tx->Query(std::string(kSelectKey) + "WHERE kid = ?", {kid}));
  RETURN_IF_ERROR(tx->Commit());
  {
    std::lock_guard<std::mutex> lock(mu_);
    cache_.erase(before.label);
  }
  // After the commit: the list already says revoked; a failure here leaves a
  // key that the database will never use again, and is reported.
  RETURN_IF_ERROR(store_.Destroy(before.label));
  return ToInfo(after[0], now);
}

Result<bool> KeyManager::EnsureInitialKeys(const RequestMeta& meta, const std::vector<std::string>& types) {
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT COUNT(*) FROM pki_keys"));
    if (rows[0].Int(0) > 0) return false;
  }
  RETURN_IF_ERROR(CreateRoot(meta, options_.root_days));
  RETURN_IF_ERROR(RotateSigner(meta, options_.signer_days, types));
  return true;
}

Result<std::vector<KeyInfo>> KeyManager::List() {
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows, tx->Query(std::string(kSelectKey) +
                                        "ORDER BY CASE role WHEN 'root' THEN 0 ELSE 1 END, created_at, kid"));
  std::vector<KeyInfo> out;
  for (const auto& r : rows) out.push_back(ToInfo(r, now));
  return out;
}

Result<Bytes> KeyManager::RootCertificate() {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT certificate FROM pki_keys WHERE role = 'root' AND status = 'active'"));
  if (rows.empty()) return Error::NotFound("no root key yet");
  return rows[0].Bytes(0);
}

Result<std::vector<VersionInfo>> KeyManager::Versions() {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT version, issued_at, payload_sha256, log_index FROM trust_list_versions "
                                        "ORDER BY version DESC"));
  std::vector<VersionInfo> out;
  for (const auto& r : rows) out.push_back({r.Int(0), r.Int(1), r.Int(3), r.Text(2)});
  return out;
}

Result<std::string> KeyManager::TrustListDocument(std::optional<int64_t> version) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  std::vector<storage::Row> rows;
  if (version) {
    ASSIGN_OR_RETURN(rows, tx->Query("SELECT document FROM trust_list_versions WHERE version = ?", {*version}));
    if (rows.empty()) return Error::NotFound("no trust list version " + std::to_string(*version));
  } else {
    ASSIGN_OR_RETURN(rows, tx->Query("SELECT document FROM trust_list_versions ORDER BY version DESC LIMIT 1"));
    if (rows.empty()) return Error::NotFound("no trust list published yet");
  }
  return rows[0].Text(0);
}

Result<ActiveSigner> KeyManager::Active(storage::Tx& tx, int64_t now) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT certificate, types, not_after, label FROM pki_keys "
                                       "WHERE role = 'signer' AND status = 'active'"));
  if (rows.empty()) return Error::Unavailable("no active document signer: run `origine keys rotate` to create one");
  if (now >= rows[0].Int(2))
    return Error::Unavailable("the active document signer expired on " + FormatUtc(rows[0].Int(2)) +
                              ": run `origine keys rotate`");
  ActiveSigner s;
  ASSIGN_OR_RETURN(s.key, LoadCached(rows[0].Text(3)));
  s.certificate_der = rows[0].Bytes(0);
  s.kid = trust::KidOf(s.certificate_der);
  s.types = ParseTypes(rows[0].Text(1));
  s.not_after = rows[0].Int(2);
  return s;
}

Result<std::shared_ptr<const trust::TrustListSnapshot>> SnapshotOf(int64_t version, const std::string& document) {
  ASSIGN_OR_RETURN(Bytes root, trust::EmbeddedTrustListRoot(document));
  ASSIGN_OR_RETURN(trust::VerifiedTrustList list, trust::VerifySignedTrustList(document, root));
  auto snap = std::make_shared<trust::TrustListSnapshot>();
  snap->version = version;
  snap->issued_at = list.document.issued_at;
  snap->json = document;
  snap->entries = std::move(list.document.entries);
  snap->root_der = std::move(root);
  return std::shared_ptr<const trust::TrustListSnapshot>(std::move(snap));
}

std::shared_ptr<const trust::TrustListSnapshot> DbTrustListSource::Current() {
  std::lock_guard<std::mutex> lock(mu_);
  auto refresh = [&]() -> Status {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(auto latest, tx->Query("SELECT MAX(version) FROM trust_list_versions"));
    const int64_t version = latest.empty() || latest[0].IsNull(0) ? 0 : latest[0].Int(0);
    if (current_ && current_->version == version) return {};
    if (version == 0) {
      current_ = std::make_shared<const trust::TrustListSnapshot>();
      return {};
    }
    ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT document FROM trust_list_versions WHERE version = ?", {version}));
    if (rows.empty()) return Error::Internal("trust list version vanished");
    ASSIGN_OR_RETURN(current_, SnapshotOf(version, rows[0].Text(0)));
    return {};
  };
  if (Status st = refresh(); !st && !current_) current_ = std::make_shared<const trust::TrustListSnapshot>();
  return current_;
}

}  // namespace origine::pki
