#include "origin/psr.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "origin/internal/load_util.h"
#include "origin/internal/text.h"

namespace origine::origin {

using internal::Trim;

namespace {

constexpr size_t kMaxCsvBytes = 16u << 20;
constexpr size_t kMaxRows = 200000;

// RFC 4180 subset on one physical line: fields separated by ',', optionally in
// double quotes with "" for a quote. A quoted field may not span lines.
bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields, std::string* problem) {
  fields->clear();
  size_t i = 0;
  while (true) {
    std::string field;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field.push_back(line[i++]);
      }
      if (!closed) {
        *problem = "unterminated quoted field";
        return false;
      }
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i < line.size() && line[i] != ',') {
        *problem = "unexpected character after a quoted field";
        return false;
      }
    } else {
      size_t start = i;
      while (i < line.size() && line[i] != ',') ++i;
      field = std::string(Trim(line.substr(start, i - start)));
      if (field.find('"') != std::string::npos) {
        *problem = "a quote inside an unquoted field";
        return false;
      }
    }
    fields->push_back(std::move(field));
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

}  // namespace

const ProductRule* PsrTable::Find(std::string_view hs_digits) const {
  for (size_t len : {6u, 4u, 2u}) {
    if (hs_digits.size() < len) continue;
    auto it = by_hs.find(hs_digits.substr(0, len));
    if (it != by_hs.end()) return &it->second;
  }
  return nullptr;
}

Result<PsrTable> ParsePsrCsv(const std::string& name, std::string_view text) {
  internal::ErrorList errors(name);
  PsrTable table;
  table.source = name;
  if (text.size() > kMaxCsvBytes)
    return Error::Invalid("regime.file_too_large"_code, name + ": larger than 16 MiB")
        .With("file", name)
        .With("max", std::to_string(kMaxCsvBytes));

  int col_hs = -1, col_rule = -1, col_status = -1, col_description = -1, col_source = -1;
  bool have_header = false;
  std::vector<std::string> fields;
  int line_no = 0;
  size_t pos = 0, rows = 0;
  while (pos < text.size() && !errors.Full()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // UTF-8 BOM
    std::string_view trimmed = Trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    std::string problem;
    if (!SplitCsvLine(line, &fields, &problem)) {
      errors.Add(line_no, problem);
      continue;
    }
    if (!have_header) {
      have_header = true;
      for (size_t i = 0; i < fields.size(); ++i) {
        const std::string& h = fields[i];
        int* slot = h == "hs"            ? &col_hs
                    : h == "rule"        ? &col_rule
                    : h == "status"      ? &col_status
                    : h == "description" ? &col_description
                    : h == "source"      ? &col_source
                                         : nullptr;
        if (slot == nullptr) continue;  // extra columns of a full table are ignored
        if (*slot >= 0) errors.Add(line_no, "column '" + h + "' appears twice");
        *slot = static_cast<int>(i);
      }
      if (col_hs < 0 || col_rule < 0) {
        errors.Add(line_no, "the header must name the columns 'hs' and 'rule'");
        break;
      }
      continue;
    }
    if (++rows > kMaxRows) {
      errors.Add(line_no, "more than 200000 rules");
      break;
    }
    auto field = [&](int col) -> std::string {
      return col >= 0 && col < static_cast<int>(fields.size()) ? fields[col] : "";
    };
    ProductRule pr;
    pr.line = line_no;
    pr.description = field(col_description);
    pr.source = field(col_source);
    pr.status = field(col_status).empty() ? "agreed" : field(col_status);
    if (pr.status != "agreed" && pr.status != "guess" && pr.status != "pending") {
      errors.Add(line_no, "status '" + internal::Shown(pr.status) + "' is not one of agreed, guess, pending");
      continue;
    }
    std::optional<std::string> hs = internal::NormalizeHs(field(col_hs));
    if (!hs || hs->size() > 6) {
      errors.Add(line_no, "hs '" + internal::Shown(field(col_hs)) +
                              "' is not an HS chapter, heading or subheading (e.g. 08, 0801, 0801.31)");
      continue;
    }
    pr.hs = *hs;
    const std::string rule_text = field(col_rule);
    if (pr.status == "pending") {
      if (!Trim(rule_text).empty()) errors.Add(line_no, "a pending rule must have an empty 'rule'");
    } else {
      Result<Rule> rule = ParseRule(rule_text);
      if (!rule) {
        errors.Add(line_no, "rule: " + rule.error().message);
        continue;
      }
      pr.rule = std::move(*rule);
    }
    auto [it, inserted] = table.by_hs.try_emplace(pr.hs, pr);
    if (!inserted) {
      errors.Add(line_no,
                 "hs " + internal::DisplayHs(pr.hs) + " already has a rule at line " + std::to_string(it->second.line));
    }
  }
  if (!have_header && errors.empty()) errors.Add(1, "empty table: the header 'hs,rule,...' is missing");
  RETURN_IF_ERROR(errors.ToStatus());
  return table;
}

Result<PsrTable> ImportPsrCsv(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, internal::ReadSmallFile(path, kMaxCsvBytes));
  return ParsePsrCsv(path, text);
}

}  // namespace origine::origin
