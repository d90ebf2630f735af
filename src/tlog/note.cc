#include "tlog/note.h"

#include <sodium.h>

#include <charconv>
#include <cstring>
#include <set>
#include <utility>

#include "core/encoding.h"
#include "core/utf8.h"
#include "tlog/internal/key_text.h"

namespace origine::tlog {
namespace {

using internal::EnsureSodium;
using internal::Hex8;
using internal::ParseHex8;
using internal::ReadBE32;
using internal::Split3;

constexpr std::string_view kSigPrefix = "\xE2\x80\x94 ";  // U+2014 EM DASH, space

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
  if (!Split3(vkey, name, hex, b64)) return Error::Invalid("note.key"_code, "verifier key must be name+hex+base64");
  if (!IsValidKeyName(name)) return Error::Invalid("note.key_name"_code, "verifier key has an invalid key name");
  ASSIGN_OR_RETURN(uint32_t id, ParseHex8(hex));
  auto key = encoding::FromBase64(b64);
  if (!key || key->empty()) return Error::Invalid("note.key"_code, "verifier key material is not base64");
  if ((*key)[0] != kAlgEd25519)
    return Error::Invalid("note.key"_code, "verifier key is not an Ed25519 key (type 0x01)");
  if (key->size() != 1 + 32) return Error::Invalid("note.key"_code, "Ed25519 verifier key must hold 32 bytes");
  Verifier v;
  v.name = std::string(name);
  std::memcpy(v.public_key.data(), key->data() + 1, 32);
  v.key_id = KeyId(v.name, v.public_key);
  if (v.key_id != id) return Error::Invalid("note.key"_code, "verifier key ID does not match its name and key");
  return v;
}

Result<std::string> SignNote(std::string_view text, std::string_view name, std::span<const uint8_t> secret_key) {
  EnsureSodium();
  if (text.empty() || text.back() != '\n') return Error::Invalid("note.text"_code, "note text must end with a newline");
  if (!IsValidNoteText(text))
    return Error::Invalid("note.text"_code, "note text must be UTF-8 without control characters");
  if (!IsValidKeyName(name)) return Error::Invalid("note.key_name"_code, "invalid key name");
  std::array<uint8_t, 64> sk{};
  PublicKey pk{};
  if (secret_key.size() == 32) {
    crypto_sign_seed_keypair(pk.data(), sk.data(), secret_key.data());
  } else if (secret_key.size() == 64) {
    std::memcpy(sk.data(), secret_key.data(), 64);
    crypto_sign_ed25519_sk_to_pk(pk.data(), sk.data());
  } else {
    return Error::Invalid("note.key"_code, "Ed25519 secret key must be 32 or 64 bytes");
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
  if (!IsValidNoteText(note))
    return Error::Invalid("note.malformed"_code, "malformed note: not UTF-8 or has control characters");
  const size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos)
    return Error::Invalid("note.malformed"_code, "malformed note: no blank line before signatures");
  Note out;
  out.text = std::string(note.substr(0, split + 1));
  std::string_view sigs = note.substr(split + 2);
  if (sigs.empty() || sigs.back() != '\n')
    return Error::Invalid("note.malformed"_code, "malformed note: no signature lines");

  std::set<std::pair<std::string, uint32_t>> seen;
  std::set<std::string_view> seen_unverified;
  size_t lines = 0;
  while (!sigs.empty()) {
    const size_t nl = sigs.find('\n');
    std::string_view line = sigs.substr(0, nl);
    sigs.remove_prefix(nl + 1);
    if (++lines > kMaxNoteSignatures)
      return Error::Invalid("note.malformed"_code, "malformed note: too many signatures");
    if (!line.starts_with(kSigPrefix))
      return Error::Invalid("note.malformed"_code, "malformed note: bad signature line");
    line.remove_prefix(kSigPrefix.size());
    const size_t sp = line.find(' ');
    if (sp == std::string_view::npos)
      return Error::Invalid("note.malformed"_code, "malformed note: bad signature line");
    std::string_view name = line.substr(0, sp), b64 = line.substr(sp + 1);
    if (!IsValidKeyName(name))
      return Error::Invalid("note.malformed"_code, "malformed note: bad key name in signature");
    auto raw = encoding::FromBase64(b64);
    if (!raw || raw->size() < 5) return Error::Invalid("note.malformed"_code, "malformed note: bad signature encoding");
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
    if (!ok)
      return Error::Invalid("note.signature"_code, "note signature by " + sig.name + " does not verify")
          .With("name", sig.name);
    if (first) out.verified.push_back(std::move(sig));
  }
  if (out.verified.empty())
    return Error::Invalid("note.signature"_code, "note has no verified signature from a known key");
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
    return Error::Invalid("checkpoint.malformed"_code, "checkpoint origin is empty or has control characters");
  std::string text = cp.origin + "\n" + std::to_string(cp.size) + "\n" + encoding::Base64(cp.root) + "\n";
  for (const std::string& ext : cp.extensions) {
    if (ext.empty() || ContainsControl(ext))
      return Error::Invalid("checkpoint.malformed"_code,
                            "checkpoint extension line is empty or has control characters");
    text += ext;
    text += "\n";
  }
  return text;
}

Result<Checkpoint> ParseCheckpoint(std::string_view text) {
  if (text.empty() || text.back() != '\n')
    return Error::Invalid("checkpoint.malformed"_code, "checkpoint must end with a newline");
  std::vector<std::string_view> lines;
  std::string_view rest = text.substr(0, text.size() - 1);
  while (true) {
    const size_t nl = rest.find('\n');
    lines.push_back(rest.substr(0, nl));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  if (lines.size() < 3)
    return Error::Invalid("checkpoint.malformed"_code, "checkpoint needs origin, size and root hash lines");
  Checkpoint cp;
  if (lines[0].empty()) return Error::Invalid("checkpoint.malformed"_code, "checkpoint origin is empty");
  cp.origin = std::string(lines[0]);
  std::string_view size = lines[1];
  if (size.empty() || (size.size() > 1 && size[0] == '0'))
    return Error::Invalid("checkpoint.malformed"_code, "checkpoint size must be decimal without leading zeros");
  for (char c : size)
    if (c < '0' || c > '9') return Error::Invalid("checkpoint.malformed"_code, "checkpoint size must be decimal");
  auto [ptr, ec] = std::from_chars(size.data(), size.data() + size.size(), cp.size);
  if (ec != std::errc() || ptr != size.data() + size.size())
    return Error::Invalid("checkpoint.malformed"_code, "checkpoint size is out of range");
  auto root = encoding::FromBase64(lines[2]);
  if (!root || root->size() != kHashSize)
    return Error::Invalid("checkpoint.malformed"_code, "checkpoint root hash must be base64 of 32 bytes");
  std::memcpy(cp.root.data(), root->data(), kHashSize);
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty())
      return Error::Invalid("checkpoint.malformed"_code, "checkpoint extension lines must be non-empty");
    cp.extensions.emplace_back(lines[i]);
  }
  return cp;
}

Result<Checkpoint> OpenCheckpoint(std::string_view signed_note, std::string_view origin,
                                  std::span<const Verifier> verifiers) {
  ASSIGN_OR_RETURN(Note note, OpenNote(signed_note, verifiers));
  ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpoint(note.text));
  if (cp.origin != origin)
    return Error::Invalid("checkpoint.origin"_code, "checkpoint origin '" + cp.origin + "' is not the expected one")
        .With("origin", cp.origin);
  return cp;
}

}  // namespace origine::tlog
