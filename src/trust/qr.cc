#include "trust/qr.h"

#include "trust/base45.h"
#include "trust/cose.h"
#include "trust/deflate.h"

namespace origine::trust {

Result<std::string> MakeQrText(const Claims& claims, const Signer& key, std::span<const uint8_t> kid) {
  if (kid.empty()) return Error::Invalid("cose.kid"_code, "kid must not be empty");
  ASSIGN_OR_RETURN(Bytes cose, SignSign1(EncodeClaims(claims), key, kid));
  return std::string(kQrPrefix) + Base45Encode(ZlibCompress(cose));
}

}  // namespace origine::trust
