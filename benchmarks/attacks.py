"""Reliability under attack and carelessness (issue 17): every case of the adversarial pass, run
against the real commands, with the figures the issue asks for.

    .venv/bin/python benchmarks/attacks.py                 # full: 5,000-article memory run etc.
    .venv/bin/python benchmarks/attacks.py --quick         # smaller sizes, fewer kills

Writes benchmarks/results/attacks.json and its section of benchmarks/RESULTS.md. Memory is the
peak resident size of the `kg build` process (wait4's ru_maxrss), against a `--no-outputs`
build of the same articles in the same run; times of the long article are ratios against its
5,000-sentence run. Articles are generated (benchmarks/generate_corpus.py): no corpus text.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common as c  # noqa: E402

sys.path.insert(0, str(c.ROOT / "tests" / "hardening"))  # the process helpers the hardening tests use
from hardening_support import descendants, running  # noqa: E402

from kg.graph.endpoint import free_port  # noqa: E402

NAME = "attacks"
SECTION = "## Reliability under attack and carelessness (benchmarks/attacks.py)"
KG = [sys.executable, "-m", "kg.cli"]
GOOD = "زار وزير الخارجية الجزائري عبد القادر مساهل ليبيا أمس والتقى فايز السراج في طرابلس."
GOOD2 = "التقى الرئيس المصري عبد الفتاح السيسي الرئيس التونسي في القاهرة."
OTHER = "أدانت المملكة المغربية الهجوم الذي استهدف مقرا حكوميا في بغداد."
PERSIAN = "وزیر امور خارجه ایران روز دوشنبه در تهران با همتای خود دیدار کرد و گفت که این سفر برای توسعه روابط است."
PREFIX = "PREFIX kg: <https://w3id.org/kg-arabic/ontology#>\n"


# ------------------------------------------------------------------------------ helpers
def kg(*args: Any, timeout: float = 1800, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, timeout=timeout, **kwargs)


def peak_run(args: list[str]) -> tuple[int, float, float]:
    """(exit code, peak RSS MB of the process, seconds) of a kg command."""
    started = time.monotonic()
    process = subprocess.Popen([*KG, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, round(usage.ru_maxrss / 1024, 1), round(time.monotonic() - started, 1)


def jsonl(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in rows), "utf-8")
    return path


def generated(path: Path, n: int, seed: int) -> Path:
    if not path.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate_corpus.py"), "-n", str(n), "--seed", str(seed), "-o", str(path)],
            check=True,
            capture_output=True,
        )
    return path


def ask(url: str, query: str, accept: str = "application/sparql-results+json", timeout: float = 60):
    data = urllib.parse.urlencode({"query": PREFIX + query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": accept})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, reply.read(), time.monotonic() - started
    except urllib.error.HTTPError as err:
        return err.code, err.read(), time.monotonic() - started
    except OSError as err:
        return 0, str(err).encode(), time.monotonic() - started


def articles(url: str) -> int | None:
    status, body, _ = ask(url, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }")
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) if status == 200 else None


def outlived(pids: list[int], limit_s: float = 5.0) -> tuple[int, float]:
    """(processes still running after ``limit_s``, seconds until the last one went)."""
    started = time.monotonic()
    while any(running(p) for p in pids) and time.monotonic() - started < limit_s:
        time.sleep(0.05)
    left = [p for p in pids if running(p)]
    for pid in left:  # not ours to leave behind
        os.kill(pid, signal.SIGKILL)
    return len(left), round(time.monotonic() - started, 2)


def serve(store: Path, port: int, timeout_s: int = 2) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [*KG, "serve", "--store", str(store), "--port", str(port), "--timeout", str(timeout_s)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if ask(f"http://127.0.0.1:{port}/query", "ASK {}", timeout=2)[0] == 200:
            return process
        time.sleep(0.2)
    raise RuntimeError("kg serve did not answer")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(30)


def one_line(text: str) -> bool:
    return len(text.strip().splitlines()) == 1 and "Traceback" not in text


# ------------------------------------------------------------------------------ items 1-3: no loss
def case_ids(work: Path) -> dict:
    folder = work / "ids"
    folder.mkdir()
    (folder / "News.txt").write_text(GOOD, "utf-8")
    (folder / "news.txt").write_text(GOOD2, "utf-8")
    jsonl(folder / "c.jsonl", [("Report1", GOOD), ("report1", GOOD2), ("AFP.123", OTHER), ("afp-123-72c4e556", GOOD)])
    done = kg("build", folder, "--store", work / "ids-store", "--out", work / "ids-out", "--no-view")
    graphs = kg("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g kg:docId ?id } }", "--store", work / "ids-store",
                "--format", "csv")  # fmt: skip
    return {"documents": 6, "exit_code": done.returncode, "article_graphs": len(graphs.stdout.splitlines()) - 1}


def case_old_store(work: Path) -> dict:
    from kg.graph.store import FORMAT_FILE, Store

    store = work / "old-store"
    iri = "https://w3id.org/kg-arabic/resource/article/afp-123-72c4e556"
    with Store.open(store) as opened:
        opened.put_graph(iri, f'<{iri}> <https://w3id.org/kg-arabic/ontology#docId> "AFP.123" .\n', "h")
    (store / FORMAT_FILE).unlink()
    build = kg("build", jsonl(work / "old.jsonl", [("AFP.123", GOOD)]), "--store", store, "--out", work / "old-out")
    query = kg("query", "ASK { ?a kg:docId 'AFP.123' }", "--store", store)
    return {
        "build_exit_code": build.returncode,
        "build_message_one_line": one_line(build.stderr),
        "says_rebuild": "rebuild" in build.stderr,
        "query_still_reads": query.stdout.strip() == "true",
    }


def case_push(work: Path) -> dict:
    from kg.graph.server import push, start_server
    from kg.graph.store import Store

    for name, text in (("a", GOOD), ("b", OTHER)):
        kg("build", jsonl(work / f"p{name}.jsonl", [(f"p{name}", text)]), "--store", work / f"push-{name}", "--out",
           work / f"push-out-{name}", "--no-view")  # fmt: skip
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/kg-arabic/resource/graph/entities> { ?e ?p ?o } }"
    with Store.open(work / "push-a", read_only=True) as a:
        own = int(a.select(query, union=False)[0]["n"] or 0)
    with start_server(work / "push-target", port=free_port(), read_only=False, log_dir=work) as server:
        server.wait_ready()
        with Store.open(work / "push-a", read_only=True) as a:
            push(a, server.url)
        after_a = int(json.loads(ask(server.query_url, query)[1])["results"]["bindings"][0]["n"]["value"])
        with Store.open(work / "push-b", read_only=True) as b:
            push(b, server.url)
        missing = ask(
            server.query_url,
            """SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/kg-arabic/resource/graph/entities> {
                 ?e ?p ?o } FILTER(?p != <http://example.org/none>) }""",
        )
        after_b = int(json.loads(missing[1])["results"]["bindings"][0]["n"]["value"])
    return {"entity_triples_store_a": own, "on_target_after_a": after_a, "on_target_after_b": after_b}


def case_export_into_store(work: Path) -> dict:
    store = work / "ids-store"
    current = (store / "CURRENT").read_bytes()
    done = kg("export", "--format", "turtle", "-o", store / "CURRENT", "--store", store)
    stats = kg("stats", "--store", store)
    return {
        "exit_code": done.returncode,
        "one_line": one_line(done.stderr),
        "current_unchanged": (store / "CURRENT").read_bytes() == current,
        "store_opens": stats.returncode == 0,
    }


# ------------------------------------------------------------------------------ items 4-6, 8: the endpoint
def case_endpoint(work: Path, store: Path) -> dict:
    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    server = serve(store, port, timeout_s=2)
    try:
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen()
            listener.settimeout(2)
            target = listener.getsockname()[1]
            service = ask(url, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{target}/x> {{ ?s ?p ?o }} }}")
            try:
                listener.accept()
                contacted = True
            except TimeoutError:
                contacted = False
        deep = ask(url, "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000)
        alive_after_deep = articles(url) is not None
        csv = ask(url, "SELECT ?a ?b ?c ?d WHERE { ?a ?b ?c . ?d ?e ?f }", accept="text/csv")
        four = ask(url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
        time.sleep(1)
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(300)]
        probes = [ask(url, "ASK {}", timeout=10) for _ in range(5)]
        for sock in idle:
            sock.close()
        alive = server.poll() is None
    finally:
        stop(server)
    query = kg("query", "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000, "--store", store)
    return {
        "service_status": service[0],
        "service_contacted_the_address": contacted,
        "deep_5000_status": deep[0],
        "alive_after_deep": alive_after_deep,
        "kg_query_deep_exit_code": query.returncode,
        "kg_query_deep_one_line": one_line(query.stderr),
        "csv_timeout_status": csv[0],
        "csv_timeout_body_has_error_row": b"cancelled" in csv[1],
        "four_way_status": four[0],
        "four_way_seconds": round(four[2], 2),
        "probe_statuses_300_idle": sorted({p[0] for p in probes}),
        "probe_seconds_300_idle_median": round(statistics.median(p[2] for p in probes), 3),
        "probe_seconds_300_idle_max": round(max(p[2] for p in probes), 3),
        "server_alive_at_end": alive,
    }


def case_stale(work: Path, corpus: Path, more: Path) -> dict:
    """Serve a store, build more articles into it, and time how long the endpoint lags."""
    store = work / "stale-store"
    kg("build", corpus, "--store", store, "--out", work / "stale-out", "--no-outputs")
    before = kg("stats", "--store", store, "--json")
    n_before = json.loads(before.stdout)["articles"]
    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    server = serve(store, port, timeout_s=30)
    try:
        build = subprocess.Popen([*KG, "build", str(more), "--store", str(store), "--out", str(work / "stale-out2"),
                                  "--no-outputs"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        seen = []
        while build.poll() is None:
            seen.append(articles(url))
            time.sleep(1)
        ended = time.monotonic()
        n_after = json.loads(kg("stats", "--store", store, "--json").stdout)["articles"]
        while articles(url) != n_after and time.monotonic() - ended < 120:
            time.sleep(0.2)
        lag = round(time.monotonic() - ended, 2)
        served = articles(url)
    finally:
        stop(server)
    return {
        "articles_before": n_before,
        "articles_after_build": n_after,
        "served_after": served,
        "seconds_from_build_end_to_served": lag,
        "distinct_counts_served_during_build": len(set(seen)),
    }


def case_signals(work: Path, store: Path) -> dict:
    found: dict[str, Any] = {}
    for name, sig in (("TERM", signal.SIGTERM), ("INT", signal.SIGINT), ("KILL", signal.SIGKILL)):
        port = free_port()
        server = serve(store, port)
        tree = descendants(server.pid)
        server.send_signal(sig)
        server.wait(30)
        left, seconds = outlived(tree)
        found[name] = {
            "exit_code": server.returncode,
            "children": len(tree),
            "left_after_5_s": left,
            "seconds": seconds,
        }
    port = free_port()
    first = serve(store, port)
    try:
        second = kg("serve", "--store", store, "--port", port, timeout=60)
    finally:
        stop(first)
    found["second_on_busy_port"] = {"exit_code": second.returncode, "one_line": one_line(second.stderr)}
    bad = kg("serve", "--store", store, "--port", 99999, timeout=60)
    found["port_99999"] = {"exit_code": bad.returncode, "rust_backtrace": "backtrace" in bad.stderr.lower()}
    return found


# ------------------------------------------------------------------------------ item 7: right data
def case_printing(store: Path) -> dict:
    ask_true = kg("query", "ASK { ?a a kg:Article }", "--store", store).stdout
    construct = kg("query", "CONSTRUCT { ?e a kg:Event } WHERE { ?e a kg:Event } LIMIT 3", "--store", store).stdout
    describe = kg("query", "DESCRIBE ?e WHERE { ?e a kg:Event } LIMIT 1", "--store", store).stdout
    return {
        "ask_table": ask_true.strip(),
        "construct_is_turtle": construct.startswith("@prefix") and "(no results)" not in construct,
        "describe_is_turtle": describe.startswith("@prefix") and "(no results)" not in describe,
    }


def case_neo4j_kills(work: Path, small: Path, big: Path, kills: int) -> dict:
    """Export store ``small`` as neo4j, then kill exports of store ``big`` into the same folder
    while they write (after their temporary folder appears, at a random moment of the writing):
    after each kill the pair must be wholly one export's."""
    folder = work / "neo4j"
    kg("export", "--format", "neo4j", "-o", work / "neo4j-big", "--store", big)
    kg("export", "--format", "neo4j", "-o", folder, "--store", small)
    pairs = {
        tuple((f / n).read_bytes() for n in ("nodes.csv", "relationships.csv")) for f in (folder, work / "neo4j-big")
    }
    rng = random.Random(17)
    mixed, during_writing, temp_left = 0, 0, 0
    for _ in range(kills):
        process = subprocess.Popen([*KG, "export", "--format", "neo4j", "-o", str(folder), "--store", str(big)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if any(p.name.startswith(".neo4j.") for p in work.iterdir()):
                break
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.3))
        during_writing += process.poll() is None
        process.kill()
        process.wait()
        pair = tuple((folder / n).read_bytes() for n in ("nodes.csv", "relationships.csv"))
        mixed += pair not in pairs
        temp_left = max(temp_left, sum(1 for p in work.iterdir() if p.name.startswith(".neo4j.")))
    kg("export", "--format", "neo4j", "-o", folder, "--store", small)
    temp_after_next = sum(1 for p in work.iterdir() if p.name.startswith(".neo4j."))
    return {
        "kills": kills,
        "kills_while_writing": during_writing,
        "mixed_pairs": mixed,
        "temp_folders_left_by_kills": temp_left,
        "temp_folders_after_next_export": temp_after_next,
    }


def case_export_kills(work: Path, store: Path, kills: int) -> dict:
    """Kill `kg export --format turtle` at random moments: the bytes of temporary files left,
    and what remains after the next export to the folder."""
    folder = work / "ttl"
    folder.mkdir()
    started = time.monotonic()
    kg("export", "--format", "turtle", "-o", folder / "g.ttl", "--store", store)
    export_s = time.monotonic() - started
    rng = random.Random(5)
    left = 0
    for _ in range(kills):
        process = subprocess.Popen([*KG, "export", "--format", "turtle", "-o", str(folder / "g.ttl"), "--store",
                                    str(store)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.2, export_s))
        process.kill()
        process.wait()
        left = max(left, sum(p.stat().st_size for p in folder.iterdir() if p.name.startswith(".")))
    kg("export", "--format", "turtle", "-o", folder / "g.ttl", "--store", store)
    after = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    return {"kills": kills, "temp_bytes_left_at_most": left, "temp_files_after_next_export": len(after)}


def case_language(work: Path) -> dict:
    import unicodedata

    def found(text: str, name: str) -> tuple[int, list[str]]:
        (work / f"{name}.txt").write_text(text, "utf-8")
        done = kg("extract", work / f"{name}.txt")
        if done.returncode != 0:
            return done.returncode, [done.stderr.strip()]
        return 0, sorted(e["label_en"] or e["label_ar"] for e in json.loads(done.stdout)["entities"])

    forms = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFE70, 0xFEFD) if chr(c).isalpha()}
    plain = found(GOOD, "plain")[1]
    persian = found(PERSIAN, "persian")
    shapes = found("".join(forms.get(ch, ch) for ch in GOOD), "forms")
    joined = found("\u200d".join(GOOD), "zwj")
    return {
        "persian_exit_code": persian[0],
        "persian_message": persian[1][0][:120] if persian[0] else None,
        "presentation_forms_entities_as_plain": shapes == (0, plain),
        "zero_width_joiners_entities_as_plain": joined == (0, plain),
        "plain_entities": len(plain),
    }


# ------------------------------------------------------------------------------ items 8, 10: messages
def case_messages(work: Path, store: Path, corpus: Path) -> dict:
    from kg.graph.store import Store

    folder = work / "names"
    folder.mkdir()
    (folder / ("n" * 241 + ".txt")).write_text(GOOD, "utf-8")
    jsonl(folder / "ids.jsonl", [("م" * 200, GOOD2), ("x" * 201, OTHER)])
    (folder / "x\x1b]0;pwned\x07\u202eevil.txt").write_text("English only, no Arabic.", "utf-8")
    names = kg("build", folder, "--store", work / "names-store", "--out", work / "names-out")
    report = json.loads((work / "names-out" / "report.json").read_text("utf-8"))
    pipe = subprocess.run(f"{' '.join(KG)} stats --store {store} | head -1", shell=True, capture_output=True, text=True)
    with Store.open(work / "held-store"):
        loser = kg("build", corpus, "--store", work / "held-store", "--out", work / "loser-out")
    loser_report = json.loads((work / "loser-out" / "report.json").read_text("utf-8"))
    first = subprocess.Popen([*KG, "build", str(corpus), "--store", str(work / "share-1"), "--out",
                              str(work / "shared-out"), "--no-outputs"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    while not (work / "shared-out" / ".kg-build.lock").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = kg("build", corpus, "--store", work / "share-2", "--out", work / "shared-out", "--no-outputs")
    first.wait(600)
    return {
        "long_names_exit_code": names.returncode,
        "long_names_page_written": (work / "names-out" / "graph.html").exists(),
        "documents_written": len(list((work / "names-out" / "documents").iterdir())),
        "id_201_reason": next((f["reason"] for f in report["failures"] if f["doc_id"].startswith("ids.jsonl")), None),
        "control_characters_raw_on_stderr": any(ch in names.stderr for ch in "\x1b\x07\u202e"),
        "stats_into_head_stderr": pipe.stderr.strip(),
        "lock_loser_exit_code": loser.returncode,
        "lock_loser_report_error": (loser_report.get("error") or "")[:80],
        "shared_out_second_exit_code": second.returncode,
        "shared_out_first_exit_code": first.returncode,
    }


def case_build_kills(work: Path, corpus: Path, kills: int) -> dict:
    """SIGKILL `kg build --workers 2` at random moments: its processes still running 5 s later."""
    rng = random.Random(11)
    results = []
    for i in range(kills):
        build = subprocess.Popen([*KG, "build", str(corpus), "--store", str(work / f"kill-store-{i % 2}"), "--out",
                                  str(work / f"kill-out-{i}"), "--workers", "2", "--no-outputs"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(3, 10))
        tree = descendants(build.pid)
        build.kill()
        build.wait()
        left, seconds = outlived(tree)
        results.append({"processes": len(tree), "left_after_5_s": left, "seconds": seconds})
    return {
        "kills": kills,
        "processes_per_build": sorted({r["processes"] for r in results}),
        "left_after_5_s": sum(r["left_after_5_s"] for r in results),
        "seconds_until_gone_max": max(r["seconds"] for r in results),
    }


def case_dask_interrupts(work: Path, corpus: Path) -> dict:
    lines = []
    for delay in (0.0, 2.0, 6.0, 12.0):
        build = subprocess.Popen([*KG, "build", str(corpus), "--store", str(work / f"dask-{delay}"), "--out",
                                  str(work / f"dask-out-{delay}"), "--engine", "dask", "--workers", "2",
                                  "--no-outputs"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 start_new_session=True,
                                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # fmt: skip
        deadline = time.monotonic() + 120
        while not descendants(build.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(delay)
        os.killpg(build.pid, signal.SIGINT)
        _, err = build.communicate(timeout=300)
        shown = [line for line in err.decode().splitlines() if not line.startswith("kg build: ")]
        lines.append({"after_s": delay, "exit_code": build.returncode, "stderr_lines": shown[:5]})
    return {"interrupts": lines, "all_one_line": all(r["stderr_lines"] == ["kg: interrupted"] for r in lines)}


# ------------------------------------------------------------------------------ item 9: resources
def case_memory(work: Path, sizes: list[int]) -> dict:
    rows = []
    for n in sizes:
        corpus = generated(work / f"mem-{n}.jsonl.gz", n, 7)
        base = peak_run(["build", str(corpus), "--store", str(work / f"mem-base-{n}"), "--out",
                         str(work / f"mem-base-out-{n}"), "--no-outputs"])  # fmt: skip
        full = peak_run(["build", str(corpus), "--store", str(work / f"mem-{n}"), "--out", str(work / f"mem-out-{n}"),
                         "--outputs-limit", "0"])  # fmt: skip
        default = peak_run(["build", str(corpus), "--store", str(work / f"mem-d-{n}"), "--out",
                            str(work / f"mem-d-out-{n}")])  # fmt: skip
        rows.append(
            {
                "articles": n,
                "no_outputs_peak_mb": base[1],
                "outputs_peak_mb": full[1],
                "default_limit_peak_mb": default[1],
                "ratio_outputs_over_no_outputs": round(full[1] / base[1], 2),
                "no_outputs_s": base[2],
                "outputs_s": full[2],
                "exit_codes": [base[0], full[0], default[0]],
            }
        )
        for name in (f"mem-base-{n}", f"mem-base-out-{n}", f"mem-d-{n}", f"mem-d-out-{n}", f"mem-out-{n}"):
            shutil.rmtree(work / name, ignore_errors=True)
    return {"runs": rows}


def case_all_visits(store: Path) -> dict:
    """The bundled all-visits query on a store of many articles: time, and one row per visit
    (the query's own ?event column: rows against distinct events)."""
    import csv
    from importlib.resources import files

    query = (files("kg") / "ontology" / "queries" / "all-visits.rq").read_text("utf-8")
    started = time.monotonic()
    done = kg("query", query, "--store", store, "--format", "csv", "--limit", "10000000", "--timeout", "300")
    seconds = round(time.monotonic() - started, 2)
    rows = list(csv.DictReader(done.stdout.splitlines()))
    return {
        "seconds": seconds,
        "exit_code": done.returncode,
        "rows": len(rows),
        "distinct_events": len({r["event"] for r in rows}),
    }


# ------------------------------------------------------------------------------ the run
def run(quick: bool) -> dict:
    sizes = [500, 1000] if quick else [1000, 2000, 5000]
    with tempfile.TemporaryDirectory(prefix="kg-attacks-") as tmp:
        work = Path(tmp)
        corpus = generated(work / "c300.jsonl.gz", 300, 3)
        big = generated(work / "c1000.jsonl.gz", 1000, 4)
        kg("build", big, "--store", work / "store-1000", "--out", work / "out-1000", "--no-outputs", "--workers", "2")
        kg("build", corpus, "--store", work / "store-300", "--out", work / "out-300", "--no-outputs")
        started = time.monotonic()
        result: dict[str, Any] = {}
        steps = [
            ("1_ids", lambda: case_ids(work)),
            ("1_old_store", lambda: case_old_store(work)),
            ("2_push", lambda: case_push(work)),
            ("3_export_into_store", lambda: case_export_into_store(work)),
            ("4_8_endpoint", lambda: case_endpoint(work, work / "store-1000")),
            ("5_stale", lambda: case_stale(work, corpus, generated(work / "more.jsonl.gz", 600, 9))),
            ("6_signals", lambda: case_signals(work, work / "store-300")),
            ("7_printing", lambda: case_printing(work / "store-300")),
            (
                "7_neo4j_kills",
                lambda: case_neo4j_kills(work, work / "store-300", work / "store-1000", 6 if quick else 20),
            ),
            ("7_10_language", lambda: case_language(work)),
            ("8_10_messages", lambda: case_messages(work, work / "store-300", corpus)),
            ("9_build_kills", lambda: case_build_kills(work, big, 3 if quick else 8)),
            ("9_export_kills", lambda: case_export_kills(work, work / "store-1000", 4 if quick else 10)),
            ("9_all_visits_1000_articles", lambda: case_all_visits(work / "store-1000")),
            ("9_memory", lambda: case_memory(work, sizes)),
            ("10_dask_interrupts", lambda: case_dask_interrupts(work, generated(work / "c3000.jsonl.gz", 3000, 5))),
        ]
        for name, step in steps:
            t0 = time.monotonic()
            try:
                result[name] = step()
            except Exception as err:  # one broken case must not cost the others their figures
                result[name] = {"error": f"{type(err).__name__}: {err}"}
            print(f"{name}: {round(time.monotonic() - t0)} s {json.dumps(result[name], ensure_ascii=False)[:300]}")
        result["seconds"] = round(time.monotonic() - started)
    return result


def markdown(r: dict, command: str) -> str:
    m = c.machine()
    e, s, sig = r["4_8_endpoint"], r["5_stale"], r["6_signals"]
    mem = r["9_memory"].get("runs", [])
    mem_rows = [
        [x["articles"], x["no_outputs_peak_mb"], x["outputs_peak_mb"], x["default_limit_peak_mb"],
         f"{x['ratio_outputs_over_no_outputs']}x", x["no_outputs_s"], x["outputs_s"]]
        for x in mem
    ]  # fmt: skip
    lines = [
        SECTION,
        "",
        c.header_lines(command, m),
        "",
        "Each case of the adversarial pass of issue 17, against the real commands (figures from "
        "`benchmarks/results/attacks.json`):",
        "",
        f"1. Ids differing only in case / a crafted id beside a hashed one: {r['1_ids'].get('documents')} documents, "
        f"{r['1_ids'].get('article_graphs')} article graphs. A store of the old IRI scheme: build exit "
        f"{r['1_old_store'].get('build_exit_code')} (says rebuild: {r['1_old_store'].get('says_rebuild')}), "
        f"still read: {r['1_old_store'].get('query_still_reads')}.",
        f"2. Push of a second store: entity-graph triples on the target {r['2_push'].get('on_target_after_a')} after "
        f"the first store, {r['2_push'].get('on_target_after_b')} after the second (merged, none lost).",
        f"3. `kg export -o STORE/CURRENT`: exit {r['3_export_into_store'].get('exit_code')}, CURRENT unchanged: "
        f"{r['3_export_into_store'].get('current_unchanged')}, store opens: "
        f"{r['3_export_into_store'].get('store_opens')}.",
        f"4. SERVICE on the endpoint: HTTP {e.get('service_status')}, the address was contacted: "
        f"{e.get('service_contacted_the_address')}.",
        f"5. A build of {s.get('articles_after_build', 0) - s.get('articles_before', 0)} more articles into a served "
        f"store: served {s.get('served_after')} of {s.get('articles_after_build')} articles "
        f"{s.get('seconds_from_build_end_to_served')} s after the build ended (no restart).",
        f"6. kg serve stopped by SIGTERM / SIGINT / SIGKILL: Oxigraph servers left after 5 s "
        f"{sig.get('TERM', {}).get('left_after_5_s')} / {sig.get('INT', {}).get('left_after_5_s')} / "
        f"{sig.get('KILL', {}).get('left_after_5_s')}; a second kg serve on the busy port: exit "
        f"{sig.get('second_on_busy_port', {}).get('exit_code')}; `--port 99999`: exit "
        f"{sig.get('port_99999', {}).get('exit_code')}, Rust backtrace: "
        f"{sig.get('port_99999', {}).get('rust_backtrace')}.",
        f"7. ASK prints `{r['7_printing'].get('ask_table')}`, CONSTRUCT/DESCRIBE Turtle: "
        f"{r['7_printing'].get('construct_is_turtle')}/{r['7_printing'].get('describe_is_turtle')}; "
        f"{r['7_neo4j_kills'].get('kills')} kills during `export --format neo4j` "
        f"({r['7_neo4j_kills'].get('kills_while_writing')} while it wrote): "
        f"{r['7_neo4j_kills'].get('mixed_pairs')} mixed pairs; Persian: exit "
        f"{r['7_10_language'].get('persian_exit_code')}; "
        f"timeout mid-CSV: HTTP {e.get('csv_timeout_status')} (error row in a 200: "
        f"{e.get('csv_timeout_body_has_error_row')}).",
        f"8. A query nested 5,000 deep: HTTP {e.get('deep_5000_status')} (endpoint alive: "
        f"{e.get('alive_after_deep')}), "
        f"`kg query` exit {e.get('kg_query_deep_exit_code')} with one line; with 300 idle sockets open a probe "
        f"took {e.get('probe_seconds_300_idle_median')} s median, {e.get('probe_seconds_300_idle_max')} s at most "
        f"(kg serve's front server: a thread per connection, idle ones closed after 10 s); a four-way cross "
        f"product: HTTP {e.get('four_way_status')} after {e.get('four_way_seconds')} s; a 245-character file name "
        f"and a 200-letter id: exit {r['8_10_messages'].get('long_names_exit_code')}, page written "
        f"{r['8_10_messages'].get('long_names_page_written')}; `kg stats | head -1` stderr: "
        f"'{r['8_10_messages'].get('stats_into_head_stderr')}'.",
        f"9. {r['9_build_kills'].get('kills')} SIGKILLs of `build --workers 2`: "
        f"{r['9_build_kills'].get('left_after_5_s')} processes left after 5 s (the last went after "
        f"{r['9_build_kills'].get('seconds_until_gone_max')} s at most); {r['9_export_kills'].get('kills')} killed "
        f"exports: temporary files after the next export {r['9_export_kills'].get('temp_files_after_next_export')}; "
        f"`all-visits.rq` on 1,000 articles: {r['9_all_visits_1000_articles'].get('seconds')} s, "
        f"{r['9_all_visits_1000_articles'].get('rows')} rows for "
        f"{r['9_all_visits_1000_articles'].get('distinct_events')} visits (one row each).",
        f"10. Ctrl-C under Dask (4 moments): one line each: {r['10_dask_interrupts'].get('all_one_line')}; "
        f"presentation forms and zero-width joiners read like plain text: "
        f"{r['7_10_language'].get('presentation_forms_entities_as_plain')}/"
        f"{r['7_10_language'].get('zero_width_joiners_entities_as_plain')}; the lock loser's report says "
        f"'{r['8_10_messages'].get('lock_loser_report_error')}…'; a 201-character id: "
        f"'{r['8_10_messages'].get('id_201_reason')}'; control characters raw on stderr: "
        f"{r['8_10_messages'].get('control_characters_raw_on_stderr')}; a second build into the same --out: exit "
        f"{r['8_10_messages'].get('shared_out_second_exit_code')}.",
        "",
        "`kg build` memory (peak RSS of the process, workers 1) with the outputs written for every article "
        "(`--outputs-limit 0`), with the default limit of 2,000, and with `--no-outputs`:",
        "",
        c.table(
            ["articles", "no outputs MB", "outputs MB", "default limit MB", "outputs / none", "none s", "outputs s"],
            mem_rows,
        ),  # fmt: skip
        "",
        "One long article (5,000 against 20,000 sentences) is measured by `benchmarks/long_article.py` (the "
        "extraction refactor made its containment check linear).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.quick)
    command = ".venv/bin/python benchmarks/attacks.py" + (" --quick" if args.quick else "")
    raw = Path(tempfile.gettempdir()) / "kg-attacks-raw.json"
    raw.write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")  # kept if the page fails
    print(f"raw figures: {raw}")
    if not args.no_write:
        c.write_result(NAME, result, markdown(result, command))
        print(f"wrote {c.RESULTS / (NAME + '.json')}")
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
    sys.exit(main())
