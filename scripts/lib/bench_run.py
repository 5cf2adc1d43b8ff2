"""Running things for scripts/bench: servers as child processes, wrk, and /proc readings."""
import os
import re
import select
import signal
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The workload: the seed page's example with a valid "status", posted to its collection.
SEED_PATH = ("/beta/deviceManagement/deviceConfigurations/42/"
             "microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates")
SEED_BODY = ('{"@odata.type":"#microsoft.graph.windowsUpdateState","deviceId":"Device Id value",'
             '"userId":"User Id value","deviceDisplayName":"Device Display Name value",'
             '"userPrincipalName":"User Principal Name value","status":"upToDate",'
             '"qualityUpdateVersion":"Quality Update Version value",'
             '"featureUpdateVersion":"Feature Update Version value",'
             '"lastScanDateTime":"2016-12-31T23:56:31.6960562+03:00",'
             '"lastSyncDateTime":"2017-01-01T00:00:28.8363536+03:00"}')

WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = [[%s]]
wrk.headers["Authorization"] = "Bearer x"
wrk.headers["Content-Type"] = "application/json"
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
""" % SEED_BODY


class Service:
    """A server run as a child process; ready when its output shows `ready` (a regex whose
    first group is the URL) or, with `url` given, when a TCP connect succeeds."""

    def __init__(self, name, command, ready=None, url=None, cwd=None, env=None, timeout=120):
        self.name = name
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.log, cwd=cwd,
                                     env=env, start_new_session=True)
        self.url = url
        deadline = time.time() + timeout
        seen = b""
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{name} exited: {self.stderr()[-500:]}")
            if ready:
                r, _, _ = select.select([self.proc.stdout], [], [], 0.05)
                if r:
                    seen += os.read(self.proc.stdout.fileno(), 65536)
                    m = re.search(ready.encode(), seen)
                    if m:
                        self.url = m.group(1).decode()
                        break
            elif answers(url):
                break
            else:
                time.sleep(0.1)
        else:
            self.stop()
            raise RuntimeError(f"{name} did not start within {timeout} s")
        # Keep draining stdout so a chatty server never blocks on a full pipe.
        self.drain = subprocess.Popen(["cat"], stdin=self.proc.stdout, stdout=subprocess.DEVNULL)

    def stderr(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def memory(self):
        """(current RSS, peak RSS) in MiB, of the process and its descendants."""
        rss = hwm = 0
        for pid in [self.proc.pid] + descendants(self.proc.pid):
            try:
                status = open(f"/proc/{pid}/status").read()
            except OSError:
                continue
            rss += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            hwm += int(re.search(r"VmHWM:\s+(\d+)", status).group(1))
        return rss / 1024.0, hwm / 1024.0

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def descendants(pid):
    out = []
    try:
        children = open(f"/proc/{pid}/task/{pid}/children").read().split()
    except OSError:
        return out
    for child in children:
        out.append(int(child))
        out.extend(descendants(int(child)))
    return out


def answers(url):
    import socket
    m = re.match(r"http://([^:/]+):(\d+)", url)
    try:
        with socket.create_connection((m.group(1), int(m.group(2))), timeout=0.5):
            return True
    except OSError:
        return False


def wrk(url, connections, seconds, script):
    """One wrk run of the workload; returns requests/s, p50 and p99 (ms) and error counts."""
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s",
                          script, url + SEED_PATH], capture_output=True, text=True, timeout=seconds + 60)
    m = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out.stdout)
    if not m:
        raise RuntimeError("wrk: " + out.stdout + out.stderr)
    requests, micros, p50, p99, status_errors, socket_errors = map(int, m.groups())
    return {"rps": requests / (micros / 1e6), "p50": p50 / 1000.0, "p99": p99 / 1000.0,
            "non2xx": status_errors, "socket_errors": socket_errors, "requests": requests}


def write_wrk_script(directory):
    path = os.path.join(directory, "post.lua")
    with open(path, "w") as f:
        f.write(WRK_SCRIPT)
    return path


def post_ok(url):
    """One POST of the workload; the status (0 when nothing answered)."""
    import http.client
    import urllib.parse
    u = urllib.parse.urlparse(url)
    try:
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
        conn.request("POST", SEED_PATH, body=SEED_BODY,
                     headers={"Authorization": "Bearer x", "Content-Type": "application/json"})
        status = conn.getresponse().status
        conn.close()
        return status
    except OSError:
        return 0
