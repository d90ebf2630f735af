#include "app/config.h"

#include <toml++/toml.h>

#include <cstdlib>

namespace origine::app {

Status ParseListen(const std::string& listen, Config* c) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return Error::Invalid("config.listen"_code, "listen must be HOST:PORT, got '" + listen + "'").With("value", listen);
  std::string host = listen.substr(0, colon), port = listen.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535)
    return Error::Invalid("config.listen"_code, "invalid port in '" + listen + "'").With("value", listen);
  c->host = host;
  c->port = static_cast<uint16_t>(std::stoi(port));
  return {};
}

namespace {

Status CheckIssuer(const Config& c) {
  if (c.issuer_country.size() != 2 || !std::isupper(static_cast<unsigned char>(c.issuer_country[0])) ||
      !std::isupper(static_cast<unsigned char>(c.issuer_country[1])))
    return Error::Invalid("config.issuer_country"_code,
                          "issuer country must be two capital letters, got '" + c.issuer_country + "'")
        .With("value", c.issuer_country);
  if (c.threads < 1 || c.threads > 64)
    return Error::Invalid("config.threads"_code, "threads must be between 1 and 64").With("min", "1").With("max", "64");
  return {};
}

}  // namespace

Result<Config> LoadConfig(const std::string& path_in) {
  Config c;
  std::string path = path_in;
  if (path.empty())
    if (const char* e = std::getenv("ORIGINE_CONFIG")) path = e;
  if (!path.empty()) {
    toml::table t;
    try {
      t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      const std::string line = std::to_string(e.source().begin.line);
      return Error::Invalid("config.syntax"_code,
                            "config " + path + " line " + line + ": " + std::string(e.description()))
          .With("path", path)
          .With("line", line);
    }
    auto bad = [&](const char* key, const char* want) {
      return Error::Invalid("config.value"_code, "config " + path + ": " + key + " must be " + want)
          .With("path", path)
          .With("key", key);
    };
    auto unknown_key = [&](const std::string& key) {
      return Error::Invalid("config.unknown_key"_code, "config " + path + ": unknown key " + key)
          .With("path", path)
          .With("key", key);
    };
    for (auto&& [section, node] : t) {
      const std::string s(section.str());
      if (s != "server" && s != "storage" && s != "issuer" && s != "log" && s != "origin" && s != "payments" &&
          s != "keys")
        return Error::Invalid("config.unknown_section"_code,
                              std::string("config ").append(path).append(": unknown section [").append(s).append("]"))
            .With("path", path)
            .With("section", s);
    }
    if (auto n = t["server"]["listen"]; n) {
      if (!n.is_string()) return bad("server.listen", "a string HOST:PORT");
      RETURN_IF_ERROR(ParseListen(**n.as_string(), &c));
    }
    if (auto n = t["server"]["threads"]; n) {
      if (!n.is_integer()) return bad("server.threads", "an integer");
      c.threads = static_cast<int>(**n.as_integer());
    }
    if (auto n = t["server"]["web_root"]; n) {
      if (!n.is_string()) return bad("server.web_root", "a string");
      c.web_root = **n.as_string();
    }
    if (auto n = t["server"]["secure_cookies"]; n) {
      if (!n.is_boolean()) return bad("server.secure_cookies", "true or false");
      c.secure_cookies = **n.as_boolean();
    }
    if (auto n = t["server"]["body_limit_bytes"]; n) {
      if (!n.is_integer() || **n.as_integer() < 1024) return bad("server.body_limit_bytes", "an integer >= 1024");
      c.body_limit = static_cast<size_t>(**n.as_integer());
    }
    if (auto n = t["server"]["statement_limit_bytes"]; n) {
      if (!n.is_integer() || **n.as_integer() < 1024) return bad("server.statement_limit_bytes", "an integer >= 1024");
      c.statement_limit = static_cast<size_t>(**n.as_integer());
    }
    if (auto n = t["storage"]["data"]; n) {
      if (!n.is_string()) return bad("storage.data", "a string");
      c.data_dir = **n.as_string();
    }
    if (auto n = t["issuer"]["country"]; n) {
      if (!n.is_string()) return bad("issuer.country", "a string");
      c.issuer_country = **n.as_string();
    }
    if (auto n = t["issuer"]["name"]; n) {
      if (!n.is_string()) return bad("issuer.name", "a string");
      c.issuer_name = **n.as_string();
    }
    if (auto n = t["origin"]["regimes"]; n) {
      if (!n.is_string()) return bad("origin.regimes", "a string");
      c.regimes_dir = **n.as_string();
    }
    if (auto* pay = t["payments"].as_table()) {
      for (auto&& [key, node] : *pay) {
        const std::string k(key.str());
        if (k == "orange" || k == "wave" || k == "cinetpay" || k == "momo") {
          if (!node.is_table()) return bad(("payments." + k).c_str(), "a table");
          for (auto&& [pk, pv] : *node.as_table()) {
            const std::string name(pk.str());
            const std::string full = std::string("payments.").append(k).append(".").append(name);
            if (!IsProviderKey(name)) return unknown_key(full);
            if (pv.is_string())
              c.providers[k][name] = **pv.as_string();
            else if (pv.is_integer())
              c.providers[k][name] = std::to_string(**pv.as_integer());
            else
              return bad(full.c_str(), "a string");
          }
        } else if (k == "simulator" || k == "public_url") {
          if (!node.is_string()) return bad(("payments." + k).c_str(), "a string");
          (k == "simulator" ? c.paysim_url : c.public_url) = **node.as_string();
        } else if (k == "intent_ttl_seconds" || k == "poll_initial_seconds" || k == "poll_max_seconds" ||
                   k == "late_window_seconds") {
          if (!node.is_integer() || **node.as_integer() < 1)
            return bad(("payments." + k).c_str(), "a positive integer");
          const int64_t v = **node.as_integer();
          if (k == "intent_ttl_seconds")
            c.intent_ttl_seconds = v;
          else if (k == "poll_initial_seconds")
            c.poll_initial_seconds = v;
          else if (k == "poll_max_seconds")
            c.poll_max_seconds = v;
          else
            c.late_window_seconds = v;
        } else {
          return unknown_key("payments." + k);
        }
      }
    }
    for (auto [key, field] : {std::pair<const char*, std::string*>{"store", &c.keys_store},
                              {"passphrase_file", &c.key_passphrase_file},
                              {"pkcs11_module", &c.pkcs11_module},
                              {"pkcs11_token", &c.pkcs11_token},
                              {"pkcs11_pin_file", &c.pkcs11_pin_file}}) {
      if (auto n = t["keys"][key]; n) {
        if (!n.is_string()) return bad((std::string("keys.") + key).c_str(), "a string");
        *field = **n.as_string();
      }
    }
    for (auto [key, field] :
         {std::pair<const char*, int64_t*>{"root_days", &c.root_days}, {"signer_days", &c.signer_days}}) {
      if (auto n = t["keys"][key]; n) {
        if (!n.is_integer() || **n.as_integer() < 1)
          return bad((std::string("keys.") + key).c_str(), "a positive integer");
        *field = **n.as_integer();
      }
    }
    if (auto n = t["log"]["origin"]; n) {
      if (!n.is_string()) return bad("log.origin", "a string");
      c.log_origin = **n.as_string();
    }
  }
  if (const char* e = std::getenv("ORIGINE_LISTEN")) RETURN_IF_ERROR(ParseListen(e, &c));
  if (const char* e = std::getenv("ORIGINE_DATA")) c.data_dir = e;
  if (const char* e = std::getenv("ORIGINE_WEB_ROOT")) c.web_root = e;
  if (const char* e = std::getenv("ORIGINE_THREADS")) c.threads = std::atoi(e);
  if (const char* e = std::getenv("ORIGINE_ISSUER_COUNTRY")) c.issuer_country = e;
  if (const char* e = std::getenv("ORIGINE_ISSUER_NAME")) c.issuer_name = e;
  if (const char* e = std::getenv("ORIGINE_LOG_ORIGIN")) c.log_origin = e;
  if (const char* e = std::getenv("ORIGINE_REGIMES")) c.regimes_dir = e;
  if (const char* e = std::getenv("ORIGINE_SECURE_COOKIES")) c.secure_cookies = std::string(e) == "1";
  if (const char* e = std::getenv("ORIGINE_PAYSIM_URL")) c.paysim_url = e;
  if (const char* e = std::getenv("ORIGINE_PUBLIC_URL")) c.public_url = e;
  for (const char* provider : {"orange", "wave", "cinetpay", "momo"}) {
    for (const char* key :
         {"base_url", "client_id", "client_secret", "merchant_key", "api_key", "webhook_secret", "site_id",
          "secret_key", "subscription_key", "api_user", "target_environment", "currency", "fee_bp",
          "disbursement_subscription_key", "disbursement_api_user", "disbursement_api_key"}) {
      std::string env = std::string("ORIGINE_PAYMENTS_") + provider + "_" + key;
      for (auto& ch : env) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (const char* e = std::getenv(env.c_str())) c.providers[provider][key] = e;
    }
  }
  if (const char* e = std::getenv("ORIGINE_KEYS_STORE")) c.keys_store = e;
  if (const char* e = std::getenv("ORIGINE_KEY_PASSPHRASE_FILE")) c.key_passphrase_file = e;
  if (const char* e = std::getenv("ORIGINE_KEY_PASSPHRASE")) c.key_passphrase = e;
  if (const char* e = std::getenv("ORIGINE_PKCS11_MODULE")) c.pkcs11_module = e;
  if (const char* e = std::getenv("ORIGINE_PKCS11_TOKEN")) c.pkcs11_token = e;
  if (const char* e = std::getenv("ORIGINE_PKCS11_PIN_FILE")) c.pkcs11_pin_file = e;
  if (c.keys_store != "file" && c.keys_store != "pkcs11")
    return Error::Invalid("config.keys_store"_code,
                          "keys.store must be \"file\" or \"pkcs11\", got '" + c.keys_store + "'")
        .With("value", c.keys_store);
  RETURN_IF_ERROR(CheckIssuer(c));
  return c;
}

bool IsProviderKey(const std::string& key) {
  static const char* kKeys[] = {"base_url",
                                "client_id",
                                "client_secret",
                                "merchant_key",
                                "api_key",
                                "webhook_secret",
                                "site_id",
                                "secret_key",
                                "subscription_key",
                                "api_user",
                                "target_environment",
                                "currency",
                                "fee_bp",
                                "disbursement_subscription_key",
                                "disbursement_api_user",
                                "disbursement_api_key"};
  for (const char* k : kKeys)
    if (key == k) return true;
  return false;
}

}  // namespace origine::app
