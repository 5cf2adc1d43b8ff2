"""Replays documented POST->201 examples against a running mockserver (see scripts/conformance)."""
import argparse
import collections
import http.client
import json
import os
import sys
import urllib.parse


def send(conn, method, path, headers, body):
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    try:
        payload = json.loads(data) if data else None
    except ValueError:
        payload = None
    return response.status, dict(response.getheaders()), payload


def graph_error_shape(payload):
    error = isinstance(payload, dict) and payload.get("error")
    return (isinstance(error, dict) and isinstance(error.get("code"), str) and isinstance(error.get("message"), str)
            and isinstance(error.get("innerError"), dict) and "request-id" in error["innerError"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--pairs", required=True)
    parser.add_argument("--examples", required=True)
    parser.add_argument("--docs", required=True)
    parser.add_argument("--report")
    args = parser.parse_args()

    examples = {}
    with open(args.examples) as f:
        for line in f:
            e = json.loads(line)
            page = os.path.relpath(e["page"], args.docs)
            examples[(page, e["line"])] = e

    host = urllib.parse.urlparse(args.url)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
    pairs = [json.loads(line) for line in open(args.pairs)]
    replayable = [p for p in pairs if p["request_body_is_json"] and p["request_body"].lstrip().startswith("{")
                  and p["request_url"].startswith("https://graph.microsoft.com/") and " " not in p["request_url"]]
    failures = collections.Counter()
    failed = []
    probes = collections.Counter()
    probe_failures = []
    passed = 0
    bare_201 = 0
    auth = {"Authorization": "Bearer conformance", "Content-Type": "application/json"}
    for p in replayable:
        # post201.jsonl counts the opening fence line; contracts keep the request line after it.
        e = examples.get((p["page"], p["request_line_no"] + 1))
        path = "/" + p["request_url"].split("/", 3)[3]
        if e is None:
            failures["example not compiled"] += 1
            failed.append((p, "example not compiled", None))
            continue
        body = json.dumps(e["body"])
        status, headers, payload = send(conn, "POST", path, auth, body)
        documented = e["documented_response"] if isinstance(e["documented_response"], dict) else {}
        why = None
        if status != 201:
            code = payload["error"]["code"] if graph_error_shape(payload) else "?"
            detail = ""
            if graph_error_shape(payload):
                details = payload["error"].get("details") or []
                detail = details[0]["message"].split(";")[0] if details else payload["error"]["message"][:80]
            why = f"{status} {code}: {detail}"
            kind = f"{status} {code}" + (" (unknown property)" if "unknown property" in detail else "")
        elif payload is None and not documented and e["documented_response_body_empty"]:
            # Documented as a bare 201 (often with a Location header): no body to serve, and the
            # fresh id, if any, is in the Location header.
            location = next((v for k, v in headers.items() if k.lower() == "location"), None)
            documented_location = e["documented_location"]
            if documented_location and (not location or location == documented_location):
                why = kind = "201 without a fresh id in Location"
            else:
                bare_201 += 1
        elif not isinstance(payload, dict):
            why = kind = "201 without a JSON object"
        elif "id" in documented and (not payload.get("id") or payload.get("id") == documented.get("id")):
            why = kind = "201 without a fresh id"
        elif not set(documented) <= set(payload):
            why = kind = "201 missing documented properties"
        if why:
            failures[kind] += 1
            failed.append((p, why, payload))
        else:
            passed += 1

        # Negative probes: each must get its status in Graph's error shape.
        good = e["body"] if isinstance(e["body"], dict) else {}
        checks = [
            ("missing Authorization -> 401", 401, {"Content-Type": "application/json"}, body),
            ("text/plain -> 415", 415, {"Authorization": "Bearer x", "Content-Type": "text/plain"}, body),
            ("broken JSON -> 400", 400, auth, body[:-1] if body.endswith("}") else body + "{"),
        ]
        if e["schema_documented"] and not e["schema_open"]:
            checks.append(("unknown property -> 400", 400, auth, json.dumps(dict(good, zzUnknownProperty=1))))
        if e["string_property"]:
            checks.append(("String property as a number -> 400", 400, auth,
                           json.dumps(dict(good, **{e["string_property"]: 12345}))))
        for name, want, hdrs, probe_body in checks:
            s, _, pl = send(conn, "POST", path, hdrs, probe_body)
            probes[name] += 1
            if s != want or not graph_error_shape(pl):
                probe_failures.append((name, p["page"], p["request_line_no"], s))

    total = len(replayable)
    print(f"replayable POST->201 examples: {total}")
    print(f"201 with a fresh id and every documented property: {passed} ({100.0 * passed / total:.1f}%)")
    print(f"  of which documented as a bare 201 without a body (fresh id in Location where documented): {bare_201}")
    print("failures by kind:")
    for kind, n in failures.most_common():
        print(f"  {n:5d}  {kind}")
    print("negative probes:")
    for name, n in probes.items():
        bad = sum(1 for f in probe_failures if f[0] == name)
        print(f"  {name}: {n - bad}/{n} correct")
    if args.report:
        with open(args.report, "w") as out:
            for p, why, _ in failed:
                out.write(f"{p['page']}:{p['request_line_no']}: {why}\n")
            for name, page, line, s in probe_failures:
                out.write(f"{page}:{line}: probe {name} got {s}\n")
    ok = passed >= 0.97 * total and not probe_failures
    print("conformance:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
