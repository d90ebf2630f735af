// fuzz/fixed_trust.h — the fixed trust list of the trust fuzzers: the
// document signer of one `origine demo seed` run (2026-11-27), whose QR texts
// are the seeds in fuzz/corpus/qr_verify/. kFixedNow lies inside its validity,
// so seed texts verify as "valid" and mutations explore every later stage.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "trust/keys.h"
#include "trust/trust_list.h"
#include "trust/trust_store.h"

namespace origine::fuzz {

inline constexpr int64_t kFixedNow = 1795800000;  // 2026-11-27T17:20Z

inline constexpr std::string_view kFixedTrustListJson =
    R"json({"version":1,"certificates":[{"kid":"UOQRph2jOBE=","certificate":"MIIBxDCCAWmgAwIBAgIQYDJpPaiap1G0T4D03qG4VDAKBggqhkjOPQQDAjAzMQswCQYDVQQGEwJNTDEkMCIGA1UEAwwbT3JpZ2luZSBkZXZlbG9wbWVudCByb290IE1MMB4XDTI2MTEyNzA2NDQwMVoXDTI4MTEyNjA2NDQwMVowMjELMAkGA1UEBhMCTUwxIzAhBgNVBAMMGk9yaWdpbmUgZG9jdW1lbnQgc2lnbmVyIE1MMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEW33Q/30vpSXwbwOg10i6fGWTkfNzln8+fS4n+OGxRmOYu3jMa9AAlYvqsQJ8FHhcYM3avQU59ciBvysJv3NpdaNgMF4wDAYDVR0TAQH/BAIwADAOBgNVHQ8BAf8EBAMCB4AwHQYDVR0OBBYEFCuByfwJA2wqTqpVMowgBG25pw/MMB8GA1UdIwQYMBaAFLPIxFEIiEQAx28gIFp1PhhhFDjJMAoGCCqGSM49BAMCA0kAMEYCIQC+DcWttyDx8QgPGPDIZ23eM9DaX/tspWh1FLTPezKXQQIhAKVt81laLjoDVEVo+o+iOvN2WnV5UAeKCNbIG3UAnmnZ"}]})json";

inline const std::vector<trust::TrustEntry>& FixedTrustList() {
  static const std::vector<trust::TrustEntry> list = [] {
    auto parsed = trust::TrustListFromJson(kFixedTrustListJson);
    if (!parsed) std::abort();
    return *parsed;
  }();
  return list;
}

// FixedTrustList() parsed once, as the server verifies.
inline const trust::TrustStore& FixedTrustStore() {
  static const trust::TrustStore store(FixedTrustList(), "fuzz");
  return store;
}

// The public keys (DER SubjectPublicKeyInfo) of FixedTrustList(), same order.
inline const std::vector<trust::Bytes>& FixedSpkis() {
  static const std::vector<trust::Bytes> spkis = [] {
    std::vector<trust::Bytes> out;
    for (const auto& entry : FixedTrustList()) {
      auto info = trust::ParseCertificate(entry.certificate_der);
      if (!info) std::abort();
      out.push_back(info->public_key_spki_der);
    }
    return out;
  }();
  return spkis;
}

}  // namespace origine::fuzz
