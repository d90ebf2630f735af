#include "certificates/verification.h"

#include <boost/json.hpp>

#include "core/clock.h"

namespace origine::certificates {
namespace json = boost::json;

std::string_view ToString(Outcome outcome) {
  switch (outcome) {
    case Outcome::kValid:
      return "valid";
    case Outcome::kRevoked:
      return "revoked";
    case Outcome::kAmended:
      return "amended";
    case Outcome::kExpired:
      return "expired";
    case Outcome::kNotYetValid:
      return "not_yet_valid";
    case Outcome::kUnknownSigner:
      return "unknown_signer";
    case Outcome::kBadSignature:
      return "bad_signature";
    case Outcome::kMalformed:
      return "malformed";
    case Outcome::kNotFound:
      return "not_found";
    case Outcome::kDocumentMismatch:
      return "document_mismatch";
  }
  return "malformed";
}

Verification FromOffline(trust::VerifyOutcome outcome) {
  Verification v;
  switch (outcome.status) {
    case trust::VerifyStatus::kValid:
      v.status = Outcome::kValid;
      break;
    case trust::VerifyStatus::kMalformed:
      v.status = Outcome::kMalformed;
      break;
    case trust::VerifyStatus::kUnknownSigner:
      v.status = Outcome::kUnknownSigner;
      break;
    case trust::VerifyStatus::kBadSignature:
      v.status = Outcome::kBadSignature;
      break;
    case trust::VerifyStatus::kExpired:
      v.status = Outcome::kExpired;
      break;
    case trust::VerifyStatus::kNotYetValid:
      v.status = Outcome::kNotYetValid;
      break;
    case trust::VerifyStatus::kRevoked:
      v.status = Outcome::kRevoked;
      break;
  }
  v.reason = std::move(outcome.reason);
  v.claims = std::move(outcome.claims);
  if (outcome.signer_revocation)
    v.revocation = Revocation{outcome.signer_revocation->revoked_at, outcome.signer_revocation->reason, "signer"};
  return v;
}

std::string_view MessageFr(Outcome outcome) {
  switch (outcome) {
    case Outcome::kValid:
      return "Certificat valide : la signature de l'autorité émettrice est vérifiée.";
    case Outcome::kRevoked:
      return "Certificat révoqué : il n'a plus de valeur et ne doit pas être accepté.";
    case Outcome::kAmended:
      return "Certificat remplacé : un certificat rectifié (ou un duplicata) a été délivré à sa place.";
    case Outcome::kExpired:
      return "Certificat expiré : sa période de validité est dépassée.";
    case Outcome::kNotYetValid:
      return "Certificat pas encore valide : sa date d'émission est future.";
    case Outcome::kUnknownSigner:
      return "Signataire inconnu : la clé de signature ne figure pas dans la liste de confiance.";
    case Outcome::kBadSignature:
      return "Signature invalide : le contenu a été modifié ou falsifié.";
    case Outcome::kMalformed:
      return "Code illisible : ce texte n'est pas un code de certificat d'origine.";
    case Outcome::kNotFound:
      return "Aucun certificat ne porte ce numéro.";
    case Outcome::kDocumentMismatch:
      return "Document non conforme : le document enregistré ne correspond pas à l'empreinte signée dans le code.";
  }
  return "";
}

std::string_view MessageEn(Outcome outcome) {
  switch (outcome) {
    case Outcome::kValid:
      return "Valid certificate: the issuing authority's signature is verified.";
    case Outcome::kRevoked:
      return "Revoked certificate: it is no longer valid and must not be accepted.";
    case Outcome::kAmended:
      return "Replaced certificate: a corrected certificate (or a duplicate) was issued in its place.";
    case Outcome::kExpired:
      return "Expired certificate.";
    case Outcome::kNotYetValid:
      return "Certificate not yet valid.";
    case Outcome::kUnknownSigner:
      return "Unknown signer: the signing key is not in the trust list.";
    case Outcome::kBadSignature:
      return "Bad signature: the content was altered or forged.";
    case Outcome::kMalformed:
      return "Unreadable: this text is not a certificate-of-origin code.";
    case Outcome::kNotFound:
      return "No certificate has this number.";
    case Outcome::kDocumentMismatch:
      return "Document mismatch: the stored document does not match the hash signed in the code.";
  }
  return "";
}

json::object ClaimsToJson(const trust::Claims& c) {
  json::array goods;
  for (const auto& g : c.goods)
    goods.push_back(
        {{"hs_code", g.hs_code}, {"quantity", g.quantity}, {"unit", g.unit}, {"net_weight_kg", g.net_weight_kg}});
  return {{"number", c.number},
          {"regime", c.regime},
          {"issuer_country", c.issuer_country},
          {"exporter", {{"name", c.exporter_name}, {"nif", c.exporter_nif}}},
          {"consignee", {{"name", c.consignee_name}, {"country", c.consignee_country}}},
          {"origin_country", c.origin_country},
          {"destination_country", c.destination_country},
          {"issued_at", FormatUtc(c.issued_at)},
          {"expires_at", FormatUtc(c.expires_at)},
          {"invoice_reference", c.invoice_reference},
          {"goods", std::move(goods)}};
}

json::object VerificationToJson(const Verification& v) {
  json::object o;
  o["valid"] = v.status == Outcome::kValid;
  o["status"] = ToString(v.status);
  o["message_fr"] = MessageFr(v.status);
  o["message_en"] = MessageEn(v.status);
  o["reason"] = v.reason;
  if (v.claims) o["certificate"] = ClaimsToJson(*v.claims);
  if (v.revocation)
    o["revocation"] = {
        {"at", FormatUtc(v.revocation->at)}, {"reason", v.revocation->reason}, {"scope", v.revocation->scope}};
  if (v.successor) o["successor"] = {{"number", v.successor->number}, {"kind", v.successor->kind}};
  o["document"] = {{"checked", v.document_checked}, {"hash_matches", v.document_checked && v.document_hash_matches}};
  return o;
}

}  // namespace origine::certificates
