"""Issue 17 (item 9): one long article must cost about linear time, not quadratic.

One article of 5,000 sentences and one of 20,000 (4x the text) go through the whole default
pipeline; the figure is the ratio of their CPU times, per stage and in all (target: at most 5x
for 4x the text; quadratic growth would give 16x). The sentences are real news text, the
diplomatic dev articles and ANERcorp's tokens joined into sentences, one a line, repeated in
order until the article is long enough (read in place from ../shared/eval; skipped when it is
absent).

Before the mention stage's containment check and coreference's search for an antecedent
became linear (this script, same machine): 3.9 s and 122.5 s CPU, 31.7x (the mention stage
alone 46.7x).

    .venv/bin/python benchmarks/long_article.py [--quick] [--small 5000] [--large 20000]
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import _common as c

NAME = "long_article"
TARGET_RATIO = 5.0


def article(n: int) -> str:
    """``n`` sentences of real news text, one a line, repeated in order as needed."""
    sents = [line for _, text in c.diplomatic_articles() for line in text.splitlines() if line.strip()]
    sents += c.anercorp_sentences()
    return "\n".join(sents[k % len(sents)] for k in range(n))


def stage_times(text: str) -> tuple[dict[str, float], dict[str, int]]:
    """CPU seconds of each default stage on one article, and what it found."""
    from kg.model import Document
    from kg.pipeline import Pipeline

    doc = Document(doc_id="long", text=text, date="2018-05-16")
    spent: dict[str, float] = {}
    for st in Pipeline().stages:
        c.measure(lambda: None)  # collect garbage outside the timed part
        t0 = time.process_time()
        doc = st.fn(doc)
        spent[st.name] = time.process_time() - t0
    found = {
        "sentences": len(doc.sentences),
        "tokens": len(doc.tokens),
        "mentions": len(doc.mentions),
        "events": len(doc.events),
        "facts": len(doc.facts),
    }
    return spent, found


def run(quick: bool = False, small: int = 5000, large: int = 20000) -> dict[str, Any] | None:
    if c.skip_without_eval(NAME):
        return None
    from kg.pipeline import extract

    if quick:
        small, large = small // 5, large // 5
    extract("قال الرئيس إن الوزير زار ليبيا.")  # loads the lexicons before timing
    sizes: dict[str, Any] = {}
    for n in (small, large):
        spent, found = stage_times(article(n))
        sizes[str(n)] = {"stage_cpu_s": spent, "total_cpu_s": sum(spent.values()), "found": found}
        print(f"{NAME}: {n:,} sentences: {sum(spent.values()):.2f} s CPU", flush=True)
    a, b = sizes[str(small)], sizes[str(large)]
    ratio = b["total_cpu_s"] / a["total_cpu_s"]
    stage_ratio = {s: b["stage_cpu_s"][s] / max(a["stage_cpu_s"][s], 1e-9) for s in a["stage_cpu_s"]}
    result = {
        "text": {
            "small_sentences": small,
            "large_sentences": large,
            "source": "../shared/eval diplomatic/dev *.txt lines + anercorp/train.txt sentences, repeated",
        },
        "sizes": sizes,
        "text_ratio": large / small,
        "time_ratio": ratio,
        "stage_time_ratio": stage_ratio,
        "target_time_ratio": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
        "peak_rss_mib": c.peak_rss_mib(),
        "quick": quick,
    }
    c.write_result(NAME, result, _markdown(result, quick))
    verdict = "met" if result["meets_target"] else "NOT met"
    print(f"{NAME}: {large / small:.0f}x the text took {ratio:.2f}x the time; target <= {TARGET_RATIO}x: {verdict}")
    return result


def _markdown(r: dict[str, Any], quick: bool) -> str:
    m = c.machine()
    small, large = str(r["text"]["small_sentences"]), str(r["text"]["large_sentences"])
    a, b = r["sizes"][small], r["sizes"][large]
    cmd = "make benchmarks  # or: .venv/bin/python benchmarks/long_article.py" + (" --quick" if quick else "")
    rows = [
        [s, f"{a['stage_cpu_s'][s]:.2f}", f"{b['stage_cpu_s'][s]:.2f}", f"{r['stage_time_ratio'][s]:.2f}x"]
        for s in a["stage_cpu_s"]
    ]
    rows.append(["**all**", f"{a['total_cpu_s']:.2f}", f"{b['total_cpu_s']:.2f}", f"**{r['time_ratio']:.2f}x**"])
    found = [[k, c.fmt(a["found"][k]), c.fmt(b["found"][k])] for k in a["found"]]
    verdict = "met" if r["meets_target"] else "**not met**"
    return f"""## One long article (issue 17, item 9)

{c.header_lines(cmd, m)}

One article of {c.fmt(int(small))} sentences and one of {c.fmt(int(large))}
({r["text_ratio"]:.0f}x the text) through the default pipeline, one stage at a time, CPU seconds
of one pass each. The sentences are the diplomatic dev articles' lines and ANERcorp's
sentences, repeated in order (from `../shared/eval`, read in place).

{c.table(["stage", f"{c.fmt(int(small))} sentences, CPU s", f"{c.fmt(int(large))} sentences, CPU s", "ratio"], rows)}

Target: at most {r["target_time_ratio"]:.0f}x the time for {r["text_ratio"]:.0f}x the text: {verdict}
(quadratic growth would be {r["text_ratio"] ** 2:.0f}x). Peak RSS of the process: {r["peak_rss_mib"]:.0f} MiB.
A stage above 4x with no loop over the whole text in it (the tokens stage) pays Python's
garbage collector, which walks the growing tuple of tokens: with the collector off, the
tokens stage measured 4.1x.

{c.table(["found", c.fmt(int(small)) + " sentences", c.fmt(int(large)) + " sentences"], found)}
"""


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="a fifth of the sizes")
    ap.add_argument("--small", type=int, default=5000, help="sentences of the shorter article")
    ap.add_argument("--large", type=int, default=20000, help="sentences of the longer article")
    a = ap.parse_args()
    run(a.quick, a.small, a.large)
