"""The report of scripts/bench: the figures as markdown tables, the targets of issue #5 met or
missed, and docs/benchmarks.md with the machine's description and the date."""
import os
import platform
import re
import subprocess
import time


def sh(command):
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def machine():
    cpu = sh("lscpu | sed -n 's/^Model name: *//p'") or platform.processor()
    memory = sh("free -g | awk '/^Mem:/ {print $2}'")
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} cores"
                + (" (virtual machine: " + sh("lscpu | sed -n 's/^Hypervisor vendor: *//p'") + ")"
                   if sh("lscpu | grep -i hypervisor") else "")),
        ("memory", f"{memory} GiB"),
        ("system", f"Debian {sh('cat /etc/debian_version')}, Linux {platform.release()}"),
        ("compiler", sh("g++ --version | head -1") + ", CMake Release (-O3)"),
        ("cpp-httplib", sh("sed -n 's/#define CPPHTTPLIB_VERSION \"\\(.*\\)\"/\\1/p' /usr/include/httplib.h")),
        ("load generator", sh("wrk --version 2>&1 | head -1 | cut -d' ' -f1-2")
         + ", 2 threads, on the same 2 cores as the servers"),
        ("load average (1, 5, 15 min) when written", sh("cut -d' ' -f1-3 /proc/loadavg")),
    ]


def ms(x):
    return f"{x:.3f}" if x < 10 else f"{x:.0f}"


def targets(r):
    """(what, figure, target, met) for every target the run measured."""
    out = []
    t = r.get("throughput", {})
    if "mock@8" in t and "ceiling@8" in t:
        ratio = t["mock@8"]["rps"] / t["ceiling@8"]["rps"]
        out.append(("throughput at 8 connections / ceiling", f"{ratio:.2f} x", ">= 0.85 x", ratio >= 0.85))
        out.append(("p99 latency at 8 connections", f"{t['mock@8']['p99']:.3f} ms", "<= 1 ms",
                    t["mock@8"]["p99"] <= 1.0))
    for peer, want in (("wiremock", 2.0), ("prism", 10.0), ("pact", None)):
        if f"{peer}@8" in t:
            ratio = t["mock@8"]["rps"] / t[f"{peer}@8"]["rps"]
            out.append((f"throughput at 8 connections / {peer}", f"{ratio:.1f} x",
                        f">= {want:g} x" if want else "(for comparison)", ratio >= want if want else None))
    s = r.get("startup", {})
    if "inprocess_mock_from_page" in s:
        v = s["inprocess_mock_from_page"]["median"]
        out.append(("in-process start to first response (from the page)", f"{v:.3f} ms", "<= 0.5 ms",
                    v <= 0.5))
        if "inprocess_pact" in s:
            pact = s["inprocess_pact"]["median"]
            out.append(("in-process start to first response, Pact's FFI mock server",
                        f"{pact:.3f} ms (mock / Pact = {v / pact:.2f} x)", "(for comparison)", None))
    if "process_fixtures" in s:
        v = s["process_fixtures"]["median"]
        out.append(("process start to first 201, fixtures/", f"{v:.1f} ms", "<= 50 ms", v <= 50))
    if "process_corpus" in s:
        v = s["process_corpus"]["median"]
        out.append(("process start to first 201, whole corpus", f"{v:.0f} ms", "<= 1500 ms", v <= 1500))
    m = r.get("memory", {})
    if "mock" in m:
        out.append(("peak RSS serving fixtures/ (after the load)", f"{m['mock'][1]:.1f} MiB", "<= 20 MiB",
                    m["mock"][1] <= 20))
    if "mock (corpus)" in m:
        out.append(("peak RSS serving the corpus", f"{m['mock (corpus)'][1]:.0f} MiB", "<= 150 MiB",
                    m["mock (corpus)"][1] <= 150))
    micro = {b["name"]: b for b in r.get("micro", [])}
    one, many = micro.get("BM_RouteLookup/1"), micro.get("BM_RouteLookup/10000")
    if one and many:
        ratio = many["time"] / one["time"]
        out.append(("route lookup, 10,000 routes / 1 route", f"{ratio:.2f} x", "<= 1.5 x", ratio <= 1.5))
    load = next((b for n, b in micro.items() if n.startswith("BM_LoadCorpus")), None)
    if load:
        out.append(("loading the whole corpus (issue #2), wall time", f"{load['time']:.0f} ms",
                    "< 1000 ms", load["time"] < 1000))
    return out


def table(r):
    lines = []
    t = r.get("throughput")
    if t:
        lines += ["### Throughput and latency (median of the rounds)", "",
                  "| server | connections | req/s | (min - max) | p50 ms | p99 ms | ratio | non-2xx |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for key, v in t.items():
            name, c = key.split("@")
            mock = t.get(f"mock@{c}")
            if name == "mock":
                ceiling = t.get(f"ceiling@{c}")
                ratio = f"{v['rps'] / ceiling['rps']:.2f} x ceiling" if ceiling else ""
            else:
                ratio = f"mock = {mock['rps'] / v['rps']:.2f} x" if mock else ""
            lines.append(f"| {name} | {c} | {v['rps']:.0f} | {v['rps_min']:.0f} - {v['rps_max']:.0f} | "
                         f"{ms(v['p50'])} | {ms(v['p99'])} | {ratio} | {v['non2xx'] + v['socket_errors']} |")
        lines.append("")
    m = r.get("memory")
    if m:
        lines += ["### Memory", "", "| process | RSS after start, MiB | peak RSS, MiB |", "|---|---:|---:|"]
        idle = dict(r.get("idle_rss", {}), mock=r.get("idle_rss_fixtures"))
        idle["mock (corpus)"] = r.get("idle_rss_corpus")
        for name, (rss, hwm) in m.items():
            first = idle.get(name)
            lines.append(f"| {name} | {first:.1f} | {hwm:.1f} |" if first else f"| {name} | | {hwm:.1f} |")
        lines.append("")
    s = r.get("startup")
    if s:
        names = {
            "inprocess_mock_from_page": "in-process: Server(seed page) to first 201",
            "inprocess_mock_from_catalog": "in-process: Server(compiled seed catalog) to first 201",
            "inprocess_ceiling": "in-process: bare cpp-httplib constructed, bound, started to first 201",
            "inprocess_pact": "in-process: Pact FFI mock server (C ABI) to first 201",
            "process_fixtures": "process: `mockserver serve fixtures/` exec to first 201",
            "process_ceiling": "process: bare cpp-httplib server exec to first 201",
            "process_corpus": "process: `mockserver serve ../shared/graph-docs` exec to first 201",
            "process_wiremock": "process: WireMock exec to first 201",
            "process_prism": "process: Prism exec to first 201",
            "process_pact": "process: `bench_pact --serve` (dlopen libpact_ffi.so) exec to first 201",
        }
        lines += ["### Start-up", "", "| what | median ms | p10 ms | p90 ms |", "|---|---:|---:|---:|"]
        order = list(names)
        for key, v in sorted(s.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)):
            lines.append(f"| {names.get(key, key)} | {ms(v['median'])} | {ms(v['p10'])} | {ms(v['p90'])} |")
        lines.append("")
    micro = r.get("micro")
    if micro:
        lines += ["### Micro-benchmarks (Google Benchmark, median of 3 repetitions)", "",
                  "| benchmark | wall | CPU |", "|---|---:|---:|"]
        for b in micro:
            lines.append(f"| {b['name']} | {b['time']:.4g} {b['unit']} | {b['cpu']:.4g} {b['unit']} |")
        lines.append("")
    goals = targets(r)
    if goals:
        lines += ["### Targets (issue #5)", "", "| target | measured | goal | |", "|---|---:|---:|---|"]
        for what, figure, goal, met in goals:
            verdict = "" if met is None else "met" if met else "**missed**"
            lines.append(f"| {what} | {figure} | {goal} | {verdict} |")
        lines.append("")
    for note in r.get("notes", []):
        lines.append(f"- {note}")
    return "\n".join(lines).rstrip() + "\n"


def write_doc(path, r):
    """Replaces the generated part of docs/benchmarks.md, keeping the hand-written part after it."""
    marker = "<!-- end of the generated part -->"
    kept = ""
    if os.path.exists(path):
        text = open(path).read()
        if marker in text:
            kept = text.split(marker, 1)[1]
    when = time.strftime("%Y-%m-%d %H:%M %Z", time.localtime(r["started"]))
    a = r["args"]
    head = [
        "# Benchmarks",
        "",
        f"Generated by `scripts/bench{' --peers' if a.get('peers') else ''}` on {when} "
        f"({(r['finished'] - r['started']) / 60:.1f} minutes). Release build; "
        f"wrk runs of {a['seconds']} s, {a['rounds']} rounds, the servers alternating run by run.",
        "",
        "| machine | |",
        "|---|---|",
    ] + [f"| {k} | {v} |" for k, v in machine()] + [""]
    with open(path, "w") as f:
        f.write("\n".join(head) + "\n" + table(r) + "\n" + marker + kept)


if __name__ == "__main__":
    import json
    import sys
    print(table(json.load(open(sys.argv[1]))))
    if len(sys.argv) > 2:
        write_doc(sys.argv[2], json.load(open(sys.argv[1])))
