// `origine keys ...`: the authority root and the document signers. Every
// change is audited and publishes a trust-list version (logged in the
// transparency log); the running server sees it at its next signing or
// trust-list read (docs/adr/0040-key-hierarchy.md).
#include <boost/json.hpp>
#include <iostream>
#include <memory>
#include <sstream>

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

void AddKeysCommands(CLI::App& cli, Common& common, Commands& commands) {
  struct Values {
    int64_t days = 0;
    std::string types, kid, reason, out_file;
    bool as_pem = false, as_json = false;
  };
  auto v = std::make_shared<Values>();
  auto* keys = cli.add_subcommand("keys", "Root and document-signer keys; each change publishes a trust list version");
  keys->require_subcommand(1);
  auto* init = keys->add_subcommand("init-root", "Create the authority root key and certificate");
  init->add_option("--days", v->days, "Validity in days (default keys.root_days, 3650)")->check(CLI::PositiveNumber);
  auto* rotate = keys->add_subcommand(
      "rotate", "Create a new document signer; it becomes active, the previous one keeps verifying until it expires");
  rotate->add_option("--days", v->days, "Validity in days (default keys.signer_days, 730)")->check(CLI::PositiveNumber);
  rotate->add_option("--types", v->types, "Certificate types it may sign, comma-separated (default: every regime)");
  auto* list = keys->add_subcommand("list", "List keys: kid, role, validity, status, types");
  list->add_flag("--json", v->as_json, "Print JSON");
  auto* revoke =
      keys->add_subcommand("revoke", "Remove a document signer: everything it signed is revoked, with the reason");
  revoke->add_option("kid", v->kid, "The signer's kid (Base64, as listed)")->required();
  revoke->add_option("--reason", v->reason, "Why (shown to verifiers), 1-200 characters")->required();
  auto* export_root = keys->add_subcommand("export-root", "Write the root certificate (to pin in verifiers)");
  export_root->add_option("-o,--output", v->out_file, "Output file")->required();
  export_root->add_flag("--pem", v->as_pem, "PEM instead of DER");
  for (auto* c : {init, rotate, list, revoke, export_root}) {
    common.AddData(c);
    common.AddKeyPassphrase(c);
  }

  commands.push_back({init, [v](const Config& config) {
                        return WithPlatform(config, [&v](Platform& p) {
                          return Changed(p, p.keys->CreateRoot(kMeta, v->days > 0 ? v->days : p.config.root_days));
                        });
                      }});
  commands.push_back({rotate, [v](const Config& config) {
                        return WithPlatform(config, [&v](Platform& p) {
                          std::vector<std::string> types;
                          if (v->types.empty()) {
                            types = DefaultSignerTypes(p);
                          } else {
                            std::stringstream ss(v->types);
                            for (std::string t; std::getline(ss, t, ',');)
                              if (!t.empty()) types.push_back(t);
                          }
                          return Changed(
                              p, p.keys->RotateSigner(kMeta, v->days > 0 ? v->days : p.config.signer_days, types));
                        });
                      }});
  commands.push_back({revoke, [v](const Config& config) {
                        return WithPlatform(config, [&v](Platform& p) {
                          return Changed(p, p.keys->RevokeSigner(kMeta, v->kid, v->reason));
                        });
                      }});
  commands.push_back({list, [v](const Config& config) {
                        return WithPlatform(config, [&v](Platform& p) {
                          auto keys = p.keys->List();
                          if (!keys) return Fail(keys.error());
                          if (v->as_json) {
                            json::array a;
                            for (const auto& k : *keys) a.push_back(KeyJson(k));
                            std::cout << json::serialize(json::object{{"keys", std::move(a)}}) << "\n";
                          } else {
                            for (const auto& k : *keys) PrintKey(k);
                          }
                          return 0;
                        });
                      }});
  commands.push_back({export_root, [v](const Config& config) {
                        return WithPlatform(config, [&v](Platform& p) {
                          auto der = p.keys->RootCertificate();
                          if (!der) return Fail(der.error());
                          Status st =
                              WriteOutput(v->out_file, v->as_pem ? PemOf(*der) : std::string(der->begin(), der->end()));
                          if (!st) return Fail(st.error());
                          std::cout << "root " << encoding::Base64(trust::KidOf(*der)) << " written to " << v->out_file
                                    << "\n";
                          return 0;
                        });
                      }});
}

}  // namespace origine::app::cli
