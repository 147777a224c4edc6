"""Issue 17: `kg build`'s peak memory by corpus size, with its outputs written for every article
(`--outputs-limit 0`: documents/, graph.trig, graph.ttl, triples.csv, graph.html) and without
(`--no-outputs`). Target: under 400 MB at 5,000 articles with outputs.

Memory is the peak resident size of the `kg build` process (wait4's ru_maxrss, what
`/usr/bin/time -v` reports as "Maximum resident set size"), workers 1, a fresh store each run.
Articles are generated (benchmarks/generate_corpus.py, seed 7, as attacks.py's memory case).

Before the page was drawn from streamed rows and written in pieces (commit 4a6d90c, measured
with `/usr/bin/time -v` on this machine): 469.5 MB with outputs and 221.4 MB without at 5,000
articles; the peak came after the store was written, while the page's network was read from
the run's store (the rows materialized twice: plain strings and pyoxigraph terms) and while
graph.html was built as one string (15 million characters, copied four times).

    .venv/bin/python benchmarks/build_memory.py [--quick] [--sizes 1000 5000 10000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import _common as c
from attacks import generated, peak_run

NAME = "build_memory"
TARGET_MB = 400.0
TARGET_ARTICLES = 5000


def run(sizes: list[int]) -> dict[str, Any]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-build-memory-") as tmp:
        work = Path(tmp)
        for n in sizes:
            corpus = generated(work / f"mem-{n}.jsonl.gz", n, 7)
            row: dict[str, Any] = {"articles": n}
            for key, flags in (("no_outputs", ["--no-outputs"]), ("outputs", ["--outputs-limit", "0"])):
                store, out = work / f"store-{key}-{n}", work / f"out-{key}-{n}"
                code, peak, seconds = peak_run(["build", str(corpus), "--store", str(store), "--out", str(out), *flags])
                row.update({f"{key}_peak_mb": peak, f"{key}_s": seconds, f"{key}_exit_code": code})
                if key == "outputs":
                    page = out / "graph.html"
                    row["page_mb"] = round(page.stat().st_size / 2**20, 1) if page.exists() else None
                shutil.rmtree(store, ignore_errors=True)
                shutil.rmtree(out, ignore_errors=True)
            peaks = f"{row['no_outputs_peak_mb']} MB without outputs, {row['outputs_peak_mb']} MB with"
            print(f"{NAME}: {n:,} articles: {peaks}", flush=True)
            rows.append(row)
    at_target = next((r for r in rows if r["articles"] == TARGET_ARTICLES), None)
    return {
        "commit": c.commit(),
        "runs": rows,
        "target_mb": TARGET_MB,
        "meets_target": None if at_target is None else at_target["outputs_peak_mb"] < TARGET_MB,
    }


def markdown(r: dict[str, Any], command: str) -> str:
    rows = [
        [x["articles"], x["no_outputs_peak_mb"], x["outputs_peak_mb"], x["page_mb"], x["no_outputs_s"], x["outputs_s"]]
        for x in r["runs"]
    ]
    verdict = {True: "met", False: "NOT met", None: "not measured"}[r["meets_target"]]
    lines = [
        "## kg build memory by corpus size (issue 17)",
        "",
        c.header_lines(command, c.machine()) + "  ",
        f"Code measured: commit {r['commit']}.",
        "",
        "Peak resident memory of the `kg build` process (workers 1, a fresh store) on generated articles, "
        "without outputs (`--no-outputs`) and with every output written (`--outputs-limit 0`: documents, "
        f"graph.trig, graph.ttl, triples.csv and the page). Target: under {r['target_mb']:.0f} MB at "
        f"{TARGET_ARTICLES:,} articles with outputs: **{verdict}**.",
        "",
        c.table(["articles", "no outputs MB", "outputs MB", "page MB", "no outputs s", "outputs s"], rows),
        "",
        "Before the page's network was read from streamed rows and graph.html written in pieces (commit "
        "4a6d90c): 469.5 MB with outputs, 221.4 MB without, at 5,000 articles. The page still holds every event "
        "of the run while it is laid out, so its share grows with the run (10,000 articles with outputs, measured "
        "apart with `/usr/bin/time -v` on commit 525b0a4: 426.0 MB); builds past the default `--outputs-limit` "
        "(2,000) write no page.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="500 and 1,000 articles")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    sizes = [500, 1000] if args.quick else args.sizes
    result = run(sizes)
    command = ".venv/bin/python benchmarks/build_memory.py" + (
        " --quick" if args.quick else f" --sizes {' '.join(map(str, sizes))}"
    )
    if not args.no_write:
        c.write_result(NAME, result, markdown(result, command))
        print(f"wrote {c.RESULTS / (NAME + '.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
