"""The command line as a user meets it: bad input is one `kg: error:` line and exit code 2 (never
a traceback); a batch reports its bad documents and writes the good ones (exit 1); `kg extract`
prints DESIGN.md's document JSON; outputs are written atomically; query formats parse.

Most cases run in-process through click's CliRunner (fast); the ones marked "subprocess" go
through the installed console script `.venv/bin/kg`, exactly as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

import kg.batch
import kg.corpus
from kg.corpus import atomic_write
from kg.model import ENTITY_TYPES, FACT_ORIGINS, FACT_PREDICATES, MODALITIES, PLOVER_TYPES

GOOD = "طالبت ليبيا الجزائر بدعم جهود المصالحة. وزار مساهل ليبيا يوم الاثنين."
GOOD_2 = "اتهمت الجزائر المغرب بدعم الإرهاب. والتقى مساهل السراج في طرابلس."
ENGLISH = "The Algerian foreign minister visited Libya on Monday and met the prime minister.\n"

BAD_KINDS = ("missing", "empty", "binary", "cp1256", "latin1", "utf16", "english")
FILE_COMMANDS = ("extract", "build", "ner", "validate", "query")
STORE_COMMANDS = {
    "query": ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
    "export": ["export", "--format", "turtle", "-o", "{tmp}/x.ttl"],
    "view": ["view", "-o", "{tmp}/x.html"],
    "stats": ["stats"],
    "validate": ["validate"],
    "push": ["push", "--endpoint", "http://127.0.0.1:9"],
}

DOC_KEYS = {"doc_id", "date", "entities", "events", "facts"}
ENTITY_KEYS = {"id", "type", "label_ar", "label_en", "wikidata", "mentions"}
MENTION_KEYS = {"text", "start", "end"}
EVENT_KEYS = {
    "id",
    "type",
    "mode",
    "cameo",
    "source",
    "target",
    "trigger",
    "sentence",
    "start",
    "end",
    "modality",
    "location",
    "date",
    "predicate_en",
    "predicate_ar",
    "confidence",
}
FACT_KEYS = {"subject", "predicate", "object", "start", "end", "origin"}
FACT_EXTRA_KEYS = {"source", "valid_from", "valid_to"}  # for facts from the reference data


# ------------------------------------------------------------------------------------ helpers
def bad_file(tmp: Path, kind: str, suffix: str = ".txt") -> Path:
    """A file of one kind of bad input (``missing`` is a path that does not exist)."""
    path = tmp / f"bad-{kind}{suffix}"
    data = {
        "missing": None,
        "empty": b"",
        "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01" + bytes(range(256)),
        "cp1256": GOOD.encode("cp1256"),
        "latin1": "Le ministre a visité la Libye, café et déjà vu.".encode("latin-1"),
        "utf16": GOOD.encode("utf-16"),
        "english": ENGLISH.encode("utf-8"),
    }[kind]
    if data is not None:
        path.write_bytes(data)
    return path


def file_args(command: str, path: Path, tmp: Path) -> list[str]:
    """The command line that hands ``path`` to ``command``."""
    return {
        "extract": ["extract", str(path)],
        "build": ["build", str(path), "--store", str(tmp / "store"), "--out", str(tmp / "out")],
        "ner": ["ner", "--conll", str(path)],
        "validate": ["validate", str(path)],
        "query": ["query", "-f", str(path), "--store", str(tmp / "store")],
    }[command]


def assert_one_error_line(stderr: str, exit_code: int, what: str) -> None:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert exit_code == 2, f"{what}: exit code {exit_code}, expected 2; stderr:\n{stderr}"
    assert "Traceback" not in stderr, f"{what}: traceback on stderr:\n{stderr}"
    assert len(lines) == 1, f"{what}: expected one line on stderr, got {len(lines)}:\n{stderr}"
    assert lines[0].startswith("kg: error:"), f"{what}: {lines[0]!r} does not start with 'kg: error:'"


def no_temp_files(folder: Path) -> list[Path]:
    """Leftovers of atomic writes (kg.corpus.atomic_write names them .<name>.<random>)."""
    return [p for p in folder.rglob(".*") if p.is_file()]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def query_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding GOOD (a request and a visit), for commands that read a store."""
    from click.testing import CliRunner

    from kg.cli import main

    base = tmp_path_factory.mktemp("cli-store")
    article = write(base / "good.txt", GOOD)
    result = CliRunner().invoke(
        main, ["build", str(article), "--store", str(base / "store"), "--out", str(base / "out"), "--no-view"]
    )
    assert result.exit_code == 0, result.stderr
    return base / "store"


# ------------------------------------------------------------------------------------ bad files
@pytest.mark.parametrize("kind", BAD_KINDS)
@pytest.mark.parametrize("command", FILE_COMMANDS)
def test_bad_input_file_is_one_error_line_and_exit_2(command, kind, tmp_path, invoke, query_store):
    suffix = {"validate": ".trig", "query": ".rq"}.get(command, ".txt")
    path = bad_file(tmp_path, kind, suffix)
    args = file_args(command, path, tmp_path)
    if command == "query":
        args[-1] = str(query_store)
    result = invoke(*args)
    assert_one_error_line(result.stderr, result.exit_code, f"kg {command} <{kind} file>")
    assert result.stdout == "", f"kg {command} <{kind} file> printed to stdout: {result.stdout[:200]!r}"


@pytest.mark.parametrize(
    "kind,needle",
    [
        ("missing", "no such file"),
        ("empty", "empty"),
        ("binary", "binary"),
        ("cp1256", "UTF-8"),
        ("utf16", "UTF-16"),
        ("english", "Arabic"),
    ],
)
def test_extract_error_line_names_the_file_and_the_problem(kind, needle, tmp_path, invoke):
    path = bad_file(tmp_path, kind)
    result = invoke("extract", path)
    assert path.name in result.stderr
    assert needle.lower() in result.stderr.lower()


@pytest.mark.parametrize("command", sorted(STORE_COMMANDS))
def test_read_only_command_on_missing_store_is_one_error_line(command, tmp_path, invoke):
    args = [a.replace("{tmp}", str(tmp_path)) for a in STORE_COMMANDS[command]]
    missing = tmp_path / "no-store-here"
    result = invoke(*args, "--store", missing)
    assert_one_error_line(result.stderr, result.exit_code, f"kg {command} --store <missing>")
    assert str(missing) in result.stderr
    assert not missing.exists(), f"kg {command} created the store folder it was only to read"


def test_read_only_command_on_empty_folder_is_not_a_store(tmp_path, invoke):
    (tmp_path / "empty-store").mkdir()
    result = invoke("stats", "--store", tmp_path / "empty-store")
    assert_one_error_line(result.stderr, result.exit_code, "kg stats --store <empty folder>")


@pytest.mark.parametrize("sparql", ["SELEC", "SELECT ?s WHERE { ?s ?p }", "SELECT * WHERE { ?s nope:p ?o }", "  "])
def test_bad_sparql_is_one_error_line(sparql, invoke, query_store):
    result = invoke("query", sparql, "--store", query_store)
    assert_one_error_line(result.stderr, result.exit_code, f"kg query {sparql!r}")


def test_missing_query_file_is_one_error_line(tmp_path, invoke, query_store):
    result = invoke("query", "-f", tmp_path / "nope.rq", "--store", query_store)
    assert_one_error_line(result.stderr, result.exit_code, "kg query -f <missing>")
    assert "nope.rq" in result.stderr


@pytest.mark.parametrize("fmt", ["nope", "xml", ""])
def test_unknown_export_format_lists_the_valid_ones(fmt, tmp_path, invoke, query_store):
    result = invoke("export", "--format", fmt, "-o", tmp_path / "x.out", "--store", query_store)
    assert_one_error_line(result.stderr, result.exit_code, f"kg export --format {fmt!r}")
    assert "graphml" in result.stderr and "turtle" in result.stderr
    assert not (tmp_path / "x.out").exists()


@pytest.mark.parametrize("endpoint", ["notaurl", "ftp://example.org/x", "http://"])
def test_push_to_a_non_http_endpoint_is_one_error_line(endpoint, invoke, query_store):
    result = invoke("push", "--endpoint", endpoint, "--store", query_store)
    assert_one_error_line(result.stderr, result.exit_code, f"kg push --endpoint {endpoint}")


def test_push_to_an_unreachable_server_is_one_error_line(invoke, query_store):
    result = invoke("push", "--endpoint", "http://127.0.0.1:9", "--store", query_store)
    assert_one_error_line(result.stderr, result.exit_code, "kg push <nothing listening>")


def test_validate_of_a_non_conforming_graph_exits_2(tmp_path, invoke):
    bad = write(
        tmp_path / "bad.ttl",
        """
        @prefix kg: <https://w3id.org/kg-arabic/ontology#> .
        <https://w3id.org/kg-arabic/resource/event/x/e1> a kg:Event, kg:Request ;
            kg:modality "maybe" .
        """,
    )
    result = invoke("validate", bad)
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("kg: error:")


def test_validate_of_an_unknown_suffix_names_the_valid_ones(tmp_path, invoke):
    result = invoke("validate", write(tmp_path / "graph.xyz", "<a> <b> <c> ."))
    assert_one_error_line(result.stderr, result.exit_code, "kg validate graph.xyz")
    assert ".trig" in result.stderr


# ------------------------------------------------------------------------------------ through the console script
@pytest.mark.parametrize(
    "case",
    [
        "extract-missing",
        "extract-binary",
        "build-utf16",
        "ner-cp1256",
        "query-bad-sparql",
        "export-unknown-format",
        "view-no-store",
        "stats-no-store",
        "validate-empty",
    ],
)
def test_console_script_reports_bad_input_in_one_line(case, tmp_path, run_kg):
    """subprocess: the installed `kg` prints one line and exits 2."""
    command, _, kind = case.partition("-")
    if kind == "bad-sparql":
        args = ["query", "SELEC", "--store", tmp_path / "store"]
    elif kind == "unknown-format":
        args = ["export", "--format", "nope", "-o", tmp_path / "x", "--store", tmp_path / "store"]
    elif kind == "no-store":
        args = [command, "--store", tmp_path / "store"]
    else:
        args = file_args(command, bad_file(tmp_path, kind, ".trig" if command == "validate" else ".txt"), tmp_path)
    proc = run_kg(*args, cwd=tmp_path)
    assert_one_error_line(proc.stderr, proc.returncode, f"kg {case}")


def test_console_script_bad_sparql_on_a_real_store(run_kg, query_store, tmp_path):
    """subprocess: a syntax error in SPARQL is reported, with where it is."""
    proc = run_kg("query", "SELEC", "--store", query_store, cwd=tmp_path)
    assert_one_error_line(proc.stderr, proc.returncode, "kg query SELEC")
    assert "SPARQL" in proc.stderr


# ------------------------------------------------------------------------------------ batches
@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write(folder / "good.txt", GOOD)
    (folder / "bad.txt").write_bytes(GOOD.encode("cp1256"))
    return folder


@pytest.fixture
def mixed_corpus(tmp_path: Path) -> Path:
    rows = [
        json.dumps({"id": "j1", "text": GOOD, "date": "2018-05-14"}, ensure_ascii=False),
        '{"id": "j2", "text": "طالب',  # malformed JSON
        json.dumps({"id": "j3", "date": "2018-05-14"}),  # no text
        json.dumps({"id": "j4", "text": GOOD_2, "date": "14/05/2018"}, ensure_ascii=False),  # bad date
        json.dumps({"id": "j5", "text": GOOD_2}, ensure_ascii=False),
    ]
    return write(tmp_path / "corpus.jsonl", "\n".join(rows) + "\n")


def test_extract_folder_writes_good_reports_bad_exit_1(mixed_folder, tmp_path, invoke):
    out = tmp_path / "docs"
    result = invoke("extract", mixed_folder, "-o", out)
    assert result.exit_code == 1, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]
    assert json.loads((out / "good.json").read_text(encoding="utf-8"))["doc_id"] == "good"
    assert "bad.txt" in result.stderr and "Traceback" not in result.stderr


def test_build_folder_writes_good_reports_bad_exit_1(mixed_folder, tmp_path, invoke):
    out = tmp_path / "out"
    result = invoke("build", mixed_folder, "--store", tmp_path / "store", "--out", out, "--no-view")
    assert result.exit_code == 1, result.stderr
    assert (out / "documents" / "good.json").exists()
    assert not (out / "documents" / "bad.json").exists()
    assert "bad.txt" in result.stderr and "Traceback" not in result.stderr


def test_extract_corpus_reports_each_bad_row_and_writes_the_rest(mixed_corpus, tmp_path, invoke):
    out = tmp_path / "docs"
    result = invoke("extract", mixed_corpus, "-o", out)
    assert result.exit_code == 1, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["j1.json", "j5.json"]
    for line in (2, 3, 4):
        assert f"corpus.jsonl:{line}" in result.stderr, f"row {line} not reported:\n{result.stderr}"
    assert "Traceback" not in result.stderr


def _varied_corpus(path: Path, n: int) -> Path:
    """``n`` small documents, two bad rows among them."""
    rows = []
    for i in range(n):
        text = (GOOD, GOOD_2)[i % 2] + f" وقال المصدر إن اللقاء رقم {i} كان مثمرا."
        rows.append(json.dumps({"id": f"d{i:03d}", "text": text, "date": "2018-05-14"}, ensure_ascii=False))
    rows.insert(5, '{"id": "broken", "text": ')
    rows.insert(40, json.dumps({"id": "latin", "text": "no arabic at all"}))
    return write(path, "\n".join(rows) + "\n")


@pytest.mark.parametrize("name", ["docs.jsonl", "docs.jsonl.gz"])
def test_extract_to_json_lines_writes_the_folder_documents_one_a_line(tmp_path, invoke, name):
    corpus = _varied_corpus(tmp_path / "c.jsonl", 70)
    folder = invoke("extract", corpus, "-o", tmp_path / "docs")
    lines = invoke("extract", corpus, "-o", tmp_path / name)
    assert folder.exit_code == lines.exit_code == 1  # the two bad rows
    import gzip

    raw = (tmp_path / name).read_bytes()
    text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
    docs = [json.loads(line) for line in text.splitlines()]
    assert [d["doc_id"] for d in docs] == [f"d{i:03d}" for i in range(70)]  # input order
    for d in docs:
        assert json.loads((tmp_path / "docs" / f"{d['doc_id']}.json").read_text(encoding="utf-8")) == d
    assert no_temp_files(tmp_path) == []


def test_extract_json_lines_gz_is_the_same_bytes_on_every_run(tmp_path, invoke):
    corpus = _varied_corpus(tmp_path / "c.jsonl", 10)
    invoke("extract", corpus, "-o", tmp_path / "a.jsonl.gz")
    invoke("extract", corpus, "-o", tmp_path / "b.jsonl.gz")
    assert (tmp_path / "a.jsonl.gz").read_bytes() == (tmp_path / "b.jsonl.gz").read_bytes()


def test_extract_with_two_workers_writes_what_one_process_writes(tmp_path, run_kg):
    corpus = _varied_corpus(tmp_path / "c.jsonl", 150)
    one = run_kg("extract", corpus, "-o", tmp_path / "one.jsonl", cwd=tmp_path)
    two = run_kg("extract", corpus, "-o", tmp_path / "two.jsonl", "--workers", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert "150 built, 0 unchanged, 2 failed" in two.stderr


def test_extract_stopped_midway_leaves_no_json_lines_file(tmp_path, invoke, monkeypatch):
    corpus = _varied_corpus(tmp_path / "c.jsonl", 20)
    target = write(tmp_path / "docs.jsonl", '{"doc_id": "old"}\n')
    calls = []

    def interrupted(doc, one_line, explain, min_confidence=0.0):
        calls.append(doc.doc_id)
        if len(calls) == 10:
            raise KeyboardInterrupt
        return kg.batch.Extracted(doc.doc_id, "{}")

    monkeypatch.setattr(kg.batch, "extract_json", interrupted)
    result = invoke("extract", corpus, "-o", target)
    assert result.exit_code == 130
    assert target.read_text(encoding="utf-8") == '{"doc_id": "old"}\n'  # the old file, whole
    assert no_temp_files(tmp_path) == []


def test_extract_corpus_to_stdout_goes_on_after_a_bad_row(mixed_corpus, invoke):
    """Without -o a corpus is still a batch: a bad row does not stop the rows after it."""
    result = invoke("extract", mixed_corpus)
    assert result.exit_code == 1, result.stderr
    assert '"doc_id": "j1"' in result.stdout and '"doc_id": "j5"' in result.stdout
    assert "corpus.jsonl:2" in result.stderr


def test_build_corpus_reports_each_bad_row_and_builds_the_rest(mixed_corpus, tmp_path, invoke):
    out = tmp_path / "out"
    result = invoke("build", mixed_corpus, "--store", tmp_path / "store", "--out", out, "--no-view")
    assert result.exit_code == 1, result.stderr
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["j1.json", "j5.json"]
    for line in (2, 3, 4):
        assert f"corpus.jsonl:{line}" in result.stderr, f"row {line} not reported:\n{result.stderr}"


def test_console_script_batch_exit_code_is_1(mixed_folder, tmp_path, run_kg):
    """subprocess: one good and one bad file."""
    proc = run_kg("extract", mixed_folder, "-o", tmp_path / "docs", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert (tmp_path / "docs" / "good.json").exists()
    assert "bad.txt" in proc.stderr and "Traceback" not in proc.stderr


# ------------------------------------------------------------------------------------ the document JSON
@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory, run_kg) -> tuple[str, dict]:
    """(text, JSON) of `kg extract good.txt --date 2018-05-16` run through the console script."""
    folder = tmp_path_factory.mktemp("extract")
    article = write(folder / "good.txt", GOOD + " " + GOOD_2)
    proc = run_kg("extract", article, "--date", "2018-05-16", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    return article.read_text(encoding="utf-8"), json.loads(proc.stdout)


def test_extract_prints_the_design_contract(extracted):
    _, doc = extracted
    assert set(doc) == DOC_KEYS
    assert doc["doc_id"] == "good" and doc["date"] == "2018-05-16"
    assert doc["entities"] and doc["events"], "the test article has entities and events"
    ids = {e["id"] for e in doc["entities"]}
    for e in doc["entities"]:
        assert ENTITY_KEYS <= set(e), f"entity keys {sorted(e)}"
        assert e["type"] in ENTITY_TYPES
        assert e["wikidata"] is None or (e["wikidata"].startswith("Q") and e["wikidata"][1:].isdigit())
        for m in e["mentions"]:
            assert MENTION_KEYS <= set(m)
    for ev in doc["events"]:
        assert set(ev) == EVENT_KEYS, f"event keys differ: {sorted(set(ev) ^ EVENT_KEYS)}"
        assert ev["type"] in PLOVER_TYPES and ev["modality"] in MODALITIES
        assert set(ev["source"]) <= ids and set(ev["target"]) <= ids
        assert ev["location"] is None or ev["location"] in ids
        assert isinstance(ev["confidence"], float) and 0 <= ev["confidence"] <= 1
    for f in doc["facts"]:
        assert FACT_KEYS <= set(f) <= FACT_KEYS | FACT_EXTRA_KEYS and f["predicate"] in FACT_PREDICATES
        if f["predicate"] == "holdsPosition":
            assert f["origin"] in FACT_ORIGINS, f"a holdsPosition says where it came from: {f}"


def test_extract_offsets_slice_the_original_text(extracted):
    text, doc = extracted
    for e in doc["entities"]:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"], f"mention {m}"
    for ev in doc["events"]:
        assert text[ev["start"] : ev["end"]] == ev["trigger"], f"event {ev['id']} trigger {ev['trigger']!r}"
        assert ev["sentence"] in text
    for f in doc["facts"]:
        assert 0 <= f["start"] <= f["end"] <= len(text)


def test_extract_finds_the_request_and_the_visit(extracted):
    _, doc = extracted
    names = {e["id"]: e["label_en"] for e in doc["entities"]}
    found = {
        (ev["type"], ev["mode"], tuple(names[s] for s in ev["source"]), tuple(names[t] for t in ev["target"]))
        for ev in doc["events"]
    }
    assert ("REQUEST", "assist", ("Libya",), ("Algeria",)) in found
    assert ("CONSULT", "visit", ("Abdelkader Messahel",), ("Libya",)) in found


def test_extract_reads_stdin(invoke):
    result = invoke("extract", "-", input=GOOD.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["doc_id"] == "stdin"


# ------------------------------------------------------------------------------------ --date
@pytest.mark.parametrize("command", ["extract", "build"])
@pytest.mark.parametrize("date", ["yesterday", "16/05/2018", "2018-5-16", "2018-13-01", "2018-02-30"])
def test_bad_date_option_is_one_error_line(command, date, tmp_path, invoke):
    article = write(tmp_path / "good.txt", GOOD)
    args = file_args(command, article, tmp_path)
    result = invoke(*args, "--date", date)
    assert_one_error_line(result.stderr, result.exit_code, f"kg {command} --date {date}")
    assert date in result.stderr
    assert not (tmp_path / "store").exists(), "a refused run must not create the store"


def test_date_option_becomes_the_document_date(tmp_path, invoke):
    result = invoke("extract", write(tmp_path / "good.txt", GOOD), "--date", "2016-02-29")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["date"] == "2016-02-29"


def test_no_date_option_gives_a_null_date(tmp_path, invoke):
    result = invoke("extract", write(tmp_path / "good.txt", GOOD))
    assert json.loads(result.stdout)["date"] is None


# ------------------------------------------------------------------------------------ atomic outputs
def test_build_of_one_bad_file_exits_2_and_names_it(tmp_path, invoke):
    path = bad_file(tmp_path, "binary")
    result = invoke(*file_args("build", path, tmp_path))
    assert result.exit_code == 2, result.stderr
    assert path.name in result.stderr and "binary" in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_and_build_leave_no_temp_files(mixed_folder, tmp_path, invoke):
    docs, out = tmp_path / "docs", tmp_path / "out"
    invoke("extract", mixed_folder, "-o", docs)
    invoke("build", mixed_folder, "--store", tmp_path / "store", "--out", out)
    assert (docs / "good.json").exists() and (out / "graph.trig").exists()
    assert no_temp_files(docs) == [] and no_temp_files(out) == []


def test_extract_replaces_an_existing_output_whole(tmp_path, invoke):
    docs = tmp_path / "docs"
    article = write(tmp_path / "in" / "a.txt", GOOD)
    invoke("extract", article, "-o", docs)
    first = json.loads((docs / "a.json").read_text(encoding="utf-8"))
    write(article, GOOD_2)
    result = invoke("extract", article, "-o", docs)
    assert result.exit_code == 0, result.stderr
    second = json.loads((docs / "a.json").read_text(encoding="utf-8"))
    assert first != second and "المغرب" in json.dumps(second, ensure_ascii=False)
    assert no_temp_files(docs) == []


def _fail_on_fsync(fd: int) -> None:
    raise OSError(28, "No space left on device")


def test_atomic_write_failure_keeps_the_old_file(tmp_path, monkeypatch):
    target = write(tmp_path / "doc.json", '{"old": true}\n')
    monkeypatch.setattr(kg.corpus.os, "fsync", _fail_on_fsync)
    with pytest.raises(OSError):
        atomic_write(target, '{"new": true, "padding": "' + "x" * 100_000 + '"}\n')
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert no_temp_files(tmp_path) == []


class _FullDisk:
    """A file whose writes stop after a few bytes with ENOSPC."""

    def __init__(self, fh) -> None:
        self.fh = fh

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.fh.close()

    def write(self, data: bytes) -> None:
        self.fh.write(data[:10])
        raise OSError(28, "No space left on device")


def test_extract_failing_mid_write_keeps_the_old_output(tmp_path, invoke, monkeypatch):
    docs = tmp_path / "docs"
    old = write(docs / "a.json", '{"doc_id": "a", "old": true}\n')
    article = write(tmp_path / "in" / "a.txt", GOOD)
    real = os.fdopen
    monkeypatch.setattr(kg.batch.os, "fdopen", lambda fd, mode: _FullDisk(real(fd, mode)))
    result = invoke("extract", article, "-o", docs)
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert old.read_text(encoding="utf-8") == '{"doc_id": "a", "old": true}\n'
    assert no_temp_files(docs) == []


def test_atomic_write_keeps_the_umask_mode(tmp_path):
    """Outputs are meant to be shared (graph.html, triples.csv): not private 0600 temp files."""
    old = os.umask(0o022)
    try:
        path = atomic_write(tmp_path / "x.txt", "x")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


# ------------------------------------------------------------------------------------ query formats
REQUESTS = "SELECT ?s ?o WHERE { ?s kg:requestsFrom ?o } ORDER BY ?s ?o"


def _rows(invoke, store: Path, fmt: str) -> str:
    result = invoke("query", REQUESTS, "--store", store, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_query_csv_parses(invoke, query_store):
    rows = list(csv.reader(io.StringIO(_rows(invoke, query_store, "csv"))))
    assert rows[0] == ["s", "o"]
    assert len(rows) >= 2 and all(len(r) == 2 for r in rows)
    assert any(r[1].endswith("/Q262") for r in rows[1:]), rows


def test_query_tsv_parses(invoke, query_store):
    rows = list(csv.reader(io.StringIO(_rows(invoke, query_store, "tsv")), delimiter="\t"))
    assert rows[0] == ["s", "o"] and len(rows) >= 2 and all(len(r) == 2 for r in rows)


def test_query_json_parses(invoke, query_store):
    data = json.loads(_rows(invoke, query_store, "json"))
    assert data["head"]["vars"] == ["s", "o"]
    bindings = data["results"]["bindings"]
    assert bindings and all(set(b) == {"s", "o"} and b["o"]["type"] == "uri" for b in bindings)


def test_query_formats_agree_on_the_rows(invoke, query_store):
    as_csv = list(csv.DictReader(io.StringIO(_rows(invoke, query_store, "csv"))))
    as_tsv = list(csv.DictReader(io.StringIO(_rows(invoke, query_store, "tsv")), delimiter="\t"))
    as_json = json.loads(_rows(invoke, query_store, "json"))["results"]["bindings"]
    assert as_csv == as_tsv == [{k: v["value"] for k, v in r.items()} for r in as_json]


def test_query_table_has_header_rule_and_rows(invoke, query_store):
    lines = _rows(invoke, query_store, "table").splitlines()
    assert lines[0].split() == ["s", "o"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    n_json = len(json.loads(_rows(invoke, query_store, "json"))["results"]["bindings"])
    assert len(lines) == 2 + n_json


def test_query_table_says_when_nothing_matched(invoke, query_store):
    result = invoke("query", "SELECT ?s WHERE { ?s kg:assaults ?o }", "--store", query_store)
    assert result.exit_code == 0 and result.stdout.strip() == "(no results)"


def test_ner_echoes_the_given_tokens_even_in_presentation_forms(tmp_path, invoke):
    """kg reads presentation forms as letters (ﻹ as لإ) but `kg ner` keeps the CoNLL contract:
    the input's tokens, in order, as given, each with its tag."""
    tokens = ["زار", "الرئيس", "\ufef9يمانويل", "ماكرون", "تونس", "."]
    conll = write(tmp_path / "in.conll", "\n".join(tokens) + "\n\n" + "\n".join(tokens) + "\n")
    result = invoke("ner", "--conll", conll)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.split("\n")
    assert [ln.split(" ")[0] for ln in lines if ln] == tokens + tokens
    assert lines[len(tokens)] == ""  # the blank line between sentences kept
    assert all(ln.split(" ")[1][:2] in ("O", "B-", "I-") for ln in lines if ln)
