"""Article text can never change the graph's structure, the page or a query.

IRIs are minted from normalized parts only; literals survive every serializer (rdflib
round-trip isomorphic, and Raptor's `rapper` parses what kg writes); the HTML page keeps
payloads as data; SPARQL is never pasted together from article text.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from hardening_support import iri_problems
from kg.cli import main
from kg.errors import InputError
from kg.graph.export import export
from kg.graph.network import network_from_dataset
from kg.graph.rdf import content_hash, document_dataset, graph_iri
from kg.graph.store import Store
from kg.model import Document, Entity, Event, Fact, Mention
from kg.pipeline import extract
from kg.view.html import render_html

KG_ROOT = Path(__file__).resolve().parents[2] / "kg"
PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</script><script>alert(2)</script>",
    '"""',
    "'''",
    "\\",
    '\\"',
    ">",
    "<",
    "&amp;",
    "\n",
    "\r\n",
    "\u2028",
    '" . <http://evil.example/s> <http://evil.example/p> "o" .',
    "} } ; DROP ALL ; INSERT DATA { <http://evil.example/s> <http://evil.example/p> 1 }",
    "@prefix evil: <http://evil.example/> .",
    "\\u003cscript\\u003e",
    "<!--",
    "]]>",
)
NASTY = " ".join(PAYLOADS)
ARTICLE = "طالب وزير الخارجية الجزائري عبد القادر مساهل بدعم ليبيا. وزار الرئيس المصري عبد الفتاح السيسي تونس أمس."


def hostile_document(doc_id: str = "hostile") -> Document:
    """A hand-built document whose every free-text field carries every payload."""
    text = ARTICLE + " " + NASTY
    people = (
        Entity("p1", "Person", "مساهل " + NASTY, "Messahel " + NASTY, "Q1", country="c1", role_en="minister " + NASTY),
        Entity("c1", "Country", "ليبيا " + NASTY, NASTY, None),
        Entity("o1", "Organization", NASTY, "", "Q1> <http://evil.example/x"),
    )
    event = Event(
        "e1> <http://evil.example/x",
        "REQUEST",
        "support" + NASTY,
        "03" + NASTY,
        ("p1",),
        ("c1",),
        "طالب " + NASTY,
        text,
        0,
        4,
        location="c1",
        date="2018-05-16",
        predicate_en="requests " + NASTY,
        predicate_ar="طالب " + NASTY,
        rule=NASTY,
    )
    return Document(
        doc_id,
        text,
        "2018-05-16",
        entities=people,
        events=(event,),
        mentions=(Mention(0, 4, text[:4], "p1"),),
        facts=(Fact("p1", "holdsPosition", "minister " + NASTY, 0, 4), Fact("p1", "citizenOf", "c1", 0, 4)),
    )


@pytest.mark.parametrize(
    "doc_id", ["hostile", "x y", '"><img src=x>', "a/../../b", "http://evil.example/", "مقال-١", "A" * 500]
)
def test_iris_from_hostile_fields_are_minted_only_from_normalized_parts(doc_id: str) -> None:
    ds = document_dataset(hostile_document(doc_id))
    assert iri_problems(ds) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_iris_from_hostile_article_text_are_minted_only_from_normalized_parts(payload: str) -> None:
    text = f"{ARTICLE} {payload} قال المسؤول الليبي «{payload}» {payload}وزار مساهل طرابلس."
    ds = document_dataset(extract(text, doc_id="t-" + str(PAYLOADS.index(payload))))
    assert iri_problems(ds) == []


# ------------------------------------------------------------------------ serializers
def _triples(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _rapper() -> str:
    found = shutil.which("rapper")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("rapper (Debian raptor2-utils) is missing; `make system-deps` installs it")
    pytest.skip("rapper (raptor2-utils) is not installed; `make system-deps` installs it")


EXPORTS = [
    ("trig", "trig", "trig"),
    ("nquads", "nquads", "nquads"),
    ("turtle", "turtle", "turtle"),
    ("ntriples", "nt", "ntriples"),
    ("jsonld", "json-ld", None),
]


@pytest.mark.parametrize("fmt,rdflib_name,rapper_name", EXPORTS, ids=[e[0] for e in EXPORTS])
def test_every_export_of_hostile_literals_round_trips_isomorphic(
    tmp_path: Path, fmt: str, rdflib_name: str, rapper_name: str | None
) -> None:
    ds = document_dataset(hostile_document())
    path = export(ds, fmt, tmp_path / f"graph.{fmt}")[0]
    back = Dataset().parse(path, format=rdflib_name)
    assert isomorphic(_triples(ds), _triples(back))
    if fmt in ("trig", "nquads", "jsonld"):  # named graphs kept
        names = {str(c) for _s, _p, _o, c in back.quads((None, None, None, None))}
        assert names == {str(c) for _s, _p, _o, c in ds.quads((None, None, None, None))}
        assert str(graph_iri("hostile")) in names


@pytest.mark.parametrize(
    "fmt,rdflib_name,rapper_name", [e for e in EXPORTS if e[2]], ids=[e[0] for e in EXPORTS if e[2]]
)
def test_rapper_parses_every_export_of_hostile_literals(
    tmp_path: Path, fmt: str, rdflib_name: str, rapper_name: str
) -> None:
    rapper = _rapper()
    ds = document_dataset(hostile_document())
    path = export(ds, fmt, tmp_path / f"graph.{fmt}")[0]
    done = subprocess.run([rapper, "-i", rapper_name, "-c", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    expected = len(list(ds.quads((None, None, None, None))))  # one graph: quads == triples
    assert f"Parsing returned {expected} triples" in done.stderr, done.stderr
    assert "error" not in done.stderr.lower() and "warning" not in done.stderr.lower()


@pytest.mark.parametrize("rdflib_name", ["trig", "nquads", "json-ld"])
def test_rdflib_serializers_round_trip_hostile_literals(rdflib_name: str) -> None:
    ds = document_dataset(hostile_document())
    back = Dataset().parse(data=ds.serialize(format=rdflib_name), format=rdflib_name)
    assert isomorphic(_triples(ds), _triples(back))


def test_store_round_trips_hostile_literals_and_keeps_other_graphs(tmp_path: Path) -> None:
    other_doc, doc = extract(ARTICLE, doc_id="other"), hostile_document()
    other, ds = document_dataset(other_doc), document_dataset(doc)
    with Store.open(tmp_path / "store") as store:
        store.put_graph(str(graph_iri("other")), other, content_hash(other_doc))
        store.put_graph(str(graph_iri("hostile")), ds, content_hash(doc))
        assert store.graphs() == sorted([str(graph_iri("other")), str(graph_iri("hostile"))])
        got = Graph().parse(data=store.graph_ntriples(str(graph_iri("hostile"))).decode(), format="nt")
        assert isomorphic(got, ds.graph(graph_iri("hostile")))
        kept = Graph().parse(data=store.graph_ntriples(str(graph_iri("other"))).decode(), format="nt")
        assert isomorphic(kept, other.graph(graph_iri("other")))


@pytest.mark.parametrize(
    "iri",
    ["http://a> } ; DROP ALL ; INSERT DATA { GRAPH <http://x", "http://a b", "not an iri", 'http://a"b', "http://a\n"],
)
def test_a_hostile_graph_name_is_refused_before_any_update(tmp_path: Path, iri: str) -> None:
    with Store.open(tmp_path / "store") as store:
        store.put_graph(str(graph_iri("other")), document_dataset(extract(ARTICLE, "other")), "h")
        with pytest.raises(InputError):
            store.put_graph(iri, "", "h2")
        with pytest.raises(InputError):
            store.drop_graph(iri)
        assert store.graphs() == [str(graph_iri("other"))]


SPARQL_WORDS = re.compile(
    r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|DROP|CLEAR|LOAD|"
    r"WHERE|FILTER|VALUES|GRAPH)\b"
)
# f-strings that build SPARQL, each reviewed: what they put in is a pyoxigraph term (its
# constructor validated the IRI) or pyoxigraph's own N-Triples serialization, never raw text.
REVIEWED_SPARQL_FSTRINGS = {
    ("graph/store.py", 'f"DROP SILENT GRAPH {_named_node(graph_iri)}"'),
    ("graph/store.py", 'f"DROP SILENT GRAPH {article.graph}"'),
    # verb is "DELETE" or "INSERT" (a literal at each call), graph a pyoxigraph NamedNode, the
    # body N-Triples written by pyoxigraph (its dump of the stored graph, or statements it parsed
    # and serialized again), never the caller's text
    ("graph/store.py", 'f"{verb} DATA {{ GRAPH {graph} {{\\n{ntriples.decode()}\\n}} }}"'),
}


def sparql_fstrings() -> set[tuple[str, str]]:
    """(file, source) of every f-string in kg/ whose fixed text reads as SPARQL."""
    found = set()
    for path in sorted(KG_ROOT.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.JoinedStr):
                continue
            if not any(isinstance(v, ast.FormattedValue) for v in node.values):
                continue
            fixed = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if SPARQL_WORDS.search(fixed):
                found.add((path.relative_to(KG_ROOT).as_posix(), ast.get_source_segment(text, node)))
    return found


def test_no_sparql_is_pasted_together_from_values_except_the_reviewed_sites() -> None:
    assert sparql_fstrings() == REVIEWED_SPARQL_FSTRINGS, (
        "an f-string builds SPARQL: bind values (VALUES, initBindings, pyoxigraph terms) "
        "instead of pasting text; once reviewed, list it here"
    )


# ------------------------------------------------------------------------ the page and the CLI
EMPTY_PAGE = render_html({"title": "", "nodes": [], "edges": []})


def test_build_of_a_hostile_file_name_and_text_keeps_page_graph_and_files_safe(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = '"><img src=x onerror=alert(1)>'
    (folder / f"{name}.txt").write_text(ARTICLE + " " + NASTY, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "--store", str(tmp_path / "s"), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert page.count("<script") == EMPTY_PAGE.count("<script")
    assert page.count("</script>") == EMPTY_PAGE.count("</script>")
    assert "<img" not in page and "onerror=alert(1)>" not in page
    for payload in PAYLOADS:
        if ("<" in payload or ">" in payload) and len(payload) > 1:
            assert payload not in page
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert name in data["title"]  # the payload is there, as data
    ds = Dataset().parse(out / "graph.trig", format="trig")
    assert iri_problems(ds) == []
    assert sorted(p.name for p in (out / "documents").iterdir()) == [f"{name}.json"]


def test_page_of_hostile_graph_keeps_every_payload_as_data() -> None:
    page = render_html(network_from_dataset(document_dataset(hostile_document()), title=NASTY))
    head, _, rest = page.partition('<script type="application/json" id="kg-data">')
    data_text, _, tail = rest.partition("</script>")
    assert "<img" not in page and "<script>alert" not in page
    assert page.count("<script") == EMPTY_PAGE.count("<script")  # vis-network's JS holds
    assert page.count("</script>") == EMPTY_PAGE.count("</script>")  # one "<script>" string
    assert not re.search(r"[<>]", data_text)
    data = json.loads(data_text)
    assert data["title"] == NASTY
    shown = json.dumps(data, ensure_ascii=False)
    assert "javascript:alert(1)" in shown  # kept as text, never as a link
    assert 'href="javascript' not in page and "href='javascript" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in head  # the title, escaped
