// Small documentation pages written for the server suites: an API page whose request-body
// table covers the Edm types, the resource pages it links to (a complex part, an enumeration,
// a derived type, an unrelated type), and pages with odd documented responses.
#pragma once

#include <string>
#include <vector>

#include "mockserver/catalog.hpp"

namespace mockserver::test_support {

// api/widget-post.md
inline constexpr const char* kWidgetApi = R"md(---
title: "Create widget"
doc_type: apiPageType
---

# Create widget

Namespace: microsoft.graph

## HTTP request

<!-- { "blockType": "ignored" } -->
``` http
POST /widgets
GET /widgets
```

## Request headers

|Header|Value|
|:---|:---|
|Authorization|Bearer {token}|
|Content-Type|application/json|

## Request body

In the request body, supply a JSON representation of a [widget](../resources/widget.md) object.

|Property|Type|Description|
|:---|:---|:---|
|count|Int32|How many.|
|total|Int64|A big number.|
|enabled|Boolean|On or off.|
|ratio|Double|A fraction.|
|ownerId|Guid|Who owns it.|
|madeOn|Date|The day it was made.|
|madeAt|DateTimeOffset|When it was made.|
|lifetime|Duration|How long it lasts.|
|opensAt|TimeOfDay|When it opens.|
|thumbnail|Binary|A small picture.|
|tags|String collection|Labels.|
|part|[widgetPart](../resources/widgetpart.md)|The main part.|
|color|[widgetColor](../resources/widgetcolor.md)|Its color.|

## Response

If successful, this method returns a `201 Created` response code and a [widget](../resources/widget.md) object in the response body.

## Example

### Request

<!-- { "blockType": "request", "name": "create_widget" } -->
``` http
POST https://graph.microsoft.com/v1.0/widgets
Content-type: application/json

{
  "name": "w",
  "count": 1
}
```

### Response

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget" } -->
``` http
HTTP/1.1 201 Created
Content-type: application/json

{
  "id": "AAMkAGI2TG93AAA=",
  "name": "w",
  "count": 1,
}
```
)md";

// resources/widget.md
inline constexpr const char* kWidgetResource = R"md(---
title: "widget resource type"
doc_type: resourcePageType
---

# widget resource type

Namespace: microsoft.graph

A widget.

## Properties

|Property|Type|Description|
|:---|:---|:---|
|id|String|The identifier.|
|name|String|The name.|

## JSON representation

<!-- {
  "blockType": "resource",
  "@odata.type": "microsoft.graph.widget"
} -->
``` json
{
  "id": "String",
  "name": "String"
}
```
)md";

// resources/specialwidget.md
inline constexpr const char* kSpecialWidgetResource = R"md(---
title: "specialWidget resource type"
doc_type: resourcePageType
---

# specialWidget resource type

Namespace: microsoft.graph

A special widget.

## Properties

|Property|Type|Description|
|:---|:---|:---|
|sparkle|Int32|How much it sparkles.|

## JSON representation

<!-- {
  "blockType": "resource",
  "baseType": "microsoft.graph.widget",
  "@odata.type": "microsoft.graph.specialWidget"
} -->
``` json
{
  "sparkle": 1
}
```
)md";

// resources/widgetpart.md
inline constexpr const char* kWidgetPartResource = R"md(---
title: "widgetPart resource type"
doc_type: resourcePageType
---

# widgetPart resource type

Namespace: microsoft.graph

## Properties

|Property|Type|Description|
|:---|:---|:---|
|label|String|The label.|
|weight|Int32|The weight.|

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.widgetPart" } -->
``` json
{ "label": "String", "weight": 1 }
```
)md";

// resources/widgetcolor.md
inline constexpr const char* kWidgetColorEnum = R"md(---
title: "widgetColor enum type"
doc_type: enumPageType
---

# widgetColor enum type

Namespace: microsoft.graph

|Member|Description|
|:---|:---|
|red|Red.|
|green|Green.|
|unknownFutureValue|Sentinel.|
)md";

// resources/gadget.md
inline constexpr const char* kGadgetResource = R"md(---
title: "gadget resource type"
doc_type: resourcePageType
---

# gadget resource type

Namespace: microsoft.graph

## Properties

|Property|Type|Description|
|:---|:---|:---|
|name|String|The name.|

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.gadget" } -->
``` json
{ "name": "String" }
```
)md";

inline std::vector<PageText> widget_pages() {
  return {{"api/widget-post.md", kWidgetApi},
          {"resources/widget.md", kWidgetResource},
          {"resources/specialwidget.md", kSpecialWidgetResource},
          {"resources/widgetpart.md", kWidgetPartResource},
          {"resources/widgetcolor.md", kWidgetColorEnum},
          {"resources/gadget.md", kGadgetResource}};
}

// A POST page whose documented 201 response body is broken beyond repair.
inline constexpr const char* kBrokenResponseApi = R"md(---
title: "Create thing"
doc_type: apiPageType
---

# Create thing

## HTTP request

``` http
POST /things
```

## Example

<!-- { "blockType": "request", "name": "create_thing" } -->
``` http
POST https://graph.microsoft.com/beta/things
Content-type: application/json

{ "name": "t" }
```

<!-- { "blockType": "response" } -->
``` http
HTTP/1.1 201 Created
Content-type: application/json

{ "id": "x", "value": [ 1, 2 }
```
)md";

}  // namespace mockserver::test_support
