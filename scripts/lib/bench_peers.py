"""Peers for scripts/bench --peers: WireMock 3.13.2 (npm `wiremock` bundles its jar; Java 17)
with a stub of the seed's contract: the same path template, Authorization and Content-Type
headers, a JSON schema of the same body, and a 201 with a templated UUID. Installed under
~/.cache/mockserver-bench; a peer that cannot be installed or started is skipped, saying so.
Prism and Pact are not driven yet (see docs/benchmarks.md)."""
import json
import os
import shutil
import socket
import subprocess

from bench_run import SEED_PATH, Service

CACHE = os.path.expanduser(os.environ.get("MOCKSERVER_BENCH_CACHE", "~/.cache/mockserver-bench"))
WIREMOCK = "3.13.2"

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


def npm_install(package, notes):
    os.makedirs(CACHE, exist_ok=True)
    name = package.rsplit("@", 1)[0]
    if os.path.isdir(os.path.join(CACHE, "node_modules", name)):
        return True
    if not shutil.which("npm"):
        notes.append(f"{package}: npm is missing; skipped")
        return False
    out = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", package], cwd=CACHE,
                         capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        notes.append(f"{package}: npm install failed ({out.stderr.strip()[-200:]}); skipped")
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


def start_wiremock(notes):
    if not shutil.which("java"):
        notes.append("WireMock: java is missing; skipped")
        return None
    if not npm_install(f"wiremock@{WIREMOCK}", notes):
        return None
    port = free_port()
    try:
        return Service("wiremock", wiremock_command(port), url=f"http://127.0.0.1:{port}", timeout=60)
    except RuntimeError as e:
        notes.append(f"WireMock: {e}; skipped")
        return None


def start_all(bindir, notes):
    peers = [p for p in [start_wiremock(notes)] if p]
    notes.append("Prism 5.16 and Pact's FFI mock server: not driven by this version of scripts/bench.")
    return peers


def startup(bindir, notes):
    """Process start to the first 201 of each peer that starts."""
    results = {}
    if not shutil.which("java") or not os.path.isdir(os.path.join(CACHE, "node_modules", "wiremock")):
        return results
    tool = os.path.join(bindir, "bench_process_start")
    # WireMock prints no URL on stdout: a wrapper prints the line bench_process_start waits for.
    port = free_port()
    wrapper = os.path.join(CACHE, "wiremock-start.sh")
    with open(wrapper, "w") as f:
        f.write("#!/bin/sh\n" + " ".join(f"'{a}'" for a in wiremock_command(port)) + " >/dev/null 2>&1 &\n"
                f"child=$!\ntrap 'kill $child; wait $child' TERM\n"
                f"until (exec 3<>/dev/tcp/127.0.0.1/{port}) 2>/dev/null; do sleep 0.01; done\n"
                f"echo 'listening on http://127.0.0.1:{port}'\nwait $child\n")
    os.chmod(wrapper, 0o755)
    out = subprocess.run([tool, "--runs", "3", "--", "bash", wrapper], capture_output=True, text=True,
                         timeout=600)
    if out.returncode == 0:
        median, p10, p90 = (float(x) for x in out.stdout.split("(ms)")[0].split()[-3:])
        results["process_wiremock"] = {"median": median, "p10": p10, "p90": p90}
    else:
        notes.append("WireMock start-up: " + out.stderr.strip()[-200:])
    return results
