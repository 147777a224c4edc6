"""The packaged ontology, SHACL shapes, example queries and JSON-LD context.

A tiny dataset is built by hand to GRAPH_SPEC (one article graph: Libya, Algeria, the Libyan
foreign minister, one REQUEST with its direct edge, one CONSULT visit); the queries must find the
expected rows in it and the shapes must accept it and reject broken variants.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest
from rdflib.collection import Collection
from rdflib import OWL, RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.plugins.sparql import prepareQuery

from kg.errors import InputError
from kg.graph.validate import ontology_graph, shapes_graph, validate
from kg.graph.vocab import EVENT_CLASS, KG, QUAD_CLASS, RES, WD

ONTOLOGY = files("kg") / "ontology"
QUERY_FILES = sorted(Path(str(ONTOLOGY / "queries")).glob("*.rq"))
KG_TERMS = [KG[name] for name in KG.__annotations__]
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")  # rdflib's XSD trips pytest's collector

ARTICLE = RES["article/test-libya-algeria"]
LIBYA = RES["entity/country/libya-0a1b2c3d"]
ALGERIA = RES["entity/Q262"]
SIALA = RES["entity/person/mohamed-taha-siala-4e5f6a7b"]
REQUEST = RES["event/test-libya-algeria/e1"]
VISIT = RES["event/test-libya-algeria/e2"]
SENTENCE_1 = "طالب وزير الخارجية الليبي محمد الطاهر سيالة الجزائر بدعم الحوار."
SENTENCE_2 = "وزار سيالة الجزائر يوم الاثنين."


def _add_entity(graph: Graph, node: URIRef, cls: URIRef, ar: str, en: str) -> None:
    graph.add((node, RDF.type, cls))
    graph.add((node, RDFS.label, Literal(ar, lang="ar")))
    graph.add((node, RDFS.label, Literal(en, lang="en")))
    graph.add((node, KG.mentionedIn, ARTICLE))


def _add_event(
    graph: Graph,
    event: URIRef,
    plover: str,
    *,
    actor: URIRef,
    recipient: URIRef,
    trigger: str,
    sentence: str,
    start: int,
    modality: str = "asserted",
) -> None:
    """An event as GRAPH_SPEC writes it, with its direct edge unless negated."""
    cls, direct = EVENT_CLASS[plover]
    graph.add((event, RDF.type, KG.Event))
    graph.add((event, RDF.type, cls))
    graph.add((event, KG.ploverType, Literal(plover)))
    graph.add((event, KG.quadClass, Literal(QUAD_CLASS[plover])))
    graph.add((event, KG.actor, actor))
    graph.add((event, KG.recipient, recipient))
    graph.add((event, KG.modality, Literal(modality)))
    graph.add((event, KG.trigger, Literal(trigger, lang="ar")))
    graph.add((event, KG.evidence, Literal(sentence, lang="ar")))
    graph.add((event, KG.start, Literal(start)))
    graph.add((event, KG.end, Literal(start + len(trigger))))
    graph.add((event, KG.confidence, Literal(Decimal("0.85"))))
    graph.add((event, KG.extractorVersion, Literal("0.1.0")))
    graph.add((event, KG.rule, Literal("verb-vso")))
    graph.add((event, PROV.wasDerivedFrom, ARTICLE))
    if modality != "negated":
        graph.add((actor, direct, recipient))


def build_dataset() -> Dataset:
    """One article graph to GRAPH_SPEC; the dataset's default graph is the union of its graphs."""
    dataset = Dataset(default_union=True)
    g = dataset.graph(ARTICLE)
    g.add((ARTICLE, RDF.type, KG.Article))
    g.add((ARTICLE, KG.docId, Literal("test-libya-algeria")))
    g.add((ARTICLE, KG.contentHash, Literal("ab" * 32)))
    g.add((ARTICLE, KG.publishedOn, Literal("2018-05-15", datatype=XSD_DATE)))
    g.add((ARTICLE, KG.extractorVersion, Literal("0.1.0")))
    g.add((ARTICLE, RDFS.label, Literal("test-libya-algeria")))
    _add_entity(g, LIBYA, KG.Country, "ليبيا", "Libya")
    _add_entity(g, ALGERIA, KG.Country, "الجزائر", "Algeria")
    g.add((ALGERIA, OWL.sameAs, WD.Q262))
    g.add((ALGERIA, KG.wikidata, Literal("Q262")))
    _add_entity(g, SIALA, KG.Person, "محمد الطاهر سيالة", "Mohamed Siala")
    g.add((SIALA, KG.holdsPosition, Literal("Minister of Foreign Affairs", lang="en")))
    g.add((SIALA, KG.citizenOf, LIBYA))

    _add_event(g, REQUEST, "REQUEST", actor=SIALA, recipient=ALGERIA, trigger="طالب", sentence=SENTENCE_1, start=0)
    g.add((REQUEST, KG.date, Literal("2018-05-14", datatype=XSD_DATE)))
    g.add((REQUEST, KG.predicateLabel, Literal("requests support from", lang="en")))
    g.add((REQUEST, KG.predicateLabel, Literal("طالب بدعم", lang="ar")))
    g.add((REQUEST, RDFS.label, Literal("Siala requests support from Algeria", lang="en")))

    _add_event(g, VISIT, "CONSULT", actor=SIALA, recipient=ALGERIA, trigger="زار", sentence=SENTENCE_2, start=100)
    g.add((VISIT, KG.mode, Literal("visit")))
    g.add((VISIT, KG.cameo, Literal("042")))
    g.add((VISIT, KG.location, ALGERIA))
    g.add((VISIT, KG.date, Literal("2018-05-14", datatype=XSD_DATE)))
    return dataset


def _graph() -> Graph:
    return build_dataset().graph(ARTICLE)


def _load_query(name: str) -> str:
    return (ONTOLOGY / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def _rows(query: str, dataset: Dataset | None = None) -> list[dict[str, object]]:
    result = (dataset or build_dataset()).query(query)
    return [{str(k): v for k, v in row.asdict().items()} for row in result]


# --- ontology --------------------------------------------------------------------------------


def test_ontology_and_shapes_parse_with_rdflib():
    assert len(ontology_graph()) > 100
    assert len(shapes_graph()) > 50


def test_ontology_has_header_with_version_label_and_comment():
    g = ontology_graph()
    header = URIRef("https://w3id.org/kg-arabic/ontology")
    assert (header, RDF.type, OWL.Ontology) in g
    assert g.value(header, OWL.versionInfo) is not None
    assert {lit.language for lit in g.objects(header, RDFS.label)} >= {"en", "ar"}
    assert g.value(header, RDFS.comment) is not None


@pytest.mark.parametrize("term", KG_TERMS, ids=lambda t: t.split("#")[-1])
def test_every_vocab_term_is_declared_with_english_and_arabic_labels(term):
    g = ontology_graph()
    kinds = set(g.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    languages = [lit.language for lit in g.objects(term, RDFS.label)]
    assert languages.count("en") == 1 and languages.count("ar") == 1
    assert any(lit.language == "en" for lit in g.objects(term, RDFS.comment))


def test_ontology_declares_no_kg_term_missing_from_vocab():
    declared = {s for s in ontology_graph().subjects() if str(s).startswith(str(KG._NS))}
    assert declared - set(KG_TERMS) == set()


@pytest.mark.parametrize("plover", sorted(EVENT_CLASS))
def test_every_plover_class_is_an_event_with_its_code_and_direct_property(plover):
    g = ontology_graph()
    cls, direct = EVENT_CLASS[plover]
    assert (cls, RDFS.subClassOf, KG.Event) in g
    assert str(g.value(cls, URIRef("http://www.w3.org/2004/02/skos/core#notation"))) == plover
    assert (direct, RDFS.seeAlso, cls) in g
    union = g.value(g.value(direct, RDFS.domain), OWL.unionOf)
    assert set(Collection(g, union)) == {KG.Actor, KG.Place}  # a place may stand for its holders


def test_event_and_entity_classes_are_aligned_with_sem_schema_and_org():
    g = ontology_graph()
    sem = "http://semanticweb.cs.vu.nl/2009/11/sem/"
    assert (KG.Event, RDFS.subClassOf, URIRef(sem + "Event")) in g
    assert (KG.Event, RDFS.subClassOf, URIRef("https://schema.org/Event")) in g
    assert (KG.Organization, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in g
    assert (KG.actor, RDFS.subPropertyOf, URIRef(sem + "hasActor")) in g
    assert (KG.memberOf, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/org#memberOf")) in g


def test_direct_property_labels_read_as_edge_phrases():
    g = ontology_graph()
    labels = {lit.language: str(lit) for lit in g.objects(KG.requestsFrom, RDFS.label)}
    assert labels == {"en": "requests from", "ar": "يطلب من"}


# --- queries ---------------------------------------------------------------------------------


def test_there_are_at_least_six_queries():
    names = {path.stem for path in QUERY_FILES}
    assert {
        "who-asked-whom",
        "all-visits",
        "actor-timeline",
        "between-countries",
        "evidence-for-triple",
        "events-by-type",
    } <= names


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_starts_with_title_and_description(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# title: ") and len(lines[0]) > len("# title: ")
    assert lines[1].startswith("# description")


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_parses_and_runs_on_the_union_of_named_graphs(path):
    text = path.read_text(encoding="utf-8")
    prepareQuery(text)
    assert not re.search(r"\bGRAPH\s*[?<$]", text, re.IGNORECASE)
    result = build_dataset().query(text)
    assert result.type == "SELECT"
    list(result)


def test_who_asked_whom_finds_the_request_with_evidence():
    rows = _rows(_load_query("who-asked-whom"))
    assert len(rows) == 1
    row = rows[0]
    assert str(row["requesterEn"]) == "Mohamed Siala"
    assert str(row["requesterAr"]) == "محمد الطاهر سيالة"
    assert str(row["requestedEn"]) == "Algeria"
    assert str(row["requestedAr"]) == "الجزائر"
    assert row["evidence"] == Literal(SENTENCE_1, lang="ar")
    assert row["article"] == ARTICLE


def test_all_visits_finds_the_visit_with_visitor_host_place_and_date():
    rows = _rows(_load_query("all-visits"))
    assert len(rows) == 1
    row = rows[0]
    assert str(row["visitorEn"]) == "Mohamed Siala"
    assert str(row["hostEn"]) == "Algeria"
    assert str(row["placeAr"]) == "الجزائر"
    assert row["when"] == Literal("2018-05-14", datatype=XSD_DATE)
    assert row["evidence"] == Literal(SENTENCE_2, lang="ar")


def test_actor_timeline_lists_algerias_events_in_order():
    rows = _rows(_load_query("actor-timeline"))
    assert [str(row["ploverType"]) for row in rows].count("REQUEST") == 1
    assert {str(row["role"]) for row in rows} == {"recipient", "location"}
    whens = [row["when"].toPython() for row in rows]
    assert whens == sorted(whens)


def test_evidence_for_triple_returns_trigger_offsets_and_article():
    rows = _rows(_load_query("evidence-for-triple"))
    assert len(rows) == 1
    row = rows[0]
    assert row["event"] == REQUEST
    assert (str(row["trigger"]), row["start"].toPython(), row["end"].toPython()) == ("طالب", 0, 4)
    assert row["article"] == ARTICLE


def test_evidence_for_triple_ignores_negated_events():
    dataset = build_dataset()
    dataset.graph(ARTICLE).set((REQUEST, KG.modality, Literal("negated")))
    assert _rows(_load_query("evidence-for-triple"), dataset) == []


def test_events_by_type_counts_each_plover_type():
    counts = {str(row["ploverType"]): int(row["events"]) for row in _rows(_load_query("events-by-type"))}
    assert counts == {"REQUEST": 1, "CONSULT": 1}


def test_between_countries_finds_only_country_to_country_events():
    dataset = build_dataset()
    assert _rows(_load_query("between-countries"), dataset) == []
    event = RES["event/test-libya-algeria/e3"]
    _add_event(
        dataset.graph(ARTICLE),
        event,
        "AGREE",
        actor=LIBYA,
        recipient=ALGERIA,
        trigger="اتفقت",
        sentence="اتفقت ليبيا والجزائر على تأمين الحدود.",
        start=200,
    )
    rows = _rows(_load_query("between-countries"), dataset)
    assert [(str(r["fromEn"]), str(r["ploverType"]), str(r["toEn"])) for r in rows] == [("Libya", "AGREE", "Algeria")]


def test_visits_by_nationals_follows_citizenship_of_the_visitor():
    query = _load_query("visits-by-nationals").replace('("Libya"@en "Algeria"@en', '("Algeria"@en "Libya"@en')
    rows = _rows(query)
    assert [row["event"] for row in rows] == [VISIT]


def test_officials_and_roles_lists_position_citizenship_and_event_count():
    rows = _rows(_load_query("officials-and-roles"))
    assert [(str(r["personEn"]), str(r["positions"]), str(r["citizenOf"]), int(r["events"])) for r in rows] == [
        ("Mohamed Siala", "Minister of Foreign Affairs", "Libya", 2)
    ]


def test_actor_network_weights_each_direct_edge_by_its_events():
    rows = _rows(_load_query("actor-network"))
    edges = {(str(r["sourceEn"]), r["property"], str(r["targetEn"])): int(r["events"]) for r in rows}
    assert edges == {("Mohamed Siala", KG.requestsFrom, "Algeria"): 1, ("Mohamed Siala", KG.consults, "Algeria"): 1}


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_gives_the_same_rows_in_oxigraph_with_the_union_default_graph(path):
    """kg's default store is Oxigraph: the queries must not lean on rdflib leniencies."""
    pyoxigraph = pytest.importorskip("pyoxigraph")
    dataset = build_dataset()
    store = pyoxigraph.Store()
    store.load(dataset.serialize(format="nquads").encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    text = path.read_text(encoding="utf-8")
    in_oxigraph = store.query(text, use_default_graph_as_union=True)
    names = [v.value for v in in_oxigraph.variables]
    oxigraph_rows = sorted(tuple("" if row[n] is None else str(row[n]) for n in names) for row in in_oxigraph)
    rdflib_rows = sorted(tuple("" if row[n] is None else row[n].n3() for n in names) for row in dataset.query(text))
    assert oxigraph_rows == rdflib_rows


# --- SHACL -----------------------------------------------------------------------------------


def test_hand_built_dataset_conforms():
    conforms, report = validate(build_dataset())
    assert conforms, report


def test_single_named_graph_conforms_too():
    conforms, report = validate(_graph())
    assert conforms, report


def test_spelling_variants_and_a_place_standing_for_its_holders_conform():
    """Seen on 311 corpus and dev articles: the same entity written two ways in two articles
    (كيم جونغ أون / كيم جونغ اون), and a city as the party of an event (Tripoli refuses)."""
    dataset = build_dataset()
    g = dataset.graph(ARTICLE)
    g.add((ALGERIA, RDFS.label, Literal("جزائر", lang="ar")))
    tripoli = URIRef(str(ALGERIA).rsplit("/", 1)[0] + "/place/tripoli-1")
    g.add((tripoli, RDF.type, KG.Place))
    g.add((tripoli, RDFS.label, Literal("طرابلس", lang="ar")))
    g.add((REQUEST, KG.actor, tripoli))
    conforms, report = validate(dataset)
    assert conforms, report


def _broken(change) -> Dataset:
    dataset = build_dataset()
    change(dataset.graph(ARTICLE))
    return dataset


# name -> (how to break the hand-built dataset, the SHACL constraint component that must catch it)
BROKEN = {
    "missing actor": (lambda g: g.remove((REQUEST, KG.actor, None)), "MinCount"),
    "modality maybe": (lambda g: g.set((REQUEST, KG.modality, Literal("maybe"))), "Pattern"),
    "confidence 1.5": (lambda g: g.set((REQUEST, KG.confidence, Literal(Decimal("1.5")))), "MaxInclusive"),
    "confidence as double": (lambda g: g.set((REQUEST, KG.confidence, Literal(0.85))), "Datatype"),
    "label without language": (lambda g: g.add((ALGERIA, RDFS.label, Literal("Algérie"))), "Datatype"),
    "no arabic label": (lambda g: g.remove((LIBYA, RDFS.label, Literal("ليبيا", lang="ar"))), "QualifiedValueShape"),
    "actor is a date": (lambda g: g.add((VISIT, KG.actor, ARTICLE)), "Or"),
    "unknown plover type": (lambda g: g.set((REQUEST, KG.ploverType, Literal("DEMAND"))), "Pattern"),
    "plover type disagrees with class": (lambda g: g.set((REQUEST, KG.ploverType, Literal("AGREE"))), "Pattern"),
    "quad class disagrees with type": (lambda g: g.set((REQUEST, KG.quadClass, Literal("verbal-conflict"))), "Pattern"),
    "no plover class": (lambda g: g.remove((REQUEST, RDF.type, KG.Request)), "QualifiedValueShape"),
    "two plover classes": (lambda g: g.add((REQUEST, RDF.type, KG.Agree)), "QualifiedValueShape"),
    "two modalities": (lambda g: g.add((REQUEST, KG.modality, Literal("future"))), "MaxCount"),
    "negative start": (lambda g: g.set((REQUEST, KG.start, Literal(-1))), "MinInclusive"),
    "start after end": (lambda g: g.set((REQUEST, KG.start, Literal(9))), "LessThan"),
    "trigger without language": (lambda g: g.set((REQUEST, KG.trigger, Literal("طالب"))), "Datatype"),
    "cameo not digits": (lambda g: g.set((VISIT, KG.cameo, Literal("42a"))), "Pattern"),
    "date not xsd:date": (lambda g: g.set((REQUEST, KG.date, Literal("14 May 2018"))), "Datatype"),
    "no article": (lambda g: g.remove((REQUEST, PROV.wasDerivedFrom, None)), "MinCount"),
    "derived from a non-article": (lambda g: g.set((REQUEST, PROV.wasDerivedFrom, LIBYA)), "Class"),
    "actor is a literal": (lambda g: g.add((VISIT, KG.actor, Literal("Siala"))), "NodeKind"),
    "bad wikidata id": (lambda g: g.set((ALGERIA, KG.wikidata, Literal("262"))), "Pattern"),
    "wikidata without sameAs": (lambda g: g.add((LIBYA, KG.wikidata, Literal("Q0"))), "SPARQL"),
    "sameAs not wikidata": (
        lambda g: g.add((LIBYA, OWL.sameAs, URIRef("http://dbpedia.org/resource/Libya"))),
        "Pattern",
    ),
    "content hash too short": (lambda g: g.set((ARTICLE, KG.contentHash, Literal("abc123"))), "Pattern"),
    "two doc ids": (lambda g: g.add((ARTICLE, KG.docId, Literal("other"))), "MaxCount"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_graph_fails_validation(name):
    change, component = BROKEN[name]
    conforms, report = validate(_broken(change))
    assert not conforms
    assert f"Constraint Violation in {component}ConstraintComponent" in report, report


def test_direct_edge_without_event_is_a_warning_not_a_violation():
    dataset = _broken(lambda g: g.add((LIBYA, KG.threatens, ALGERIA)))
    conforms, report = validate(dataset)
    assert conforms, report
    assert "Warning" in report and "threatens" in report


def test_shapes_are_themselves_valid_shacl():
    import pyshacl

    conforms, _results, report = pyshacl.validate(
        _graph() + ontology_graph(), shacl_graph=shapes_graph(), meta_shacl=True, allow_warnings=True
    )
    assert conforms, report


def test_validate_leaves_its_input_unchanged():
    graph = _graph()
    before = set(graph)
    validate(graph)
    assert set(graph) == before


def test_validate_rejects_what_is_not_a_graph():
    with pytest.raises(InputError):
        validate("graph.ttl")  # type: ignore[arg-type]


# --- JSON-LD context -------------------------------------------------------------------------


def _context() -> dict:
    return json.loads((ONTOLOGY / "context.jsonld").read_text(encoding="utf-8"))


def test_jsonld_context_maps_every_vocab_term():
    context = _context()["@context"]
    for term in KG_TERMS:
        name = term.split("#")[-1]
        entry = context[name]
        assert (entry if isinstance(entry, str) else entry["@id"]) == f"kg:{name}"


def test_jsonld_export_with_the_context_round_trips():
    graph = _graph()
    text = graph.serialize(format="json-ld", context=_context()["@context"])
    back = Graph().parse(data=text, format="json-ld")
    assert len(back) == len(graph)
    assert set(back) == set(graph)
