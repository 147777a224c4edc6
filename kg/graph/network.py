"""The actor network: entities as nodes, events as actor -> recipient edges, as plain data.

The HTML view, the GraphML/GEXF/Neo4j exports and notebooks all start from the plain structure
``network_from_dataset`` / ``network_from_store`` return, so none of them needs to know RDF:

    {"title": str,
     "nodes": [{"id", "label_ar", "label_en", "type", "wikidata", "events"}],
     "edges": [{"source", "target", "type", "quad", "predicate_en", "predicate_ar", "date",
                "modality", "confidence", "sentence", "trigger", "doc_id", "event"}]}

One edge per (event, actor, recipient); events without a recipient have no edge (they still
count in their actors' ``events``). Negated events are edges too: ``modality`` says so.
The same SPARQL runs on an rdflib Dataset and on the Oxigraph store.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx
import rdflib

from kg.graph.store import SPARQL_PREFIXES, Store

Network = dict[str, Any]
Source = Store | rdflib.Graph  # an rdflib Dataset / ConjunctiveGraph / Graph

DEFAULT_TITLE = "kg actor network"

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

EVENT_COUNT_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT ?id (COUNT(DISTINCT ?event) AS ?n) WHERE {
  GRAPH ?g { ?event a kg:Event . { ?event kg:actor ?id } UNION { ?event kg:recipient ?id } }
} GROUP BY ?id"""
)

EDGES_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT ?event ?source ?target ?type ?quad ?predicate_en ?predicate_ar ?date ?modality
       ?confidence ?sentence ?trigger ?doc_id WHERE {
  GRAPH ?g {
    ?event a kg:Event ; kg:actor ?source ; kg:recipient ?target .
    OPTIONAL { ?event kg:ploverType ?type }
    OPTIONAL { ?event kg:quadClass ?quad }
    OPTIONAL { ?event kg:predicateLabel ?predicate_en
               FILTER(langMatches(lang(?predicate_en), "en")) }
    OPTIONAL { ?event kg:predicateLabel ?predicate_ar
               FILTER(langMatches(lang(?predicate_ar), "ar")) }
    OPTIONAL { ?event kg:date ?date }
    OPTIONAL { ?event kg:modality ?modality }
    OPTIONAL { ?event kg:confidence ?confidence }
    OPTIONAL { ?event kg:evidence ?sentence }
    OPTIONAL { ?event kg:trigger ?trigger }
    OPTIONAL { ?event prov:wasDerivedFrom ?article . ?article kg:docId ?doc_id }
  }
}"""
)

EDGE_FIELDS = (
    "source",
    "target",
    "type",
    "quad",
    "predicate_en",
    "predicate_ar",
    "date",
    "modality",
    "confidence",
    "sentence",
    "trigger",
    "doc_id",
    "event",
)
NODE_FIELDS = ("id", "label_ar", "label_en", "type", "wikidata", "events")


def select(source: Source, sparql: str) -> Iterator[dict[str, str | None]]:
    """SELECT rows from a Store or an rdflib graph, each value a plain string or None; from a
    Store they are streamed (a corpus's events need not be held twice)."""
    if isinstance(source, Store):
        yield from source.rows(sparql)
        return
    result = source.query(sparql)
    names = [str(v) for v in result.vars or ()]
    for row in result:
        yield {n: _plain(row[n]) for n in names}  # type: ignore[index,call-overload]


def network_from_dataset(ds: rdflib.Graph, title: str = DEFAULT_TITLE) -> Network:
    """The actor network of an rdflib Dataset holding articles' named graphs."""
    return _network(ds, title)


def network_from_store(store: Store, title: str = DEFAULT_TITLE) -> Network:
    """The actor network of everything in the store."""
    return _network(store, title)


def _network(source: Source, title: str) -> Network:
    counts = {r["id"]: int(r["n"] or 0) for r in select(source, EVENT_COUNT_QUERY)}
    nodes: dict[str, dict[str, Any]] = {}
    for row in select(source, NODES_QUERY):
        node = nodes.setdefault(
            row["id"] or "",
            {
                "id": row["id"],
                "label_ar": None,
                "label_en": None,
                "type": None,
                "wikidata": None,
                "events": counts.get(row["id"], 0),
            },
        )
        # an entity repeats in every article's graph; keep the smallest value, deterministically
        for key, value in (
            ("type", row["t"].rsplit("#", 1)[-1] if row["t"] else None),
            ("label_ar", row["label_ar"]),
            ("label_en", row["label_en"]),
            ("wikidata", row["wikidata"]),
        ):
            if value and (node[key] is None or value < node[key]):
                node[key] = value
    edges: dict[tuple[str | None, str | None, str | None], dict[str, Any]] = {}
    for row in select(source, EDGES_QUERY):
        ekey = (row["event"], row["source"], row["target"])
        if ekey not in edges:
            edge: dict[str, Any] = {name: row.get(name) for name in EDGE_FIELDS}
            edge["confidence"] = _float(row.get("confidence"))
            edges[ekey] = edge
    return {"title": title, "nodes": [nodes[k] for k in sorted(nodes)], "edges": [edges[k] for k in sorted(edges)]}


def to_networkx(network: Network) -> nx.MultiDiGraph:
    """The network as a MultiDiGraph: node attributes as in ``nodes``; one edge per network
    edge keyed by its event IRI, with the edge's fields as attributes."""
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


def _plain(term: Any) -> str | None:
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
    its IRI; an event stays when either of its ends matches. Undated events fall out of a date
    range. Nodes without a remaining event are dropped unless ``keep_isolated``.
    """
    from kg.arabic.normalize import fold

    nodes = {n["id"]: n for n in network["nodes"]}
    wanted_actor = None
    if actor:
        key = fold(actor).lower()
        wanted_actor = {
            i
            for i, n in nodes.items()
            if key in fold(n.get("label_en") or "").lower() or key in fold(n.get("label_ar") or "") or key == i.lower()
        }

    def keep(e: dict) -> bool:
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
        return wanted_actor is None or e["source"] in wanted_actor or e["target"] in wanted_actor

    edges = [e for e in network["edges"] if keep(e)]
    linked = {e["source"] for e in edges} | {e["target"] for e in edges}
    kept = [n for n in network["nodes"] if keep_isolated or n["id"] in linked]
    return {**network, "nodes": kept, "edges": edges}
