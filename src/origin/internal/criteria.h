// origine/origin/internal/criteria.h — evaluation of the origin criteria of
// one rule (WO, CC/CTH/CTSH with tolerance, VA, VNM, SP) for one goods line,
// with bilingual explanations. Used by evaluate.cc only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "origin/engine.h"

namespace origine::origin::internal {

// Bilingual text built sentence by sentence.
struct Text {
  std::string fr, en;
  void Add(const std::string& f, const std::string& e) {
    if (!fr.empty()) fr += ' ';
    if (!en.empty()) en += ' ';
    fr += f;
    en += e;
  }
  void Append(const Text& other) {
    if (!other.fr.empty() || !other.en.empty()) Add(other.fr, other.en);
  }
};

// A goods line prepared for the criteria: materials after cumulation.
struct Line {
  const Regime& regime;
  const GoodsLineFacts& facts;
  const std::string& exporter;
  const std::string& date;
  std::string hs;                         // digits of the goods line
  std::vector<const Material*> non_orig;  // after cumulation
  std::vector<std::string> non_orig_hs;   // normalised HS of non_orig ("" if invalid)
  int64_t vnm = 0;                        // CIF of non_orig
  std::vector<std::string>* reasons;
};

std::string Fcfa(int64_t v);                                              // "1 000 000 FCFA"
std::string Xof(int64_t v);                                               // "1,000,000 XOF"
void AddReason(std::vector<std::string>* reasons, const std::string& r);  // once each

// Tries the rule's alternatives in order. On success sets v->criterion and
// returns kOriginating; otherwise kNotOriginating, or kNeedsReview when some
// alternative could not be decided. Explanations go to `text`; reasons of
// alternatives not used are dropped when one holds. line.reasons must point
// to the verdict's reasons.
LineVerdict::Outcome EvaluateRule(Line& line, const Rule& rule, LineVerdict* v, Text* text);

}  // namespace origine::origin::internal
