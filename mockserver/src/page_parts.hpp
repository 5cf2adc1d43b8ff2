// The parts of an API page that contracts are built from (internal).
#pragma once

#include "compiler.hpp"

namespace mockserver::compiler {

struct Template {
  std::string method;
  std::string path;
  int line = 0;
};

struct ExampleBlock {
  HttpBlock http;
  int line = 0;  // the request or status line
  std::string name;
  boost::json::object annotation;
  int paired = -1;  // index of the paired response (in a request) or request (in a response)
};

struct PageParts {
  std::vector<Template> templates;
  const Table* header_table = nullptr;
  bool has_body_section = false;
  int body_section_line = 0;
  const Table* body_table = nullptr;
  std::vector<Link> body_links;
  std::vector<ExampleBlock> requests;
  std::vector<ExampleBlock> responses;
};

// One pass over the page's elements, section by section.
PageParts walk_api_page(const Page& page, const Reporter& report);

// Pairs each response with a request: by repeated name, else the nearest preceding unpaired one.
void pair_examples(PageParts& parts);

boost::json::value read_example_body(const HttpBlock& http, const Reporter& report,
                                     bool is_request);

Example make_example(const Page& page, const ExampleBlock& request, const ExampleBlock* response,
                     const Reporter& report);

}  // namespace mockserver::compiler
