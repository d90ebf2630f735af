#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/encoding.h"
#include "core/file.h"
#include "tlog/internal/key_text.h"
#include "tlog/note.h"

namespace origine::tlog {

using internal::EnsureSodium;
using internal::Hex8;
using internal::kSkeyPrefix;
using internal::ParseHex8;
using internal::Split3;

NoteSigner::NoteSigner(NoteSigner&& o) noexcept
    : name_(std::move(o.name_)), key_id_(o.key_id_), public_key_(o.public_key_), secret_(o.secret_) {
  sodium_memzero(o.secret_.data(), o.secret_.size());
}

NoteSigner& NoteSigner::operator=(NoteSigner&& o) noexcept {
  if (this != &o) {
    name_ = std::move(o.name_);
    key_id_ = o.key_id_;
    public_key_ = o.public_key_;
    secret_ = o.secret_;
    sodium_memzero(o.secret_.data(), o.secret_.size());
  }
  return *this;
}

NoteSigner::~NoteSigner() { sodium_memzero(secret_.data(), secret_.size()); }

Result<NoteSigner> NoteSigner::FromSeed(std::string_view name, std::span<const uint8_t> seed) {
  EnsureSodium();
  if (!IsValidKeyName(name)) return Error::Invalid("note.key_name"_code, "invalid log key name");
  if (seed.size() != crypto_sign_SEEDBYTES) return Error::Invalid("note.key"_code, "Ed25519 seed must be 32 bytes");
  NoteSigner s;
  s.name_ = std::string(name);
  crypto_sign_seed_keypair(s.public_key_.data(), s.secret_.data(), seed.data());
  s.key_id_ = KeyId(s.name_, s.public_key_);
  return s;
}

Result<NoteSigner> NoteSigner::Generate(std::string_view name) {
  EnsureSodium();
  std::array<uint8_t, 32> seed;
  randombytes_buf(seed.data(), seed.size());
  auto s = FromSeed(name, seed);
  sodium_memzero(seed.data(), seed.size());
  return s;
}

Result<NoteSigner> NoteSigner::FromPrivateKey(std::string_view skey) {
  if (!skey.starts_with(kSkeyPrefix))
    return Error::Invalid("note.key"_code, "private key must start with PRIVATE+KEY+");
  std::string_view name, hex, b64;
  if (!Split3(skey.substr(kSkeyPrefix.size()), name, hex, b64))
    return Error::Invalid("note.key"_code, "private key must be PRIVATE+KEY+name+hex+base64");
  ASSIGN_OR_RETURN(uint32_t id, ParseHex8(hex));
  auto key = encoding::FromBase64(b64);
  if (!key || key->size() != 33 || (*key)[0] != kAlgEd25519) {
    if (key) sodium_memzero(key->data(), key->size());
    return Error::Invalid("note.key"_code, "private key is not an Ed25519 seed");
  }
  auto s = FromSeed(name, std::span<const uint8_t>(key->data() + 1, 32));
  sodium_memzero(key->data(), key->size());
  if (!s) return s;
  if (s->key_id() != id) return Error::Invalid("note.key"_code, "private key ID does not match its name and key");
  return s;
}

std::string NoteSigner::VerifierKey() const { return tlog::VerifierKey(name_, public_key_); }

std::string NoteSigner::PrivateKey() const {
  std::vector<uint8_t> key{kAlgEd25519};
  key.insert(key.end(), secret_.begin(), secret_.begin() + 32);
  std::string out = std::string(kSkeyPrefix) + name_ + "+" + Hex8(key_id_) + "+" + encoding::Base64(key);
  sodium_memzero(key.data(), key.size());
  return out;
}

Result<std::string> NoteSigner::Sign(std::string_view text) const { return SignNote(text, name_, secret_); }

namespace {

Result<std::string> ReadKeyFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Error::NotFound("tlog.key_not_found"_code, "log key file " + path + " does not exist");
    return Error::Internal("cannot open log key file " + path + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error::Internal("log key file " + path + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return Error::Internal("log key file " + path + " is readable by group or others (want mode 0600)");
  }
  std::string data;
  char buf[1024];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return Error::Internal("cannot read log key file " + path);
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
    if (data.size() > 4096) {
      ::close(fd);
      return Error::Invalid("tlog.key_file"_code, "log key file " + path + " is too large");
    }
  }
  sodium_memzero(buf, sizeof buf);
  ::close(fd);
  return data;
}

}  // namespace

Result<NoteSigner> NoteSigner::Load(const std::string& path) {
  ASSIGN_OR_RETURN(std::string data, ReadKeyFile(path));
  std::string_view text = data;
  if (text.ends_with("\n")) text.remove_suffix(1);
  auto s = FromPrivateKey(text);
  sodium_memzero(data.data(), data.size());
  if (!s) return Error::Invalid("tlog.key_file"_code, "log key file " + path + ": " + s.error().message);
  return s;
}

Result<NoteSigner> NoteSigner::LoadOrCreate(const std::string& path, std::string_view name) {
  auto loaded = Load(path);
  if (!loaded && loaded.error().kind == ErrorKind::kNotFound) {
    const std::string dir = std::filesystem::path(path).parent_path().string();
    std::error_code ec;
    if (!dir.empty() && !std::filesystem::exists(dir, ec)) RETURN_IF_ERROR(file::EnsurePrivateDirectory(dir));
    ASSIGN_OR_RETURN(NoteSigner fresh, Generate(name));
    std::string skey = fresh.PrivateKey() + "\n";
    // Never replaces: of two racing creators one wins (kConflict for the
    // other), and both then load the winner's key.
    Status st = file::CreateFileAtomic(path, skey, 0600);
    sodium_memzero(skey.data(), skey.size());
    if (!st && st.error().kind != ErrorKind::kConflict) return st.error();
    loaded = Load(path);
  }
  if (!loaded) return loaded;
  if (loaded->name() != name)
    return Error::Conflict("tlog.key_name"_code, "log key file " + path + " holds the key of '" + loaded->name() +
                                                     "', not '" + std::string(name) + "'")
        .With("name", loaded->name())
        .With("expected", std::string(name));
  return loaded;
}

std::string DefaultSignerKeyPath(const std::string& data_dir) { return data_dir + "/keys/tlog-note.key"; }

}  // namespace origine::tlog
