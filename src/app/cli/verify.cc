// `origine verify`: a certificate's QR (text, standard input, or a PDF or PNG
// file), offline with --trust-list FILE (its signature checked against --root,
// else against the root it carries, with a warning) or online against the
// data directory's database (revocation, successor, stored document), as
// POST /api/v1/verify. The --json object is the API's
// (docs/formats/verification.md), plus "trust_list" {version, format, signed,
// root_pinned, root_kid} for a file. Exit 0 valid, 1 not valid, 2 error.
#include "trust/verify.h"

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "certificates/verification.h"
#include "core/encoding.h"
#include "core/log.h"
#include "render/qr_decode.h"
#include "trust/qr.h"
#include "trust/trust_list.h"
#include "trust/trust_store.h"

namespace origine::app::cli {
namespace {
namespace json = boost::json;

// The error `e` of reading `file`, its message prefixed with what was read.
Error About(const std::string& what, Error e) {
  e.message = what + ": " + e.message;
  return e;
}

// A root certificate file: DER, or PEM ("BEGIN CERTIFICATE").
Result<trust::Bytes> ReadRootFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadInput(path));
  if (text.find("-----BEGIN CERTIFICATE-----") != std::string::npos) {
    const size_t b = text.find('\n', text.find("-----BEGIN CERTIFICATE-----"));
    const size_t e = text.find("-----END CERTIFICATE-----");
    std::string b64;
    for (size_t i = b; b != std::string::npos && i < e; ++i)
      if (!std::isspace(static_cast<unsigned char>(text[i]))) b64 += text[i];
    auto der = encoding::FromBase64(b64);
    if (!der) return Error::Invalid("cli.certificate_file"_code, path + ": not a PEM certificate").With("path", path);
    text.assign(der->begin(), der->end());
  }
  trust::Bytes der(text.begin(), text.end());
  if (!trust::ParseCertificate(der))
    return Error::Invalid("cli.certificate_file"_code, path + ": not an X.509 certificate (DER or PEM)")
        .With("path", path);
  return der;
}

// The trust entries of a trust-list file: format 2 checked against --root
// when given, else against the root it carries (with a warning on standard
// error); format 1 (unsigned) only without --root, with a warning.
Result<std::vector<trust::TrustEntry>> LoadTrustFile(const std::string& trust_file, const std::string& root_file,
                                                     json::object& info) {
  ASSIGN_OR_RETURN(std::string text, ReadInput(trust_file));
  auto format = trust::TrustListFormat(text);
  const std::string what = "trust list " + trust_file;
  if (!format) return About(what, format.error());
  if (*format == 1) {
    if (!root_file.empty())
      return Error::Invalid("cli.trust_list_unsigned"_code,
                            what + " is format 1 (unsigned): it cannot be checked against --root")
          .With("path", trust_file);
    std::cerr << "origine: warning: " << trust_file << " is an unsigned (format 1) trust list\n";
    auto parsed = trust::TrustListFromJson(text);
    if (!parsed) return About(what, parsed.error());
    info = {{"version", 1}, {"format", 1}, {"signed", false}, {"root_pinned", false}};
    return std::move(*parsed);
  }
  trust::Bytes root;
  if (!root_file.empty()) {
    ASSIGN_OR_RETURN(root, ReadRootFile(root_file));
  } else {
    auto embedded = trust::EmbeddedTrustListRoot(text);
    if (!embedded) return About(what, embedded.error());
    root = std::move(*embedded);
    std::cerr << "origine: warning: the trust list's signature was checked against the root it carries, which is "
                 "not pinned; give --root ROOT (from `origine keys export-root` or GET /api/v1/trust-list/root)\n";
  }
  auto verified = trust::VerifySignedTrustList(text, root);
  if (!verified) return About(what, verified.error());
  info = {{"version", verified->document.version},
          {"format", 2},
          {"signed", true},
          {"root_pinned", !root_file.empty()},
          {"root_kid", encoding::Base64(trust::KidOf(root))}};
  return std::move(verified->document.entries);
}

// The QR text of INPUT: "-" (standard input), the text itself, or a PDF or PNG file.
Result<std::string> ReadQr(const std::string& input) {
  if (input == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  if (input.rfind(trust::kQrPrefix, 0) == 0) return input;
  if (std::ifstream(input).good()) return render::DecodeQrFromFile(input);
  if (input.find('/') != std::string::npos || (input.size() > 4 && input[input.size() - 4] == '.'))
    return Error::NotFound("file.not_found"_code, "no such file: " + input).With("path", input);
  return input;
}

void PrintText(const certificates::Verification& v) {
  const bool valid = v.status == certificates::Outcome::kValid;
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

}  // namespace

int RunVerify(const Config& config, const Clock& clock, const VerifyOptions& v) {
  std::vector<trust::TrustEntry> trust_list;
  std::unique_ptr<Platform> platform;
  json::object list_info;
  if (!v.trust_list.empty()) {
    auto loaded = LoadTrustFile(v.trust_list, v.root, list_info);
    if (!loaded) return Fail(loaded.error());
    trust_list = std::move(*loaded);
    if (trust_list.empty())
      return Fail(Error::Invalid("cli.trust_list_empty"_code, "the trust list " + v.trust_list + " is empty")
                      .With("path", v.trust_list));
  } else {
    if (!v.root.empty())
      return Fail(Error::Invalid("cli.root_without_trust_list"_code, "--root needs --trust-list FILE"));
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::path(config.data_dir) / "origine.db", ec))
      return Fail(Error::Invalid("cli.no_database"_code,
                                 "no database in " + config.data_dir + ": give --trust-list FILE or --data DIR")
                      .With("path", config.data_dir));
    log::SetQuiet(true);
    auto p = OpenPlatform(config);
    if (!p) return Fail(p.error());
    platform = std::move(*p);
  }
  auto qr = ReadQr(v.input);
  if (!qr) return Fail(qr.error());
  certificates::Verification result = platform ? platform->certificates->VerifyQr(*qr)
                                               : certificates::FromOffline(trust::VerifyQrText(
                                                     *qr, trust::TrustStore(std::move(trust_list)), clock.NowUnix()));
  if (v.json) {
    json::object o = certificates::VerificationToJson(result);
    if (!list_info.empty()) o["trust_list"] = list_info;
    std::cout << json::serialize(o) << "\n";
  } else {
    PrintText(result);
  }
  return result.status == certificates::Outcome::kValid ? 0 : 1;
}

}  // namespace origine::app::cli
