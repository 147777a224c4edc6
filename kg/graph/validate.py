"""Check a kg graph against the SHACL shapes of ``ontology/shapes.ttl``.

The shapes and the ontology ship inside the package (``kg/ontology``), so an installed kg
validates without a checkout. Validation runs on the union of all named graphs -- an entity's
type and labels may sit in one article's graph and the event naming it in another -- merged
with the whole of ``kg.ttl``: ``sh:targetClass kg:Event`` then also reaches a node typed only
``kg:Request`` (through rdfs:subClassOf), the SPARQL constraints can read each direct
property's rdfs:seeAlso (its PLOVER class), and the graph-wide checks can focus on the ontology
node. (pyshacl's own ``ont_graph`` option copies only RDFS/OWL axioms, not annotations, so the
merge is done here.)
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import pyshacl
from pyshacl.errors import ReportableRuntimeError
from rdflib import Dataset, Graph

from kg.errors import InputError, KGError

ONTOLOGY_FILE = "kg.ttl"
SHAPES_FILE = "shapes.ttl"


@cache
def _packaged_graph(name: str) -> Graph:
    """Parse one Turtle file of the packaged ontology folder (cached; never mutate the result)."""
    resource = files("kg") / "ontology" / name
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise KGError(f"kg's package data is missing ontology/{name}; reinstall kg") from exc
    return Graph().parse(data=text, format="turtle")


def ontology_graph() -> Graph:
    """A fresh copy of the kg ontology (``kg.ttl``)."""
    return _copy(_packaged_graph(ONTOLOGY_FILE))


def shapes_graph() -> Graph:
    """A fresh copy of the SHACL shapes (``shapes.ttl``)."""
    return _copy(_packaged_graph(SHAPES_FILE))


def _copy(graph: Graph) -> Graph:
    """Copy triples and prefixes so callers may change the result freely."""
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True)
    for triple in graph:
        copy.add(triple)
    return copy


def union_graph(data: Graph) -> Graph:
    """All triples of a Graph, or of every graph (default and named) of a Dataset, as a new Graph."""
    union = Graph()
    for prefix, namespace in data.namespaces():
        union.bind(prefix, namespace, override=True)
    if data.context_aware:  # Dataset / ConjunctiveGraph: several graphs
        for subject, predicate, obj, _graph in data.quads((None, None, None, None)):  # type: ignore[attr-defined]
            union.add((subject, predicate, obj))
    else:
        for triple in data:
            union.add(triple)
    return union


def validate(data: Graph | Dataset) -> tuple[bool, str]:
    """Validate a kg graph or dataset against kg's SHACL shapes.

    Returns ``(conforms, report)``: ``conforms`` is False when any sh:Violation is found;
    warnings (a direct edge with no event behind it) are listed in ``report`` but do not fail.
    ``report`` is pyshacl's readable text naming each focus node, path and message.
    """
    if not isinstance(data, Graph):
        raise InputError(
            f"validate() takes an rdflib Graph or Dataset, not {type(data).__name__}; "
            "load the RDF with rdflib first (e.g. Dataset().parse(path, format='trig'))"
        )
    merged = union_graph(data)
    for triple in _packaged_graph(ONTOLOGY_FILE):
        merged.add(triple)
    try:
        conforms, _report_graph, report = pyshacl.validate(
            merged,
            shacl_graph=_packaged_graph(SHAPES_FILE),
            inference="none",
            allow_warnings=True,
            abort_on_first=False,
        )
    except ReportableRuntimeError as exc:  # broken shapes, or data pyshacl cannot read
        raise KGError(f"SHACL validation could not run: {exc}") from exc
    return bool(conforms), str(report)
