// LeakSanitizer suppressions, linked into every binary of the sanitizer build
// (see origine_test and the origine target in CMake) so that tests and the
// server run under LSan without environment variables.
//
// fontconfig keeps its configuration and the patterns cached by pango's
// per-thread default font map for the life of the process, by design. The
// reported total is bounded: 1, 5 and 20 rendered PDFs report the same bytes.
// libfontconfig has no frame pointers, so only a library-wide rule matches.
extern "C" const char* __lsan_default_suppressions() {  // NOLINT(bugprone-reserved-identifier)
  return "leak:libfontconfig.so\n";
}
