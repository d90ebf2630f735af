// `origine`: the server and the operator commands. The command line is built
// in app/cli/app.cc; each command group has its file in app/cli/ (the list is
// in app/cli/commands.h).
// Exit codes: 0 success (verify: valid; monitor: consistent; audit verify:
// intact), 1 verify: not valid / monitor: inconsistency / audit: chain
// broken, 2 error.
#include "app/cli/app.h"

int main(int argc, char** argv) { return origine::app::cli::Main(argc, argv); }
