"""The SPARQL endpoint (`kg serve`, Oxigraph) under concurrent load, on loopback only.

Builds a store of generated articles, starts the read-only server on 127.0.0.1 with a query
timeout, and measures:
  * baseline: one client sending the query mix one after another;
  * load: CLIENTS threads sending the same mix at once (bounded by count and by time);
  * a pathological query (a triple cross-product) must hit the server timeout, and a simple
    query must work afterwards; UPDATE must be refused; the server must bind 127.0.0.1.
Latencies are p50/p90/p99 in ms; the load figures are also given as ratios to the baseline.

    .venv/bin/python benchmarks/endpoint_load.py            # 20 clients x 50 queries
    .venv/bin/python benchmarks/endpoint_load.py --clients 5 --queries 20 --articles 50

Writes benchmarks/results/endpoint_load.json and its section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from importlib.resources import files
from pathlib import Path

from kg.graph.endpoint import free_port
from kg.graph.rdf import content_hash, document_dataset, graph_iri
from kg.graph.server import start_server
from kg.graph.store import Store
from kg.model import Document
from kg.pipeline import extract

HERE = Path(__file__).resolve().parent
SECTION = "## Endpoint under load (benchmarks/endpoint_load.py)"
PREFIXES = "PREFIX kg: <https://w3id.org/kg-arabic/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
SIMPLE = PREFIXES + "SELECT ?a ?b WHERE { ?e a kg:Event ; kg:actor ?a ; kg:recipient ?b } LIMIT 50"
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# Oxigraph's --timeout-s does not stop this one (checked up to 120 s on 1,700 quads): the
# deadline is only looked at in some operators. kg serve's front answers 503 at its deadline.
FOUR_WAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TEMPLATES = (
    "زار وزير الخارجية الجزائري عبد القادر مساهل ليبيا والتقى فايز السراج في طرابلس يوم {n}.",
    "طالب المسؤول الليبي بدعم جزائري لمواجهة الإرهاب، وأكد أن التعاون بين البلدين مستمر {n}.",
    "التقى الرئيس المصري عبد الفتاح السيسي الرئيس التونسي في القاهرة وبحثا العلاقات {n}.",
    "أدانت الحكومة الجزائرية الهجوم على طرابلس وعرضت المساعدة على حكومة الوفاق الوطني {n}.",
)


def query_mix() -> dict[str, str]:
    """The bundled example queries plus a few plain SELECTs (all read-only), by name."""
    folder = files("kg") / "ontology" / "queries"
    bundled = {
        name: folder.joinpath(name).read_text(encoding="utf-8")
        for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".rq"))
    }
    plain = {
        "simple-edges": SIMPLE,
        "count-quads": PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "types": PREFIXES + "SELECT ?t (COUNT(?e) AS ?n) WHERE { ?e kg:ploverType ?t } GROUP BY ?t",
        "countries": PREFIXES + "SELECT DISTINCT ?x ?l WHERE { ?x a kg:Country ; rdfs:label ?l } LIMIT 20",
    }
    return {**bundled, **plain}


def build_store(path: Path, articles: int) -> int:
    """A store of ``articles`` generated articles; returns the quads stored."""
    with Store.open(path) as store:
        for i in range(articles):
            doc = Document(
                f"load-{i:05d}", TEMPLATES[i % len(TEMPLATES)].format(n=i), f"2018-{1 + i % 12:02d}-{1 + i % 28:02d}"
            )
            out = extract(doc.text, doc.doc_id, doc.date)
            store.put_graph(str(graph_iri(doc.doc_id)), document_dataset(out), content_hash(doc))
        return len(store)


def ask(url: str, query: str, timeout: float = 60.0) -> tuple[int, bytes]:
    """POST a query (SPARQL 1.1 Protocol); (HTTP status, body). 0 for a network error."""
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(
        url,
        data=data,
        headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as err:
        return 0, str(err).encode()


def complete_result(status: int, body: bytes) -> bool:
    """True for a 200 whose body is a whole SPARQL JSON result."""
    if status != 200:
        return False
    try:
        obj = json.loads(body)
    except ValueError:
        return False
    return isinstance(obj, dict) and ("results" in obj or "boolean" in obj)


def percentiles(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {"p50": 0.0, "p90": 0.0, "p99": 0.0, "mean": 0.0, "max": 0.0}
    cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    return {
        "p50": round(cuts[49], 2),
        "p90": round(cuts[89], 2),
        "p99": round(cuts[98], 2),
        "mean": round(statistics.fmean(ms), 2),
        "max": round(max(ms), 2),
    }


def run_load(url: str, clients: int, per_client: int, max_seconds: float, queries: list[str]) -> dict:
    """``clients`` threads, each sending up to ``per_client`` queries (round-robin over the
    mix) until ``max_seconds``; every reply must be a complete result."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds

    def client(k: int) -> None:
        for j in range(per_client):
            if time.monotonic() > deadline:
                return
            query = queries[(k + j) % len(queries)]
            started = time.perf_counter()
            status, body = ask(url, query)
            took = (time.perf_counter() - started) * 1000
            with lock:
                if complete_result(status, body):
                    latencies.append(took)
                else:
                    errors.append(f"HTTP {status}: {body[:120]!r}")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - started
    return {
        "clients": clients,
        "queries": len(latencies) + len(errors),
        "ok": len(latencies),
        "errors": len(errors),
        "error_samples": errors[:5],
        "seconds": round(wall, 3),
        "queries_per_second": round((len(latencies) + len(errors)) / max(wall, 1e-9), 1),
        "latency_ms": percentiles(latencies),
    }


def pathological(url: str, timeout_s: int) -> dict:
    """The cross-product query must be stopped by the server's timeout."""
    started = time.perf_counter()
    status, body = ask(url, CROSS_PRODUCT, timeout=timeout_s * 10 + 30)
    took = time.perf_counter() - started
    return {
        "status": status,
        "complete_result": complete_result(status, body),
        "cancelled_message": b"cancelled" in body.lower(),
        "seconds": round(took, 2),
    }


def refuses_update(server) -> dict:
    data = urllib.parse.urlencode({"update": "INSERT DATA { <http://e/s> <http://e/p> 1 }"}).encode()
    request = urllib.request.Request(
        server.update_url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            status = reply.status
    except urllib.error.HTTPError as err:
        status = err.code
    return {"update_status": status, "refused": status in (403, 405)}


def bound_host(server) -> str:
    args = server.process.args
    return args[args.index("--host") + 1]


def probe(workdir: Path, timeout_s: int) -> tuple[list[str], list[dict]]:
    """The queries of the mix that the timeout does not stop, and those it does, found on a
    server of their own (stopped afterwards, so a query still running cannot load the next)."""
    queries, timed_out = [], []
    with start_server(workdir / "store", port=free_port(), timeout_s=timeout_s, log_dir=workdir) as server:
        server.wait_ready()
        for name, q in query_mix().items():
            started = time.perf_counter()
            status, body = ask(server.query_url, q, timeout=timeout_s * 10 + 30)
            if complete_result(status, body):
                queries.append(q)
            else:
                timed_out.append({"query": name, "status": status, "seconds": round(time.perf_counter() - started, 2)})
    return queries, timed_out


def run(clients: int, per_client: int, articles: int, max_seconds: float, timeout_s: int, workdir: Path) -> dict:
    quads = build_store(workdir / "store", articles)
    queries, timed_out = probe(workdir, timeout_s)
    with start_server(workdir / "store", port=free_port(), timeout_s=timeout_s, log_dir=workdir) as server:
        server.wait_ready()
        url = server.query_url
        for q in queries:  # warm up
            ask(url, q)
        baseline = run_load(url, 1, per_client, max_seconds, queries)
        load = run_load(url, clients, per_client, max_seconds, queries)
        patho = pathological(url, timeout_s)
        after = complete_result(*ask(url, SIMPLE))
        result = {
            "articles": articles,
            "quads": quads,
            "query_mix": len(queries),
            "left_out_stopped_by_timeout": timed_out,
            "server_timeout_s": timeout_s,
            "host": bound_host(server),
            "baseline_one_client": baseline,
            "load": load,
            "ratio_p50_load_over_baseline": round(
                load["latency_ms"]["p50"] / max(baseline["latency_ms"]["p50"], 1e-9), 2
            ),
            "ratio_qps_load_over_baseline": round(
                load["queries_per_second"] / max(baseline["queries_per_second"], 1e-9), 2
            ),
            "pathological": patho,
            "simple_query_after_pathological": after,
            "server_alive_after": server.process.poll() is None,
            **refuses_update(server),
        }
    return result


def write_results(result: dict) -> None:
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "endpoint_load.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    load, base = result["load"], result["baseline_one_client"]
    lines = [
        SECTION,
        "",
        f"`kg serve` (Oxigraph, read-only, 127.0.0.1, query timeout {result['server_timeout_s']} s) "
        f"over {result['articles']} generated articles ({result['quads']} quads); a mix of "
        f"{result['query_mix']} SELECTs (the bundled example queries and simple ones).",
        "",
    ]
    if result["left_out_stopped_by_timeout"]:
        names = ", ".join(f"`{t['query']}`" for t in result["left_out_stopped_by_timeout"])
        lines += [
            f"Left out of the mix because the {result['server_timeout_s']} s timeout stopped "
            f"them even without load: {names}. With the default graph as the union of the "
            "articles' graphs, an entity's type and label triples repeat once per article, "
            "so each OPTIONAL label join multiplies rows by the number of articles naming "
            "the entity (reported to the lead).",
            "",
        ]
    lines += [
        "| run | clients | queries | errors | q/s | p50 ms | p90 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in (("baseline", base), ("load", load)):
        ms = r["latency_ms"]
        lines.append(
            f"| {name} | {r['clients']} | {r['queries']} | {r['errors']} | "
            f"{r['queries_per_second']} | {ms['p50']} | {ms['p90']} | {ms['p99']} |"
        )
    p = result["pathological"]
    lines += [
        "",
        f"Under load, p50 is {result['ratio_p50_load_over_baseline']}x the one-client p50 and "
        f"throughput {result['ratio_qps_load_over_baseline']}x. A three-way cross-product query "
        f"was stopped after {p['seconds']} s (complete result: {p['complete_result']}; Oxigraph "
        f'ends the streamed 200 reply with "cancelled": {p["cancelled_message"]}); the server '
        f"stayed up ({result['server_alive_after']}) and answered a simple query afterwards "
        f"({result['simple_query_after_pathological']}); UPDATE got HTTP "
        f"{result['update_status']}. Caveat: Oxigraph does not stop every query at the timeout "
        "(a four-way cross-product COUNT ran past 120 s with a 2 s timeout), so one such "
        "query can hold a core (reported). Source: `benchmarks/results/endpoint_load.json`.",
        "",
    ]
    replace_section(HERE / "RESULTS.md", SECTION, "\n".join(lines))


def replace_section(path: Path, heading: str, body: str) -> None:
    """Put ``body`` (starting with ``heading``) in place of that section, or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    start = text.find(heading + "\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + body
    else:
        nxt = text.find("\n## ", start + len(heading))
        text = text[:start] + body + (text[nxt + 1 :] if nxt >= 0 else "")
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=50, help="per client")
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--max-seconds", type=float, default=120.0)
    parser.add_argument("--timeout", type=int, default=10, help="server query timeout (s)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-endpoint-") as tmp:
        result = run(args.clients, args.queries, args.articles, args.max_seconds, args.timeout, Path(tmp))
    print(json.dumps(result, indent=1))
    if not args.no_write:
        write_results(result)
    ok = (
        result["load"]["errors"] == 0
        and not result["pathological"]["complete_result"]
        and result["simple_query_after_pathological"]
        and result["refused"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
