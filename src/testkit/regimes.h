// origine/testkit/regimes.h — the regimes of origin of data/regimes (the real
// data files; tests run from the repository root), loaded once per test
// binary and shared, as the app passes them to the services.
//
//   certificates::ApplicationService apps(*db, clock, testkit::Regimes(), signers, log, {});
//
// Test-only.
#pragma once

#include <memory>

#include "origin/engine.h"

namespace origine::testkit {

// Fails the current test (and returns an empty set) when data/regimes cannot be loaded.
std::shared_ptr<const origin::RegimeSet> Regimes();

}  // namespace origine::testkit
