"""The actor network as files that graph tools and dataframes take whole.

- GraphML (Cytoscape, yEd, Gephi) and GEXF 1.3 (Gephi): actors as nodes, one edge per event
  between an actor and a recipient, every attribute typed;
- Neo4j import CSVs: actors and events as nodes, the direct actor -> recipient relationships,
  and the roles linking every event (with or without a recipient) to its actors;
- the events table: one row per event (with or without a recipient), labels in both languages
  and the evidence sentence, for pandas.

Attributes have one name in every format (``event_type``, ``entity_type``, ``predicate_en`` …;
see ``NODE_ATTRIBUTES`` and ``EDGE_ATTRIBUTES``), colours and sizes are the page's
(``kg.view.style``), and dates are typed where the format can type them: GEXF ``start``/``end``
on each edge (a dynamic graph, so Gephi's timeline works), Neo4j ``date:date``.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import IO, Any

from kg.graph.network import Network, Node, communities, events_of
from kg.view.style import node_color, node_size, quad_color, rgb

#: (name, GraphML type, GEXF type) of each node attribute, in file order.
NODE_ATTRIBUTES: tuple[tuple[str, str, str], ...] = (
    ("label_en", "string", "string"),
    ("label_ar", "string", "string"),
    ("entity_type", "string", "string"),
    ("wikidata", "string", "string"),
    ("events", "int", "integer"),
    ("events_without_recipient", "int", "integer"),
    ("community", "int", "integer"),
    ("color", "string", "string"),
    ("size", "double", "double"),
)
#: (name, GraphML type, GEXF type) of each edge attribute, in file order.
EDGE_ATTRIBUTES: tuple[tuple[str, str, str], ...] = (
    ("event", "string", "string"),
    ("event_type", "string", "string"),
    ("quad", "string", "string"),
    ("mode", "string", "string"),
    ("cameo", "string", "string"),
    ("predicate_en", "string", "string"),
    ("predicate_ar", "string", "string"),
    ("trigger", "string", "string"),
    ("date", "string", "string"),
    ("modality", "string", "string"),
    ("confidence", "double", "double"),
    ("weight", "double", "double"),
    ("evidence", "string", "string"),
    ("doc_id", "string", "string"),
    ("color", "string", "string"),
)

EVENTS_HEADER = (
    "event",
    "doc_id",
    "date",
    "event_type",
    "quad",
    "mode",
    "cameo",
    "modality",
    "confidence",
    "actors",
    "actors_en",
    "actors_ar",
    "recipients",
    "recipients_en",
    "recipients_ar",
    "location",
    "location_en",
    "location_ar",
    "predicate_en",
    "predicate_ar",
    "trigger",
    "evidence",
    "start",
    "end",
)
#: Several actors or recipients of one event share a cell, joined by this.
JOIN = " | "

NEO4J_FILES = ("nodes.csv", "events.csv", "relationships.csv", "roles.csv")
NEO4J_NODES_HEADER = (
    "id:ID(Entity)",
    "label",
    "label_en",
    "label_ar",
    "entity_type",
    "wikidata",
    "events:int",
    "events_without_recipient:int",
    "community:int",
    ":LABEL",
)
NEO4J_EVENTS_HEADER = (
    "event:ID(Event)",
    "event_type",
    "quad",
    "mode",
    "cameo",
    "predicate_en",
    "predicate_ar",
    "trigger",
    "date:date",
    "modality",
    "confidence:float",
    "evidence",
    "doc_id",
    "start:int",
    "end:int",
    ":LABEL",
)
NEO4J_RELS_HEADER = (
    ":START_ID(Entity)",
    ":END_ID(Entity)",
    ":TYPE",
    "event",
    "predicate_en",
    "predicate_ar",
    "trigger",
    "date:date",
    "modality",
    "confidence:float",
    "weight:float",
    "evidence",
    "doc_id",
)
NEO4J_ROLES_HEADER = (":START_ID(Event)", ":END_ID(Entity)", ":TYPE")

Writer = Callable[[IO[str]], None]


# ------------------------------------------------------------------------- attributes
def node_rows(network: Network) -> Iterator[tuple[Node, dict[str, Any]]]:
    """Each node with its attributes by ``NODE_ATTRIBUTES`` name (None where unknown)."""
    community = communities(network)
    alone: dict[str, int] = {}
    for event in events_of(network):
        if not event["recipients"]:
            for actor in event["actors"]:
                alone[actor] = alone.get(actor, 0) + 1
    for node in network["nodes"]:
        events = int(node.get("events") or 0)
        yield (
            node,
            {
                "label_en": node.get("label_en"),
                "label_ar": node.get("label_ar"),
                "entity_type": node.get("type"),
                "wikidata": node.get("wikidata"),
                "events": events,
                "events_without_recipient": alone.get(node["id"], 0),
                "community": community.get(node["id"], -1),
                "color": node_color(node.get("type")),
                "size": node_size(events),
            },
        )


def label_of(node: Node) -> str:
    """What a graph tool shows for a node: English, else Arabic, else the IRI."""
    return node.get("label_en") or node.get("label_ar") or node["id"]


def edge_rows(network: Network) -> Iterator[tuple[str, dict[str, Any]]]:
    """(unique edge id, attributes by ``EDGE_ATTRIBUTES`` name plus source, target, label)."""
    seen: dict[str, int] = {}
    for edge in network["edges"]:
        n = seen[edge["event"]] = seen.get(edge["event"], -1) + 1
        yield (
            f"{edge['event']}#{n}",  # an event with two actors or recipients has several edges
            {
                "source": edge["source"],
                "target": edge["target"],
                "label": edge.get("predicate_en") or edge.get("type") or "",
                "event": edge["event"],
                "event_type": edge.get("type"),
                "quad": edge.get("quad"),
                "mode": edge.get("mode"),
                "cameo": edge.get("cameo"),
                "predicate_en": edge.get("predicate_en"),
                "predicate_ar": edge.get("predicate_ar"),
                "trigger": edge.get("trigger"),
                "date": edge.get("date"),
                "modality": edge.get("modality"),
                "confidence": edge.get("confidence"),
                "weight": 1.0,
                "evidence": edge.get("sentence"),
                "doc_id": edge.get("doc_id"),
                "color": quad_color(edge.get("quad")),
            },
        )


# ------------------------------------------------------------------------- GraphML
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def graphml_writer(network: Network) -> Callable[[IO[bytes]], None]:
    """GraphML 1.0 with typed keys; an unknown value is left out (GraphML's missing data)."""

    def write(out: IO[bytes]) -> None:
        root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
        ET.SubElement(root, "key", {"id": "label", "for": "all", "attr.name": "label", "attr.type": "string"})
        for where, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
            for name, kind, _ in attributes:
                key = f"{where[0]}_{name}"
                ET.SubElement(root, "key", {"id": key, "for": where, "attr.name": name, "attr.type": kind})
        graph = ET.SubElement(root, "graph", {"id": "kg", "edgedefault": "directed"})
        ET.SubElement(graph, "desc").text = network.get("title") or ""
        for node, attrs in node_rows(network):
            element = ET.SubElement(graph, "node", {"id": node["id"]})
            _graphml_data(element, "label", label_of(node))
            for name, _, _ in NODE_ATTRIBUTES:
                _graphml_data(element, f"n_{name}", attrs[name])
        for key, attrs in edge_rows(network):
            element = ET.SubElement(graph, "edge", {"id": key, "source": attrs["source"], "target": attrs["target"]})
            _graphml_data(element, "label", attrs["label"])
            for name, _, _ in EDGE_ATTRIBUTES:
                _graphml_data(element, f"e_{name}", attrs[name])
        ET.indent(root, space=" ")
        ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)

    return write


def _graphml_data(element: ET.Element, key: str, value: Any) -> None:
    if value is None or value == "":
        return
    ET.SubElement(element, "data", {"key": key}).text = _xml_value(value)


# ------------------------------------------------------------------------- GEXF
GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"


def gexf_writer(network: Network) -> Callable[[IO[bytes]], None]:
    """GEXF 1.3, dynamic: each edge lives on its event's date (``start`` = ``end``), so Gephi's
    timeline filters events by time; undated edges and all nodes are always present. Colours
    and sizes as ``viz:``; the weight of an edge is 1 (one event), which Gephi sums when it
    merges parallel edges."""

    def write(out: IO[bytes]) -> None:
        ET.register_namespace("", GEXF_NS)
        ET.register_namespace("viz", VIZ_NS)
        root = ET.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"})
        meta = ET.SubElement(root, f"{{{GEXF_NS}}}meta")
        ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "kg"
        ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = network.get("title") or ""
        graph = ET.SubElement(
            root, f"{{{GEXF_NS}}}graph", {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"}
        )
        for where, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
            block = ET.SubElement(graph, f"{{{GEXF_NS}}}attributes", {"class": where, "mode": "static"})
            for name, _, kind in attributes:
                if where == "edge" and name == "weight":
                    continue  # GEXF has its own weight attribute
                ET.SubElement(block, f"{{{GEXF_NS}}}attribute", {"id": name, "title": name, "type": kind})
        nodes = ET.SubElement(graph, f"{{{GEXF_NS}}}nodes")
        for node, attrs in node_rows(network):
            element = ET.SubElement(nodes, f"{{{GEXF_NS}}}node", {"id": node["id"], "label": label_of(node)})
            _gexf_values(element, attrs, NODE_ATTRIBUTES)
            r, g, b = rgb(attrs["color"])
            ET.SubElement(element, f"{{{VIZ_NS}}}color", {"r": str(r), "g": str(g), "b": str(b)})
            ET.SubElement(element, f"{{{VIZ_NS}}}size", {"value": _xml_value(attrs["size"])})
        edges = ET.SubElement(graph, f"{{{GEXF_NS}}}edges")
        for key, attrs in edge_rows(network):
            spec = {"id": key, "source": attrs["source"], "target": attrs["target"], "label": attrs["label"]}
            spec["weight"] = _xml_value(attrs["weight"])
            if attrs["date"]:
                spec["start"] = spec["end"] = attrs["date"]
            element = ET.SubElement(edges, f"{{{GEXF_NS}}}edge", spec)
            _gexf_values(element, attrs, EDGE_ATTRIBUTES)
            r, g, b = rgb(attrs["color"])
            ET.SubElement(element, f"{{{VIZ_NS}}}color", {"r": str(r), "g": str(g), "b": str(b)})
        ET.indent(root, space=" ")
        ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)

    return write


def _gexf_values(element: ET.Element, attrs: dict[str, Any], names: tuple[tuple[str, str, str], ...]) -> None:
    values = ET.SubElement(element, f"{{{GEXF_NS}}}attvalues")
    for name, _, _ in names:
        value = attrs[name]
        if name == "weight" or value is None or value == "":
            continue
        ET.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": name, "value": _xml_value(value)})


def _xml_value(value: Any) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value)


# ------------------------------------------------------------------------- events table
def events_table(network: Network) -> tuple[tuple[str, ...], list[list[Any]]]:
    """One row per event (``EVENTS_HEADER``), recipient or not, sorted by date then IRI."""
    nodes = {n["id"]: n for n in network["nodes"]}

    def labels(ids: list[str], field: str) -> str:
        return JOIN.join(str(nodes[i].get(field) or "") if i in nodes else "" for i in ids)

    rows = []
    for event in sorted(events_of(network), key=lambda e: (e.get("date") or "9999", e["event"])):
        location = [event["location"]] if event["location"] else []
        rows.append(
            [
                event["event"],
                event.get("doc_id") or "",
                event.get("date") or "",
                event.get("type") or "",
                event.get("quad") or "",
                event.get("mode") or "",
                event.get("cameo") or "",
                event.get("modality") or "",
                "" if event.get("confidence") is None else event["confidence"],
                JOIN.join(event["actors"]),
                labels(event["actors"], "label_en"),
                labels(event["actors"], "label_ar"),
                JOIN.join(event["recipients"]),
                labels(event["recipients"], "label_en"),
                labels(event["recipients"], "label_ar"),
                JOIN.join(location),
                labels(location, "label_en"),
                labels(location, "label_ar"),
                event.get("predicate_en") or "",
                event.get("predicate_ar") or "",
                event.get("trigger") or "",
                _one_line(event.get("sentence")),
                "" if event.get("start") is None else event.get("start"),
                "" if event.get("end") is None else event.get("end"),
            ]
        )
    return EVENTS_HEADER, rows


# ------------------------------------------------------------------------- Neo4j
def neo4j_tables(network: Network) -> dict[str, tuple[tuple[str, ...], list[list[Any]]]]:
    """The four ``neo4j-admin database import full`` files by name: header and rows.

    Entities and events are nodes in their own ID spaces (``Entity``, ``Event``); an entity's
    labels are ``Actor`` and its type, an event's ``Event`` and its PLOVER class name
    (``Request``). ``relationships.csv`` holds one direct relationship per event between an
    actor and a recipient (type = PLOVER type); ``roles.csv`` links every event to its
    ``ACTOR``s, ``RECIPIENT``s and ``LOCATION``.
    """
    nodes = [
        [
            node["id"],
            label_of(node),
            _one_line(attrs["label_en"]),
            _one_line(attrs["label_ar"]),
            attrs["entity_type"] or "",
            attrs["wikidata"] or "",
            attrs["events"],
            attrs["events_without_recipient"],
            attrs["community"],
            "Actor" + (f";{attrs['entity_type']}" if attrs["entity_type"] else ""),
        ]
        for node, attrs in node_rows(network)
    ]
    events, roles = [], []
    for event in events_of(network):
        events.append(
            [
                event["event"],
                event.get("type") or "",
                event.get("quad") or "",
                event.get("mode") or "",
                event.get("cameo") or "",
                _one_line(event.get("predicate_en")),
                _one_line(event.get("predicate_ar")),
                _one_line(event.get("trigger")),
                event.get("date") or "",
                event.get("modality") or "",
                "" if event.get("confidence") is None else event["confidence"],
                _one_line(event.get("sentence")),
                event.get("doc_id") or "",
                "" if event.get("start") is None else event.get("start"),
                "" if event.get("end") is None else event.get("end"),
                "Event" + (f";{(event.get('type') or '').capitalize()}" if event.get("type") else ""),
            ]
        )
        roles += [[event["event"], a, "ACTOR"] for a in event["actors"]]
        roles += [[event["event"], r, "RECIPIENT"] for r in event["recipients"]]
        if event["location"]:
            roles.append([event["event"], event["location"], "LOCATION"])
    rels = [
        [
            attrs["source"],
            attrs["target"],
            attrs["event_type"] or "EVENT",
            attrs["event"],
            _one_line(attrs["predicate_en"]),
            _one_line(attrs["predicate_ar"]),
            _one_line(attrs["trigger"]),
            attrs["date"] or "",
            attrs["modality"] or "",
            "" if attrs["confidence"] is None else attrs["confidence"],
            attrs["weight"],
            _one_line(attrs["evidence"]),
            attrs["doc_id"] or "",
        ]
        for _key, attrs in edge_rows(network)
    ]
    return {
        "nodes.csv": (NEO4J_NODES_HEADER, nodes),
        "events.csv": (NEO4J_EVENTS_HEADER, events),
        "relationships.csv": (NEO4J_RELS_HEADER, rels),
        "roles.csv": (NEO4J_ROLES_HEADER, roles),
    }


# ------------------------------------------------------------------------- helpers
def write_csv(out: IO[str], header: tuple[str, ...], rows: list[list[Any]]) -> None:
    """CSV with a header row (RFC 4180 quoting, ``\\r\\n`` line ends as the csv module writes)."""
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)


def csv_writer(header: tuple[str, ...], rows: list[list[Any]]) -> Writer:
    return lambda out: write_csv(out, header, rows)


def _one_line(text: str | None) -> str:
    """Neo4j's importer needs --multiline-fields for newlines; keep each field on one line."""
    return " ".join((text or "").split())
