#include "trust/deflate.h"

#include <zlib.h>

#include <cstdlib>

namespace origine::trust {

Bytes ZlibCompress(std::span<const uint8_t> data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  Bytes out(size);
  int rc = compress2(out.data(), &size, data.data(), static_cast<uLong>(data.size()), 9);
  if (rc != Z_OK) std::abort();  // only Z_MEM_ERROR is possible: out of memory
  out.resize(size);
  return out;
}

namespace {
// One inflate state per thread, reset before each use.
struct Inflater {
  z_stream stream{};
  bool ready = false;
  Inflater() { ready = inflateInit(&stream) == Z_OK; }
  ~Inflater() {
    if (ready) inflateEnd(&stream);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
};
}  // namespace

Result<Bytes> ZlibDecompress(std::span<const uint8_t> data, size_t max_output) {
  if (data.size() > (1u << 30)) return Error::Invalid("qr.zlib"_code, "zlib: input is too large");
  thread_local Inflater inflater;
  if (!inflater.ready || inflateReset(&inflater.stream) != Z_OK)
    return Error::Internal("zlib: cannot initialise the inflate state");
  z_stream& stream = inflater.stream;

  stream.next_in = const_cast<Bytef*>(data.data());
  stream.avail_in = static_cast<uInt>(data.size());
  Bytes out;
  uint8_t chunk[4096];
  for (;;) {
    stream.next_out = chunk;
    stream.avail_out = sizeof chunk;
    int rc = inflate(&stream, Z_NO_FLUSH);
    size_t produced = sizeof chunk - stream.avail_out;
    if (out.size() + produced > max_output) {
      return Error::Invalid("qr.zlib"_code,
                            "zlib: decompressed data exceeds the limit of " + std::to_string(max_output) + " bytes");
    }
    out.insert(out.end(), chunk, chunk + produced);
    if (rc == Z_STREAM_END) break;
    if (rc == Z_OK) continue;
    if (rc == Z_BUF_ERROR && stream.avail_in == 0) {
      return Error::Invalid("qr.zlib"_code, "zlib: stream is truncated");
    }
    return Error::Invalid(
        "qr.zlib"_code, std::string("zlib: corrupt stream") + (stream.msg ? std::string(" (") + stream.msg + ")" : ""));
  }
  if (stream.avail_in != 0) {
    return Error::Invalid("qr.zlib"_code,
                          "zlib: " + std::to_string(stream.avail_in) + " bytes follow the end of the stream");
  }
  return out;
}

}  // namespace origine::trust
