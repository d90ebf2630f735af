// origine/trust/file_util.h — small POSIX file helpers for the key store.
// Internal to the trust module. Thread-safety: reentrant.
#pragma once

#include <string>

#include "core/result.h"

namespace origine::trust::file {

// Creates `dir` (and parents) if needed and sets it to mode 0700.
Status EnsurePrivateDirectory(const std::string& dir);

// Writes `data` to `path` atomically: a new temporary in the same directory
// (O_CREAT|O_EXCL|O_NOFOLLOW, `mode`), write, fsync, rename, fsync directory.
Status WriteFileAtomic(const std::string& path, const std::string& data, unsigned mode);

// Reads a whole file (at most 1 MiB). kNotFound when it does not exist.
Result<std::string> ReadFile(const std::string& path);

bool Exists(const std::string& path);

}  // namespace origine::trust::file
