"""Each bundled query (ontology/queries/*.rq) on a store of five hand-built articles: one row per
answer, checked against the articles' events (queries_corpus.py), on Oxigraph and on rdflib.

On a one-article store an OPTIONAL label of an unbound variable looks right; on several
articles it joins every labelled resource (all-visits gave 4,958 rows for 16 visits). These
tests compare the whole answer, row count included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

import queries_corpus as C
from kg.graph.network import select
from kg.graph.rdf import content_hash, document_dataset, graph_iri
from kg.graph.store import Store
from kg.graph.vocab import PREFIXES

QUERIES = Path(__file__).resolve().parents[2] / "kg" / "ontology" / "queries"


def query(name: str) -> str:
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def dataset() -> rdflib.Dataset:
    ds = rdflib.Dataset(default_union=True)
    for doc in C.documents():
        document_dataset(doc, ds)
    return ds


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    with Store.open(tmp_path_factory.mktemp("queries") / "store") as opened:
        for doc in C.documents():
            opened.put_graph(str(graph_iri(doc.doc_id)), document_dataset(doc), content_hash(doc))
        yield opened


def rows_of(source, name: str, text: str | None = None) -> list[dict[str, str | None]]:
    text = text or query(name)
    if isinstance(source, Store):
        return source.select(text)
    result = source.query(text, initNs=PREFIXES)
    names = [str(v) for v in result.vars]
    return [{n: (None if row[n] is None else str(row[n])) for n in names} for row in result]


@pytest.fixture(params=["oxigraph", "rdflib"])
def source(request, store, dataset):
    return store if request.param == "oxigraph" else dataset


def test_every_bundled_query_has_a_test_here() -> None:
    tested = set(re.findall(r'query\("([a-z-]+)"\)|rows_of\(source, "([a-z-]+)"', Path(__file__).read_text()))
    names = {a or b for a, b in tested}
    assert {p.stem for p in QUERIES.glob("*.rq")} <= names


def test_all_visits_gives_one_row_per_visitor_and_host(source) -> None:
    rows = rows_of(source, "all-visits")
    expected = C.expected_visits()
    assert len(rows) == len(expected), rows
    assert {(r["event"], r["visitor"], r["host"]) for r in rows} == expected
    for r in rows:
        visitor = next(e for e in C.ENTITIES if C.iri(e) == r["visitor"])
        assert (r["visitorEn"], r["visitorAr"]) == (C.ENTITIES[visitor].label_en, C.arabic(visitor))
        assert (r["host"] is None) == (r["hostEn"] is None)
        assert (r["place"] is None) == (r["placeEn"] is None)
    undated_host = next(r for r in rows if r["host"] is None)
    assert undated_host["when"] == "2018-06-02" and undated_host["placeEn"] == "Tripoli"
    hosted = next(r for r in rows if r["mode"] == "host")
    assert (hosted["visitorEn"], hosted["hostEn"]) == ("Abdelkader Messahel", "Tunisia")


def test_all_visits_keeps_the_modality_of_a_visit_that_did_not_happen(source) -> None:
    rows = rows_of(source, "all-visits")
    negated = [r for r in rows if r["modality"] == "negated"]
    assert [(r["visitorEn"], r["hostEn"]) for r in negated] == [("Ahmed Ouyahia", "Libya")]


def test_who_asked_whom_gives_one_row_per_requester_and_requested(source) -> None:
    rows = rows_of(source, "who-asked-whom")
    expected = C.expected_requests()
    assert len(rows) == len(expected)
    assert {(r["event"], r["requester"], r["requested"]) for r in rows} == expected
    no_recipient = [r for r in rows if r["requested"] is None]
    assert len(no_recipient) == 1 and no_recipient[0]["requestedEn"] is None
    two = sorted(r["requestedEn"] for r in rows if r["requesterEn"] == "Libya")
    assert two == ["Algeria", "Morocco"]


def test_actor_timeline_lists_each_event_role_and_other_party_once(source) -> None:
    rows = rows_of(source, "actor-timeline")
    expected = C.expected_timeline("algeria")
    assert len(rows) == len(expected)
    assert {(r["event"], r["role"], r["other"]) for r in rows} == expected
    assert all(r["actorAr"] == "الجزائر" for r in rows)
    assert [r["when"] for r in rows] == sorted(r["when"] for r in rows)
    alone = [r for r in rows if r["other"] is None]
    assert len(alone) == 1 and alone[0]["otherEn"] is None and alone[0]["ploverType"] == "ACCUSE"


def test_between_countries_gives_one_row_per_event_and_pair(source) -> None:
    rows = rows_of(source, "between-countries")
    expected = C.expected_between_countries()
    assert len(rows) == len(expected)
    assert {(r["event"], r["from"], r["to"]) for r in rows} == expected


def test_between_countries_keeps_one_pair_when_its_values_line_is_used(source) -> None:
    text = query("between-countries").replace(
        '# VALUES (?pairA ?pairB) { ("Algeria"@en "Libya"@en) }',
        'VALUES (?pairA ?pairB) { ("Algeria"@en "Morocco"@en) }',
    )
    rows = rows_of(source, "between-countries", text)
    pairs = {(r["fromEn"], r["toEn"]) for r in rows}
    assert pairs == {("Algeria", "Morocco"), ("Morocco", "Algeria")}
    assert len(rows) == len(
        {e for e in C.expected_between_countries() if {e[1], e[2]} == {C.iri("algeria"), C.iri("morocco")}}
    )


def test_actor_network_counts_non_negated_events_per_edge(source) -> None:
    rows = rows_of(source, "actor-network")
    expected = C.expected_network()
    plover = {
        v: k.upper()
        for k, v in (
            ("agree", "agreesWith"),
            ("consult", "consults"),
            ("support", "supports"),
            ("request", "requestsFrom"),
            ("accuse", "accuses"),
            ("reject", "rejects"),
        )
    }
    got = {
        (r["source"], r["target"], plover[r["property"].rsplit("#", 1)[1]]): (int(r["events"]), r["first"], r["last"])
        for r in rows
    }
    assert len(rows) == len(expected)
    assert got == expected
    siala = next(r for r in rows if r["sourceEn"] == "Mohamed Siala" and r["targetEn"] == "Algeria")
    assert (siala["events"], siala["first"], siala["last"]) == ("2", "2018-03-01", "2018-07-14")
    assert siala["sourceAr"] == "محمد سيالة" and siala["targetAr"] == "الجزائر"


def test_actor_network_matches_the_direct_edges_of_the_graph(source) -> None:
    """The query counts events; the graph writes one direct edge per non-negated event with an
    actor and a recipient: the two must agree."""
    direct = rows_of(
        source,
        "direct",
        "SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { kg:agreesWith kg:consults kg:supports kg:requestsFrom "
        "kg:accuses kg:rejects } ?s ?p ?o }",
    )
    rows = rows_of(source, "actor-network")
    assert {(r["source"], r["property"], r["target"]) for r in rows} == {(r["s"], r["p"], r["o"]) for r in direct}


def test_events_by_type_counts_each_type_and_modality(source) -> None:
    rows = rows_of(source, "events-by-type")
    expected = C.expected_types()
    assert len(rows) == len(expected)
    got = {
        r["ploverType"]: {k: int(r[k]) for k in ("events", "asserted", "negated", "future", "hypothetical")}
        for r in rows
    }
    assert got == expected


def test_evidence_for_triple_gives_each_event_behind_the_edge_once(source) -> None:
    rows = rows_of(source, "evidence-for-triple")
    expected = {
        node
        for _, ev, node, _ in C.events()
        if ev.type == "REQUEST" and ev.source == ("siala",) and "algeria" in ev.target
    }
    assert len(rows) == len(expected) == 2
    assert {r["event"] for r in rows} == expected
    by_doc = {d.doc_id: d for d in C.documents()}
    for r in rows:
        text = by_doc[r["docId"]].text
        assert text[int(r["start"]) : int(r["end"])] == r["trigger"] == "طالب"
        assert r["evidence"] in text


def test_officials_and_roles_gives_one_row_per_person(source) -> None:
    rows = rows_of(source, "officials-and-roles")
    expected = C.expected_officials()
    assert len(rows) == len(expected)
    assert {r["person"]: int(r["events"]) for r in rows} == expected
    ouyahia = next(r for r in rows if r["personEn"] == "Ahmed Ouyahia")
    assert ouyahia["personAr"] == C.arabic("ouyahia")
    assert ouyahia["citizenOf"] == "Algeria" and ouyahia["positions"] == "Prime Minister"


def test_visits_by_nationals_finds_visits_to_the_host_since_the_date(source) -> None:
    rows = rows_of(source, "visits-by-nationals")
    expected = C.expected_visits_by_nationals("libya", "algeria", "2016-01-01")
    assert len(rows) == len(expected) and expected
    assert {(r["event"], r["visitor"]) for r in rows} == expected
    assert {r["visitorEn"] for r in rows} == {"Abdelkader Messahel", "Ahmed Ouyahia"}


def test_queries_answer_alike_on_oxigraph_and_rdflib(store, dataset) -> None:
    for path in sorted(QUERIES.glob("*.rq")):
        a = rows_of(store, path.stem)
        b = rows_of(dataset, path.stem)
        key = lambda rows: sorted(tuple(sorted((k, v or "") for k, v in r.items())) for r in rows)  # noqa: E731
        assert key(a) == key(b), path.name


def test_network_select_reads_both_sources(store, dataset) -> None:
    sparql = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Event }"
    n = str(sum(len(doc.events) for doc in C.documents()))
    assert select(store, sparql)[0]["n"] == n
    assert select(dataset, "PREFIX kg: <" + PREFIXES["kg"] + ">\n" + sparql)[0]["n"] == n
