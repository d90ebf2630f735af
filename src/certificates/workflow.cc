#include "certificates/workflow.h"

#include <algorithm>
#include <string>

namespace origine::certificates {
namespace {

using S = ApplicationStatus;
using A = ApplicationAction;

struct Move {
  S from;
  A action;
  S to;
};

// The transition table (workflow.h).
constexpr Move kMoves[] = {
    {S::kDraft, A::kUpdate, S::kDraft},
    {S::kReturned, A::kUpdate, S::kReturned},
    {S::kDraft, A::kSubmit, S::kSubmitted},
    {S::kDraft, A::kSubmit, S::kAwaitingPayment},
    {S::kReturned, A::kSubmit, S::kSubmitted},
    {S::kReturned, A::kSubmit, S::kAwaitingPayment},
    {S::kAwaitingPayment, A::kPay, S::kSubmitted},
    {S::kSubmitted, A::kApprove, S::kApproved},
    {S::kSubmitted, A::kReturn, S::kReturned},
    {S::kApproved, A::kSign, S::kIssued},
};

// Who takes each action.
Actor ActorOf(A action) {
  switch (action) {
    case A::kUpdate:
    case A::kSubmit:
      return Role::kExporter;
    case A::kPay:
      return std::nullopt;
    case A::kApprove:
    case A::kReturn:
      return Role::kAgent;
    case A::kSign:
      return Role::kSignatory;
  }
  return Role::kAuditor;  // unreachable; nobody acts as the auditor
}

const char* Refusal(A action) {
  switch (action) {
    case A::kUpdate:
      return "only exporters edit applications";
    case A::kSubmit:
      return "only the exporter submits its application";
    case A::kPay:
      return "only the payments module records a payment";
    case A::kApprove:
      return "only an agent may approve an application";
    case A::kReturn:
      return "only an agent may return an application";
    case A::kSign:
      return "only a signatory signs certificates";
  }
  return "not allowed";
}

}  // namespace

const std::vector<ApplicationStatus>& AllApplicationStatuses() {
  static const std::vector<ApplicationStatus> kAll = {S::kDraft,    S::kAwaitingPayment, S::kSubmitted,
                                                      S::kReturned, S::kApproved,        S::kIssued};
  return kAll;
}

std::string_view StatusName(ApplicationStatus status) {
  switch (status) {
    case S::kDraft:
      return "draft";
    case S::kAwaitingPayment:
      return "awaiting_payment";
    case S::kSubmitted:
      return "submitted";
    case S::kReturned:
      return "returned";
    case S::kApproved:
      return "approved";
    case S::kIssued:
      return "issued";
  }
  return "";
}

std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view name) {
  for (S s : AllApplicationStatuses())
    if (StatusName(s) == name) return s;
  return std::nullopt;
}

const std::vector<ApplicationAction>& AllApplicationActions() {
  static const std::vector<ApplicationAction> kAll = {A::kUpdate,  A::kSubmit, A::kPay,
                                                      A::kApprove, A::kReturn, A::kSign};
  return kAll;
}

std::string_view ActionName(ApplicationAction action) {
  switch (action) {
    case A::kUpdate:
      return "update";
    case A::kSubmit:
      return "submit";
    case A::kPay:
      return "pay";
    case A::kApprove:
      return "approve";
    case A::kReturn:
      return "return";
    case A::kSign:
      return "sign";
  }
  return "";
}

std::optional<ApplicationAction> ParseApplicationAction(std::string_view name) {
  for (A a : AllApplicationActions())
    if (ActionName(a) == name) return a;
  return std::nullopt;
}

bool MayTake(const Actor& actor, ApplicationAction action) { return actor == ActorOf(action); }

std::vector<ApplicationStatus> Targets(ApplicationStatus from, ApplicationAction action) {
  std::vector<ApplicationStatus> out;
  for (const Move& m : kMoves)
    if (m.from == from && m.action == action) out.push_back(m.to);
  return out;
}

Status CheckActor(const Actor& actor, ApplicationAction action) {
  if (MayTake(actor, action)) return {};
  return Error::Denied("application.forbidden"_code, Refusal(action)).With("action", std::string(ActionName(action)));
}

Status CheckState(ApplicationStatus from, ApplicationAction action) {
  if (!Targets(from, action).empty()) return {};
  std::string allowed;
  for (S s : AllApplicationStatuses())
    if (!Targets(s, action).empty()) allowed += (allowed.empty() ? "" : " or ") + std::string(StatusName(s));
  return Error::Conflict("application.state"_code, "cannot " + std::string(ActionName(action)) +
                                                       " an application that is " + std::string(StatusName(from)) +
                                                       " (only from " + allowed + ")")
      .With("status", std::string(StatusName(from)))
      .With("action", std::string(ActionName(action)));
}

Status CheckAction(const Actor& actor, ApplicationStatus from, ApplicationAction action) {
  RETURN_IF_ERROR(CheckActor(actor, action));
  return CheckState(from, action);
}

Result<ApplicationStatus> NextStatus(ApplicationStatus from, ApplicationAction action, bool fee_due) {
  RETURN_IF_ERROR(CheckState(from, action));
  std::vector<ApplicationStatus> to = Targets(from, action);
  if (action == A::kSubmit) return fee_due ? S::kAwaitingPayment : S::kSubmitted;
  return to.front();
}

}  // namespace origine::certificates
