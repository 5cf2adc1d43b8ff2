// Choosing among a contract's documented examples by resemblance to the request.
#include <algorithm>

#include "mockserver/contract.hpp"
#include "text.hpp"

namespace mockserver {

long resemblance(const ExampleResponse& example, const boost::json::object& request_body) {
  long score = 0;
  for (const auto& member : request_body)
    score +=
        std::binary_search(example.request_keys.begin(), example.request_keys.end(), member.key())
            ? 2
            : -1;
  score -=
      static_cast<long>(example.request_keys.size());  // so each key the request lacks counts -1
  if (const auto* type = request_body.if_contains("@odata.type"); type && type->is_string())
    score += text::iequals(type->as_string(), example.request_type) ? 100 : 0;
  return score;
}

const ResponseDefinition& choose_response(const Contract& contract,
                                          const boost::json::object* request_body) {
  if (contract.example_responses.size() < 2 || !request_body) return contract.response;
  const ExampleResponse* best = &contract.example_responses.front();
  long best_score = resemblance(*best, *request_body);
  for (const ExampleResponse& candidate : contract.example_responses)
    if (long score = resemblance(candidate, *request_body); score > best_score) {
      best = &candidate;
      best_score = score;
    }
  return best->response;
}

}  // namespace mockserver
