#include "tlog/merkle.h"

#include <openssl/evp.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

namespace origine::tlog {
namespace {

struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

// One fetched SHA-256 implementation for the process and one context per
// thread: EVP_Digest() would fetch the algorithm on every call.
const EVP_MD* Sha256Md() {
  static const EVP_MD* md = [] {
    const EVP_MD* m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (!m) throw std::runtime_error("OpenSSL has no SHA-256");
    return m;
  }();
  return md;
}

Hash Digest(std::span<const uint8_t> a, std::span<const uint8_t> b = {}, std::span<const uint8_t> c = {},
            std::span<const uint8_t> d = {}) {
  thread_local std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  Hash out;
  unsigned len = 0;
  if (!ctx || EVP_DigestInit_ex2(ctx.get(), Sha256Md(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), a.data(), a.size()) != 1 ||
      (!b.empty() && EVP_DigestUpdate(ctx.get(), b.data(), b.size()) != 1) ||
      (!c.empty() && EVP_DigestUpdate(ctx.get(), c.data(), c.size()) != 1) ||
      (!d.empty() && EVP_DigestUpdate(ctx.get(), d.data(), d.size()) != 1) ||
      EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1 || len != kHashSize)
    throw std::runtime_error("SHA-256 failed");
  return out;
}

constexpr uint8_t kLeafPrefix[1] = {0x00};
constexpr uint8_t kNodePrefix[1] = {0x01};

// Largest power of two strictly below n (n >= 2).
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

// MTH(D[begin:end]) for a subtree of the RFC recursion: begin is a multiple of
// a power of two >= end - begin. Reads the maximal complete subtrees from the
// left (descending sizes) and folds them from the right.
Result<Hash> SubtreeHash(HashReader& reader, uint64_t begin, uint64_t end) {
  if (end <= begin) return Error::Internal("empty subtree requested");
  Hash parts[64];
  int count = 0;
  uint64_t pos = begin;
  while (pos < end) {
    int level = static_cast<int>(std::bit_width(end - pos)) - 1;  // largest 2^level <= end - pos
    if (pos != 0) level = std::min(level, std::countr_zero(pos));
    ASSIGN_OR_RETURN(parts[count], reader.NodeAt(level, pos >> level));
    ++count;
    pos += uint64_t{1} << level;
  }
  Hash h = parts[count - 1];
  for (int i = count - 2; i >= 0; --i) h = NodeHash(parts[i], h);
  return h;
}

Status Path(HashReader& reader, uint64_t m, uint64_t a, uint64_t b, std::vector<Hash>& out) {
  if (b - a == 1) return {};
  const uint64_t k = SplitPoint(b - a);
  if (m < a + k) {
    RETURN_IF_ERROR(Path(reader, m, a, a + k, out));
    ASSIGN_OR_RETURN(Hash h, SubtreeHash(reader, a + k, b));
    out.push_back(h);
  } else {
    RETURN_IF_ERROR(Path(reader, m, a + k, b, out));
    ASSIGN_OR_RETURN(Hash h, SubtreeHash(reader, a, a + k));
    out.push_back(h);
  }
  return {};
}

// RFC 9162 SUBPROOF(m, D[a:b], complete), m relative to a.
Status SubProof(HashReader& reader, uint64_t m, uint64_t a, uint64_t b, bool complete, std::vector<Hash>& out) {
  const uint64_t n = b - a;
  if (m == n) {
    if (!complete) {
      ASSIGN_OR_RETURN(Hash h, SubtreeHash(reader, a, b));
      out.push_back(h);
    }
    return {};
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    RETURN_IF_ERROR(SubProof(reader, m, a, a + k, complete, out));
    ASSIGN_OR_RETURN(Hash h, SubtreeHash(reader, a + k, b));
    out.push_back(h);
  } else {
    RETURN_IF_ERROR(SubProof(reader, m - k, a + k, b, false, out));
    ASSIGN_OR_RETURN(Hash h, SubtreeHash(reader, a, a + k));
    out.push_back(h);
  }
  return {};
}

Result<std::vector<Hash>> ToHashes(std::span<const std::vector<uint8_t>> proof) {
  std::vector<Hash> out;
  out.reserve(proof.size());
  for (const auto& p : proof) {
    if (p.size() != kHashSize) return Error::Invalid("tlog.hash"_code, "proof hash is not 32 bytes");
    Hash h;
    std::memcpy(h.data(), p.data(), kHashSize);
    out.push_back(h);
  }
  return out;
}

}  // namespace

Hash Sha256(std::span<const uint8_t> data) { return Digest(data); }

Hash LeafHash(std::span<const uint8_t> leaf) { return Digest(kLeafPrefix, leaf); }

Hash NodeHash(const Hash& left, const Hash& right) { return Digest(kNodePrefix, left, right); }

Hash EmptyRoot() { return Digest({}); }

Result<Hash> HashFromBytes(std::span<const uint8_t> bytes) {
  if (bytes.size() != kHashSize) return Error::Invalid("tlog.hash"_code, "hash is not 32 bytes");
  Hash h;
  std::memcpy(h.data(), bytes.data(), kHashSize);
  return h;
}

Hash RootFromLeaves(std::span<const Hash> leaf_hashes) {
  if (leaf_hashes.empty()) return EmptyRoot();
  // A stack of complete subtrees (the compact range of [0, i)), then fold.
  std::vector<std::pair<int, Hash>> stack;
  for (const Hash& leaf : leaf_hashes) {
    std::pair<int, Hash> cur{0, leaf};
    while (!stack.empty() && stack.back().first == cur.first) {
      cur = {cur.first + 1, NodeHash(stack.back().second, cur.second)};
      stack.pop_back();
    }
    stack.push_back(cur);
  }
  Hash h = stack.back().second;
  for (size_t i = stack.size() - 1; i-- > 0;) h = NodeHash(stack[i].second, h);
  return h;
}

Result<Hash> RootAt(HashReader& reader, uint64_t size) {
  if (size == 0) return EmptyRoot();
  return SubtreeHash(reader, 0, size);
}

Result<std::vector<Hash>> InclusionProof(HashReader& reader, uint64_t index, uint64_t size) {
  if (index >= size)
    return Error::Invalid("tlog.proof_range"_code,
                          "leaf index " + std::to_string(index) + " is not below tree size " + std::to_string(size));
  std::vector<Hash> out;
  RETURN_IF_ERROR(Path(reader, index, 0, size, out));
  return out;
}

Result<std::vector<Hash>> ConsistencyProof(HashReader& reader, uint64_t size1, uint64_t size2) {
  if (size1 == 0 || size1 > size2)
    return Error::Invalid("tlog.proof_range"_code, "consistency proof needs 0 < size1 <= size2 (got " +
                                                       std::to_string(size1) + ", " + std::to_string(size2) + ")");
  std::vector<Hash> out;
  if (size1 == size2) return out;
  RETURN_IF_ERROR(SubProof(reader, size1, 0, size2, true, out));
  return out;
}

Result<Hash> RootFromInclusionProof(const Hash& leaf_hash, uint64_t index, uint64_t size, std::span<const Hash> proof) {
  if (index >= size) return Error::Invalid("tlog.proof_range"_code, "leaf index is not below tree size");
  uint64_t fn = index, sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return Error::Invalid("tlog.inclusion"_code, "inclusion proof is too long");
    if ((fn & 1) || fn == sn) {
      r = NodeHash(p, r);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Error::Invalid("tlog.inclusion"_code, "inclusion proof is too short");
  return r;
}

Status VerifyInclusion(const Hash& leaf_hash, uint64_t index, uint64_t size, std::span<const Hash> proof,
                       const Hash& root) {
  ASSIGN_OR_RETURN(Hash r, RootFromInclusionProof(leaf_hash, index, size, proof));
  if (r != root) return Error::Invalid("tlog.inclusion"_code, "inclusion proof does not match the root");
  return {};
}

Status VerifyConsistency(uint64_t size1, uint64_t size2, std::span<const Hash> proof, const Hash& root1,
                         const Hash& root2) {
  if (size1 == 0)
    return Error::Invalid("tlog.proof_range"_code, "consistency from an empty tree is not checked (size1 = 0)");
  if (size1 > size2) return Error::Invalid("tlog.proof_range"_code, "size1 is greater than size2");
  if (size1 == size2) {
    if (!proof.empty()) return Error::Invalid("tlog.consistency"_code, "proof must be empty for equal sizes");
    if (root1 != root2) return Error::Invalid("tlog.consistency"_code, "roots differ for equal sizes");
    return {};
  }
  if (proof.empty()) return Error::Invalid("tlog.consistency"_code, "empty consistency proof");
  // RFC 9162 §2.1.4.2.
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(size1)) path.push_back(root1);
  path.insert(path.end(), proof.begin(), proof.end());
  uint64_t fn = size1 - 1, sn = size2 - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return Error::Invalid("tlog.consistency"_code, "consistency proof is too long");
    if ((fn & 1) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Error::Invalid("tlog.consistency"_code, "consistency proof is too short");
  if (fr != root1) return Error::Invalid("tlog.consistency"_code, "consistency proof does not match the first root");
  if (sr != root2) return Error::Invalid("tlog.consistency"_code, "consistency proof does not match the second root");
  return {};
}

Status VerifyInclusion(HashBytes leaf_hash, uint64_t index, uint64_t size, std::span<const std::vector<uint8_t>> proof,
                       HashBytes root) {
  ASSIGN_OR_RETURN(Hash leaf, HashFromBytes(leaf_hash));
  ASSIGN_OR_RETURN(Hash r, HashFromBytes(root));
  ASSIGN_OR_RETURN(auto p, ToHashes(proof));
  return VerifyInclusion(leaf, index, size, p, r);
}

Status VerifyConsistency(uint64_t size1, uint64_t size2, std::span<const std::vector<uint8_t>> proof, HashBytes root1,
                         HashBytes root2) {
  ASSIGN_OR_RETURN(Hash r1, HashFromBytes(root1));
  ASSIGN_OR_RETURN(Hash r2, HashFromBytes(root2));
  ASSIGN_OR_RETURN(auto p, ToHashes(proof));
  return VerifyConsistency(size1, size2, p, r1, r2);
}

void MemoryTree::Append(const Hash& leaf_hash) {
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].push_back(leaf_hash);
  size_t level = 0;
  uint64_t index = levels_[0].size() - 1;
  while (index & 1) {
    const Hash parent = NodeHash(levels_[level][index - 1], levels_[level][index]);
    ++level;
    if (levels_.size() <= level) levels_.emplace_back();
    levels_[level].push_back(parent);
    index >>= 1;
  }
}

Result<Hash> MemoryTree::NodeAt(int level, uint64_t index) {
  if (level < 0 || static_cast<size_t>(level) >= levels_.size() || index >= levels_[level].size())
    return Error::NotFound("tlog.node_not_found"_code,
                           "no such node (" + std::to_string(level) + ", " + std::to_string(index) + ")");
  return levels_[level][index];
}

}  // namespace origine::tlog
