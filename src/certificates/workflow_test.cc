// The application workflow: the golden table tests/golden/workflow/applications.toml
// (format in its README.md) against the transition table of workflow.h, and the
// lookup table application_statuses against ApplicationStatus.
#include "certificates/workflow.h"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <set>

#include "testkit/testkit.h"

namespace origine::certificates {
namespace {

constexpr const char* kGolden = "tests/golden/workflow/applications.toml";

std::optional<Actor> ParseActor(const std::string& name) {
  if (name == "system") return Actor(std::nullopt);
  Role role;
  if (!ParseRole(name, &role)) return std::nullopt;
  return Actor(role);
}

std::string ActorName(const Actor& actor) { return actor ? RoleName(*actor) : "system"; }

// What the code answers, in the notation of the golden file.
std::string Answer(const Actor& actor, ApplicationStatus from, ApplicationAction action) {
  Status st = CheckAction(actor, from, action);
  if (!st) return st.error().code;
  std::string out;
  for (ApplicationStatus to : Targets(from, action)) out += (out.empty() ? "" : "|") + std::string(StatusName(to));
  return out;
}

TEST(WorkflowGolden, EveryStatusActionAndActor) {
  toml::table file;
  try {
    file = toml::parse_file(kGolden);
  } catch (const toml::parse_error& e) {
    FAIL() << kGolden << ":" << e.source().begin.line << ": " << e.description();
  }
  std::vector<Actor> actors;
  std::set<std::string> actor_names;
  const toml::array* columns = file["actors"].as_array();
  ASSERT_TRUE(columns) << kGolden << ": no actors";
  for (const toml::node& n : *columns) {
    const std::string name = n.value_or(std::string());
    std::optional<Actor> actor = ParseActor(name);
    ASSERT_TRUE(actor) << kGolden << ": unknown actor '" << name << "'";
    actors.push_back(*actor);
    actor_names.insert(name);
  }
  // Every role and the system, once each.
  EXPECT_EQ(actor_names, (std::set<std::string>{"exporter", "agent", "signatory", "admin", "auditor", "system"}));

  int cells = 0;
  std::set<std::string> actions_seen;
  for (auto&& [key, node] : file) {
    const std::string action_name(key.str());
    if (action_name == "actors") continue;
    std::optional<ApplicationAction> action = ParseApplicationAction(action_name);
    ASSERT_TRUE(action) << kGolden << ":" << node.source().begin.line << ": unknown action '" << action_name << "'";
    actions_seen.insert(action_name);
    const toml::table* rows = node.as_table();
    ASSERT_TRUE(rows) << action_name << " is not a table";
    std::set<std::string> statuses_seen;
    for (auto&& [status_key, row_node] : *rows) {
      const std::string status_name(status_key.str());
      const auto line = row_node.source().begin.line;
      std::optional<ApplicationStatus> from = ParseApplicationStatus(status_name);
      ASSERT_TRUE(from) << kGolden << ":" << line << ": unknown status '" << status_name << "'";
      statuses_seen.insert(status_name);
      const toml::array* row = row_node.as_array();
      ASSERT_TRUE(row && row->size() == actors.size())
          << kGolden << ":" << line << ": one cell per actor (" << actors.size() << ")";
      for (size_t i = 0; i < actors.size(); ++i) {
        const std::string want = (*row)[i].value_or(std::string());
        SCOPED_TRACE(testing::Message() << kGolden << ":" << line << ": " << action_name << " from " << status_name
                                        << " by " << ActorName(actors[i]));
        EXPECT_EQ(Answer(actors[i], *from, *action), want);
        if (want.find('.') == std::string::npos) {
          // Allowed: NextStatus names the first target, or the second when a fee is due.
          const std::string first = want.substr(0, want.find('|'));
          const std::string second = want.find('|') == std::string::npos ? first : want.substr(want.find('|') + 1);
          EXPECT_EQ(StatusName(*NextStatus(*from, *action, false)), first);
          EXPECT_EQ(StatusName(*NextStatus(*from, *action, true)), second);
        } else {
          EXPECT_TRUE(want == "application.forbidden" || want == "application.state") << "unknown code " << want;
        }
        ++cells;
      }
    }
    EXPECT_EQ(statuses_seen.size(), AllApplicationStatuses().size()) << action_name << ": a row per status";
  }
  EXPECT_EQ(actions_seen.size(), AllApplicationActions().size()) << "a table per action";
  EXPECT_EQ(cells, 6 * 6 * 6);
}

TEST(Workflow, RefusalsCarryTheirKindAndParams) {
  Status denied = CheckActor(Role::kExporter, ApplicationAction::kApprove);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(denied.error().params, (ErrorParams{{"action", "approve"}}));
  Status state = CheckState(ApplicationStatus::kIssued, ApplicationAction::kSign);
  ASSERT_FALSE(state);
  EXPECT_EQ(state.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(state.error().params, (ErrorParams{{"status", "issued"}, {"action", "sign"}}));
  EXPECT_EQ(state.error().message, "cannot sign an application that is issued (only from approved)");
  EXPECT_THAT(NextStatus(ApplicationStatus::kDraft, ApplicationAction::kApprove),
              testkit::IsError("application.state"));
}

TEST(Workflow, NamesRoundTripAndUnknownNamesAreRefused) {
  for (ApplicationStatus s : AllApplicationStatuses()) EXPECT_EQ(ParseApplicationStatus(StatusName(s)), s);
  for (ApplicationAction a : AllApplicationActions()) EXPECT_EQ(ParseApplicationAction(ActionName(a)), a);
  EXPECT_FALSE(ParseApplicationStatus("paid"));
  EXPECT_FALSE(ParseApplicationStatus("Draft"));
  EXPECT_FALSE(ParseApplicationAction("create"));
}

// The lookup table that the applications.status FOREIGN KEY refers to holds
// exactly the statuses of the enum (ADR 0058).
TEST(Workflow, LookupTableRowsAreTheStatusNames) {
  testkit::TempDir dir;
  auto db = testkit::OpenDb(dir.path());
  ASSERT_TRUE(db);
  auto tx = db->Begin(false);
  ASSERT_TRUE(tx);
  auto rows = (*tx)->Query("SELECT status FROM application_statuses");
  ASSERT_TRUE(rows);
  std::multiset<std::string> in_table, in_code;
  for (const auto& r : *rows) in_table.insert(r.Text(0));
  for (ApplicationStatus s : AllApplicationStatuses()) in_code.insert(std::string(StatusName(s)));
  EXPECT_EQ(in_table, in_code);
}

}  // namespace
}  // namespace origine::certificates
