// zlib (RFC 1950) inflation with the rules of src/trust/deflate.cc: one complete
// stream, no trailing bytes, output at most `maxOutput` bytes. pako's low-level
// API gives the exact zlib semantics in every browser and in Node (the
// DecompressionStream of older Safari and Node 18 differ on trailing data).
import { ZStream, Z_BUF_ERROR, Z_FINISH, Z_OK, Z_STREAM_END, zlibInflate, zlibInflateEnd, zlibInflateInit } from 'pako';
import { FormatError } from './bytes';

export function zlibDecompress(data: Uint8Array, maxOutput: number): Uint8Array {
  const strm = new ZStream();
  if (zlibInflateInit(strm) !== Z_OK) throw new FormatError('zlib: inflateInit failed');
  try {
    strm.input = data;
    strm.next_in = 0;
    strm.avail_in = data.length;
    // One byte more than allowed, to tell "exactly the limit" from "over it".
    strm.output = new Uint8Array(maxOutput + 1);
    strm.next_out = 0;
    strm.avail_out = maxOutput + 1;
    const rc = zlibInflate(strm, Z_FINISH);
    if (strm.next_out > maxOutput) {
      throw new FormatError(`zlib: decompressed data exceeds the limit of ${maxOutput} bytes`);
    }
    if (rc !== Z_STREAM_END) {
      if ((rc === Z_BUF_ERROR || rc === Z_OK) && strm.avail_in === 0) throw new FormatError('zlib: stream is truncated');
      throw new FormatError(`zlib: corrupt stream${strm.msg ? ` (${strm.msg})` : ''}`);
    }
    if (strm.avail_in !== 0) throw new FormatError(`zlib: ${strm.avail_in} bytes follow the end of the stream`);
    return strm.output.slice(0, strm.next_out);
  } finally {
    zlibInflateEnd(strm);
  }
}
