// fuzz/replay_main.cc — the fuzzers' LLVMFuzzerTestOneInput compiled without
// libFuzzer (gcc, ASan+UBSan in the test build): every seed of
// fuzz/corpus/<name>/ is fed as is, then a fixed number of deterministic
// mutations of the seeds (fixed PRNG seed: the same inputs on every run).
// A crash is an ASan/UBSan report or an abort(); exit 0 otherwise.
//   fuzz_replay CORPUS_ROOT [MUTATIONS_PER_FUZZER]   (default 3000)
// The real coverage-guided runs are `make fuzz` (clang + libFuzzer).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int OrigineFuzz_base45(const uint8_t*, size_t);
extern "C" int OrigineFuzz_zlib(const uint8_t*, size_t);
extern "C" int OrigineFuzz_cbor_claims(const uint8_t*, size_t);
extern "C" int OrigineFuzz_cose(const uint8_t*, size_t);
extern "C" int OrigineFuzz_qr_verify(const uint8_t*, size_t);

namespace {

using Input = std::vector<uint8_t>;
using Entry = int (*)(const uint8_t*, size_t);

struct Fuzzer {
  const char* name;
  Entry entry;
  bool text;  // seeds are Base45 / QR text: also mutate within that alphabet
};

constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

Input Mutate(const std::vector<Input>& seeds, bool text, std::mt19937_64& rng) {
  auto pick = [&](size_t n) { return n == 0 ? size_t{0} : static_cast<size_t>(rng() % n); };
  Input in = seeds[pick(seeds.size())];
  const int rounds = 1 + static_cast<int>(pick(4));
  for (int r = 0; r < rounds; ++r) {
    switch (pick(text ? 8 : 7)) {
      case 0:  // flip a bit
        if (!in.empty()) in[pick(in.size())] ^= static_cast<uint8_t>(1u << pick(8));
        break;
      case 1:  // random byte
        if (!in.empty()) in[pick(in.size())] = static_cast<uint8_t>(rng());
        break;
      case 2:  // insert a byte
        in.insert(in.begin() + static_cast<long>(pick(in.size() + 1)), static_cast<uint8_t>(rng()));
        break;
      case 3:  // erase a range
        if (!in.empty()) {
          const size_t at = pick(in.size());
          const size_t len = 1 + pick(std::min<size_t>(16, in.size() - at));
          in.erase(in.begin() + static_cast<long>(at), in.begin() + static_cast<long>(at + len));
        }
        break;
      case 4:  // truncate
        in.resize(pick(in.size() + 1));
        break;
      case 5: {  // duplicate a range
        if (in.empty()) break;
        const size_t at = pick(in.size());
        const size_t len = 1 + pick(std::min<size_t>(32, in.size() - at));
        const Input chunk(in.begin() + static_cast<long>(at), in.begin() + static_cast<long>(at + len));
        in.insert(in.begin() + static_cast<long>(pick(in.size() + 1)), chunk.begin(), chunk.end());
        break;
      }
      case 6: {  // splice with another seed
        const Input& other = seeds[pick(seeds.size())];
        const size_t cut = pick(in.size() + 1);
        const size_t from = pick(other.size() + 1);
        in.resize(cut);
        in.insert(in.end(), other.begin() + static_cast<long>(from), other.end());
        break;
      }
      case 7:  // a character of the QR alphabet
        if (!in.empty()) in[pick(in.size())] = static_cast<uint8_t>(kAlphabet[pick(sizeof kAlphabet - 1)]);
        break;
    }
  }
  return in;
}

Input ReadAll(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  return Input(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_ROOT [MUTATIONS_PER_FUZZER]\n", argv[0]);
    return 2;
  }
  const std::filesystem::path root = argv[1];
  const long mutations = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 3000;
  const Fuzzer fuzzers[] = {
      {"base45", OrigineFuzz_base45, true},
      {"zlib", OrigineFuzz_zlib, false},
      {"cbor_claims", OrigineFuzz_cbor_claims, false},
      {"cose", OrigineFuzz_cose, false},
      {"qr_verify", OrigineFuzz_qr_verify, true},
  };
  for (const Fuzzer& fz : fuzzers) {
    const std::filesystem::path dir = root / fz.name;
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(dir))
      for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());  // directory order is not stable
    if (files.empty()) {
      std::fprintf(stderr, "%s: no seeds in %s\n", fz.name, dir.c_str());
      return 1;
    }
    std::vector<Input> seeds;
    for (const auto& f : files) {
      seeds.push_back(ReadAll(f));
      fz.entry(seeds.back().data(), seeds.back().size());
    }
    const Input empty;
    fz.entry(empty.data(), 0);
    std::mt19937_64 rng(0x0121'6e65'6967'694fULL);  // fixed: every run feeds the same inputs
    for (long i = 0; i < mutations; ++i) {
      const Input in = Mutate(seeds, fz.text, rng);
      fz.entry(in.data(), in.size());
    }
    std::printf("%-12s %zu seeds + %ld mutations: ok\n", fz.name, seeds.size(), mutations);
  }
  return 0;
}
