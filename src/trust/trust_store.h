// origine/trust/trust_store.h — a trust list parsed once for verification.
//
// Decoding an X.509 certificate and its public key costs several times an
// ECDSA verification with OpenSSL 3.0, so a TrustStore decodes every entry of
// one trust-list version once (public key as EVP_PKEY, validity dates) and
// keeps the entries sorted by kid for lookups. Build one per trust-list
// version and share it (std::shared_ptr<const TrustStore>) between threads.
//
// Thread-safety: immutable after construction; every const method may be
// called from several threads at once. VerifyEs256 keeps one prepared
// OpenSSL verification context per thread and key (thread_local), so
// concurrent callers never share mutable OpenSSL state.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "trust/trust_list.h"

namespace origine::trust {

class TrustStore {
 public:
  // One parsed entry. `usable` is false when the certificate does not parse
  // or its key is not P-256: such an entry matches its kid but never
  // verifies a signature (the verifier then says bad_signature, as before).
  struct Signer {
    TrustEntry entry;
    bool usable = false;
    int64_t not_before = 0;  // certificate validity, unix seconds
    int64_t not_after = 0;
  };

  // Never fails: unusable entries are kept (see Signer::usable). `version`
  // is a free label ("tl-3") reported back by version().
  explicit TrustStore(std::vector<TrustEntry> entries, std::string version = "");
  ~TrustStore();
  TrustStore(const TrustStore&) = delete;
  TrustStore& operator=(const TrustStore&) = delete;

  // Every signer whose kid equals `kid` (kids are 8-byte hashes and may
  // collide), in trust-list order. Empty when none.
  std::span<const Signer> Find(std::span<const uint8_t> kid) const;

  // ES256 over `msg` with signer `s` (an element of Find's result): the
  // signature is raw r||s (64 bytes). False when `s` is unusable, when the
  // signature is not 64 bytes, r or s is 0 or >= the group order, or when it
  // does not verify.
  bool VerifyEs256(const Signer& s, std::span<const uint8_t> msg, std::span<const uint8_t> sig) const;

  // The entries in their original order (for export).
  const std::vector<TrustEntry>& entries() const { return entries_; }
  const std::string& version() const { return version_; }
  size_t size() const { return entries_.size(); }

 private:
  struct Keys;
  std::vector<TrustEntry> entries_;
  std::vector<Signer> sorted_;  // by kid, stable
  std::string version_;
  uint64_t id_;                 // process-unique, keys the per-thread contexts
  std::unique_ptr<Keys> keys_;  // EVP_PKEY per element of sorted_
};

}  // namespace origine::trust
