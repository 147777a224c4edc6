"""The actor network: entities as nodes, events between them as edges, as plain data.

The HTML view, the GraphML/GEXF/Neo4j/CSV exports and notebooks all start from the plain
``Network`` that ``network_from_dataset`` / ``network_from_store`` return, so none of them needs
to know RDF (spaCy's displacy habit). Its shape is the TypedDicts below:

- ``nodes``: one per entity (``events`` counts the events it is actor or recipient of);
- ``events``: one per event, with its actors, recipients (possibly none) and location;
- ``edges``: one per (event, actor, recipient), what graph tools draw; an event without a
  recipient has no edge but is in ``events``;
- ``corpus``: how many articles and which dates the network covers (the page's title).

Negated events are events and edges too: ``modality`` says so. The same SPARQL runs on an
rdflib Dataset and on the Oxigraph store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol, TypedDict

from kg.graph.vocab import SPARQL_PREFIXES

if TYPE_CHECKING:
    import networkx as nx
    import rdflib


class Node(TypedDict):
    """An entity: ``type`` is Person, Country, Organization or Place (None when unknown)."""

    id: str
    label_ar: str | None
    label_en: str | None
    type: str | None
    wikidata: str | None
    events: int


class Event(TypedDict):
    """One event with everything a table of events needs (``kg export --format events``)."""

    event: str
    type: str | None
    quad: str | None
    mode: str | None
    cameo: str | None
    predicate_en: str | None
    predicate_ar: str | None
    date: str | None
    modality: str | None
    confidence: float | None
    sentence: str | None
    trigger: str | None
    start: int | None
    end: int | None
    doc_id: str | None
    actors: list[str]
    recipients: list[str]
    location: str | None


class Edge(TypedDict):
    """One (event, actor, recipient): the fields of its event that graph tools show."""

    source: str
    target: str
    type: str | None
    quad: str | None
    mode: str | None
    cameo: str | None
    predicate_en: str | None
    predicate_ar: str | None
    date: str | None
    modality: str | None
    confidence: float | None
    sentence: str | None
    trigger: str | None
    doc_id: str | None
    event: str


class Corpus(TypedDict):
    """What the network was built from: article count and the first and last date."""

    articles: int
    first: str | None
    last: str | None


class _Required(TypedDict):
    title: str
    nodes: list[Node]
    edges: list[Edge]


class Network(_Required, total=False):
    """The plain network; ``events`` and ``corpus`` may be absent from a hand-made one."""

    events: list[Event]
    corpus: Corpus


class Selectable(Protocol):
    """Anything with kg's ``Store.select`` and ``Store.rows`` (the store, without importing it here)."""

    def select(self, sparql: str, **kwargs: Any) -> list[dict[str, str | None]]: ...

    def rows(self, sparql: str) -> Iterator[dict[str, str | None]]: ...


Source = Any  # a kg Store, or an rdflib Dataset / ConjunctiveGraph / Graph

DEFAULT_TITLE = "kg actor network"
ENTITY_TYPES = ("Person", "Country", "Organization", "Place")

NODES_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT ?id ?t ?label_ar ?label_en ?wikidata WHERE {
  GRAPH ?g {
    VALUES ?t { kg:Person kg:Country kg:Organization kg:Place }
    ?id a ?t .
    OPTIONAL { ?id rdfs:label ?label_ar FILTER(langMatches(lang(?label_ar), "ar")) }
    OPTIONAL { ?id rdfs:label ?label_en FILTER(langMatches(lang(?label_en), "en")) }
    OPTIONAL { ?id kg:wikidata ?wikidata }
  }
}"""
)

EVENTS_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT ?event ?type ?quad ?mode ?cameo ?predicate_en ?predicate_ar ?date ?modality ?confidence
       ?sentence ?trigger ?start ?end ?doc_id WHERE {
  GRAPH ?g {
    ?event a kg:Event .
    OPTIONAL { ?event kg:ploverType ?type }
    OPTIONAL { ?event kg:quadClass ?quad }
    OPTIONAL { ?event kg:mode ?mode }
    OPTIONAL { ?event kg:cameo ?cameo }
    OPTIONAL { ?event kg:predicateLabel ?predicate_en FILTER(langMatches(lang(?predicate_en), "en")) }
    OPTIONAL { ?event kg:predicateLabel ?predicate_ar FILTER(langMatches(lang(?predicate_ar), "ar")) }
    OPTIONAL { ?event kg:date ?date }
    OPTIONAL { ?event kg:modality ?modality }
    OPTIONAL { ?event kg:confidence ?confidence }
    OPTIONAL { ?event kg:evidence ?sentence }
    OPTIONAL { ?event kg:trigger ?trigger }
    OPTIONAL { ?event kg:start ?start }
    OPTIONAL { ?event kg:end ?end }
    OPTIONAL { ?event prov:wasDerivedFrom ?article . ?article kg:docId ?doc_id }
  }
}"""
)

ROLES_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT ?event ?role ?entity WHERE {
  GRAPH ?g {
    VALUES (?p ?role) { (kg:actor "actor") (kg:recipient "recipient") (kg:location "location") }
    ?event ?p ?entity .
  }
}"""
)

ARTICLES_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT ?article ?doc_id ?published WHERE {
  GRAPH ?g {
    ?article a kg:Article .
    OPTIONAL { ?article kg:docId ?doc_id }
    OPTIONAL { ?article kg:publishedOn ?published }
  }
}"""
)

NODE_FIELDS = tuple(Node.__annotations__)
EDGE_FIELDS = tuple(Edge.__annotations__)
EVENT_FIELDS = tuple(Event.__annotations__)


def select(source: Source, sparql: str) -> list[dict[str, str | None]]:
    """SELECT rows from a Store or an rdflib graph, each value a plain string or None."""
    if hasattr(source, "select") and hasattr(source, "oxigraph"):  # kg's Store
        return source.select(sparql, timeout_s=None)
    result = source.query(sparql)
    names = [str(v) for v in result.vars or ()]
    return [{n: _plain(row[n]) for n in names} for row in result]


def rows(source: Source, sparql: str) -> Iterable[dict[str, str | None]]:
    """The rows of ``select`` one at a time: a Store's are streamed, so the network of many
    articles is not held twice (as result rows, then as events)."""
    if hasattr(source, "rows") and hasattr(source, "oxigraph"):  # kg's Store
        return source.rows(sparql)
    return select(source, sparql)


def network_from_dataset(ds: rdflib.Graph, title: str | None = None) -> Network:
    """The actor network of an rdflib Dataset holding articles' named graphs."""
    return _network(ds, title)


def network_from_store(store: Selectable, title: str | None = None) -> Network:
    """The actor network of everything in the store."""
    return _network(store, title)


def corpus_title(corpus: Corpus, doc_ids: list[str] | None = None) -> str:
    """The title of a network: "kg — 32 articles, 2018-02-11 – 2018-09-11" (one article is
    named by its id)."""
    n, first, last = corpus["articles"], corpus["first"], corpus["last"]
    if n == 0:
        return DEFAULT_TITLE
    dates = "undated" if first is None else first if first == last else f"{first} – {last}"
    if n == 1 and doc_ids:
        return f"kg — {doc_ids[0]}, {dates}"
    return f"kg — {n:,} articles, {dates}"


def _network(source: Source, title: str | None) -> Network:
    nodes = _nodes(source)
    events = _events(source)
    counts: dict[str, int] = {}
    for event in events:
        for entity in {*event["actors"], *event["recipients"]}:
            counts[entity] = counts.get(entity, 0) + 1
            if entity not in nodes:  # an entity without a type still gets a node
                nodes[entity] = Node(id=entity, label_ar=None, label_en=None, type=None, wikidata=None, events=0)
    for key, node in nodes.items():
        node["events"] = counts.get(key, 0)
    articles = select(source, ARTICLES_QUERY)
    doc_ids = sorted({r["doc_id"] for r in articles if r["doc_id"]})
    days = sorted({r["published"][:10] for r in articles if r["published"]})
    days = days or sorted({e["date"] for e in events if e["date"]})
    corpus = Corpus(
        articles=len({r["article"] for r in articles}),
        first=days[0] if days else None,
        last=days[-1] if days else None,
    )
    return Network(
        title=title or corpus_title(corpus, doc_ids),
        corpus=corpus,
        nodes=[nodes[k] for k in sorted(nodes)],
        events=events,
        edges=edges_of(events),
    )


def _nodes(source: Source) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    for row in rows(source, NODES_QUERY):
        key = row["id"] or ""
        node = nodes.setdefault(key, Node(id=key, label_ar=None, label_en=None, type=None, wikidata=None, events=0))
        # an entity may carry several labels (spelling variants); keep the smallest, deterministically
        kind = row["t"].rsplit("#", 1)[-1] if row["t"] else None
        node["type"] = _least(node["type"], kind)
        node["label_ar"] = _least(node["label_ar"], row["label_ar"])
        node["label_en"] = _least(node["label_en"], row["label_en"])
        node["wikidata"] = _least(node["wikidata"], row["wikidata"])
    return nodes


def _least(old: str | None, new: str | None) -> str | None:
    """The smaller of two optional values (None loses)."""
    return new if new and (old is None or new < old) else old


def _events(source: Source) -> list[Event]:
    # one string object per distinct value: the same sentence, date, type and actor come back
    # in many rows, and a corpus's events are held whole (the page draws them all)
    same: dict[str, str] = {}

    def one(value: str | None) -> str | None:
        return None if value is None else same.setdefault(value, value)

    roles: dict[str, dict[str, set[str]]] = {}
    for row in rows(source, ROLES_QUERY):
        if row["event"] and row["entity"] and row["role"]:
            roles.setdefault(row["event"], {}).setdefault(row["role"], set()).add(one(row["entity"]) or "")
    events: dict[str, Event] = {}
    for row in rows(source, EVENTS_QUERY):
        key = row["event"] or ""
        if key in events:
            continue
        has = roles.pop(key, {})
        events[key] = Event(
            event=key,
            type=one(row["type"]),
            quad=one(row["quad"]),
            mode=one(row["mode"]),
            cameo=one(row["cameo"]),
            predicate_en=one(row["predicate_en"]),
            predicate_ar=one(row["predicate_ar"]),
            date=one(row["date"]),
            modality=one(row["modality"]),
            confidence=_float(row["confidence"]),
            sentence=one(row["sentence"]),
            trigger=one(row["trigger"]),
            start=_int(row["start"]),
            end=_int(row["end"]),
            doc_id=one(row["doc_id"]),
            actors=sorted(has.get("actor", ())),
            recipients=sorted(has.get("recipient", ())),
            location=min(has.get("location", ()), default=None),
        )
    return [events[k] for k in sorted(events)]


def edges_of(events: list[Event]) -> list[Edge]:
    """One edge per (event, actor, recipient), in event order."""
    edges = []
    for event in events:
        for source in event["actors"]:
            for target in event["recipients"]:
                edges.append(
                    Edge(
                        source=source,
                        target=target,
                        event=event["event"],
                        type=event["type"],
                        quad=event["quad"],
                        mode=event["mode"],
                        cameo=event["cameo"],
                        predicate_en=event["predicate_en"],
                        predicate_ar=event["predicate_ar"],
                        date=event["date"],
                        modality=event["modality"],
                        confidence=event["confidence"],
                        sentence=event["sentence"],
                        trigger=event["trigger"],
                        doc_id=event["doc_id"],
                    )
                )
    return edges


def events_of(network: Network) -> list[Event]:
    """The network's events; a hand-made network without ``events`` gets them from its edges
    (then every event has a recipient)."""
    if "events" in network:
        return network["events"]
    merged: dict[str, Event] = {}
    for edge in network["edges"]:
        event = merged.get(edge["event"])
        if event is None:
            get: Any = edge.get  # a hand-made edge may lack optional fields
            event = merged[edge["event"]] = Event(
                event=edge["event"],
                type=get("type"),
                quad=get("quad"),
                mode=get("mode"),
                cameo=get("cameo"),
                predicate_en=get("predicate_en"),
                predicate_ar=get("predicate_ar"),
                date=get("date"),
                modality=get("modality"),
                confidence=get("confidence"),
                sentence=get("sentence"),
                trigger=get("trigger"),
                start=None,
                end=None,
                doc_id=get("doc_id"),
                actors=[],
                recipients=[],
                location=None,
            )
        if edge["source"] not in event["actors"]:
            event["actors"].append(edge["source"])
        if edge["target"] not in event["recipients"]:
            event["recipients"].append(edge["target"])
    return list(merged.values())


def to_networkx(network: Network) -> nx.MultiDiGraph:
    """The network as a MultiDiGraph: node attributes as in ``nodes``; one edge per network
    edge keyed by its event IRI, with the edge's fields as attributes."""
    import networkx as nx

    graph = nx.MultiDiGraph(title=network.get("title", DEFAULT_TITLE))
    for node in network["nodes"]:
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in network["edges"]:
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target")}
        graph.add_edge(edge["source"], edge["target"], key=edge["event"], **attrs)
    return graph


def actor_graph(network: Network) -> nx.DiGraph:
    """Actors as a DiGraph: one edge per (actor, recipient), ``weight`` = number of events,
    ``types`` = {PLOVER type: count}. Handy for centrality and community analysis."""
    import networkx as nx

    graph = nx.DiGraph(title=network.get("title", DEFAULT_TITLE))
    for node in network["nodes"]:
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in network["edges"]:
        u, v = edge["source"], edge["target"]
        if not graph.has_edge(u, v):
            graph.add_edge(u, v, weight=0, types={})
        data = graph.edges[u, v]
        data["weight"] += 1
        data["types"][edge["type"]] = data["types"].get(edge["type"], 0) + 1
    return graph


def communities(network: Network, seed: int = 7) -> dict[str, int]:
    """The community of each node: Louvain (networkx, seeded, so deterministic) on the
    undirected actor graph weighted by event count; communities numbered by size, largest 0.
    A node without an edge is in none (-1)."""
    import networkx as nx

    # integer nodes: Louvain iterates sets of nodes, and the order of a set of strings changes with
    # Python's hash seed; integers keep the communities the same from run to run
    ids = sorted({e["source"] for e in network["edges"]} | {e["target"] for e in network["edges"]})
    number = {n: i for i, n in enumerate(ids)}
    graph = nx.Graph()
    graph.add_nodes_from(range(len(ids)))
    for edge in network["edges"]:
        u, v = number[edge["source"]], number[edge["target"]]
        if u == v:
            continue
        weight = graph.edges[u, v]["weight"] + 1 if graph.has_edge(u, v) else 1
        graph.add_edge(u, v, weight=weight)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed) if len(graph) else []
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    member = {ids[n]: i for i, c in enumerate(ordered) for n in c}
    return {n["id"]: member.get(n["id"], -1) for n in network["nodes"]}


def _plain(term: Any) -> str | None:
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    return str(term)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def filter_network(
    network: Network,
    *,
    types: set[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    min_confidence: float = 0.0,
    modalities: set[str] | None = None,
    keep_isolated: bool = False,
) -> Network:
    """The network restricted to the events a user asked for (``kg view --type … --since …``).

    ``actor`` matches a node's English or Arabic label (folded, so spelling variants agree) or
    its IRI; an event stays when one of its actors or recipients matches. Undated events fall
    out of a date range. Nodes without a remaining event are dropped unless ``keep_isolated``.
    """
    from kg.arabic.normalize import fold

    wanted_actor = None
    if actor:
        key = fold(actor).lower()
        wanted_actor = {
            n["id"]
            for n in network["nodes"]
            if key in fold(n.get("label_en") or "").lower()
            or key in fold(n.get("label_ar") or "")
            or key == n["id"].lower()
        }

    def keep(e: Edge | Event, ends: set[str]) -> bool:
        if types and e.get("type") not in types:
            return False
        if modalities and e.get("modality") not in modalities:
            return False
        if (e.get("confidence") or 0.0) < min_confidence:
            return False
        if since or until:
            d = e.get("date")
            if not d or (since and d < since) or (until and d > until):
                return False
        return wanted_actor is None or bool(ends & wanted_actor)

    events = [e for e in events_of(network) if keep(e, {*e["actors"], *e["recipients"]})]
    kept_ids = {e["event"] for e in events}
    edges = [e for e in network["edges"] if e["event"] in kept_ids]
    linked = {x for e in events for x in (*e["actors"], *e["recipients"])}
    nodes = [n for n in network["nodes"] if keep_isolated or n["id"] in linked]
    return {**network, "nodes": nodes, "edges": edges, "events": events}
