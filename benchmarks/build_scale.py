"""Issue 16, item 4: `kg build --workers 2` measured at scale, not extrapolated.

Two series, each run a real `kg build ... --no-outputs --workers 2` in a fresh store:

- real news: the 36,291 articles of ../shared/corpus/*.jsonl.gz, read in place (the whole
  corpus as the two files; the 1,000 and 10,000 runs take the first articles of both files
  in turn, streamed to `kg build -` on standard input, never written anywhere);
- generated articles (benchmarks/generate_corpus.py, seed 1) at 1,000, 10,000, 36,291 and
  100,000, written to a temporary folder.

For each run: wall time, documents/s, documents per CPU second (parent and workers: "per core"),
each worker's and the writer's peak memory, the store's quads and size on disk (once closed),
the failures with their reasons, and the machine's load average sampled every 5 s while it
ran (other work shares these 2 cores). Time against size is fitted per series.

    .venv/bin/python benchmarks/build_scale.py [--real 1000,10000,all] [--generated 1000,10000,36291,100000]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as c  # noqa: E402
from generate_corpus import generate, write  # noqa: E402

NAME = "build_scale"
KG = str(Path(sys.executable).with_name("kg"))
CORPUS = c.ROOT.parent / "shared" / "corpus"
REAL_FILES = ("ant-2018.jsonl.gz", "saudinewsnet-2015.jsonl.gz")
RESULT = c.RESULTS / f"{NAME}.json"


class LoadSampler:
    """The 1-minute load average every ``every`` seconds, in a thread, while a run lasts."""

    def __init__(self, every: float = 5.0) -> None:
        self.every, self.samples = every, [os.getloadavg()[0]]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.wait(self.every):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self) -> LoadSampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def real_lines(n: int) -> Iterator[bytes]:
    """The first ``n`` articles of the two corpus files, one of each in turn."""
    files = [gzip.open(CORPUS / name, "rb") for name in REAL_FILES]
    try:
        lines = (line for pair in itertools.zip_longest(*files) for line in pair if line and line.strip())
        yield from itertools.islice(lines, n)
    finally:
        for f in files:
            f.close()


def run_build(label: str, inputs: list[str], work: Path, stdin_lines: Iterator[bytes] | None = None) -> dict[str, Any]:
    """One `kg build` in a fresh store; what its report, the store and the clock say."""
    store, out = work / f"store-{label}", work / f"out-{label}"
    shutil.rmtree(store, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    cmd = [KG, "build", *inputs, "--store", str(store), "--out", str(out), "--no-outputs", "--workers", "2"]
    env = {**os.environ, "KG_PROGRESS_EVERY": "60"}
    log = work / f"{label}.log"
    with LoadSampler() as load, log.open("wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin_lines else None, stderr=err, env=env)
        if stdin_lines is not None:
            assert proc.stdin is not None
            for line in stdin_lines:
                proc.stdin.write(line if line.endswith(b"\n") else line + b"\n")
            proc.stdin.close()
        code = proc.wait()
        wall = time.perf_counter() - t0
    if code not in (0, 1):
        raise SystemExit(f"{label}: kg build ended with {code}: {log.read_text(errors='replace')[-800:]}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    from kg.graph.store import Store

    with Store.open(store, read_only=True) as opened:
        quads = len(opened)
    disk = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
    shutil.rmtree(store, ignore_errors=True)
    workers = report["workers_stats"]
    parent = next((k for k in workers if k.endswith(":" + str(proc.pid))), None)
    worker_peaks = [w["peak_mb"] for k, w in workers.items() if k != parent]
    return {
        "label": label,
        "documents": report["documents"],
        "built": report["built"],
        "failed": report["failed"],
        "failures": [{"doc_id": f["doc_id"], "reason": f["reason"]} for f in failures],
        "wall_s": round(wall, 1),
        "cpu_s": report["cpu_seconds"],
        "documents_per_s": round(report["documents"] / wall, 1),
        "documents_per_cpu_s": report["documents_per_cpu_second"],
        "parent_cpu_s": report["parent_cpu_seconds"],
        "writer_peak_mb": report["parent_peak_mb"],
        "worker_peak_mb": max(worker_peaks, default=None),
        "worker_peaks_mb": worker_peaks,
        "quads": quads,
        "disk_mib": round(disk / 2**20, 1),
        "disk_mib_per_million_quads": round(disk / 2**20 / (quads / 1e6), 1) if quads else None,
        "compacted_s": report.get("compacted_s"),
        "load_mean": round(statistics.mean(load.samples), 2),
        "load_max": round(max(load.samples), 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", default="1000,10000,all", help="real-corpus sizes ('all' for every article)")
    ap.add_argument("--generated", default="1000,10000,36291,100000", help="generated-corpus sizes")
    ap.add_argument("--work", type=Path, help="scratch folder (default a temporary one)")
    ap.add_argument("--render", action="store_true", help="only rewrite the Markdown from the saved results")
    ap.add_argument("--merge", action="store_true", help="keep the saved runs of the sizes not run now")
    args = ap.parse_args(argv)
    if args.render:
        saved = json.loads(RESULT.read_text(encoding="utf-8"))
        data = {k: v for k, v in saved.items() if k not in ("benchmark", "date", "machine", "markdown")}
        c.write_result(NAME, data, markdown(data))
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-build-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = {"real": [], "generated": [], "commit": c.commit()}
    try:
        for size in [s for s in args.real.split(",") if s]:
            if not all((CORPUS / f).exists() for f in REAL_FILES):
                print(f"{NAME}: no real corpus at {CORPUS}: skipped", file=sys.stderr)
                break
            if size == "all":
                r = run_build("real-all", [str(CORPUS / f) for f in REAL_FILES], work)
            else:
                r = run_build(f"real-{size}", ["-"], work, real_lines(int(size)))
            print(json.dumps({k: v for k, v in r.items() if k != "failures"}), file=sys.stderr, flush=True)
            data["real"].append(r)
            _save(data)
        sizes = sorted(int(s) for s in args.generated.split(",") if s)
        if sizes:
            corpus = work / "generated.jsonl.gz"
            rows = list(generate(max(sizes), seed=1))
            for size in sizes:
                write(corpus, iter(rows[:size]))
                r = run_build(f"generated-{size}", [str(corpus)], work)
                print(json.dumps({k: v for k, v in r.items() if k != "failures"}), file=sys.stderr, flush=True)
                data["generated"].append(r)
                _save(data)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.merge and RESULT.exists():
        data = _merged(json.loads(RESULT.read_text(encoding="utf-8")), data)
    c.write_result(NAME, data, markdown(data))
    return 0


def _merged(saved: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The saved runs with this run's in place of those of the same size and series, in size
    order; the commits measured listed."""
    out = {"commit": ", ".join(dict.fromkeys([saved.get("commit", "?"), new["commit"]]))}
    for series in ("real", "generated"):
        runs = {r["label"]: r for r in saved.get(series, [])}
        runs.update({r["label"]: r for r in new[series]})
        out[series] = sorted(runs.values(), key=lambda r: r["documents"])
    return out


def _save(data: dict[str, Any]) -> None:
    """The figures so far (a long run that is stopped keeps what it measured)."""
    c.RESULTS.mkdir(parents=True, exist_ok=True)
    partial = c.RESULTS / f"{NAME}.partial.json"
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def markdown(d: dict[str, Any]) -> str:
    def rows(runs: list[dict[str, Any]]) -> list[list[str]]:
        return [
            [
                c.fmt(r["documents"]),
                f"{r['built']:,} / {r['failed']:,}",
                c.fmt(r["wall_s"], 1),
                c.fmt(r["documents_per_s"], 1),
                c.fmt(r["documents_per_cpu_s"], 1),
                f"{r['wall_s'] / r['documents'] * 1000:.1f}",
                c.fmt(r["worker_peak_mb"] or 0),
                c.fmt(r["writer_peak_mb"]),
                c.fmt(r["quads"]),
                c.fmt(r["disk_mib"], 1),
                c.fmt(r["disk_mib_per_million_quads"] or 0),
                f"{r['load_mean']:.1f} / {r['load_max']:.1f}",
            ]
            for r in runs
        ]

    header = [
        "documents",
        "built / failed",
        "wall s",
        "documents/s",
        "documents per CPU s",
        "ms per document",
        "worker peak MB",
        "writer peak MB",
        "quads",
        "store MiB",
        "MiB per 1M quads",
        "load mean / max",
    ]
    parts = []
    for series, title in (("real", "Real news (../shared/corpus)"), ("generated", "Generated articles")):
        runs = d[series]
        if not runs:
            continue
        line = ""
        if len(runs) >= 2:
            per_doc, fixed = c.fit([(r["documents"], r["wall_s"]) for r in runs])
            per_cpu, _ = c.fit([(r["documents"], r["cpu_s"]) for r in runs])
            line = (
                f"Time against size: **{per_doc * 1000:.1f} s of wall time per 1,000 articles** (least squares, "
                f"intercept {fixed:.1f} s); CPU {per_cpu * 1000:.1f} s per 1,000. Worker peak memory "
                f"{min(r['worker_peak_mb'] or 0 for r in runs):.0f}–{max(r['worker_peak_mb'] or 0 for r in runs):.0f} MB, "
                f"writer {min(r['writer_peak_mb'] for r in runs):.0f}–{max(r['writer_peak_mb'] for r in runs):.0f} MB "
                f"from {runs[0]['documents']:,} to {runs[-1]['documents']:,} articles."
            )
        parts.append(f"### {title}\n\n{c.table(header, rows(runs))}\n\n{line}\n")
        reasons: dict[str, list[str]] = {}
        for r in runs[-1:]:
            for f in r["failures"]:
                reasons.setdefault(_reason_kind(f["reason"]), []).append(f["doc_id"])
        if reasons:
            listed = "; ".join(
                f"{kind}: {len(ids)} ({', '.join(ids[:6])}{', …' if len(ids) > 6 else ''})"
                for kind, ids in sorted(reasons.items())
            )
            parts.append(f"Failures of the {runs[-1]['documents']:,}-article run, by reason: {listed}.\n")
    return f"""## Builds at scale (issue 16)

{c.header_lines(".venv/bin/python benchmarks/build_scale.py", c.machine())}  
Code measured: commit {d.get("commit", "?")}.

Every run is `kg build INPUTS --no-outputs --workers 2` in a fresh store (the real corpus read in
place; its 1,000 and 10,000 runs stream the first articles of both files in turn on standard
input). "documents per CPU s" counts the CPU of the writer and both workers ("per core").
Peak memory per worker and of the writer (the parent, which alone writes the store) come from
the run's report.json; the store's size is measured once it is closed. "load" is the machine's
1-minute load average sampled every 5 s during the run: other helpers' work shared the 2 cores,
so wall times stretch with it while CPU figures do not.

{chr(10).join(parts)}"""


def _reason_kind(reason: str) -> str:
    if "longer than" in reason:
        return "stopped at the time limit"
    return reason.split(":")[0][:60]


if __name__ == "__main__":
    sys.exit(main())
