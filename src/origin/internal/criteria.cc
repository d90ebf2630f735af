#include "origin/internal/criteria.h"

#include <algorithm>

#include "origin/internal/load_util.h"
#include "origin/internal/text.h"

namespace origine::origin::internal {

std::string Fcfa(int64_t v) { return MoneyFr(v) + " FCFA"; }
std::string Xof(int64_t v) { return MoneyEn(v) + " XOF"; }

void AddReason(std::vector<std::string>* reasons, const std::string& r) {
  if (std::find(reasons->begin(), reasons->end(), r) == reasons->end()) reasons->push_back(r);
}

namespace {

enum class Tri { kPass, kFail, kUnknown };

const std::string& CodeFor(const CriterionCodes& c, TermKind kind) {
  switch (kind) {
    case TermKind::kWhollyObtained:
      return c.wholly_obtained;
    case TermKind::kChangeOfChapter:
      return c.change_chapter;
    case TermKind::kChangeOfHeading:
      return c.change_heading;
    case TermKind::kChangeOfSubheading:
      return c.change_subheading;
    case TermKind::kValueAdded:
      return c.value_added;
    case TermKind::kMaxNonOriginating:
      return c.max_non_originating;
    case TermKind::kSpecificProcess:
      return c.specific_process;
  }
  return c.wholly_obtained;
}

Tri WhollyObtained(const Line& line, Text* t) {
  if (!line.facts.wholly_obtained) {
    t->Add("Produit non entièrement obtenu.", "Not a wholly obtained product.");
    AddReason(line.reasons, "not_wholly_obtained");
    return Tri::kFail;
  }
  if (!line.non_orig.empty()) {
    t->Add("Déclaré entièrement obtenu mais " + std::to_string(line.non_orig.size()) +
               " matière(s) non originaire(s) déclarée(s) : contradiction à vérifier.",
           "Declared wholly obtained but " + std::to_string(line.non_orig.size()) +
               " non-originating material(s) declared: contradiction to check.");
    AddReason(line.reasons, "wholly_obtained_conflict");
    return Tri::kUnknown;
  }
  t->Add("Produit entièrement obtenu dans le pays d'exportation.", "Product wholly obtained in the exporting country.");
  return Tri::kPass;
}

Tri ChangeOfClassification(const Line& line, const RuleTerm& term, const std::string& code, Text* t) {
  const size_t digits = term.kind == TermKind::kChangeOfChapter ? 2 : term.kind == TermKind::kChangeOfHeading ? 4 : 6;
  const char* level_fr = digits == 2 ? "chapitre" : digits == 4 ? "position" : "sous-position";
  const char* another_fr = digits == 2   ? "un autre chapitre"
                           : digits == 4 ? "une autre position"
                                         : "une autre sous-position";
  const char* level_en = digits == 2 ? "chapter" : digits == 4 ? "heading" : "subheading";
  const std::string product = DisplayHs(line.hs.substr(0, digits));
  if (line.hs.size() < digits) {
    t->Add("Code SH du produit trop court pour le critère " + code + ".",
           "Product HS code too short for criterion " + code + ".");
    AddReason(line.reasons, "invalid_hs_code");
    return Tri::kUnknown;
  }
  std::vector<size_t> failing;
  std::vector<size_t> unknown;
  for (size_t i = 0; i < line.non_orig.size(); ++i) {
    const std::string& m = line.non_orig_hs[i];
    if (m.size() < digits) {
      unknown.push_back(i);
      continue;
    }
    bool fails = m.compare(0, digits, line.hs, 0, digits) == 0;
    for (const std::string& ex : term.except) fails = fails || m.starts_with(ex);
    if (fails) failing.push_back(i);
  }
  const std::string head_fr = std::string("Changement de ") + level_fr + " (" + code + ", produit " + product + ") : ";
  const std::string head_en =
      std::string("Change of tariff ") + level_en + " (" + code + ", product " + product + "): ";
  if (line.non_orig.empty()) {
    t->Add(head_fr + "aucune matière non originaire, critère rempli.", head_en + "no non-originating material, met.");
    return Tri::kPass;
  }
  if (failing.empty() && unknown.empty()) {
    t->Add(head_fr + "toutes les matières non originaires (" + std::to_string(line.non_orig.size()) + ") relèvent d'" +
               another_fr + ", critère rempli.",
           head_en + "all non-originating materials (" + std::to_string(line.non_orig.size()) +
               ") are classified in another " + level_en + ", met.");
    return Tri::kPass;
  }
  if (failing.empty()) {
    const Material& m = *line.non_orig[unknown.front()];
    t->Add(head_fr + "le code SH de la matière « " + internal::Shown(m.hs_code) + " » n'a pas " +
               std::to_string(digits) + " chiffres, impossible de conclure.",
           head_en + "the HS code of material '" + internal::Shown(m.hs_code) + "' lacks " + std::to_string(digits) +
               " digits, cannot decide.");
    AddReason(line.reasons, "material_hs_missing");
    return Tri::kUnknown;
  }
  int64_t failing_cif = 0;
  std::string list_fr, list_en;
  for (size_t i : failing) {
    failing_cif += line.non_orig[i]->cif_xof;
    const std::string shown = DisplayHs(line.non_orig_hs[i]);
    list_fr += (list_fr.empty() ? "" : ", ") + shown + " (CAF " + Fcfa(line.non_orig[i]->cif_xof) + ")";
    list_en += (list_en.empty() ? "" : ", ") + shown + " (CIF " + Xof(line.non_orig[i]->cif_xof) + ")";
  }
  const std::string why_fr = head_fr + "matière(s) sans changement ou exclue(s) : " + list_fr + ".";
  const std::string why_en = head_en + "material(s) without a change or excluded: " + list_en + ".";
  // Tolerance: failing materials up to a share of the ex-works price.
  const Regime& r = line.regime;
  const int chapter = (line.hs[0] - '0') * 10 + (line.hs[1] - '0');
  const bool excluded = std::find(r.tolerance_excluded_chapters.begin(), r.tolerance_excluded_chapters.end(),
                                  chapter) != r.tolerance_excluded_chapters.end();
  if (r.tolerance_bp > 0 && line.facts.ex_works_xof > 0 && unknown.empty()) {
    const int64_t exw = line.facts.ex_works_xof;
    const std::string tol_fr = PercentFr(r.tolerance_bp), tol_en = PercentEn(r.tolerance_bp);
    if (excluded) {
      t->Add(why_fr + " Tolérance non applicable au chapitre " + std::to_string(chapter) + ".",
             why_en + " Tolerance does not apply to chapter " + std::to_string(chapter) + ".");
      AddReason(line.reasons, "no_change_of_classification");
      return Tri::kFail;
    }
    const bool within = static_cast<__int128>(failing_cif) * 10000 <= static_cast<__int128>(r.tolerance_bp) * exw;
    const int64_t share =
        within ? internal::FloorPercentHundredths(failing_cif, exw) : internal::CeilPercentHundredths(failing_cif, exw);
    const std::string cmp = within ? " ≤ " : " > ";
    t->Add(why_fr + " Tolérance : " + Fcfa(failing_cif) + " / " + Fcfa(exw) + " = " + PercentFr(share) + cmp + tol_fr +
               (within ? ", critère rempli grâce à la tolérance." : ", hors tolérance."),
           why_en + " Tolerance: " + Xof(failing_cif) + " / " + Xof(exw) + " = " + PercentEn(share) + cmp + tol_en +
               (within ? ", met thanks to the tolerance." : ", beyond the tolerance."));
    if (within) {
      AddReason(line.reasons, "tolerance_applied");
      return Tri::kPass;
    }
    AddReason(line.reasons, "no_change_of_classification");
    return Tri::kFail;
  }
  t->Add(why_fr, why_en);
  AddReason(line.reasons, "no_change_of_classification");
  return Tri::kFail;
}

Tri ValueShare(const Line& line, const RuleTerm& term, const std::string& code, Text* t) {
  const int64_t exw = line.facts.ex_works_xof;
  const bool va = term.kind == TermKind::kValueAdded;
  if (exw <= 0) {
    t->Add(std::string(va ? "Valeur ajoutée" : "Matières non originaires") + " (" + code +
               ") : prix départ usine manquant, impossible de calculer.",
           std::string(va ? "Value added" : "Non-originating materials") + " (" + code +
               "): ex-works price missing, cannot compute.");
    AddReason(line.reasons, "ex_works_missing");
    return Tri::kUnknown;
  }
  const std::string need_fr = PercentFr(term.threshold_bp), need_en = PercentEn(term.threshold_bp);
  if (va) {
    const int64_t added = exw - line.vnm;
    const bool met = static_cast<__int128>(added) * 10000 >= static_cast<__int128>(term.threshold_bp) * exw;
    // Floor keeps "29,99 % < 30,00 %" truthful for 29.999 %.
    const int64_t pct = internal::FloorPercentHundredths(added, exw);
    const std::string cmp = met ? " ≥ " : " < ";
    t->Add("Valeur ajoutée (" + code + ") : valeur ajoutée " + PercentFr(pct) + cmp + need_fr + " (prix départ usine " +
               Fcfa(exw) + " − matières non originaires CAF " + Fcfa(line.vnm) + " = " + Fcfa(added) + ", / " +
               Fcfa(exw) + ")" + (met ? ", critère rempli." : ", critère non rempli."),
           "Value added (" + code + "): value added " + PercentEn(pct) + cmp + need_en + " (ex-works price " +
               Xof(exw) + " − non-originating materials CIF " + Xof(line.vnm) + " = " + Xof(added) + ", / " + Xof(exw) +
               ")" + (met ? ", met." : ", not met."));
    if (!met) AddReason(line.reasons, "va_below_threshold");
    return met ? Tri::kPass : Tri::kFail;
  }
  const bool met = static_cast<__int128>(line.vnm) * 10000 <= static_cast<__int128>(term.threshold_bp) * exw;
  // Ceil keeps "60,01 % > 60,00 %" truthful for 60.001 %.
  const int64_t pct = internal::CeilPercentHundredths(line.vnm, exw);
  const std::string cmp = met ? " ≤ " : " > ";
  t->Add("Matières non originaires (" + code + ") : " + PercentFr(pct) + cmp + need_fr + " (CAF " + Fcfa(line.vnm) +
             " / prix départ usine " + Fcfa(exw) + ")" + (met ? ", critère rempli." : ", critère non rempli."),
         "Non-originating materials (" + code + "): " + PercentEn(pct) + cmp + need_en + " (CIF " + Xof(line.vnm) +
             " / ex-works price " + Xof(exw) + ")" + (met ? ", met." : ", not met."));
  if (!met) AddReason(line.reasons, "vnm_above_threshold");
  return met ? Tri::kPass : Tri::kFail;
}

Tri SpecificProcess(const Line& line, const RuleTerm& term, const std::string& code, Text* t) {
  const auto& p = line.facts.processes;
  if (std::find(p.begin(), p.end(), term.process) != p.end()) {
    t->Add("Opération spécifique (" + code + ") « " + term.process + " » effectuée, critère rempli.",
           "Specific process (" + code + ") '" + term.process + "' performed, met.");
    return Tri::kPass;
  }
  t->Add("Opération spécifique (" + code + ") « " + term.process + " » non déclarée, critère non rempli.",
         "Specific process (" + code + ") '" + term.process + "' not declared, not met.");
  AddReason(line.reasons, "process_not_performed");
  return Tri::kFail;
}

Tri EvaluateTerm(const Line& line, const RuleTerm& term, Text* t) {
  const std::string& code = CodeFor(line.regime.codes, term.kind);
  switch (term.kind) {
    case TermKind::kWhollyObtained:
      return WhollyObtained(line, t);
    case TermKind::kChangeOfChapter:
    case TermKind::kChangeOfHeading:
    case TermKind::kChangeOfSubheading:
      return ChangeOfClassification(line, term, code, t);
    case TermKind::kValueAdded:
    case TermKind::kMaxNonOriginating:
      return ValueShare(line, term, code, t);
    case TermKind::kSpecificProcess:
      return SpecificProcess(line, term, code, t);
  }
  return Tri::kUnknown;
}

// Returns the verdict's outcome for the criteria; sets criterion on success.
}  // namespace

// Reasons of alternatives that were not used are kept only if none passes.
LineVerdict::Outcome EvaluateRule(Line& line, const Rule& rule, LineVerdict* v, Text* text) {
  Text all;
  bool any_unknown = false;
  std::vector<std::string>* const verdict_reasons = line.reasons;
  std::vector<std::string> failed_reasons;
  for (const RuleAlternative& alt : rule.alternatives) {
    Text t;
    std::vector<std::string> alt_reasons;
    line.reasons = &alt_reasons;
    Tri result = Tri::kPass;
    for (const RuleTerm& term : alt.terms) {
      Tri r = EvaluateTerm(line, term, &t);
      if (r == Tri::kFail)
        result = Tri::kFail;
      else if (r == Tri::kUnknown && result == Tri::kPass)
        result = Tri::kUnknown;
      if (result == Tri::kFail) break;  // the rest of a failed conjunction does not matter
    }
    line.reasons = verdict_reasons;
    if (result == Tri::kPass) {
      for (const std::string& r : alt_reasons) AddReason(verdict_reasons, r);
      v->criterion = CodeFor(line.regime.codes, alt.terms.front().kind);
      text->Append(all);  // the alternatives tried first, then the one that holds
      text->Append(t);
      text->Add("Critère d'origine rempli : " + v->criterion + ".", "Origin criterion met: " + v->criterion + ".");
      return LineVerdict::kOriginating;
    }
    any_unknown = any_unknown || result == Tri::kUnknown;
    all.Append(t);
    failed_reasons.insert(failed_reasons.end(), alt_reasons.begin(), alt_reasons.end());
  }
  for (const std::string& r : failed_reasons) AddReason(verdict_reasons, r);
  text->Append(all);
  if (any_unknown) {
    text->Add("Données insuffisantes pour conclure : examen par un agent.",
              "Not enough data to decide: an agent must review.");
    return LineVerdict::kNeedsReview;
  }
  AddReason(line.reasons, "criteria_not_met");
  text->Add("Aucun critère d'origine n'est rempli.", "No origin criterion is met.");
  return LineVerdict::kNotOriginating;
}

}  // namespace origine::origin::internal
