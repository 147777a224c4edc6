"""Issue 16, item 1: `kg extract` as a command, start-up included, over the event-GSR sentences,
against camel-tools tokenization of the same text run the same way (a Python process that
imports camel-tools, reads the same JSONL and writes the tokens), in the same script.

Input: every row of ../shared/eval/event-gsr/*.jsonl (a sentence each, rarely two), written at
run time to a temporary JSONL with only "id" and "text" (never into the repository); skipped
when the evaluation data is absent. Each command runs ``--rounds`` times, the commands
interleaved so that the machine's other work hits them alike; the median wall time counts.
Outputs: a folder of JSON files (what `kg extract -o DIR` always wrote), JSON Lines, gzipped
JSON Lines, each with one and with two worker processes. ``--before KG`` adds another `kg`
(e.g. the main checkout's, before this change) on the folder output.

Target: >= 1,500 sentences/s, start-up included.

    .venv/bin/python benchmarks/extract_cli.py [--rounds 5] [--before /work/main/.venv/bin/kg]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as c

NAME = "extract_cli"
TARGET = 1_500
GSR = c.EVAL / "event-gsr"
KG = Path(sys.executable).with_name("kg")

TOKENIZE = """
import json, sys
from camel_tools.tokenizers.word import simple_word_tokenize
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in src:
        row = json.loads(line)
        out.write(json.dumps({"id": row["id"], "tokens": simple_word_tokenize(row["text"])}, ensure_ascii=False) + "\\n")
"""


def gsr_input(folder: Path) -> tuple[Path, int, int]:
    """The GSR rows as one JSONL of {"id", "text"} in ``folder``; (path, rows, kg sentences)."""
    from kg.arabic.segment import split_sentences

    path = folder / "gsr.jsonl"
    rows = sentences = 0
    with path.open("w", encoding="utf-8") as out:
        for f in sorted(GSR.glob("*.jsonl")):
            for line in f.open(encoding="utf-8"):
                row = json.loads(line)
                out.write(json.dumps({"id": row["id"], "text": row["text"]}, ensure_ascii=False) + "\n")
                rows += 1
                sentences += len(split_sentences(row["text"]))
    return path, rows, sentences


def timed(cmd: list[str], out: Path) -> tuple[float, float]:
    """Run ``cmd`` (its output ``out`` removed first): (wall seconds, CPU seconds of it and its
    children)."""
    if out.is_dir():
        shutil.rmtree(out)
    out.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(rounds: int = 5, before: str | None = None) -> dict[str, Any] | None:
    if not GSR.is_dir():
        print(f"{NAME}: skipped: {GSR} is absent")
        return None
    work = Path(tempfile.mkdtemp(prefix="kg-bench-extract-"))
    try:
        path, rows, sentences = gsr_input(work)
        kg = str(KG)
        commands: dict[str, tuple[list[str], Path]] = {
            "camel-tools tokenization (baseline)": (
                [sys.executable, "-c", TOKENIZE, str(path), str(work / "tokens.jsonl")],
                work / "tokens.jsonl",
            ),
        }
        if before:
            commands["kg extract -o DIR, before this change"] = (
                [before, "extract", str(path), "-o", str(work / "before")],
                work / "before",
            )
        for label, target, extra in (
            ("-o DIR", work / "docs", []),
            ("-o FILE.jsonl", work / "docs.jsonl", []),
            ("-o FILE.jsonl.gz", work / "docs.jsonl.gz", []),
            ("-o DIR --workers 2", work / "docs2", ["--workers", "2"]),
            ("-o FILE.jsonl --workers 2", work / "docs2.jsonl", ["--workers", "2"]),
        ):
            commands[f"kg extract {label}"] = ([kg, "extract", str(path), "-o", str(target), *extra], target)
        walls: dict[str, list[float]] = {k: [] for k in commands}
        cpus: dict[str, list[float]] = {k: [] for k in commands}
        loads = []
        for _ in range(rounds):
            loads.append(os.getloadavg()[0])
            for name, (cmd, out) in commands.items():
                w, cpu = timed(cmd, out)
                walls[name].append(w)
                cpus[name].append(cpu)
        same = _same_documents(work / "docs", work / "docs.jsonl", work / "docs2.jsonl")
        if before:
            same = same and _same_folder(work / "before", work / "docs")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base = statistics.median(walls["camel-tools tokenization (baseline)"])
    results = {
        name: {
            "wall_s": statistics.median(walls[name]),
            "wall_min_s": min(walls[name]),
            "cpu_s": statistics.median(cpus[name]),
            "sentences_per_s": rows / statistics.median(walls[name]),
            "time_vs_baseline": statistics.median(walls[name]) / base,
        }
        for name in commands
    }
    best = max(v["sentences_per_s"] for k, v in results.items() if k.startswith("kg extract -o") and "before" not in k)
    out = {
        "input": "every row of ../shared/eval/event-gsr/*.jsonl, id and text",
        "documents": rows,
        "kg_sentences": sentences,
        "rounds": rounds,
        "load_average_1m_each_round": [round(x, 2) for x in loads],
        "results": results,
        "outputs_identical": same,
        "target_sentences_per_s": TARGET,
        "meets_target": best >= TARGET,
        "before": before,
    }
    c.write_result(NAME, out, _markdown(out))
    for name, v in results.items():
        print(f"  {name}: {v['wall_s']:.2f} s, {v['sentences_per_s']:,.0f} sentences/s, {v['time_vs_baseline']:.1f}x")
    return out


def _documents(path: Path) -> dict[str, Any]:
    if path.is_dir():
        return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in path.glob("*.json")}
    return {d["doc_id"]: d for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def _same_documents(*paths: Path) -> bool:
    first = _documents(paths[0])
    return all(_documents(p) == first for p in paths[1:])


def _same_folder(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    return names == sorted(p.name for p in b.iterdir()) and all(
        (a / n).read_bytes() == (b / n).read_bytes() for n in names
    )


def _markdown(r: dict[str, Any]) -> str:
    m = c.machine()
    cmd = ".venv/bin/python benchmarks/extract_cli.py" + (f" --before {r['before']}" if r["before"] else "")
    rows = [
        [
            name,
            f"{v['wall_s']:.2f}",
            f"{v['wall_min_s']:.2f}",
            f"{v['cpu_s']:.2f}",
            f"**{c.fmt(v['sentences_per_s'])}**" if name.startswith("kg") else c.fmt(v["sentences_per_s"]),
            f"{v['time_vs_baseline']:.1f}x",
        ]
        for name, v in r["results"].items()
    ]
    return f"""## kg extract, start-up included (issue 16)

{c.header_lines(cmd, m)}  
Load average at the start of each round: {", ".join(str(x) for x in r["load_average_1m_each_round"])}.

Input: {c.fmt(r["documents"])} documents, every row of `../shared/eval/event-gsr/*.jsonl` (a sentence
each; {c.fmt(r["kg_sentences"])} sentences by kg's own split), read in place into a temporary JSONL.
Each command is a fresh process (Python start-up, imports, lexicons, extraction, output), run
{r["rounds"]} times interleaved; median and best wall time. Sentences/s counts the GSR rows.
Baseline: a Python process that imports camel-tools and writes `simple_word_tokenize` of every row.

{c.table(["command", "wall s (median)", "wall s (best)", "CPU s", "sentences/s", "time vs baseline"], rows)}

The documents are the same in every output (folder, JSON Lines, two workers){
        " and the folder is byte-identical to the one before this change" if r["before"] else ""
    }: {r["outputs_identical"]}. Target >= {c.fmt(r["target_sentences_per_s"])} sentences/s: {
        "met" if r["meets_target"] else "NOT met"
    }.
"""


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="3 rounds")
    ap.add_argument("--before", default=None, help="another kg executable to time on the folder output")
    a = ap.parse_args()
    run(3 if a.quick else a.rounds, a.before)
