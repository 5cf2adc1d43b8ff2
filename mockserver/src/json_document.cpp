// Shared, immutable JSON values.
#include "mockserver/json_document.hpp"

#include <boost/json/serialize.hpp>
#include <ostream>

namespace mockserver {

JsonDocument::JsonDocument(boost::json::value value) {
  if (!value.is_null()) value_ = std::make_shared<boost::json::value>(std::move(value));
}

const boost::json::value& JsonDocument::value() const {
  static const boost::json::value null;
  return value_ ? *value_ : null;
}

std::ostream& operator<<(std::ostream& out, const JsonDocument& document) {
  return out << boost::json::serialize(document.value());
}

}  // namespace mockserver
