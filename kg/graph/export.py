"""Write the graph in every format users take elsewhere; each file is written atomically.

RDF: Turtle and N-Triples carry the union of the articles' graphs (an entity shared by two
articles is written once); TriG, N-Quads and JSON-LD keep one named graph per article.
Networks: GraphML and GEXF (the actor network), Neo4j import CSVs and the events table, written
by ``kg.graph.graphfiles`` from the plain network of ``kg.graph.network``; and a triples CSV with
labels, languages and datatypes for pandas.
"""

from __future__ import annotations

import contextlib
import csv
import importlib.resources
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from kg.errors import InputError
from kg.graph import graphfiles
from kg.graph.formats import AnyFormat, ExportFormat, RdfFormat, from_name
from kg.graph.network import Network, network_from_dataset, network_from_store
from kg.graph.store import Store
from kg.graph.vocab import PREFIXES

Source = Store | rdflib.Graph  # the store, or an rdflib Dataset of articles' graphs

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

TRIPLES_CSV_HEADER = (
    "subject",
    "predicate",
    "object",
    "object_kind",
    "object_language",
    "object_datatype",
    "graph",
    "subject_label",
    "predicate_label",
    "object_label",
)
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def export(source: Source, fmt: AnyFormat | str, path: str | os.PathLike[str]) -> list[Path]:
    """Write ``source`` as ``fmt`` to ``path``; returns the files written.

    ``source`` is a Store or an rdflib Dataset; ``fmt`` a RdfFormat, ExportFormat or its name.
    For ``neo4j`` ``path`` is a folder that receives ``nodes.csv``, ``events.csv``,
    ``relationships.csv`` and ``roles.csv`` (import with ``neo4j-admin database import full
    --nodes=nodes.csv --nodes=events.csv --relationships=relationships.csv
    --relationships=roles.csv``). InputError when ``path`` cannot take the format (a folder for
    a file, a file for neo4j, a file where a folder should be).
    """
    fmt = from_name(fmt) if isinstance(fmt, str) else fmt
    path = Path(path)
    check_target(path, fmt)
    if isinstance(fmt, RdfFormat):
        return [write_rdf(source, fmt, path)]
    if fmt is ExportFormat.CSV:
        return [write_triples_csv(source, path)]
    network = network_of(source)
    if fmt is ExportFormat.GRAPHML:
        return [write_graphml(network, path)]
    if fmt is ExportFormat.GEXF:
        return [write_gexf(network, path)]
    if fmt is ExportFormat.NEO4J:
        return write_neo4j(network, path)
    if fmt is ExportFormat.EVENTS:
        return [write_events_csv(network, path)]
    raise InputError(f"no exporter for {fmt}")  # unreachable while every format has one


def check_target(path: Path, fmt: AnyFormat) -> None:
    """InputError unless ``path`` can receive ``fmt``: a file name (not a folder) for every
    format but neo4j, a folder (or a new name) for neo4j, and no file where a folder must be."""
    folder = fmt is ExportFormat.NEO4J
    if folder and path.exists() and not path.is_dir():
        raise InputError(f"{path} is a file; neo4j writes a folder of four CSV files: give a folder name (-o neo4j/)")
    if not folder and path.is_dir():
        raise InputError(f"{path} is a folder; give a file name, e.g. {path / ('graph.' + fmt.extension)}")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError(f"cannot write {path}: {parent} is a file, not a folder")
            break


def network_of(source: Source) -> Network:
    """The actor network of a Store or an rdflib Dataset."""
    return network_from_store(source) if isinstance(source, Store) else network_from_dataset(source)


# ------------------------------------------------------------------------- RDF
def write_rdf(source: Source, fmt: RdfFormat, path: Path) -> Path:
    """One RDF serialization of the whole source.

    Turtle, TriG and JSON-LD are sorted (subject blocks read well and output is stable, at the
    cost of holding the quads in memory); N-Triples and N-Quads of a Store stream, so they suit
    big stores.
    """
    handle = _oxigraph_of(source)
    pretty = fmt is not RdfFormat.NTRIPLES and fmt is not RdfFormat.NQUADS or not isinstance(source, Store)
    prefixes = PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
    with _atomic(path) as tmp:
        if fmt is RdfFormat.JSONLD:
            tmp.write_text(_jsonld(handle), encoding="utf-8")
        elif fmt.named_graphs:
            if pretty:
                ox.serialize(sorted(handle, key=_sort_key), str(tmp), fmt.oxigraph, prefixes=prefixes)
            else:
                handle.dump(str(tmp), fmt.oxigraph)
        else:  # triple formats: the union of all graphs (CONSTRUCT yields a set)
            union: Any = handle.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
            if pretty:
                union = sorted(union, key=_sort_key)
            ox.serialize(union, str(tmp), fmt.oxigraph, prefixes=prefixes)
    return path


def _sort_key(statement: ox.Quad | ox.Triple) -> tuple[str, ...]:
    """Graph (default first), subject, predicate, object: groups Turtle/TriG blocks."""
    graph = getattr(statement, "graph_name", None)
    graph_key = "" if graph is None or isinstance(graph, ox.DefaultGraph) else str(graph)
    return (graph_key, str(statement.subject), str(statement.predicate), str(statement.object))


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD @context shipped with the ontology, or the prefixes when it is absent."""
    resource = importlib.resources.files("kg") / "ontology" / "context.jsonld"
    try:
        loaded = json.loads(resource.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError, json.JSONDecodeError):
        return dict(PREFIXES)
    context = loaded.get("@context", loaded) if isinstance(loaded, dict) else None
    return context if isinstance(context, dict) else dict(PREFIXES)


def _jsonld(handle: ox.Store) -> str:
    """JSON-LD with the context inlined (the file reads without network) and one @graph per
    article."""
    ds = rdflib.Dataset()
    ds.parse(data=handle.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    return ds.serialize(format="json-ld", context=jsonld_context(), indent=1, ensure_ascii=False)


# ------------------------------------------------------------------------- networks
def write_graphml(network: Network, path: Path) -> Path:
    """GraphML (Cytoscape, yEd, Gephi) with typed attributes (``graphfiles.NODE_ATTRIBUTES``)."""
    with _atomic(path) as tmp, tmp.open("wb") as out:
        graphfiles.graphml_writer(network)(out)
    return path


def write_gexf(network: Network, path: Path) -> Path:
    """GEXF 1.3 for Gephi: dynamic (edges on their event's date), ``viz:`` colours and sizes."""
    with _atomic(path) as tmp, tmp.open("wb") as out:
        graphfiles.gexf_writer(network)(out)
    return path


def write_events_csv(network: Network, path: Path) -> Path:
    """The events table: one row per event, with or without a recipient (``EVENTS_HEADER``)."""
    return _write_csv(path, *graphfiles.events_table(network))


def write_neo4j(network: Network, folder: Path) -> list[Path]:
    """The four CSV files of ``neo4j-admin database import full`` (``graphfiles.neo4j_tables``)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        _write_csv(folder / name, header, rows) for name, (header, rows) in graphfiles.neo4j_tables(network).items()
    ]


# ------------------------------------------------------------------------- triples CSV
def write_triples_csv(source: Source, path: Path) -> Path:
    """One row per quad: subject, predicate, object (IRI or literal's lexical form), what the
    object is (``iri``, ``literal`` or ``blank``), its language and datatype when a literal, the
    graph, and the labels of subject, predicate and object where known (English first, then
    Arabic)."""
    handle = _oxigraph_of(source)
    labels = _labels(handle)
    rows = []
    for quad in handle:
        graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else _text(quad.graph_name)
        subject, predicate, obj = _text(quad.subject), quad.predicate.value, _text(quad.object)
        rows.append(
            [
                subject,
                predicate,
                obj,
                *_object_kind(quad.object),
                graph,
                labels.get(subject, ""),
                labels.get(predicate) or _qname(predicate),
                labels.get(obj, "") if not isinstance(quad.object, ox.Literal) else "",
            ]
        )
    rows.sort()
    return _write_csv(path, TRIPLES_CSV_HEADER, rows)


def _object_kind(term: Any) -> tuple[str, str, str]:
    """(kind, language, datatype) of an object: a language-tagged literal is rdf:langString."""
    if isinstance(term, ox.Literal):
        if term.language:
            return "literal", term.language, RDF_LANG_STRING
        return "literal", "", term.datatype.value if term.datatype else XSD_STRING
    return ("blank" if isinstance(term, ox.BlankNode) else "iri"), "", ""


def _labels(handle: ox.Store) -> dict[str, str]:
    """rdfs:label of every node in the store and of the ontology's terms: English, else Arabic,
    else any."""
    rank = {"en": 0, "ar": 1}
    best: dict[str, tuple[int, str]] = {}
    quads = list(handle.quads_for_pattern(None, ox.NamedNode(RDFS_LABEL), None, None))
    for quad in quads + _ontology_label_quads():
        if not isinstance(quad.object, ox.Literal):
            continue
        key, value = _text(quad.subject), quad.object.value
        candidate = (rank.get(quad.object.language or "", 2), value)
        if key not in best or candidate < best[key]:
            best[key] = candidate
    return {k: v for k, (_, v) in best.items()}


def _ontology_label_quads() -> list[ox.Quad]:
    """Label triples of ``kg/ontology/kg.ttl`` when the package ships it (else none)."""
    resource = importlib.resources.files("kg") / "ontology" / "kg.ttl"
    try:
        data = resource.read_bytes()
        return [q for q in ox.parse(data, ox.RdfFormat.TURTLE) if q.predicate.value == RDFS_LABEL]
    except (FileNotFoundError, OSError, SyntaxError):
        return []


def _qname(iri: str) -> str:
    """``kg:actor`` for a known namespace, else the IRI."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and "/" not in iri[len(ns) :]:
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def _text(term: Any) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


# ------------------------------------------------------------------------- helpers
def _oxigraph_of(source: Source) -> ox.Store:
    """The source as a pyoxigraph store (an rdflib dataset is copied into memory)."""
    if isinstance(source, Store):
        return source.oxigraph
    if isinstance(source, rdflib.Graph):
        handle = ox.Store()
        fmt = "nquads" if isinstance(source, (rdflib.Dataset, rdflib.ConjunctiveGraph)) else "nt"
        handle.load(
            source.serialize(format=fmt, encoding="utf-8"),
            ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.N_TRIPLES,
        )
        return handle
    raise InputError(f"cannot export a {type(source).__name__}; give a Store or rdflib Dataset")


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it only when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # a fresh name (not mkstemp) so the file gets the usual umask permissions, not 0600
    tmp = path.parent / f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _write_csv(path: Path, header: tuple[str, ...], rows: list[list[Any]]) -> Path:
    with _atomic(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


__all__ = [
    "export",
    "write_rdf",
    "write_graphml",
    "write_gexf",
    "write_neo4j",
    "write_events_csv",
    "write_triples_csv",
    "check_target",
    "jsonld_context",
    "network_of",
]
