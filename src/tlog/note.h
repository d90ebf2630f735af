// origine/tlog/note.h — C2SP signed notes (c2sp.org/signed-note) with Ed25519,
// C2SP checkpoints (c2sp.org/tlog-checkpoint), and the log's note signer.
//
//   note      = text (ends in "\n") + "\n" + signature lines
//   signature = "— " (U+2014, space) + key name + " " + base64(keyID4 ‖ sig) + "\n"
//   key ID    = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ pubkey)[:4], big-endian uint32
//   vkey      = name + "+" + hex8(key ID) + "+" + base64(0x01 ‖ pubkey)
//   skey      = "PRIVATE+KEY+" + name + "+" + hex8(key ID) + "+" + base64(0x01 ‖ seed)
//               (the golang.org/x/mod/sumdb/note private key format)
//
// Parsing is strict (see OpenNote). Notes and checkpoints are in note.cc, the
// log's signer and its key file in note_signer.cc.
// Thread-safety: free functions are pure; a NoteSigner is immutable after
// construction and may be shared by threads.
// Failure: kInvalidArgument for malformed input ("note.malformed",
// "note.text", "note.key", "note.key_name", "checkpoint.malformed",
// "checkpoint.origin") or a signature that does not verify ("note.signature");
// kNotFound / kInternal / kConflict for key files (see NoteSigner).
// Error messages never contain key material.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "tlog/merkle.h"

namespace origine::tlog {

inline constexpr uint8_t kAlgEd25519 = 0x01;
inline constexpr size_t kMaxNoteSignatures = 100;  // the spec requires >= 16

using PublicKey = std::array<uint8_t, 32>;

// A key that can verify notes: an Ed25519 public key under a name.
struct Verifier {
  std::string name;
  uint32_t key_id = 0;
  PublicKey public_key{};
};

// True if `name` is a valid key name: non-empty UTF-8 without Unicode spaces,
// '+' or control characters.
bool IsValidKeyName(std::string_view name);
// SHA-256(name ‖ 0x0A ‖ 0x01 ‖ pub)[:4] as a big-endian integer.
uint32_t KeyId(std::string_view name, const PublicKey& pub);
// "name+hex8+base64(0x01‖pub)". `name` must be valid (not checked here).
std::string VerifierKey(std::string_view name, const PublicKey& pub);
// Parses a vkey; only Ed25519 (type 0x01) is accepted, and the key ID in the
// string must equal the one computed from the name and key.
Result<Verifier> ParseVerifierKey(std::string_view vkey);

// Signs `text` (non-empty, ends with "\n", valid UTF-8, no control characters
// but "\n") and returns the whole note with one signature line. `secret_key`
// is a 32-byte Ed25519 seed or a 64-byte libsodium secret key (seed ‖ pub).
Result<std::string> SignNote(std::string_view text, std::string_view name, std::span<const uint8_t> secret_key);

struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::string base64;  // as in the note: base64(key ID ‖ signature)
};

struct Note {
  std::string text;                       // the signed text, final "\n" included
  std::vector<NoteSignature> verified;    // signatures by known keys, all verified
  std::vector<NoteSignature> unverified;  // signatures by unknown keys (ignored)
};

// Opens a signed note. Strict: valid UTF-8; no control characters but "\n";
// text and signatures separated by the last blank line; each signature line is
// exactly "— name base64\n" with a valid name and canonical base64 of at least
// 5 bytes; at most kMaxNoteSignatures lines. Signatures from unknown (name, key
// ID) pairs are ignored; every signature from a known key is verified and one
// that fails rejects the whole note (stricter than golang.org/x/mod/sumdb/note,
// which skips repeated signatures by one key unverified); at least one known
// signature must verify. Repeated signatures by one key are reported once.
Result<Note> OpenNote(std::string_view note, std::span<const Verifier> verifiers);
// Same, with verifier keys as vkey strings (an unparsable vkey is an error).
Result<Note> OpenNote(std::string_view note, std::span<const std::string> verifier_keys);

// A tree head as the text of a C2SP checkpoint:
//   <origin>\n<decimal size>\n<base64 root>\n[<extension line>\n...]
struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::vector<std::string> extensions;  // opaque, non-empty lines (not recommended)
  bool operator==(const Checkpoint&) const = default;
};

// The note text of `checkpoint`; kInvalidArgument if the origin is empty or an
// origin/extension line is empty or holds a newline or control character.
Result<std::string> FormatCheckpoint(const Checkpoint& checkpoint);
// Parses checkpoint text (the note text, not the signed note): at least three
// lines, each ending with "\n"; a non-empty origin; the size in decimal with no
// sign or leading zero (except "0") within uint64; a root that is canonical
// base64 of exactly 32 bytes; non-empty extension lines.
Result<Checkpoint> ParseCheckpoint(std::string_view text);
// OpenNote + ParseCheckpoint + origin check (the origin must equal `origin`).
Result<Checkpoint> OpenCheckpoint(std::string_view signed_note, std::string_view origin,
                                  std::span<const Verifier> verifiers);

// An Ed25519 note signer (the log's checkpoint key). Move-only; the secret is
// wiped on destruction.
class NoteSigner {
 public:
  // A new random key.
  static Result<NoteSigner> Generate(std::string_view name);
  // From a 32-byte Ed25519 seed.
  static Result<NoteSigner> FromSeed(std::string_view name, std::span<const uint8_t> seed);
  // From an skey string "PRIVATE+KEY+name+hex8+base64(0x01‖seed)".
  static Result<NoteSigner> FromPrivateKey(std::string_view skey);
  // Loads the skey file at `path` (kNotFound "tlog.key_not_found" if absent,
  // kInvalidArgument "tlog.key_file" if malformed, kInternal if it is not a
  // regular file or is readable by group or others).
  static Result<NoteSigner> Load(const std::string& path);
  // Loads `path` if it exists, else creates it with a new key named `name`:
  // the parent directory is created with mode 0700 if missing, the file with
  // file::CreateFileAtomic (mode 0600, fsynced, never replacing anything: two
  // racing creators end up with the same key). An existing key whose name
  // differs from `name` gives kConflict "tlog.key_name" (renaming a log's key
  // would change its identity).
  static Result<NoteSigner> LoadOrCreate(const std::string& path, std::string_view name);

  NoteSigner(NoteSigner&& other) noexcept;
  NoteSigner& operator=(NoteSigner&& other) noexcept;
  NoteSigner(const NoteSigner&) = delete;
  NoteSigner& operator=(const NoteSigner&) = delete;
  ~NoteSigner();

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  const PublicKey& public_key() const { return public_key_; }
  Verifier verifier() const { return {name_, key_id_, public_key_}; }
  std::string VerifierKey() const;  // the vkey to publish (`origine log key`)
  std::string PrivateKey() const;   // the skey text — secret
  // SignNote(text, name(), key).
  Result<std::string> Sign(std::string_view text) const;

 private:
  NoteSigner() = default;
  std::string name_;
  uint32_t key_id_ = 0;
  PublicKey public_key_{};
  std::array<uint8_t, 64> secret_{};  // libsodium layout: seed ‖ public key
};

// Where the log key lives under a data directory: <data_dir>/keys/tlog-note.key.
std::string DefaultSignerKeyPath(const std::string& data_dir);

}  // namespace origine::tlog
