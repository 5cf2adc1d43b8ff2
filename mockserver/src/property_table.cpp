// Reads property tables (Property | Type | Description) into typed properties.
#include "compiler.hpp"
#include "text.hpp"

namespace mockserver::compiler {
namespace {

std::string strip_markup(std::string_view s) {
  std::string out;
  for (char c : text::trim(s))
    if (c != '*' && c != '`' && c != '\\') out += c;
  return std::string(text::trim(out));
}

// "Possible values are: `a`, `b`, `c`." -> {a, b, c}; empty when the text lists none.
std::vector<std::string> possible_values(std::string_view description) {
  std::size_t at = text::ifind(description, "possible values");
  if (at == std::string_view::npos) at = text::ifind(description, "supported values");
  if (at == std::string_view::npos) return {};
  std::string_view rest = description.substr(at);
  if (auto colon = rest.find_first_of(":"); colon != std::string_view::npos && colon < 30)
    rest = rest.substr(colon + 1);
  else if (auto are = text::ifind(rest, " are "); are != std::string_view::npos && are < 30)
    rest = rest.substr(are + 5);
  else
    return {};

  std::vector<std::string> values;
  if (rest.find('`') != std::string_view::npos) {
    // Backticked values, up to the sentence end after the last of them.
    std::size_t pos = 0;
    while (true) {
      std::size_t open = rest.find('`', pos);
      if (open == std::string_view::npos) break;
      std::size_t sentence_end = rest.find(". ", pos);
      if (sentence_end != std::string_view::npos && sentence_end < open) break;
      std::size_t close = rest.find('`', open + 1);
      if (close == std::string_view::npos) break;
      std::string value(text::trim(rest.substr(open + 1, close - open - 1)));
      if (!value.empty() && value.find(' ') == std::string::npos)
        values.push_back(std::move(value));
      pos = close + 1;
    }
    return values;
  }
  std::size_t end = rest.find(". ");
  if (end == std::string_view::npos) end = rest.size();
  std::string_view list = rest.substr(0, end);
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t comma = list.find(',', pos);
    if (comma == std::string_view::npos) comma = list.size();
    std::string item = strip_markup(list.substr(pos, comma - pos));
    if (text::istarts_with(item, "and ")) item = item.substr(4);
    if (text::istarts_with(item, "or ")) item = item.substr(3);
    while (!item.empty() && (item.back() == '.' || item.back() == '"' || item.back() == '\''))
      item.pop_back();
    while (!item.empty() && (item.front() == '"' || item.front() == '\'')) item.erase(item.begin());
    if (item.empty() || item.find(' ') != std::string::npos) return {};  // prose, not a list
    values.push_back(std::move(item));
    pos = comma + 1;
  }
  return values;
}

int column(const std::vector<TableCell>& header, std::initializer_list<std::string_view> names) {
  for (std::size_t i = 0; i < header.size(); ++i)
    for (std::string_view name : names)
      if (text::iequals(strip_markup(header[i].text), name)) return static_cast<int>(i);
  return -1;
}

// "Required." standing as a word of its own in a request-body table's description.
bool says_required(std::string_view description) {
  for (std::size_t at = description.find("Required"); at != std::string_view::npos;
       at = description.find("Required", at + 1)) {
    bool starts_word = at == 0 || !std::isalnum(static_cast<unsigned char>(description[at - 1]));
    std::size_t end = at + 8;
    bool ends_word =
        end == description.size() || !std::isalnum(static_cast<unsigned char>(description[end]));
    if (starts_word && ends_word)
      return text::ifind(description, "not required") == std::string_view::npos;
  }
  return false;
}

}  // namespace

TypeRef resolve_property_type(const TableCell& type_cell, std::string_view description,
                              const std::string& owner, const std::string& property,
                              const std::string& page_path, int line, TypeIndex& index,
                              const Reporter& report) {
  TypeRef ref;
  std::string core = strip_markup(type_cell.text);
  if (text::istarts_with(core, "Collection(") && !core.empty() && core.back() == ')') {
    ref.collection = true;
    core = core.substr(11, core.size() - 12);
  } else if (text::iends_with(core, " collection")) {
    ref.collection = true;
    core = std::string(text::trim(std::string_view(core).substr(0, core.size() - 11)));
  }

  auto enum_from_description = [&]() -> bool {
    std::vector<std::string> values = possible_values(description);
    if (values.empty()) return false;
    TypeDef def;
    def.name = owner + "." + property;
    def.kind = TypeKind::enumeration;
    def.where = SourceLocation{page_path, line};
    def.members = std::move(values);
    index.types->push_back(std::move(def));
    ref.kind = TypeKind::enumeration;
    ref.type = static_cast<int>(index.types->size()) - 1;
    return true;
  };

  if (!type_cell.links.empty()) {
    const Link& link = type_cell.links.front();
    int found = index.find_linked(page_path, link);
    if (found >= 0) {
      ref.kind = (*index.types)[found].kind;
      ref.type = found;
      return ref;
    }
    if (enum_from_description()) return ref;
    report(line, Severity::warning, "unresolved-link",
           "type of '" + property + "' links to " + link.href +
               ", which is not a loaded page; its values are not checked");
    return ref;  // any
  }
  if (text::iequals(core, "Json") || text::iequals(core, "Object") || text::iequals(core, "any"))
    return ref;
  if (auto edm = parse_edm_name(core)) {
    ref.kind = TypeKind::primitive;
    ref.edm = *edm;
    return ref;
  }
  if (text::iequals(core, "Enumeration") || text::iequals(core, "enum")) {
    if (enum_from_description()) return ref;
    report(line, Severity::warning, "enum-without-values",
           "'" + property +
               "' is an Enumeration but its description lists no possible values; any string is "
               "accepted");
    ref.kind = TypeKind::primitive;
    return ref;
  }
  if (!core.empty()) {
    if (int found = index.find_named(page_path, core); found >= 0) {
      ref.kind = (*index.types)[found].kind;
      ref.type = found;
      return ref;
    }
  }
  report(line, Severity::note, "unknown-type",
         "type '" + core + "' of '" + property +
             "' is neither an Edm type nor a loaded page; its values are not checked");
  return ref;
}

std::vector<Property> read_property_table(const Table& table, const std::string& owner,
                                          const std::string& page_path, TypeIndex& index,
                                          const Reporter& report, bool mark_required) {
  std::vector<Property> properties;
  if (table.rows.empty()) return properties;
  const auto& header = table.rows.front();
  int name_col = column(header, {"Property", "Name", "Parameter", "Property name", "Properties"});
  int type_col = column(header, {"Type", "Value type"});
  int desc_col = column(header, {"Description", "Notes", "Value"});
  if (name_col < 0 || type_col < 0) return properties;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    if (static_cast<int>(row.size()) <= std::max(name_col, type_col)) continue;
    std::string name = strip_markup(row[name_col].text);
    if (name.empty() || name.find(' ') != std::string::npos) continue;
    std::string_view description = desc_col >= 0 && desc_col < static_cast<int>(row.size())
                                       ? std::string_view(row[desc_col].text)
                                       : std::string_view();
    int line = table.row_lines[r];
    Property property;
    property.name = name;
    property.type = resolve_property_type(row[type_col], description, owner, name, page_path, line,
                                          index, report);
    property.required = mark_required && name != "id" && says_required(description);
    property.where = SourceLocation{page_path, line};
    properties.push_back(std::move(property));
  }
  return properties;
}

}  // namespace mockserver::compiler
