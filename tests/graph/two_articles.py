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


def _entity(
    g: rdflib.Graph, iri: URIRef, cls: URIRef, ar: str, en: str, article: URIRef, qid: str | None = None
) -> None:
    g.add((iri, ns.RDF.type, cls))
    g.add((iri, ns.RDFS.label, Literal(ar, lang="ar")))
    g.add((iri, ns.RDFS.label, Literal(en, lang="en")))
    g.add((iri, KG.mentionedIn, article))
    if qid:
        g.add((iri, ns.OWL.sameAs, WD[qid]))
        g.add((iri, KG.wikidata, Literal(qid)))


def _event(
    g: rdflib.Graph,
    article: URIRef,
    slug: str,
    eid: str,
    plover: str,
    cls: URIRef,
    quad: str,
    actors: list[URIRef],
    recipients: list[URIRef],
    modality: str,
    trigger: str,
    sentence: str,
    start: int,
    confidence: str,
    pred_en: str,
    pred_ar: str,
    day: str | None,
    direct: URIRef | None,
) -> URIRef:
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
    _event(
        g,
        ART_A,
        "libya-visit-2018",
        "e1",
        "REQUEST",
        KG.Request,
        "verbal-cooperation",
        [SIALA],
        [ALGERIA],
        "asserted",
        "طالب",
        "طالب سيالة الجزائر بدعم الحوار",
        0,
        "0.85",
        "requests support from",
        "طالب بدعم",
        "2018-05-14",
        KG.requestsFrom,
    )
    _event(
        g,
        ART_A,
        "libya-visit-2018",
        "e2",
        "ACCUSE",
        KG.Accuse,
        "verbal-conflict",
        [SIALA],
        [],
        "asserted",
        "أدان",
        "أدان سيالة الهجوم",
        40,
        "0.7",
        "condemns",
        "أدان",
        None,
        KG.accuses,
    )
    return g


def graph_b(ds: rdflib.Dataset) -> rdflib.Graph:
    """Article B: Algeria will agree with Libya; Algeria does not accuse Libya (negated)."""
    g = ds.graph(ART_B)
    _article(g, ART_B, "algeria-statement-2018", HASH_B, "2018-06-01")
    _entity(g, ALGERIA, KG.Country, "الجزائر", "Algeria", ART_B, qid="Q262")
    _entity(g, LIBYA, KG.Country, "ليبيا", "Libya", ART_B)
    _event(
        g,
        ART_B,
        "algeria-statement-2018",
        "e1",
        "AGREE",
        KG.Agree,
        "verbal-cooperation",
        [ALGERIA],
        [LIBYA],
        "future",
        "ستوقع",
        "ستوقع الجزائر اتفاقا مع ليبيا",
        3,
        "0.9",
        "will sign an agreement with",
        "ستوقع اتفاقا مع",
        "2018-06-01",
        KG.agreesWith,
    )
    _event(
        g,
        ART_B,
        "algeria-statement-2018",
        "e2",
        "ACCUSE",
        KG.Accuse,
        "verbal-conflict",
        [ALGERIA],
        [LIBYA],
        "negated",
        "تتهم",
        "لم تتهم الجزائر ليبيا بشيء",
        60,
        "0.6",
        "accuses",
        "اتهم",
        None,
        KG.accuses,
    )
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
