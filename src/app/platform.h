// origine/app/platform.h — wires the real implementations together for one
// data directory: SQLite database, key stores, transparency log, services.
// Used by `serve` and by every operator command, so they all see the same state.
#pragma once

#include <memory>

#include "app/config.h"
#include "certificates/service.h"
#include "core/clock.h"
#include "identity/identity_service.h"
#include "payments/provider.h"
#include "payments/reconcile.h"
#include "payments/service.h"
#include "pki/key_manager.h"
#include "storage/db.h"
#include "tlog/log.h"
#include "tlog/note.h"
#include "trust/key_store.h"

namespace origine::app {

struct Platform {
  Config config;
  SystemClock clock;
  certificates::RegimeSetPtr regimes;  // loaded once from config.regimes_dir, never empty
  std::unique_ptr<storage::Db> db;
  std::unique_ptr<tlog::Log> log;
  std::unique_ptr<trust::KeyStore> key_store;          // private keys (encrypted files or PKCS#11)
  std::unique_ptr<pki::KeyManager> keys;               // root, document signers, trust-list versions
  std::unique_ptr<pki::DbTrustListSource> trust_list;  // the latest published trust list
  std::unique_ptr<tlog::NoteSigner> log_signer;        // the checkpoint key (keys/tlog-note.key)
  std::unique_ptr<identity::IdentityService> identity;
  std::unique_ptr<certificates::ApplicationService> applications;
  std::unique_ptr<certificates::CertificateService> certificates;
  std::unique_ptr<payments::HttpClient> http;          // libcurl, for the providers
  std::unique_ptr<payments::PaymentService> payments;  // the applications' payment gate
  std::unique_ptr<payments::Reconciler> reconciler;
};

// The provider settings from the configuration: [payments.<p>] keys, else,
// with a simulator URL, <simulator>/<p> and the simulator's default secrets
// (docs/formats/paysim.md). Providers without a base URL are left out.
std::vector<payments::ProviderConfig> ProviderConfigs(const Config& config);

// Creates the data directory (0700) if needed, opens and migrates the
// database; when migrations ran, seals audit events older than the hash
// chain. Nothing else (used by `audit verify`, which must not write).
Result<std::unique_ptr<storage::Db>> OpenDatabase(const Config& config);

// Loads the regimes of origin (config.regimes_dir; any bad file fails naming
// file and line; a missing or empty directory fails too: nothing runs without
// regimes), OpenDatabase, opens the key store
// (OpenKeyStore), and on the first start of an installation creates the root
// and a document signer (audited, trust list version 1 published and
// logged), and loads or creates the log key.
Result<std::unique_ptr<Platform>> OpenPlatform(const Config& config);

// The key store of `config`: encrypted files in <data>/keys with the
// passphrase from ORIGINE_KEY_PASSPHRASE, else keys.passphrase_file, else
// <data>/keys/kek — created (random, 0600) only when the directory holds no
// key yet —; or a PKCS#11 token (keys.store = "pkcs11"). Errors never contain
// the passphrase or PIN.
Result<std::unique_ptr<trust::KeyStore>> OpenKeyStore(const Config& config);

// The regime codes a new document signer may sign by default: every regime
// of the platform, as application codes (GENERAL is "NP", ADR 0020), sorted.
std::vector<std::string> DefaultSignerTypes(const Platform& platform);

// Anchors the audit chain head in the transparency log if it moved since the
// last anchor (at `serve` start and by `origine audit anchor`); returns the
// new leaf's index, or nullopt when nothing was needed.
Result<std::optional<uint64_t>> AnchorAudit(Platform& platform);

// Reads, checks (every line) and stores an HS nomenclature CSV for `lang` in
// one transaction with its audit event ("hs.import", at clock's time): on any
// error nothing is written. Returns the number of codes imported.
Result<size_t> ImportHsFile(storage::Db& db, const Clock& clock, const std::string& path, const std::string& lang);

// The simulator's base URL ("http://127.0.0.1:8090") when `provider` is
// played by origine-paysim (no base_url of its own, a simulator configured),
// else "".
std::string SimulatorBaseFor(const Config& config, const std::string& provider);

// Seeds the demo companies, accounts and a few certificates. Idempotent.
// The demo's fees are paid for real when the simulator plays the provider and
// answers (intent, payer's action through its control API, status query);
// otherwise they are recorded without a provider (reconciliation then lists
// them as missing at the provider). Returns a summary for the operator, in
// French ("" when the data was there already).
Result<std::string> SeedDemo(Platform& platform);

}  // namespace origine::app
