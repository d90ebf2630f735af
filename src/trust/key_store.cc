#include "trust/key_store.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <filesystem>

#include "trust/file_util.h"

namespace origine::trust {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kRootLifetime = 3650 * kDay;   // 10 years
constexpr int64_t kSignerLifetime = 730 * kDay;  // 2 years
constexpr std::string_view kSignerPrefix = "signer-";
constexpr std::string_view kCertSuffix = ".crt.der";

std::string AsString(const Bytes& b) { return std::string(b.begin(), b.end()); }
Bytes AsBytes(const std::string& s) { return Bytes(s.begin(), s.end()); }

// Reads a PEM key file and wipes the PEM text afterwards.
Result<SigningKey> LoadKey(const std::string& path) {
  ASSIGN_OR_RETURN(std::string pem, file::ReadFile(path));
  auto key = SigningKey::FromPem(pem);
  OPENSSL_cleanse(pem.data(), pem.size());
  if (!key) return Error::Invalid("key file " + path + " is not a P-256 PKCS#8 PEM key");
  return key;
}

Status SaveKey(const std::string& path, const SigningKey& key) {
  std::string pem = key.ToPem();
  if (pem.empty()) return Error::Internal("cannot serialize a new key");
  Status st = file::WriteFileAtomic(path, pem, 0600);
  OPENSSL_cleanse(pem.data(), pem.size());
  return st;
}

// Checks that `key` is the private half of `cert_der`.
Status CheckPair(const SigningKey& key, const Bytes& cert_der, const std::string& what) {
  ASSIGN_OR_RETURN(CertInfo info, ParseCertificate(cert_der));
  if (info.public_key_spki_der != key.PublicKeySpkiDer()) {
    return Error::Invalid(what + ": key does not match the certificate");
  }
  return Status::Ok();
}

}  // namespace

FileKeyStore::FileKeyStore(std::string directory) : dir_(std::move(directory)) {}

Result<ActiveSigner> FileKeyStore::CreateSigner(const SigningKey& root, const Bytes& root_cert, int64_t now,
                                                const std::string& country) {
  ASSIGN_OR_RETURN(CertInfo root_info, ParseCertificate(root_cert));
  ASSIGN_OR_RETURN(SigningKey key, SigningKey::Generate());
  int64_t not_after = std::min(now + kSignerLifetime, root_info.not_after);
  ASSIGN_OR_RETURN(Bytes cert, MakeSignerCertificate(root, root_cert, key, "Origine document signer " + country,
                                                     country, std::max(now, root_info.not_before), not_after));
  Bytes kid = KidOf(cert);
  const std::string base = dir_ + "/" + std::string(kSignerPrefix) + HexEncode(kid);
  RETURN_IF_ERROR(SaveKey(base + ".key.pem", key));
  RETURN_IF_ERROR(file::WriteFileAtomic(base + std::string(kCertSuffix), AsString(cert), 0644));
  return ActiveSigner{std::move(key), std::move(cert), std::move(kid)};
}

Result<ActiveSigner> FileKeyStore::EnsureDevelopmentKeys(int64_t now, const std::string& country) {
  std::lock_guard<std::mutex> lock(mu_);
  RETURN_IF_ERROR(file::EnsurePrivateDirectory(dir_));
  const std::string root_key_path = dir_ + "/root.key.pem";
  const std::string root_cert_path = dir_ + "/root.crt.der";

  std::optional<SigningKey> root_key;
  Bytes root_cert;
  if (file::Exists(root_key_path)) {
    ASSIGN_OR_RETURN(SigningKey k, LoadKey(root_key_path));
    auto cert = file::ReadFile(root_cert_path);
    if (!cert) return Error::Invalid("root key present but " + root_cert_path + " unreadable");
    root_cert = AsBytes(*cert);
    RETURN_IF_ERROR(CheckPair(k, root_cert, root_cert_path));
    root_key.emplace(std::move(k));
  } else {
    if (file::Exists(root_cert_path)) {
      return Error::Invalid(root_cert_path + " exists without root.key.pem");
    }
    ASSIGN_OR_RETURN(SigningKey k, SigningKey::Generate());
    ASSIGN_OR_RETURN(root_cert,
                     MakeRootCertificate(k, "Origine development root " + country, country, now, now + kRootLifetime));
    RETURN_IF_ERROR(SaveKey(root_key_path, k));
    RETURN_IF_ERROR(file::WriteFileAtomic(root_cert_path, AsString(root_cert), 0644));
    root_key.emplace(std::move(k));
  }
  ASSIGN_OR_RETURN(CertInfo root_info, ParseCertificate(root_cert));
  if (now > root_info.not_after) {
    return Error::Conflict("the root certificate in " + dir_ + " has expired");
  }

  // Pick the signer valid now with the latest expiry.
  ASSIGN_OR_RETURN(std::vector<TrustEntry> signers, SignerCertificatesLocked());
  const TrustEntry* best = nullptr;
  int64_t best_not_after = 0;
  for (const TrustEntry& s : signers) {
    ASSIGN_OR_RETURN(CertInfo info, ParseCertificate(s.certificate_der));
    if (now < info.not_before || now > info.not_after) continue;
    if (!VerifyIssuedBy(s.certificate_der, root_cert)) continue;  // from another root
    if (best == nullptr || info.not_after > best_not_after) {
      best = &s;
      best_not_after = info.not_after;
    }
  }
  if (best == nullptr) return CreateSigner(*root_key, root_cert, now, country);

  const std::string base = dir_ + "/" + std::string(kSignerPrefix) + HexEncode(best->kid);
  ASSIGN_OR_RETURN(SigningKey key, LoadKey(base + ".key.pem"));
  RETURN_IF_ERROR(CheckPair(key, best->certificate_der, base + std::string(kCertSuffix)));
  return ActiveSigner{std::move(key), best->certificate_der, best->kid};
}

Result<std::vector<TrustEntry>> FileKeyStore::SignerCertificates() {
  std::lock_guard<std::mutex> lock(mu_);
  return SignerCertificatesLocked();
}

Result<std::vector<TrustEntry>> FileKeyStore::SignerCertificatesLocked() {
  std::vector<TrustEntry> out;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir_, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory) return out;
    return Error::Internal("cannot list " + dir_ + ": " + ec.message());
  }
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (ec) return Error::Internal("cannot list " + dir_ + ": " + ec.message());
    const std::string name = it->path().filename().string();
    if (!name.starts_with(kSignerPrefix) || !name.ends_with(kCertSuffix)) continue;
    std::string kid_hex = name.substr(kSignerPrefix.size(), name.size() - kSignerPrefix.size() - kCertSuffix.size());
    ASSIGN_OR_RETURN(std::string der, file::ReadFile(it->path().string()));
    TrustEntry e{{}, AsBytes(der), std::nullopt};
    if (!ParseCertificate(e.certificate_der)) {
      return Error::Invalid(it->path().string() + " is not a DER certificate");
    }
    e.kid = KidOf(e.certificate_der);
    if (HexEncode(e.kid) != kid_hex) {
      return Error::Invalid(it->path().string() + ": file name does not match the kid");
    }
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const TrustEntry& a, const TrustEntry& b) { return a.kid < b.kid; });
  return out;
}

}  // namespace origine::trust
