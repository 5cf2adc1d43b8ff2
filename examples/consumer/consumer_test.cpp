// The shortest use of mockserver::testing: a page, a server, a request, an expectation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <mockserver/testing.hpp>

using namespace mockserver::testing;
using ::testing::ElementsAre;

const char* const kPage = R"md(---
title: "Create widget"
doc_type: apiPageType
---

# Create widget

## HTTP request

``` http
POST /widgets
```

## Request headers

|Header|Value|
|:---|:---|
|Authorization|Bearer {token}|
|Content-Type|application/json|

## Request body

|Property|Type|Description|
|:---|:---|:---|
|name|String|The name.|

## Response

If successful, this method returns a `201 Created` response code.

## Example

<!-- { "blockType": "request", "name": "create_widget" } -->
``` http
POST https://graph.microsoft.com/v1.0/widgets
Content-type: application/json

{"name": "w"}
```

<!-- { "blockType": "response" } -->
``` http
HTTP/1.1 201 Created
Content-type: application/json

{"id": "1", "name": "w"}
```
)md";

TEST(Consumer, PostsAWidget) {
  MockServer server(mockserver::compile_pages({{"widget-post.md", kPage}}), {.strict = true});

  httplib::Client client(server.url());
  client.set_tcp_nodelay(true);
  client.Post("/v1.0/widgets", {{"Authorization", "Bearer t"}}, R"({"name":"gear"})",
              "application/json");

  EXPECT_THAT(server.requests(), ElementsAre(AllOf(IsPost("/v1.0/widgets"),
                                                   HasJsonAt("/name", "gear"), HasStatus(201))));
}
