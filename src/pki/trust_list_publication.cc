#include "pki/trust_list_publication.h"

#include <boost/json.hpp>

#include "audit/audit.h"
#include "core/encoding.h"
#include "pki/pki_store.h"
#include "trust/trust_list.h"

namespace origine::pki {
namespace {
namespace json = boost::json;
}  // namespace

Result<int64_t> PublishTrustList(storage::Tx& tx, trust::KeyStore& keys, const tlog::Log& log,
                                 const std::string& issuer, const RequestMeta& meta, int64_t now) {
  ASSIGN_OR_RETURN(std::optional<store::KeyRow> root, store::FindKeyByStatus(tx, KeyRole::kRoot, KeyStatus::kActive));
  if (!root) return Error::Conflict("key.no_root"_code, "no root key: run `origine keys init-root` first");
  ASSIGN_OR_RETURN(std::vector<store::KeyRow> signers, store::ListKeysByKid(tx, KeyRole::kSigner));
  trust::TrustListDocument doc;
  doc.issuer = issuer;
  doc.issued_at = now;
  json::array kids;
  for (store::KeyRow& r : signers) {
    trust::TrustEntry e;
    e.certificate_der = std::move(r.certificate);
    e.kid = trust::KidOf(e.certificate_der);
    e.types = std::move(r.types);
    e.revocation = std::move(r.revocation);
    kids.emplace_back(encoding::Base64(e.kid));
    doc.entries.push_back(std::move(e));
  }
  ASSIGN_OR_RETURN(int64_t latest, store::LatestVersion(tx));
  doc.version = latest + 1;
  // The root key is loaded for this signature only (never cached).
  ASSIGN_OR_RETURN(std::unique_ptr<trust::Signer> root_key, keys.Load(root->label));
  ASSIGN_OR_RETURN(std::string document, trust::SignTrustList(doc, *root_key, root->certificate));
  ASSIGN_OR_RETURN(std::string payload, trust::TrustListPayload(doc));
  const tlog::Hash hash = encoding::Sha256(payload);
  const std::string hash_hex = encoding::Hex(hash);
  const std::string id = "tl-" + std::to_string(doc.version);
  ASSIGN_OR_RETURN(uint64_t index, log.Append(tx, {tlog::Event::kTrustList, id, hash, now}));
  RETURN_IF_ERROR(store::InsertVersion(
      tx, {doc.version, now, static_cast<int64_t>(index), root->kid, std::move(document), hash_hex}));
  RETURN_IF_ERROR(audit::Record(
      tx, std::nullopt, meta, now,
      {"trust_list.publish", "trust_list", id,
       json::serialize(json::object{
           {"version", doc.version}, {"kids", std::move(kids)}, {"sha256", hash_hex}, {"log_index", index}})}));
  return doc.version;
}

Result<std::vector<VersionInfo>> ListTrustListVersions(storage::Db& db) {
  ASSIGN_OR_RETURN(auto tx, db.Begin(false));
  ASSIGN_OR_RETURN(std::vector<store::VersionRow> rows, store::ListVersions(*tx));
  std::vector<VersionInfo> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.version, r.issued_at, r.log_index, r.payload_sha256});
  return out;
}

Result<std::string> ReadTrustListDocument(storage::Db& db, std::optional<int64_t> version) {
  ASSIGN_OR_RETURN(auto tx, db.Begin(false));
  if (!version) {
    ASSIGN_OR_RETURN(int64_t latest, store::LatestVersion(*tx));
    if (latest == 0) return Error::NotFound("trust_list.not_found"_code, "no trust list published yet");
    version = latest;
  }
  ASSIGN_OR_RETURN(std::optional<std::string> doc, store::FindDocument(*tx, *version));
  if (!doc)
    return Error::NotFound("trust_list.not_found"_code, "no trust list version " + std::to_string(*version))
        .With("version", std::to_string(*version));
  return std::move(*doc);
}

}  // namespace origine::pki
