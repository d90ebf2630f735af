// origine/trust/trust_list.h — the JSON trust list of document-signer
// certificates.
//
// Format 2 (docs/formats/trust-list.md): a versioned list signed by the
// authority's root as a JWS (ES256), each entry with kid, certificate, public
// key, validity, allowed certificate types and, for a removed signer, its
// revocation. Verifiers trust only the JWS payload, checked against a pinned
// root certificate.
// Format 1 (legacy, unsigned), shaped like the EU DCC trust lists:
//   {"version":1,"certificates":[{"kid":"<base64>","certificate":"<base64 DER>"}]}
// Both use standard Base64 with padding.
//
// Thread-safety: pure functions; a TrustListSnapshot is immutable and may be
// shared between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trust/bytes.h"
#include "trust/keys.h"

namespace origine::trust {

// A document signer removed from the trust list: it stays listed so that
// verification can say "revoked" (with the date and reason) rather than
// "unknown signer". Everything it signed is revoked.
struct SignerRevocation {
  int64_t revoked_at = 0;  // unix seconds
  std::string reason;      // free text shown to verifiers, e.g. "key compromise"
  bool operator==(const SignerRevocation&) const = default;
};

struct TrustEntry {
  Bytes kid;                                   // KidOf(certificate_der)
  Bytes certificate_der;                       // X.509 document-signer certificate
  std::optional<SignerRevocation> revocation;  // set when the signer was removed
  // Certificate types (regime codes, e.g. "ETLS") this signer may sign,
  // sorted. Never empty in a format-2 list; empty in a format-1 list (not
  // stated there).
  std::vector<std::string> types;
};

// Serializes `entries` in order as a format-1 list. Never fails.
std::string TrustListToJson(const std::vector<TrustEntry>& entries);

// Parses a format-1 trust list. Fails with kInvalidArgument (message names the
// entry and field) on invalid JSON, a version other than 1, a missing or
// non-string field, bad Base64, a certificate that does not parse, or a kid
// that is not KidOf(certificate). Unknown fields are ignored. Never throws.
Result<std::vector<TrustEntry>> TrustListFromJson(std::string_view json);

// ---- Format 2: signed and versioned ----

inline constexpr std::string_view kTrustListJwsType = "origine-trust-list+jws";
// Longest revocation reason accepted (characters of UTF-8 text).
inline constexpr size_t kMaxRevocationReason = 200;

// What the root signs.
struct TrustListDocument {
  int64_t version = 0;              // >= 1
  std::string issuer;               // ISO 3166-1 alpha-2
  int64_t issued_at = 0;            // unix seconds
  std::vector<TrustEntry> entries;  // sorted by kid, then certificate
};

// The JWS payload: {"format":2,"version":…,"issuer":…,"issued_at":…,
// "certificates":[…]} in a fixed field order, entries sorted. Deterministic.
// Fails with kInvalidArgument when an entry's certificate does not parse or
// its kid does not match, when types is empty, a reason is empty or too long,
// the version is < 1 or the issuer is not two capital letters.
Result<std::string> TrustListPayload(const TrustListDocument& doc);

// The published document: the payload's fields, "root" (base64 DER of
// root_cert_der) and "jws" (ES256 by `root` over the payload, header
// {"alg":"ES256","kid":<root kid>,"typ":kTrustListJwsType}). Fails like
// TrustListPayload, with kInvalidArgument when `root` is not the key of
// `root_cert_der`, or with the Signer's error.
Result<std::string> SignTrustList(const TrustListDocument& doc, const Signer& root,
                                  std::span<const uint8_t> root_cert_der);

struct VerifiedTrustList {
  TrustListDocument document;
  std::string payload;  // the signed bytes (their SHA-256 is the log leaf's hash)
  Bytes root_der;       // the root the signature was checked with
};

// Checks a format-2 document against the pinned root certificate: JWS header
// (alg ES256, typ, kid = KidOf(root)), the signature with the root's key,
// then parses the payload only (the outer fields are ignored): format 2, each
// entry's kid, public_key and dates match its certificate, which the root
// issued; types non-empty; revocation well-formed. Fails with
// kInvalidArgument naming what is wrong (never a key or signature value).
Result<VerifiedTrustList> VerifySignedTrustList(std::string_view json, std::span<const uint8_t> pinned_root_der);

// 1 or 2, from the top-level "format" (2) or "version" (1) field; fails with
// kInvalidArgument otherwise. Reads nothing else.
Result<int> TrustListFormat(std::string_view json);

// The "root" field of a format-2 document, NOT verified: only for a verifier
// that has no pinned root and says so. Fails with kInvalidArgument.
Result<Bytes> EmbeddedTrustListRoot(std::string_view json);

// One published version, parsed once: verifiers may build derived caches
// (parsed keys) keyed by `version` — a version never changes once published.
struct TrustListSnapshot {
  int64_t version = 0;
  int64_t issued_at = 0;
  std::string json;  // the published document, byte for byte
  std::vector<TrustEntry> entries;
  Bytes root_der;
};

// Where a running process gets the current trust list. Current() never
// returns null; it may change between calls (after a rotation or removal).
// Implementations are thread-safe.
class TrustListSource {
 public:
  virtual ~TrustListSource() = default;
  virtual std::shared_ptr<const TrustListSnapshot> Current() = 0;
};

// A source that always answers the same snapshot (tests, the CLI).
class FixedTrustListSource final : public TrustListSource {
 public:
  explicit FixedTrustListSource(std::shared_ptr<const TrustListSnapshot> snapshot) : snapshot_(std::move(snapshot)) {}
  std::shared_ptr<const TrustListSnapshot> Current() override { return snapshot_; }

 private:
  std::shared_ptr<const TrustListSnapshot> snapshot_;
};

}  // namespace origine::trust
