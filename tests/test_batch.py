"""Batch runs: failures reported and the rest built; N workers and Dask give the graph one
process gives; unchanged articles skipped; a run killed with SIGKILL leaves whole articles and
a restart finishes the rest, repeating nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg.batch import BuildOptions, build, partition_size
from kg.cli import main
from kg.errors import InputError, KGError
from kg.graph.store import Store
from kg.model import Document

SENTENCES = (
    "زار وزير الخارجية الجزائري ليبيا والتقى رئيس المجلس الرئاسي في طرابلس.",
    "بحث الرئيس التونسي مع نظيره المصري العلاقات الثنائية في القاهرة.",
    "أدانت المملكة المغربية الهجوم الذي استهدف مقرا حكوميا في بغداد.",
    "طالب رئيس الوزراء العراقي الأمم المتحدة بدعم جهود إعادة الإعمار.",
    "أوقفت تونس رحلاتها الجوية إلى ليبيا بسبب الأوضاع الأمنية.",
)
LOCAL = BuildOptions(progress=False)
KG_NS = rdflib.Namespace("https://w3id.org/kg-arabic/ontology#")


def corpus(path: Path, n: int, bad: bool = False) -> Path:
    """``n`` small articles (two sentences each, varied), with three bad rows when ``bad``."""
    lines = []
    for i in range(n):
        text = f"{SENTENCES[i % 5]} {SENTENCES[(i * 2 + 1) % 5]} وقال المصدر إن اللقاء رقم {i} كان مثمرا."
        lines.append(json.dumps({"id": f"doc-{i:04d}", "text": text, "date": "2018-05-16"}, ensure_ascii=False))
        if bad and i == 1:
            lines += [
                '{"id": "broken", "text": ',
                json.dumps({"id": "latin", "text": "no arabic at all"}),
                json.dumps({"text": "بلا معرف"}, ensure_ascii=False),
            ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def graphs(store_path: Path) -> dict[str, rdflib.Graph]:
    """Every named graph of a store (the articles' and any graph they share), by IRI."""
    with Store.open(store_path, read_only=True) as store:
        names = [g.value for g in store.oxigraph.named_graphs()]
        return {iri: rdflib.Graph().parse(data=store.graph_ntriples(iri).decode("utf-8"), format="nt") for iri in names}


def articles(store_path: Path) -> list[str]:
    with Store.open(store_path, read_only=True) as store:
        return [iri for iri in store.graphs() if "/article/" in iri]


def assert_same_graphs(got: dict[str, rdflib.Graph], want: dict[str, rdflib.Graph]) -> None:
    assert sorted(got) == sorted(want)
    different = [iri for iri in want if not isomorphic(got[iri], want[iri])]
    assert not different, f"{len(different)} graphs differ, first {different[:1]}"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A 60-article corpus built in one process: the graph every other run must give."""
    root = tmp_path_factory.mktemp("reference")
    path = corpus(root / "corpus.jsonl", 60)
    report, _ = build(
        [str(path)], str(root / "store"), root / "out", options=BuildOptions(outputs=False, progress=False)
    )
    assert (report.done, report.failed) == (60, 0)
    return path, graphs(root / "store")


# ---------------------------------------------------------------- failures and reports
def test_bad_rows_are_reported_and_the_others_built(tmp_path):
    path = corpus(tmp_path / "c.jsonl", 5, bad=True)
    result = CliRunner().invoke(
        main, ["build", str(path), "--store", str(tmp_path / "s"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1  # some failed
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert (report["built"], report["failed"], report["documents"], report["total"]) == (5, 3, 8, 8)
    failed = [json.loads(line) for line in (tmp_path / "o" / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [f["where"].rsplit(":", 1)[1] for f in failed] == ["3", "4", "5"]
    assert all(f["reason"] for f in failed) and report["failures"] == failed
    assert len(articles(tmp_path / "s")) == 5


def test_report_has_timing_and_worker_memory(tmp_path):
    report, _ = build([str(corpus(tmp_path / "c.jsonl", 2))], str(tmp_path / "s"), tmp_path / "o", options=LOCAL)
    data = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert data["seconds"] > 0 and data["documents_per_second"] > 0 and data["cpu_seconds"] > 0
    (stats,) = data["workers_stats"].values()
    assert stats["peak_mb"] > 10


def test_pipeline_crash_is_a_failure_and_the_batch_goes_on(tmp_path, monkeypatch):
    import kg.batch

    real = kg.batch._pipeline()

    def flaky(doc):
        if doc.doc_id == "doc-0001":
            raise kg.batch.PipelineError("stage 'events' failed on document 'doc-0001': boom")
        return real(doc)

    monkeypatch.setattr(kg.batch, "_pipeline", lambda: flaky)
    report, _ = build([str(corpus(tmp_path / "c.jsonl", 3))], str(tmp_path / "s"), tmp_path / "o", options=LOCAL)
    assert (report.done, report.failed) == (2, 1)
    assert "boom" in report.failures[0].reason


def test_an_article_that_hangs_is_stopped_and_recorded_and_the_batch_goes_on(tmp_path, monkeypatch):
    import kg.batch

    real = kg.batch._pipeline()
    real(Document(doc_id="warm-up", text=SENTENCES[0]))  # the lexicons load on first use

    def hangs(doc):
        while doc.doc_id == "doc-0001":  # an endless loop in a stage
            pass
        return real(doc)

    monkeypatch.setattr(kg.batch, "_pipeline", lambda: hangs)
    monkeypatch.setenv("KG_DOC_TIMEOUT_S", "3")  # the others take milliseconds, even on a busy machine
    report, _ = build([str(corpus(tmp_path / "c.jsonl", 3))], str(tmp_path / "s"), tmp_path / "o", options=LOCAL)
    assert (report.done, report.failed) == (2, 1)
    assert report.failures[0].doc_id == "doc-0001" and "longer than 3.0 s" in report.failures[0].reason
    assert len(articles(tmp_path / "s")) == 2


def test_a_longer_article_may_take_longer(monkeypatch):
    from kg.batch import doc_time_limit
    from kg.model import Document

    monkeypatch.delenv("KG_DOC_TIMEOUT_S", raising=False)
    short, long = Document(doc_id="a", text="ب" * 5_000), Document(doc_id="b", text="ب" * 5_000_000)
    assert 10 <= doc_time_limit(short) < 11 and doc_time_limit(long) > 500
    monkeypatch.setenv("KG_DOC_TIMEOUT_S", "0")
    assert doc_time_limit(short) == 0  # no limit


def test_time_limit_leaves_a_quick_block_alone_and_restores_the_alarm_handler():
    import signal

    from kg.batch import time_limit

    before = signal.getsignal(signal.SIGALRM)
    with time_limit(5):
        pass
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# ---------------------------------------------------------------- skipping and replacing
def test_unchanged_articles_are_skipped_without_writing(tmp_path, monkeypatch):
    path = corpus(tmp_path / "c.jsonl", 4)
    build([str(path)], str(tmp_path / "s"), tmp_path / "o", options=LOCAL)
    writes = []
    real_put = Store.put_graph
    monkeypatch.setattr(Store, "put_graph", lambda self, *a: writes.append(a[0]) or real_put(self, *a))
    report, _ = build([str(path)], str(tmp_path / "s"), tmp_path / "o", options=LOCAL)
    assert (report.done, report.skipped, writes) == (0, 4, [])


def test_changed_article_replaces_its_graph(tmp_path):
    path = corpus(tmp_path / "c.jsonl", 2)
    build([str(path)], str(tmp_path / "s"), tmp_path / "o", options=LOCAL)
    row = {"id": "doc-0000", "text": SENTENCES[2], "date": "2018-05-16"}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    report, _ = build([str(path)], str(tmp_path / "s"), tmp_path / "o", options=LOCAL)
    got = graphs(tmp_path / "s")
    assert report.done == 1 and len(articles(tmp_path / "s")) == 2
    evidence = {
        str(o)
        for g in got.values()
        for o in g.objects(None, rdflib.URIRef("https://w3id.org/kg-arabic/ontology#evidence"))
    }
    assert not any("الجزائري" in e for e in evidence if "doc-0000" in e) and any("المغربية" in e for e in evidence)


def test_a_run_that_replaces_many_articles_compacts_the_store_and_a_new_one_does_not(tmp_path, monkeypatch):
    import kg.graph.store

    monkeypatch.setattr(kg.graph.store, "COMPACT_AFTER", 50)
    path = corpus(tmp_path / "c.jsonl", 12)
    first, _ = build([str(path)], str(tmp_path / "s"), tmp_path / "o", options=LOCAL)
    assert first.compacted_s is None  # new articles only: bulk-loaded (or one small transaction)
    before = graphs(tmp_path / "s")
    changed = path.read_text(encoding="utf-8").replace("2018-05-16", "2018-05-17")
    path.write_text(changed, encoding="utf-8")
    second, _ = build([str(path)], str(tmp_path / "s"), tmp_path / "o", options=LOCAL)
    assert second.done == 12 and second.compacted_s is not None
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert report["compacted_s"] == second.compacted_s
    after = graphs(tmp_path / "s")
    assert sorted(after) == sorted(before) and len(articles(tmp_path / "s")) == 12
    dates = {str(o) for g in after.values() for o in g.objects(None, KG_NS.publishedOn)}
    assert dates == {"2018-05-17"}


def test_compact_command_keeps_every_quad(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kg.cli import main

    path = corpus(tmp_path / "c.jsonl", 5)
    build([str(path)], str(tmp_path / "s"), tmp_path / "o", options=LOCAL)
    before = graphs(tmp_path / "s")
    result = CliRunner().invoke(main, ["compact", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "MiB ->" in result.output
    assert_same_graphs(graphs(tmp_path / "s"), before)
    missing = CliRunner().invoke(main, ["compact", "--store", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "no store at" in missing.output


def test_outputs_are_left_out_past_the_limit_with_a_note(tmp_path):
    path = corpus(tmp_path / "c.jsonl", 3)
    result = CliRunner().invoke(
        main, ["build", str(path), "--store", str(tmp_path / "s"), "--out", str(tmp_path / "o"), "--outputs-limit", "2"]
    )
    assert result.exit_code == 0
    assert "not written" in result.output and not (tmp_path / "o" / "graph.trig").exists()
    assert len(articles(tmp_path / "s")) == 3


def test_no_outputs_writes_the_store_and_report_only(tmp_path):
    path = corpus(tmp_path / "c.jsonl", 2)
    result = CliRunner().invoke(
        main, ["build", str(path), "--store", str(tmp_path / "s"), "--out", str(tmp_path / "o"), "--no-outputs"]
    )
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["failures.jsonl", "report.json"]


def test_plain_progress_lines_when_stderr_is_not_a_terminal(tmp_path):
    env = {**os.environ, "KG_PROGRESS_EVERY": "0"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(corpus(tmp_path / "c.jsonl", 3)),
            "--store",
            str(tmp_path / "s"),
            "--out",
            str(tmp_path / "o"),
            "--no-outputs",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "3/3 documents (3 built, 0 unchanged, 0 failed)" in run.stderr and "\x1b[" not in run.stderr


# ---------------------------------------------------------------- options
@pytest.mark.parametrize(
    "options, message",
    [
        (BuildOptions(scheduler="tcp://x:8786"), "need --engine dask"),
        (BuildOptions(endpoint="http://x"), "need --engine dask"),
        (BuildOptions(engine="spark"), "unknown engine"),
    ],
)
def test_options_that_do_not_fit_are_refused(options, message):
    with pytest.raises(InputError, match=message):
        options.check()


def test_dask_missing_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if not installed
    with pytest.raises(KGError, match=r"pip install 'kg\[dask\]'"):
        build(
            [str(corpus(tmp_path / "c.jsonl", 1))],
            str(tmp_path / "s"),
            tmp_path / "o",
            options=BuildOptions(engine="dask", progress=False),
        )


@pytest.mark.parametrize(
    "total, partitions, workers, size",
    [(1000, 4, 2, 250), (10, None, 2, 3), (100_000, None, 2, 1000), (None, None, 2, 1000), (5, 10, 2, 1)],
)
def test_partition_size(total, partitions, workers, size):
    assert partition_size(total, partitions, workers) == size


# ---------------------------------------------------------------- parallel and distributed runs
@pytest.mark.slow
def test_two_workers_give_the_one_process_graph(tmp_path, reference):
    path, want = reference
    report, _ = build(
        [str(path)], str(tmp_path / "s"), tmp_path / "o", options=BuildOptions(workers=2, outputs=False, progress=False)
    )
    assert (report.done, report.failed, report.workers) == (60, 0, 2)
    # which of the two processes took chunks is up to the scheduler: one fast worker may take all
    assert 1 <= len(report.worker_stats) <= 2
    assert_same_graphs(graphs(tmp_path / "s"), want)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_one_process_graph(tmp_path, reference):
    """Two LocalCluster workers as threads (processes=False): the same tasks, N-Quads partitions
    and bulk load as on a real cluster, without 10 s of process start-up per test."""
    path, want = reference
    report, _ = build(
        [str(path)],
        str(tmp_path / "s"),
        tmp_path / "o",
        options=BuildOptions(
            workers=2, engine="dask", partitions=5, outputs=False, progress=False, dask_processes=False
        ),
    )
    assert (report.done, report.failed, report.workers) == (60, 0, 2)
    assert_same_graphs(graphs(tmp_path / "s"), want)
    assert not (tmp_path / "o" / "partitions").exists()  # partitions are removed once loaded


class _GraphStore(BaseHTTPRequestHandler):
    received: dict[str, bytes] = {}

    def do_PUT(self):  # noqa: N802 (http.server's name): replaces the graph
        graph = parse_qs(urlparse(self.path).query)["graph"][0]
        self.received[graph] = self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.end_headers()

    def do_POST(self):  # noqa: N802: adds to the graph
        graph = parse_qs(urlparse(self.path).query)["graph"][0]
        self.received[graph] = self.received.get(graph, b"") + self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.slow
def test_dask_pushes_every_graph_to_an_endpoint(tmp_path, reference):
    path, want = reference
    _GraphStore.received = {}
    server = HTTPServer(("127.0.0.1", 0), _GraphStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        report, _ = build(
            [str(path)],
            None,
            tmp_path / "o",
            options=BuildOptions(
                workers=2,
                engine="dask",
                outputs=False,
                progress=False,
                dask_processes=False,
                endpoint=f"http://127.0.0.1:{server.server_port}",
            ),
        )
    finally:
        server.shutdown()
    assert report.done == 60
    got = {
        iri: rdflib.Graph().parse(data=body.decode("utf-8"), format="nt") for iri, body in _GraphStore.received.items()
    }
    assert_same_graphs(got, want)


# ---------------------------------------------------------------- kill and resume
@pytest.mark.slow
def test_sigkill_leaves_whole_articles_and_a_restart_finishes_without_repeats(tmp_path, reference):
    path, want = reference
    store, out = tmp_path / "s", tmp_path / "o"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(path), "--store", str(store), "--out", str(out), "--no-outputs"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "KG_PROGRESS_EVERY": "0"},
    )
    seen, deadline = 0, time.monotonic() + 120
    for line in proc.stderr:  # "kg build: 12/60 documents (12 built, ...)"
        if "documents (" in line:
            seen = int(line.split(":", 1)[1].split("/")[0])
        if seen >= 10 or time.monotonic() > deadline:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 10 <= seen < 60, "the run must be killed in the middle of the corpus"

    stored = graphs(store)  # the store opens after the kill
    done = articles(store)
    assert seen <= len(done) < 60  # every article reported done is there...
    for iri in done:  # ...whole: each graph as one process makes it
        assert isomorphic(stored[iri], want[iri]), iri

    report, _ = build([str(path)], str(store), out, options=BuildOptions(outputs=False, progress=False))
    assert (report.skipped, report.done, report.failed) == (len(done), 60 - len(done), 0)
    assert_same_graphs(graphs(store), want)
