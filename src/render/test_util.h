// origine/render/test_util.h — helpers shared by the render tests only.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "core/file.h"
#include "testkit/testkit.h"

namespace origine::render::testing {

inline std::string Base45Text(size_t chars, unsigned seed = 42) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  std::mt19937 rng(seed);
  std::uniform_int_distribution<size_t> pick(0, sizeof(kAlphabet) - 2);
  std::string s = "CO1:";
  while (s.size() < chars) s += kAlphabet[pick(rng)];
  return s;
}

using TempDir = testkit::TempDir;

inline void WriteFile(const std::string& path, const std::string& bytes) {
  ASSERT_THAT(file::WriteFileAtomic(path, bytes, 0600), testkit::IsOk());
}

inline bool HaveTool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs a shell command and returns its standard output (nullopt-like "" + ok=false on failure).
inline bool RunCapture(const std::string& command, std::string* out) {
  struct PipeCloser {
    void operator()(FILE* f) const { ::pclose(f); }
  };
  FILE* raw = ::popen(command.c_str(), "r");
  if (raw == nullptr) return false;
  std::unique_ptr<FILE, PipeCloser> pipe(raw);
  char buf[4096];
  size_t n;
  out->clear();
  while ((n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0) out->append(buf, n);
  return ::pclose(pipe.release()) == 0;
}

}  // namespace origine::render::testing
