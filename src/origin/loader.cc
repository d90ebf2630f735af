// Regime and export-ban files: TOML parsed with toml++, validated strictly
// (unknown keys are errors, so a typo never silently disables a rule), every
// problem reported as "file:line: problem".
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

#include "core/clock.h"
#include "origin/engine.h"
#include "origin/internal/load_util.h"
#include "origin/internal/text.h"
#include "origin/internal/toml_reader.h"

namespace origine::origin {

using internal::ErrorList;
using internal::IsCode;
using internal::IsCountry;
using internal::IsLowerCode;
using internal::LineOf;
using internal::Shown;
using internal::TableReader;

const char* ServiceName(Service s) {
  switch (s) {
    case Service::kIssue:
      return "issue";
    case Service::kAmendment:
      return "amendment";
    case Service::kDuplicata:
      return "duplicata";
  }
  return "";
}

namespace {

constexpr size_t kMaxRegimeFileBytes = 1u << 20;

// Resolves product_rules_csv (relative to the regime file); null in LoadRegimeText.
using CsvResolver = std::function<Result<PsrTable>(const std::string& relative)>;

std::optional<DateRange> ReadRange(TableReader& r, std::string_view from_key, std::string_view to_key,
                                   const std::string& what) {
  std::optional<std::string> from = r.Date(from_key, true);
  std::optional<std::string> to = r.Date(to_key, false);
  if (!from) return std::nullopt;
  DateRange range{*from, to.value_or("")};
  if (to && *to < *from) {
    r.errors().Add(r.LineOfKey(to_key), what + " has an end date before its start date (" + *to + " < " + *from + ")");
    return std::nullopt;
  }
  return range;
}

bool Overlap(const DateRange& a, const DateRange& b) {
  const bool a_before_b = !a.to.empty() && a.to < b.from;
  const bool b_before_a = !b.to.empty() && b.to < a.from;
  return !a_before_b && !b_before_a;
}

void ReadCountryPeriods(TableReader& root, std::string_view key, const char* what, std::vector<CountryPeriod>* out) {
  for (const toml::table* t : root.Tables(key, false)) {
    TableReader r(*t, root.errors(), "[[" + std::string(key) + "]] ");
    std::optional<std::string> country = r.String("country", true);
    std::optional<std::string> note = r.String("note", false);
    if (country && !IsCountry(*country)) {
      r.errors().Add(r.LineOfKey("country"),
                     std::string(what) + " '" + Shown(*country) + "' is not an ISO 3166 alpha-2 code (e.g. ML)");
      country.reset();
    }
    std::optional<DateRange> range = ReadRange(r, "from", "to", std::string(what) + " '" + country.value_or("?") + "'");
    r.Finish();
    if (!country || !range) continue;
    for (const CountryPeriod& other : *out) {
      if (other.country == *country && Overlap(other.period, *range))
        r.errors().Add(r.line(), std::string(what) + " '" + *country + "' is listed twice for overlapping dates");
    }
    out->push_back({*country, *range, note.value_or("")});
  }
}

std::optional<Rule> ReadRule(TableReader& r, std::string_view key, bool required) {
  const toml::node* n = r.Node(key, required);
  if (n == nullptr) return std::nullopt;
  if (!n->is_string()) {
    r.errors().Add(LineOf(*n), "'" + std::string(key) + "' must be a string such as \"WO | CTH | VA>=30\"");
    return std::nullopt;
  }
  Result<Rule> rule = ParseRule(n->as_string()->get());
  if (!rule) {
    r.errors().Add(LineOf(*n), std::string(key) + ": " + rule.error().message);
    return std::nullopt;
  }
  return std::move(*rule);
}

void ReadForms(TableReader& root, Regime* regime) {
  std::map<std::string, std::string> kind_to_form;
  for (const toml::table* t : root.Tables("forms", true)) {
    TableReader r(*t, root.errors(), "[[forms]] ");
    Form form;
    form.code = r.String("code", true).value_or("");
    form.label_fr = r.String("label_fr", true).value_or("");
    form.label_en = r.String("label_en", true).value_or("");
    form.approval_required = r.Bool("approval_required", true).value_or(false);
    form.rule = ReadRule(r, "rule", false);
    for (auto& [kind, line] : r.Strings("product_kinds", true)) {
      if (kind != "industrial" && kind != "unprocessed" && kind != "handicraft") {
        r.errors().Add(line, "product kind '" + Shown(kind) + "' is not one of industrial, unprocessed, handicraft");
        continue;
      }
      auto [it, inserted] = kind_to_form.emplace(kind, form.code);
      if (!inserted) r.errors().Add(line, "product kind '" + kind + "' already has the form '" + it->second + "'");
      form.product_kinds.push_back(kind);
    }
    r.Finish();
    if (!form.code.empty() && !IsCode(form.code))
      r.errors().Add(r.LineOfKey("code"), "form code '" + Shown(form.code) + "' must use A-Z, 0-9, - and _");
    for (const Form& other : regime->forms)
      if (other.code == form.code) r.errors().Add(r.line(), "form '" + Shown(form.code) + "' is defined twice");
    regime->forms.push_back(std::move(form));
  }
}

void ReadFees(TableReader& root, Regime* regime) {
  for (const toml::table* t : root.Tables("fees", false)) {
    TableReader r(*t, root.errors(), "[[fees]] ");
    FeeItem fee;
    fee.code = r.String("code", true).value_or("");
    fee.label_fr = r.String("label_fr", true).value_or("");
    fee.label_en = r.String("label_en", true).value_or("");
    fee.form = r.String("form", false).value_or("");
    fee.amount_xof = r.Int("amount_xof", true, 0, 1'000'000'000).value_or(0);
    const std::string service = r.String("service", true).value_or("issue");
    if (service == "issue")
      fee.service = Service::kIssue;
    else if (service == "amendment")
      fee.service = Service::kAmendment;
    else if (service == "duplicata")
      fee.service = Service::kDuplicata;
    else
      r.errors().Add(r.LineOfKey("service"),
                     "service '" + Shown(service) + "' is not one of issue, amendment, duplicata");
    r.Finish();
    if (!fee.code.empty() && !IsCode(fee.code))
      r.errors().Add(r.LineOfKey("code"), "fee code '" + Shown(fee.code) + "' must use A-Z, 0-9, - and _");
    if (!fee.form.empty() &&
        std::none_of(regime->forms.begin(), regime->forms.end(), [&](const Form& f) { return f.code == fee.form; }))
      r.errors().Add(r.LineOfKey("form"),
                     "fee '" + fee.code + "' refers to the unknown form '" + Shown(fee.form) + "'");
    for (const FeeItem& other : regime->fees)
      if (other.code == fee.code) r.errors().Add(r.line(), "fee '" + Shown(fee.code) + "' is defined twice");
    regime->fees.push_back(std::move(fee));
  }
}

void ReadCriterionCodes(TableReader& origin, CriterionCodes* codes) {
  const toml::table* t = origin.Table("criterion_codes", false);
  if (t == nullptr) return;
  TableReader r(*t, origin.errors(), "[origin.criterion_codes] ");
  auto read = [&](std::string_view key, std::string* out) {
    if (std::optional<std::string> v = r.String(key, false)) {
      if (!IsCode(*v) || v->size() > 8)
        r.errors().Add(r.line(), "criterion code '" + Shown(*v) + "' must be 1-8 of A-Z 0-9");
      else
        *out = *v;
    }
  };
  read("wholly_obtained", &codes->wholly_obtained);
  read("change_chapter", &codes->change_chapter);
  read("change_heading", &codes->change_heading);
  read("change_subheading", &codes->change_subheading);
  read("value_added", &codes->value_added);
  read("max_non_originating", &codes->max_non_originating);
  read("specific_process", &codes->specific_process);
  r.Finish();
}

void ReadInlineProductRules(TableReader& origin, PsrTable* table) {
  for (const toml::table* t : origin.Tables("product_rules", false)) {
    TableReader r(*t, origin.errors(), "[[origin.product_rules]] ");
    ProductRule pr;
    pr.line = static_cast<int>(r.line());
    std::optional<std::string> hs_text = r.String("hs", true);
    pr.description = r.String("description", false).value_or("");
    pr.source = r.String("source", false).value_or("");
    pr.status = r.String("status", false).value_or("agreed");
    if (pr.status != "agreed" && pr.status != "guess" && pr.status != "pending")
      r.errors().Add(r.LineOfKey("status"), "status '" + Shown(pr.status) + "' is not one of agreed, guess, pending");
    std::optional<Rule> rule = ReadRule(r, "rule", pr.status != "pending");
    r.Finish();
    std::optional<std::string> hs = hs_text ? internal::NormalizeHs(*hs_text) : std::nullopt;
    if (hs_text && (!hs || hs->size() > 6)) {
      r.errors().Add(r.LineOfKey("hs"), "hs '" + Shown(*hs_text) + "' is not an HS chapter, heading or subheading");
      continue;
    }
    if (!hs) continue;
    pr.hs = *hs;
    if (rule) pr.rule = std::move(*rule);
    auto [it, inserted] = table->by_hs.try_emplace(pr.hs, pr);
    if (!inserted) r.errors().Add(r.line(), "hs " + internal::DisplayHs(pr.hs) + " already has a product rule");
  }
}

std::vector<int> ReadChapters(TableReader& r, std::string_view key) {
  std::vector<int> chapters;
  for (auto& [text, line] : r.Strings(key, false)) {
    // "50" or "50-63"
    size_t dash = text.find('-');
    auto parse = [](std::string_view s) -> int {
      if (s.empty() || s.size() > 2) return -1;
      int v = 0;
      for (char c : s) {
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
      }
      return v >= 1 && v <= 99 ? v : -1;
    };
    const int lo = parse(std::string_view(text).substr(0, dash));
    const int hi = dash == std::string::npos ? lo : parse(std::string_view(text).substr(dash + 1));
    if (lo < 0 || hi < 0 || hi < lo) {
      r.errors().Add(line, "'" + Shown(text) + "' is not an HS chapter or range of chapters (e.g. \"50-63\")");
      continue;
    }
    for (int c = lo; c <= hi; ++c) chapters.push_back(c);
  }
  return chapters;
}

void ReadOrigin(TableReader& root, const CsvResolver* resolver, Regime* regime) {
  const toml::table* t = root.Table("origin", true);
  if (t == nullptr) return;
  TableReader r(*t, root.errors(), "[origin] ");
  regime->default_rule = ReadRule(r, "default_rule", false);
  const std::string cumulation = r.String("cumulation", true).value_or("none");
  if (cumulation == "members")
    regime->cumulation = true;
  else if (cumulation != "none")
    r.errors().Add(r.LineOfKey("cumulation"), "cumulation '" + Shown(cumulation) + "' is not one of none, members");
  regime->suspensive_excluded = r.Bool("suspensive_regime_excluded", true).value_or(true);
  for (auto& [op, line] : r.Strings("insufficient_operations", false)) {
    if (!IsLowerCode(op))
      r.errors().Add(line, "operation '" + Shown(op) + "' must use a-z, 0-9 and _");
    else
      regime->insufficient_operations.push_back(op);
  }
  if (const toml::node* n = r.Node("tolerance_percent", false)) {
    std::string text = n->is_integer()  ? std::to_string(n->as_integer()->get())
                       : n->is_string() ? n->as_string()->get()
                                        : std::string("?");
    Result<int> bp = ParsePercentBp(text);
    if (!bp)
      r.errors().Add(LineOf(*n), "tolerance_percent: " + bp.error().message);
    else
      regime->tolerance_bp = *bp;
  }
  regime->tolerance_excluded_chapters = ReadChapters(r, "tolerance_excluded_chapters");
  ReadCriterionCodes(r, &regime->codes);
  ReadInlineProductRules(r, &regime->product_rules);
  if (const toml::node* n = r.Node("product_rules_csv", false)) {
    if (!n->is_string()) {
      r.errors().Add(LineOf(*n), "'product_rules_csv' must be a string (a path relative to this file)");
    } else if (resolver == nullptr) {
      r.errors().Add(LineOf(*n), "product_rules_csv is only resolved when loading a directory (LoadRegimes)");
    } else {
      Result<PsrTable> table = (*resolver)(n->as_string()->get());
      if (!table) {
        r.errors().Add(LineOf(*n), "product_rules_csv: " + table.error().message);
        if (table.error().fields.size() > 1) r.errors().Absorb(table.error());
      } else {
        regime->product_rules.source = table->source;
        for (auto& [hs, pr] : table->by_hs) {
          auto [it, inserted] = regime->product_rules.by_hs.try_emplace(hs, pr);
          if (!inserted)
            r.errors().Add(LineOf(*n), "hs " + internal::DisplayHs(hs) + " has a rule both inline (line " +
                                           std::to_string(it->second.line) + ") and in " + table->source);
        }
      }
    }
  }
  r.Finish();
  if (!regime->default_rule && regime->product_rules.empty() &&
      std::none_of(regime->forms.begin(), regime->forms.end(), [](const Form& f) { return f.rule.has_value(); }))
    r.errors().Add(r.line(), "no origin rule: set default_rule, a form rule or product rules");
}

void ReadRegime(TableReader& root, const std::string& name, const CsvResolver* resolver, RegimeSet* out) {
  Regime regime;
  regime.source_file = name;
  regime.code = root.String("code", true).value_or("");
  if (!regime.code.empty() && !IsCode(regime.code))
    root.errors().Add(root.LineOfKey("code"), "code '" + Shown(regime.code) + "' must use A-Z, 0-9, - and _");
  regime.version = root.String("version", true).value_or("");
  std::optional<DateRange> effective = ReadRange(root, "effective_from", "effective_to", "the regime");
  if (effective) regime.effective = *effective;
  regime.label_fr = root.String("label_fr", true).value_or("");
  regime.label_en = root.String("label_en", true).value_or("");
  regime.enabled = root.Bool("enabled", true).value_or(false);
  regime.preferential = root.Bool("preferential", false).value_or(true);
  regime.open_membership = root.Bool("open_membership", false).value_or(false);
  regime.one_product_per_certificate = root.Bool("one_product_per_certificate", false).value_or(false);
  root.Strings("sources", false);
  const std::optional<int64_t> months = root.Int("validity_months", false, 1, 120);
  const std::optional<int64_t> days = root.Int("validity_days", false, 1, 3650);
  if ((root.Node("validity_months", false) != nullptr) == (root.Node("validity_days", false) != nullptr))
    root.errors().Add(root.line(), "set exactly one of validity_months and validity_days");
  regime.validity_months = static_cast<int>(months.value_or(0));
  regime.validity_days = static_cast<int>(days.value_or(0));
  ReadCountryPeriods(root, "members", "member", &regime.members);
  ReadCountryPeriods(root, "treatment_by_decision", "country treated by decision", &regime.treatment_by_decision);
  for (const CountryPeriod& t : regime.treatment_by_decision)
    for (const CountryPeriod& m : regime.members)
      if (t.country == m.country && Overlap(t.period, m.period))
        root.errors().Add(root.line(),
                          "'" + t.country + "' is both a member and treated by decision on overlapping dates");
  if (!regime.open_membership && regime.members.empty())
    root.errors().Add(root.line(), "no [[members]] (set open_membership = true for a non-preferential regime)");
  ReadForms(root, &regime);
  ReadFees(root, &regime);
  ReadOrigin(root, resolver, &regime);
  out->regimes.push_back(std::move(regime));
}

void ReadBans(TableReader& root, RegimeSet* out) {
  root.String("version", true);
  root.Strings("sources", false);
  for (const toml::table* t : root.Tables("bans", true)) {
    TableReader r(*t, root.errors(), "[[bans]] ");
    ExportBan ban;
    ban.code = r.String("code", true).value_or("");
    ban.country = r.String("country", true).value_or("");
    const std::string hs = r.String("hs", true).value_or("");
    ban.description_fr = r.String("description_fr", true).value_or("");
    ban.description_en = r.String("description_en", true).value_or("");
    ban.source = r.String("source", false).value_or("");
    std::optional<DateRange> range = ReadRange(r, "from", "to", "ban '" + Shown(ban.code) + "'");
    if (range) ban.period = *range;
    for (const toml::table* ct : r.Tables("conditions", false)) {
      TableReader c(*ct, r.errors(), "condition ");
      BanCondition cond;
      cond.attribute = c.String("attribute", true).value_or("");
      std::optional<std::string> eq = c.String("equals", false);
      std::optional<std::string> ne = c.String("not_equals", false);
      std::optional<int64_t> lt = c.Int("less_than", false, 0, 1'000'000'000);
      if (eq.has_value() + ne.has_value() + lt.has_value() != 1)
        c.errors().Add(c.line(), "a condition needs exactly one of equals, not_equals, less_than");
      if (eq) cond = {cond.attribute, BanCondition::kEquals, *eq};
      if (ne) cond = {cond.attribute, BanCondition::kNotEquals, *ne};
      if (lt) cond = {cond.attribute, BanCondition::kLessThan, std::to_string(*lt)};
      if (!IsLowerCode(cond.attribute))
        c.errors().Add(c.LineOfKey("attribute"), "attribute '" + Shown(cond.attribute) + "' must use a-z, 0-9 and _");
      c.Finish();
      ban.conditions.push_back(std::move(cond));
    }
    r.Finish();
    if (!ban.code.empty() && !IsCode(ban.code))
      r.errors().Add(r.LineOfKey("code"), "ban code '" + Shown(ban.code) + "' must use A-Z, 0-9, - and _");
    if (!ban.country.empty() && !IsCountry(ban.country))
      r.errors().Add(r.LineOfKey("country"), "country '" + Shown(ban.country) + "' is not an ISO 3166 alpha-2 code");
    std::optional<std::string> digits = internal::NormalizeHs(hs);
    if (!digits)
      r.errors().Add(r.LineOfKey("hs"), "hs '" + Shown(hs) + "' is not an HS prefix (e.g. 0102 or 1207.21)");
    else
      ban.hs_prefix = *digits;
    for (const ExportBan& other : out->export_bans)
      if (other.code == ban.code) r.errors().Add(r.line(), "ban '" + Shown(ban.code) + "' is defined twice");
    out->export_bans.push_back(std::move(ban));
  }
}

// Parses one file into `out`; problems go to `errors`.
void ParseFile(const std::string& name, const std::string& text, const CsvResolver* resolver, RegimeSet* out,
               ErrorList& errors) {
  if (text.size() > kMaxRegimeFileBytes) {
    errors.Add(1, "larger than 1 MiB");
    return;
  }
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    errors.Add(static_cast<int64_t>(e.source().begin.line), "TOML syntax: " + std::string(e.description()));
    return;
  }
  TableReader r(root, errors, "");
  const std::string kind = r.String("kind", true).value_or("");
  if (kind == "regime") {
    ReadRegime(r, name, resolver, out);
  } else if (kind == "export_bans") {
    ReadBans(r, out);
  } else if (!kind.empty()) {
    errors.Add(r.LineOfKey("kind"), "kind '" + Shown(kind) + "' is not one of regime, export_bans");
    return;
  } else {
    return;
  }
  r.Finish();
}

Status CheckAcrossFiles(const RegimeSet& set) {
  for (size_t i = 0; i < set.regimes.size(); ++i)
    for (size_t j = 0; j < i; ++j) {
      const Regime& a = set.regimes[j];
      const Regime& b = set.regimes[i];
      if (a.code == b.code && a.effective.from == b.effective.from) {
        ErrorList e(b.source_file);
        e.Add(1, "regime " + b.code + " effective from " + b.effective.from + " is also defined in " + a.source_file);
        return e.ToStatus();
      }
    }
  for (size_t i = 0; i < set.export_bans.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (set.export_bans[i].code == set.export_bans[j].code)
        return Error::Invalid("regime.duplicate"_code,
                              "export ban '" + set.export_bans[i].code + "' is defined in two files")
            .With("code", set.export_bans[i].code);
  return Status::Ok();
}

}  // namespace

Result<RegimeSet> LoadRegimeText(const std::string& name, const std::string& text) {
  RegimeSet set;
  ErrorList errors(name);
  ParseFile(name, text, nullptr, &set, errors);
  RETURN_IF_ERROR(errors.ToStatus());
  return set;
}

Result<RegimeSet> LoadRegimes(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Error::NotFound("regime.dir_not_found"_code, dir + ": not a directory of regime files").With("dir", dir);
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".toml" && it->is_regular_file(ec)) files.push_back(it->path());
  if (ec) return Error::Unavailable("regime.unreadable"_code, dir + ": " + ec.message()).With("file", dir);
  std::sort(files.begin(), files.end());

  RegimeSet set;
  ErrorList all(dir);
  for (const fs::path& path : files) {
    const std::string name = path.generic_string();
    ErrorList errors(name);
    Result<std::string> text = internal::ReadSmallFile(name, kMaxRegimeFileBytes);
    if (!text) {
      errors.Add(1, text.error().message);
    } else {
      CsvResolver resolver = [&](const std::string& relative) {
        return ImportPsrCsv((path.parent_path() / relative).lexically_normal().generic_string());
      };
      ParseFile(name, *text, &resolver, &set, errors);
    }
    if (!errors.empty()) all.Absorb(errors.ToStatus().error());
  }
  RETURN_IF_ERROR(all.ToStatus());
  if (set.regimes.empty())
    return Error::NotFound("regime.none"_code, dir + ": no regime file (kind = \"regime\")").With("dir", dir);
  RETURN_IF_ERROR(CheckAcrossFiles(set));
  return set;
}

}  // namespace origine::origin
