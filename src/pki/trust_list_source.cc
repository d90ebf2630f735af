#include "pki/trust_list_source.h"

#include "pki/pki_store.h"

namespace origine::pki {

Result<std::shared_ptr<const trust::TrustListSnapshot>> SnapshotOf(int64_t version, const std::string& document) {
  ASSIGN_OR_RETURN(trust::Bytes root, trust::EmbeddedTrustListRoot(document));
  ASSIGN_OR_RETURN(trust::VerifiedTrustList list, trust::VerifySignedTrustList(document, root));
  auto snap = std::make_shared<trust::TrustListSnapshot>();
  snap->version = version;
  snap->issued_at = list.document.issued_at;
  snap->json = document;
  snap->entries = std::move(list.document.entries);
  snap->root_der = std::move(root);
  return std::shared_ptr<const trust::TrustListSnapshot>(std::move(snap));
}

std::shared_ptr<const trust::TrustListSnapshot> DbTrustListSource::Current() {
  std::lock_guard<std::mutex> lock(mu_);
  auto refresh = [&]() -> Status {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(int64_t version, store::LatestVersion(*tx));
    if (current_ && current_->version == version) return {};
    if (version == 0) {
      current_ = std::make_shared<const trust::TrustListSnapshot>();
      return {};
    }
    ASSIGN_OR_RETURN(std::optional<std::string> document, store::FindDocument(*tx, version));
    if (!document) return Error::Internal("trust list version vanished");
    ASSIGN_OR_RETURN(current_, SnapshotOf(version, *document));
    return {};
  };
  if (Status st = refresh(); !st && !current_) current_ = std::make_shared<const trust::TrustListSnapshot>();
  return current_;
}

}  // namespace origine::pki
