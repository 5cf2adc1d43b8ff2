// An exchange is one request answered: the pipeline route -> headers -> body ->
// schema -> response, independent of the socket layer (the server feeds it from
// cpp-httplib; the fuzzer and the benchmarks call it directly).
//
// Checked in this order; the first failing stage sets the status and the message
// lists every violation of that stage: no route (404, naming the nearest routes),
// another method (405 with Allow), Authorization not "Bearer <token>" (401),
// Content-Type not application/json (415), body over the limit (413), body not a
// JSON object (400, saying where parsing failed), body against the schema (400,
// one JSON pointer per violation). Errors use Graph's shape:
//   {"error":{"code","message","innerError":{"date","request-id","client-request-id"},"details":[...]}}
#pragma once

#include <mockserver/catalog.hpp>
#include <mockserver/ids.hpp>
#include <mockserver/journal.hpp>
#include <mockserver/router.hpp>

#include <cstddef>
#include <string>

namespace mockserver {

enum class ResponseMode { canned, echo };
enum class Validation { strict, lenient };

struct ExchangeOptions {
  ResponseMode mode = ResponseMode::canned;
  Validation validation = Validation::strict;
  std::size_t body_limit = 1 << 20;
  std::size_t max_json_depth = 64;
};

struct Request {
  std::string method;
  std::string target;  // path and query
  Headers headers;
  std::string body;
};

struct Response {
  int status = 0;
  Headers headers;
  std::string body;
};

// What an exchange needs: the compiled contracts and their router, and id sequences.
struct ServingState {
  const Catalog& catalog;
  const Router& router;
  IdSequence& ids;
  IdSequence& request_ids;
  ExchangeOptions options;
};

// Answers the request and fills the journal entry (without recording it); the request's
// headers and body move into the entry.
Response exchange(const ServingState& state, Request request, JournalEntry& entry);

}  // namespace mockserver
