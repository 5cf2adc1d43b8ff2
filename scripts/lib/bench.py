"""scripts/bench: throughput, latency, start-up, memory and micro-benchmarks of the mock against
the bare cpp-httplib ceiling (and, with --peers, WireMock, Prism and Pact), in one run."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_report  # noqa: E402
from bench_run import ROOT, Service, post_ok, wrk, write_wrk_script  # noqa: E402

CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "graph-docs"))
LISTENING = r"listening on (http://[0-9.]+:[0-9]+)"


def start_mock(bindir, pages):
    return Service("mock", [os.path.join(bindir, "mockserver"), "serve", "--quiet", "--port", "0",
                            pages], ready=LISTENING)


def throughput(targets, connections, rounds, seconds, script):
    """Alternates the targets run by run; the median of each over the rounds."""
    runs = {(t.name, c): [] for t in targets for c in connections}
    for r in range(rounds):
        for c in connections:
            for t in targets:
                result = wrk(t.url, c, seconds, script)
                runs[(t.name, c)].append(result)
                print(f"  round {r + 1} {t.name:8s} c={c:<3d} {result['rps']:9.0f} req/s "
                      f"p50 {result['p50']:.3f} ms p99 {result['p99']:.3f} ms"
                      + (f" non-2xx {result['non2xx']}" if result["non2xx"] else "")
                      + (f" socket errors {result['socket_errors']}" if result["socket_errors"] else ""),
                      flush=True)
    summary = {}
    for key, results in runs.items():
        rps = [x["rps"] for x in results]
        summary[key] = {
            "rps": statistics.median(rps), "rps_min": min(rps), "rps_max": max(rps),
            "p50": statistics.median(x["p50"] for x in results),
            "p99": statistics.median(x["p99"] for x in results),
            "non2xx": sum(x["non2xx"] for x in results),
            "socket_errors": sum(x["socket_errors"] for x in results),
        }
    return summary


def run_tool(args):
    out = subprocess.run(args, capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(" ".join(args) + ": " + out.stderr)
    return out.stdout


def parse_ms(line):
    median, p10, p90 = (float(x) for x in line.split("(ms)")[0].split()[-3:])
    return {"median": median, "p10": p10, "p90": p90}


def startup(bindir, runs_fixtures, runs_corpus):
    results = {}
    for line in run_tool([os.path.join(bindir, "bench_startup"), "--runs", "200"]).splitlines():
        name, rest = line.split(":", 1)
        results["inprocess_" + name] = parse_ms(rest)
    tool = os.path.join(bindir, "bench_process_start")
    mock = [os.path.join(bindir, "mockserver"), "serve", "--quiet", "--port", "0"]
    results["process_fixtures"] = parse_ms(run_tool(
        [tool, "--runs", str(runs_fixtures), "--"] + mock + [os.path.join(ROOT, "fixtures")]))
    results["process_ceiling"] = parse_ms(run_tool(
        [tool, "--runs", str(runs_fixtures), "--", os.path.join(bindir, "bench_ceiling")]))
    if os.path.isdir(CORPUS):
        results["process_corpus"] = parse_ms(run_tool(
            [tool, "--runs", str(runs_corpus), "--"] + mock + [CORPUS]))
    return results


def micro(bindir, workdir):
    results = []
    for name in ("compile_bench", "route_bench", "exchange_bench"):
        out = os.path.join(workdir, name + ".json")
        run_tool([os.path.join(bindir, name), "--benchmark_repetitions=3",
                  "--benchmark_report_aggregates_only=true", "--benchmark_format=json",
                  "--benchmark_out=" + out, "--benchmark_out_format=json"])
        for b in json.load(open(out))["benchmarks"]:
            if b.get("aggregate_name") == "median":
                results.append({"name": b["run_name"], "time": b["real_time"], "cpu": b["cpu_time"],
                                "unit": b["time_unit"]})
    return results


def main():
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("--bindir", required=True)
    parser.add_argument("--peers", action="store_true", help="also WireMock, Prism and Pact")
    parser.add_argument("--seconds", type=int, default=5, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of wrk runs")
    parser.add_argument("--doc", default=os.path.join(ROOT, "docs", "benchmarks.md"),
                        help="where to write the report ('' for nowhere)")
    parser.add_argument("--skip", default="", help="comma-separated: throughput,startup,micro")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    workdir = tempfile.mkdtemp(prefix="mockserver-bench-")
    script = write_wrk_script(workdir)
    results = {"args": vars(args), "started": time.time(), "notes": []}

    if "throughput" not in skip:
        print("throughput: wrk -t2, %d s per run, %d rounds, targets alternating" % (args.seconds, args.rounds),
              flush=True)
        targets = [start_mock(args.bindir, os.path.join(ROOT, "fixtures")),
                   Service("ceiling", [os.path.join(args.bindir, "bench_ceiling")], ready=LISTENING)]
        if args.peers:
            import bench_peers
            targets += bench_peers.start_all(args.bindir, results["notes"])
        try:
            for t in targets:
                status = post_ok(t.url)
                if status != 201:
                    raise RuntimeError(f"{t.name} answered the workload with {status}, not 201")
            results["idle_rss_fixtures"] = targets[0].memory()[0]
            results["idle_rss"] = {t.name: t.memory()[0] for t in targets}
            results["throughput"] = {f"{k[0]}@{k[1]}": v for k, v in
                                     throughput(targets, [8, 32], args.rounds, args.seconds, script).items()}
            results["memory"] = {t.name: t.memory() for t in targets}
        finally:
            for t in targets:
                t.stop()
        if os.path.isdir(CORPUS):
            print("memory: serving the corpus", flush=True)
            corpus = start_mock(args.bindir, CORPUS)
            try:
                results["idle_rss_corpus"] = corpus.memory()[0]
                results["corpus_load"] = wrk(corpus.url, 8, args.seconds, script)
                results["memory"]["mock (corpus)"] = corpus.memory()
            finally:
                corpus.stop()

    if "startup" not in skip:
        print("start-up: in-process (median of 200) and as a process", flush=True)
        results["startup"] = startup(args.bindir, 20, 5)
        if args.peers:
            import bench_peers
            results["startup"].update(bench_peers.startup(args.bindir, results["notes"]))

    if "micro" not in skip:
        print("micro-benchmarks (Google Benchmark, median of 3 repetitions)", flush=True)
        results["micro"] = micro(args.bindir, workdir)

    results["finished"] = time.time()
    json.dump(results, open(os.path.join(workdir, "results.json"), "w"), indent=1)
    text = bench_report.table(results)
    print()
    print(text)
    print(f"(raw results: {workdir}/results.json)")
    if args.doc:
        bench_report.write_doc(args.doc, results)
        print("wrote " + os.path.relpath(args.doc, os.getcwd()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
