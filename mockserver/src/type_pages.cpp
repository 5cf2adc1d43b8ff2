// Resource pages define complex types, enumeration pages define enum types.
#include <filesystem>
#include <functional>

#include "compiler.hpp"
#include "text.hpp"

namespace mockserver::compiler {
namespace {

std::string title_of(const Page& page) {
  auto it = page.front_matter.find("title");
  if (it != page.front_matter.end()) return it->second;
  for (const auto& e : page.elements)
    if (const auto* h = std::get_if<Heading>(&e); h && h->level == 1) return h->text;
  return {};
}

std::string namespace_of(const Page& page) {
  for (const auto& e : page.elements)
    if (const auto* p = std::get_if<Paragraph>(&e);
        p && text::istarts_with(p->text, "Namespace:")) {
      std::string_view ns = text::trim(std::string_view(p->text).substr(10));
      auto space = ns.find_first_of(" \t");
      return std::string(ns.substr(0, space));
    }
  return "microsoft.graph";
}

// The name before " enum type" / " resource type" in a title, or "".
std::string name_before(std::string_view title, std::string_view suffix) {
  auto at = text::ifind(title, suffix);
  if (at == std::string_view::npos) return {};
  std::string name(text::trim(title.substr(0, at)));
  return name.find(' ') == std::string::npos ? name : std::string();
}

bool is_enum_page(const Page& page) {
  return page.doc_type() == "enumPageType" || !name_before(title_of(page), " enum type").empty();
}

struct ResourceBlock {
  boost::json::object annotation;
  const CodeBlock* json = nullptr;
};

std::optional<ResourceBlock> resource_block(const Page& page, const Reporter& report) {
  for (std::size_t i = 0; i < page.elements.size(); ++i) {
    const auto* html = std::get_if<HtmlBlock>(&page.elements[i]);
    if (!html) continue;
    auto annotation = parse_annotation(*html, report);
    if (!annotation) continue;
    auto type = annotation->find("blockType");
    if (type == annotation->end() || !type->value().is_string() ||
        type->value().as_string() != "resource")
      continue;
    ResourceBlock block{std::move(*annotation), nullptr};
    if (i + 1 < page.elements.size()) block.json = std::get_if<CodeBlock>(&page.elements[i + 1]);
    return block;
  }
  return std::nullopt;
}

std::string string_field(const boost::json::object& object, std::string_view key) {
  auto it = object.find(key);
  return it != object.end() && it->value().is_string() ? std::string(it->value().as_string())
                                                       : std::string();
}

// "Inherits from [base](...)", "derived from [base](...)": the base a paragraph names, or -1.
int base_named_in(const Paragraph& paragraph, const std::string& page_path,
                  const TypeIndex& index) {
  for (std::string_view phrase :
       {"inherits from", "inherited from", "derived from", "derives from"}) {
    std::size_t at = text::ifind(paragraph.text, phrase);
    if (at == std::string::npos) continue;
    for (const Link& link : paragraph.links)
      if (paragraph.text.find(link.text, at) != std::string::npos)
        return index.find_linked(page_path, link);
  }
  return -1;
}

// Enumeration members from a Member | Value | Description table's first column.
std::vector<std::string> members_of(const Table& table) {
  std::vector<std::string> members;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    if (table.rows[r].empty()) continue;
    std::string member;
    for (char c : table.rows[r][0].text)
      if (c != '`' && c != '*') member += c;
    member = std::string(text::trim(member));
    if (!member.empty() && member.find(' ') == std::string::npos)
      members.push_back(std::move(member));
  }
  return members;
}

// Pages such as enums.md list many enumerations, each under a "### name values" heading.
// Calls visit(name, table) for each.
template <typename Visit>
void for_each_listed_enum(const Page& page, Visit visit) {
  std::string name;
  for (const auto& e : page.elements) {
    if (const auto* h = std::get_if<Heading>(&e)) {
      name = text::iends_with(h->text, " values")
                 ? std::string(text::trim(std::string_view(h->text).substr(0, h->text.size() - 7)))
                 : "";
      if (name.find(' ') != std::string::npos) name.clear();
    } else if (const auto* table = std::get_if<Table>(&e); table && !name.empty()) {
      visit(name, *table);
      name.clear();
    }
  }
}

// The length of the quote that s starts with: 1 for '"' and '\'', 3 for the smart quotes
// ‘ ’ “ ” (UTF-8), 0 for none.
std::size_t quote_length(std::string_view s) {
  if (s.starts_with('"') || s.starts_with('\'')) return 1;
  for (std::string_view smart : {"\u2018", "\u2019", "\u201C", "\u201D"})
    if (s.starts_with(smart)) return smart.size();
  return 0;
}

bool lists_enums(const Page& page) {
  int n = 0;
  for_each_listed_enum(page, [&](const std::string&, const Table&) { ++n; });
  return n >= 2;
}

}  // namespace

void declare_type_page(const Page& page, TypeIndex& index) {
  std::vector<Diagnostic> ignored;
  Reporter quiet{&ignored, &page.path};
  TypeDef def;
  def.where = SourceLocation{page.path, 1};
  std::string simple;
  if (is_enum_page(page) && lists_enums(page)) {
    std::string dir =
        std::filesystem::path(normalize_page_path(page.path)).parent_path().generic_string();
    std::string ns = namespace_of(page);
    for_each_listed_enum(page, [&](const std::string& name, const Table&) {
      auto id = static_cast<int>(index.types->size());
      if (!index.by_dir_name.emplace(dir + "|" + text::to_lower(name), id).second) return;
      index.by_name[text::to_lower(name)].push_back(id);
      index.by_name[text::to_lower(ns + "." + name)].push_back(id);
      index.types->push_back(
          TypeDef{ns + "." + name, TypeKind::enumeration, def.where, {}, {}, -1, false});
    });
    return;
  }
  if (is_enum_page(page)) {
    def.kind = TypeKind::enumeration;
    simple = name_before(title_of(page), " enum type");
    if (simple.empty()) simple = std::filesystem::path(page.path).stem().string();
    def.name = namespace_of(page) + "." + simple;
  } else {
    auto block = resource_block(page, quiet);
    if (block) def.name = string_field(block->annotation, "@odata.type");
    if (def.name.empty()) {
      simple = name_before(title_of(page), " resource type");
      if (simple.empty()) return;  // not a type page
      def.name = namespace_of(page) + "." + simple;
    }
    if (def.name.starts_with("#")) def.name.erase(0, 1);
    simple = def.name.substr(def.name.rfind('.') + 1);
  }
  auto id = static_cast<int>(index.types->size());
  std::string path = normalize_page_path(page.path);
  std::string dir = std::filesystem::path(path).parent_path().generic_string();
  index.by_path[path] = id;
  index.by_dir_name.emplace(dir + "|" + text::to_lower(simple), id);
  index.by_dir_name.emplace(dir + "|" + text::to_lower(std::filesystem::path(path).stem().string()),
                            id);
  index.by_name[text::to_lower(simple)].push_back(id);
  index.by_name[text::to_lower(def.name)].push_back(id);
  index.types->push_back(std::move(def));
}

bool may_declare_type(std::string_view text) {
  // As declare_type_page decides: an enumeration page (doc_type or title), a title naming
  // a resource type, or a resource annotation, whose blockType value "resource" the text
  // holds between quotes (those lenient JSON reads as quotes) or spells with a \u escape.
  const auto front_matter = parse_front_matter(text);
  auto doc_type = front_matter.find("doc_type");
  if (doc_type != front_matter.end() && doc_type->second == "enumPageType") return true;
  auto title = front_matter.find("title");
  if (title == front_matter.end()) return true;  // the first heading is the title then
  if (text::ifind(title->second, " enum type") != std::string::npos ||
      text::ifind(title->second, " resource type") != std::string::npos)
    return true;
  if (text.find("\\u") != std::string_view::npos) return true;
  constexpr std::string_view kWord = "resource";
  for (std::size_t at = text.find(kWord); at != std::string_view::npos;
       at = text.find(kWord, at + 1)) {
    const bool opened = (at >= 1 && quote_length(text.substr(at - 1)) == 1) ||
                        (at >= 3 && quote_length(text.substr(at - 3)) == 3);
    if (opened && quote_length(text.substr(at + kWord.size())) > 0) return true;
  }
  return false;
}

void define_type_page(const Page& page, TypeIndex& index, const Reporter& report) {
  if (is_enum_page(page) && lists_enums(page)) {
    std::string dir =
        std::filesystem::path(normalize_page_path(page.path)).parent_path().generic_string();
    for_each_listed_enum(page, [&](const std::string& name, const Table& table) {
      auto it = index.by_dir_name.find(dir + "|" + text::to_lower(name));
      if (it == index.by_dir_name.end() || !(*index.types)[it->second].members.empty()) return;
      TypeDef& def = (*index.types)[it->second];
      def.where.line = table.line;
      def.members = members_of(table);
      if (def.members.empty())
        report(table.line, Severity::warning, "enum-without-values", name + " lists no members");
    });
    return;
  }
  auto found = index.by_path.find(normalize_page_path(page.path));
  if (found == index.by_path.end()) return;
  const int id = found->second;
  const std::string owner = (*index.types)[id].name;

  if ((*index.types)[id].kind == TypeKind::enumeration) {
    std::vector<std::string> members;
    for (const auto& e : page.elements)
      if (const auto* table = std::get_if<Table>(&e); table && table->rows.size() >= 2) {
        members = members_of(*table);
        break;
      }
    if (members.empty())
      report(1, Severity::warning, "enum-without-values", "enumeration page lists no members");
    (*index.types)[id].members = std::move(members);
    return;
  }

  std::vector<Property> properties;
  std::string section;
  int inherits = -1;  // from "Inherits from [base](...)" when the annotation names no baseType
  for (const auto& e : page.elements) {
    if (const auto* p = std::get_if<Paragraph>(&e); p && inherits < 0)
      inherits = base_named_in(*p, page.path, index);
    if (const auto* h = std::get_if<Heading>(&e); h && h->level <= 3 && !h->text.starts_with("[")) {
      section = text::to_lower(h->text);
    } else if (const auto* table = std::get_if<Table>(&e);
               table && (section == "properties" || section == "relationships")) {
      for (Property& p : read_property_table(*table, owner, page.path, index, report)) {
        bool seen = false;
        for (const Property& q : properties) seen = seen || q.name == p.name;
        if (!seen) properties.push_back(std::move(p));
      }
    }
  }

  if (auto block = resource_block(page, report)) {
    TypeDef& def = (*index.types)[id];
    std::string base = string_field(block->annotation, "baseType");
    if (!base.empty()) {
      def.base = index.find_named(page.path, base);
      if (def.base < 0)
        report(1, Severity::note, "unresolved-base-type",
               "base type " + base + " is not a loaded page");
    }
    if (def.base < 0 && inherits >= 0 && inherits != id) def.base = inherits;
    if (auto open = block->annotation.find("openType");
        open != block->annotation.end() && open->value().is_bool())
      def.open = open->value().as_bool();
  }
  TypeDef& def = (*index.types)[id];
  if (def.base < 0 && inherits >= 0 && inherits != id) def.base = inherits;
  def.properties = std::move(properties);
}

void flatten_inheritance(TypeTable& types) {
  std::vector<char> state(types.size(), 0);  // 0 new, 1 in progress, 2 done
  std::function<void(int)> flatten = [&](int id) {
    if (state[id] != 0) return;
    state[id] = 1;
    int base = types[id].base;
    if (base >= 0 && base != id && types[base].kind == TypeKind::complex) {
      flatten(base);
      for (const Property& inherited : types[base].properties) {
        bool seen = false;
        for (const Property& own : types[id].properties) seen = seen || own.name == inherited.name;
        if (!seen) types[id].properties.push_back(inherited);
      }
      types[id].open = types[id].open || types[base].open;
    }
    state[id] = 2;
  };
  for (int id = 0; id < static_cast<int>(types.size()); ++id) flatten(id);
}

}  // namespace mockserver::compiler
