"""Issue 3: the actor stage (sentences, tokens, mentions, identity, roles, coref) on real news text, in tokens
per second per core, against camel-tools' simple_word_tokenize on the same text in the same run.
The same chain with the rules alone (no learned tagger in the mention stage, issue 14) runs
beside it, so the tagger's cost reads as a ratio.

Text: the diplomatic dev articles plus ANERcorp's tokens joined into sentences, 30 sentences a
document, read in place from ../shared/eval (skipped when it is absent). Target: >= 50,000
tokens/s/core.

    .venv/bin/python benchmarks/actor_stage.py [--quick] [--rounds N] [--chunk 30]
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import _common as c

NAME = "actor_stage"
STAGES = ("sentences", "tokens", "mentions", "identity", "roles", "coref")
TARGET = 50_000


def run(quick: bool = False, rounds: int | None = None, chunk: int = 30) -> dict[str, Any] | None:
    if c.skip_without_eval(NAME):
        return None
    from camel_tools.tokenizers.word import simple_word_tokenize

    from kg.extract.mentions import find_mentions
    from kg.model import Document
    from kg.pipeline import STAGES as REGISTRY
    from kg.pipeline import Pipeline

    rounds = rounds or (3 if quick else 5)
    docs = c.news_documents(chunk, anercorp_limit=600 if quick else None)
    chars = sum(len(t) for _, t in docs)
    pipeline = Pipeline(STAGES)

    t0 = time.perf_counter()
    pipeline(Document(doc_id="warm-up", text=docs[0][1]))  # loads the lexicons once
    first_call_s = time.perf_counter() - t0

    inputs = [Document(doc_id=i, text=t) for i, t in docs]
    kg_tokens = sum(len(pipeline(d).tokens) for d in inputs)
    base_tokens = sum(len(simple_word_tokenize(t)) for _, t in docs)

    def kg_run() -> None:
        for d in inputs:
            pipeline(d)

    def baseline() -> None:
        for _, t in docs:
            simple_word_tokenize(t)

    rules_chain = [find_mentions if s == "mentions" else REGISTRY[s].fn for s in STAGES]

    def rules_only() -> None:
        for d in inputs:
            for fn in rules_chain:
                d = fn(d)

    timing = c.interleaved({"kg": kg_run, "rules_only": rules_only, "simple_word_tokenize": baseline}, rounds)
    stage_s = _stage_times(inputs, [REGISTRY[s].fn for s in STAGES])

    kg_t, base_t, rules_t = timing["kg"], timing["simple_word_tokenize"], timing["rules_only"]
    per_core = kg_tokens / kg_t["cpu_s"]
    result = {
        "text": {
            "documents": len(docs),
            "characters": chars,
            "chunk_sentences": chunk,
            "kg_tokens": kg_tokens,
            "simple_word_tokenize_tokens": base_tokens,
            "source": "../shared/eval diplomatic/dev *.txt + anercorp/train.txt",
        },
        "timing": timing,
        "first_call_s": first_call_s,
        "stage_cpu_s": dict(zip(STAGES, stage_s)),
        "tokens_per_s_per_core": per_core,
        "tokens_per_s_wall": kg_tokens / kg_t["wall_s"],
        "baseline_tokens_per_s_per_core": base_tokens / base_t["cpu_s"],
        "rules_only_tokens_per_s_per_core": kg_tokens / rules_t["cpu_s"],
        "ratio_time_kg_over_rules_only": kg_t["cpu_s"] / rules_t["cpu_s"],
        "ratio_time_kg_over_baseline": kg_t["cpu_s"] / base_t["cpu_s"],
        "target_tokens_per_s_per_core": TARGET,
        "meets_target": per_core >= TARGET,
        "peak_rss_mib": c.peak_rss_mib(),
        "quick": quick,
    }
    c.write_result(NAME, result, _markdown(result, quick))
    c.report_rate(NAME, result, "tokens", 1)
    return result


def _stage_times(inputs: list[Any], fns: list[Any]) -> list[float]:
    """CPU seconds spent in each stage over all documents (one pass)."""
    spent = [0.0] * len(fns)
    for d in inputs:
        for i, fn in enumerate(fns):
            t = time.process_time()
            d = fn(d)
            spent[i] += time.process_time() - t
    return spent


def _markdown(r: dict[str, Any], quick: bool) -> str:
    m = c.machine()
    t, tm = r["text"], r["timing"]
    cmd = "make benchmarks  # or: .venv/bin/python benchmarks/actor_stage.py" + (" --quick" if quick else "")
    total = sum(r["stage_cpu_s"].values()) or 1.0
    rows = [
        [
            f"kg actor stage ({', '.join(STAGES)})",
            c.fmt(t["kg_tokens"]),
            f"{tm['kg']['cpu_s']:.3f}",
            f"{tm['kg']['wall_s']:.3f}",
            f"**{c.fmt(r['tokens_per_s_per_core'])}**",
            f"{r['ratio_time_kg_over_baseline']:.2f}x",
        ],
        [
            "the same with the rules alone (no learned tagger)",
            c.fmt(t["kg_tokens"]),
            f"{tm['rules_only']['cpu_s']:.3f}",
            f"{tm['rules_only']['wall_s']:.3f}",
            c.fmt(r["rules_only_tokens_per_s_per_core"]),
            f"{tm['rules_only']['cpu_s'] / tm['simple_word_tokenize']['cpu_s']:.2f}x",
        ],
        [
            "camel-tools simple_word_tokenize (baseline)",
            c.fmt(t["simple_word_tokenize_tokens"]),
            f"{tm['simple_word_tokenize']['cpu_s']:.3f}",
            f"{tm['simple_word_tokenize']['wall_s']:.3f}",
            c.fmt(r["baseline_tokens_per_s_per_core"]),
            "1.00x",
        ],
    ]
    stages = [[s, f"{v:.3f}", f"{100 * v / total:.0f} %"] for s, v in r["stage_cpu_s"].items()]
    verdict = "met" if r["meets_target"] else "**not met**"
    return f"""## Actor stage (issue 3)

{c.header_lines(cmd, m)}

Text: {c.fmt(t["documents"])} documents, {c.fmt(t["characters"])} characters — the diplomatic
dev articles plus ANERcorp's tokens joined into sentences, {t["chunk_sentences"]} sentences a
document (from `../shared/eval`, read in place). `Pipeline({STAGES!r})`
against `simple_word_tokenize` on the same texts, interleaved, median of
{tm["kg"]["rounds"]} rounds{" (quick run: a part of ANERcorp)" if quick else ""}.

{c.table(["run", "tokens", "CPU s", "wall s", "tokens/s/core", "time vs baseline"], rows)}

Target >= {c.fmt(r["target_tokens_per_s_per_core"])} tokens/s/core: {verdict}. With the learned
tagger in the mention stage the actor stage takes {r["ratio_time_kg_over_rules_only"]:.2f}x the time of the rules alone.
First call (loads the lexicons and gazetteer): {r["first_call_s"]:.2f} s, not counted above.
Peak RSS of the process: {r["peak_rss_mib"]:.0f} MiB.

Where the time goes (CPU seconds in each stage, one pass):

{c.table(["stage", "CPU s", "share"], stages)}
"""


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="a smaller text and fewer rounds")
    ap.add_argument("--rounds", type=int, default=None)
    ap.add_argument("--chunk", type=int, default=30, help="ANERcorp sentences a document")
    a = ap.parse_args()
    run(a.quick, a.rounds, a.chunk)
