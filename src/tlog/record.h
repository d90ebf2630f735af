// origine/tlog/record.h — the log's leaf: a canonical CBOR record of one event.
//
//   { 1: event (text: "issue" | "amend" | "revoke" | "trust-list" | "audit-anchor"),
//     2: certificate id (text; for trust-list events the trust-list version;
//        for audit-anchor events "audit-<event id>"),
//     3: SHA-256 of the COSE_Sign1 message (or of the trust list; for
//        audit-anchor events the audit chain head hash) (bstr 32),
//     4: time (uint, Unix seconds) }
// Encoded deterministically (RFC 8949 §4.2.1: definite lengths, shortest
// heads, keys in ascending order). The leaf hash is LeafHash(encoding).
// Thread-safety: pure functions. Failure: kInvalidArgument.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "tlog/merkle.h"

namespace origine::tlog {

// kAuditAnchor anchors the audit trail's hash chain: its record names the
// newest audit event ("audit-<id>") and carries that event's chain hash.
enum class Event { kIssue, kAmend, kRevoke, kTrustList, kAuditAnchor };

// "issue", "amend", "revoke", "trust-list", "audit-anchor"
std::string_view EventName(Event event);
Result<Event> ParseEvent(std::string_view name);

inline constexpr size_t kMaxCertificateIdSize = 256;

struct LeafRecord {
  Event event = Event::kIssue;
  std::string certificate_id;  // non-empty UTF-8, at most 256 bytes
  Hash cose_sha256{};
  int64_t time = 0;  // Unix seconds, >= 0
  bool operator==(const LeafRecord&) const = default;
};

Result<std::vector<uint8_t>> EncodeLeafRecord(const LeafRecord& record);
// Strict: accepts exactly the canonical encoding EncodeLeafRecord produces.
Result<LeafRecord> DecodeLeafRecord(std::span<const uint8_t> data);

}  // namespace origine::tlog
