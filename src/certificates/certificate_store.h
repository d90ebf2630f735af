// origine/certificates/certificate_store.h — every SQL statement on the
// tables `certificate_sequences` and `certificates` (owned by this module,
// ADR 0058), as named constants behind typed functions. A certificate is read
// with the kind and predecessor of its application and the kind of its
// successor's application (tables of this module too).
//
// Every function runs in the caller's transaction; no authorisation here.
// Thread-safety: stateless; the Tx belongs to the caller's thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/paging.h"
#include "core/result.h"
#include "storage/db.h"

namespace origine::certificates {

struct CertificateRecord {
  std::string number, regime;
  int64_t application_id = 0, company_id = 0;
  int64_t issued_at = 0, expires_at = 0;
  std::string qr, document_sha256, kid;
  std::string document;  // the full document, canonical JSON text
  std::optional<int64_t> revoked_at;
  std::string revocation_reason;
  std::optional<std::string> successor;  // number of the certificate that replaced it
  std::string successor_kind;            // "amendment" | "duplicate" when replaced
  int64_t replaced_at = 0;
  std::string kind;                        // of its application: "issue", "amendment", "duplicate"
  std::optional<std::string> predecessor;  // the certificate it amends or duplicates
};

struct NewCertificate {
  std::string number;
  int64_t application_id = 0, company_id = 0;
  std::string regime;
  int64_t issued_at = 0, expires_at = 0;
  std::string document, document_sha256;
  std::vector<uint8_t> cose;
  std::string qr, kid;
  int64_t signed_by = 0;
  int64_t log_index = 0;
};

namespace certificate_store {

// The next value of the gapless counter of (issuer, regime, year), moved in
// the caller's transaction (a rollback gives the number back).
Result<int64_t> NextSerial(storage::Tx& tx, const std::string& issuer, const std::string& regime, int64_t year);
Status Insert(storage::Tx& tx, const NewCertificate& cert);
Result<std::optional<CertificateRecord>> Find(storage::Tx& tx, const std::string& number);
// At most `limit` certificates after `after` (issued_at, number), newest first;
// one company's when `company_id` is set.
Result<std::vector<CertificateRecord>> ListPage(storage::Tx& tx, std::optional<int64_t> company_id,
                                                const std::optional<PageKey>& after, int64_t limit);
// Every number, oldest first.
Result<std::vector<std::string>> AllNumbers(storage::Tx& tx);
// The signed COSE message of `number` (empty when there is no such certificate).
Result<std::vector<uint8_t>> Cose(storage::Tx& tx, const std::string& number);
// Marks `number` replaced by `successor` unless it already was; false then.
Result<bool> MarkReplaced(storage::Tx& tx, const std::string& number, const std::string& successor, int64_t at);
// Records the revocation of `number` unless it already was; false then.
Result<bool> Revoke(storage::Tx& tx, const std::string& number, int64_t at, int64_t by, const std::string& reason);

}  // namespace certificate_store
}  // namespace origine::certificates
