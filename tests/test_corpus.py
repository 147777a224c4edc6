"""Inputs: JSONL, gzipped JSONL, folders (recursive), stdin; dates from file names; bad rows
become failures with a reason while the other documents go on; everything is streamed."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.corpus import Failure, count_inputs, date_from_name, read_inputs, read_stdin
from kg.model import Document

VISIT = "زار وزير الخارجية الجزائري ليبيا يوم الأحد والتقى رئيس المجلس الرئاسي في طرابلس."
TALKS = "بحث الرئيس التونسي مع نظيره المصري العلاقات الثنائية في القاهرة."
CONDEMN = "أدانت المملكة المغربية الهجوم الذي استهدف مقرا حكوميا في بغداد."


def rows(n: int) -> list[dict]:
    texts = (VISIT, TALKS, CONDEMN)
    return [
        {
            "id": f"art-{i:03d}",
            "text": texts[i % 3] + f" وقال المصدر إن الاجتماع رقم {i} كان مثمرا.",
            "date": "2018-05-16",
            "source": "test",
            "url": f"https://example.org/{i}",
            "title": f"t{i}",
        }
        for i in range(n)
    ]


def write_jsonl(path: Path, items: list, gz: bool = False) -> Path:
    lines = "".join((json.dumps(r, ensure_ascii=False) if not isinstance(r, str) else r) + "\n" for r in items)
    if gz:
        path.write_bytes(gzip.compress(lines.encode("utf-8")))
    else:
        path.write_text(lines, encoding="utf-8")
    return path


def docs(items) -> list[Document]:
    return [d for d in items if isinstance(d, Document)]


def failures(items) -> list[Failure]:
    return [d for d in items if isinstance(d, Failure)]


def test_jsonl_gives_ids_dates_and_metadata(tmp_path):
    got = list(read_inputs([str(write_jsonl(tmp_path / "c.jsonl", rows(3)))]))
    assert [d.doc_id for d in got] == ["art-000", "art-001", "art-002"]
    assert got[1].date == "2018-05-16"
    assert dict(got[1].meta) == {"source": "test", "url": "https://example.org/1", "title": "t1"}


def test_gzipped_jsonl_reads_like_plain(tmp_path):
    plain = list(read_inputs([str(write_jsonl(tmp_path / "c.jsonl", rows(4)))]))
    gz = list(read_inputs([str(write_jsonl(tmp_path / "c.jsonl.gz", rows(4), gz=True))]))
    assert gz == plain


def test_folder_is_read_recursively_in_name_order_without_hidden_files(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text(VISIT, encoding="utf-8")
    (tmp_path / "b" / "deep" / "c.txt").write_text(TALKS, encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text(TALKS, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    write_jsonl(tmp_path / "b" / "more.jsonl.gz", rows(2), gz=True)
    got = list(read_inputs([str(tmp_path)]))
    assert [d.doc_id for d in got] == ["a", "c", "art-000", "art-001"]


def test_empty_folder_is_one_failure(tmp_path):
    (got,) = list(read_inputs([str(tmp_path)]))
    assert isinstance(got, Failure) and "no .txt or .jsonl" in got.reason


@pytest.mark.parametrize(
    "name, date",
    [
        ("news-20180516.txt", "2018-05-16"),
        ("libya_2018-05-16.txt", "2018-05-16"),
        ("report-20181340.txt", None),  # month 13: not a date
        ("20180516.txt", None),  # no separator: an id, not a date
        ("2015-07-21-582.txt", "2015-07-21"),  # a leading ISO date (SaudiNewsNet's ids)
        ("2015-07-21-2015-07-22.txt", "2015-07-22"),  # both: the ending one, as before
        ("2015-13-21-7.txt", None),
        ("20150721-7.txt", None),  # a leading date must be written with dashes
    ],
)
def test_date_from_file_name(name, date):
    assert date_from_name(Path(name)) == date


def test_text_file_takes_its_name_date_unless_one_is_given(tmp_path):
    f = tmp_path / "visit-20180516.txt"
    f.write_text(VISIT, encoding="utf-8")
    (named,) = read_inputs([str(f)])
    (given,) = read_inputs([str(f)], date="2020-01-02")
    assert (named.date, given.date) == ("2018-05-16", "2020-01-02")


def test_stdin_text_is_one_article():
    (doc,) = read_stdin(io.BytesIO(VISIT.encode("utf-8")), "2018-05-16")
    assert (doc.doc_id, doc.text, doc.date) == ("stdin", VISIT, "2018-05-16")


def test_stdin_jsonl_is_a_corpus(monkeypatch):
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows(3)).encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    got = list(read_inputs(["-"]))
    assert [d.doc_id for d in got] == ["art-000", "art-001", "art-002"]


def test_bad_rows_are_failures_with_line_and_reason_and_the_others_go_on(tmp_path):
    good = rows(3)
    items = [
        good[0],
        "{not json",
        {"text": VISIT},
        {"id": "x", "text": "only latin letters here"},
        {"id": "bad id!", "text": VISIT},
        good[1],
        {"id": "d", "text": VISIT, "date": "16/05/2018"},
        good[2],
    ]
    got = list(read_inputs([str(write_jsonl(tmp_path / "c.jsonl", items))]))
    assert [d.doc_id for d in docs(got)] == ["art-000", "art-001", "art-002"]
    reasons = {f.where.rsplit(":", 1)[1]: f.reason for f in failures(got)}
    assert set(reasons) == {"2", "3", "4", "5", "7"}
    assert "malformed JSON" in reasons["2"]
    assert "no 'id'" in reasons["3"]
    assert "no Arabic" in reasons["4"]
    assert "may only hold" in reasons["5"]
    assert "YYYY-MM-DD" in reasons["7"]


def test_truncated_gzip_yields_the_rows_before_the_damage(tmp_path):
    data = gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows(200)).encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    got = list(read_inputs([str(path)]))
    assert 0 < len(docs(got)) < 200
    assert "damaged" in got[-1].reason


def test_reading_is_streamed(tmp_path):
    """The first document comes before the rest of the corpus is read: a corpus is never
    loaded whole."""
    path = write_jsonl(tmp_path / "c.jsonl", rows(3))
    stream = read_inputs([str(path)])
    first = next(stream)
    with open(path, "a", encoding="utf-8") as fh:  # rows added after reading began are still read
        fh.write(json.dumps({"id": "late", "text": TALKS}, ensure_ascii=False) + "\n")
    assert first.doc_id == "art-000"
    assert [d.doc_id for d in stream][-1] == "late"


def test_count_inputs_counts_rows_and_files_but_not_stdin(tmp_path):
    write_jsonl(tmp_path / "c.jsonl.gz", rows(5), gz=True)
    (tmp_path / "a.txt").write_text(VISIT, encoding="utf-8")
    assert count_inputs([str(tmp_path)]) == 6
    assert count_inputs(["-"]) is None


# ---------------------------------------------------------------- through `kg build`
@pytest.mark.parametrize("kind", ["jsonl", "gz", "folder", "stdin"])
def test_kg_build_reads_each_input_kind(tmp_path, kind):
    data = rows(3)
    stdin = None
    if kind == "jsonl":
        arg = str(write_jsonl(tmp_path / "c.jsonl", data))
    elif kind == "gz":
        arg = str(write_jsonl(tmp_path / "c.jsonl.gz", data, gz=True))
    elif kind == "folder":
        (tmp_path / "in" / "sub").mkdir(parents=True)
        for r in data:
            (tmp_path / "in" / "sub" / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
        arg = str(tmp_path / "in")
    else:
        arg, stdin = "-", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", arg, "--store", str(tmp_path / "store"), "--out", str(out)], input=stdin
    )
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["built"], report["failed"], report["total"]) == (3, 0, None if kind == "stdin" else 3)
    assert sorted(p.stem for p in (out / "documents").glob("*.json")) == ["art-000", "art-001", "art-002"]
    assert (out / "graph.trig").exists()


@pytest.mark.parametrize(
    "text, language",
    [
        # Persian function words alone decide, written without a letter only Persian has
        ("وزیر خارجه ایران این را در تهران گفت که سفر او برای دیدار است", "Persian"),
        # the same words with the Persian letters: گفت، پیش
        ("وزیر خارجه ایران پیش از این در تهران گفت که سفر او برای دیدار است", "Persian"),
        # Arabic news naming a foreigner with a Persian letter (گوردون) stays Arabic
        ("التقى وزير الخارجية الجزائري رئيس الوزراء البريطاني گوردون براون في لندن يوم الاثنين", "Arabic"),
        # a Persian word hidden by a zero-width non-joiner is still a word of its own
        ("قال الوزير إن\u200cاین الوفد وصل إلى القاهرة صباح اليوم", "Arabic"),
        ("پاکستان کے وزیر خارجہ نے کہا ہے کہ وہ جلد ہی دورہ کریں گے", "Urdu"),
        ("", "Arabic"),
    ],
)
def test_the_script_language_of_a_text_is_told_by_its_words_and_letters(text, language):
    from kg.corpus import script_language

    assert script_language(text) == language
