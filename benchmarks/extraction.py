"""Issue 4: full extraction (kg.pipeline.Pipeline(), every stage) on real news text, in sentences
per second per core, against camel-tools' simple_word_tokenize of the same sentences in the same
run; peak memory per worker; and a profile of the hot spots.

Text: the diplomatic dev articles plus ANERcorp's tokens joined into sentences, 30 sentences a
document, read in place from ../shared/eval (skipped when it is absent). Target: >= 1,000
sentences/s/core.

    .venv/bin/python benchmarks/extraction.py [--quick] [--rounds N] [--workers 2]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import time
import tracemalloc
from typing import Any

import _common as c

NAME = "extraction"
TARGET = 1_000

_PIPELINE: Any = None


def _init_worker() -> None:
    """Load kg and its lexicons once in each worker."""
    global _PIPELINE
    from kg.model import Document
    from kg.pipeline import Pipeline

    _PIPELINE = Pipeline()
    _PIPELINE(Document(doc_id="warm-up", text="زار وزير الخارجية الجزائري ليبيا."))


def _work(batch: list[tuple[str, str]]) -> tuple[int, float]:
    """Extract a batch in a worker: (sentences, the worker's peak RSS in MiB)."""
    from kg.model import Document

    n = sum(len(_PIPELINE(Document(doc_id=i, text=t)).sentences) for i, t in batch)
    return n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(quick: bool = False, rounds: int | None = None, workers: int = 2, chunk: int = 30) -> dict[str, Any] | None:
    if c.skip_without_eval(NAME):
        return None
    from camel_tools.tokenizers.word import simple_word_tokenize

    from kg.model import Document
    from kg.pipeline import Pipeline

    rounds = rounds or (3 if quick else 5)
    docs = c.news_documents(chunk, anercorp_limit=600 if quick else None)
    inputs = [Document(doc_id=i, text=t) for i, t in docs]
    rss_before = c.peak_rss_mib()
    pipeline = Pipeline()
    t0 = time.perf_counter()
    pipeline(inputs[0])
    first_call_s = time.perf_counter() - t0
    rss_loaded = c.peak_rss_mib()

    outputs = [pipeline(d) for d in inputs]
    sentences = [s.text for d in outputs for s in d.sentences]
    counts = {
        "sentences": len(sentences),
        "tokens": sum(len(d.tokens) for d in outputs),
        "mentions": sum(len(d.mentions) for d in outputs),
        "events": sum(len(d.events) for d in outputs),
        "facts": sum(len(d.facts) for d in outputs),
    }
    del outputs

    def kg_run() -> None:
        for d in inputs:
            pipeline(d)

    def baseline() -> None:
        for s in sentences:
            simple_word_tokenize(s)

    timing = c.interleaved({"kg": kg_run, "simple_word_tokenize": baseline}, rounds)
    memory = _memory(inputs, pipeline, rss_before, rss_loaded)
    parallel = _parallel(docs, workers, counts["sentences"]) if workers > 1 else None
    profile = c.profile_rows(kg_run, top=15)

    kg_t, base_t = timing["kg"], timing["simple_word_tokenize"]
    per_core = counts["sentences"] / kg_t["cpu_s"]
    result = {
        "text": {
            "documents": len(docs),
            "characters": sum(len(t) for _, t in docs),
            "chunk_sentences": chunk,
            "source": "../shared/eval diplomatic/dev *.txt + anercorp/train.txt",
            **counts,
        },
        "timing": timing,
        "first_call_s": first_call_s,
        "sentences_per_s_per_core": per_core,
        "sentences_per_s_wall": counts["sentences"] / kg_t["wall_s"],
        "baseline_sentences_per_s_per_core": counts["sentences"] / base_t["cpu_s"],
        "ratio_time_kg_over_baseline": kg_t["cpu_s"] / base_t["cpu_s"],
        "target_sentences_per_s_per_core": TARGET,
        "meets_target": per_core >= TARGET,
        "memory": memory,
        "parallel": parallel,
        "profile": profile,
        "quick": quick,
    }
    c.write_result(NAME, result, _markdown(result, quick))
    c.report_rate(NAME, result, "sentences", 0)
    return result


def _memory(inputs: list[Any], pipeline: Any, rss_before: float, rss_loaded: float) -> dict[str, Any]:
    """Peak RSS of this process, and the Python memory one extraction pass allocates at most
    (tracemalloc, after the lexicons are loaded), largest single document included."""
    tracemalloc.start()
    worst = 0
    for d in inputs:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        pipeline(d)
        worst = max(worst, tracemalloc.get_traced_memory()[1] - base)
    tracemalloc.stop()
    return {
        "rss_after_imports_mib": rss_before,
        "rss_after_lexicons_mib": rss_loaded,
        "peak_rss_mib": c.peak_rss_mib(),
        "tracemalloc_peak_per_document_mib": worst / 2**20,
    }


def _parallel(docs: list[tuple[str, str]], workers: int, sentences: int) -> dict[str, Any]:
    """Wall throughput with ``workers`` fresh processes (spawned, so each one's RSS is its own)."""
    batches = [docs[i :: workers * 4] for i in range(workers * 4)]
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker) as pool:
        pool.map(_work, [docs[:1]] * workers)  # every worker has loaded its lexicons
        t0 = time.perf_counter()
        out = pool.map(_work, batches, chunksize=1)
        wall = time.perf_counter() - t0
    return {
        "workers": workers,
        "wall_s": wall,
        "sentences": sum(n for n, _ in out),
        "sentences_per_s_wall": sentences / wall,
        "peak_rss_per_worker_mib": max(r for _, r in out),
    }


def _markdown(r: dict[str, Any], quick: bool) -> str:
    m = c.machine()
    t, tm, mem, par = r["text"], r["timing"], r["memory"], r["parallel"]
    cmd = "make benchmarks  # or: .venv/bin/python benchmarks/extraction.py" + (" --quick" if quick else "")
    rows = [
        [
            "kg extraction, all stages (`Pipeline()`)",
            f"{tm['kg']['cpu_s']:.3f}",
            f"{tm['kg']['wall_s']:.3f}",
            f"**{c.fmt(r['sentences_per_s_per_core'])}**",
            f"{r['ratio_time_kg_over_baseline']:.1f}x",
        ],
        [
            "simple_word_tokenize of the same sentences (baseline)",
            f"{tm['simple_word_tokenize']['cpu_s']:.3f}",
            f"{tm['simple_word_tokenize']['wall_s']:.3f}",
            c.fmt(r["baseline_sentences_per_s_per_core"]),
            "1.0x",
        ],
    ]
    verdict = "met" if r["meets_target"] else "**not met**"
    par_line = ""
    if par:
        par_line = (
            f"With {par['workers']} worker processes (spawned, lexicons loaded before "
            f"timing): {c.fmt(par['sentences_per_s_wall'])} sentences/s wall, "
            f"{par['sentences_per_s_wall'] / r['sentences_per_s_wall']:.2f}x one "
            f"process; peak RSS per worker {par['peak_rss_per_worker_mib']:.0f} MiB.\n"
        )
    return f"""## Full extraction (issue 4)

{c.header_lines(cmd, m)}

Text: {c.fmt(t["documents"])} documents, {c.fmt(t["sentences"])} sentences (kg's sentence
split), {c.fmt(t["tokens"])} tokens, {c.fmt(t["characters"])} characters — the diplomatic dev
articles plus ANERcorp's tokens joined into sentences, {t["chunk_sentences"]} a document (from
`../shared/eval`, read in place). Found: {c.fmt(t["mentions"])} mentions, {c.fmt(t["events"])}
events, {c.fmt(t["facts"])} facts. Interleaved, median of {tm["kg"]["rounds"]}
rounds{" (quick run: a part of ANERcorp)" if quick else ""}.

{c.table(["run", "CPU s", "wall s", "sentences/s/core", "time vs baseline"], rows)}

Target >= {c.fmt(r["target_sentences_per_s_per_core"])} sentences/s/core: {verdict}.
First call (loads lexicons, gazetteer, predicate forms): {r["first_call_s"]:.2f} s, not counted.

Memory: RSS {mem["rss_after_imports_mib"]:.0f} MiB after imports,
{mem["rss_after_lexicons_mib"]:.0f} MiB with the lexicons loaded, {mem["peak_rss_mib"]:.0f} MiB
peak over the whole run (one process); the most Python memory one document's extraction
allocated at once (tracemalloc): {mem["tracemalloc_peak_per_document_mib"]:.2f} MiB.
{par_line}
### Profile (cProfile, one pass over the text; profiled total {r["profile"]["total_s"]:.2f} s)

{c.profile_tables(r["profile"])}"""


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="a smaller text and fewer rounds")
    ap.add_argument("--rounds", type=int, default=None)
    ap.add_argument("--workers", type=int, default=2, help="processes for the parallel run (1: none)")
    ap.add_argument("--chunk", type=int, default=30, help="ANERcorp sentences a document")
    a = ap.parse_args()
    run(a.quick, a.rounds, a.workers, a.chunk)
