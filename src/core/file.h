// origine/core/file.h — the one way Origine writes a file: atomically and
// durably (temporary in the same directory, fsync, rename, fsync directory),
// so a crash leaves the old file or the new one, never a torn one.
// Thread-safety: reentrant. Failure: kInternal naming the path and errno text
// (never the content), kNotFound for a missing file on read, kConflict when
// CreateFileAtomic finds the file there.
#pragma once

#include <string>

#include "core/result.h"

namespace origine::file {

// Creates `dir` (and parents) if needed and sets it to mode 0700.
Status EnsurePrivateDirectory(const std::string& dir);

// Writes `data` to `path` atomically: a new temporary in the same directory
// (O_CREAT|O_EXCL|O_NOFOLLOW, `mode`), write, fsync, rename, fsync directory.
Status WriteFileAtomic(const std::string& path, const std::string& data, unsigned mode);

// Like WriteFileAtomic, but never replaces an existing file: the complete
// content appears under `path` at once (temporary, fsync, link, fsync
// directory) or not at all. kConflict "file.exists" when `path` exists (of two
// racing creators one wins, the other gets kConflict and may read the winner's).
Status CreateFileAtomic(const std::string& path, const std::string& data, unsigned mode);

// Reads a whole file (at most max_bytes, else kInvalidArgument "file.too_large").
// Symbolic links are not followed. kNotFound when it does not exist.
Result<std::string> ReadFile(const std::string& path, size_t max_bytes = 1u << 20);

bool Exists(const std::string& path);

}  // namespace origine::file
