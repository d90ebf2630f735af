#include "tlog/merkle.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <set>

#include "testkit/vectors.h"
#include "tlog/test_util.h"

namespace origine::tlog {
namespace {

namespace fs = std::filesystem;
using testing::B64;
using testing::HexHash;

// Vectors we reject by policy (see testdata/REJECTED_VECTORS.md): expected to
// fail although upstream marks them valid.
const std::set<std::string> kRejectedByPolicy = {
    "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json",
};

std::vector<std::string> JsonFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

uint64_t U64(const boost::json::value& v) {
  return v.is_uint64() ? v.as_uint64() : static_cast<uint64_t>(v.as_int64());
}

std::vector<std::vector<uint8_t>> Proof(const boost::json::value& v) {
  std::vector<std::vector<uint8_t>> out;
  if (v.is_null()) return out;
  for (const auto& p : v.as_array()) out.push_back(B64(p));
  return out;
}

std::vector<Hash> ReferenceLeafHashes(const boost::json::value& ref) {
  std::vector<Hash> out;
  for (const auto& h : ref.at("leaf_hashes_hex").as_array()) out.push_back(HexHash(std::string(h.as_string())));
  return out;
}

TEST(Merkle, ReferenceTree) {
  TESTKIT_REQUIRE_VECTORS(vectors);
  const std::string dir = vectors.string();
  auto ref = testkit::ReadJsonFile(dir + "/derived/rfc6962_reference_tree.json");
  const auto& prim = ref.at("hash_primitives").as_array();
  EXPECT_EQ(EmptyRoot(), HexHash(std::string(prim[0].at("want_hex").as_string())));
  for (size_t i = 1; i < prim.size(); ++i) {
    const auto& p = prim[i].as_object();
    Hash want = HexHash(std::string(p.at("want_hex").as_string()));
    if (p.contains("leaf_hex")) {
      EXPECT_EQ(LeafHash(testing::FromHex(std::string(p.at("leaf_hex").as_string()))), want);
    } else {
      // Node hash of two 4-byte strings: only the 0x01 prefix is tested.
      auto l = testing::FromHex(std::string(p.at("left_hex").as_string()));
      auto r = testing::FromHex(std::string(p.at("right_hex").as_string()));
      std::vector<uint8_t> buf{0x01};
      buf.insert(buf.end(), l.begin(), l.end());
      buf.insert(buf.end(), r.begin(), r.end());
      EXPECT_EQ(Sha256(buf), want);
    }
  }
  std::vector<Hash> leaves;
  for (const auto& l : ref.at("leaves_hex").as_array())
    leaves.push_back(LeafHash(testing::FromHex(std::string(l.as_string()))));
  EXPECT_EQ(leaves, ReferenceLeafHashes(ref));
  MemoryTree tree;
  int checked = 0;
  for (const auto& r : ref.at("roots").as_array()) {
    const uint64_t size = r.at("tree_size").as_int64();
    Hash want = HexHash(std::string(r.at("root_hex").as_string()));
    while (tree.size() < size) tree.Append(leaves[tree.size()]);
    EXPECT_EQ(RootFromLeaves(std::span<const Hash>(leaves.data(), size)), want) << size;
    EXPECT_EQ(*RootAt(tree, size), want) << size;
    EXPECT_EQ(B64(r.at("root_b64")), std::vector<uint8_t>(want.begin(), want.end()));
    ++checked;
  }
  EXPECT_EQ(checked, 9);
}

TEST(Merkle, InclusionVectors) {
  TESTKIT_REQUIRE_VECTORS(vectors);
  const std::string dir = vectors.string();
  const std::string base = dir + "/transparency-dev-merkle/testdata/";
  auto ref = testkit::ReadJsonFile(dir + "/derived/rfc6962_reference_tree.json");
  auto ref_leaves = ReferenceLeafHashes(ref);
  MemoryTree tree;
  for (const Hash& h : ref_leaves) tree.Append(h);
  int valid = 0, invalid = 0, generated = 0;
  for (const std::string& path : JsonFiles(base + "inclusion")) {
    const std::string name = path.substr(base.size());
    auto v = testkit::ReadJsonFile(path).as_object();
    const bool want_err = v.at("wantErr").as_bool();
    const uint64_t index = U64(v.at("leafIdx"));
    const uint64_t size = U64(v.at("treeSize"));
    auto proof = Proof(v.at("proof"));
    auto leaf = B64(v.at("leafHash"));
    auto root = B64(v.at("root"));
    Status st = VerifyInclusion(leaf, index, size, proof, root);
    EXPECT_EQ(st.ok(), !want_err) << name << ": " << v.at("desc") << (st.ok() ? "" : " — " + st.error().message);
    (want_err ? invalid : valid)++;
    // Our generator reproduces the happy-path proofs of the reference tree.
    if (!want_err && size <= 8 && leaf.size() == 32 && index < size) {
      Hash lh = *HashFromBytes(leaf);
      if (lh == ref_leaves[index]) {
        auto ours = InclusionProof(tree, index, size);
        ASSERT_TRUE(ours.ok());
        ASSERT_EQ(ours->size(), proof.size()) << name;
        for (size_t i = 0; i < proof.size(); ++i)
          EXPECT_EQ(std::vector<uint8_t>((*ours)[i].begin(), (*ours)[i].end()), proof[i]) << name;
        ++generated;
      }
    }
  }
  EXPECT_EQ(valid + invalid, 98);
  EXPECT_GE(generated, 4);
  std::cout << "inclusion vectors: " << valid << " valid accepted, " << invalid << " invalid rejected, " << generated
            << " proofs regenerated\n";
}

TEST(Merkle, ConsistencyVectors) {
  TESTKIT_REQUIRE_VECTORS(vectors);
  const std::string dir = vectors.string();
  const std::string base = dir + "/transparency-dev-merkle/testdata/";
  auto ref = testkit::ReadJsonFile(dir + "/derived/rfc6962_reference_tree.json");
  MemoryTree tree;
  for (const Hash& h : ReferenceLeafHashes(ref)) tree.Append(h);
  int valid = 0, invalid = 0, rejected = 0, generated = 0;
  for (const std::string& path : JsonFiles(base + "consistency")) {
    const std::string name = path.substr(base.size());
    auto v = testkit::ReadJsonFile(path).as_object();
    bool want_err = v.at("wantErr").as_bool();
    if (kRejectedByPolicy.count(name)) {
      EXPECT_FALSE(want_err) << name << " is listed as rejected by policy but is invalid upstream";
      want_err = true;
      ++rejected;
    }
    const uint64_t size1 = U64(v.at("size1")), size2 = U64(v.at("size2"));
    auto proof = Proof(v.at("proof"));
    auto root1 = B64(v.at("root1")), root2 = B64(v.at("root2"));
    Status st = VerifyConsistency(size1, size2, proof, root1, root2);
    EXPECT_EQ(st.ok(), !want_err) << name << ": " << v.at("desc") << (st.ok() ? "" : " — " + st.error().message);
    (want_err ? invalid : valid)++;
    if (!want_err && size2 <= 8 && size1 > 0 && root2.size() == 32 && *HashFromBytes(root2) == *RootAt(tree, size2)) {
      auto ours = ConsistencyProof(tree, size1, size2);
      ASSERT_TRUE(ours.ok());
      ASSERT_EQ(ours->size(), proof.size()) << name;
      for (size_t i = 0; i < proof.size(); ++i)
        EXPECT_EQ(std::vector<uint8_t>((*ours)[i].begin(), (*ours)[i].end()), proof[i]) << name;
      ++generated;
    }
  }
  EXPECT_EQ(valid + invalid, 98);
  EXPECT_EQ(rejected, static_cast<int>(kRejectedByPolicy.size()));
  std::cout << "consistency vectors: " << valid << " valid accepted, " << invalid << " invalid rejected (" << rejected
            << " of them by policy), " << generated << " proofs regenerated\n";
}

TEST(Merkle, SubtreeVectorsAreNotInScope) {
  // subtreeinclusion/ and subtreeconsistency/ test an API for arbitrary
  // subtrees that tlog-tiles does not need; see testdata/REJECTED_VECTORS.md.
  SUCCEED();
}

Hash LeafN(uint64_t i) {
  uint8_t b[8];
  for (int k = 0; k < 8; ++k) b[k] = static_cast<uint8_t>(i >> (8 * k));
  return LeafHash(b);
}

TEST(Merkle, PropertyEveryProofVerifiesAndFlipsFail) {
  std::mt19937_64 rng(42);
  MemoryTree tree;
  std::vector<Hash> roots{EmptyRoot()};
  std::vector<Hash> leaves;
  for (uint64_t n = 1; n <= 300; ++n) {
    leaves.push_back(LeafN(n - 1));
    tree.Append(leaves.back());
    roots.push_back(tree.Root());
    ASSERT_EQ(roots[n], RootFromLeaves(leaves)) << n;
  }
  int inclusion = 0, consistency = 0;
  for (uint64_t n = 1; n <= 300; ++n) {
    const Hash& root = roots[n];
    for (uint64_t i = 0; i < n; ++i) {
      auto proof = InclusionProof(tree, i, n);
      ASSERT_TRUE(proof.ok());
      ASSERT_TRUE(VerifyInclusion(leaves[i], i, n, *proof, root).ok()) << i << "/" << n;
      ++inclusion;
      if (rng() % 8 != 0) continue;  // the mutations on a sample
      if (n > 1) {
        EXPECT_FALSE(VerifyInclusion(leaves[i], (i + 1) % n, n, *proof, root).ok());
      }
      Hash bad_root = root;
      bad_root[rng() % 32] ^= uint8_t(1u << (rng() % 8));
      EXPECT_FALSE(VerifyInclusion(leaves[i], i, n, *proof, bad_root).ok());
      Hash bad_leaf = leaves[i];
      bad_leaf[rng() % 32] ^= uint8_t(1u << (rng() % 8));
      EXPECT_FALSE(VerifyInclusion(bad_leaf, i, n, *proof, root).ok());
      if (!proof->empty()) {
        auto bad = *proof;
        bad[rng() % bad.size()][rng() % 32] ^= uint8_t(1u << (rng() % 8));
        EXPECT_FALSE(VerifyInclusion(leaves[i], i, n, bad, root).ok());
        auto shorter = *proof;
        shorter.pop_back();
        EXPECT_FALSE(VerifyInclusion(leaves[i], i, n, shorter, root).ok());
      }
      auto longer = *proof;
      longer.push_back(root);
      EXPECT_FALSE(VerifyInclusion(leaves[i], i, n, longer, root).ok());
    }
    for (uint64_t m = 1; m <= n; ++m) {
      if (m != 1 && m != n && rng() % 4 != 0) continue;
      auto proof = ConsistencyProof(tree, m, n);
      ASSERT_TRUE(proof.ok());
      ASSERT_TRUE(VerifyConsistency(m, n, *proof, roots[m], roots[n]).ok()) << m << "→" << n;
      ++consistency;
      if (m == n) {
        EXPECT_TRUE(proof->empty());
        continue;
      }
      Hash bad1 = roots[m];
      bad1[rng() % 32] ^= uint8_t(1u << (rng() % 8));
      EXPECT_FALSE(VerifyConsistency(m, n, *proof, bad1, roots[n]).ok());
      Hash bad2 = roots[n];
      bad2[rng() % 32] ^= uint8_t(1u << (rng() % 8));
      EXPECT_FALSE(VerifyConsistency(m, n, *proof, roots[m], bad2).ok());
      auto bad = *proof;
      bad[rng() % bad.size()][rng() % 32] ^= uint8_t(1u << (rng() % 8));
      EXPECT_FALSE(VerifyConsistency(m, n, bad, roots[m], roots[n]).ok());
      auto longer = *proof;
      longer.push_back(roots[n]);
      EXPECT_FALSE(VerifyConsistency(m, n, longer, roots[m], roots[n]).ok());
    }
  }
  std::cout << "property: " << inclusion << " inclusion and " << consistency << " consistency proofs verified\n";
}

TEST(Merkle, ArgumentErrors) {
  MemoryTree tree;
  for (int i = 0; i < 5; ++i) tree.Append(LeafN(i));
  EXPECT_EQ(InclusionProof(tree, 5, 5).error().kind, ErrorKind::kInvalidArgument);
  EXPECT_FALSE(ConsistencyProof(tree, 0, 5).ok());
  EXPECT_FALSE(ConsistencyProof(tree, 4, 3).ok());
  EXPECT_TRUE(ConsistencyProof(tree, 5, 5)->empty());
  std::vector<uint8_t> short_hash(31);
  std::vector<std::vector<uint8_t>> none;
  Hash r = tree.Root();
  EXPECT_FALSE(VerifyInclusion(short_hash, 0, 1, none, std::span<const uint8_t>(r)).ok());
}

}  // namespace
}  // namespace origine::tlog
