// origine/tlog/merkle.h — RFC 6962 / RFC 9162 Merkle tree hashing and proofs.
//
// Hashes: leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right),
// empty tree = SHA-256(""). Proofs are generated over a HashReader, which
// returns the hash of a *complete* aligned subtree, so one inclusion or
// consistency proof costs O(log n) reads (at most one right-edge subtree is
// not complete; it is folded from at most log n complete ones).
//
// Verifiers follow RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency)
// with the transparency-dev policy: every hash must be exactly 32 bytes;
// consistency needs 0 < size1 <= size2; size1 == size2 passes only with an
// empty proof and equal roots.
//
// Thread-safety: free functions are pure; a HashReader is used by one thread
// at a time unless its implementation says otherwise. MemoryTree is not
// synchronised. Failure: Error kInvalidArgument for bad arguments or a proof
// that does not verify; a HashReader's own errors are passed through.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"

namespace origine::tlog {

inline constexpr size_t kHashSize = 32;
using Hash = std::array<uint8_t, kHashSize>;

Hash Sha256(std::span<const uint8_t> data);
// RFC 6962 §2.1 leaf hash: SHA-256(0x00 ‖ leaf).
Hash LeafHash(std::span<const uint8_t> leaf);
// RFC 6962 §2.1 interior node: SHA-256(0x01 ‖ left ‖ right).
Hash NodeHash(const Hash& left, const Hash& right);
// MTH({}) = SHA-256("").
Hash EmptyRoot();
// MTH of a whole list of leaf hashes (O(n) time, O(log n) extra memory).
Hash RootFromLeaves(std::span<const Hash> leaf_hashes);
// Copies 32 bytes into a Hash; kInvalidArgument if the length differs.
Result<Hash> HashFromBytes(std::span<const uint8_t> bytes);

// Source of complete-subtree hashes. NodeAt(level, index) must return
// MTH(D[index·2^level : (index+1)·2^level]); level 0 is the leaf hashes.
// Callers only ask for subtrees that lie inside the tree they work on.
class HashReader {
 public:
  virtual ~HashReader() = default;
  virtual Result<Hash> NodeAt(int level, uint64_t index) = 0;
};

// MTH(D[0:size]) from O(log size) complete subtrees.
Result<Hash> RootAt(HashReader& reader, uint64_t size);
// RFC 9162 §2.1.3.1 PATH(index, D[0:size]); needs index < size.
Result<std::vector<Hash>> InclusionProof(HashReader& reader, uint64_t index, uint64_t size);
// RFC 9162 §2.1.4.1 PROOF(size1, D[0:size2]); needs 0 < size1 <= size2
// (size1 == size2 gives an empty proof).
Result<std::vector<Hash>> ConsistencyProof(HashReader& reader, uint64_t size1, uint64_t size2);

// Verifiers over untrusted bytes (lengths checked).
using HashBytes = std::span<const uint8_t>;
Status VerifyInclusion(HashBytes leaf_hash, uint64_t index, uint64_t size, std::span<const std::vector<uint8_t>> proof,
                       HashBytes root);
Status VerifyConsistency(uint64_t size1, uint64_t size2, std::span<const std::vector<uint8_t>> proof, HashBytes root1,
                         HashBytes root2);
// The same over typed hashes.
Status VerifyInclusion(const Hash& leaf_hash, uint64_t index, uint64_t size, std::span<const Hash> proof,
                       const Hash& root);
Status VerifyConsistency(uint64_t size1, uint64_t size2, std::span<const Hash> proof, const Hash& root1,
                         const Hash& root2);
// Recomputes the root from an inclusion proof (RFC 9162 §2.1.3.2 steps 1–4).
Result<Hash> RootFromInclusionProof(const Hash& leaf_hash, uint64_t index, uint64_t size, std::span<const Hash> proof);

// An in-memory tree that stores every complete subtree hash (about 2n hashes):
// for tests, benchmarks and clients that hold a whole (small) log.
class MemoryTree final : public HashReader {
 public:
  void Append(const Hash& leaf_hash);
  uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  Result<Hash> NodeAt(int level, uint64_t index) override;
  Hash Root() { return *RootAt(*this, size()); }
  // levels()[l][i] = NodeAt(l, i).
  const std::vector<std::vector<Hash>>& levels() const { return levels_; }

 private:
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace origine::tlog
