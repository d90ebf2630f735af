#include "payments/reconcile.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <boost/json.hpp>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

#include "audit/audit.h"
#include "payments/crypto.h"
#include "payments/ledger.h"
#include "render/report_pdf.h"

namespace origine::payments {
namespace json = boost::json;

namespace {

bool MayRead(const Principal& p) { return p.role == Role::kAdmin || p.role == Role::kAuditor; }

Result<int64_t> ParseDay(const std::string& s) {
  std::tm tm{};
  const char* end = s.size() == 10 ? strptime(s.c_str(), "%Y-%m-%d", &tm) : nullptr;
  if (!end || *end) return Error::Invalid("date must be YYYY-MM-DD", {{"date", "must be a date YYYY-MM-DD"}});
  return static_cast<int64_t>(timegm(&tm));
}

const char* ClassLabel(const std::string& c) {
  if (c == "matched") return "Rapproché";
  if (c == "fee_variance") return "Écart de frais";
  if (c == "amount_mismatch") return "Écart de montant";
  if (c == "missing_ours") return "Absent chez nous";
  if (c == "missing_at_provider") return "Absent chez le prestataire";
  return "";
}

}  // namespace

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

Result<json::object> Reconciler::Import(const Principal& who, const std::string& provider, const std::string& date,
                                        const std::string& statement_in, const RequestMeta& meta) {
  if (who.role != Role::kAdmin) return Error::Denied("only an administrator imports provider statements");
  PaymentProvider* p = IsProviderName(provider) ? payments_.provider(provider) : nullptr;
  if (!p) return Error::Invalid("unknown or disabled provider", {{"provider", "must be an enabled provider"}});
  ASSIGN_OR_RETURN(int64_t day, ParseDay(date));
  std::string statement = statement_in;
  std::string source = "upload";
  if (statement.empty()) {
    ASSIGN_OR_RETURN(statement, p->FetchStatement(day, day + 86400));
    source = "api";
  }
  if (statement.size() > (8u << 20)) return Error::Invalid("the statement is larger than 8 MiB");
  ASSIGN_OR_RETURN(std::vector<StatementLine> lines, p->ParseStatement(statement));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  // Our side: every intent of this provider named by the statement, and
  // every one whose success was posted that day.
  ASSIGN_OR_RETURN(
      auto rows,
      tx->Query(
          "SELECT p.id, p.reference, p.state, p.amount_xof, "
          "EXISTS (SELECT 1 FROM ledger_entries e WHERE e.intent_id = p.id AND e.kind IN ('payment', 'late_payment') "
          "AND e.at >= ? AND e.at < ?) FROM payment_intents p WHERE p.provider = ? AND (p.state IN "
          "('succeeded', 'late_success', 'refund_pending', 'refunded') OR p.id IN (SELECT intent_id FROM "
          "ledger_entries WHERE intent_id IS NOT NULL))",
          {day, day + 86400, provider}));
  std::vector<OurPayment> ours;
  std::set<std::string> have;
  for (const auto& r : rows) {
    ours.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4) != 0});
    have.insert(r.Text(1));
  }
  for (const auto& l : lines) {
    if (have.count(l.reference) || l.reference.empty()) continue;
    ASSIGN_OR_RETURN(auto unpaid, tx->Query("SELECT id, reference, state, amount_xof FROM payment_intents WHERE "
                                            "provider = ? AND reference = ?",
                                            {provider, l.reference}));
    for (const auto& r : unpaid) ours.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3), false});
    have.insert(l.reference);
  }
  const int bp = options_.fee_bp.count(provider) ? options_.fee_bp.at(provider) : 0;
  std::vector<Classified> result = Classify(lines, ours, bp);
  auto ins = tx->Query(
      "INSERT INTO payment_statements (provider, imported_at, imported_by, source, sha256, raw) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {provider, now, who.user_id, source + ":" + date, Sha256Hex(statement),
       storage::Blob{std::vector<uint8_t>(statement.begin(), statement.end())}});
  if (!ins) {
    if (ins.error().kind == ErrorKind::kConflict) return Error::Conflict("this statement was imported already");
    return ins.error();
  }
  const int64_t id = (*ins)[0].Int(0);
  std::map<std::string, int64_t> counts;
  for (const auto& c : result) {
    ++counts[c.cls];
    RETURN_IF_ERROR(tx->Exec(
        "INSERT INTO payment_statement_lines (statement_id, line_no, provider_txn, reference, amount_xof, fee_xof, at, "
        "class, detail, intent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, static_cast<int64_t>(c.line.line_no), c.line.provider_txn, c.line.reference, c.line.amount_xof,
         c.line.fee_xof, c.line.at, c.cls, c.detail,
         c.intent_id ? storage::Value(c.intent_id) : storage::Value(nullptr)}));
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
                                {"payment.statement_import", "payment_statement", std::to_string(id),
                                 json::serialize(json::object{{"provider", provider},
                                                              {"date", date},
                                                              {"source", source},
                                                              {"lines", lines.size()},
                                                              {"classes", summary}})}));
  RETURN_IF_ERROR(tx->Commit());
  return Get(who, id);
}

Result<json::array> Reconciler::List(const Principal& who) {
  if (!MayRead(who)) return Error::Denied("only administrators and auditors read reconciliations");
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows,
                   tx->Query("SELECT s.id, s.provider, s.imported_at, s.source, "
                             "(SELECT COUNT(*) FROM payment_statement_lines l WHERE l.statement_id = s.id), "
                             "(SELECT COUNT(*) FROM payment_statement_lines l WHERE l.statement_id = s.id "
                             "AND l.class <> 'matched') FROM payment_statements s ORDER BY s.id DESC LIMIT 200"));
  json::array out;
  for (const auto& r : rows)
    out.push_back({{"id", r.Int(0)},
                   {"provider", r.Text(1)},
                   {"imported_at", FormatUtc(r.Int(2))},
                   {"source", r.Text(3)},
                   {"lines", r.Int(4)},
                   {"exceptions", r.Int(5)}});
  return out;
}

Result<json::object> Reconciler::Get(const Principal& who, int64_t id) {
  if (!MayRead(who)) return Error::Denied("only administrators and auditors read reconciliations");
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto s,
                   tx->Query("SELECT provider, imported_at, source FROM payment_statements WHERE id = ?", {id}));
  if (s.empty()) return Error::NotFound("no reconciliation " + std::to_string(id));
  ASSIGN_OR_RETURN(auto rows,
                   tx->Query("SELECT line_no, provider_txn, reference, amount_xof, fee_xof, at, class, detail "
                             "FROM payment_statement_lines WHERE statement_id = ? ORDER BY id",
                             {id}));
  json::array lines;
  json::object counts;
  for (const auto& r : rows) {
    lines.push_back({{"line", r.Int(0)},
                     {"provider_transaction", r.Text(1)},
                     {"reference", r.Text(2)},
                     {"amount_xof", r.Int(3)},
                     {"fee_xof", r.Int(4)},
                     {"at", r.Int(5) ? json::value(FormatUtc(r.Int(5))) : json::value(nullptr)},
                     {"class", r.Text(6)},
                     {"label_fr", ClassLabel(r.Text(6))},
                     {"detail", r.Text(7)}});
    auto& n = counts[r.Text(6)];
    n = (n.is_int64() ? n.as_int64() : 0) + 1;
  }
  return json::object{{"id", id},
                      {"provider", s[0].Text(0)},
                      {"imported_at", FormatUtc(s[0].Int(1))},
                      {"source", s[0].Text(2)},
                      {"counts", std::move(counts)},
                      {"lines", std::move(lines)}};
}

namespace {
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

std::string CsvField(const std::string& v) {
  std::string f = v;
  // Spreadsheet formula injection: a leading = + - @ is quoted with an apostrophe.
  if (!f.empty() && (f[0] == '=' || f[0] == '+' || f[0] == '@' ||
                     (f[0] == '-' && f.find_first_not_of("-0123456789") != std::string::npos)))
    f = "'" + f;
  if (f.find_first_of(",\"\n\r") == std::string::npos) return f;
  std::string out = "\"";
  for (char c : f) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
}  // namespace

Result<std::string> Reconciler::Csv(const Principal& who, int64_t id) {
  ASSIGN_OR_RETURN(json::object r, Get(who, id));
  std::string out;
  for (size_t i = 0; i < kLineHeader.size(); ++i) out += (i ? "," : "") + kLineHeader[i];
  out += "\r\n";
  for (const auto& l : r["lines"].as_array()) {
    auto cells = LineCells(l.as_object());
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvField(cells[i]);
    out += "\r\n";
  }
  return out;
}

Result<std::string> Reconciler::Xlsx(const Principal& who, int64_t id) {
  ASSIGN_OR_RETURN(json::object r, Get(who, id));
  Sheet s{"Rapprochement", kLineHeader, {}};
  for (const auto& l : r["lines"].as_array()) s.rows.push_back(LineCells(l.as_object()));
  return WriteXlsx({s});
}

Result<json::object> Reconciler::Treasury(const Principal& who, const std::string& date) {
  if (!MayRead(who)) return Error::Denied("only administrators and auditors read the Treasury report");
  ASSIGN_OR_RETURN(int64_t day, ParseDay(date));
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows,
                   tx->Query("SELECT p.provider, p.regime, e.kind, COUNT(*), SUM(l.amount_xof) FROM ledger_entries e "
                             "JOIN payment_intents p ON p.id = e.intent_id JOIN ledger_lines l ON l.entry_id = e.id "
                             "WHERE e.at >= ? AND e.at < ? AND l.account = 'ProviderClearing:' || p.provider "
                             "GROUP BY p.provider, p.regime, e.kind ORDER BY p.provider, p.regime, e.kind",
                             {day, day + 86400}));
  json::array items;
  int64_t total = 0;
  for (const auto& r : rows) {
    items.push_back({{"provider", r.Text(0)},
                     {"regime", r.Text(1)},
                     {"kind", r.Text(2)},
                     {"count", r.Int(3)},
                     {"amount_xof", r.Int(4)}});
    total += r.Int(4);
  }
  ASSIGN_OR_RETURN(auto bal, tx->Query("SELECT l.account, SUM(l.amount_xof) FROM ledger_lines l JOIN ledger_entries e "
                                       "ON e.id = l.entry_id WHERE e.at < ? GROUP BY l.account ORDER BY l.account",
                                       {day + 86400}));
  json::object balances;
  for (const auto& r : bal) balances[r.Text(0)] = r.Int(1);
  ASSIGN_OR_RETURN(auto review, tx->Query("SELECT COUNT(*) FROM payment_intents WHERE review IS NOT NULL AND state IN "
                                          "('late_success', 'succeeded', 'pending', 'unknown')"));
  return json::object{{"date", date},
                      {"items", std::move(items)},
                      {"net_clearing_movement_xof", total},
                      {"balances_end_of_day", std::move(balances)},
                      {"payments_to_review", review[0].Int(0)}};
}

namespace {
std::vector<std::vector<std::string>> TreasuryRows(const json::object& t) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : t.at("items").as_array()) {
    const auto& o = i.as_object();
    rows.push_back({std::string(o.at("provider").as_string()), std::string(o.at("regime").as_string()),
                    std::string(o.at("kind").as_string()), std::to_string(o.at("count").as_int64()),
                    std::to_string(o.at("amount_xof").as_int64())});
  }
  return rows;
}
std::vector<std::vector<std::string>> BalanceRows(const json::object& t) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& [k, v] : t.at("balances_end_of_day").as_object())
    rows.push_back({std::string(k), std::to_string(v.as_int64())});
  return rows;
}
}  // namespace

Result<std::string> Reconciler::TreasuryPdf(const Principal& who, const std::string& date) {
  ASSIGN_OR_RETURN(json::object t, Treasury(who, date));
  render::ReportView v;
  v.issuer_name = options_.issuer_name;
  v.title = "Rapport journalier du Trésor";
  v.number = date;
  v.created = "Établi le " + FormatUtc(clock_.NowUnix()) + " (UTC), depuis le grand livre";
  v.fields = {
      {"Journée (UTC)", date},
      {"Mouvement net des comptes prestataires", std::to_string(t["net_clearing_movement_xof"].as_int64()) + " FCFA"},
      {"Paiements à examiner", std::to_string(t["payments_to_review"].as_int64())}};
  v.tables.push_back({"Encaissements par prestataire et régime",
                      {"Prestataire", "Régime", "Écriture", "Nombre", "Montant (FCFA)"},
                      {false, false, false, true, true},
                      TreasuryRows(t)});
  v.tables.push_back({"Soldes en fin de journée", {"Compte", "Solde (FCFA, débit +)"}, {false, true}, BalanceRows(t)});
  v.note =
      "Montants en francs CFA (XOF), entiers. Écritures : payment = encaissement, late_payment = paiement "
      "tardif à rembourser, refund = remboursement, provider_fee = frais du prestataire.";
  return render::RenderReportPdf(v);
}

Result<std::string> Reconciler::TreasuryXlsx(const Principal& who, const std::string& date) {
  ASSIGN_OR_RETURN(json::object t, Treasury(who, date));
  return WriteXlsx({{"Encaissements", {"prestataire", "regime", "ecriture", "nombre", "montant_xof"}, TreasuryRows(t)},
                    {"Soldes", {"compte", "solde_xof"}, BalanceRows(t)}});
}

Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets) {
  char path[] = "/tmp/origine-xlsx-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return Error::Internal("cannot create a temporary file");
  ::close(fd);
  lxw_workbook* wb = workbook_new(path);
  if (!wb) {
    ::unlink(path);
    return Error::Internal("cannot create the workbook");
  }
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (const auto& s : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
    for (size_t c = 0; c < s.header.size(); ++c)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), s.header[c].c_str(), bold);
    for (size_t r = 0; r < s.rows.size(); ++r) {
      for (size_t c = 0; c < s.rows[r].size(); ++c) {
        const std::string& v = s.rows[r][c];
        const bool number = !v.empty() && v.size() < 16 &&
                            v.find_first_not_of("0123456789", v[0] == '-' ? 1 : 0) == std::string::npos && v != "-";
        if (number)
          worksheet_write_number(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), std::stod(v), nullptr);
        else
          worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), v.c_str(), nullptr);
      }
    }
  }
  lxw_error err = workbook_close(wb);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  ::unlink(path);
  if (err != LXW_NO_ERROR) return Error::Internal(std::string("XLSX output failed: ") + lxw_strerror(err));
  return bytes.str();
}

}  // namespace origine::payments
