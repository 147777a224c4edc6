"""What every benchmark shares: the machine's description, the real news text (when the
evaluation data is present), timing helpers, and the writing of results.

Each benchmark writes ``benchmarks/results/<name>.json`` (figures plus a ready Markdown section)
and then ``benchmarks/RESULTS.md`` is rebuilt from every results file, so running one benchmark
never loses another's figures. Figures are ratios against a baseline run in the same process,
because a shared 2-core machine is too noisy for absolute numbers to mean much alone.

The evaluation data (``../shared/eval`` beside the repository) is read in place and never
copied: results hold counts and timings only, no text.
"""

from __future__ import annotations

import datetime as _dt
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
RESULTS = BENCH / "results"
RESULTS_MD = BENCH / "RESULTS.md"
EVAL = Path(os.environ.get("KG_EVAL_DIR", ROOT.parent / "shared" / "eval"))
ORDER = ("actor_stage", "extraction", "long_article", "store", "view")

if str(ROOT) not in sys.path:  # run as `python benchmarks/x.py` from a checkout
    sys.path.insert(0, str(ROOT))


# --------------------------------------------------------------------------- machine


def machine() -> dict[str, Any]:
    """Where the figures were taken: cores, Python, platform, memory."""
    try:
        mem_kb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
    except (OSError, StopIteration, ValueError):
        mem_kb = 0
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {
        "nproc": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu,
        "memory_gib": round(mem_kb / 2**20, 1),
    }


def commit() -> str:
    """The short hash of the checkout being measured ('?' outside git)."""
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or "?"


def today() -> str:
    return _dt.date.today().isoformat()


# --------------------------------------------------------------------------- real news text


def eval_present() -> bool:
    return (EVAL / "diplomatic" / "dev").is_dir() and (EVAL / "anercorp" / "train.txt").is_file()


def skip_without_eval(name: str) -> bool:
    """Print why ``name`` is skipped when the evaluation data is absent (and return True)."""
    if eval_present():
        return False
    print(
        f"{name}: skipped: the evaluation data ({EVAL}) is absent; this benchmark measures "
        "real news text and writes no result without it"
    )
    return True


def diplomatic_articles() -> list[tuple[str, str]]:
    """(doc_id, text) of the diplomatic dev articles, read in place."""
    folder = EVAL / "diplomatic" / "dev"
    return [(p.name[:-4], p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def anercorp_sentences(limit: int | None = None) -> list[str]:
    """ANERcorp's train part as sentences: its tokens joined by spaces, one per sentence."""
    sentences: list[str] = []
    words: list[str] = []
    with open(EVAL / "anercorp" / "train.txt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                if words:
                    sentences.append(" ".join(words))
                    words = []
                    if limit is not None and len(sentences) >= limit:
                        return sentences
                continue
            words.append(line.rsplit(" ", 1)[0] if " " in line else line)
    if words:
        sentences.append(" ".join(words))
    return sentences


def news_documents(chunk: int = 30, anercorp_limit: int | None = None) -> list[tuple[str, str]]:
    """The real news text as documents: the dev articles, then ANERcorp in chunks of
    ``chunk`` sentences (each chunk one document, sentences on their own lines)."""
    docs = diplomatic_articles()
    sents = anercorp_sentences(anercorp_limit)
    for i in range(0, len(sents), chunk):
        docs.append((f"anercorp-{i // chunk:05d}", "\n".join(sents[i : i + chunk])))
    return docs


# --------------------------------------------------------------------------- timing


def measure(fn: Callable[[], Any]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for one call, with the GC collected first."""
    gc.collect()
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def interleaved(runs: dict[str, Callable[[], Any]], rounds: int) -> dict[str, dict[str, float]]:
    """Run each callable ``rounds`` times, alternating them so drift hits all alike; the
    median wall and CPU seconds of each."""
    walls: dict[str, list[float]] = {k: [] for k in runs}
    cpus: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(rounds):
        for name, fn in runs.items():
            w, c = measure(fn)
            walls[name].append(w)
            cpus[name].append(c)
    return {
        k: {
            "wall_s": statistics.median(walls[k]),
            "cpu_s": statistics.median(cpus[k]),
            "wall_min_s": min(walls[k]),
            "rounds": rounds,
        }
        for k in runs
    }


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fmt(x: float, digits: int = 0) -> str:
    """A number with thousands separators."""
    return f"{x:,.{digits}f}"


# --------------------------------------------------------------------------- results


def table(header: list[str], rows: list[list[Any]]) -> str:
    """A Markdown table."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def header_lines(command: str, m: dict[str, Any]) -> str:
    load = (
        (f" (load average {m['load_average_1m']} when it started: other work shared the cores)")
        if m.get("load_average_1m", 0) >= 0.5
        else ""
    )
    return (
        f"Measured {today()} on {m['nproc']} cores ({m['cpu'] or 'unknown CPU'}), "
        f"{m['memory_gib']} GiB, Python {m['python']}, {m['platform']}{load}.  \n"
        f"Rerun: `{command}`"
    )


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares line through (size, seconds): (seconds per document, fixed seconds)."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    return slope, my - slope * mx


def write_result(name: str, data: dict[str, Any], markdown: str) -> Path:
    """Write results/<name>.json (with the Markdown section) and rebuild RESULTS.md."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"benchmark": name, "date": today(), "machine": machine(), **data, "markdown": markdown}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    render_results()
    return path


def report_rate(name: str, result: dict[str, Any], unit: str, ratio_digits: int) -> None:
    """The one-line summary of a throughput benchmark: rate per core, ratio to its baseline,
    whether the target is met."""
    print(
        f"{name}: {fmt(result[f'{unit}_per_s_per_core'])} {unit}/s/core "
        f"({result['ratio_time_kg_over_baseline']:.{ratio_digits}f}x simple_word_tokenize's time); "
        f"target {fmt(result[f'target_{unit}_per_s_per_core'])}: {'met' if result['meets_target'] else 'NOT met'}"
    )


def _sections() -> Iterator[str]:
    names = [n for n in ORDER if (RESULTS / f"{n}.json").exists()]
    names += sorted(p.stem for p in RESULTS.glob("*.json") if p.stem not in ORDER)
    for n in names:
        try:
            yield json.loads((RESULTS / f"{n}.json").read_text(encoding="utf-8"))["markdown"]
        except (OSError, ValueError, KeyError):
            continue


def render_results() -> None:
    """RESULTS.md: an introduction, then each benchmark's own section."""
    intro = (
        "# kg benchmarks: results\n\n"
        "Written by the scripts in `benchmarks/` (`make benchmarks` runs them all through "
        "`benchmarks/run_all.py`; `--quick` for smaller sizes). Each figure comes with a ratio "
        "against a baseline measured in the same run, since a shared 2-core machine is noisy. "
        '"Per core" figures come from a single process (one core busy); CPU time is the '
        "process's own. The raw figures are in `benchmarks/results/*.json`.\n\n"
        "Real news text comes from the evaluation data in `../shared/eval` (the diplomatic dev "
        "articles, ANERcorp's tokens joined into sentences, the event-GSR sentences) and from the "
        "unlabelled corpus in `../shared/corpus`, read in place and never copied here; the "
        "benchmarks that need it say so and skip when it is absent.\n"
    )
    ours = [s.strip() for s in _sections()]
    headings = {s.splitlines()[0].strip() for s in ours if s}
    kept = [s for s in _existing_sections() if s.splitlines()[0].strip() not in headings]
    RESULTS_MD.write_text(intro + "".join("\n" + s + "\n" for s in ours + kept), encoding="utf-8")


def _existing_sections() -> list[str]:
    """The "## " sections RESULTS.md has now: other scripts write theirs in place, and a
    rebuild keeps every section it does not render itself."""
    try:
        text = RESULTS_MD.read_text(encoding="utf-8")
    except OSError:
        return []
    parts, current = [], None
    for line in text.splitlines():
        if line.startswith("## "):
            if current is not None:
                parts.append("\n".join(current).strip())
            current = [line]
        elif current is not None:
            current.append(line)
    if current is not None:
        parts.append("\n".join(current).strip())
    return parts


# --------------------------------------------------------------------------- profiles


def profile_rows(fn: Callable[[], Any], top: int = 15) -> dict[str, list[dict[str, Any]]]:
    """cProfile ``fn`` once: the ``top`` functions by own time, and the ``top`` functions of
    kg's own code by cumulative time (what to optimise first)."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    stats = pstats.Stats(prof).stats  # (file, line, func) -> (cc, nc, tt, ct, callers)
    total = sum(v[2] for v in stats.values()) or 1.0

    def row(key: tuple[str, int, str], v: tuple[Any, ...]) -> dict[str, Any]:
        path, line, func = key
        where = _short_path(path)
        return {
            "function": f"{where}:{line}({func})" if line else func,
            "calls": v[1],
            "own_s": round(v[2], 4),
            "cumulative_s": round(v[3], 4),
            "own_share": round(v[2] / total, 4),
        }

    by_own = sorted(stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    ours = [kv for kv in stats.items() if _short_path(kv[0][0]).startswith("kg/") and "pipeline.py" not in kv[0][0]]
    by_cum = sorted(ours, key=lambda kv: kv[1][3], reverse=True)[:top]
    return {
        "total_s": round(total, 4),
        "own": [row(k, v) for k, v in by_own],
        "kg_cumulative": [row(k, v) for k, v in by_cum],
    }


def _short_path(path: str) -> str:
    p = path.replace("\\", "/")
    root = str(ROOT).replace("\\", "/") + "/"
    if p.startswith(root):
        return p[len(root) :]
    if "site-packages/" in p:
        return p.split("site-packages/", 1)[1]
    if p.startswith("~") or p.startswith("<"):
        return p
    return "/".join(p.split("/")[-2:])


def profile_tables(prof: dict[str, Any]) -> str:
    """The two profile tables in Markdown."""
    own = [
        [
            i + 1,
            f"`{r['function']}`",
            c_int(r["calls"]),
            f"{r['own_s']:.3f}",
            f"{100 * r['own_share']:.1f} %",
            f"{r['cumulative_s']:.3f}",
        ]
        for i, r in enumerate(prof["own"])
    ]
    cum = [
        [
            i + 1,
            f"`{r['function']}`",
            c_int(r["calls"]),
            f"{r['cumulative_s']:.3f}",
            f"{100 * r['cumulative_s'] / prof['total_s']:.0f} %",
            f"{r['own_s']:.3f}",
        ]
        for i, r in enumerate(prof["kg_cumulative"])
    ]
    return (
        "By own time (where the CPU is spent):\n\n"
        + table(["#", "function", "calls", "own s", "share", "cumulative s"], own)
        + "\n\nkg's own functions by cumulative time (which call to make cheaper):\n\n"
        + table(["#", "function", "calls", "cumulative s", "of total", "own s"], cum)
        + "\n"
    )


def c_int(x: Any) -> str:
    return f"{int(x):,}"
