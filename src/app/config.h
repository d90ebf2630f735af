// origine/app/config.h — configuration: defaults < TOML file < ORIGINE_*
// environment variables < command-line flags.
//
//   [server]  listen = "127.0.0.1:8080"  threads = 2  web_root = "web/dist"  secure_cookies = false
//             body_limit_bytes = 1048576  statement_limit_bytes = 16777216 (provider statements
//             imported at POST /api/v1/reconciliations; every other request: body_limit_bytes)
//   [storage] data = "./var"
//   [issuer]  country = "ML"  name = "Agence pour la promotion des exportations du Mali (APEX-Mali)"
//   [origin]  regimes = "data/regimes"  (regime and export-ban files, loaded at start)
//   [log]     origin = "origine.local/ML/log"  (transparency-log origin and key name: the
//             scheme-less URL of the /log/ prefix; default "origine.local/<country>/log")
//   [payments] simulator = "http://127.0.0.1:8090" (origine-paysim: every provider whose base_url
//             is not set goes to <simulator>/<provider>, with the simulator's default secrets;
//             "" = no simulator)  public_url = "http://127.0.0.1:8080" (our base URL for callbacks
//             and returns; default http://<listen>)  intent_ttl_seconds = 1800
//             poll_initial_seconds = 5  poll_max_seconds = 300  late_window_seconds = 3600
//   [payments.<orange|wave|cinetpay|momo>] base_url, and the provider's identifiers and secrets:
//             orange: client_id client_secret merchant_key; wave: api_key webhook_secret;
//             cinetpay: api_key site_id secret_key; momo: subscription_key api_user api_key
//             target_environment, and for refunds (Disbursement product; default: the
//             Collection ones) disbursement_subscription_key disbursement_api_user
//             disbursement_api_key; any: currency, fee_bp (reconciliation's expected fee rate).
//             A provider without base_url (and no simulator) is disabled.
//   Secrets are never logged nor shown in errors.
//   [keys]    store = "file" | "pkcs11"
//             passphrase_file = "/run/secrets/origine-kek"  (file store: the key-encryption
//               passphrase, mode 0600; default <data>/keys/kek, created with a random
//               passphrase on first start — development only, see README)
//             pkcs11_module = "/usr/lib/softhsm/libsofthsm2.so"  pkcs11_token = "origine"
//             pkcs11_pin_file = "/run/secrets/origine-pin"
//             root_days = 3650  signer_days = 730  (default validities for new keys)
//
// Environment: ORIGINE_CONFIG (file path), ORIGINE_LISTEN, ORIGINE_DATA, ORIGINE_WEB_ROOT,
// ORIGINE_THREADS, ORIGINE_ISSUER_COUNTRY, ORIGINE_ISSUER_NAME, ORIGINE_LOG_ORIGIN, ORIGINE_REGIMES,
// ORIGINE_SECURE_COOKIES (0/1), ORIGINE_PAYSIM_URL ([payments] simulator), ORIGINE_PUBLIC_URL,
// ORIGINE_PAYMENTS_<PROVIDER>_<KEY> (e.g. ORIGINE_PAYMENTS_WAVE_WEBHOOK_SECRET). ORIGINE_KEYS_STORE,
// ORIGINE_KEY_PASSPHRASE_FILE, ORIGINE_KEY_PASSPHRASE (the passphrase itself, for container secrets),
// ORIGINE_PKCS11_MODULE, ORIGINE_PKCS11_TOKEN, ORIGINE_PKCS11_PIN_FILE.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/result.h"

namespace origine::app {

struct Config {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 2;
  std::string web_root = "web/dist";
  bool secure_cookies = false;
  size_t body_limit = 1 << 20;
  size_t statement_limit = 16 << 20;
  std::string data_dir = "./var";
  std::string issuer_country = "ML";
  std::string issuer_name = "Agence pour la promotion des exportations du Mali (APEX-Mali)";
  std::string regimes_dir = "data/regimes";
  std::string log_origin;  // "" = "origine.local/" + issuer_country + "/log"
  // Payments (see the [payments] keys above).
  std::string paysim_url = "http://127.0.0.1:8090";
  std::string public_url;
  int64_t intent_ttl_seconds = 1800, poll_initial_seconds = 5, poll_max_seconds = 300, late_window_seconds = 3600;
  // provider -> key -> value (secrets included: never log this map).
  std::map<std::string, std::map<std::string, std::string>> providers;
  std::string keys_store = "file";  // "file" or "pkcs11"
  std::string key_passphrase_file;  // "" = <data>/keys/kek
  std::string key_passphrase;       // from ORIGINE_KEY_PASSPHRASE only (never from a file or a flag)
  std::string pkcs11_module, pkcs11_token, pkcs11_pin_file;
  int64_t root_days = 3650, signer_days = 730;
};

// The keys a [payments.<provider>] table may hold.
bool IsProviderKey(const std::string& key);

// Reads `path` (when not empty) then the environment over the defaults.
// Errors name the file, the line and the key.
Result<Config> LoadConfig(const std::string& path);

// Parses "HOST:PORT" (IPv6 as "[::1]:8080") into the config.
Status ParseListen(const std::string& listen, Config* config);

}  // namespace origine::app
