// `origine`: the server and the operator commands.
//   origine serve [--listen HOST:PORT] [--data DIR] [--demo] [--config FILE] [--web-root DIR]
//   origine migrate --data DIR
//   origine demo seed --data DIR
//   origine cert list|qr|pdf --data DIR ...
//   origine trust-list export --data DIR [--version N] -o FILE
//   origine verify [--trust-list FILE [--root ROOT] | --data DIR] [--json] INPUT
//   origine keys init-root|rotate|list|revoke|export-root --data DIR ...
//   origine log key --data DIR
//   origine log monitor URL [--state DIR] [--key VKEY]
//   origine audit verify --data DIR
//   origine audit anchor --data DIR
// Exit codes: 0 success (verify: valid; monitor: consistent; audit verify:
// intact), 1 verify: not valid / monitor: inconsistency / audit: chain
// broken, 2 error.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "api/api.h"
#include "app/config.h"
#include "app/platform.h"
#include "audit/audit.h"
#include "certificates/verification.h"
#include "core/log.h"
#include "http/server.h"
#include "net/http_client.h"
#include "pki/key_manager.h"
#include "render/qr_decode.h"
#include "tlog/monitor.h"
#include "trust/base64.h"
#include "trust/qr.h"
#include "trust/trust_list.h"
#include "trust/trust_store.h"
#include "trust/verify.h"

namespace {

using namespace origine;
namespace json = boost::json;

int Fail(const Error& e) {
  std::cerr << "origine: " << e.message << "\n";
  for (const auto& f : e.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return 2;
}

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Error::Unavailable("cannot write " + path);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.good()) return Error::Unavailable("cannot write " + path);
  return {};
}

Result<std::string> ReadFileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::NotFound("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void PrintDemoAccounts() {
  std::cout << "Comptes de démonstration (mot de passe : origine-demo)\n"
               "  exportateur@demo.ml   exportateur (Sahel Sésame SARL)\n"
               "  exportateur2@demo.ml  exportateur (Niger Karité SA)\n"
               "  agent@demo.ml         agent instructeur\n"
               "  signataire@demo.ml    signataire\n"
               "  admin@demo.ml         administrateur\n"
               "  auditeur@demo.ml      auditeur (journal d'audit)\n";
}

int Serve(app::Config config, bool demo) {
  auto platform = app::OpenPlatform(config);
  if (!platform) return Fail(platform.error());
  if (demo) {
    auto seeded = app::SeedDemo(**platform);
    if (!seeded) return Fail(seeded.error());
    std::cout << *seeded;
  }
  app::Platform& p = **platform;
  if (auto anchored = app::AnchorAudit(p); !anchored) return Fail(anchored.error());
  api::Api api(*p.db, p.clock, *p.identity, *p.applications, *p.certificates, *p.keys, *p.trust_list, *p.log,
               *p.log_signer, {config.secure_cookies, config.web_root}, p.payments.get(), p.reconciler.get());
  http::ServerOptions opts;
  opts.host = config.host;
  opts.port = config.port;
  opts.threads = config.threads;
  opts.body_limit = config.body_limit;
  opts.path_body_limits["/api/v1/reconciliations"] = std::max(config.statement_limit, config.body_limit);
  Status st = http::RunServer(
      opts, [&api](http::Request& req) { return api.Handle(req); },
      [&](uint16_t port) {
        log::Info("listening", {{"address", config.host + ":" + std::to_string(port)}, {"data", config.data_dir}});
        if (config.public_url.empty()) p.payments->SetPublicUrl("http://" + config.host + ":" + std::to_string(port));
        p.payments->StartWorker();
        std::cout << "Origine écoute sur http://" << config.host << ":" << port << "/\n";
        if (demo) PrintDemoAccounts();
        std::cout.flush();
      });
  p.payments->StopWorker();
  if (!st) return Fail(st.error());
  log::Info("stopped");
  return 0;
}

// A root certificate file: DER, or PEM ("BEGIN CERTIFICATE").
Result<trust::Bytes> ReadRootFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFileText(path));
  if (text.find("-----BEGIN CERTIFICATE-----") != std::string::npos) {
    const size_t b = text.find('\n', text.find("-----BEGIN CERTIFICATE-----"));
    const size_t e = text.find("-----END CERTIFICATE-----");
    std::string b64;
    for (size_t i = b; b != std::string::npos && i < e; ++i)
      if (!std::isspace(static_cast<unsigned char>(text[i]))) b64 += text[i];
    auto der = trust::Base64Decode(b64);
    if (!der) return Error::Invalid(path + ": not a PEM certificate");
    text.assign(der->begin(), der->end());
  }
  trust::Bytes der(text.begin(), text.end());
  if (!trust::ParseCertificate(der)) return Error::Invalid(path + ": not an X.509 certificate (DER or PEM)");
  return der;
}

std::string PemOf(const trust::Bytes& der) {
  std::string b64 = trust::Base64Encode(der), out = "-----BEGIN CERTIFICATE-----\n";
  for (size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  return out + "-----END CERTIFICATE-----\n";
}

// The trust entries of a trust-list file: format 2 checked against --root
// when given, else against the root it carries (with a warning on standard
// error); format 1 (unsigned) only without --root, with a warning.
Result<std::vector<trust::TrustEntry>> LoadTrustFile(const std::string& trust_file, const std::string& root_file,
                                                     json::object& info) {
  ASSIGN_OR_RETURN(std::string text, ReadFileText(trust_file));
  auto format = trust::TrustListFormat(text);
  if (!format) return Error::Invalid("trust list " + trust_file + ": " + format.error().message);
  if (*format == 1) {
    if (!root_file.empty())
      return Error::Invalid("trust list " + trust_file +
                            " is format 1 (unsigned): it cannot be checked against --root");
    std::cerr << "origine: warning: " << trust_file << " is an unsigned (format 1) trust list\n";
    auto parsed = trust::TrustListFromJson(text);
    if (!parsed) return Error::Invalid("trust list " + trust_file + ": " + parsed.error().message);
    info = {{"version", 1}, {"format", 1}, {"signed", false}, {"root_pinned", false}};
    return std::move(*parsed);
  }
  trust::Bytes root;
  if (!root_file.empty()) {
    ASSIGN_OR_RETURN(root, ReadRootFile(root_file));
  } else {
    auto embedded = trust::EmbeddedTrustListRoot(text);
    if (!embedded) return Error::Invalid("trust list " + trust_file + ": " + embedded.error().message);
    root = std::move(*embedded);
    std::cerr << "origine: warning: the trust list's signature was checked against the root it carries, which is "
                 "not pinned; give --root ROOT (from `origine keys export-root` or GET /api/v1/trust-list/root)\n";
  }
  auto verified = trust::VerifySignedTrustList(text, root);
  if (!verified) return Error::Invalid("trust list " + trust_file + ": " + verified.error().message);
  info = {{"version", verified->document.version},
          {"format", 2},
          {"signed", true},
          {"root_pinned", !root_file.empty()},
          {"root_kid", trust::Base64Encode(trust::KidOf(root))}};
  return std::move(verified->document.entries);
}

// Offline with --trust-list FILE (its signature checked, see LoadTrustFile);
// otherwise online against the data directory's database (revocation,
// successor, stored document), as POST /api/v1/verify. The --json object is
// the API's (docs/formats/verification.md), plus "trust_list" {version,
// format, signed, root_pinned, root_kid} for a file.
int Verify(const std::string& trust_file, const std::string& root_file, const app::Config& config, bool as_json,
           const std::string& input) {
  std::vector<trust::TrustEntry> trust_list;
  std::unique_ptr<app::Platform> platform;
  json::object list_info;
  if (!trust_file.empty()) {
    auto loaded = LoadTrustFile(trust_file, root_file, list_info);
    if (!loaded) return Fail(loaded.error());
    trust_list = std::move(*loaded);
    if (trust_list.empty()) return Fail(Error::Invalid("the trust list " + trust_file + " is empty"));
  } else {
    if (!root_file.empty()) return Fail(Error::Invalid("--root needs --trust-list FILE"));
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::path(config.data_dir) / "origine.db", ec))
      return Fail(Error::Invalid("no database in " + config.data_dir + ": give --trust-list FILE or --data DIR"));
    log::SetQuiet(true);
    auto p = app::OpenPlatform(config);
    if (!p) return Fail(p.error());
    platform = std::move(*p);
  }

  std::string qr;
  if (input == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    qr = ss.str();
  } else if (input.rfind(trust::kQrPrefix, 0) == 0) {
    qr = input;
  } else if (std::ifstream(input).good()) {
    auto decoded = render::DecodeQrFromFile(input);
    if (!decoded) return Fail(decoded.error());
    qr = *decoded;
  } else if (input.find('/') != std::string::npos || (input.size() > 4 && input[input.size() - 4] == '.')) {
    return Fail(Error::NotFound("no such file: " + input));
  } else {
    qr = input;
  }
  SystemClock clock;
  certificates::Verification v = platform ? platform->certificates->VerifyQr(qr)
                                          : certificates::FromOffline(trust::VerifyQrText(
                                                qr, trust::TrustStore(std::move(trust_list)), clock.NowUnix()));
  const bool valid = v.status == certificates::Outcome::kValid;
  if (as_json) {
    json::object o = certificates::VerificationToJson(v);
    if (!list_info.empty()) o["trust_list"] = list_info;
    std::cout << json::serialize(o) << "\n";
  } else {
    std::cout << (valid ? "VALIDE" : "NON VALIDE") << " (" << certificates::ToString(v.status) << ")";
    if (!v.reason.empty()) std::cout << ": " << v.reason;
    std::cout << "\n  " << certificates::MessageFr(v.status) << "\n";
    if (v.revocation)
      std::cout << "  Révoqué le   " << FormatUtc(v.revocation->at, true) << " ("
                << (v.revocation->scope == "signer" ? "signataire" : "certificat") << ") : " << v.revocation->reason
                << "\n";
    if (v.successor) std::cout << "  Remplacé par " << v.successor->number << " (" << v.successor->kind << ")\n";
    if (v.claims)
      std::cout << "  Certificat  " << v.claims->number << " (" << v.claims->regime << ")\n"
                << "  Exportateur " << v.claims->exporter_name << "\n"
                << "  Destinataire " << v.claims->consignee_name << " (" << v.claims->consignee_country << ")\n"
                << "  Délivré le  " << FormatUtc(v.claims->issued_at, true) << ", valable jusqu'au "
                << FormatUtc(v.claims->expires_at, true) << "\n";
    if (v.document_checked)
      std::cout << "  Document    " << (v.document_hash_matches ? "conforme à l'empreinte signée" : "NON CONFORME")
                << "\n";
  }
  return valid ? 0 : 1;
}

// Writes `bytes` to `path` atomically (temporary file, then rename).
Status WriteFileAtomic(const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".tmp";
  RETURN_IF_ERROR(WriteFile(tmp, bytes));
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Error::Unavailable("cannot write " + path + ": " + ec.message());
  return {};
}

// `origine log monitor URL`: exit 0 consistent, 1 inconsistency, 2 error.
int Monitor(std::string url, const std::string& state_dir, std::string vkey) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    return Fail(Error::Invalid("the URL must start with http:// or https://"));
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(state_dir) / "checkpoints", ec);
  if (ec) return Fail(Error::Unavailable("cannot create " + state_dir + ": " + ec.message()));
  const std::string vkey_file = state_dir + "/vkey", cp_file = state_dir + "/checkpoint";
  auto stored_vkey = ReadFileText(vkey_file);
  if (stored_vkey) {
    while (!stored_vkey->empty() && (stored_vkey->back() == '\n' || stored_vkey->back() == '\r'))
      stored_vkey->pop_back();
    if (!vkey.empty() && vkey != *stored_vkey)
      return Fail(Error::Invalid("--key differs from the key kept in " + vkey_file + "; use another --state"));
    vkey = *stored_vkey;
  }
  if (vkey.empty()) {
    // Trust on first use: the log's published key, kept from now on.
    auto body = net::Get(url + "/api/v1/log/key");
    if (!body) return Fail(body.error());
    boost::system::error_code jec;
    json::value v = json::parse(*body, jec);
    if (jec || !v.is_object() || !v.as_object().contains("vkey") || !v.as_object().at("vkey").is_string())
      return Fail(Error::Invalid(url + "/api/v1/log/key did not return a vkey"));
    vkey = std::string(v.as_object().at("vkey").as_string());
    std::cerr << "origine: no --key given; trusting the key the log publishes: " << vkey << "\n";
  }
  auto verifier = tlog::ParseVerifierKey(vkey);
  if (!verifier) return Fail(Error::Invalid("bad verifier key: " + verifier.error().message));
  if (!stored_vkey) {
    Status st = WriteFileAtomic(vkey_file, vkey + "\n");
    if (!st) return Fail(st.error());
  }
  std::vector<tlog::Verifier> verifiers{*verifier};
  const std::string origin = verifier->name;

  std::optional<tlog::Checkpoint> previous;
  std::string previous_note;
  if (auto kept = ReadFileText(cp_file)) {
    auto cp = tlog::OpenCheckpoint(*kept, origin, verifiers);
    if (!cp) return Fail(Error::Invalid("the kept checkpoint " + cp_file + " does not verify: " + cp.error().message));
    previous = *cp;
    previous_note = *kept;
  }
  auto note = net::Get(url + "/log/checkpoint");
  if (!note) return Fail(note.error());
  auto fetch = [&url](const tlog::Tile& tile) { return net::Get(url + "/log/" + tlog::TilePath(tile)); };
  auto cp = tlog::VerifyCheckpointUpdate(*note, origin, verifiers, previous, fetch);
  if (!cp) {
    if (cp.error().kind != ErrorKind::kInvalidArgument) return Fail(cp.error());
    const std::string evidence = state_dir + "/inconsistent-" + std::to_string(std::time(nullptr)) + ".txt";
    (void)WriteFile(evidence, "kept checkpoint:\n" + previous_note + "\nnew checkpoint:\n" + *note);
    std::cout << "INCONSISTENT: " << cp.error().message << "\n"
              << "  log " << url << (previous ? ", last accepted size " + std::to_string(previous->size) : "")
              << "\n  evidence kept in " << evidence << "\n";
    return 1;
  }
  Status st = WriteFileAtomic(state_dir + "/checkpoints/" + std::to_string(cp->size), *note);
  if (st) st = WriteFileAtomic(cp_file, *note);
  if (!st) return Fail(st.error());
  std::cout << "consistent: " << origin << " size " << cp->size;
  if (previous) std::cout << " (previous " << previous->size << ")";
  std::cout << "\n";
  return 0;
}

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

// `origine keys ...`: every change is audited and publishes a trust list
// version (logged in the transparency log); the running server sees it at its
// next signing or trust-list read (docs/adr/0040-key-hierarchy.md).
int Keys(app::Platform& p, const CLI::App& keys_cmd, int64_t days, const std::string& types_csv, const std::string& kid,
         const std::string& reason, const std::string& out_file, bool as_pem, bool as_json) {
  const RequestMeta meta{"cli", "", "origine keys"};
  auto published = [&p]() {
    auto versions = p.keys->Versions();
    if (versions && !versions->empty())
      std::cout << "trust list version " << versions->front().version << " published (log index "
                << versions->front().log_index << ")\n";
  };
  if (keys_cmd.got_subcommand("init-root")) {
    auto k = p.keys->CreateRoot(meta, days > 0 ? days : p.config.root_days);
    if (!k) return Fail(k.error());
    PrintKey(*k);
    published();
    return 0;
  }
  if (keys_cmd.got_subcommand("rotate")) {
    std::vector<std::string> types;
    if (types_csv.empty()) {
      types = app::DefaultSignerTypes();
    } else {
      std::stringstream ss(types_csv);
      for (std::string t; std::getline(ss, t, ',');)
        if (!t.empty()) types.push_back(t);
    }
    auto k = p.keys->RotateSigner(meta, days > 0 ? days : p.config.signer_days, types);
    if (!k) return Fail(k.error());
    PrintKey(*k);
    published();
    return 0;
  }
  if (keys_cmd.got_subcommand("revoke")) {
    auto k = p.keys->RevokeSigner(meta, kid, reason);
    if (!k) return Fail(k.error());
    PrintKey(*k);
    published();
    return 0;
  }
  if (keys_cmd.got_subcommand("list")) {
    auto keys = p.keys->List();
    if (!keys) return Fail(keys.error());
    if (as_json) {
      json::array a;
      for (const auto& k : *keys) a.push_back(KeyJson(k));
      std::cout << json::serialize(json::object{{"keys", std::move(a)}}) << "\n";
    } else {
      for (const auto& k : *keys) PrintKey(k);
    }
    return 0;
  }
  if (keys_cmd.got_subcommand("export-root")) {
    auto der = p.keys->RootCertificate();
    if (!der) return Fail(der.error());
    Status st = WriteFile(out_file, as_pem ? PemOf(*der) : std::string(der->begin(), der->end()));
    if (!st) return Fail(st.error());
    std::cout << "root " << trust::Base64Encode(trust::KidOf(*der)) << " written to " << out_file << "\n";
    return 0;
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Origine — certificats d'origine numériques"};
  cli.require_subcommand(1);
  std::string config_file, listen, data_dir, web_root, out_file, number, trust_file, input;
  std::string monitor_url, monitor_state = "origine-monitor", monitor_key;
  bool demo = false, as_json = false;
  std::string regimes_dir, hs_file, hs_lang = "en";

  auto* serve = cli.add_subcommand("serve", "Start the HTTP server");
  serve->add_option("--config", config_file, "TOML configuration file");
  serve->add_option("--listen", listen, "HOST:PORT (default 127.0.0.1:8080)");
  serve->add_option("--data", data_dir, "Data directory (default ./var)");
  serve->add_option("--web-root", web_root, "Built web app directory (default web/dist)");
  serve->add_flag("--demo", demo, "Seed demo accounts and certificates when the database is new");
  std::string paysim_url, public_url;
  serve->add_option("--paysim", paysim_url, "Payment simulator base URL (default http://127.0.0.1:8090; \"\" none)");
  serve->add_option("--public-url", public_url, "Our base URL as the providers reach it (default http://LISTEN)");

  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations");
  auto* demo_cmd = cli.add_subcommand("demo", "Demo data");
  demo_cmd->require_subcommand(1);
  auto* seed = demo_cmd->add_subcommand("seed", "Seed demo data (idempotent)");

  auto* cert = cli.add_subcommand("cert", "Issued certificates");
  cert->require_subcommand(1);
  auto* cert_list = cert->add_subcommand("list", "Print issued certificate numbers, one a line");
  auto* cert_qr = cert->add_subcommand("qr", "Print the QR text of a certificate");
  cert_qr->add_option("number", number, "Certificate number")->required();
  auto* cert_pdf = cert->add_subcommand("pdf", "Write the PDF of a certificate");
  cert_pdf->add_option("number", number, "Certificate number")->required();
  cert_pdf->add_option("-o,--output", out_file, "Output file")->required();

  auto* trust_cmd = cli.add_subcommand("trust-list", "Trust list");
  trust_cmd->require_subcommand(1);
  auto* trust_export =
      trust_cmd->add_subcommand("export", "Write a signed trust list version (JSON; default the latest)");
  trust_export->add_option("-o,--output", out_file, "Output file")->required();
  int64_t tl_version = 0;
  trust_export->add_option("--version", tl_version, "Version number (default: the latest)")->check(CLI::PositiveNumber);

  // Keys: the authority root and the document signers (docs/formats/trust-list.md).
  auto* keys_cmd =
      cli.add_subcommand("keys", "Root and document-signer keys; each change publishes a trust list version");
  keys_cmd->require_subcommand(1);
  int64_t key_days = 0;
  std::string key_types, revoke_kid, revoke_reason, key_passphrase_file;
  bool as_pem = false;
  auto* keys_init = keys_cmd->add_subcommand("init-root", "Create the authority root key and certificate");
  keys_init->add_option("--days", key_days, "Validity in days (default keys.root_days, 3650)")
      ->check(CLI::PositiveNumber);
  auto* keys_rotate = keys_cmd->add_subcommand(
      "rotate", "Create a new document signer; it becomes active, the previous one keeps verifying until it expires");
  keys_rotate->add_option("--days", key_days, "Validity in days (default keys.signer_days, 730)")
      ->check(CLI::PositiveNumber);
  keys_rotate->add_option("--types", key_types,
                          "Certificate types it may sign, comma-separated (default: every regime)");
  auto* keys_list = keys_cmd->add_subcommand("list", "List keys: kid, role, validity, status, types");
  keys_list->add_flag("--json", as_json, "Print JSON");
  auto* keys_revoke =
      keys_cmd->add_subcommand("revoke", "Remove a document signer: everything it signed is revoked, with the reason");
  keys_revoke->add_option("kid", revoke_kid, "The signer's kid (Base64, as listed)")->required();
  keys_revoke->add_option("--reason", revoke_reason, "Why (shown to verifiers), 1-200 characters")->required();
  auto* keys_export_root = keys_cmd->add_subcommand("export-root", "Write the root certificate (to pin in verifiers)");
  keys_export_root->add_option("-o,--output", out_file, "Output file")->required();
  keys_export_root->add_flag("--pem", as_pem, "PEM instead of DER");

  auto* verify = cli.add_subcommand("verify",
                                    "Verify a certificate: offline with --trust-list, else online against --data (exit "
                                    "0 valid, 1 not valid, 2 error)");
  std::string root_file;
  verify->add_option("--trust-list", trust_file, "Trust list JSON (from `origine trust-list export`)");
  verify->add_option("--root", root_file, "Pinned root certificate (DER or PEM) to check the trust list's signature");
  verify->add_flag("--json", as_json, "Print the result as JSON");
  verify->add_option("input", input, "QR text, - for standard input, or a PDF or PNG file")->required();

  auto* log_cmd = cli.add_subcommand("log", "Transparency log");
  log_cmd->require_subcommand(1);
  auto* log_key = log_cmd->add_subcommand("key", "Print the log's verifier key (signed-note vkey)");
  auto* log_monitor = log_cmd->add_subcommand(
      "monitor", "Check a log's new checkpoint against the last one kept (exit 0 consistent, 1 inconsistent, 2 error)");
  log_monitor->add_option("url", monitor_url, "Base URL of the server (its log is at URL/log/)")->required();
  log_monitor->add_option("--state", monitor_state, "Directory of kept checkpoints (default ./origine-monitor)");
  log_monitor->add_option("--key", monitor_key, "Verifier key (vkey); default: the one kept, else the log's own");

  auto* import_cmd = cli.add_subcommand("import", "Import reference data");
  import_cmd->require_subcommand(1);
  auto* import_hs = import_cmd->add_subcommand(
      "hs", "Import an HS nomenclature CSV (HS 2022 or national 10-digit tariff; docs/formats/hs-import.md)");
  import_hs->add_option("file", hs_file, "CSV file")->required();
  import_hs->add_option("--lang", hs_lang, "Language of the labels: en (default) or fr")
      ->check(CLI::IsMember({"en", "fr"}));

  auto* audit_cmd = cli.add_subcommand("audit", "Audit trail");
  audit_cmd->require_subcommand(1);
  auto* audit_verify =
      audit_cmd->add_subcommand("verify", "Recompute the hash chain (exit 0 intact, 1 broken, 2 error)");
  auto* audit_anchor = audit_cmd->add_subcommand("anchor", "Anchor the audit chain head in the transparency log");

  for (auto* c : {migrate, seed, cert_list, cert_qr, cert_pdf, trust_export, verify, log_key, audit_verify,
                  audit_anchor, keys_init, keys_rotate, keys_list, keys_revoke, keys_export_root})
    c->add_option("--data", data_dir, "Data directory (default ./var)");
  for (auto* c : {serve, migrate, seed, cert_list, cert_qr, cert_pdf, trust_export, log_key, audit_anchor, keys_init,
                  keys_rotate, keys_list, keys_revoke, keys_export_root})
    c->add_option("--key-passphrase-file", key_passphrase_file,
                  "File holding the key-encryption passphrase (default keys.passphrase_file, else DATA/keys/kek)");
  import_hs->add_option("--data", data_dir, "Data directory (default ./var)");
  for (auto* c : {serve, migrate, seed})
    c->add_option("--regimes", regimes_dir, "Regime data directory (default data/regimes)");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli.exit(e);
    return code == 0 ? 0 : 2;
  }

  auto config = app::LoadConfig(config_file);
  if (!config) return Fail(config.error());
  if (!listen.empty()) {
    Status st = app::ParseListen(listen, &*config);
    if (!st) return Fail(st.error());
  }
  if (!data_dir.empty()) config->data_dir = data_dir;
  if (!web_root.empty()) config->web_root = web_root;
  if (!regimes_dir.empty()) config->regimes_dir = regimes_dir;
  if (serve->count("--paysim")) config->paysim_url = paysim_url;
  if (!public_url.empty()) config->public_url = public_url;
  if (!key_passphrase_file.empty()) {
    config->key_passphrase_file = key_passphrase_file;
    config->key_passphrase.clear();  // the flag wins over the environment
  }

  if (*serve) return Serve(*config, demo);
  if (*verify) return Verify(trust_file, root_file, *config, as_json, input);
  if (*log_monitor) return Monitor(monitor_url, monitor_state, monitor_key);

  log::SetQuiet(true);
  if (*audit_verify) {
    // Read-only: no keys, no anchoring, nothing written but pending migrations.
    auto db = app::OpenDatabase(*config);
    if (!db) return Fail(db.error());
    auto tx = (*db)->Begin(false);
    if (!tx) return Fail(tx.error());
    auto report = audit::VerifyChain(**tx);
    if (!report) return Fail(report.error());
    if (report->intact) {
      std::cout << "chain intact, " << report->events << " events, " << report->anchors << " anchors checked\n";
      return 0;
    }
    std::cout << "CHAIN BROKEN at event " << report->broken_id.value_or(0) << ": " << report->problem << "\n";
    return 1;
  }
  if (*import_hs) {
    auto db = app::OpenDatabase(*config);
    if (!db) return Fail(db.error());
    auto count = app::ImportHsFile(**db, hs_file, hs_lang);
    if (!count) return Fail(count.error());
    std::cout << *count << " HS codes imported (" << hs_lang << ") from " << hs_file << "\n";
    return 0;
  }
  auto platform = app::OpenPlatform(*config);
  if (!platform) return Fail(platform.error());
  app::Platform& p = **platform;
  if (*migrate) {
    std::cout << "database is up to date\n";
    return 0;
  }
  if (*seed) {
    auto seeded = app::SeedDemo(p);
    if (!seeded) return Fail(seeded.error());
    std::cout << (seeded->empty() ? "Données de démonstration déjà présentes.\n" : *seeded);
    PrintDemoAccounts();
    return 0;
  }
  if (*cert_list) {
    auto numbers = p.certificates->AllNumbers();
    if (!numbers) return Fail(numbers.error());
    for (const auto& n : *numbers) std::cout << n << "\n";
    return 0;
  }
  if (*cert_qr) {
    auto qr = p.certificates->QrText(number);
    if (!qr) return Fail(qr.error());
    std::cout << *qr << "\n";
    return 0;
  }
  if (*cert_pdf) {
    auto pdf = p.certificates->PdfForOperator(number);
    if (!pdf) return Fail(pdf.error());
    Status st = WriteFile(out_file, *pdf);
    return st ? 0 : Fail(st.error());
  }
  if (*log_key) {
    std::cout << p.log_signer->VerifierKey() << "\n";
    return 0;
  }
  if (*audit_anchor) {
    auto index = app::AnchorAudit(p);
    if (!index) return Fail(index.error());
    if (*index)
      std::cout << "audit chain head anchored at log index " << **index << "\n";
    else
      std::cout << "audit chain head already anchored\n";
    return 0;
  }
  if (*trust_export) {
    auto doc = p.keys->TrustListDocument(tl_version > 0 ? std::optional<int64_t>(tl_version) : std::nullopt);
    if (!doc) return Fail(doc.error());
    Status st = WriteFile(out_file, *doc);
    return st ? 0 : Fail(st.error());
  }
  if (*keys_cmd) return Keys(p, *keys_cmd, key_days, key_types, revoke_kid, revoke_reason, out_file, as_pem, as_json);
  return 2;
}
