// origine/app/cli/app.h — the command line of `origine` (app.cc builds it
// with CLI11 and runs the command given; the commands are in commands.h).
#pragma once

namespace origine::app::cli {

// Parses the arguments, builds the configuration and runs the command.
// Returns the exit code: 0 success, 1 a negative verdict, 2 error (a usage
// error included); --help prints the help and returns 0.
int Main(int argc, char** argv);

}  // namespace origine::app::cli
