// A JsonDocument is a JSON value that never changes once compiled, shared rather
// than copied: an example's documented response and the response a contract serves
// from it are one document, not two. Copies share the value (thread-safe: it is
// const); an empty document reads as JSON null.
//
//   JsonDocument body = parse_lenient_json(text).value;
//   if (const boost::json::object* object = body.if_object()) ...
//   boost::json::value copy = body;  // a deep copy, to change
#pragma once

#include <boost/json/value.hpp>
#include <iosfwd>
#include <memory>

namespace mockserver {

class JsonDocument {
 public:
  JsonDocument() = default;
  JsonDocument(boost::json::value value);  // NOLINT(google-explicit-constructor): like a value

  const boost::json::value& value() const;
  // NOLINTNEXTLINE(google-explicit-constructor): reads wherever a value does
  operator const boost::json::value&() const { return value(); }

  bool is_null() const { return value().is_null(); }
  bool is_object() const { return value().is_object(); }
  const boost::json::object* if_object() const { return value().if_object(); }
  const boost::json::object& as_object() const { return value().as_object(); }
  const boost::json::object& get_object() const { return value().get_object(); }

  friend bool operator==(const JsonDocument& a, const JsonDocument& b) {
    return a.value() == b.value();
  }
  friend bool operator==(const JsonDocument& a, const boost::json::value& b) {
    return a.value() == b;
  }
  friend std::ostream& operator<<(std::ostream& out, const JsonDocument& document);

 private:
  std::shared_ptr<const boost::json::value> value_;  // null for JSON null
};

}  // namespace mockserver
