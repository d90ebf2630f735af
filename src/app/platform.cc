#include "app/platform.h"

#include <sys/stat.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/schema.h"
#include "audit/audit.h"
#include "core/log.h"
#include "origin/engine.h"
#include "payments/payments.h"
#include "registry/hs.h"
#include "registry/registry.h"
#include "storage/sqlite_db.h"
#include "trust/key_store.h"
#include "trust/pkcs11_key_store.h"
#include "trust/trust_list.h"

namespace origine::app {
namespace {

const RequestMeta kStartup{"startup", "", "origine"};

}  // namespace

std::string SimulatorBaseFor(const Config& config, const std::string& provider) {
  auto own = config.providers.find(provider);
  if (config.paysim_url.empty() || (own != config.providers.end() && own->second.count("base_url"))) return "";
  std::string base = config.paysim_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

std::vector<payments::ProviderConfig> ProviderConfigs(const Config& config) {
  // The simulator's defaults (docs/formats/paysim.md): development values, not secrets.
  static const std::map<std::string, std::map<std::string, std::string>> kPaysimDefaults = {
      {"orange",
       {{"client_id", "paysim-orange-client"},
        {"client_secret", "paysim-orange-secret"},
        {"merchant_key", "paysim-orange-merchant"}}},
      {"wave", {{"api_key", "paysim-wave-api-key"}, {"webhook_secret", "paysim-wave-webhook-secret"}}},
      {"cinetpay",
       {{"api_key", "paysim-cinetpay-apikey"}, {"site_id", "100001"}, {"secret_key", "paysim-cinetpay-secret"}}},
      {"momo",
       {{"subscription_key", "paysim-momo-subscription"},
        {"api_user", "7b1c9a52-3f0e-4d6a-9c1e-2a5b8d4f6e10"},
        {"api_key", "paysim-momo-api-key"},
        {"target_environment", "sandbox"},
        {"disbursement_subscription_key", "paysim-momo-disbursement"},
        {"disbursement_api_user", "3f6d2b1a-8c4e-4f7a-9b2d-5e1c7a9d0b21"},
        {"disbursement_api_key", "paysim-momo-disbursement-key"}}},
  };
  std::vector<payments::ProviderConfig> out;
  for (const auto& name : payments::ProviderNames()) {
    std::map<std::string, std::string> kv;
    auto own = config.providers.find(name);
    const std::string base = SimulatorBaseFor(config, name);
    if (!base.empty()) {
      kv = kPaysimDefaults.at(name);
      kv["base_url"] = std::string(base).append("/").append(name);
      if (name == "momo") kv["payment_page"] = base + "/pay/momo/";
    }
    if (own != config.providers.end())
      for (const auto& [k, v] : own->second) kv[k] = v;
    if (kv["base_url"].empty()) continue;
    payments::ProviderConfig pc;
    pc.name = name;
    pc.base_url = kv["base_url"];
    pc.client_id = kv["client_id"];
    pc.client_secret = kv["client_secret"];
    pc.merchant_key = kv["merchant_key"];
    pc.api_key = kv["api_key"];
    pc.webhook_secret = kv["webhook_secret"];
    pc.site_id = kv["site_id"];
    pc.secret_key = kv["secret_key"];
    pc.subscription_key = kv["subscription_key"];
    pc.api_user = kv["api_user"];
    pc.disbursement_subscription_key = kv["disbursement_subscription_key"];
    pc.disbursement_api_user = kv["disbursement_api_user"];
    pc.disbursement_api_key = kv["disbursement_api_key"];
    if (!kv["target_environment"].empty()) pc.target_environment = kv["target_environment"];
    if (!kv["currency"].empty()) pc.currency = kv["currency"];
    pc.payment_page = kv["payment_page"];
    out.push_back(std::move(pc));
  }
  return out;
}

Result<std::unique_ptr<storage::Db>> OpenDatabase(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec)
    return Error::Unavailable("data_dir.unavailable"_code,
                              "cannot create data directory " + config.data_dir + ": " + ec.message())
        .With("path", config.data_dir);
  ::chmod(config.data_dir.c_str(), 0700);
  ASSIGN_OR_RETURN(auto db, storage::OpenSqlite((std::filesystem::path(config.data_dir) / "origine.db").string()));
  ASSIGN_OR_RETURN(auto applied, db->Migrate(AllMigrations()));
  for (int v : applied) log::Info("migration applied", {{"version", std::to_string(v)}});
  return db;
}

Result<size_t> ImportHsFile(storage::Db& db, const Clock& clock, const std::string& path, const std::string& lang) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Error::NotFound("file.not_found"_code, "cannot read " + path + ": " + ec.message()).With("path", path);
  if (size > registry::kMaxHsFileBytes)
    return Error::Invalid("file.too_large"_code, path + ": file larger than 32 MiB").With("path", path);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return Error::Unavailable("file.unreadable"_code, "cannot read " + path).With("path", path);
  ASSIGN_OR_RETURN(std::vector<registry::HsLine> lines, registry::ParseHsCsv(text.str(), path));
  ASSIGN_OR_RETURN(auto tx, db.Begin());
  ASSIGN_OR_RETURN(size_t n, registry::StoreHs(*tx, lang, lines));
  RETURN_IF_ERROR(audit::Record(*tx, std::nullopt, {"cli", "", "origine import hs"}, clock.NowUnix(),
                                {"hs.import", "hs_nomenclature", lang,
                                 boost::json::serialize(boost::json::object{
                                     {"file", std::filesystem::path(path).filename().string()}, {"codes", n}})}));
  RETURN_IF_ERROR(tx->Commit());
  return n;
}

Result<std::optional<uint64_t>> AnchorAudit(Platform& p) {
  ASSIGN_OR_RETURN(auto tx, p.db->Begin());
  ASSIGN_OR_RETURN(std::optional<uint64_t> index, audit::Anchor(*tx, p.clock.NowUnix()));
  RETURN_IF_ERROR(tx->Commit());
  return index;
}

std::vector<std::string> DefaultSignerTypes(const Platform& platform) {
  return platform.regimes ? certificates::AllRegimeCodes(*platform.regimes) : std::vector<std::string>();
}

Result<std::unique_ptr<trust::KeyStore>> OpenKeyStore(const Config& config) {
  const std::string keys_dir = (std::filesystem::path(config.data_dir) / "keys").string();
  if (config.keys_store == "pkcs11") {
    if (config.pkcs11_module.empty() || config.pkcs11_token.empty() || config.pkcs11_pin_file.empty())
      return Error::Invalid(
          "config.pkcs11"_code,
          "keys.store = \"pkcs11\" needs keys.pkcs11_module, keys.pkcs11_token and keys.pkcs11_pin_file");
    ASSIGN_OR_RETURN(std::string pin, trust::ReadSecretFile(config.pkcs11_pin_file, 4));
    ASSIGN_OR_RETURN(auto store,
                     trust::Pkcs11KeyStore::Open(config.pkcs11_module, config.pkcs11_token, std::move(pin)));
    return std::unique_ptr<trust::KeyStore>(std::move(store));
  }
  std::string passphrase;
  if (!config.key_passphrase.empty()) {
    passphrase = config.key_passphrase;
  } else if (!config.key_passphrase_file.empty()) {
    ASSIGN_OR_RETURN(passphrase, trust::ReadPassphraseFile(config.key_passphrase_file));
  } else {
    const std::string kek = keys_dir + "/kek";
    auto read = trust::ReadPassphraseFile(kek);
    if (read) {
      passphrase = std::move(*read);
    } else if (read.error().kind != ErrorKind::kNotFound) {
      return read.error();
    } else {
      // Development installation: a random passphrase beside the keys, only
      // while there are no keys yet (it protects nothing against a copy of
      // the whole directory; production sets keys.passphrase_file).
      std::error_code ec;
      for (std::filesystem::directory_iterator it(keys_dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().ends_with(".key.pem"))
          return Error::Invalid("config.passphrase_missing"_code,
                                "the keys in " + keys_dir + " are encrypted but no passphrase is configured: set " +
                                    "keys.passphrase_file or ORIGINE_KEY_PASSPHRASE_FILE")
              .With("path", keys_dir);
      ASSIGN_OR_RETURN(passphrase, trust::CreatePassphraseFile(kek));
      log::Info("development key-encryption passphrase created", {{"file", kek}});
    }
  }
  ASSIGN_OR_RETURN(auto store, trust::FileKeyStore::Open(keys_dir, std::move(passphrase)));
  return std::unique_ptr<trust::KeyStore>(std::move(store));
}

Result<std::unique_ptr<Platform>> OpenPlatform(const Config& config) {
  auto p = std::make_unique<Platform>();
  p->config = config;
  // Regimes of origin: a bad file stops the start, naming file and line; so
  // does a missing or empty directory (nothing can be certified without them).
  auto regimes = origin::LoadRegimes(config.regimes_dir);
  if (!regimes) {
    Error e = regimes.error();
    e.message = e.kind == ErrorKind::kNotFound
                    ? "no regimes of origin in " + config.regimes_dir + " (" + e.message +
                          "): the server cannot run without them; give --regimes DIR, ORIGINE_REGIMES or "
                          "origin.regimes"
                    : "regimes (" + config.regimes_dir + "): " + e.message;
    return e;
  }
  p->regimes = std::make_shared<const origin::RegimeSet>(std::move(*regimes));
  std::error_code ec;
  ASSIGN_OR_RETURN(p->db, OpenDatabase(config));

  // Transparency-log key.
  const std::string origin =
      config.log_origin.empty() ? "origine.local/" + config.issuer_country + "/log" : config.log_origin;
  if (!tlog::IsValidKeyName(origin))
    return Error::Invalid("config.log_origin"_code, "log origin '" + origin + "' is not a valid key name")
        .With("value", origin);
  const std::string log_key_path = tlog::DefaultSignerKeyPath(config.data_dir);
  const bool log_key_existed = std::filesystem::exists(log_key_path, ec);
  ASSIGN_OR_RETURN(tlog::NoteSigner log_signer, tlog::NoteSigner::LoadOrCreate(log_key_path, origin));
  p->log_signer = std::make_unique<tlog::NoteSigner>(std::move(log_signer));
  p->log = std::make_unique<tlog::Log>(origin);
  if (!log_key_existed) {
    ASSIGN_OR_RETURN(auto tx, p->db->Begin());
    RETURN_IF_ERROR(audit::Record(
        *tx, std::nullopt, kStartup, p->clock.NowUnix(),
        {"key.create", "log_key", origin,
         boost::json::serialize(boost::json::object{{"vkey", p->log_signer->VerifierKey()}, {"private_key", "***"}})}));
    RETURN_IF_ERROR(tx->Commit());
  }

  // Root and document signers: created on the first start only (each
  // creation audited and published as a trust-list version); later changes
  // are made with `origine keys`.
  ASSIGN_OR_RETURN(p->key_store, OpenKeyStore(config));
  p->keys =
      std::make_unique<pki::KeyManager>(*p->db, p->clock, *p->key_store, *p->log,
                                        pki::KeyOptions{config.issuer_country, config.root_days, config.signer_days});
  ASSIGN_OR_RETURN(bool created, p->keys->EnsureInitialKeys(kStartup, DefaultSignerTypes(*p)));
  if (created) log::Info("root and document signer created", {{"store", std::string(p->key_store->Kind())}});
  p->trust_list = std::make_unique<pki::DbTrustListSource>(*p->db);

  certificates::IssuerConfig issuer{config.issuer_country, config.issuer_name};
  p->identity = std::make_unique<identity::IdentityService>(*p->db, p->clock);
  p->applications =
      std::make_unique<certificates::ApplicationService>(*p->db, p->clock, p->regimes, *p->keys, *p->log, issuer);
  p->certificates = std::make_unique<certificates::CertificateService>(*p->db, p->clock, *p->trust_list, issuer);

  // Payments: one adapter per configured provider, over libcurl.
  p->http = payments::MakeCurlHttpClient();
  std::map<std::string, std::unique_ptr<payments::PaymentProvider>> providers;
  payments::ReconcileOptions reconcile;
  reconcile.issuer_name = config.issuer_name;
  for (const auto& pc : ProviderConfigs(config)) {
    ASSIGN_OR_RETURN(providers[pc.name], payments::MakeProvider(pc, *p->http, p->clock));
    auto fee = config.providers.find(pc.name);
    if (fee != config.providers.end() && fee->second.count("fee_bp")) {
      const std::string& v = fee->second.at("fee_bp");
      if (v.empty() || v.size() > 5 || v.find_first_not_of("0123456789") != std::string::npos)
        return Error::Invalid("config.value"_code, "payments." + pc.name + ".fee_bp must be an integer (basis points)")
            .With("key", "payments." + pc.name + ".fee_bp");
      reconcile.fee_bp[pc.name] = std::stoi(v);
    }
  }
  payments::PaymentsOptions po;
  po.public_url =
      config.public_url.empty() ? "http://" + config.host + ":" + std::to_string(config.port) : config.public_url;
  po.issuer_name = config.issuer_name;
  po.intent_ttl_seconds = config.intent_ttl_seconds;
  po.poll_initial_seconds = config.poll_initial_seconds;
  po.poll_max_seconds = config.poll_max_seconds;
  po.late_window_seconds = config.late_window_seconds;
  po.regimes = p->regimes;
  p->payments = std::make_unique<payments::PaymentService>(*p->db, p->clock, std::move(providers), po);
  p->reconciler = std::make_unique<payments::Reconciler>(*p->db, p->clock, *p->payments, reconcile);
  p->applications->SetPaymentGate(p->payments.get());
  return p;
}

}  // namespace origine::app
