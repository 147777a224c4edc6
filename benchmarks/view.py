"""Issues 6 and 15: the HTML view at scale — pages of 32, 1,000 and 5,000 events (and 20,000
generated ones) rendered by kg.view.html, opened in headless Chromium, timed until the page is
interactive; screenshots at each size, English and Arabic.

The 32 / 1,000 / 5,000-event pages are real: articles of ``../shared/corpus/ant-2018.jsonl.gz``
(read in place, every 15th, 1,100 of them) are built once into a store under the temp folder,
and the network is cut to the articles (in a fixed shuffled order) whose events reach each
size. Without ../shared the pages are generated (tests/view/networks.py). The screenshots show
the actors' names and the filters, no evidence sentence (no panel is opened).

"Interactive" is the page's own signal: view.js sets ``data-ready`` on <body> after the first
frame with the Python layout, then ``data-drawn-nodes`` after the next frame is drawn (the
attribute the browser tests read). A script injected through the DevTools protocol before the
page's own records ``performance.now()`` (milliseconds since navigation start) when each
appears; the wall time from the navigation command until the benchmark sees the attribute is
kept too. Baseline: the four-node sample network of tests/view/test_browser.py in the same
browser build and run.

Chromium is driven through its DevTools protocol by benchmarks/cdp.py (standard library only).

    .venv/bin/python benchmarks/view.py [--quick] [--repeat 3]
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as c
import cdp

NAME = "view"
SEED = 6
R = "https://w3id.org/kg-arabic/resource/"
SIZES = (32, 1_000, 5_000)
GENERATED_ONLY = 20_000
CORPUS = c.ROOT.parent / "shared" / "corpus" / "ant-2018.jsonl.gz"
CACHE = Path(tempfile.gettempdir()) / "kg-bench-view"

TIMING_SCRIPT = """
(() => {
  const t = { marks: [] };
  window.__kgBench = t;
  const seen = {};
  new MutationObserver(() => {
    const b = document.body;
    if (!b) return;
    const now = performance.now();
    if (b.dataset.ready && !seen.ready) { seen.ready = 1; t.ready = now; }
    if (b.dataset.drawnNodes !== undefined && b.dataset.drawnNodes !== seen.drawn) {
      seen.drawn = b.dataset.drawnNodes;
      t.marks.push([now, b.dataset.drawnNodes, b.dataset.nodesShown]);
      if (t.drawn === undefined) t.drawn = now;
    }
  }).observe(document, { attributes: true, subtree: true,
                         attributeFilter: ["data-ready", "data-drawn-nodes", "data-nodes-shown"] });
  document.addEventListener("DOMContentLoaded", () => { t.dcl = performance.now(); });
  window.addEventListener("load", () => { t.load = performance.now(); });
})();
"""


# --------------------------------------------------------------------------- networks


def generated(n_events: int) -> dict[str, Any]:
    """A network shaped like a news corpus (tests/view/networks.py)."""
    import sys

    sys.path.insert(0, str(c.ROOT / "tests" / "view"))
    try:
        from networks import corpus_network
    finally:
        sys.path.pop(0)
    return corpus_network(n_events)


def corpus_store(articles: int = 1_100, every: int = 15) -> Path | None:
    """A store of real articles (every ``every``-th of the ANT corpus), built once and cached."""
    import gzip
    import subprocess
    import sys

    if not CORPUS.exists():
        return None
    store = CACHE / f"store-{articles}-{every}"
    if (store / "CURRENT").exists():
        return store
    CACHE.mkdir(parents=True, exist_ok=True)
    picked = CACHE / f"corpus-{articles}-{every}.jsonl"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, picked.open("w", encoding="utf-8") as out:
        for i, line in enumerate(src):
            if i % every == 0:
                out.write(line)
                articles -= 1
                if not articles:
                    break
    kg = Path(sys.executable).parent / "kg"
    done = subprocess.run(
        [
            str(kg),
            "build",
            str(picked),
            "--store",
            str(store),
            "--out",
            str(CACHE / "out"),
            "--workers",
            "2",
            "--no-outputs",
        ],
        check=False,
    )
    picked.unlink()  # the articles' text stays nowhere but in the store
    if done.returncode not in (0, 1):  # 1: some articles failed (reported), the others are built
        raise RuntimeError(f"kg build of the corpus sample failed ({done.returncode})")
    return store


def corpus_network(store: Path) -> dict[str, Any]:
    from kg.graph.network import network_from_store
    from kg.graph.store import Store

    with Store.open(store, read_only=True) as opened:
        return network_from_store(opened)


def cut(network: dict[str, Any], n_events: int, seed: int = SEED) -> dict[str, Any]:
    """The network of the articles (in a fixed shuffled order) whose events first reach
    ``n_events``; its title from those articles."""
    from kg.graph.network import corpus_title, edges_of

    by_doc: dict[str, list[dict[str, Any]]] = {}
    for event in network["events"]:
        by_doc.setdefault(event["doc_id"] or "", []).append(event)
    docs = sorted(by_doc)
    random.Random(seed).shuffle(docs)
    events: list[dict[str, Any]] = []
    for doc in docs:
        if len(events) >= n_events:
            break
        events += by_doc[doc]
    kept_docs = {e["doc_id"] for e in events}
    counts: dict[str, int] = {}
    for e in events:
        for x in {*e["actors"], *e["recipients"]}:
            counts[x] = counts.get(x, 0) + 1
    mentioned = set(counts) | {e["location"] for e in events if e["location"]}
    nodes = [{**n, "events": counts.get(n["id"], 0)} for n in network["nodes"] if n["id"] in mentioned]
    # the articles' own dates: ANT ids end with the publication day (AL-internationalNews-1089-20180509)
    days = sorted(f"{m[1]}-{m[2]}-{m[3]}" for d in kept_docs if (m := re.search(r"(\d{4})(\d{2})(\d{2})$", d or "")))
    days = days or sorted(e["date"] for e in events if e["date"])
    corpus = {"articles": len(kept_docs), "first": days[0] if days else None, "last": days[-1] if days else None}
    return {
        "title": corpus_title(corpus),
        "corpus": corpus,
        "nodes": nodes,
        "events": events,
        "edges": edges_of(events),
    }


def sample_network() -> dict[str, Any]:
    """The baseline: the browser tests' four-actor network."""
    import sys

    sys.path.insert(0, str(c.ROOT / "tests" / "view"))
    try:
        from test_browser import _network  # the same page the browser tests open
    finally:
        sys.path.pop(0)
    return _network()


# --------------------------------------------------------------------------- browser


def open_page(
    page: Path, timeout: float, screenshot: Path | None = None, interact: bool = False, fragment: str = ""
) -> dict[str, Any]:
    """Open ``page`` in a fresh headless Chromium; timings in ms since navigation start."""
    with cdp.Browser() as b:
        b.send("Page.enable")
        b.send("Performance.enable")
        b.send("Emulation.setDeviceMetricsOverride", width=1400, height=900, deviceScaleFactor=1, mobile=False)
        b.send("Page.addScriptToEvaluateOnNewDocument", source=TIMING_SCRIPT)
        t0 = time.perf_counter()
        b.send("Page.navigate", url=page.as_uri() + (f"#{fragment}" if fragment else ""))
        seen = b.wait_for("document.body && document.body.dataset.drawnNodes", timeout)
        wall_ms = (time.perf_counter() - t0) * 1000
        t = b.evaluate("JSON.stringify(window.__kgBench || {})")
        timing = json.loads(t or "{}")
        body = b.evaluate("Object.assign({}, document.body.dataset)") or {}
        metrics = {m["name"]: m["value"] for m in b.send("Performance.getMetrics")["metrics"]}
        out = {
            "drawn_nodes": seen,
            "wall_ms_to_drawn": wall_ms if seen else None,
            "dcl_ms": timing.get("dcl"),
            "load_ms": timing.get("load"),
            "ready_ms": timing.get("ready"),
            "drawn_ms": timing.get("drawn"),
            "body": body,
            "js_heap_used_mib": metrics.get("JSHeapUsedSize", 0) / 2**20,
            "nodes_in_dom": metrics.get("Nodes"),
            "timed_out": seen is None,
        }
        if seen and screenshot is not None:
            time.sleep(0.5)
            shot = b.send("Page.captureScreenshot", format="png")
            screenshot.write_bytes(base64.b64decode(shot["data"]))
        if seen and interact:
            out["filter_ms"] = _filter_latency(b, timeout)
        return out


def _filter_latency(b: cdp.Browser, timeout: float) -> float | None:
    """Milliseconds from typing into the actor search until the filtered graph is drawn,
    less the page's 150 ms typing debounce."""
    marks = b.evaluate("window.__kgBench.marks.length")
    start = b.evaluate("""(() => { const el = document.getElementById('kg-search');
        el.value = 'Algeria'; const t = performance.now();
        el.dispatchEvent(new Event('input')); return t; })()""")
    done = b.wait_for(
        f"window.__kgBench.marks.length > {marks} && window.__kgBench.marks[window.__kgBench.marks.length - 1][0]",
        timeout,
    )
    return (done - start - 150) if done else None


# --------------------------------------------------------------------------- run


def run(quick: bool = False, repeat: int | None = None, timeout: float = 300.0) -> dict[str, Any] | None:
    if cdp.chromium_path() is None:
        print(f"{NAME}: skipped: chromium is not installed (apt-get install chromium)")
        return None
    from kg.view.html import write_html

    repeat = repeat or (2 if quick else 3)
    store = corpus_store()
    real = corpus_network(store) if store else None
    source = "corpus" if real else "generated"
    cases: list[tuple[str, dict[str, Any], str | None, str]] = [
        ("baseline: 4-actor sample", sample_network(), None, "")
    ]
    for n in SIZES:
        net = cut(real, n) if real else generated(n)
        cases.append((f"{n:,} events ({source})", net, f"view-{n}.png", ""))
        if n == SIZES[-1]:
            cases.append((f"{n:,} events ({source}), Arabic", net, f"view-{n}-ar.png", "lang=ar"))
    if not quick:
        cases.append((f"{GENERATED_ONLY:,} events (generated)", generated(GENERATED_ONLY), None, ""))
    work = Path(tempfile.mkdtemp(prefix="kg-bench-view-"))
    runs: list[dict[str, Any]] = []
    write_html(cases[0][1], work / "warm-up.html")  # imports (pyvis, scipy) not timed below
    for label, net, shot_name, fragment in cases:
        page = work / f"view-{len(runs)}.html"
        t0 = time.perf_counter()
        write_html(net, page)
        render_s = time.perf_counter() - t0
        shot = c.RESULTS / shot_name if shot_name else None
        opened = [
            open_page(page, timeout, shot if i == 0 else None, interact=(i == 0 and not fragment), fragment=fragment)
            for i in range(repeat)
        ]
        ok = [o for o in opened if not o["timed_out"]]

        def med(key: str) -> float | None:
            vals = [o[key] for o in ok if o.get(key) is not None]
            return statistics.median(vals) if vals else None

        entry = {
            "case": label,
            "events": len(net.get("events") or net["edges"]),
            "edges": len(net["edges"]),
            "actors": len(net["nodes"]),
            "render_html_s": render_s,
            "page_mib": page.stat().st_size / 2**20,
            "runs": len(opened),
            "timed_out_runs": len(opened) - len(ok),
            "drawn_ms": med("drawn_ms"),
            "ready_ms": med("ready_ms"),
            "dcl_ms": med("dcl_ms"),
            "load_ms": med("load_ms"),
            "wall_ms_to_drawn": med("wall_ms_to_drawn"),
            "js_heap_used_mib": med("js_heap_used_mib"),
            "filter_ms": opened[0].get("filter_ms"),
            "drawn_nodes": ok[0]["drawn_nodes"] if ok else None,
            "body": ok[0]["body"] if ok else {},
            "screenshot": f"benchmarks/results/{shot_name}" if shot_name else None,
            "all_runs": opened,
        }
        runs.append(entry)
        print(
            f"  {label}: render {render_s:.2f} s, page {entry['page_mib']:.1f} MiB, "
            f"interactive {entry['drawn_ms']} ms (wall {entry['wall_ms_to_drawn']} ms), "
            f"drawn nodes {entry['drawn_nodes']}",
            flush=True,
        )
    base = runs[0]["drawn_ms"] or 1.0
    for r in runs:
        r["ratio_to_baseline"] = (r["drawn_ms"] / base) if r["drawn_ms"] else None
    result = {
        "cases": runs,
        "source": source,
        "screenshots": [r["screenshot"] for r in runs if r["screenshot"]],
        "quick": quick,
        "chromium": _chromium_version(),
    }
    c.write_result(NAME, result, _markdown(result, quick))
    return result


def _chromium_version() -> str:
    import subprocess

    exe = cdp.chromium_path()
    try:
        return subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


DESCRIPTION = """What they show (looked at for this run; layouts are the same on every run):

- **32 events** (`view-32.png`, 6 articles, 40 events): small groups apart, every actor
  named: the Korean summit (North Korea, the United States, Donald Trump, South Korea; no node
  covers another, but their short edges' labels, "3 events", "2 events", "held talks with",
  crowd each other), Singapore and Iceland, Iran and Israel, protesters, China and Japan, and
  two names the extractor made up ("Banf", "Michael Koufrigh"). Status: 20 of 30 actors, 40 of
  40 events (17 without a recipient), 10 actors without a drawn edge hidden.
- **1,000 events** (`view-1000.png`, 175 articles): about a dozen communities, each a group
  around its hub: Saudi Arabia and the Yemen forces, Israel and the Palestinian Territories,
  the United States with Iran and Mike Pompeo, Syria and Türkiye, Germany and Europe, Iraq
  and "attackers", Egypt, France and Morocco, Islamic State, Italy and Russia; edges between
  groups drawn light. About 45 names, readable; a few touch inside the US group.
- **5,000 events** (`view-5000.png`, 886 articles): the same at corpus scale: a dozen
  communities packed around the middle: the United States and Iran (top right, the densest),
  Syria and the European leaders (top left), the attacks cluster with Qasem Soleimani (left),
  Saudi Arabia and Yemen (bottom), Israel, Türkiye and Erdoğan, Egypt, the EU and Tunisia, the
  UN and Kuwait; a light web of cross-community edges; about 60 names. In the densest groups
  (Iran and the US, "attackers" and France) names overlap each other. The title runs from
  2013-12-26 because one corpus article carries that date; the histogram spans the core
  months (February to September 2018).
- **5,000 events, Arabic** (`view-5000-ar.png`): the interface mirrored right to left
  (filters on the right, panel on the left, every control and the status line in Arabic),
  Arabic actor names, the title "kg — 886 مقالة، …" with its two dates in order."""


def _markdown(r: dict[str, Any], quick: bool) -> str:
    m = c.machine()
    cmd = "make benchmarks  # or: .venv/bin/python benchmarks/view.py" + (" --quick" if quick else "")

    def ms(x: float | None) -> str:
        return c.fmt(x) if x is not None else "–"

    rows = [
        [
            x["case"],
            c.fmt(x["actors"]),
            c.fmt(x["events"]),
            f"{x['render_html_s']:.2f}",
            f"{x['page_mib']:.1f}",
            ms(x["dcl_ms"]),
            ms(x["ready_ms"]),
            f"**{ms(x['drawn_ms'])}**",
            ms(x["wall_ms_to_drawn"]),
            f"{x['ratio_to_baseline']:.1f}x" if x.get("ratio_to_baseline") else "–",
            ms(x["filter_ms"]),
            f"{x['js_heap_used_mib']:.0f}" if x["js_heap_used_mib"] else "–",
            f"{x['drawn_nodes']} / {x['body'].get('nodesShown', '?')}",
        ]
        for x in r["cases"]
    ]
    return f"""## HTML view at scale (issues 6 and 15)

{c.header_lines(cmd, m)}  
Browser: {r["chromium"]}, headless, driven through the DevTools protocol (benchmarks/cdp.py),
window 1400 x 900, a fresh browser and profile for every load; median of
{r["cases"][0]["runs"]} loads.

Pages of {r["source"]} networks (see the module's docstring). Times in ms since navigation
start, measured in the page: DOMContentLoaded; `data-ready` (the first frame with the Python
layout: communities laid out apart, no physics run); **interactive** = `data-drawn-nodes` set
after the next full frame. "wall" is from
the navigation command until the benchmark saw the attribute. "filter" is typing an actor
name into the search box until the filtered graph is drawn, less the page's 150 ms debounce.
Baseline: the browser tests' 4-actor sample page. On the big pages the first frame is drawn
while the main thread stays busy until about DOMContentLoaded, and the benchmark's own
DevTools call is answered only once it is free: "wall" is the better measure of when a person
can click.

{c.table(["network", "actors", "events", "render_html s", "page MiB", "DOMContentLoaded", "ready", "interactive", "wall", "vs baseline", "filter", "JS heap MiB", "drawn / shown nodes"], rows)}

Screenshots (1400 x 900, no panel opened): {", ".join("`" + x + "`" for x in r["screenshots"])}.
{DESCRIPTION}
"""


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="skip the 20,000-event network")
    ap.add_argument("--repeat", type=int, default=None, help="loads per network (default 3)")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for a page")
    a = ap.parse_args()
    run(a.quick, a.repeat, a.timeout)
