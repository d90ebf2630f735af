#include "api/log_routes.h"

#include <boost/json.hpp>

#include "api/internal/errors.h"
#include "api/internal/json_io.h"
#include "api/internal/log_json.h"
#include "api/internal/params.h"
#include "core/encoding.h"
#include "tlog/tiles.h"

namespace origine::api {
namespace json = boost::json;
using http::Response;
using internal::IntQuery;
using internal::RequiredIntQuery;

namespace {

// kInvalidArgument "log_proof.range": the asked positions do not fit the tree
// of `tree_size` leaves; `fields` are (parameter, what it must be).
Error ProofRange(const std::string& rule, uint64_t tree_size,
                 std::initializer_list<std::pair<const char*, const char*>> fields) {
  const std::string size = std::to_string(tree_size);
  std::vector<FieldError> errors;
  for (auto [field, message] : fields)
    errors.push_back(internal::Field("log_proof.range"_code, field, message, {{"tree_size", size}}));
  return Error::Invalid("log_proof.range"_code, rule + " (" + size + ")", std::move(errors)).With("tree_size", size);
}

}  // namespace

void AddLogRoutes(const AddRoute& add, storage::Db& db, const tlog::Log& log, const tlog::NoteSigner& log_signer) {
  add("GET", "/log/checkpoint", [&db, &log, &log_signer](RouteCtx&) -> Result<Response> {
    ASSIGN_OR_RETURN(auto tx, db.Begin(false));
    ASSIGN_OR_RETURN(std::string note, log.SignedCheckpoint(*tx, log_signer));
    Response r;
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::move(note);
    r.AddHeader("Cache-Control", "no-store");
    return r;
  });
  add("GET", "/log/tile/{path...}", [&db, &log](RouteCtx& c) -> Result<Response> {
    auto tile = tlog::ParseTilePath("tile/" + c.req.path_params.at("path"));
    if (!tile) return Error::NotFound("tlog.tile_not_found"_code, "no such tile");
    ASSIGN_OR_RETURN(auto tx, db.Begin(false));
    ASSIGN_OR_RETURN(std::string bytes, log.ReadTile(*tx, *tile));
    Response r;
    r.content_type = "application/octet-stream";
    r.body = std::move(bytes);
    r.AddHeader("Cache-Control", tile->full() ? "public, max-age=31536000, immutable" : "no-store");
    return r;
  });
  add("GET", "/api/v1/log/key", [&log, &log_signer](RouteCtx&) -> Result<Response> {
    return internal::Json(json::object{{"origin", log.origin()}, {"vkey", log_signer.VerifierKey()}});
  });
  add("GET", "/api/v1/log/proof/inclusion", [&db, &log](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(uint64_t index, RequiredIntQuery(c.req, "index"));
    ASSIGN_OR_RETURN(auto tx, db.Begin(false));
    ASSIGN_OR_RETURN(uint64_t current, log.Size(*tx));
    ASSIGN_OR_RETURN(std::optional<int64_t> size_q, IntQuery(c.req, "size"));
    const uint64_t size = size_q ? static_cast<uint64_t>(*size_q) : current;
    if (size > current || index >= size)
      return ProofRange("need index < size <= the tree size", current,
                        {{"index", "must be below size"}, {"size", "at most the tree size"}});
    ASSIGN_OR_RETURN(tlog::LogEntry entry, log.Entry(*tx, index));
    ASSIGN_OR_RETURN(auto proof, log.Inclusion(*tx, index, size));
    ASSIGN_OR_RETURN(tlog::Hash root, log.RootAt(*tx, size));
    return internal::Json(json::object{{"index", index},
                                       {"tree_size", size},
                                       {"leaf", encoding::Base64(entry.data)},
                                       {"leaf_hash", encoding::Base64(entry.leaf_hash)},
                                       {"root_hash", encoding::Base64(root)},
                                       {"inclusion_proof", internal::HashesJson(proof)}});
  });
  add("GET", "/api/v1/log/proof/consistency", [&db, &log](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(uint64_t from, RequiredIntQuery(c.req, "from"));
    ASSIGN_OR_RETURN(auto tx, db.Begin(false));
    ASSIGN_OR_RETURN(uint64_t current, log.Size(*tx));
    ASSIGN_OR_RETURN(std::optional<int64_t> to_q, IntQuery(c.req, "to"));
    const uint64_t to = to_q ? static_cast<uint64_t>(*to_q) : current;
    if (from == 0 || from > to || to > current)
      return ProofRange("need 0 < from <= to <= the tree size", current,
                        {{"from", "must be positive and at most to"}, {"to", "at most the tree size"}});
    ASSIGN_OR_RETURN(auto proof, log.Consistency(*tx, from, to));
    ASSIGN_OR_RETURN(tlog::Hash root1, log.RootAt(*tx, from));
    ASSIGN_OR_RETURN(tlog::Hash root2, log.RootAt(*tx, to));
    return internal::Json(json::object{{"from", from},
                                       {"to", to},
                                       {"from_root_hash", encoding::Base64(root1)},
                                       {"to_root_hash", encoding::Base64(root2)},
                                       {"consistency_proof", internal::HashesJson(proof)}});
  });
}

}  // namespace origine::api
