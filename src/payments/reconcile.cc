// Reconciliations: a provider statement imported (uploaded, or fetched from
// the provider's API), its lines classified against our payments, stored
// with the provider fees posted; read back as JSON, CSV or XLSX (reconcile.h).
#include "payments/reconcile.h"

#include <boost/json.hpp>
#include <set>

#include "audit/audit.h"
#include "core/csv.h"
#include "core/encoding.h"
#include "payments/ledger.h"
#include "payments/service_internal.h"
#include "payments/statement_store.h"

namespace origine::payments {
namespace json = boost::json;

namespace {

constexpr size_t kMaxStatementBytes = 8u << 20;

std::vector<std::string> LineCells(const json::object& l) {
  auto s = [&](const char* k) -> std::string {
    const auto& v = l.at(k);
    if (v.is_string()) return std::string(v.as_string());
    if (v.is_int64()) return std::to_string(v.as_int64());
    return "";
  };
  return {s("line"),      s("provider_transaction"),
          s("reference"), s("amount_xof"),
          s("fee_xof"),   s("at"),
          s("class"),     s("label_fr"),
          s("detail")};
}

const std::vector<std::string> kLineHeader = {"ligne", "transaction", "reference", "montant_xof", "frais_xof",
                                              "date",  "classe",      "libelle",   "detail"};

}  // namespace

Result<json::object> Reconciler::Import(const Principal& who, const std::string& provider, const std::string& date,
                                        const std::string& statement_in, const RequestMeta& meta) {
  PaymentProvider* p = IsProviderName(provider) ? payments_.provider(provider) : nullptr;
  if (!p)
    return Error::Invalid("statement.provider"_code, "unknown or disabled provider",
                          {{"provider", "statement.provider"_code, "must be an enabled provider"}});
  ASSIGN_OR_RETURN(int64_t day, internal::DayParam(date));
  std::string statement = statement_in;
  std::string source = "upload";
  if (statement.empty()) {
    ASSIGN_OR_RETURN(statement, p->FetchStatement(day, day + 86400));
    source = "api";
  }
  if (statement.size() > kMaxStatementBytes)
    return Error::Invalid("statement.too_large"_code, "the statement is larger than 8 MiB").With("max_mib", "8");
  ASSIGN_OR_RETURN(std::vector<StatementLine> lines, p->ParseStatement(statement));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  // Our side: every intent of this provider named by the statement, and
  // every one whose success was posted that day.
  ASSIGN_OR_RETURN(std::vector<OurPayment> ours, PaymentsForStatement(*tx, provider, day));
  std::set<std::string> have;
  for (const auto& o : ours) have.insert(o.reference);
  for (const auto& l : lines) {
    if (have.count(l.reference) || l.reference.empty()) continue;
    ASSIGN_OR_RETURN(std::vector<OurPayment> unpaid, PaymentsWithReference(*tx, provider, l.reference));
    ours.insert(ours.end(), unpaid.begin(), unpaid.end());
    have.insert(l.reference);
  }
  const int bp = options_.fee_bp.count(provider) ? options_.fee_bp.at(provider) : 0;
  std::vector<Classified> result = Classify(lines, ours, bp);
  auto id = InsertStatement(
      *tx, {provider, now, who.user_id, source + ":" + date, encoding::Sha256Hex(statement), statement});
  if (!id) {
    if (id.error().kind == ErrorKind::kConflict)
      return Error::Conflict("statement.duplicate"_code, "this statement was imported already");
    return id.error();
  }
  std::map<std::string, int64_t> counts;
  for (const auto& c : result) {
    ++counts[c.cls];
    RETURN_IF_ERROR(InsertStatementLine(*tx, *id, c));
    if ((c.cls == "matched" || c.cls == "fee_variance") && !c.line.reversal && c.line.fee_xof > 0 && c.intent_id) {
      auto posted = Post(*tx,
                         {"provider_fee",
                          c.intent_id,
                          "Frais " + provider + " " + c.line.provider_txn,
                          {{kFeeExpense, c.line.fee_xof}, {ClearingAccount(provider), -c.line.fee_xof}}},
                         now);
      if (!posted && posted.error().kind != ErrorKind::kConflict) return posted.error();
    }
  }
  json::object summary;
  for (const auto& [k, v] : counts) summary[k] = v;
  RETURN_IF_ERROR(audit::Record(*tx, who, meta, now,
                                {"payment.statement_import", "payment_statement", std::to_string(*id),
                                 json::serialize(json::object{{"provider", provider},
                                                              {"date", date},
                                                              {"source", source},
                                                              {"lines", lines.size()},
                                                              {"classes", summary}})}));
  RETURN_IF_ERROR(tx->Commit());
  return Get(who, *id);
}

Result<json::array> Reconciler::List(const Principal& who) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(std::vector<StatementRow> rows, ListStatements(*tx, 200));
  json::array out;
  for (const auto& r : rows)
    out.push_back({{"id", r.id},
                   {"provider", r.provider},
                   {"imported_at", FormatUtc(r.imported_at)},
                   {"source", r.source},
                   {"lines", r.lines},
                   {"exceptions", r.exceptions}});
  return out;
}

Result<json::object> Reconciler::Get(const Principal& who, int64_t id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(std::optional<StatementRow> s, FindStatement(*tx, id));
  if (!s)
    return Error::NotFound("reconciliation.not_found"_code, "no reconciliation " + std::to_string(id))
        .With("id", std::to_string(id));
  ASSIGN_OR_RETURN(std::vector<StatementLineRow> rows, StatementLines(*tx, id));
  json::array lines;
  json::object counts;
  for (const auto& r : rows) {
    lines.push_back({{"line", r.line_no},
                     {"provider_transaction", r.provider_txn},
                     {"reference", r.reference},
                     {"amount_xof", r.amount_xof},
                     {"fee_xof", r.fee_xof},
                     {"at", r.at ? json::value(FormatUtc(r.at)) : json::value(nullptr)},
                     {"class", r.cls},
                     {"label_fr", ClassLabel(r.cls)},
                     {"detail", r.detail}});
    auto& n = counts[r.cls];
    n = (n.is_int64() ? n.as_int64() : 0) + 1;
  }
  return json::object{{"id", id},
                      {"provider", s->provider},
                      {"imported_at", FormatUtc(s->imported_at)},
                      {"source", s->source},
                      {"counts", std::move(counts)},
                      {"lines", std::move(lines)}};
}

Result<std::string> Reconciler::Csv(const Principal& who, int64_t id) {
  ASSIGN_OR_RETURN(json::object r, Get(who, id));
  std::string out = csv::Line(kLineHeader);
  for (const auto& l : r["lines"].as_array()) out += csv::Line(LineCells(l.as_object()));
  return out;
}

Result<std::string> Reconciler::Xlsx(const Principal& who, int64_t id) {
  ASSIGN_OR_RETURN(json::object r, Get(who, id));
  Sheet s{"Rapprochement", kLineHeader, {}};
  for (const auto& l : r["lines"].as_array()) s.rows.push_back(LineCells(l.as_object()));
  return WriteXlsx({s});
}

}  // namespace origine::payments
