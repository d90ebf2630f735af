// origine/pki/key_manager.h — the key hierarchy of one issuing authority and
// its signed, versioned trust list.
//
//   root (X.509 P-256, long-lived, signs signer certificates and trust lists)
//     └─ document signers (short-lived; one "active" signs new certificates of
//        origin; "retired" ones keep verifying until they expire; "revoked"
//        ones stay listed with {at, reason} and everything they signed is
//        revoked)
//
// Private keys live in a trust::KeyStore (encrypted files or PKCS#11); the
// database holds what each key is (table pki_keys, pki/pki_store.h) and every
// published trust list (pki/trust_list_publication.h). Every change — root
// creation, rotation, revocation — runs in one write transaction with its
// audit events, the new trust-list version and its "trust-list" leaf in the
// transparency log.
//
// How a running server learns of a rotation made by `origine keys` in another
// process: Active() reads the active signer from the database inside the
// signing transaction, every time (the private key is loaded from the store
// once per signer and cached); DbTrustListSource (pki/trust_list_source.h)
// follows the published versions. No signal or restart is needed.
//
// Thread-safety: KeyManager may be shared by threads.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/context.h"
#include "core/result.h"
#include "pki/key_role.h"
#include "pki/schema.h"
#include "pki/trust_list_publication.h"
#include "pki/trust_list_source.h"
#include "storage/db.h"
#include "tlog/log.h"
#include "trust/key_store.h"
#include "trust/trust_list.h"

namespace origine::pki {

using trust::Bytes;

// The signer used to sign a certificate of origin now.
struct ActiveSigner {
  std::shared_ptr<const trust::Signer> key;
  Bytes certificate_der;
  Bytes kid;                       // KidOf(certificate_der)
  std::vector<std::string> types;  // regimes it may sign
  int64_t not_after = 0;           // the certificate's notAfter
};

// Where signing code gets its signer (an interface so tests can fake it).
class SignerSource {
 public:
  virtual ~SignerSource() = default;
  // Reads the active signer in `tx` (the signing transaction). Fails with
  // kUnavailable when there is none or it has expired at `now` (the message
  // says to run `origine keys rotate`), or when its key cannot be loaded.
  virtual Result<ActiveSigner> Active(storage::Tx& tx, int64_t now) = 0;
};

struct KeyInfo {
  std::string kid;   // standard Base64, as in the trust list
  std::string role;  // KeyRoleName: "root" or "signer"
  // "active", "retired", "revoked", or "expired" (computed: past not_after
  // and not revoked).
  std::string status;
  int64_t not_before = 0, not_after = 0, created_at = 0;
  std::vector<std::string> types;  // empty for the root
  std::optional<trust::SignerRevocation> revocation;
  std::string store, label;  // where the private key is ("file"/"pkcs11", label)
  Bytes certificate_der;
};

struct KeyOptions {
  std::string country = "ML";  // subject C and trust-list issuer
  int64_t root_days = 3650;    // default root validity
  int64_t signer_days = 730;   // default document-signer validity
};

class KeyManager final : public SignerSource {
 public:
  // `store` and `log` must outlive the manager.
  KeyManager(storage::Db& db, const Clock& clock, trust::KeyStore& store, const tlog::Log& log, KeyOptions options);

  // Creates the root key and certificate valid [now, now + days) and
  // publishes a trust list (with the signers so far: none). Fails with
  // kConflict "key.root_exists" when a root exists, kInvalidArgument
  // "key.validity" when days < 1.
  Result<KeyInfo> CreateRoot(const RequestMeta& meta, int64_t days);
  // Creates a document signer valid [now, min(now + days, root notAfter)) for
  // `types` (non-empty, sorted and de-duplicated); it becomes the active one
  // and the previous active becomes "retired". Publishes a new version.
  // Fails with kConflict "key.no_root" / "key.root_expired" when there is no
  // root or it has expired, kInvalidArgument "key.validity" / "key.types".
  Result<KeyInfo> RotateSigner(const RequestMeta& meta, int64_t days, std::vector<std::string> types);
  // Removes signer `kid` (standard Base64): status "revoked" with `reason`
  // (1–200 characters), its private key destroyed, a new version published
  // that lists it with {at, reason}. If it was the active signer there is no
  // active signer until the next rotation. Fails with kNotFound
  // "key.not_found" for an unknown kid, kConflict "key.revoked" when already
  // revoked, kInvalidArgument "key.reason" on a bad reason.
  Result<KeyInfo> RevokeSigner(const RequestMeta& meta, const std::string& kid, const std::string& reason);
  // First start of a development installation: when the database knows no
  // key at all, CreateRoot and RotateSigner with the default validities.
  // Returns true when keys were created.
  Result<bool> EnsureInitialKeys(const RequestMeta& meta, const std::vector<std::string>& types);

  // Root first, then signers by creation time.
  Result<std::vector<KeyInfo>> List();
  // The current root certificate (DER). kNotFound "key.no_root" when there is none.
  Result<Bytes> RootCertificate();
  // The published trust-list versions, newest first (ListTrustListVersions).
  Result<std::vector<VersionInfo>> Versions();
  // The published document of `version`, or of the latest when nullopt.
  // kNotFound "trust_list.not_found" when there is none (ReadTrustListDocument).
  Result<std::string> TrustListDocument(std::optional<int64_t> version);

  Result<ActiveSigner> Active(storage::Tx& tx, int64_t now) override;

 private:
  Result<std::shared_ptr<const trust::Signer>> LoadCached(const std::string& label);

  storage::Db& db_;
  const Clock& clock_;
  trust::KeyStore& store_;
  const tlog::Log& log_;
  KeyOptions options_;
  std::mutex mu_;  // guards cache_
  std::map<std::string, std::shared_ptr<const trust::Signer>> cache_;
};

}  // namespace origine::pki
