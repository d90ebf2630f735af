#include "trust/trust_store.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "trust/keys.h"
#include "trust/ossl.h"

namespace origine::trust {

struct TrustStore::Keys {
  std::vector<ossl::Pkey> pkeys;  // parallel to sorted_; null when unusable
};

namespace {

std::atomic<uint64_t> g_next_id{1};

bool KidLess(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

// One DER INTEGER for a 32-byte big-endian scalar known to be non-zero:
// minimal length, with a 0x00 pad when the high bit is set. Returns its size.
size_t PutDerInteger(const uint8_t* v, uint8_t* out) {
  size_t skip = 0;
  while (skip < 31 && v[skip] == 0) ++skip;
  const bool pad = (v[skip] & 0x80) != 0;
  const size_t len = 32 - skip + (pad ? 1 : 0);
  out[0] = 0x02;
  out[1] = static_cast<uint8_t>(len);
  size_t o = 2;
  if (pad) out[o++] = 0;
  std::memcpy(out + o, v + skip, 32 - skip);
  return 2 + len;
}

// Per-thread prepared contexts for the most recently used store: an
// EVP_PKEY_CTX after EVP_PKEY_verify_init holds the provider's fetched
// algorithm, which is what OpenSSL 3.0 otherwise looks up on every call.
// Each context holds its own reference to the key, so a store may be
// destroyed while a thread still caches its contexts.
struct ThreadContexts {
  uint64_t store_id = 0;
  std::vector<ossl::PkeyCtx> ctxs;
};

// SHA-256 fetched once for the process (implicit fetches cost a lookup per call).
const EVP_MD* Sha256Md() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

}  // namespace

TrustStore::TrustStore(std::vector<TrustEntry> entries, std::string version)
    : entries_(std::move(entries)), version_(std::move(version)), id_(g_next_id++), keys_(std::make_unique<Keys>()) {
  std::vector<size_t> order(entries_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return KidLess(entries_[a].kid, entries_[b].kid); });
  sorted_.reserve(order.size());
  keys_->pkeys.reserve(order.size());
  for (size_t i : order) {
    Signer s;
    s.entry = entries_[i];
    ossl::Pkey key;
    if (auto info = ParseCertificate(s.entry.certificate_der)) {
      key = ossl::ParseSpki(info->public_key_spki_der);
      if (key && ossl::IsP256(key.get())) {
        s.usable = true;
        s.not_before = info->not_before;
        s.not_after = info->not_after;
      } else {
        key.reset();
      }
    }
    ERR_clear_error();
    sorted_.push_back(std::move(s));
    keys_->pkeys.push_back(std::move(key));
  }
}

TrustStore::~TrustStore() = default;

std::span<const TrustStore::Signer> TrustStore::Find(std::span<const uint8_t> kid) const {
  auto lo = std::lower_bound(sorted_.begin(), sorted_.end(), kid,
                             [](const Signer& s, std::span<const uint8_t> k) { return KidLess(s.entry.kid, k); });
  auto hi = lo;
  while (hi != sorted_.end() && std::equal(hi->entry.kid.begin(), hi->entry.kid.end(), kid.begin(), kid.end())) ++hi;
  return {sorted_.data() + (lo - sorted_.begin()), static_cast<size_t>(hi - lo)};
}

bool TrustStore::VerifyEs256(const Signer& s, std::span<const uint8_t> msg, std::span<const uint8_t> sig) const {
  if (&s < sorted_.data() || &s >= sorted_.data() + sorted_.size()) return false;  // not ours
  const size_t index = static_cast<size_t>(&s - sorted_.data());
  if (!s.usable || sig.size() != 64) return false;
  if (!ossl::P256ScalarInRange(sig.data()) || !ossl::P256ScalarInRange(sig.data() + 32)) return false;

  thread_local ThreadContexts cache;
  if (cache.store_id != id_) {
    cache.ctxs.clear();
    cache.ctxs.resize(sorted_.size());
    cache.store_id = id_;
  }
  ossl::PkeyCtx& ctx = cache.ctxs[index];
  if (!ctx) {
    ctx.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, keys_->pkeys[index].get(), nullptr));
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1) {
      ctx.reset();
      ERR_clear_error();
      return false;
    }
  }

  uint8_t digest[32];
  unsigned int digest_len = 0;
  const EVP_MD* md = Sha256Md();
  if (md == nullptr || EVP_Digest(msg.data(), msg.size(), digest, &digest_len, md, nullptr) != 1 || digest_len != 32) {
    ERR_clear_error();
    return false;
  }
  // ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, at most 72 bytes.
  uint8_t der[72];
  size_t len = PutDerInteger(sig.data(), der + 2);
  len += PutDerInteger(sig.data() + 32, der + 2 + len);
  der[0] = 0x30;
  der[1] = static_cast<uint8_t>(len);
  const bool ok = EVP_PKEY_verify(ctx.get(), der, len + 2, digest, sizeof digest) == 1;
  if (!ok) ERR_clear_error();
  return ok;
}

}  // namespace origine::trust
