#include "payments/classify.h"

#include <map>
#include <set>

namespace origine::payments {

const char* ClassLabel(const std::string& c) {
  if (c == "matched") return "Rapproché";
  if (c == "fee_variance") return "Écart de frais";
  if (c == "amount_mismatch") return "Écart de montant";
  if (c == "missing_ours") return "Absent chez nous";
  if (c == "missing_at_provider") return "Absent chez le prestataire";
  return "";
}

int64_t ExpectedFee(int64_t amount, int fee_bp) { return (amount * fee_bp + 5000) / 10000; }

std::vector<Classified> Classify(const std::vector<StatementLine>& lines, const std::vector<OurPayment>& ours,
                                 int fee_bp) {
  std::map<std::string, const OurPayment*> by_ref;
  for (const auto& p : ours) by_ref[p.reference] = &p;
  std::set<std::string> seen;
  std::vector<Classified> out;
  auto paid = [](const std::string& s) {
    return s == "succeeded" || s == "late_success" || s == "refund_pending" || s == "refunded";
  };
  for (const auto& l : lines) {
    Classified c;
    c.line = l;
    auto it = by_ref.find(l.reference);
    const OurPayment* p = it == by_ref.end() ? nullptr : it->second;
    if (l.reversal) {
      if (p && (p->state == "refunded" || p->state == "refund_pending")) {
        c.cls = "matched";
        c.detail = "Remboursement";
        c.intent_id = p->intent_id;
      } else {
        c.cls = "missing_ours";
        c.detail = "Remboursement sans remboursement enregistré chez nous";
      }
      out.push_back(std::move(c));
      continue;
    }
    if (!p || !paid(p->state)) {
      c.cls = "missing_ours";
      c.detail = p ? std::string("Paiement ") + p->state + " chez nous : succès tardif à examiner"
                   : "Référence inconnue chez nous";
      if (p) c.intent_id = p->intent_id;
      out.push_back(std::move(c));
      continue;
    }
    seen.insert(l.reference);
    c.intent_id = p->intent_id;
    c.expected_fee_xof = ExpectedFee(p->amount_xof, fee_bp);
    if (l.amount_xof != p->amount_xof) {
      c.cls = "amount_mismatch";
      c.detail =
          "Montant " + std::to_string(l.amount_xof) + " au relevé, " + std::to_string(p->amount_xof) + " chez nous";
    } else if (l.fee_xof != c.expected_fee_xof) {
      c.cls = "fee_variance";
      c.detail =
          "Frais " + std::to_string(l.fee_xof) + " au relevé, " + std::to_string(c.expected_fee_xof) + " attendus";
    } else {
      c.cls = "matched";
    }
    out.push_back(std::move(c));
  }
  for (const auto& p : ours) {
    if (!p.paid_in_period || seen.count(p.reference) || (p.state != "succeeded" && p.state != "late_success")) continue;
    Classified c;
    c.cls = "missing_at_provider";
    c.detail = "Payé chez nous, absent du relevé";
    c.intent_id = p.intent_id;
    c.line.reference = p.reference;
    c.line.amount_xof = p.amount_xof;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace origine::payments
