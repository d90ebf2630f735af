// origine/origin/psr.h — AfCFTA product-specific rules (Annex 2, Appendix IV)
// as a table keyed by HS chapter, heading or subheading. Format:
// data/afcfta/README.md. The most specific entry wins (subheading, then
// heading, then chapter).
//
//   Result<PsrTable> t = ImportPsrCsv("data/afcfta/psr-mali-sample.csv");
//   if (!t) log(t.error().message);   // "data/afcfta/psr-mali-sample.csv:7: ..."
//   const ProductRule* r = t->Find("080131");
//
// Ownership: PsrTable is a plain value. Find returns a pointer into the table,
// valid while the table lives. Thread-safety: const use from many threads is safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "origin/rule.h"

namespace origine::origin {

struct ProductRule {
  std::string hs;           // digits: 2 (chapter), 4 (heading) or 6 (subheading)
  Rule rule;                // empty alternatives when status is "pending"
  std::string status;       // "agreed" | "guess" ([GUESS], unconfirmed) | "pending" (not yet agreed)
  std::string description;  // product description, free text
  std::string source;       // where the rule was transcribed from
  int line = 0;             // line in the source file, for messages
};

struct PsrTable {
  std::string source;  // file name the table came from
  std::map<std::string, ProductRule, std::less<>> by_hs;

  // Most specific rule for an HS code given as digits ("08013100"), or null.
  const ProductRule* Find(std::string_view hs_digits) const;
  bool empty() const { return by_hs.empty(); }
};

// Reads and parses a CSV file (at most 16 MiB). Fails with kInvalidArgument;
// the message and every FieldError name "path:line" and the problem.
Result<PsrTable> ImportPsrCsv(const std::string& path);

// Same, from text; `name` is used in messages. No I/O.
Result<PsrTable> ParsePsrCsv(const std::string& name, std::string_view text);

}  // namespace origine::origin
