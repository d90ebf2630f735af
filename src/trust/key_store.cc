#include "trust/key_store.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/encoding.h"
#include "core/file.h"

namespace origine::trust {

bool IsValidKeyLabel(std::string_view label) {
  if (label.empty() || label.size() > 64) return false;
  for (char c : label)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

namespace {

constexpr std::string_view kKeySuffix = ".key.pem";

// Wipes a secret string's bytes before it is freed.
struct Wipe {
  std::string& s;
  ~Wipe() { OPENSSL_cleanse(s.data(), s.size()); }
};

// A legacy (unencrypted) key file: "BEGIN PRIVATE KEY" in the first bytes.
bool IsUnencryptedPem(const std::string& path) {
  auto text = file::ReadFile(path);
  if (!text) return false;
  Wipe wipe{*text};
  return text->find("-----BEGIN PRIVATE KEY-----") != std::string::npos;
}

}  // namespace

FileKeyStore::FileKeyStore(std::string directory, std::string passphrase, int scrypt_log2_n)
    : dir_(std::move(directory)), passphrase_(std::move(passphrase)), scrypt_log2_n_(scrypt_log2_n) {}

FileKeyStore::~FileKeyStore() { OPENSSL_cleanse(passphrase_.data(), passphrase_.size()); }

Result<std::unique_ptr<FileKeyStore>> FileKeyStore::Open(const std::string& directory, std::string passphrase,
                                                         int scrypt_log2_n) {
  Wipe wipe{passphrase};
  if (passphrase.empty()) return Error::Invalid("key.passphrase"_code, "the key-encryption passphrase is empty");
  RETURN_IF_ERROR(file::EnsurePrivateDirectory(directory));
  std::error_code ec;
  for (std::filesystem::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.ends_with(kKeySuffix)) continue;
    if (IsUnencryptedPem(it->path().string())) {
      return Error::Conflict(
          "key.legacy"_code,
          it->path().string() +
              " is an unencrypted key from an earlier version of Origine; keys are now encrypted. "
              "Development data: delete the data directory and start again. Otherwise move the "
              "keys directory away and create new keys (origine keys init-root, origine keys rotate).");
    }
  }
  if (ec) return Error::Internal("cannot list " + directory + ": " + ec.message());
  if (scrypt_log2_n < 10 || scrypt_log2_n > 14)
    return Error::Invalid("key.scrypt"_code, "scrypt log2(N) must be 10 to 14");
  return std::unique_ptr<FileKeyStore>(new FileKeyStore(directory, std::move(passphrase), scrypt_log2_n));
}

std::string FileKeyStore::PathOf(const std::string& label) const {
  return dir_ + "/" + label + std::string(kKeySuffix);
}

Result<std::unique_ptr<Signer>> FileKeyStore::Generate(const std::string& label) {
  if (!IsValidKeyLabel(label))
    return Error::Invalid("key.label"_code, "invalid key label '" + label + "'").With("label", label);
  std::lock_guard<std::mutex> lock(mu_);
  const std::string path = PathOf(label);
  if (file::Exists(path))
    return Error::Conflict("key.exists"_code, "key " + label + " already exists").With("label", label);
  ASSIGN_OR_RETURN(SigningKey key, SigningKey::Generate());
  ASSIGN_OR_RETURN(std::string pem, key.ToEncryptedPem(passphrase_, scrypt_log2_n_));
  RETURN_IF_ERROR(file::WriteFileAtomic(path, pem, 0600));
  return std::unique_ptr<Signer>(new SigningKey(std::move(key)));
}

Result<std::unique_ptr<Signer>> FileKeyStore::Load(const std::string& label) {
  if (!IsValidKeyLabel(label))
    return Error::Invalid("key.label"_code, "invalid key label '" + label + "'").With("label", label);
  std::lock_guard<std::mutex> lock(mu_);
  const std::string path = PathOf(label);
  auto pem = file::ReadFile(path);
  if (!pem) {
    if (pem.error().kind == ErrorKind::kNotFound)
      return Error::NotFound("key.not_found"_code, "no key " + label + " (" + path + ")").With("label", label);
    return pem.error();
  }
  Wipe wipe{*pem};
  auto key = SigningKey::FromEncryptedPem(*pem, passphrase_);
  if (!key) {
    Error e = key.error();
    e.message = path + ": " + e.message;
    return e;
  }
  return std::unique_ptr<Signer>(new SigningKey(std::move(*key)));
}

Status FileKeyStore::Destroy(const std::string& label) {
  if (!IsValidKeyLabel(label))
    return Error::Invalid("key.label"_code, "invalid key label '" + label + "'").With("label", label);
  std::lock_guard<std::mutex> lock(mu_);
  const std::string path = PathOf(label);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT)
    return Error::Internal("cannot delete " + path + ": " + std::strerror(errno));
  return {};
}

Result<std::string> ReadPassphraseFile(const std::string& path) { return ReadSecretFile(path, 16); }

Result<std::string> ReadSecretFile(const std::string& path, size_t min_size) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT)
      return Error::NotFound("secret_file.not_found"_code, "secret file " + path + " does not exist");
    return Error::Internal("cannot stat " + path + ": " + std::strerror(errno));
  }
  if ((st.st_mode & 077) != 0)
    return Error::Denied("secret_file.mode"_code,
                         "secret file " + path + " is readable by other users: chmod 600 " + path);
  ASSIGN_OR_RETURN(std::string text, file::ReadFile(path));
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  if (text.size() < min_size) {
    OPENSSL_cleanse(text.data(), text.size());
    return Error::Invalid("secret_file.too_short"_code,
                          "secret file " + path + " holds fewer than " + std::to_string(min_size) + " bytes")
        .With("min", std::to_string(min_size));
  }
  return text;
}

Result<std::string> CreatePassphraseFile(const std::string& path) {
  if (file::Exists(path))
    return Error::Conflict("secret_file.exists"_code, "passphrase file " + path + " already exists");
  const std::string dir = std::filesystem::path(path).parent_path().string();
  if (!dir.empty()) RETURN_IF_ERROR(file::EnsurePrivateDirectory(dir));
  unsigned char raw[32];
  if (RAND_bytes(raw, sizeof raw) != 1) return Error::Internal("RAND_bytes failed");
  std::string text = encoding::Base64(raw);
  OPENSSL_cleanse(raw, sizeof raw);
  Status st = file::WriteFileAtomic(path, text + "\n", 0600);
  if (!st) {
    OPENSSL_cleanse(text.data(), text.size());
    return st.error();
  }
  return text;
}

}  // namespace origine::trust
