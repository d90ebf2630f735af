// origine/app/config.h — configuration: defaults < TOML file < ORIGINE_*
// environment variables < command-line flags.
//
//   [server]  listen = "127.0.0.1:8080"  threads = 2  web_root = "web/dist"  secure_cookies = false
//             body_limit_bytes = 1048576
//   [storage] data = "./var"
//   [issuer]  country = "ML"  name = "Agence pour la promotion des exportations du Mali (APEX-Mali)"
//   [origin]  regimes = "data/regimes"  (regime and export-ban files, loaded at start)
//   [log]     origin = "origine.local/ML/log"  (transparency-log origin and key name: the
//             scheme-less URL of the /log/ prefix; default "origine.local/<country>/log")
//
// Environment: ORIGINE_CONFIG (file path), ORIGINE_LISTEN, ORIGINE_DATA, ORIGINE_WEB_ROOT,
// ORIGINE_THREADS, ORIGINE_ISSUER_COUNTRY, ORIGINE_ISSUER_NAME, ORIGINE_LOG_ORIGIN, ORIGINE_REGIMES, ORIGINE_SECURE_COOKIES (0/1).
#pragma once

#include <cstdint>
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
  std::string data_dir = "./var";
  std::string issuer_country = "ML";
  std::string issuer_name = "Agence pour la promotion des exportations du Mali (APEX-Mali)";
  std::string regimes_dir = "data/regimes";
  std::string log_origin;  // "" = "origine.local/" + issuer_country + "/log"
};

// Reads `path` (when not empty) then the environment over the defaults.
// Errors name the file, the line and the key.
Result<Config> LoadConfig(const std::string& path);

// Parses "HOST:PORT" (IPv6 as "[::1]:8080") into the config.
Status ParseListen(const std::string& listen, Config* config);

}  // namespace origine::app
