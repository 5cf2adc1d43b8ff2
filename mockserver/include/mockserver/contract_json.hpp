// The JSON form of contracts and diagnostics, as `mockserver routes --json` and
// `mockserver check --format json` print them: the same model the server uses.
//
//   std::cout << boost::json::serialize(to_json(contract, catalog.types));
#pragma once

#include <mockserver/contract.hpp>
#include <mockserver/diagnostic.hpp>

#include <boost/json/value.hpp>

namespace mockserver {

boost::json::value to_json(const TypeRef& ref, const TypeTable& types);
boost::json::value to_json(const Contract& contract, const TypeTable& types);
boost::json::value to_json(const Diagnostic& diagnostic);

}  // namespace mockserver
