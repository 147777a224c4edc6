"""The output formats kg writes, each knowing its media type, file extension and writers.

RDF serializations are ``RdfFormat``; the graph-tool exports (actor network, Neo4j, CSV) are
``ExportFormat``. ``from_name`` turns a user's ``--format`` value into either one, so the CLI has
a single place that knows the names and lists them when a name is wrong.
"""

from __future__ import annotations

from enum import Enum

import pyoxigraph

from kg.errors import InputError


class RdfFormat(Enum):
    """An RDF serialization: (name, media type, extension, carries named graphs, rdflib name)."""

    TURTLE = ("turtle", "text/turtle", "ttl", False, "turtle")
    NTRIPLES = ("ntriples", "application/n-triples", "nt", False, "nt")
    TRIG = ("trig", "application/trig", "trig", True, "trig")
    NQUADS = ("nquads", "application/n-quads", "nq", True, "nquads")
    JSONLD = ("jsonld", "application/ld+json", "jsonld", True, "json-ld")

    def __init__(self, label: str, media_type: str, extension: str, named_graphs: bool, rdflib_name: str) -> None:
        self.label = label
        self.media_type = media_type
        self.extension = extension
        self.named_graphs = named_graphs
        self.rdflib_name = rdflib_name

    @property
    def oxigraph(self) -> pyoxigraph.RdfFormat:
        """The matching ``pyoxigraph.RdfFormat``."""
        return {
            "turtle": pyoxigraph.RdfFormat.TURTLE,
            "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
            "trig": pyoxigraph.RdfFormat.TRIG,
            "nquads": pyoxigraph.RdfFormat.N_QUADS,
            "jsonld": pyoxigraph.RdfFormat.JSON_LD,
        }[self.label]


class ExportFormat(Enum):
    """A non-RDF export: (name, media type, extension, description)."""

    GRAPHML = ("graphml", "application/graphml+xml", "graphml", "actor network for Gephi, Cytoscape, yEd")
    GEXF = ("gexf", "application/gexf+xml", "gexf", "actor network for Gephi")
    NEO4J = (
        "neo4j",
        "text/csv",
        "",
        "a folder of nodes.csv, events.csv, relationships.csv, roles.csv for `neo4j-admin database import full`",
    )
    CSV = ("csv", "text/csv", "csv", "one row per triple with labels, language and datatype (pandas, spreadsheets)")
    EVENTS = ("events", "text/csv", "csv", "one row per event with both labels and the evidence (pandas)")

    def __init__(self, label: str, media_type: str, extension: str, description: str) -> None:
        self.label = label
        self.media_type = media_type
        self.extension = extension
        self.description = description


AnyFormat = RdfFormat | ExportFormat

# accepted spellings beyond the canonical names
_ALIASES = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "nq": "nquads",
    "n-quads": "nquads",
    "json-ld": "jsonld",
    "jsonld": "jsonld",
}


def names() -> list[str]:
    """Every valid format name, RDF ones first."""
    return [f.label for f in RdfFormat] + [f.label for f in ExportFormat]


def from_name(name: str) -> AnyFormat:
    """The format called ``name`` (case-insensitive; ``ttl``, ``nt``, ``nq`` also accepted).

    Raises InputError naming the valid formats.
    """
    key = _ALIASES.get(name.strip().lower(), name.strip().lower())
    for fmt in (*RdfFormat, *ExportFormat):
        if fmt.label == key:
            return fmt
    raise InputError(f"unknown format {name!r}; choose one of: {', '.join(names())}")


def from_path(path: str) -> AnyFormat:
    """The format a file name's extension implies (``out.ttl`` -> TURTLE); InputError if none."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    for fmt in (*RdfFormat, *ExportFormat):
        if fmt.extension and fmt.extension == suffix:
            return fmt
    raise InputError(f"cannot tell the format of {path!r} from its extension; give one of: {', '.join(names())}")
