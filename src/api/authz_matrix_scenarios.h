// origine/api/authz_matrix_scenarios.h — how the authorization matrix
// (authz_matrix_test.cc) calls each route of the API so that a caller the
// rule allows succeeds: the objects to make first (fresh for each call,
// through authz_matrix_fixture.h), the target and body, the success status,
// whether the path names an object of the owning company, and for listings
// how to check that an exporter sees its company's items only. Test-only.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "api/authz_matrix_fixture.h"

namespace origine::api::matrix {

// What a scenario asks: the target (path and query) and the JSON body.
struct Request {
  std::string target, body;
  std::string marker;  // listings: the key of the owner's item the answer must list
};

// A listing: where its items are, each item's key and company.
struct Listing {
  std::string items = "items";
  std::function<std::string(const boost::json::object&)> key;
  std::function<int64_t(const boost::json::object&)> company;
};

struct Scenario {
  int status;                              // the answer of a caller the rule allows
  bool names_object;                       // the path names an object of the owning company
  std::function<Request(World&)> prepare;  // fresh objects for one call
  std::optional<Listing> listing;
  bool ends_session = false;  // the call ends the caller's session
};

// Every route of the API (method, path template) and its scenario.
std::map<std::pair<std::string, std::string>, Scenario> Scenarios();

}  // namespace origine::api::matrix
