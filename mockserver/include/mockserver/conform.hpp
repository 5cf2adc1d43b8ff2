// Making a documented example valid: conform() replaces each value that breaks
// the schema (placeholders such as "String" for an enumeration, "Int32" for a
// number) with a valid value of the documented type: an enumeration's first
// member, an Edm type's sample. Properties the schema does not know are left, as
// only the page can say what they should be. Used by `mockserver examples --valid`
// and the conformance replay.
//
//   boost::json::value body = conform(contract.body, catalog, example.request_json);
#pragma once

#include <mockserver/catalog.hpp>

#include <boost/json/value.hpp>

namespace mockserver {

boost::json::value conform(const BodySchema& schema, const Catalog& catalog,
                           boost::json::value body);

// A valid value of a type: an enumeration's first member, an Edm sample, {} or [].
boost::json::value sample_value(const TypeRef& type, const TypeTable& types);

}  // namespace mockserver
