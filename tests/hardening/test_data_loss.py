"""Nothing stored is lost by a careless or hostile input (issue 17, items 1-3): ids that differ
only in case or that imitate a hashed id keep graphs of their own, a store of the old IRI
scheme is refused for writing (and still read), a second store pushed to a server leaves the
first one's actors whole, and no command writes inside a store folder."""

from __future__ import annotations

import json
import os
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner
from hardening_support import examples, free_port, need_oxigraph
from hypothesis import given
from hypothesis import strategies as st

from kg.cli import main
from kg.graph.rdf import doc_slug, graph_iri
from kg.graph.store import Store

GOOD = "زار وزير الخارجية الجزائري عبد القادر مساهل ليبيا أمس والتقى فايز السراج في طرابلس."
GOOD2 = "التقى الرئيس المصري عبد الفتاح السيسي الرئيس التونسي في القاهرة."
FORMAT_FILE = "kg-store.json"  # where a store records its format (kg.graph.store.FORMAT_FILE)
OTHER = "أدانت المملكة المغربية الهجوم الذي استهدف مقرا حكوميا في بغداد."


def kg(*args: str | os.PathLike[str]):
    return CliRunner().invoke(main, [str(a) for a in args])


def stored_ids(store: Path) -> dict[str, list[str]]:
    """Article graph IRI -> the document ids it holds."""
    with Store.open(store, read_only=True) as opened:
        rows = opened.select("SELECT ?g ?id WHERE { GRAPH ?g { ?g kg:docId ?id } }", union=False)
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row["g"] or "", []).append(row["id"] or "")
    return {g: sorted(ids) for g, ids in found.items()}


def jsonl(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in rows), "utf-8")
    return path


# ------------------------------------------------------------------ item 1: one graph per id
def test_two_files_whose_names_differ_only_in_case_are_two_articles(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "News.txt").write_text(GOOD, "utf-8")
    (folder / "news.txt").write_text(GOOD2, "utf-8")
    result = kg("build", folder, "--store", tmp_path / "s", "--out", tmp_path / "o", "--no-view")
    assert result.exit_code == 0, result.stderr
    graphs = stored_ids(tmp_path / "s")
    assert sorted(graphs.values()) == [["News"], ["news"]], graphs


def test_an_id_built_after_one_differing_only_in_case_does_not_replace_it(tmp_path: Path) -> None:
    for n, (doc_id, text) in enumerate((("Report1", GOOD), ("report1", GOOD2))):
        corpus = jsonl(tmp_path / f"c{n}.jsonl", [(doc_id, text)])
        assert kg("build", corpus, "--store", tmp_path / "s", "--out", tmp_path / f"o{n}").exit_code == 0
    assert sorted(stored_ids(tmp_path / "s").values()) == [["Report1"], ["report1"]]


def test_a_crafted_id_cannot_take_the_graph_of_a_hashed_one(tmp_path: Path) -> None:
    # before: "AFP.123" became article/afp-123-72c4e556, the IRI the id "afp-123-72c4e556" has
    corpus = jsonl(tmp_path / "c.jsonl", [("AFP.123", GOOD), ("afp-123-72c4e556", GOOD2)])
    assert kg("build", corpus, "--store", tmp_path / "s", "--out", tmp_path / "o", "--no-view").exit_code == 0
    assert sorted(stored_ids(tmp_path / "s").values()) == [["AFP.123"], ["afp-123-72c4e556"]]


@given(st.text(min_size=1, max_size=60))
@examples(300)
def test_article_iris_give_the_id_back_so_no_two_ids_share_one(doc_id: str) -> None:
    slug = doc_slug(doc_id)
    assert urllib.parse.unquote(slug, errors="surrogatepass") == doc_id
    assert all(c.isascii() and (c.isalnum() or c in "._-%") for c in slug)
    assert slug not in (".", "..")


def test_a_store_built_with_the_old_iri_scheme_is_refused_for_writing_and_still_read(tmp_path: Path) -> None:
    """A store whose article IRIs follow the scheme before format 2 (lower-cased and hashed)
    would get a second graph for the same article: kg build refuses with what to do."""
    store = tmp_path / "old"
    old_iri = "https://w3id.org/kg-arabic/resource/article/afp-123-72c4e556"
    ntriples = (
        f'<{old_iri}> <https://w3id.org/kg-arabic/ontology#docId> "AFP.123" .\n'
        f"<{old_iri}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/kg-arabic/ontology#Article> .\n"
    )
    with Store.open(store) as opened:
        opened.put_graph(old_iri, ntriples, "h")
    (store / FORMAT_FILE).unlink(missing_ok=True)  # as kg before format 2 left it
    before = stored_ids(store)
    result = kg("build", jsonl(tmp_path / "c.jsonl", [("AFP.123", GOOD)]), "--store", store, "--out", tmp_path / "o")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "older kg" in line and "rebuild" in line and "AFP.123" in line
    assert stored_ids(store) == before == {old_iri: ["AFP.123"]}
    assert kg("query", "SELECT ?id WHERE { ?a kg:docId ?id }", "--store", store, "--format", "tsv").output == (
        "id\nAFP.123\n"
    )


def test_a_store_of_the_old_scheme_with_only_plain_ids_is_upgraded_in_place(tmp_path: Path) -> None:
    """Lower-case ascii ids have the same IRI in both schemes: such a store is just stamped."""
    store = tmp_path / "old"
    with Store.open(store) as opened:
        iri = str(graph_iri("plain-id"))
        opened.put_graph(iri, f'<{iri}> <https://w3id.org/kg-arabic/ontology#docId> "plain-id" .\n', "h")
    (store / FORMAT_FILE).unlink(missing_ok=True)
    assert (
        kg("build", jsonl(tmp_path / "c.jsonl", [("x1", GOOD)]), "--store", store, "--out", tmp_path / "o").exit_code
        == 0
    )
    assert json.loads((store / FORMAT_FILE).read_text("utf-8"))["format"] == 2
    assert sorted(stored_ids(store).values()) == [["plain-id"], ["x1"]]


# ------------------------------------------------------------------ item 2: push merges
@pytest.mark.slow
def test_pushing_a_second_store_keeps_the_first_stores_actors(tmp_path: Path) -> None:
    from kg.graph.server import push, start_server

    need_oxigraph()
    for name, text in (("a", GOOD), ("b", OTHER)):
        assert kg("build", jsonl(tmp_path / f"{name}.jsonl", [(name, text)]), "--store", tmp_path / name, "--out",
                  tmp_path / f"o{name}", "--no-view").exit_code == 0  # fmt: skip
    entities = "<https://w3id.org/kg-arabic/resource/graph/entities>"
    label_query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {entities} {{ ?e rdfs:label ?l }} }}"
    with Store.open(tmp_path / "a", read_only=True) as a:
        labels_a = int(a.select(label_query, union=False)[0]["n"] or 0)
    with start_server(tmp_path / "target", port=free_port(), read_only=False, log_dir=tmp_path) as server:
        server.wait_ready()
        for name in ("a", "b"):
            with Store.open(tmp_path / name, read_only=True) as source:
                push(source, server.url)
    with Store.open(tmp_path / "target", read_only=True) as target:
        labels = int(target.select(label_query, union=False)[0]["n"] or 0)
        # every actor of store a still has its labels on the target (it had none left after b)
        article_a = "<https://w3id.org/kg-arabic/resource/article/a>"
        missing = target.select(
            f"""SELECT ?e WHERE {{ GRAPH ?g {{ ?e kg:mentionedIn {article_a} }}
               FILTER NOT EXISTS {{ GRAPH {entities} {{ ?e rdfs:label ?l }} }} }}""",
            union=False,
        )
    assert labels_a > 0 and labels > labels_a
    assert missing == []


# ------------------------------------------------------------------ item 3: no writes in a store
@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    corpus = jsonl(tmp_path / "c.jsonl", [("a1", GOOD)])
    assert kg("build", corpus, "--store", tmp_path / "store", "--out", tmp_path / "o", "--no-view").exit_code == 0
    return tmp_path / "store"


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--format", "turtle", "-o", "{store}/CURRENT"),
        ("export", "--format", "nquads", "-o", "{store}/backup/all.nq"),
        ("export", "--format", "neo4j", "-o", "{store}"),
        ("view", "-o", "{store}/graph.html"),
        ("build", "{corpus}", "--out", "{store}"),
        ("build", "{corpus}", "--out", "{store}/out"),
    ],
    ids=["export-CURRENT", "export-subfolder", "neo4j-into-store", "view", "build-out-is-store", "build-out-inside"],
)
def test_no_command_writes_inside_the_store_folder(small_store: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    corpus = jsonl(tmp_path / "c2.jsonl", [("a2", GOOD2)])
    files = {p.name: p.read_bytes() for p in small_store.iterdir() if p.is_file() and p.name not in ("LOG", "LOCK")}
    argv = [a.format(store=small_store, corpus=corpus) for a in args]
    result = kg(*argv, "--store", small_store)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("kg: error: refusing to write") and "inside the store" in line
    after = {p.name: p.read_bytes() for p in small_store.iterdir() if p.is_file() and p.name not in ("LOG", "LOCK")}
    assert {k: v for k, v in after.items() if not k.startswith("LOG")} == {
        k: v for k, v in files.items() if not k.startswith("LOG")
    }
    assert stored_ids(small_store) == {str(graph_iri("a1")): ["a1"]}


def test_export_refuses_a_path_inside_any_store_not_only_the_one_given(small_store: Path, tmp_path: Path) -> None:
    corpus = jsonl(tmp_path / "c3.jsonl", [("b1", OTHER)])
    assert kg("build", corpus, "--store", tmp_path / "other", "--out", tmp_path / "o3", "--no-view").exit_code == 0
    result = kg("export", "--format", "turtle", "-o", tmp_path / "other" / "CURRENT", "--store", small_store)
    assert result.exit_code == 2 and "inside the store" in result.stderr
    assert stored_ids(tmp_path / "other") == {str(graph_iri("b1")): ["b1"]}
