"""Peers for scripts/bench --peers, each given the seed's contract: the same path template,
`Authorization: Bearer ...`, `Content-Type: application/json`, the same body shape and a 201
with the documented example.
- WireMock 3.13.2 (npm `wiremock` bundles its jar; Java 17): a stub with a JSON schema of the
  body and a templated UUID.
- Prism 5.16 (npm `@stoplight/prism-cli`): an OpenAPI 3.1 document generated from the same
  JSON schema (bearer security, request validation, Prism's default).
- Pact's mock server (libpact_ffi.so from npm `@pact-foundation/pact-core-linux-x64-glibc`),
  driven in-process through its C ABI by bench_pact (bench/pact_peer.cpp): type and regex
  matchers, since Pact has no schemas.
Installed under ~/.cache/mockserver-bench; a peer that cannot be installed, started or given
the workload's 201 is skipped, saying so."""
import json
import os
import shutil
import socket
import subprocess

from bench_run import SEED_PATH, Service, post_ok

CACHE = os.path.expanduser(os.environ.get("MOCKSERVER_BENCH_CACHE", "~/.cache/mockserver-bench"))
WIREMOCK = "3.13.2"
PRISM = "5.16"
PACT_CORE = "@pact-foundation/pact-core-linux-x64-glibc"
PACT_CORE_VERSION = "20.2.0"
LISTENING = r"listening on (http://[0-9.]+:[0-9]+)"

STRING = {"type": ["string", "null"]}
DATETIME = {"type": ["string", "null"], "format": "date-time"}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "@odata.type": {"type": "string", "enum": ["#microsoft.graph.windowsUpdateState"]},
        "id": STRING, "deviceId": STRING, "userId": STRING, "deviceDisplayName": STRING,
        "userPrincipalName": STRING,
        "status": {"enum": ["upToDate", "pendingInstallation", "pendingReboot", "failed", None]},
        "qualityUpdateVersion": STRING, "featureUpdateVersion": STRING,
        "lastScanDateTime": DATETIME, "lastSyncDateTime": DATETIME,
    },
}
RESPONSE = ('{"@odata.type":"#microsoft.graph.windowsUpdateState","id":"{{randomValue type=\'UUID\'}}",'
            '"deviceId":"Device Id value","userId":"User Id value",'
            '"deviceDisplayName":"Device Display Name value",'
            '"userPrincipalName":"User Principal Name value","status":"String",'
            '"qualityUpdateVersion":"Quality Update Version value",'
            '"featureUpdateVersion":"Feature Update Version value",'
            '"lastScanDateTime":"2016-12-31T23:56:31.6960562+03:00",'
            '"lastSyncDateTime":"2017-01-01T00:00:28.8363536+03:00"}')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def skip(notes, text):
    if text not in notes:
        notes.append(text)


def npm_install(package, notes):
    os.makedirs(CACHE, exist_ok=True)
    name = package.rsplit("@", 1)[0]
    if os.path.isdir(os.path.join(CACHE, "node_modules", name)):
        return True
    if not shutil.which("npm"):
        skip(notes, f"{package}: npm is missing; skipped")
        return False
    out = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", package], cwd=CACHE,
                         capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        why = " ".join(line for line in out.stderr.splitlines() if "A complete log" not in line)
        skip(notes, f"{package}: npm install failed ({why[:200]}); skipped")
        return False
    return True


def wiremock_root():
    root = os.path.join(CACHE, "wiremock-root")
    os.makedirs(os.path.join(root, "mappings"), exist_ok=True)
    template = SEED_PATH.replace("/42/", "/{deviceConfigurationId}/")
    stub = {
        "request": {
            "method": "POST",
            "urlPathTemplate": template,
            "headers": {"Authorization": {"matches": "Bearer .+"},
                        "Content-Type": {"contains": "application/json"}},
            "bodyPatterns": [{"matchesJsonSchema": SCHEMA, "schemaVersion": "V202012"}],
        },
        "response": {"status": 201, "headers": {"Content-Type": "application/json"},
                     "body": RESPONSE, "transformers": ["response-template"]},
    }
    with open(os.path.join(root, "mappings", "seed.json"), "w") as f:
        json.dump(stub, f, indent=1)
    return root


def wiremock_command(port):
    jar = os.path.join(CACHE, "node_modules", "wiremock", "build", f"wiremock-standalone-{WIREMOCK}.jar")
    return ["java", "-jar", jar, "--port", str(port), "--root-dir", wiremock_root(), "--disable-banner"]


def runtime_and_package(name, runtime, package, notes):
    """Whether the peer can run: its runtime (java, node) is here and its npm package installed."""
    if not shutil.which(runtime):
        skip(notes, f"{name}: {runtime} is missing; skipped")
        return False
    return npm_install(package, notes)


def start_on_free_port(name, ready, command):
    """The peer `command(port)` as a Service on a free port, once `ready()`; None when not."""
    if not ready():
        return None
    port = free_port()
    return Service(name, command(port), url=f"http://127.0.0.1:{port}", timeout=60)


def wiremock_ready(notes):
    return runtime_and_package("WireMock", "java", f"wiremock@{WIREMOCK}", notes)


def start_wiremock(bindir, notes):
    return start_on_free_port("wiremock", lambda: wiremock_ready(notes), wiremock_command)


def prism_document():
    """The seed's contract in OpenAPI 3.1, whose schemas are JSON Schema 2020-12 like WireMock's."""
    example = json.loads(RESPONSE.replace("{{randomValue type='UUID'}}", "98c6922f-922f-98c6-2f92-c6982f92c698"))
    # Prism also checks its own answer: the page's example has "status": "String", served as
    # documented (as the mock does), so the response's schema leaves `status` a string.
    response = dict(SCHEMA, properties=dict(SCHEMA["properties"], status=STRING))
    operation = {
        "operationId": "create_windowsUpdateState",
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "security": [{"bearer": []}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": SCHEMA}}},
        "responses": {"201": {"description": "Created", "content": {
            "application/json": {"schema": response, "example": example}}}},
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Add deviceUpdateStates (the seed page)", "version": "1"},
        "paths": {SEED_PATH.replace("/42/", "/{id}/"): {"post": operation}},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
    path = os.path.join(CACHE, "prism-seed.json")
    with open(path, "w") as f:
        json.dump(document, f, indent=1)
    return path


def prism_command(port, quiet=True):
    """quiet: warnings and errors only (the mock runs --quiet, WireMock logs no request);
    otherwise Prism logs every request and prints the "listening on" line at start."""
    cli = os.path.realpath(os.path.join(CACHE, "node_modules", ".bin", "prism"))
    return (["node", cli, "mock", "-h", "127.0.0.1", "-p", str(port)]
            + (["--verboseLevel", "warn"] if quiet else []) + [prism_document()])


def prism_ready(notes):
    return runtime_and_package("Prism", "node", f"@stoplight/prism-cli@{PRISM}", notes)


def start_prism(bindir, notes):
    return start_on_free_port("prism", lambda: prism_ready(notes), prism_command)


def pact_library(bindir, notes):
    """libpact_ffi.so, or None (saying why) when it or bench_pact is missing."""
    if not os.path.exists(os.path.join(bindir, "bench_pact")):
        skip(notes, "Pact: bench_pact is not built; skipped")
        return None
    if not npm_install(f"{PACT_CORE}@{PACT_CORE_VERSION}", notes):
        return None
    library = os.path.join(CACHE, "node_modules", PACT_CORE, "prebuilds", "linux-x64", "libpact_ffi.so")
    if not os.path.exists(library):
        skip(notes, f"Pact: {PACT_CORE} has no prebuilds/linux-x64/libpact_ffi.so; skipped")
        return None
    return library


def start_pact(bindir, notes):
    library = pact_library(bindir, notes)
    if not library:
        return None
    return Service("pact", [os.path.join(bindir, "bench_pact"), "--serve", "--lib", library],
                   ready=LISTENING, timeout=60)


def describe(bindir, names, notes):
    """A note per peer that was measured: its version and how it was set up."""
    if "prism" in names:
        cli = json.load(open(os.path.join(CACHE, "node_modules", "@stoplight", "prism-cli", "package.json")))
        node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        skip(notes, f"Prism {cli['version']} (node {node}): `prism mock` of an OpenAPI 3.1 document "
                    "generated from WireMock's JSON schema (cache dir, prism-seed.json); it validates "
                    "requests (422, 401, 415) and its own answers; logging at warn; a fixed `id`.")
    if "pact" in names:
        version = subprocess.run([os.path.join(bindir, "bench_pact"), "--version", "--lib",
                                  pact_library(bindir, notes)], capture_output=True, text=True).stdout.strip()
        skip(notes, f"Pact: {version} ({PACT_CORE} {PACT_CORE_VERSION}), specification V4, the mock "
                    "server in bench_pact's process: a regex for the path and `Authorization`, a type "
                    "matcher per property, regexes for `status` and the dates (so every property is "
                    "required and none may be null); a mismatch is a 500; it keeps every request.")


def start_all(bindir, notes):
    """The peers that start and answer the workload with its 201."""
    peers = []
    for name, start in (("WireMock", start_wiremock), ("Prism", start_prism), ("Pact", start_pact)):
        try:
            peer = start(bindir, notes)
        except RuntimeError as e:
            skip(notes, f"{name}: {e}; skipped")
            continue
        if peer is None:
            continue
        status = post_ok(peer.url)
        if status != 201:
            skip(notes, f"{name}: answered the workload with {status}, not 201; skipped")
            peer.stop()
            continue
        peers.append(peer)
    describe(bindir, [p.name for p in peers], notes)
    return peers


def process_start(bindir, name, command, runs, notes):
    """bench_process_start of `command`: {median, p10, p90} in ms, or None (noted)."""
    out = subprocess.run([os.path.join(bindir, "bench_process_start"), "--runs", str(runs), "--"] + command,
                         capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        skip(notes, f"{name} start-up: {out.stderr.strip()[-200:]}")
        return None
    return parse_ms(out.stdout)


def parse_ms(text):
    median, p10, p90 = (float(x) for x in text.split("(ms)")[0].split()[-3:])
    return {"median": median, "p10": p10, "p90": p90}


def startup(bindir, notes):
    """Process start to the first 201 of each peer that starts; Pact's in-process start too."""
    results = {}
    if wiremock_ready(notes):
        # WireMock prints no URL on stdout: a wrapper prints the line bench_process_start waits for.
        port = free_port()
        wrapper = os.path.join(CACHE, "wiremock-start.sh")
        with open(wrapper, "w") as f:
            f.write("#!/bin/sh\n" + " ".join(f"'{a}'" for a in wiremock_command(port)) + " >/dev/null 2>&1 &\n"
                    f"child=$!\ntrap 'kill $child; wait $child' TERM\n"
                    f"until (exec 3<>/dev/tcp/127.0.0.1/{port}) 2>/dev/null; do sleep 0.01; done\n"
                    f"echo 'listening on http://127.0.0.1:{port}'\nwait $child\n")
        os.chmod(wrapper, 0o755)
        results["process_wiremock"] = process_start(bindir, "WireMock", ["bash", wrapper], 3, notes)
    if prism_ready(notes):
        # Prism's own log line at start says "Prism is listening on http://127.0.0.1:PORT".
        results["process_prism"] = process_start(bindir, "Prism", prism_command(free_port(), quiet=False), 5,
                                                 notes)
    library = pact_library(bindir, notes)
    if library:
        tool = os.path.join(bindir, "bench_pact")
        out = subprocess.run([tool, "--lib", library, "--runs", "200"], capture_output=True, text=True,
                             timeout=600)
        if out.returncode == 0:
            results["inprocess_pact"] = parse_ms(out.stdout.split(":", 1)[1])
        else:
            skip(notes, "Pact in-process start-up: " + out.stderr.strip()[-200:])
        results["process_pact"] = process_start(bindir, "Pact", [tool, "--serve", "--lib", library], 20, notes)
    return {k: v for k, v in results.items() if v}
