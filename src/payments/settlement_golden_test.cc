// Runs every case of tests/golden/settlement/*.toml (format in that folder's
// README.md) through the pure settlement decision (payments/settlement.h):
// Settle for a provider's answer, PlanPoll before asking, RetryAt when the
// provider could not be asked. Tests run from the repository root.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "payments/settlement.h"

namespace origine::payments {
namespace {

constexpr const char* kGoldenDir = "tests/golden/settlement";
constexpr const char* kOurReference = "our-ref";

// One value of a column before or after: a number, or "none" (NULL).
using Time = std::optional<int64_t>;

struct GoldenCase {
  std::string file, id;
  int64_t line = 0;
  SettlementPolicy policy;
  // The intent before.
  IntentFacts intent;
  std::optional<Time> next_poll;  // unset: due now
  std::string provider_txn, last_error;
  // The provider's answer ("" = none: the worker's step before asking; "unavailable": the query failed).
  std::string answer;
  StatusResult remote;
  AnswerSource source = AnswerSource::kPoll;
  std::optional<int64_t> now;
  // Expected.
  std::string outcome, plan, state;
  std::string posting = "none";
  bool receipt = false, review_event = false;
  std::optional<std::string> review, provider_txn_after, last_error_after;
  std::optional<Time> next_poll_after;
  std::optional<int64_t> attempts_after;
};

[[noreturn]] void Fail(const toml::node& n, const std::string& what) {
  throw std::runtime_error("line " + std::to_string(n.source().begin.line) + ": " + what);
}

std::string Text(const toml::node& n) {
  if (!n.is_string()) Fail(n, "a string is expected");
  return n.as_string()->get();
}
int64_t Int(const toml::node& n) {
  if (!n.is_integer()) Fail(n, "an integer is expected");
  return n.as_integer()->get();
}
bool Bool(const toml::node& n) {
  if (!n.is_boolean()) Fail(n, "true or false is expected");
  return n.as_boolean()->get();
}
Time TimeOf(const toml::node& n) {
  if (n.is_string() && n.as_string()->get() == "none") return std::nullopt;
  return Int(n);
}
State StateOf(const toml::node& n) {
  auto s = ParseState(Text(n));
  if (!s) Fail(n, "not a payment state: " + Text(n));
  return *s;
}
const toml::table& TableOf(const toml::node& n) {
  if (!n.is_table()) Fail(n, "a table { ... } is expected");
  return *n.as_table();
}

void ApplyPolicy(const toml::table& t, SettlementPolicy* p) {
  for (const auto& [key, value] : t) {
    const std::string k(key.str());
    if (k == "poll_initial")
      p->poll_initial_seconds = Int(value);
    else if (k == "poll_max")
      p->poll_max_seconds = Int(value);
    else if (k == "late_window")
      p->late_window_seconds = Int(value);
    else
      Fail(value, "unknown policy key " + k);
  }
}

void ApplyIntent(const toml::table& t, GoldenCase* c) {
  for (const auto& [key, value] : t) {
    const std::string k(key.str());
    if (k == "state")
      c->intent.state = StateOf(value);
    else if (k == "amount")
      c->intent.amount_xof = Int(value);
    else if (k == "review")
      c->intent.review = Text(value);
    else if (k == "provider_ref")
      c->intent.has_provider_ref = Bool(value);
    else if (k == "created_at")
      c->intent.created_at = Int(value);
    else if (k == "updated_at")
      c->intent.updated_at = Int(value);
    else if (k == "expires_at")
      c->intent.expires_at = Int(value);
    else if (k == "next_poll")
      c->next_poll = TimeOf(value);
    else if (k == "attempts")
      c->intent.poll_attempts = Int(value);
    else if (k == "provider_txn")
      c->provider_txn = Text(value);
    else if (k == "last_error")
      c->last_error = Text(value);
    else
      Fail(value, "unknown intent key " + k);
  }
}

void ApplyAnswer(const toml::table& t, GoldenCase* c) {
  static const std::map<std::string, RemoteStatus> kStatuses = {{"pending", RemoteStatus::kPending},
                                                                {"succeeded", RemoteStatus::kSucceeded},
                                                                {"failed", RemoteStatus::kFailed},
                                                                {"expired", RemoteStatus::kExpired},
                                                                {"not_found", RemoteStatus::kNotFound}};
  for (const auto& [key, value] : t) {
    const std::string k(key.str());
    if (k == "status") {
      c->answer = Text(value);
      if (c->answer != "unavailable") {
        auto it = kStatuses.find(c->answer);
        if (it == kStatuses.end()) Fail(value, "unknown answer status " + c->answer);
        c->remote.status = it->second;
      }
    } else if (k == "amount") {
      c->remote.amount_xof = Int(value);
    } else if (k == "currency") {
      c->remote.currency = Text(value);
    } else if (k == "echo") {
      c->remote.reference = Text(value);
    } else if (k == "txn") {
      c->remote.provider_txn = Text(value);
    } else if (k == "detail") {
      c->remote.detail = Text(value);
    } else if (k == "source") {
      const std::string s = Text(value);
      if (s == "poll")
        c->source = AnswerSource::kPoll;
      else if (s == "callback")
        c->source = AnswerSource::kCallback;
      else if (s == "external")
        c->source = AnswerSource::kExternal;
      else
        Fail(value, "source must be poll, callback or external");
    } else {
      Fail(value, "unknown answer key " + k);
    }
  }
}

void ApplyExpect(const toml::table& t, GoldenCase* c) {
  for (const auto& [key, value] : t) {
    const std::string k(key.str());
    if (k == "outcome")
      c->outcome = Text(value);
    else if (k == "plan")
      c->plan = Text(value);
    else if (k == "state")
      c->state = Text(value);
    else if (k == "posting")
      c->posting = Text(value);
    else if (k == "receipt")
      c->receipt = Bool(value);
    else if (k == "review_event")
      c->review_event = Bool(value);
    else if (k == "review")
      c->review = Text(value);
    else if (k == "provider_txn")
      c->provider_txn_after = Text(value);
    else if (k == "last_error")
      c->last_error_after = Text(value);
    else if (k == "next_poll")
      c->next_poll_after = TimeOf(value);
    else if (k == "attempts")
      c->attempts_after = Int(value);
    else
      Fail(value, "unknown expect key " + k);
  }
}

// Fills `c` from one table; keys unknown to the format fail the test, so a
// typo in a case file never silently drops a fact.
void Apply(const toml::table& t, GoldenCase* c) {
  for (const auto& [key, value] : t) {
    const std::string k(key.str());
    if (k == "id")
      c->id = Text(value);
    else if (k == "note")
      (void)Text(value);
    else if (k == "now")
      c->now = Int(value);
    else if (k == "intent")
      ApplyIntent(TableOf(value), c);
    else if (k == "answer")
      ApplyAnswer(TableOf(value), c);
    else if (k == "expect")
      ApplyExpect(TableOf(value), c);
    else
      Fail(value, "unknown key " + k);
  }
}

std::vector<GoldenCase> LoadCases() {
  std::vector<GoldenCase> cases;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(kGoldenDir))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    try {
      toml::table doc = toml::parse_file(path.string());
      GoldenCase defaults;
      defaults.file = path.string();
      defaults.intent.reference = kOurReference;
      defaults.intent.amount_xof = 1500;
      defaults.intent.expires_at = 1800;
      defaults.intent.has_provider_ref = true;
      defaults.remote.provider_txn = "TX-1";
      if (const toml::table* p = doc["policy"].as_table()) ApplyPolicy(*p, &defaults.policy);
      if (const toml::table* d = doc["defaults"].as_table()) Apply(*d, &defaults);
      const toml::array* list = doc["case"].as_array();
      if (list == nullptr) {
        ADD_FAILURE() << path.string() << ": no [[case]]";
        continue;
      }
      for (const toml::node& n : *list) {
        GoldenCase c = defaults;
        c.line = n.source().begin.line;
        Apply(TableOf(n), &c);
        if (c.intent.updated_at == 0) c.intent.updated_at = c.intent.created_at;
        cases.push_back(std::move(c));
      }
    } catch (const toml::parse_error& e) {
      ADD_FAILURE() << path.string() << ":" << e.source().begin.line << ": " << e.description();
    } catch (const std::runtime_error& e) {
      ADD_FAILURE() << path.string() << ": " << e.what();
    }
  }
  return cases;
}

template <typename T>
T After(const T& before, const Change<T>& change) {
  switch (change.kind) {
    case Change<T>::Kind::kKeep:
      return before;
    case Change<T>::Kind::kSet:
      return change.value;
    case Change<T>::Kind::kClear:
      return T{};
  }
  return before;
}
Time After(const Time& before, const Change<int64_t>& change) {
  if (change.kind == Change<int64_t>::Kind::kKeep) return before;
  if (change.kind == Change<int64_t>::Kind::kClear) return std::nullopt;
  return change.value;
}
std::string Show(const Time& t) { return t ? std::to_string(*t) : "none"; }

const char* PlanName(PollStep s) {
  switch (s) {
    case PollStep::kAsk:
      return "ask";
    case PollStep::kWait:
      return "wait";
    case PollStep::kCancel:
      return "cancel";
    case PollStep::kInterrupted:
      return "interrupted";
  }
  return "";
}

TEST(SettlementGolden, EveryCaseMatches) {
  const std::vector<GoldenCase> cases = LoadCases();
  std::set<std::string> ids;
  std::set<std::pair<std::string, std::string>> covered;  // (state, answer)
  for (const GoldenCase& c : cases) {
    SCOPED_TRACE(c.file + ":" + std::to_string(c.line) + " [" + c.id + "]");
    EXPECT_FALSE(c.id.empty());
    EXPECT_TRUE(ids.insert(c.id).second) << "duplicate id";
    ASSERT_TRUE(c.now) << "each case says when (now)";
    ASSERT_FALSE(c.state.empty()) << "each case says the state after (expect.state)";
    const int64_t now = *c.now;
    const Time poll_before = c.next_poll ? *c.next_poll : Time(now);
    IntentFacts intent = c.intent;
    intent.watched = poll_before.has_value();

    State state_after = intent.state;
    Time poll_after = poll_before;
    int64_t attempts_after = intent.poll_attempts;
    std::string review_after = intent.review, txn_after = c.provider_txn, error_after = c.last_error;
    if (c.answer.empty()) {
      // The worker's step before asking the provider.
      ASSERT_FALSE(c.plan.empty()) << "a case without an answer says the worker's plan (expect.plan)";
      const PollPlan plan = PlanPoll(intent, now, c.policy);
      EXPECT_EQ(PlanName(plan.step), c.plan);
      if (plan.step == PollStep::kCancel) state_after = State::kCancelled;
      if (plan.step == PollStep::kInterrupted) state_after = State::kUnknown;
      poll_after = After(poll_before, plan.next_poll_at);
      attempts_after += plan.count_poll ? 1 : 0;
    } else if (c.answer == "unavailable") {
      // The provider could not be asked: asked again later, nothing else changes.
      ASSERT_EQ(c.outcome, "retry") << "an unavailable provider means outcome = \"retry\"";
      poll_after = RetryAt(intent.poll_attempts + 1, now, c.policy);
      attempts_after += 1;
      covered.insert({StateName(intent.state), c.answer});
    } else {
      ASSERT_FALSE(c.outcome.empty()) << "each answered case says the outcome (expect.outcome)";
      const Settlement d = Settle(intent, c.remote, now, c.policy, c.source);
      EXPECT_EQ(d.outcome, c.outcome);
      if (d.to) {
        EXPECT_TRUE(CanTransition(intent.state, *d.to))
            << "the decision breaks the state machine: " << StateName(intent.state) << " -> " << StateName(*d.to);
        state_after = *d.to;
      }
      EXPECT_EQ(PostingName(d.posting), c.posting);
      EXPECT_EQ(d.receipt, c.receipt);
      EXPECT_EQ(d.review_event, c.review_event);
      poll_after = After(poll_before, d.next_poll_at);
      attempts_after += d.count_poll ? 1 : 0;
      review_after = After(review_after, d.review);
      txn_after = After(txn_after, d.provider_txn);
      error_after = After(error_after, d.last_error);
      covered.insert({StateName(intent.state), c.answer});
    }
    EXPECT_EQ(StateName(state_after), c.state);
    // The optional expectations: checked when the case gives them.
    EXPECT_EQ(Show(poll_after), Show(c.next_poll_after.value_or(poll_after))) << "next_poll";
    EXPECT_EQ(attempts_after, c.attempts_after.value_or(attempts_after)) << "attempts";
    EXPECT_EQ(review_after, c.review.value_or(review_after)) << "review";
    EXPECT_EQ(txn_after, c.provider_txn_after.value_or(txn_after)) << "provider_txn";
    EXPECT_EQ(error_after, c.last_error_after.value_or(error_after)) << "last_error";
  }
  // Every state meets every answer at least once.
  for (State s :
       {State::kCreated, State::kInitiating, State::kPending, State::kSucceeded, State::kFailed, State::kExpired,
        State::kCancelled, State::kUnknown, State::kLateSuccess, State::kRefundPending, State::kRefunded})
    for (const char* answer : {"pending", "succeeded", "failed", "expired", "not_found"})
      EXPECT_TRUE(covered.contains({StateName(s), answer}))
          << "no golden case for a " << StateName(s) << " intent answered " << answer;
  EXPECT_GE(cases.size(), 70u);
  std::printf("[ golden   ] %zu settlement cases from %s\n", cases.size(), kGoldenDir);
}

}  // namespace
}  // namespace origine::payments
