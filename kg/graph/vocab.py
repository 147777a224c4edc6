"""The closed vocabulary of kg's ontology (``ontology/kg.ttl``).

Every term the code writes comes from here; ``tests/graph/test_ontology.py`` checks each one is
declared in the ontology, so a misspelt property fails at once (rdflib's DefinedNamespace).
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import OWL, RDF, RDFS, DefinedNamespace, URIRef

BASE = "https://w3id.org/kg-arabic/"
RES = Namespace(BASE + "resource/")  # entities, events, articles
WD = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    """Terms of https://w3id.org/kg-arabic/ontology#."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Actor: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Place: URIRef
    Article: URIRef
    Event: URIRef
    Agree: URIRef
    Consult: URIRef
    Support: URIRef
    Concede: URIRef
    Cooperate: URIRef
    Aid: URIRef
    Retreat: URIRef
    Request: URIRef
    Accuse: URIRef
    Reject: URIRef
    Threaten: URIRef
    Protest: URIRef
    Sanction: URIRef
    Mobilize: URIRef
    Coerce: URIRef
    Assault: URIRef
    # event properties
    actor: URIRef
    recipient: URIRef
    location: URIRef
    date: URIRef
    mode: URIRef
    cameo: URIRef
    ploverType: URIRef
    quadClass: URIRef
    modality: URIRef
    trigger: URIRef
    evidence: URIRef
    start: URIRef
    end: URIRef
    confidence: URIRef
    predicateLabel: URIRef
    extractorVersion: URIRef
    rule: URIRef
    # direct actor -> recipient properties, one per PLOVER type
    agreesWith: URIRef
    consults: URIRef
    supports: URIRef
    concedesTo: URIRef
    cooperatesWith: URIRef
    aids: URIRef
    retreatsFrom: URIRef
    requestsFrom: URIRef
    accuses: URIRef
    rejects: URIRef
    threatens: URIRef
    protestsAgainst: URIRef
    sanctions: URIRef
    mobilizesAgainst: URIRef
    coerces: URIRef
    assaults: URIRef
    # role facts
    holdsPosition: URIRef
    PositionHolding: URIRef
    holder: URIRef
    position: URIRef
    origin: URIRef
    sourceNote: URIRef
    statedAs: URIRef
    validFrom: URIRef
    validTo: URIRef
    memberOf: URIRef
    headOf: URIRef
    capitalOf: URIRef
    locatedIn: URIRef
    citizenOf: URIRef
    statedBy: URIRef
    # entities and articles
    wikidata: URIRef
    country: URIRef
    mentionedIn: URIRef
    docId: URIRef
    contentHash: URIRef
    publishedOn: URIRef
    text: URIRef


# Entity descriptions (types, labels, links, country) live once in this shared graph, not in
# every article's graph (see kg.graph.rdf); the store routes them here.
ENTITY_GRAPH = RES["graph/entities"]
ENTITY_PREFIX = str(RES["entity/"])
DESCRIPTION_PREDICATES = frozenset({RDF.type, RDFS.label, OWL.sameAs, KG.wikidata, KG.country})

# PLOVER type -> (event class, direct property)
EVENT_CLASS = {
    "AGREE": (KG.Agree, KG.agreesWith),
    "CONSULT": (KG.Consult, KG.consults),
    "SUPPORT": (KG.Support, KG.supports),
    "CONCEDE": (KG.Concede, KG.concedesTo),
    "COOPERATE": (KG.Cooperate, KG.cooperatesWith),
    "AID": (KG.Aid, KG.aids),
    "RETREAT": (KG.Retreat, KG.retreatsFrom),
    "REQUEST": (KG.Request, KG.requestsFrom),
    "ACCUSE": (KG.Accuse, KG.accuses),
    "REJECT": (KG.Reject, KG.rejects),
    "THREATEN": (KG.Threaten, KG.threatens),
    "PROTEST": (KG.Protest, KG.protestsAgainst),
    "SANCTION": (KG.Sanction, KG.sanctions),
    "MOBILIZE": (KG.Mobilize, KG.mobilizesAgainst),
    "COERCE": (KG.Coerce, KG.coerces),
    "ASSAULT": (KG.Assault, KG.assaults),
}

# PLOVER's four quad classes (for colours and coarse queries)
QUAD_CLASS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST"), "verbal-cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material-cooperation"),
    **dict.fromkeys(("ACCUSE", "REJECT", "THREATEN"), "verbal-conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material-conflict"),
}

ENTITY_CLASS = {"Person": KG.Person, "Country": KG.Country, "Organization": KG.Organization, "Place": KG.Place}

FACT_PROPERTY = {
    "holdsPosition": KG.holdsPosition,
    "memberOf": KG.memberOf,
    "headOf": KG.headOf,
    "capitalOf": KG.capitalOf,
    "locatedIn": KG.locatedIn,
    "citizenOf": KG.citizenOf,
    "statedBy": KG.statedBy,
}

#: The prefixes kg predeclares for SPARQL (``kg query``, ``kg serve``) and writes in Turtle/TriG.
PREFIXES: dict[str, str] = {
    "kg": BASE + "ontology#",
    "res": str(RES),
    "wd": str(WD),
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
}
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
