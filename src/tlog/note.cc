#include "tlog/note.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/encoding.h"
#include "core/utf8.h"

namespace origine::tlog {
namespace {

constexpr std::string_view kSigPrefix = "\xE2\x80\x94 ";  // U+2014 EM DASH, space
constexpr std::string_view kSkeyPrefix = "PRIVATE+KEY+";

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

bool IsUnicodeSpace(int32_t cp) {  // Go's unicode.IsSpace
  switch (cp) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

// Valid UTF-8 with no control character other than "\n".
bool IsValidNoteText(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    int32_t cp = utf8::NextCodePoint(s, i);
    if (cp < 0) return false;
    if (cp < 0x20 && cp != '\n') return false;
  }
  return true;
}

uint32_t ReadBE32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

std::string Hex8(uint32_t id) {
  const uint8_t b[4] = {uint8_t(id >> 24), uint8_t(id >> 16), uint8_t(id >> 8), uint8_t(id)};
  return encoding::Hex(b);
}

Result<uint32_t> ParseHex8(std::string_view s) {
  if (s.size() != 8) return Error::Invalid("key ID must be 8 hex digits");
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return Error::Invalid("key ID must be lowercase hex");
  auto bytes = encoding::FromHex(s);
  return ReadBE32(bytes->data());
}

// Splits "name+hex+base64" at the first two '+' (base64 may itself hold '+').
bool Split3(std::string_view s, std::string_view& a, std::string_view& b, std::string_view& c) {
  size_t p1 = s.find('+');
  if (p1 == std::string_view::npos) return false;
  size_t p2 = s.find('+', p1 + 1);
  if (p2 == std::string_view::npos) return false;
  a = s.substr(0, p1);
  b = s.substr(p1 + 1, p2 - p1 - 1);
  c = s.substr(p2 + 1);
  return true;
}

bool ContainsControl(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20) return true;
  return false;
}

}  // namespace

bool IsValidKeyName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size();) {
    int32_t cp = utf8::NextCodePoint(name, i);
    if (cp < 0 || cp < 0x20 || cp == '+' || IsUnicodeSpace(cp)) return false;
  }
  return true;
}

uint32_t KeyId(std::string_view name, const PublicKey& pub) {
  std::vector<uint8_t> buf(name.begin(), name.end());
  buf.push_back(0x0A);
  buf.push_back(kAlgEd25519);
  buf.insert(buf.end(), pub.begin(), pub.end());
  Hash h = Sha256(buf);
  return ReadBE32(h.data());
}

std::string VerifierKey(std::string_view name, const PublicKey& pub) {
  std::vector<uint8_t> key{kAlgEd25519};
  key.insert(key.end(), pub.begin(), pub.end());
  return std::string(name) + "+" + Hex8(KeyId(name, pub)) + "+" + encoding::Base64(key);
}

Result<Verifier> ParseVerifierKey(std::string_view vkey) {
  std::string_view name, hex, b64;
  if (!Split3(vkey, name, hex, b64)) return Error::Invalid("verifier key must be name+hex+base64");
  if (!IsValidKeyName(name)) return Error::Invalid("verifier key has an invalid key name");
  ASSIGN_OR_RETURN(uint32_t id, ParseHex8(hex));
  auto key = encoding::FromBase64(b64);
  if (!key || key->empty()) return Error::Invalid("verifier key material is not base64");
  if ((*key)[0] != kAlgEd25519) return Error::Invalid("verifier key is not an Ed25519 key (type 0x01)");
  if (key->size() != 1 + 32) return Error::Invalid("Ed25519 verifier key must hold 32 bytes");
  Verifier v;
  v.name = std::string(name);
  std::memcpy(v.public_key.data(), key->data() + 1, 32);
  v.key_id = KeyId(v.name, v.public_key);
  if (v.key_id != id) return Error::Invalid("verifier key ID does not match its name and key");
  return v;
}

Result<std::string> SignNote(std::string_view text, std::string_view name, std::span<const uint8_t> secret_key) {
  EnsureSodium();
  if (text.empty() || text.back() != '\n') return Error::Invalid("note text must end with a newline");
  if (!IsValidNoteText(text)) return Error::Invalid("note text must be UTF-8 without control characters");
  if (!IsValidKeyName(name)) return Error::Invalid("invalid key name");
  std::array<uint8_t, 64> sk{};
  PublicKey pk{};
  if (secret_key.size() == 32) {
    crypto_sign_seed_keypair(pk.data(), sk.data(), secret_key.data());
  } else if (secret_key.size() == 64) {
    std::memcpy(sk.data(), secret_key.data(), 64);
    crypto_sign_ed25519_sk_to_pk(pk.data(), sk.data());
  } else {
    return Error::Invalid("Ed25519 secret key must be 32 or 64 bytes");
  }
  std::vector<uint8_t> sig(4 + crypto_sign_BYTES);
  const uint32_t id = KeyId(name, pk);
  sig[0] = uint8_t(id >> 24);
  sig[1] = uint8_t(id >> 16);
  sig[2] = uint8_t(id >> 8);
  sig[3] = uint8_t(id);
  crypto_sign_detached(sig.data() + 4, nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       sk.data());
  sodium_memzero(sk.data(), sk.size());
  std::string note(text);
  note += "\n";
  note += kSigPrefix;
  note += name;
  note += " ";
  note += encoding::Base64(sig);
  note += "\n";
  return note;
}

Result<Note> OpenNote(std::string_view note, std::span<const Verifier> verifiers) {
  EnsureSodium();
  if (!IsValidNoteText(note)) return Error::Invalid("malformed note: not UTF-8 or has control characters");
  const size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) return Error::Invalid("malformed note: no blank line before signatures");
  Note out;
  out.text = std::string(note.substr(0, split + 1));
  std::string_view sigs = note.substr(split + 2);
  if (sigs.empty() || sigs.back() != '\n') return Error::Invalid("malformed note: no signature lines");

  std::set<std::pair<std::string, uint32_t>> seen;
  std::set<std::string_view> seen_unverified;
  size_t lines = 0;
  while (!sigs.empty()) {
    const size_t nl = sigs.find('\n');
    std::string_view line = sigs.substr(0, nl);
    sigs.remove_prefix(nl + 1);
    if (++lines > kMaxNoteSignatures) return Error::Invalid("malformed note: too many signatures");
    if (!line.starts_with(kSigPrefix)) return Error::Invalid("malformed note: bad signature line");
    line.remove_prefix(kSigPrefix.size());
    const size_t sp = line.find(' ');
    if (sp == std::string_view::npos) return Error::Invalid("malformed note: bad signature line");
    std::string_view name = line.substr(0, sp), b64 = line.substr(sp + 1);
    if (!IsValidKeyName(name)) return Error::Invalid("malformed note: bad key name in signature");
    auto raw = encoding::FromBase64(b64);
    if (!raw || raw->size() < 5) return Error::Invalid("malformed note: bad signature encoding");
    const uint32_t id = ReadBE32(raw->data());
    const Verifier* v = nullptr;
    for (const Verifier& candidate : verifiers)
      if (candidate.name == name && candidate.key_id == id) v = &candidate;
    NoteSignature sig{std::string(name), id, std::string(b64)};
    if (v == nullptr) {
      if (seen_unverified.insert(line).second) out.unverified.push_back(std::move(sig));
      continue;
    }
    const bool first = seen.insert({sig.name, id}).second;
    const bool ok =
        raw->size() == 4 + crypto_sign_BYTES &&
        crypto_sign_verify_detached(raw->data() + 4, reinterpret_cast<const unsigned char*>(out.text.data()),
                                    out.text.size(), v->public_key.data()) == 0;
    if (!ok) return Error::Invalid("note signature by " + sig.name + " does not verify");
    if (first) out.verified.push_back(std::move(sig));
  }
  if (out.verified.empty()) return Error::Invalid("note has no verified signature from a known key");
  return out;
}

Result<Note> OpenNote(std::string_view note, std::span<const std::string> verifier_keys) {
  std::vector<Verifier> vs;
  for (const std::string& k : verifier_keys) {
    ASSIGN_OR_RETURN(Verifier v, ParseVerifierKey(k));
    vs.push_back(std::move(v));
  }
  return OpenNote(note, std::span<const Verifier>(vs));
}

Result<std::string> FormatCheckpoint(const Checkpoint& cp) {
  if (cp.origin.empty() || ContainsControl(cp.origin))
    return Error::Invalid("checkpoint origin is empty or has control characters");
  std::string text = cp.origin + "\n" + std::to_string(cp.size) + "\n" + encoding::Base64(cp.root) + "\n";
  for (const std::string& ext : cp.extensions) {
    if (ext.empty() || ContainsControl(ext))
      return Error::Invalid("checkpoint extension line is empty or has control characters");
    text += ext;
    text += "\n";
  }
  return text;
}

Result<Checkpoint> ParseCheckpoint(std::string_view text) {
  if (text.empty() || text.back() != '\n') return Error::Invalid("checkpoint must end with a newline");
  std::vector<std::string_view> lines;
  std::string_view rest = text.substr(0, text.size() - 1);
  while (true) {
    const size_t nl = rest.find('\n');
    lines.push_back(rest.substr(0, nl));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  if (lines.size() < 3) return Error::Invalid("checkpoint needs origin, size and root hash lines");
  Checkpoint cp;
  if (lines[0].empty()) return Error::Invalid("checkpoint origin is empty");
  cp.origin = std::string(lines[0]);
  std::string_view size = lines[1];
  if (size.empty() || (size.size() > 1 && size[0] == '0'))
    return Error::Invalid("checkpoint size must be decimal without leading zeros");
  for (char c : size)
    if (c < '0' || c > '9') return Error::Invalid("checkpoint size must be decimal");
  auto [ptr, ec] = std::from_chars(size.data(), size.data() + size.size(), cp.size);
  if (ec != std::errc() || ptr != size.data() + size.size()) return Error::Invalid("checkpoint size is out of range");
  auto root = encoding::FromBase64(lines[2]);
  if (!root || root->size() != kHashSize) return Error::Invalid("checkpoint root hash must be base64 of 32 bytes");
  std::memcpy(cp.root.data(), root->data(), kHashSize);
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) return Error::Invalid("checkpoint extension lines must be non-empty");
    cp.extensions.emplace_back(lines[i]);
  }
  return cp;
}

Result<Checkpoint> OpenCheckpoint(std::string_view signed_note, std::string_view origin,
                                  std::span<const Verifier> verifiers) {
  ASSIGN_OR_RETURN(Note note, OpenNote(signed_note, verifiers));
  ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpoint(note.text));
  if (cp.origin != origin) return Error::Invalid("checkpoint origin '" + cp.origin + "' is not the expected one");
  return cp;
}

// ---- NoteSigner

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
  if (!IsValidKeyName(name)) return Error::Invalid("invalid log key name");
  if (seed.size() != crypto_sign_SEEDBYTES) return Error::Invalid("Ed25519 seed must be 32 bytes");
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
  if (!skey.starts_with(kSkeyPrefix)) return Error::Invalid("private key must start with PRIVATE+KEY+");
  std::string_view name, hex, b64;
  if (!Split3(skey.substr(kSkeyPrefix.size()), name, hex, b64))
    return Error::Invalid("private key must be PRIVATE+KEY+name+hex+base64");
  ASSIGN_OR_RETURN(uint32_t id, ParseHex8(hex));
  auto key = encoding::FromBase64(b64);
  if (!key || key->size() != 33 || (*key)[0] != kAlgEd25519) {
    if (key) sodium_memzero(key->data(), key->size());
    return Error::Invalid("private key is not an Ed25519 seed");
  }
  auto s = FromSeed(name, std::span<const uint8_t>(key->data() + 1, 32));
  sodium_memzero(key->data(), key->size());
  if (!s) return s;
  if (s->key_id() != id) return Error::Invalid("private key ID does not match its name and key");
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
    if (errno == ENOENT) return Error::NotFound("log key file " + path + " does not exist");
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
      return Error::Invalid("log key file " + path + " is too large");
    }
  }
  sodium_memzero(buf, sizeof buf);
  ::close(fd);
  return data;
}

Status MakePrivateDirs(const std::string& dir) {
  if (dir.empty()) return {};
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) return Error::Internal(dir + " is not a directory");
    return {};
  }
  const size_t slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0) RETURN_IF_ERROR(MakePrivateDirs(dir.substr(0, slash)));
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return Error::Internal("cannot create directory " + dir + ": " + std::strerror(errno));
  return {};
}

Status WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Error::Internal(std::string("write failed: ") + std::strerror(errno));
    data.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

}  // namespace

Result<NoteSigner> NoteSigner::Load(const std::string& path) {
  ASSIGN_OR_RETURN(std::string data, ReadKeyFile(path));
  std::string_view text = data;
  if (text.ends_with("\n")) text.remove_suffix(1);
  auto s = FromPrivateKey(text);
  sodium_memzero(data.data(), data.size());
  if (!s) return Error::Invalid("log key file " + path + ": " + s.error().message);
  return s;
}

Result<NoteSigner> NoteSigner::LoadOrCreate(const std::string& path, std::string_view name) {
  auto loaded = Load(path);
  if (!loaded && loaded.error().kind == ErrorKind::kNotFound) {
    const size_t slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
    RETURN_IF_ERROR(MakePrivateDirs(dir));
    ASSIGN_OR_RETURN(NoteSigner fresh, Generate(name));
    std::string skey = fresh.PrivateKey() + "\n";
    uint8_t rnd[8];
    randombytes_buf(rnd, sizeof rnd);
    const std::string tmp = path + ".tmp-" + encoding::Hex(rnd);
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
      sodium_memzero(skey.data(), skey.size());
      return Error::Internal("cannot create " + tmp + ": " + std::strerror(errno));
    }
    Status st = WriteAll(fd, skey);
    sodium_memzero(skey.data(), skey.size());
    if (st && ::fsync(fd) != 0) st = Error::Internal("fsync of " + tmp + " failed");
    ::close(fd);
    if (st && ::link(tmp.c_str(), path.c_str()) != 0 && errno != EEXIST)
      st = Error::Internal("cannot create " + path + ": " + std::strerror(errno));
    ::unlink(tmp.c_str());
    if (!st) return st.error();
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      ::fsync(dfd);
      ::close(dfd);
    }
    loaded = Load(path);  // whoever won a creation race, everyone uses that key
  }
  if (!loaded) return loaded;
  if (loaded->name() != name)
    return Error::Conflict("log key file " + path + " holds the key of '" + loaded->name() + "', not '" +
                           std::string(name) + "'");
  return loaded;
}

std::string DefaultSignerKeyPath(const std::string& data_dir) { return data_dir + "/keys/tlog-note.key"; }

}  // namespace origine::tlog
