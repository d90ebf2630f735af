#include "trust/verify.h"

#include "trust/base45.h"
#include "trust/cose.h"
#include "trust/deflate.h"
#include "trust/qr.h"

namespace origine::trust {

std::string_view ToString(VerifyStatus status) {
  switch (status) {
    case VerifyStatus::kValid:
      return "valid";
    case VerifyStatus::kMalformed:
      return "malformed";
    case VerifyStatus::kUnknownSigner:
      return "unknown_signer";
    case VerifyStatus::kBadSignature:
      return "bad_signature";
    case VerifyStatus::kExpired:
      return "expired";
    case VerifyStatus::kNotYetValid:
      return "not_yet_valid";
    case VerifyStatus::kRevoked:
      return "revoked";
  }
  return "malformed";
}

namespace {

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

// Sets the outcome; `out` is moved from afterwards (arguments are all
// evaluated before the body runs, so reasons may read `out`).
VerifyOutcome Fail(VerifyOutcome& out, VerifyStatus status, std::string reason) {
  out.status = status;
  out.reason = std::move(reason);
  return std::move(out);
}

}  // namespace

VerifyOutcome VerifyQrText(std::string_view text, const std::vector<TrustEntry>& trust, int64_t now) {
  return VerifyQrText(text, TrustStore(trust), now);
}

VerifyOutcome VerifyQrText(std::string_view text, const TrustStore& trust, int64_t now) {
  VerifyOutcome out;
  const auto malformed = VerifyStatus::kMalformed;
  text = Trim(text);
  if (text.size() > kMaxQrTextLength) {
    return Fail(out, malformed, "text is longer than " + std::to_string(kMaxQrTextLength) + " characters");
  }
  if (!text.starts_with(kQrPrefix)) {
    return Fail(out, malformed, "text does not start with the prefix CO1:");
  }
  text.remove_prefix(kQrPrefix.size());

  auto compressed = Base45Decode(text);
  if (!compressed) return Fail(out, malformed, compressed.error().message);
  auto cose = ZlibDecompress(*compressed, kMaxCoseSize);
  if (!cose) return Fail(out, malformed, cose.error().message);
  auto msg = ParseSign1(*cose);
  if (!msg) return Fail(out, malformed, msg.error().message);
  if (msg->alg != kCoseAlgEs256) {
    return Fail(out, malformed,
                "COSE: protected header algorithm is " +
                    (msg->alg == 0 ? std::string("absent") : std::to_string(msg->alg)) +
                    ", only ES256 (-7) is accepted");
  }
  out.kid = msg->kid;
  if (out.kid.empty()) return Fail(out, VerifyStatus::kUnknownSigner, "COSE: no kid");

  // Try every entry whose kid matches: kids are 8-byte hashes and may collide.
  std::span<const TrustStore::Signer> candidates = trust.Find(out.kid);
  if (candidates.empty()) {
    return Fail(out, VerifyStatus::kUnknownSigner, "no trusted certificate has kid " + encoding::Hex(out.kid));
  }
  const Bytes to_be_signed = SigStructure(msg->protected_bstr, {}, msg->payload);
  const TrustStore::Signer* signer = nullptr;
  for (const TrustStore::Signer& candidate : candidates) {
    if (trust.VerifyEs256(candidate, to_be_signed, msg->signature)) {
      signer = &candidate;
      break;
    }
  }
  if (signer == nullptr) {
    return Fail(out, VerifyStatus::kBadSignature,
                "signature does not verify with any certificate of kid " + encoding::Hex(out.kid));
  }

  auto claims = DecodeClaims(msg->payload);
  if (!claims) return Fail(out, malformed, "claims: " + claims.error().message);
  out.claims = std::move(claims).value();
  const Claims& c = *out.claims;

  if (signer->entry.revocation) {
    out.signer_revocation = signer->entry.revocation;
    return Fail(out, VerifyStatus::kRevoked, "signer certificate revoked: " + signer->entry.revocation->reason);
  }
  if (now > c.expires_at) {
    return Fail(out, VerifyStatus::kExpired, "certificate of origin expired");
  }
  if (c.expires_at > signer->not_after) {
    return Fail(out, VerifyStatus::kExpired, "certificate of origin expires after its signer certificate");
  }
  if (now > signer->not_after) {
    return Fail(out, VerifyStatus::kExpired, "signer certificate expired");
  }
  if (now < c.issued_at - kClockSkewSeconds) {
    return Fail(out, VerifyStatus::kNotYetValid, "issued_at is in the future");
  }
  if (now < signer->not_before) {
    return Fail(out, VerifyStatus::kNotYetValid, "signer certificate is not yet valid");
  }
  out.status = VerifyStatus::kValid;
  out.reason.clear();
  return out;
}

}  // namespace origine::trust
