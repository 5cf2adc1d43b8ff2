// Checks a page against itself (internal): its own example requests against its
// schema, and routes that several pages document.
#pragma once

#include <vector>

#include "mockserver/contract.hpp"

namespace mockserver {

void lint_examples(const Contract& contract, const TypeTable& types, const TypeNames& names,
                   std::vector<Diagnostic>& out);
void lint_duplicate_routes(const std::vector<Contract>& contracts, std::vector<Diagnostic>& out);

}  // namespace mockserver
