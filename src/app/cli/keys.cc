// `origine keys ...`: the authority root and the document signers. Every
// change is audited and publishes a trust-list version (logged in the
// transparency log); the running server sees it at its next signing or
// trust-list read (docs/adr/0040-key-hierarchy.md).
#include <boost/json.hpp>
#include <iostream>
#include <sstream>

#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "core/encoding.h"
#include "pki/key_manager.h"
#include "trust/trust_list.h"

namespace origine::app::cli {
namespace {
namespace json = boost::json;

const RequestMeta kMeta{"cli", "", "origine keys"};

json::object KeyJson(const pki::KeyInfo& k) {
  json::array types;
  for (const auto& t : k.types) types.emplace_back(t);
  json::object o{{"kid", k.kid},
                 {"role", k.role},
                 {"status", k.status},
                 {"not_before", FormatUtc(k.not_before)},
                 {"not_after", FormatUtc(k.not_after)},
                 {"types", std::move(types)},
                 {"store", k.store},
                 {"label", k.label}};
  if (k.revocation) o["revoked"] = {{"at", FormatUtc(k.revocation->revoked_at)}, {"reason", k.revocation->reason}};
  return o;
}

void PrintKey(const pki::KeyInfo& k) {
  std::cout << k.kid << "  " << k.role << "  " << k.status << "  " << FormatUtc(k.not_before) << " .. "
            << FormatUtc(k.not_after);
  if (!k.types.empty()) {
    std::cout << "  ";
    for (size_t i = 0; i < k.types.size(); ++i) std::cout << (i ? "," : "") << k.types[i];
  }
  if (k.revocation) std::cout << "  revoked " << FormatUtc(k.revocation->revoked_at) << ": " << k.revocation->reason;
  std::cout << "\n";
}

// After a change: the trust-list version it published.
void PrintPublished(Platform& p) {
  auto versions = p.keys->Versions();
  if (versions && !versions->empty())
    std::cout << "trust list version " << versions->front().version << " published (log index "
              << versions->front().log_index << ")\n";
}

// Prints the key a change returned and the version it published.
int Changed(Platform& p, const Result<pki::KeyInfo>& k) {
  if (!k) return Fail(k.error());
  PrintKey(*k);
  PrintPublished(p);
  return 0;
}

std::string PemOf(const trust::Bytes& der) {
  std::string b64 = encoding::Base64(der), out = "-----BEGIN CERTIFICATE-----\n";
  for (size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  return out + "-----END CERTIFICATE-----\n";
}

}  // namespace

int RunKeysInitRoot(const Config& config, const KeysInitRootOptions& options) {
  return WithPlatform(config, [&options](Platform& p) {
    return Changed(p, p.keys->CreateRoot(kMeta, options.days > 0 ? options.days : p.config.root_days));
  });
}

int RunKeysRotate(const Config& config, const KeysRotateOptions& options) {
  return WithPlatform(config, [&options](Platform& p) {
    std::vector<std::string> types;
    if (options.types.empty()) {
      types = DefaultSignerTypes(p);
    } else {
      std::stringstream ss(options.types);
      for (std::string t; std::getline(ss, t, ',');)
        if (!t.empty()) types.push_back(t);
    }
    return Changed(p, p.keys->RotateSigner(kMeta, options.days > 0 ? options.days : p.config.signer_days, types));
  });
}

int RunKeysRevoke(const Config& config, const KeysRevokeOptions& options) {
  return WithPlatform(
      config, [&options](Platform& p) { return Changed(p, p.keys->RevokeSigner(kMeta, options.kid, options.reason)); });
}

int RunKeysList(const Config& config, const KeysListOptions& options) {
  return WithPlatform(config, [&options](Platform& p) {
    auto keys = p.keys->List();
    if (!keys) return Fail(keys.error());
    if (options.json) {
      json::array a;
      for (const auto& k : *keys) a.push_back(KeyJson(k));
      std::cout << json::serialize(json::object{{"keys", std::move(a)}}) << "\n";
    } else {
      for (const auto& k : *keys) PrintKey(k);
    }
    return 0;
  });
}

int RunKeysExportRoot(const Config& config, const KeysExportRootOptions& options) {
  return WithPlatform(config, [&options](Platform& p) {
    auto der = p.keys->RootCertificate();
    if (!der) return Fail(der.error());
    Status st = WriteOutput(options.output, options.pem ? PemOf(*der) : std::string(der->begin(), der->end()));
    if (!st) return Fail(st.error());
    std::cout << "root " << encoding::Base64(trust::KidOf(*der)) << " written to " << options.output << "\n";
    return 0;
  });
}

}  // namespace origine::app::cli
