"""The Oxigraph store: atomic per-article graphs, hashes, stats, union queries, reopening.

The hand-built two-article dataset (to GRAPH_SPEC) lives in ``two_articles.py``, shared by the
store, export, network and server tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from kg.graph.rdf import ENTITY_GRAPH, split_entity_descriptions
from rdflib import Literal, URIRef
from rdflib import namespace as ns

from kg.errors import InputError, QueryError, StoreError
from kg.graph.store import QueryResult, Store, default_store_path
from kg.graph.vocab import KG, RES, WD


from two_articles import (
    ALGERIA,
    ART_A,
    ART_B,
    HASH_A,
    HASH_B,
    LIBYA,
    SIALA,
    _article,
    _entity,
    _event,
    fill,
    graph_a,
    graph_b,
    ntriples,
    two_articles,
    ds,
    store,
)  # noqa: F401  (fixtures too)


# ---------------------------------------------------------------- tests
def test_put_graph_stores_one_named_graph_per_article(store: Store) -> None:
    assert store.graphs() == sorted([str(ART_A), str(ART_B)])


def test_put_graph_twice_leaves_the_same_quads(store: Store, ds: rdflib.Dataset) -> None:
    before = len(store)
    store.put_graph(str(ART_A), ds.graph(ART_A), HASH_A)
    assert len(store) == before
    assert store.graphs() == sorted([str(ART_A), str(ART_B)])


def test_put_graph_replaces_the_old_content_of_that_graph_only(store: Store) -> None:
    smaller = rdflib.Graph()
    smaller.add((ART_A, ns.RDF.type, KG.Article))
    store.put_graph(str(ART_A), ntriples(smaller), "c" * 64)
    rows = store.select(f"SELECT ?p ?o WHERE {{ GRAPH <{ART_A}> {{ ?s ?p ?o }} }}")
    assert sorted(r["o"] for r in rows) == sorted([str(KG.Article), "c" * 64])
    assert store.has_hash(HASH_B) and not store.has_hash(HASH_A)


def test_put_graph_that_fails_to_parse_keeps_the_previous_graph(store: Store) -> None:
    before = len(store)
    with pytest.raises(InputError):
        store.put_graph(str(ART_A), "<not n-triples", "d" * 64)
    assert len(store) == before and store.has_hash(HASH_A)


class _RecordingOxigraph:
    """Delegates to a pyoxigraph store and records the SPARQL updates sent to it."""

    def __init__(self, inner) -> None:
        self.inner, self.updates = inner, []

    def update(self, text: str, **kwargs) -> None:
        self.updates.append(text)
        self.inner.update(text, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


def _changed_b(ds: rdflib.Dataset) -> rdflib.Graph:
    """Article B's graph with its date changed and one triple more: a new version of it."""
    g = rdflib.Graph()
    for t in ds.graph(ART_B):
        g.add(t)
    g.remove((ART_B, KG.publishedOn, None))
    g.remove((ART_B, KG.contentHash, None))
    g.add((ART_B, KG.publishedOn, Literal("2018-06-02", datatype=ns.XSD.date)))
    g.add((ART_B, ns.RDFS.comment, Literal("corrected")))
    return g


def test_put_graph_replaces_in_a_single_update_request(store: Store, ds: rdflib.Dataset) -> None:
    recorder = _RecordingOxigraph(store._ox)
    store._ox = recorder
    store.put_graph(str(ART_B), _changed_b(ds), "9" * 64)
    assert len(recorder.updates) == 1
    assert recorder.updates[0].startswith(f"DELETE DATA {{ GRAPH <{ART_B}>")
    assert "INSERT DATA" in recorder.updates[0]


def test_replacing_an_article_rewrites_only_the_triples_that_changed(store: Store, ds: rdflib.Dataset) -> None:
    recorder = _RecordingOxigraph(store._ox)
    store._ox = recorder
    store.put_graph(str(ART_B), _changed_b(ds), "9" * 64)
    update = recorder.updates[0]
    assert "2018-06-02" in update and "corrected" in update and "9" * 64 in update
    assert str(KG.ploverType) not in update  # the events did not change: not rewritten
    got = {(str(p), str(o)) for _, p, o in ntriples_graph(store, ART_B)}
    assert (str(KG.publishedOn), "2018-06-02") in got and (str(ns.RDFS.comment), "corrected") in got
    assert (str(KG.contentHash), HASH_B) not in got and (str(KG.contentHash), "9" * 64) in got
    assert store.has_hash(HASH_A)  # the other article untouched


def test_put_graph_of_an_unchanged_article_writes_nothing(store: Store, ds: rdflib.Dataset) -> None:
    recorder = _RecordingOxigraph(store._ox)
    store._ox = recorder
    store.put_graph(str(ART_B), ds.graph(ART_B), HASH_B)
    assert recorder.updates == []


def ntriples_graph(store: Store, iri: URIRef) -> rdflib.Graph:
    return rdflib.Graph().parse(data=store.graph_ntriples(str(iri)).decode("utf-8"), format="nt")


def test_oxigraph_rolls_back_a_failing_update_request_whole(store: Store) -> None:
    """The guarantee put_graph relies on: a request's DROP is undone if a later part fails."""
    before = len(store)
    with pytest.raises(OSError):
        store.oxigraph.update(f"DROP GRAPH <{ART_A}> ; LOAD <file:///nonexistent/kg-test.nt>")
    assert len(store) == before and store.has_hash(HASH_A)


def test_put_graph_adds_the_content_hash_when_the_data_lacks_it(tmp_path: Path) -> None:
    g = rdflib.Graph()
    g.add((ART_A, ns.RDF.type, KG.Article))
    with Store.open(tmp_path / "s") as store:
        store.put_graph(str(ART_A), g, "e" * 64)
        assert store.has_hash("e" * 64)
        assert store.hashes() == {"e" * 64}


def test_put_graph_rejects_an_invalid_graph_iri(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as store, pytest.raises(InputError, match="graph IRI"):
        store.put_graph("not an iri", "", "f" * 64)


def test_has_hash_is_false_for_an_unknown_article(store: Store) -> None:
    assert store.has_hash(HASH_A) and store.has_hash(HASH_B)
    assert not store.has_hash("0" * 64)


def test_stats_count_articles_entities_and_events(store: Store) -> None:
    stats = store.stats()
    assert stats["articles"] == 2 and stats["graphs"] == 2
    assert stats["entities_by_type"] == {"Country": 2, "Person": 1}
    assert stats["events_by_type"] == {"ACCUSE": 2, "AGREE": 1, "REQUEST": 1}
    assert stats["events"] == 4


def test_stats_count_a_shared_entity_triple_once(store: Store, ds: rdflib.Dataset) -> None:
    graphs = (ds.graph(ART_A), ds.graph(ART_B), ds.graph(ENTITY_GRAPH))
    union = {t for g in graphs for t in g}
    stats = store.stats()
    assert stats["triples"] == len(union)
    assert stats["quads"] == sum(len(g) for g in graphs)


def test_an_entity_shared_by_two_articles_is_described_once(store: Store) -> None:
    rows = store.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{ALGERIA}> rdfs:label ?l }} }}", union=False)
    assert {r["g"] for r in rows} == {str(ENTITY_GRAPH)}


def test_entity_descriptions_sent_inside_an_article_graph_move_to_the_shared_graph(tmp_path: Path) -> None:
    ds = rdflib.Dataset()
    graph_a(ds)  # the old layout: labels and types inside the article's graph
    with Store.open(tmp_path / "s") as store:
        store.put_graph(str(ART_A), ds.graph(ART_A), HASH_A)
        rows = store.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{ALGERIA}> a ?t }} }}", union=False)
    assert {r["g"] for r in rows} == {str(ENTITY_GRAPH)}


def test_query_default_graph_is_the_union_of_articles(store: Store) -> None:
    rows = store.select("SELECT DISTINCT ?a WHERE { ?a a kg:Article } ORDER BY ?a")
    assert [r["a"] for r in rows] == sorted([str(ART_A), str(ART_B)])


def test_query_sees_the_shared_entity_as_one_node(store: Store) -> None:
    rows = store.select("""SELECT (COUNT(DISTINCT ?ev) AS ?n) WHERE {
        { ?ev kg:actor res:entity\\/Q262 } UNION { ?ev kg:recipient res:entity\\/Q262 } }""")
    assert rows[0]["n"] == "3"


def test_query_limit_truncates_and_says_so(store: Store) -> None:
    result = store.query("SELECT ?s WHERE { ?s ?p ?o }", limit=2)
    assert len(result.rows) == 2 and result.truncated


def test_query_ask_and_construct(store: Store) -> None:
    assert store.query('ASK { ?e kg:ploverType "AGREE" }').boolean is True
    built = store.query(f"CONSTRUCT {{ ?a kg:docId ?d }} WHERE {{ ?a kg:docId ?d }}")
    assert built.kind == "construct" and len(built.triples) == 2


def test_query_result_renders_csv_and_json(store: Store) -> None:
    result = store.query("SELECT ?d WHERE { ?a kg:docId ?d } ORDER BY ?d")
    assert result.to_csv().splitlines() == ["d", "algeria-statement-2018", "libya-visit-2018"]
    assert '"libya-visit-2018"' in result.to_json()
    assert isinstance(result, QueryResult)


def test_query_syntax_error_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query("SELEC ?x WHERE { ?x ?y ?z }")


def test_query_that_runs_too_long_is_stopped(tmp_path: Path) -> None:
    # a join of 1000 x 1000 rows takes about a second; the abandoned query ends soon after
    with Store.open(tmp_path / "big") as store:
        lines = "".join(f'<http://x/{i}> <http://x/p> "{i}" .\n' for i in range(1000))
        store.put_graph("http://x/g", lines, "1" * 64)
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y FILTER(STR(?x) < STR(?y)) }"
        with pytest.raises(QueryError, match="longer than"):
            store.query(slow, timeout_s=0.05)


def test_reopen_after_close_keeps_the_data(tmp_path: Path, ds: rdflib.Dataset) -> None:
    path = tmp_path / "store"
    with Store.open(path) as store:
        fill(store, ds)
        before = len(store)
        store.query("SELECT * WHERE { ?s ?p ?o }")
    with Store.open(path) as again:
        assert len(again) == before and again.has_hash(HASH_B)
    with Store.open(path, read_only=True) as readonly:
        assert len(readonly) == before


def test_read_only_store_refuses_writes(tmp_path: Path, ds: rdflib.Dataset) -> None:
    path = tmp_path / "store"
    with Store.open(path) as store:
        fill(store, ds)
    with Store.open(path, read_only=True) as readonly, pytest.raises(StoreError, match="read-only"):
        readonly.put_graph(str(ART_A), ds.graph(ART_A), HASH_A)


def test_open_a_locked_store_says_it_is_in_use(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store"), pytest.raises(StoreError, match="in use"):
        Store.open(tmp_path / "store")


def test_open_read_only_a_missing_store_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        Store.open(tmp_path / "nowhere", read_only=True)


def test_open_a_corrupt_store_says_it_is_corrupt(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "CURRENT").write_text("garbage\n")
    with pytest.raises(StoreError, match="corrupt"):
        Store.open(bad)


def test_open_a_file_instead_of_a_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        Store.open(tmp_path / "file")


def test_closed_store_refuses_use(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.graphs()


def test_default_store_path_follows_kg_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KG_STORE", str(tmp_path / "elsewhere"))
    assert default_store_path() == tmp_path / "elsewhere"
    monkeypatch.delenv("KG_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "kg" / "store"


def test_put_graphs_writes_new_articles_and_replaces_stored_ones(tmp_path: Path, ds: rdflib.Dataset) -> None:
    with Store.open(tmp_path / "s") as store:
        smaller = rdflib.Graph()
        smaller.add((ART_A, ns.RDF.type, KG.Article))
        store.put_graph(str(ART_A), ntriples(smaller), "c" * 64)  # an older version of A
        store.put_graphs([(str(ART_A), ds, HASH_A), (str(ART_B), ds, HASH_B)])
        assert store.graphs() == sorted([str(ART_A), str(ART_B)])
        assert store.has_hash(HASH_A) and store.has_hash(HASH_B) and not store.has_hash("c" * 64)
        before = len(store)
        store.put_graphs([(str(ART_A), ds, HASH_A), (str(ART_B), ds, HASH_B)])
        assert len(store) == before  # building again changes nothing
    with Store.open(tmp_path / "t") as one_by_one:
        fill(one_by_one, ds)
        assert len(one_by_one) == before  # the same quads as article-by-article writes


def test_a_replacement_whose_literal_escapes_a_quote_cannot_break_out_of_the_update(store: Store) -> None:
    """SPARQL reads \\u escapes before its syntax: statements are never pasted into an update."""
    hostile = "\\u0022 } } ; DROP ALL ; INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/b> <http://x/c> } } #"
    data = f'<{ART_B}> <{ns.RDFS.comment}> "{hostile}" .\n'
    store.put_graph(str(ART_B), data, "7" * 64)
    assert store.graphs() == sorted([str(ART_A), str(ART_B)]) and store.has_hash(HASH_A)
    (comment,) = [o for _, p, o in ntriples_graph(store, ART_B) if p == ns.RDFS.comment]
    assert str(comment).startswith('" } } ; DROP ALL')


def test_new_articles_in_one_call_are_written_through_the_bulk_loader(tmp_path: Path, monkeypatch) -> None:
    import kg.graph.store as store_module

    monkeypatch.setattr(store_module, "BULK_MIN_QUADS", 10)
    with Store.open(tmp_path / "s") as store:
        calls = []
        real = store._ox

        class Spy:
            def bulk_load(self, data, fmt):
                calls.append(data.count(b"\n"))
                real.bulk_load(data, fmt)

            def __getattr__(self, name):
                return getattr(real, name)

        store._ox = Spy()
        articles = [
            (
                f"https://w3id.org/kg-arabic/resource/article/a{i}",
                f'<http://x/s{i}> <http://x/p> "{i}" .\n' * 3,
                f"{i:064d}",
            )
            for i in range(20)
        ]
        store.put_graphs(articles)
        assert calls == [20 * 4]  # one atomic call: each article's statements and hash
        assert len(store.graphs()) == 20 and store.has_hash(f"{7:064d}")
        assert len(real) == 20 * 2  # a statement given three times is stored once


def test_unfinished_bulk_files_are_removed_when_the_store_opens(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as store:
        store.put_graph(str(ART_A), "", HASH_A)
    left = tmp_path / "s" / "bulk-123456789012345678901234567890.sst"
    left.write_bytes(b"cut short")
    kept = tmp_path / "s" / "notes-bulk-1.sst"
    kept.write_bytes(b"not ours")
    with Store.open(tmp_path / "s") as store:
        assert store.has_hash(HASH_A)
    assert not left.exists() and kept.exists()


def _record_bulk_loads(store: Store) -> list[bytes]:
    """The data of every bulk-loader call the store makes from now on."""
    calls: list[bytes] = []
    real = store._ox

    class Spy:
        def bulk_load(self, data, fmt):
            calls.append(data)
            real.bulk_load(data, fmt)

        def __contains__(self, quad):
            return quad in real

        def __getattr__(self, name):
            return getattr(real, name)

    store._ox = Spy()
    return calls


def _dump(store: Store) -> list[bytes]:
    import pyoxigraph as ox

    return sorted(store.oxigraph.dump(format=ox.RdfFormat.N_QUADS).splitlines())


def _described_articles(count: int, first: int = 0) -> list[tuple[str, bytes, str]]:
    """Articles that each describe the same entity inside their graph (as kg build sends them)."""
    entity = f"<{RES}entity/person/p1>"
    out = []
    for i in range(first, first + count):
        iri = f"{RES}article/d{i}"
        text = f'<{iri}> <{KG.docId}> "d{i}" .\n{entity} <{ns.RDF.type}> <{KG.Person}> .\n'
        text += f'{entity} <{ns.RDFS.label}> "شخص"@ar .\n{entity} <{KG.mentionedIn}> <{iri}> .\n'
        out.append((iri, text.encode(), f"{i:064d}"))
    return out


def test_put_nquads_of_new_articles_stores_what_put_graphs_stores_in_one_bulk_load(tmp_path: Path, monkeypatch) -> None:
    import kg.graph.store as store_module

    monkeypatch.setattr(store_module, "BULK_MIN_QUADS", 10)
    articles = _described_articles(10)
    with Store.open(tmp_path / "graphs") as by_graphs:
        by_graphs.put_graphs(articles)
        expected = _dump(by_graphs)
    partition = b"".join(
        line[: -len(b" .")] + f" <{iri}> .\n".encode() for iri, text, _ in articles for line in text.splitlines()
    )
    with Store.open(tmp_path / "nquads") as store:
        calls = _record_bulk_loads(store)
        store.put_nquads(partition, [(iri, h) for iri, _, h in articles])
        assert len(calls) == 1 and len(_dump(store)) == len(expected)
        assert _dump(store) == expected  # descriptions in the shared graph, content hashes added


def test_an_entity_description_is_handed_to_the_bulk_loader_once_per_store(tmp_path: Path, monkeypatch) -> None:
    import kg.graph.store as store_module

    monkeypatch.setattr(store_module, "BULK_MIN_QUADS", 10)
    label = f'<{RES}entity/person/p1> <{ns.RDFS.label}> "شخص"@ar <{ENTITY_GRAPH}> .'.encode()
    with Store.open(tmp_path / "s") as store:
        calls = _record_bulk_loads(store)
        store.put_graphs(_described_articles(5))
        store.put_graphs(_described_articles(5, first=5))
        assert [call.count(label) for call in calls] == [1, 0]
        store.drop_graph(str(ENTITY_GRAPH))  # gone: it must be written again
        store.put_graphs(_described_articles(5, first=10))
        assert [call.count(label) for call in calls] == [1, 0, 1]
        assert label in _dump(store)


@pytest.mark.parametrize(
    "spelling",
    [
        pytest.param(lambda text: text.replace(b" .\n", b" . # a comment\n"), id="comments"),
        pytest.param(lambda text: text.replace(b"> <", b">  <"), id="double-spaces"),
        pytest.param(lambda text: text.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda text: b"\n\n" + text.replace(b"\n", b"\n\n"), id="blank-lines"),
        pytest.param(lambda text: text.replace(b" .\n", b".\n"), id="no-space-before-the-dot"),
    ],
)
def test_ntriples_written_otherwise_are_stored_as_a_serializer_writes_them(tmp_path: Path, spelling) -> None:
    articles = _described_articles(3)
    with Store.open(tmp_path / "plain") as plain:
        plain.put_graphs(articles)
        expected = _dump(plain)
    with Store.open(tmp_path / "other") as other:
        other.put_graphs([(iri, spelling(text), h) for iri, text, h in articles])
        assert _dump(other) == expected
        other.put_graphs([(iri, spelling(text), h) for iri, text, h in articles])  # a replacement: nothing changes
        assert _dump(other) == expected and other.rewritten == 0


def test_a_description_an_earlier_run_stored_is_not_handed_to_the_bulk_loader_again(
    tmp_path: Path, monkeypatch
) -> None:
    import kg.graph.store as store_module

    monkeypatch.setattr(store_module, "BULK_MIN_QUADS", 10)
    label = f'<{RES}entity/person/p1> <{ns.RDFS.label}> "شخص"@ar <{ENTITY_GRAPH}> .'.encode()
    with Store.open(tmp_path / "s") as store:
        store.put_graphs(_described_articles(5))
    with Store.open(tmp_path / "s") as store:  # a new run: it remembers nothing
        calls = _record_bulk_loads(store)
        store.put_graphs(_described_articles(5, first=5))
        assert len(calls) == 1 and label not in calls[0]
        assert label in _dump(store) and len(store.graphs()) == 10


@pytest.mark.parametrize(
    "literal",
    [
        '"x\\" } } ; DROP ALL ; INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/b> <http://x/c> } } #"',
        '"tab\\tquote\\" brace } newline\\n"',
    ],
)
def test_a_replacement_pastes_no_statement_that_could_end_its_string(store: Store, literal: str) -> None:
    data = f"<{ART_B}> <{ns.RDFS.comment}> {literal} .\n"
    store.put_graph(str(ART_B), data, "7" * 64)
    assert store.graphs() == sorted([str(ART_A), str(ART_B)]) and store.has_hash(HASH_A)
    expected = rdflib.Graph().parse(data=data, format="nt")
    assert [o for _, p, o in ntriples_graph(store, ART_B) if p == ns.RDFS.comment] == list(expected.objects())


def test_a_replacement_with_a_relative_iri_names_the_article_and_keeps_the_stored_version(store: Store) -> None:
    before = len(store)
    with pytest.raises(InputError, match="algeria-statement"):
        store.put_graph(str(ART_B), f"<{ART_B}> <{ns.RDFS.seeAlso}> <relative> .\n", "7" * 64)
    assert len(store) == before and store.has_hash(HASH_B)
