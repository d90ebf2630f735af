#include "testkit/regimes.h"

#include <gtest/gtest.h>

namespace origine::testkit {

std::shared_ptr<const origin::RegimeSet> Regimes() {
  static const std::shared_ptr<const origin::RegimeSet> kLoaded = [] {
    auto set = origin::LoadRegimes("data/regimes");
    return set ? std::make_shared<const origin::RegimeSet>(std::move(*set)) : nullptr;
  }();
  if (!kLoaded) {
    ADD_FAILURE() << "data/regimes cannot be loaded (tests run from the repository root)";
    return std::make_shared<const origin::RegimeSet>();
  }
  return kLoaded;
}

}  // namespace origine::testkit
