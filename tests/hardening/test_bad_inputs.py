"""Bad files and rows in one `kg build` batch: each gets a clear one-line error, the good
articles are built anyway, and OUT/report.json lists every failure with where and why."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from kg.cli import main
from kg.graph.validate import validate

GOOD = "زار وزير الخارجية الجزائري عبد القادر مساهل ليبيا أمس والتقى فايز السراج في طرابلس."
GOOD2 = "التقى الرئيس المصري عبد الفتاح السيسي الرئيس التونسي في القاهرة."


def build(tmp: Path, *inputs: Path | str) -> tuple[int, list[str], dict, Path]:
    """Run `kg build` in-process; (exit code, stderr lines, report.json, OUT)."""
    out = tmp / "out"
    result = CliRunner().invoke(
        main, ["build", *map(str, inputs), "--store", str(tmp / "store"), "--out", str(out), "--no-view"]
    )
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return result.exit_code, result.stderr.splitlines(), report, out


def built(report: dict) -> int:
    """Articles built ("built" in kg.batch's report; "done" in the earlier one)."""
    return report["built"] if "built" in report else report["done"]


def failures(report: dict) -> list[dict]:
    """The listed failures ("failures" in kg.batch's report; "failed" in the earlier one)."""
    return report["failures"] if "failures" in report else report["failed"]


def skipped_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("kg: skipped ")]


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\t \n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes("Café crème brûlée à Alger".encode("latin-1"))
    (folder / "cp1256.txt").write_bytes(GOOD.encode("cp1256"))
    (folder / "utf16bom.txt").write_bytes(GOOD.encode("utf-16"))  # with BOM
    (folder / "utf16be.txt").write_bytes(b"\xfe\xff" + GOOD.encode("utf-16-be"))
    (folder / "utf16nobom.txt").write_bytes(GOOD.encode("utf-16-le"))
    (folder / "english.txt").write_text("The minister visited Libya yesterday.", encoding="utf-8")
    with (folder / "huge.txt").open("wb") as fh:  # 100 MB, sparse: instant to make
        fh.truncate(100 * 1024 * 1024)
    return folder


EXPECTED_REASONS = {
    "empty": "empty",
    "blank": "empty",
    "binary": "binary",
    "latin1": "not UTF-8",
    "cp1256": "not UTF-8",
    "utf16bom": "UTF-16",
    "utf16be": "UTF-16",
    "huge": "too large",
    "english": "no Arabic",
    "utf16nobom": "UTF-16",
}


def test_bad_files_each_get_one_line_and_the_good_article_is_built(bad_folder: Path, tmp_path: Path) -> None:
    code, lines, report, out = build(tmp_path, bad_folder)
    assert code == 1  # some failed, some built
    assert built(report) == 1 and (out / "documents" / "good.json").exists()
    failed = {f["doc_id"]: f for f in failures(report)}
    assert set(failed) == set(EXPECTED_REASONS)
    for doc_id, words in EXPECTED_REASONS.items():
        assert words is None or words in failed[doc_id]["reason"], failed[doc_id]
        assert failed[doc_id]["where"].endswith(f"{doc_id}.txt")
        assert "\n" not in failed[doc_id]["reason"] and failed[doc_id]["reason"]
    assert len(skipped_lines(lines)) == len(EXPECTED_REASONS)
    assert not any("Traceback" in line or "internal error" in line for line in lines)


def test_failures_jsonl_lists_every_failure_when_written(bad_folder: Path, tmp_path: Path) -> None:
    _code, _lines, report, out = build(tmp_path, bad_folder)
    path = out / "failures.jsonl"
    assert path.exists(), "kg build writes OUT/failures.jsonl (one JSON object per failure)"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert sorted(r["doc_id"] for r in rows) == sorted(f["doc_id"] for f in failures(report))
    assert all(r["reason"] and r["where"] for r in rows)


def test_a_100_mb_file_is_refused_without_reading_past_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.write(GOOD.encode("utf-8"))
        fh.truncate(100 * 1024 * 1024)
    code, lines, report, _out = build(tmp_path, big)
    assert code == 2  # nothing built
    assert failures(report)[0]["reason"].startswith("100 MB is too large")
    assert [line for line in lines if line.startswith("kg: ")] == [
        line for line in lines if line.startswith("kg: error: ") and "100 MB is too large" in line
    ]


def _jsonl(tmp_path: Path, rows: list[str], gz: bool = False) -> Path:
    data = ("\n".join(rows) + "\n").encode("utf-8")
    path = tmp_path / ("corpus.jsonl.gz" if gz else "corpus.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


BROKEN_ROWS = [
    json.dumps({"id": "ok1", "text": GOOD, "date": "2018-05-16"}, ensure_ascii=False),
    '{"id": "cut", "text": "زار',  # line cut in the middle
    "not json at all",
    json.dumps({"text": GOOD}, ensure_ascii=False),  # no id
    json.dumps({"id": "notext"}),
    json.dumps({"id": "numtext", "text": 5}),
    json.dumps({"id": "nulltext", "text": None}),
    "[1, 2, 3]",
    json.dumps({"id": "../../etc/passwd", "text": GOOD}, ensure_ascii=False),
    json.dumps({"id": "baddate", "text": GOOD, "date": "16/05/2018"}, ensure_ascii=False),
    json.dumps({"id": "english", "text": "Hello world, nothing Arabic here"}),
    "",
    json.dumps({"id": "ok2", "text": GOOD2}, ensure_ascii=False),
]
BROKEN_LINES = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11}


@pytest.mark.parametrize("gz", [False, True], ids=["jsonl", "jsonl.gz"])
def test_broken_jsonl_rows_are_reported_by_line_and_the_rest_is_built(tmp_path: Path, gz: bool) -> None:
    corpus = _jsonl(tmp_path, BROKEN_ROWS, gz)
    code, lines, report, out = build(tmp_path, corpus)
    assert code == 1
    assert built(report) == 2
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["ok1.json", "ok2.json"]
    where = sorted(int(f["where"].rsplit(":", 1)[1]) for f in failures(report))
    assert where == sorted(BROKEN_LINES)
    assert len(skipped_lines(lines)) == len(BROKEN_LINES)
    assert all(f["reason"] and "\n" not in f["reason"] for f in failures(report))
    ds = Dataset().parse(out / "graph.trig", format="trig")
    assert validate(ds)[0]


def test_a_truncated_gzip_corpus_keeps_the_rows_before_the_damage(tmp_path: Path) -> None:
    rows = [json.dumps({"id": f"a{i}", "text": GOOD}, ensure_ascii=False) for i in range(200)]
    path = _jsonl(tmp_path, rows, gz=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    code, _lines, report, _out = build(tmp_path, path)
    assert code == 1
    assert built(report) >= 1
    assert any("damaged" in f["reason"] for f in failures(report))


def test_an_invalid_calendar_date_never_reaches_the_graph_as_an_ill_typed_literal(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path, [json.dumps({"id": "feb31", "text": GOOD, "date": "2018-02-31"}, ensure_ascii=False)])
    _code, lines, report, out = build(tmp_path, corpus)
    assert [f["doc_id"] for f in failures(report)] == ["feb31"]  # refused, not built with a bad date
    assert not (out / "graph.trig").exists() or "2018-02-31" not in (out / "graph.trig").read_text("utf-8")
    assert not any("Traceback" in line for line in lines)


def test_a_lone_surrogate_in_a_jsonl_row_fails_that_row_only(tmp_path: Path) -> None:
    """Was: UnicodeEncodeError in content_hash stopped the whole batch (fixed in
    kg/graph/rdf.py; kg/corpus.py could refuse the row even earlier)."""
    rows = [
        '{"id": "sur", "text": "زار مساهل ليبيا \\ud800"}',
        json.dumps({"id": "ok", "text": GOOD}, ensure_ascii=False),
    ]
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(_jsonl(tmp_path, rows)), "--store", str(tmp_path / "store"), "--out", str(out), "--no-view"]
    )
    assert result.exit_code == 1
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert built(report) == 1 and [f["doc_id"] for f in failures(report)] == ["sur"]
    assert "surrogate" in failures(report)[0]["reason"]


# ---------------------------------------------------------------- regressions of bugs found here
def test_an_impossible_date_in_a_row_is_reported(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path, [json.dumps({"id": "feb31", "text": GOOD, "date": "2018-02-31"}, ensure_ascii=False)])
    _code, _lines, report, _out = build(tmp_path, corpus)
    assert [f["doc_id"] for f in failures(report)] == ["feb31"]


def test_a_boolean_id_is_refused(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path, ['{"id": true, "text": "' + GOOD + '"}'])
    _code, _lines, report, _out = build(tmp_path, corpus)
    assert built(report) == 0 and len(failures(report)) == 1


def test_utf16_without_bom_is_named_utf16(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes(GOOD.encode("utf-16-le"))
    _code, _lines, report, _out = build(tmp_path, path)
    assert "UTF-16" in failures(report)[0]["reason"]


def test_a_row_error_names_its_place_once(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path, [json.dumps({"id": "en", "text": "Hello world"})])
    _code, lines, _report, _out = build(tmp_path, corpus)
    (line,) = skipped_lines(lines)
    assert len(re.findall(r"corpus\.jsonl:1\b", line)) == 1


def test_a_duplicate_id_in_one_batch_is_reported_and_outputs_conform(tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": "dup", "text": GOOD}, ensure_ascii=False),
        json.dumps({"id": "dup", "text": GOOD2}, ensure_ascii=False),
    ]
    _code, _lines, report, out = build(tmp_path, _jsonl(tmp_path, rows))
    assert [f["doc_id"] for f in failures(report)] == ["dup"]
    assert validate(Dataset().parse(out / "graph.trig", format="trig"))[0]
