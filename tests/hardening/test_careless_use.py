"""A careless user gets right data and one clear line (issue 17, items 7-10): ASK, CONSTRUCT
and DESCRIBE printed as answers, Neo4j files replaced as a pair, Persian refused, Arabic in
presentation forms or with zero-width joiners read, long names and ids written, a closed pipe
quiet, control characters shown escaped, the lock loser and a shared --out told why, killed
builds and exports leaving nothing behind, Ctrl-C under Dask one line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner
from hardening_support import descendants, running

from kg.cli import main
from kg.graph.store import Store

GOOD = "زار وزير الخارجية الجزائري عبد القادر مساهل ليبيا أمس والتقى فايز السراج في طرابلس."
GOOD2 = "التقى الرئيس المصري عبد الفتاح السيسي الرئيس التونسي في القاهرة."
# Persian (Farsi): "The Iranian foreign minister met his counterpart in Tehran on Monday and
# said that this trip is for developing relations." -- دوشنبه (Monday) read as Arabic is Dushanbe
PERSIAN = "وزیر امور خارجه ایران روز دوشنبه در تهران با همتای خود دیدار کرد و گفت که این سفر برای توسعه روابط است."


def kg(*args: str | os.PathLike[str], input: str | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def kg_process(*args: str | os.PathLike[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True, timeout=300, **kwargs
    )


def jsonl(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in rows), "utf-8")
    return path


def entities(text: str, tmp_path: Path) -> list[str]:
    (tmp_path / "a.txt").write_text(text, "utf-8")
    result = kg("extract", tmp_path / "a.txt")
    assert result.exit_code == 0, result.stderr
    return sorted(e["label_en"] or e["label_ar"] for e in json.loads(result.stdout)["entities"])


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("careless")
    corpus = jsonl(base / "c.jsonl", [("a1", GOOD), ("a2", GOOD2)])
    assert kg("build", corpus, "--store", base / "store", "--out", base / "o", "--no-view").exit_code == 0
    return base / "store"


# ------------------------------------------------------------------ item 7: right data
@pytest.mark.parametrize("fmt", ["table", "tsv"])
@pytest.mark.parametrize("query, answer", [("ASK { ?s a kg:Article }", "true"), ("ASK { ?s a kg:Nothing }", "false")])
def test_ask_prints_its_answer(store: Path, fmt: str, query: str, answer: str) -> None:
    result = kg("query", query, "--store", store, "--format", fmt)
    assert result.exit_code == 0 and result.stdout == answer + "\n"  # was "(no results)" / a blank


@pytest.mark.parametrize(
    "query",
    ["CONSTRUCT { ?e a kg:Event } WHERE { ?e a kg:Event }", "DESCRIBE ?e WHERE { ?e a kg:Event }"],
    ids=["construct", "describe"],
)
def test_construct_and_describe_print_turtle(store: Path, query: str) -> None:
    from rdflib import Graph

    result = kg("query", query, "--store", store)
    assert result.exit_code == 0 and "(no results)" not in result.stdout
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) >= 2


def test_neo4j_files_are_replaced_as_a_pair(store: Path, tmp_path: Path, monkeypatch) -> None:
    """An export stopped between its files (here: it fails writing relationships.csv) leaves
    the set of the previous export, not new nodes beside old relationships."""
    import csv

    import kg.graph.export as export_module
    from kg.graph.graphfiles import NEO4J_RELS_HEADER

    out = tmp_path / "neo4j"
    (out).mkdir()
    (out / "nodes.csv").write_text("old nodes\n", "utf-8")
    (out / "relationships.csv").write_text("old relationships\n", "utf-8")

    class Stop(Exception):
        pass

    real_writer = csv.writer

    class Writer:
        def __init__(self, fh, *a, **k) -> None:
            self.inner = real_writer(fh, *a, **k)

        def writerow(self, row):
            if tuple(row) == NEO4J_RELS_HEADER:
                raise Stop
            return self.inner.writerow(row)

        def writerows(self, rows):
            return self.inner.writerows(rows)

    monkeypatch.setattr(export_module.csv, "writer", Writer)
    with Store.open(store, read_only=True) as opened, pytest.raises(Stop):
        export_module.export(opened, "neo4j", out)
    assert (out / "nodes.csv").read_text("utf-8") == "old nodes\n"
    assert (out / "relationships.csv").read_text("utf-8") == "old relationships\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neo4j"]  # no temporary folder left
    monkeypatch.undo()
    with Store.open(store, read_only=True) as opened:
        export_module.export(opened, "neo4j", out)
    nodes = {row[0] for row in csv.reader((out / "nodes.csv").open(encoding="utf-8"))}
    rels = list(csv.reader((out / "relationships.csv").open(encoding="utf-8")))[1:]
    assert rels and all(r[0] in nodes and r[1] in nodes for r in rels)


def test_persian_text_is_refused_as_not_arabic(tmp_path: Path) -> None:
    (tmp_path / "fa.txt").write_text(PERSIAN, "utf-8")
    result = kg("extract", tmp_path / "fa.txt")
    assert result.exit_code == 2  # was: extracted, with Monday as Dushanbe, Tajikistan
    (line,) = result.stderr.strip().splitlines()
    assert "Persian, not Arabic" in line


# ------------------------------------------------------------------ item 10: Arabic as written
def test_arabic_in_presentation_forms_is_read(tmp_path: Path) -> None:
    import unicodedata

    forms = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFE70, 0xFEFD) if chr(c).isalpha()}
    shown = "".join(forms.get(ch, ch) for ch in GOOD)  # each letter as its isolated glyph
    assert shown != GOOD
    assert entities(shown, tmp_path) == entities(GOOD, tmp_path)  # was: "no Arabic text found"


def test_zero_width_joiners_between_letters_do_not_hide_entities(tmp_path: Path) -> None:
    joined = "\u200d".join(GOOD)
    assert entities(joined, tmp_path) == entities(GOOD, tmp_path)  # was: no entity at all


# ------------------------------------------------------------------ item 8: long names, pipes
def test_a_245_character_file_name_builds_and_writes_the_page(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = "n" * 241 + ".txt"
    (folder / name).write_text(GOOD, "utf-8")
    result = kg("build", folder, "--store", tmp_path / "s", "--out", tmp_path / "o")
    assert result.exit_code == 0, result.stderr  # was: internal error: OSError, no page
    assert (tmp_path / "o" / "graph.html").exists()
    (document,) = (tmp_path / "o" / "documents").iterdir()
    assert json.loads(document.read_text("utf-8"))["doc_id"] == "n" * 241


def test_a_200_letter_arabic_id_builds_and_writes_its_document(tmp_path: Path) -> None:
    doc_id = "م" * 200
    result = kg(
        "build", jsonl(tmp_path / "c.jsonl", [(doc_id, GOOD)]), "--store", tmp_path / "s", "--out", tmp_path / "o"
    )
    assert result.exit_code == 0, result.stderr
    (document,) = (tmp_path / "o" / "documents").iterdir()
    assert json.loads(document.read_text("utf-8"))["doc_id"] == doc_id
    assert (tmp_path / "o" / "graph.html").exists()


def test_a_201_character_id_is_refused_for_its_length(tmp_path: Path) -> None:
    result = kg("build", jsonl(tmp_path / "c.jsonl", [("x" * 201, GOOD), ("ok", GOOD2)]), "--store", tmp_path / "s",
                "--out", tmp_path / "o")  # fmt: skip
    assert result.exit_code == 1
    report = json.loads((tmp_path / "o" / "report.json").read_text("utf-8"))
    (failure,) = report["failures"]
    assert "201 characters long; the limit is 200" in failure["reason"]


def test_stats_into_a_closed_pipe_is_quiet(store: Path) -> None:
    done = subprocess.run(
        f"{sys.executable} -m kg.cli stats --store {store} | head -c 1", shell=True, capture_output=True, text=True
    )
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == "a"


# ------------------------------------------------------------------ item 10: messages
def test_control_characters_from_a_file_name_are_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    hostile = "x\x1b]0;pwned\x07\u202eevil"
    (folder / f"{hostile}.txt").write_text("English text, not Arabic at all.", "utf-8")
    (folder / "good.txt").write_text(GOOD, "utf-8")
    done = kg_process("build", folder, "--store", tmp_path / "s", "--out", tmp_path / "o", "--no-view")
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\u202e" not in done.stderr and "\x07" not in done.stderr
    assert "x\\x1b]0;pwned\\x07\\u202eevil" in done.stderr


def test_the_build_that_loses_the_store_lock_says_why(tmp_path: Path) -> None:
    corpus = jsonl(tmp_path / "c.jsonl", [("a1", GOOD)])
    with Store.open(tmp_path / "s"):  # another process holds the store (this one, here)
        done = kg_process("build", corpus, "--store", tmp_path / "s", "--out", tmp_path / "o")
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert "in use by another process" in line
    report = json.loads((tmp_path / "o" / "report.json").read_text("utf-8"))
    assert "in use by another process" in (report.get("error") or "")  # was: built 0, failed 0, no reason


@pytest.mark.slow
def test_a_second_build_into_the_same_out_stops_with_one_line(tmp_path: Path) -> None:
    from hardening_support import load_script

    corpus = tmp_path / "c.jsonl.gz"
    generate = load_script("benchmarks/generate_corpus.py")
    generate.main(["-n", "150", "--seed", "2", "-o", str(corpus)])
    first = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(corpus),
            "--store",
            str(tmp_path / "s1"),
            "--out",
            str(tmp_path / "o"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "o" / ".kg-build.lock").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        second = kg_process("build", corpus, "--store", tmp_path / "s2", "--out", tmp_path / "o")
        assert first.poll() is None, "the first build ended before the second started"
    finally:
        first.wait(300)
    assert second.returncode == 2  # was 0, both writing one folder
    (line,) = second.stderr.strip().splitlines()
    assert "is in use by another kg build" in line
    assert first.returncode == 0
    report = json.loads((tmp_path / "o" / "report.json").read_text("utf-8"))
    assert report["built"] == 150 and report["error"] is None


# ------------------------------------------------------------------ item 9: nothing left behind
def test_temporary_files_of_killed_exports_go_with_the_next_export(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    stale = [out / f".graph.ttl.{pid}.0a1b2c3d.kgtmp", out / f".graph.ttl.{pid}.9f8e7d6c.tmp"]
    for path in stale:
        path.write_bytes(b"x" * 1000)
    (out / f".graph.ttl.{pid}.11223344.kgtmp").mkdir()  # a neo4j export's folder
    alive = out / f".graph.ttl.{os.getppid()}.aabbccdd.kgtmp"  # a running export's: kept
    alive.write_bytes(b"y")
    assert kg("export", "--format", "turtle", "-o", out / "graph.ttl", "--store", store).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(["graph.ttl", alive.name])


@pytest.mark.slow
def test_a_killed_build_with_two_workers_leaves_no_process_behind(tmp_path: Path) -> None:
    from hardening_support import load_script

    corpus = tmp_path / "c.jsonl.gz"
    load_script("benchmarks/generate_corpus.py").main(["-n", "400", "--seed", "3", "-o", str(corpus)])
    build = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "--store", str(tmp_path / "s"), "--out",
         str(tmp_path / "o"), "--workers", "2", "--no-outputs"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    tree: list[int] = []
    while len(tree) < 4 and time.monotonic() < deadline:  # workers, fork server, resource tracker
        time.sleep(0.5)
        tree = descendants(build.pid)
    assert len(tree) >= 3, tree
    time.sleep(2)
    tree = descendants(build.pid)
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 5
    while any(running(pid) for pid in tree) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in tree if running(pid)]  # were all alive 12 min later


def test_all_visits_gives_one_row_per_visit_on_a_store_of_several_articles(tmp_path: Path) -> None:
    visits = [
        ("v1", "زار وزير الخارجية الجزائري عبد القادر مساهل ليبيا أمس."),
        ("v2", "زار الرئيس المصري عبد الفتاح السيسي تونس أمس."),
        ("v3", "زار وزير الخارجية الجزائري عبد القادر مساهل المغرب."),
        ("x1", GOOD2),
        ("x2", "أدانت المملكة المغربية الهجوم الذي استهدف مقرا حكوميا في بغداد."),
    ]
    corpus = jsonl(tmp_path / "c.jsonl", visits)
    assert kg("build", corpus, "--store", tmp_path / "s", "--out", tmp_path / "o", "--no-view").exit_code == 0
    with Store.open(tmp_path / "s", read_only=True) as opened:
        events = opened.select(
            'SELECT DISTINCT ?e WHERE { ?e a kg:Consult ; kg:mode ?m FILTER(?m IN ("visit", "host")) }'
        )
        rows = opened.select((files("kg") / "ontology" / "queries" / "all-visits.rq").read_text("utf-8"))
    assert events and len(rows) == len(events)  # was: every labelled place joined to each visit
    assert len({r["event"] for r in rows}) == len(rows)


@pytest.mark.slow
def test_ctrl_c_during_a_dask_build_prints_one_line(tmp_path: Path) -> None:
    try:
        import dask.distributed  # noqa: F401
    except ImportError as err:  # an extra; `make test` installs it, and CI must run this
        if os.environ.get("CI") == "true":
            pytest.fail(f"dask.distributed is missing: {err}")
        pytest.skip(str(err))
    from hardening_support import load_script

    corpus = tmp_path / "c.jsonl.gz"
    load_script("benchmarks/generate_corpus.py").main(["-n", "1500", "--seed", "4", "-o", str(corpus)])
    for delay in (0.0, 2.0, 8.0):  # after the cluster's first process starts: starting, extracting
        out = tmp_path / f"o{delay}"
        build = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "build", str(corpus), "--store", str(tmp_path / f"s{delay}"), "--out",
             str(out), "--engine", "dask", "--workers", "2", "--no-outputs"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, like a terminal's foreground job
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )  # fmt: skip
        deadline = time.monotonic() + 120  # (a Ctrl-C while Python imports kg is Python's own)
        while not descendants(build.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(delay)
        os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        _, err = build.communicate(timeout=120)
        lines = [line for line in err.decode().splitlines() if not line.startswith("kg build: ")]
        assert build.returncode == 130, err.decode()[-2000:]
        assert lines == ["kg: interrupted"], err.decode()[-3000:]  # was a CancelledError traceback
