#include "core/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

namespace origine::file {
namespace {

std::string Errno(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }

 private:
  int fd_;
};

}  // namespace

Status EnsurePrivateDirectory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::Internal("cannot create directory " + dir + ": " + ec.message());
  if (::chmod(dir.c_str(), 0700) != 0) return Error::Internal(Errno("cannot chmod", dir));
  return Status::Ok();
}

namespace {

// Writes `data` to a new temporary beside `path` (O_EXCL, `mode`) and fsyncs
// it; returns the temporary's name. The caller renames or links it into place.
Result<std::string> WriteTemporary(const std::string& path, const std::string& dir, const std::string& data,
                                   unsigned mode) {
  std::random_device rd;
  std::string tmp = dir + "/." + std::filesystem::path(path).filename().string() + ".tmp-" +
                    std::to_string(::getpid()) + "-" + std::to_string(rd());
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
  if (fd.get() < 0) return Error::Internal(Errno("cannot create", tmp));
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Error e = Error::Internal(Errno("cannot write", tmp));
      ::unlink(tmp.c_str());
      return e;
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd.get()) != 0 || ::close(fd.release()) != 0) {
    Error e = Error::Internal(Errno("cannot sync", tmp));
    ::unlink(tmp.c_str());
    return e;
  }
  return tmp;
}

std::string DirectoryOf(const std::string& path) {
  std::filesystem::path target(path);
  return target.parent_path().empty() ? "." : target.parent_path().string();
}

void SyncDirectory(const std::string& dir) {
  Fd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dfd.get() >= 0) ::fsync(dfd.get());
}

}  // namespace

Status WriteFileAtomic(const std::string& path, const std::string& data, unsigned mode) {
  const std::string dir = DirectoryOf(path);
  ASSIGN_OR_RETURN(std::string tmp, WriteTemporary(path, dir, data, mode));
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Status st = Error::Internal(Errno("cannot rename into", path));
    ::unlink(tmp.c_str());
    return st;
  }
  SyncDirectory(dir);
  return Status::Ok();
}

Status CreateFileAtomic(const std::string& path, const std::string& data, unsigned mode) {
  const std::string dir = DirectoryOf(path);
  ASSIGN_OR_RETURN(std::string tmp, WriteTemporary(path, dir, data, mode));
  // link() never replaces: of two racing creators exactly one succeeds.
  const int rc = ::link(tmp.c_str(), path.c_str());
  const int err = errno;
  ::unlink(tmp.c_str());
  if (rc != 0) {
    if (err == EEXIST) return Error::Conflict("file.exists"_code, "file already exists: " + path);
    errno = err;
    return Error::Internal(Errno("cannot create", path));
  }
  SyncDirectory(dir);
  return Status::Ok();
}

Result<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Error::NotFound("file.not_found"_code, "file not found: " + path);
    return Error::Internal(Errno("cannot open", path));
  }
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error::Internal(Errno("cannot read", path));
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > max_bytes) return Error::Invalid("file.too_large"_code, "file too large: " + path);
  }
  return out;
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

}  // namespace origine::file
