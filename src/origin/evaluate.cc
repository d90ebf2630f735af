// The rules engine: one goods line against one regime version. Plain C++, no
// I/O. Every decision on money is integer arithmetic (128-bit products), so
// 29.99 % and 30.00 % are told apart exactly; percentages in explanations are
// rounded towards the side that keeps the printed comparison truthful.
#include <algorithm>

#include "core/clock.h"
#include "origin/engine.h"
#include "origin/internal/criteria.h"
#include "origin/internal/load_util.h"
#include "origin/internal/text.h"

namespace origine::origin {

using internal::AddReason;
using internal::DisplayHs;
using internal::Fcfa;
using internal::Line;
using internal::Text;
using internal::Xof;

namespace {

constexpr int64_t kMaxAmount = 1'000'000'000'000'000;  // 10^15 XOF: anything above is a typing error

// Export bans of the exporting country; returns true when the verdict is final.
bool CheckBans(const RegimeSet& set, const std::string& exporter, const std::string& date, const std::string& hs,
               const GoodsLineFacts& facts, LineVerdict* v, Text* text, bool* possible_ban) {
  for (const ExportBan* ban : BansFor(set, exporter, hs, date)) {
    bool all_true = true, any_false = false;
    std::string missing;
    for (const BanCondition& c : ban->conditions) {
      auto it = facts.attributes.find(c.attribute);
      if (it == facts.attributes.end() || it->second.empty()) {
        all_true = false;
        missing += (missing.empty() ? "" : ", ") + c.attribute;
        continue;
      }
      bool holds = false;
      if (c.op == BanCondition::kEquals)
        holds = it->second == c.value;
      else if (c.op == BanCondition::kNotEquals)
        holds = it->second != c.value;
      else {
        const std::string& s = it->second;
        const bool numeric = !s.empty() && s.size() <= 9 &&
                             std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        if (!numeric) {
          all_true = false;
          missing += (missing.empty() ? "" : ", ") + c.attribute;
          continue;
        }
        holds = std::stoll(s) < std::stoll(c.value);
      }
      if (!holds) any_false = true;
      all_true = all_true && holds;
    }
    if (any_false) continue;
    if (all_true) {
      v->outcome = LineVerdict::kNotOriginating;
      AddReason(&v->reasons, "export_ban:" + ban->code);
      text->Add("Exportation interdite depuis " + exporter + " : " + ban->description_fr + " (SH " +
                    DisplayHs(ban->hs_prefix) + ", " + ban->code + "). Aucun certificat ne peut être délivré.",
                "Export banned from " + exporter + ": " + ban->description_en + " (HS " + DisplayHs(ban->hs_prefix) +
                    ", " + ban->code + "). No certificate can be issued.");
      return true;
    }
    *possible_ban = true;
    AddReason(&v->reasons, "export_ban_possible:" + ban->code);
    text->Add("Interdiction d'exportation possible : " + ban->description_fr + " (" + ban->code +
                  ") ; préciser : " + missing + ".",
              "Export ban may apply: " + ban->description_en + " (" + ban->code + "); declare: " + missing + ".");
  }
  return false;
}

// Approval (agrément) for forms that require it; may downgrade to review.
void CheckApproval(const Regime& regime, const Form& form, const std::string& date, const std::string& hs,
                   const GoodsLineFacts& facts, LineVerdict* v, Text* text) {
  if (!form.approval_required) return;
  auto review = [&](const std::string& reason, const std::string& fr, const std::string& en) {
    AddReason(&v->reasons, reason);
    text->Add(fr, en);
    if (v->outcome == LineVerdict::kOriginating) v->outcome = LineVerdict::kNeedsReview;
  };
  if (!facts.approval || facts.approval->number.empty()) {
    review("approval_missing", "Agrément requis pour le formulaire " + form.code + " : aucun numéro d'agrément fourni.",
           "Approval required for form " + form.code + ": no approval number given.");
    return;
  }
  const Approval& a = *facts.approval;
  const std::string number = internal::Shown(a.number);
  if (!a.regime.empty() && a.regime != regime.code) {
    review("approval_other_regime",
           "L'agrément " + number + " a été accordé pour le régime " + internal::Shown(a.regime) + ", pas " +
               regime.code + ".",
           "Approval " + number + " was granted under " + internal::Shown(a.regime) + ", not " + regime.code + ".");
    return;
  }
  if (!a.hs_code.empty()) {
    std::optional<std::string> approved = internal::NormalizeHs(a.hs_code);
    if (!approved || !hs.starts_with(*approved)) {
      review("approval_other_product",
             "L'agrément " + number + " couvre le produit SH " + internal::Shown(a.hs_code) + ", pas " + DisplayHs(hs) +
                 ".",
             "Approval " + number + " covers HS " + internal::Shown(a.hs_code) + ", not " + DisplayHs(hs) + ".");
      return;
    }
  }
  if (a.valid_from.empty() || date < a.valid_from) {
    review("approval_not_yet_valid",
           "L'agrément " + number + " n'est pas encore valide le " + date + " (début " + internal::Shown(a.valid_from) +
               ").",
           "Approval " + number + " is not yet valid on " + date + " (starts " + internal::Shown(a.valid_from) + ").");
    return;
  }
  if (!a.valid_to.empty() && date > a.valid_to) {
    review(
        "approval_expired",
        "L'agrément " + number + " a expiré le " + internal::Shown(a.valid_to) + " (date d'évaluation " + date + ").",
        "Approval " + number + " expired on " + internal::Shown(a.valid_to) + " (evaluation date " + date + ").");
    return;
  }
  text->Add("Agrément " + number + " valide le " + date + ".", "Approval " + number + " valid on " + date + ".");
}

}  // namespace

LineVerdict Evaluate(const RegimeSet& set, const std::string& regime_code, const std::string& exporting_country,
                     const std::string& destination_country, const std::string& date, const GoodsLineFacts& facts) {
  LineVerdict v;
  Text text;
  auto finish = [&](LineVerdict::Outcome outcome) {
    v.outcome = outcome;
    v.explanation_fr = std::move(text.fr);
    v.explanation_en = std::move(text.en);
    return v;
  };
  auto stop = [&](LineVerdict::Outcome outcome, const std::string& reason, const std::string& fr,
                  const std::string& en) {
    AddReason(&v.reasons, reason);
    text.Add(fr, en);
    return finish(outcome);
  };

  int64_t unused = 0;
  if (!ParseDate(date, &unused))
    return stop(LineVerdict::kNeedsReview, "invalid_date",
                "Date d'évaluation invalide : « " + internal::Shown(date) + " ».",
                "Invalid evaluation date: '" + internal::Shown(date) + "'.");
  const Regime* found = FindRegime(set, regime_code, date);
  if (found == nullptr)
    return stop(LineVerdict::kNeedsReview, "unknown_regime",
                "Aucune version du régime « " + internal::Shown(regime_code) + " » en vigueur le " + date + ".",
                "No version of regime '" + internal::Shown(regime_code) + "' in force on " + date + ".");
  const Regime& regime = *found;
  v.regime_version = regime.version;
  text.Add("Régime " + regime.code + " (version " + regime.version + ") au " + date + ".",
           "Regime " + regime.code + " (version " + regime.version + ") on " + date + ".");
  if (!regime.enabled)
    return stop(LineVerdict::kNotOriginating, "regime_not_enabled",
                "Ce régime n'est pas encore activé par l'autorité : aucune préférence ne peut être accordée.",
                "This regime is not yet enabled by the authority: no preference can be granted.");

  std::optional<std::string> hs = internal::NormalizeHs(facts.hs_code);
  if (!hs || hs->size() < 4)
    return stop(
        LineVerdict::kNeedsReview, "invalid_hs_code",
        "Code SH du produit invalide ou incomplet : « " + internal::Shown(facts.hs_code) + " » (4 chiffres au moins).",
        "Invalid or incomplete product HS code: '" + internal::Shown(facts.hs_code) + "' (at least 4 digits).");

  bool possible_ban = false;
  if (CheckBans(set, exporting_country, date, *hs, facts, &v, &text, &possible_ban)) return finish(v.outcome);

  // Who may use the regime on this date.
  if (!regime.open_membership) {
    for (int side = 0; side < 2; ++side) {
      const std::string& country = side == 0 ? exporting_country : destination_country;
      const char* role_fr = side == 0 ? "pays d'exportation" : "pays de destination";
      const char* role_en = side == 0 ? "exporting country" : "destination country";
      if (!HasTreatment(regime, country, date))
        return stop(LineVerdict::kNotOriginating, side == 0 ? "exporter_not_covered" : "destination_not_covered",
                    std::string("Le ") + role_fr + " " + internal::Shown(country) +
                        " n'est ni membre ni bénéficiaire du régime le " + date + ".",
                    std::string("The ") + role_en + " " + internal::Shown(country) +
                        " is neither a member nor granted the regime on " + date + ".");
      if (!IsMember(regime, country, date)) {
        AddReason(&v.reasons, "treatment_by_decision");
        text.Add(internal::Shown(country) + " n'est pas membre le " + date +
                     " mais bénéficie du traitement du régime par décision.",
                 internal::Shown(country) + " is not a member on " + date +
                     " but is granted the regime's treatment by decision.");
      }
    }
    if (exporting_country == destination_country)
      return stop(LineVerdict::kNeedsReview, "same_country", "Pays d'exportation et de destination identiques.",
                  "Exporting and destination countries are the same.");
  }

  if (facts.suspensive_regime && regime.suspensive_excluded)
    return stop(LineVerdict::kNotOriginating, "suspensive_regime",
                "Marchandise produite sous régime suspensif ou d'exonération : jamais originaire dans ce régime.",
                "Goods produced under a suspensive or exemption regime: never originating under this regime.");

  const Form* form = FormFor(regime, facts.product_kind);
  if (form == nullptr)
    return stop(
        LineVerdict::kNeedsReview, "no_form_for_product_kind",
        "Aucun formulaire de ce régime pour le type de produit « " + internal::Shown(facts.product_kind) + " ».",
        "No form of this regime for product kind '" + internal::Shown(facts.product_kind) + "'.");
  v.form = form->code;

  // Which rule: product-specific, then the form's, then the regime's default.
  const Rule* rule = nullptr;
  if (const ProductRule* pr = regime.product_rules.Find(*hs)) {
    if (pr->status == "pending")
      return stop(LineVerdict::kNeedsReview, "rule_pending",
                  "Règle spécifique par produit pour SH " + DisplayHs(pr->hs) + " encore en négociation.",
                  "Product-specific rule for HS " + DisplayHs(pr->hs) + " still under negotiation.");
    rule = &pr->rule;
    const bool guess = pr->status == "guess";
    if (guess) AddReason(&v.reasons, "rule_unconfirmed");
    text.Add(
        "Règle spécifique SH " + DisplayHs(pr->hs) + " : " + pr->rule.text + (guess ? " [règle non confirmée]." : "."),
        "Product-specific rule HS " + DisplayHs(pr->hs) + ": " + pr->rule.text +
            (guess ? " [unconfirmed rule]." : "."));
  } else if (form->rule) {
    rule = &*form->rule;
    text.Add("Règle du formulaire " + form->code + " : " + rule->text + ".",
             "Rule of form " + form->code + ": " + rule->text + ".");
  } else if (regime.default_rule) {
    rule = &*regime.default_rule;
    text.Add("Règle générale : " + rule->text + ".", "General rule: " + rule->text + ".");
  } else {
    return stop(LineVerdict::kNeedsReview, "no_rule", "Aucune règle d'origine pour SH " + DisplayHs(*hs) + ".",
                "No origin rule for HS " + DisplayHs(*hs) + ".");
  }

  // Amounts and cumulation.
  if (facts.ex_works_xof < 0 || facts.ex_works_xof > kMaxAmount)
    return stop(LineVerdict::kNeedsReview, "invalid_amounts", "Prix départ usine invalide.", "Invalid ex-works price.");
  Line line{regime, facts, exporting_country, date, *hs, {}, {}, 0, &v.reasons};
  for (const Material& m : facts.non_originating) {
    if (m.cif_xof < 0 || m.cif_xof > kMaxAmount)
      return stop(LineVerdict::kNeedsReview, "invalid_amounts", "Valeur CAF de matière invalide.",
                  "Invalid material CIF value.");
    const bool local = !m.origin_country.empty() && m.origin_country == exporting_country;
    const bool cumulated =
        !local && regime.cumulation && !m.origin_country.empty() && HasTreatment(regime, m.origin_country, date);
    if (local || cumulated) {
      AddReason(&v.reasons, local ? "local_material" : "cumulation_applied");
      const std::string shown = internal::Shown(m.hs_code);
      text.Add((local ? "Matière " + shown + " originaire du pays d'exportation "
                      : "Cumul : matière " + shown + " originaire de ") +
                   m.origin_country + (local ? "" : " (membre)") + ", CAF " + Fcfa(m.cif_xof) +
                   ", comptée comme originaire.",
               (local ? "Material " + shown + " originating in the exporting country "
                      : "Cumulation: material " + shown + " originating in ") +
                   m.origin_country + (local ? "" : " (member)") + ", CIF " + Xof(m.cif_xof) +
                   ", counted as originating.");
      continue;
    }
    line.non_orig.push_back(&m);
    line.non_orig_hs.push_back(internal::NormalizeHs(m.hs_code).value_or(""));
    line.vnm += m.cif_xof;
  }

  // Insufficient operations never confer origin, whatever the numbers say.
  if (!facts.wholly_obtained && !facts.processes.empty()) {
    const auto& ops = regime.insufficient_operations;
    const bool all_insufficient =
        std::all_of(facts.processes.begin(), facts.processes.end(),
                    [&](const std::string& p) { return std::find(ops.begin(), ops.end(), p) != ops.end(); });
    if (all_insufficient) {
      std::string list;
      for (const std::string& p : facts.processes) list += (list.empty() ? "" : ", ") + internal::Shown(p);
      return stop(LineVerdict::kNotOriginating, "insufficient_operations",
                  "Opérations insuffisantes (" + list + ") : elles ne confèrent jamais l'origine.",
                  "Insufficient operations (" + list + "): they never confer origin.");
    }
  }

  // A wholly obtained product originates whatever the product-specific rule
  // says (the rules describe sufficient working of non-originating materials).
  Rule with_wo;
  const bool has_wo = std::any_of(rule->alternatives.begin(), rule->alternatives.end(), [](const RuleAlternative& a) {
    return a.terms.size() == 1 && a.terms.front().kind == TermKind::kWhollyObtained;
  });
  if (facts.wholly_obtained && !has_wo) {
    with_wo = *rule;
    with_wo.alternatives.insert(with_wo.alternatives.begin(), RuleAlternative{{RuleTerm{}}});
    rule = &with_wo;
  }
  LineVerdict::Outcome outcome = internal::EvaluateRule(line, *rule, &v, &text);
  v.outcome = outcome;
  if (outcome == LineVerdict::kOriginating) {
    CheckApproval(regime, *form, date, *hs, facts, &v, &text);
    if (possible_ban && v.outcome == LineVerdict::kOriginating) v.outcome = LineVerdict::kNeedsReview;
    if (v.outcome == LineVerdict::kNeedsReview)
      text.Add("Examen par un agent requis avant délivrance.", "An agent must review before issue.");
  }
  return finish(v.outcome);
}

}  // namespace origine::origin
