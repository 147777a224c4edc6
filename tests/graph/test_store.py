"""The Oxigraph store: atomic per-article graphs, hashes, stats, union queries, reopening.

This module also holds the hand-built two-article dataset (to GRAPH_SPEC) that the export,
network and server tests load by path (``_fixture_module()`` there).
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

# ---------------------------------------------------------------- the two-article fixture
ART_A = RES["article/libya-visit-2018"]
ART_B = RES["article/algeria-statement-2018"]
ALGERIA = RES["entity/Q262"]  # shared by both articles
SIALA = RES["entity/person/siala-0a1b2c3d"]
LIBYA = RES["entity/country/libya-5e6f7a8b"]
HASH_A = "a" * 64
HASH_B = "b" * 64


def _article(g: rdflib.Graph, iri: URIRef, doc_id: str, digest: str, day: str) -> None:
    g.add((iri, ns.RDF.type, KG.Article))
    g.add((iri, KG.docId, Literal(doc_id)))
    g.add((iri, KG.contentHash, Literal(digest)))
    g.add((iri, KG.publishedOn, Literal(day, datatype=ns.XSD.date)))
    g.add((iri, KG.extractorVersion, Literal("0.1.0")))
    g.add((iri, ns.RDFS.label, Literal(doc_id)))


def _entity(g: rdflib.Graph, iri: URIRef, cls: URIRef, ar: str, en: str, article: URIRef,
            qid: str | None = None) -> None:
    g.add((iri, ns.RDF.type, cls))
    g.add((iri, ns.RDFS.label, Literal(ar, lang="ar")))
    g.add((iri, ns.RDFS.label, Literal(en, lang="en")))
    g.add((iri, KG.mentionedIn, article))
    if qid:
        g.add((iri, ns.OWL.sameAs, WD[qid]))
        g.add((iri, KG.wikidata, Literal(qid)))


def _event(g: rdflib.Graph, article: URIRef, slug: str, eid: str, plover: str, cls: URIRef,
           quad: str, actors: list[URIRef], recipients: list[URIRef], modality: str,
           trigger: str, sentence: str, start: int, confidence: str,
           pred_en: str, pred_ar: str, day: str | None, direct: URIRef | None) -> URIRef:
    ev = RES[f"event/{slug}/{eid}"]
    for t in (KG.Event, cls):
        g.add((ev, ns.RDF.type, t))
    g.add((ev, KG.ploverType, Literal(plover)))
    g.add((ev, KG.quadClass, Literal(quad)))
    for a in actors:
        g.add((ev, KG.actor, a))
    for r in recipients:
        g.add((ev, KG.recipient, r))
    g.add((ev, KG.modality, Literal(modality)))
    g.add((ev, KG.trigger, Literal(trigger, lang="ar")))
    g.add((ev, KG.evidence, Literal(sentence, lang="ar")))
    g.add((ev, KG.start, Literal(start)))
    g.add((ev, KG.end, Literal(start + len(trigger))))
    g.add((ev, KG.confidence, Literal(confidence, datatype=ns.XSD.decimal)))
    g.add((ev, KG.predicateLabel, Literal(pred_en, lang="en")))
    g.add((ev, KG.predicateLabel, Literal(pred_ar, lang="ar")))
    g.add((ev, KG.extractorVersion, Literal("0.1.0")))
    g.add((ev, KG.rule, Literal("verb-vso")))
    g.add((ev, ns.RDFS.label, Literal(f"{plover} event", lang="en")))
    g.add((ev, ns.PROV.wasDerivedFrom, article))
    if day:
        g.add((ev, KG.date, Literal(day, datatype=ns.XSD.date)))
    if direct is not None and modality != "negated":
        for a in actors:
            for r in recipients:
                g.add((a, direct, r))
    return ev


def graph_a(ds: rdflib.Dataset) -> rdflib.Graph:
    """Article A: Siala asks Algeria for support; Siala also condemns (no recipient)."""
    g = ds.graph(ART_A)
    _article(g, ART_A, "libya-visit-2018", HASH_A, "2018-05-14")
    _entity(g, SIALA, KG.Person, "محمد سيالة", "Mohamed Siala", ART_A)
    _entity(g, ALGERIA, KG.Country, "الجزائر", "Algeria", ART_A, qid="Q262")
    g.add((SIALA, KG.holdsPosition, Literal("Minister of Foreign Affairs", lang="en")))
    _event(g, ART_A, "libya-visit-2018", "e1", "REQUEST", KG.Request, "verbal-cooperation",
           [SIALA], [ALGERIA], "asserted", "طالب", "طالب سيالة الجزائر بدعم الحوار", 0, "0.85",
           "requests support from", "طالب بدعم", "2018-05-14", KG.requestsFrom)
    _event(g, ART_A, "libya-visit-2018", "e2", "ACCUSE", KG.Accuse, "verbal-conflict",
           [SIALA], [], "asserted", "أدان", "أدان سيالة الهجوم", 40, "0.7",
           "condemns", "أدان", None, KG.accuses)
    return g


def graph_b(ds: rdflib.Dataset) -> rdflib.Graph:
    """Article B: Algeria will agree with Libya; Algeria does not accuse Libya (negated)."""
    g = ds.graph(ART_B)
    _article(g, ART_B, "algeria-statement-2018", HASH_B, "2018-06-01")
    _entity(g, ALGERIA, KG.Country, "الجزائر", "Algeria", ART_B, qid="Q262")
    _entity(g, LIBYA, KG.Country, "ليبيا", "Libya", ART_B)
    _event(g, ART_B, "algeria-statement-2018", "e1", "AGREE", KG.Agree, "verbal-cooperation",
           [ALGERIA], [LIBYA], "future", "ستوقع", "ستوقع الجزائر اتفاقا مع ليبيا", 3, "0.9",
           "will sign an agreement with", "ستوقع اتفاقا مع", "2018-06-01", KG.agreesWith)
    _event(g, ART_B, "algeria-statement-2018", "e2", "ACCUSE", KG.Accuse, "verbal-conflict",
           [ALGERIA], [LIBYA], "negated", "تتهم", "لم تتهم الجزائر ليبيا بشيء", 60, "0.6",
           "accuses", "اتهم", None, KG.accuses)
    return g


def two_articles() -> rdflib.Dataset:
    """The two articles' named graphs (Algeria is in both) in the store's layout: each entity's
    description once, in the shared entity graph."""
    ds = rdflib.Dataset()
    graph_a(ds)
    graph_b(ds)
    return split_entity_descriptions(ds)


def ntriples(g: rdflib.Graph) -> str:
    return g.serialize(format="nt")


def fill(store: Store, ds: rdflib.Dataset) -> Store:
    store.put_graph(str(ART_A), ds, HASH_A)  # the article's graph and the shared entity graph
    store.put_graph(str(ART_B), ds, HASH_B)
    return store


@pytest.fixture
def ds() -> rdflib.Dataset:
    return two_articles()


@pytest.fixture
def store(tmp_path: Path, ds: rdflib.Dataset):
    with Store.open(tmp_path / "store") as opened:
        yield fill(opened, ds)


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


def test_put_graph_replaces_in_a_single_update_request(store: Store,
                                                       ds: rdflib.Dataset) -> None:
    recorder = _RecordingOxigraph(store._ox)
    store._ox = recorder
    store.put_graph(str(ART_B), ds.graph(ART_B), HASH_B)
    assert len(recorder.updates) == 1
    assert recorder.updates[0].startswith(f"DROP SILENT GRAPH <{ART_B}>")
    assert "INSERT DATA" in recorder.updates[0]


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
    assert store.query("ASK { ?e kg:ploverType \"AGREE\" }").boolean is True
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
        lines = "".join(f"<http://x/{i}> <http://x/p> \"{i}\" .\n" for i in range(1000))
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


def test_default_store_path_follows_kg_store(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.setenv("KG_STORE", str(tmp_path / "elsewhere"))
    assert default_store_path() == tmp_path / "elsewhere"
    monkeypatch.delenv("KG_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "kg" / "store"
