"""Document -> RDF: where a position comes from (PROV-O) and one node per actor."""

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, XSD

from kg.graph.rdf import document_dataset, entity_iri, graph_iri
from kg.graph.validate import validate
from kg.graph.vocab import KG, WD
from kg.model import Entity
from kg.pipeline import extract

TEXT = "التقى ولي ولي العهد السعودي الأمير محمد بن سلمان وزير الخارجية الجزائري عبد القادر مساهل. وزار مساهل الرياض."


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return document_dataset(extract(TEXT, doc_id="roles", date="2017-07-01"))


def holdings(ds: Dataset) -> dict[str, dict]:
    out = {}
    for node in ds.subjects(RDF.type, KG.PositionHolding):
        out[str(ds.value(node, KG.position))] = {
            "origin": str(ds.value(node, KG.origin)),
            "derived": ds.value(node, PROV.wasDerivedFrom),
            "note": ds.value(node, KG.sourceNote),
            "stated": ds.value(node, KG.statedAs),
            "from": ds.value(node, KG.validFrom),
            "holder": ds.value(node, KG.holder),
        }
    return out


def test_a_stated_title_derives_from_the_article(dataset):
    h = holdings(dataset)["Deputy Crown Prince"]
    assert h["origin"] == "article" and h["derived"] == graph_iri("roles")
    assert h["stated"] == Literal("ولي ولي العهد", lang="ar")
    assert h["holder"] == URIRef("https://w3id.org/kg-arabic/resource/entity/Q6892571")


def test_a_reference_position_derives_from_the_holders_wikidata_item(dataset):
    h = holdings(dataset)["Minister of Defence"]
    assert h["origin"] == "wikidata" and h["derived"] == WD["Q6892571"]
    assert "saudi-ministers" in str(h["note"]) and h["from"] == Literal("2015-01-23", datatype=XSD.date)


def test_every_holds_position_edge_has_its_holding(dataset):
    edges = {(s, str(o)) for s, o in dataset.subject_objects(KG.holdsPosition)}
    nodes = {(h["holder"], role) for role, h in holdings(dataset).items()}
    assert edges == nodes and len(edges) >= 3


def test_the_graph_with_holdings_conforms(dataset):
    conforms, report = validate(dataset)
    assert conforms, report


def _node(ds: Dataset, role: str):
    return next(n for n in ds.subjects(RDF.type, KG.PositionHolding) if str(ds.value(n, KG.position)) == role)


@pytest.mark.parametrize(
    "role, change, component",
    [
        ("Deputy Crown Prince", lambda g, n: g.remove((n, PROV.wasDerivedFrom, None)), "Or"),
        ("Minister of Defence", lambda g, n: g.remove((n, KG.sourceNote, None)), "Or"),
        ("Minister of Defence", lambda g, n: g.set((n, KG.origin, Literal("guess"))), "Pattern"),
        ("Minister of Defence", lambda g, n: g.set((n, KG.validFrom, Literal("January 2015"))), "Or"),
        ("Deputy Crown Prince", lambda g, n: g.remove((n, KG.holder, None)), "MinCount"),
    ],
)
def test_a_holding_without_its_provenance_fails_validation(role, change, component):
    ds = document_dataset(extract(TEXT, doc_id="roles", date="2017-07-01"))
    g = ds.graph(graph_iri("roles"))
    change(g, _node(ds, role))
    conforms, report = validate(ds)
    assert not conforms and f"Constraint Violation in {component}ConstraintComponent" in report, report


def test_spelling_variants_of_an_unlinked_name_are_one_node():
    a = Entity("person_donald_tramb", "Person", "دونالد ترامب", "Donald Tramb")
    b = Entity("person_donald_trmb", "Person", "دونالد ترمب", "Donald Trmb")
    assert entity_iri(a) == entity_iri(b)
    assert entity_iri(a) != entity_iri(Entity("x", "Organization", "دونالد ترامب", "Donald Tramb"))


def test_a_linked_entity_is_its_qid_whatever_its_spelling():
    a = Entity("donald_trump", "Person", "دونالد ترامب", "Donald Trump", "Q22686")
    assert entity_iri(a) == URIRef("https://w3id.org/kg-arabic/resource/entity/Q22686")


def test_a_generic_group_is_one_node_per_article_not_across_articles():
    from kg.graph.rdf import entity_iri
    from kg.pipeline import extract

    a = extract("وهاجم مسلحون قرية في الأنبار أمس.", "a1")
    b = extract("وهاجم مسلحون قرية في الموصل أمس.", "b2")
    gunmen = [next(e for e in d.entities if e.id == "group_gunmen") for d in (a, b)]
    assert entity_iri(gunmen[0], "a1") != entity_iri(gunmen[1], "b2")
    iraq = [next(e for e in d.entities if e.id == "iraq") for d in (a, b) if any(e.id == "iraq" for e in d.entities)]
    assert len({entity_iri(e, d) for e, d in zip(iraq, ("a1", "b2"))}) <= 1  # a country is one node everywhere


def test_an_organization_with_a_qid_is_linked_as_a_person_is():
    doc = extract("وقالت وزارة الخارجية الأمريكية إنها ستدرس الطلب.", doc_id="org", date="2018-05-16")
    (org,) = [e for e in doc.entities if e.type == "Organization"]
    assert (org.id, org.wikidata) == ("us_state_department", "Q789915")
    ds = document_dataset(doc)
    node = entity_iri(org)
    assert node == URIRef("https://w3id.org/kg-arabic/resource/entity/Q789915")
    assert (node, OWL.sameAs, WD.Q789915) in ds
    assert (node, KG.wikidata, Literal("Q789915")) in ds
