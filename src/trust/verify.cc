#include "trust/verify.h"

#include "trust/base45.h"
#include "trust/cose.h"
#include "trust/deflate.h"
#include "trust/keys.h"
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
  const Bytes to_be_signed = SigStructure(msg->protected_bstr, {}, msg->payload);
  const TrustEntry* signer = nullptr;
  bool any_match = false;
  for (const TrustEntry& entry : trust) {
    if (entry.kid != out.kid) continue;
    any_match = true;
    if (VerifyEs256WithCertificate(entry.certificate_der, to_be_signed, msg->signature)) {
      signer = &entry;
      break;
    }
  }
  if (!any_match) {
    return Fail(out, VerifyStatus::kUnknownSigner, "no trusted certificate has kid " + HexEncode(out.kid));
  }
  if (signer == nullptr) {
    return Fail(out, VerifyStatus::kBadSignature,
                "signature does not verify with any certificate of kid " + HexEncode(out.kid));
  }

  auto claims = DecodeClaims(msg->payload);
  if (!claims) return Fail(out, malformed, "claims: " + claims.error().message);
  out.claims = std::move(claims).value();
  const Claims& c = *out.claims;

  auto cert = ParseCertificate(signer->certificate_der);
  if (!cert) return Fail(out, malformed, "signer certificate: " + cert.error().message);
  if (now > c.expires_at) {
    return Fail(out, VerifyStatus::kExpired, "certificate of origin expired");
  }
  if (c.expires_at > cert->not_after) {
    return Fail(out, VerifyStatus::kExpired, "certificate of origin expires after its signer certificate");
  }
  if (now > cert->not_after) {
    return Fail(out, VerifyStatus::kExpired, "signer certificate expired");
  }
  if (now < c.issued_at - kClockSkewSeconds) {
    return Fail(out, VerifyStatus::kNotYetValid, "issued_at is in the future");
  }
  if (now < cert->not_before) {
    return Fail(out, VerifyStatus::kNotYetValid, "signer certificate is not yet valid");
  }
  out.status = VerifyStatus::kValid;
  out.reason.clear();
  return out;
}

}  // namespace origine::trust
