#include "tlog/record.h"

#include <cstring>

#include "core/utf8.h"

namespace origine::tlog {
namespace {

void Head(std::vector<uint8_t>& out, uint8_t major, uint64_t v) {
  const uint8_t m = static_cast<uint8_t>(major << 5);
  if (v < 24) {
    out.push_back(m | static_cast<uint8_t>(v));
  } else if (v <= 0xFF) {
    out.push_back(m | 24);
    out.push_back(static_cast<uint8_t>(v));
  } else if (v <= 0xFFFF) {
    out.push_back(m | 25);
    for (int s = 8; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
  } else if (v <= 0xFFFFFFFF) {
    out.push_back(m | 26);
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
  } else {
    out.push_back(m | 27);
    for (int s = 56; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
  }
}

void Text(std::vector<uint8_t>& out, std::string_view s) {
  Head(out, 3, s.size());
  out.insert(out.end(), s.begin(), s.end());
}

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> d) : d_(d) {}
  // Reads a head of `major`, requiring the shortest form.
  Result<uint64_t> ReadHead(uint8_t major) {
    if (pos_ >= d_.size()) return Error::Invalid("tlog.record"_code, "truncated leaf record");
    const uint8_t b = d_[pos_++];
    if ((b >> 5) != major) return Error::Invalid("tlog.record"_code, "unexpected CBOR type in leaf record");
    const uint8_t info = b & 31;
    if (info < 24) return uint64_t{info};
    if (info > 27) return Error::Invalid("tlog.record"_code, "indefinite or reserved CBOR length in leaf record");
    const size_t n = size_t{1} << (info - 24);
    if (d_.size() - pos_ < n) return Error::Invalid("tlog.record"_code, "truncated leaf record");
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v = (v << 8) | d_[pos_++];
    const uint64_t min = info == 24 ? 24 : info == 25 ? 0x100 : info == 26 ? 0x10000 : 0x100000000ULL;
    if (v < min) return Error::Invalid("tlog.record"_code, "non-canonical CBOR integer in leaf record");
    return v;
  }
  Result<std::span<const uint8_t>> ReadBytes(uint8_t major) {
    ASSIGN_OR_RETURN(uint64_t n, ReadHead(major));
    if (d_.size() - pos_ < n) return Error::Invalid("tlog.record"_code, "truncated leaf record");
    auto s = d_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  Status ExpectKey(uint64_t key) {
    ASSIGN_OR_RETURN(uint64_t k, ReadHead(0));
    if (k != key) return Error::Invalid("tlog.record"_code, "unexpected key in leaf record");
    return {};
  }
  bool done() const { return pos_ == d_.size(); }

 private:
  std::span<const uint8_t> d_;
  size_t pos_ = 0;
};

}  // namespace

std::string_view EventName(Event event) {
  switch (event) {
    case Event::kIssue:
      return "issue";
    case Event::kAmend:
      return "amend";
    case Event::kRevoke:
      return "revoke";
    case Event::kTrustList:
      return "trust-list";
    case Event::kAuditAnchor:
      return "audit-anchor";
  }
  return "unknown";
}

Result<Event> ParseEvent(std::string_view name) {
  for (Event e : {Event::kIssue, Event::kAmend, Event::kRevoke, Event::kTrustList, Event::kAuditAnchor})
    if (EventName(e) == name) return e;
  return Error::Invalid("tlog.event"_code, "unknown log event '" + std::string(name) + "'")
      .With("event", std::string(name));
}

Result<std::vector<uint8_t>> EncodeLeafRecord(const LeafRecord& r) {
  if (r.certificate_id.empty() || r.certificate_id.size() > kMaxCertificateIdSize || !utf8::IsValid(r.certificate_id))
    return Error::Invalid("tlog.record"_code, "log record certificate id must be 1..256 bytes of UTF-8");
  if (r.time < 0) return Error::Invalid("tlog.record"_code, "log record time must not be negative");
  if (EventName(r.event) == "unknown") return Error::Invalid("tlog.event"_code, "unknown log event");
  std::vector<uint8_t> out;
  out.reserve(64 + r.certificate_id.size());
  Head(out, 5, 4);  // map of 4 pairs
  Head(out, 0, 1);
  Text(out, EventName(r.event));
  Head(out, 0, 2);
  Text(out, r.certificate_id);
  Head(out, 0, 3);
  Head(out, 2, r.cose_sha256.size());
  out.insert(out.end(), r.cose_sha256.begin(), r.cose_sha256.end());
  Head(out, 0, 4);
  Head(out, 0, static_cast<uint64_t>(r.time));
  return out;
}

Result<LeafRecord> DecodeLeafRecord(std::span<const uint8_t> data) {
  Reader rd(data);
  ASSIGN_OR_RETURN(uint64_t pairs, rd.ReadHead(5));
  if (pairs != 4) return Error::Invalid("tlog.record"_code, "leaf record must be a map of 4 entries");
  LeafRecord r;
  RETURN_IF_ERROR(rd.ExpectKey(1));
  ASSIGN_OR_RETURN(auto ev, rd.ReadBytes(3));
  ASSIGN_OR_RETURN(r.event, ParseEvent(std::string_view(reinterpret_cast<const char*>(ev.data()), ev.size())));
  RETURN_IF_ERROR(rd.ExpectKey(2));
  ASSIGN_OR_RETURN(auto id, rd.ReadBytes(3));
  r.certificate_id.assign(reinterpret_cast<const char*>(id.data()), id.size());
  RETURN_IF_ERROR(rd.ExpectKey(3));
  ASSIGN_OR_RETURN(auto h, rd.ReadBytes(2));
  ASSIGN_OR_RETURN(r.cose_sha256, HashFromBytes(h));
  RETURN_IF_ERROR(rd.ExpectKey(4));
  ASSIGN_OR_RETURN(uint64_t t, rd.ReadHead(0));
  if (t > static_cast<uint64_t>(INT64_MAX)) return Error::Invalid("tlog.record"_code, "leaf record time out of range");
  r.time = static_cast<int64_t>(t);
  if (!rd.done()) return Error::Invalid("tlog.record"_code, "trailing bytes after leaf record");
  if (r.certificate_id.empty() || r.certificate_id.size() > kMaxCertificateIdSize || !utf8::IsValid(r.certificate_id))
    return Error::Invalid("tlog.record"_code, "log record certificate id must be 1..256 bytes of UTF-8");
  return r;
}

}  // namespace origine::tlog
