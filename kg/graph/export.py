"""Write the graph in every format users take elsewhere; each file is written atomically.

RDF: Turtle and N-Triples carry the union of the articles' graphs (an entity shared by two
articles is written once); TriG, N-Quads and JSON-LD keep one named graph per article.
Networks: GraphML and GEXF (actor network, see ``kg.graph.network``), Neo4j import CSVs (the two
files replaced together), and a triples CSV with labels for pandas.

Files are sorted (graph, subject, predicate, object), so they read well and are stable, and
written by streaming: memory holds one graph's subjects and one subject's statements, not the
store. Nothing is ever written inside a store folder, and temporary files that a killed export
left behind are removed by the next export to the same folder.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import functools
import importlib.resources
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import rdflib

from kg.corpus import clean_stale_temps, temp_path
from kg.errors import InputError
from kg.graph.formats import AnyFormat, ExportFormat, RdfFormat, from_name
from kg.graph.network import Network, network_from_dataset, network_from_store
from kg.graph.store import PREFIXES, Store, check_output_path

Source = Store | rdflib.Graph  # the store, or an rdflib Dataset of articles' graphs

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

NEO4J_NODES_HEADER = ("id:ID", "label_ar", "label_en", "wikidata", "events:int", ":LABEL")
NEO4J_RELS_HEADER = (
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "predicate_en",
    "date",
    "modality",
    "confidence:float",
    "evidence",
    "doc_id",
)
TRIPLES_CSV_HEADER = ("subject", "predicate", "object", "graph", "subject_label", "predicate_label", "object_label")


def export(source: Source, fmt: AnyFormat | str, path: str | os.PathLike[str]) -> list[Path]:
    """Write ``source`` as ``fmt`` to ``path``; returns the files written.

    ``source`` is a Store or an rdflib Dataset; ``fmt`` a RdfFormat, ExportFormat or its name.
    For ``neo4j`` ``path`` is a folder that receives ``nodes.csv`` and ``relationships.csv``
    (import with ``neo4j-admin database import full --nodes=nodes.csv
    --relationships=relationships.csv``).
    """
    fmt = from_name(fmt) if isinstance(fmt, str) else fmt
    path = check_output_path(path, source.path if isinstance(source, Store) else None)
    clean_stale_temps(path.parent)
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
    raise InputError(f"no exporter for {fmt}")  # unreachable while every format has one


def network_of(source: Source) -> Network:
    """The actor network of a Store or an rdflib Dataset."""
    return network_from_store(source) if isinstance(source, Store) else network_from_dataset(source)


# ------------------------------------------------------------------------- RDF
def write_rdf(source: Source, fmt: RdfFormat, path: Path) -> Path:
    """One RDF serialization of the whole source, sorted (see the module's docstring); N-Quads
    of a Store are dumped as stored."""
    handle = _oxigraph_of(source)
    prefixes = PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
    with _atomic(path) as tmp:
        if fmt is RdfFormat.JSONLD:
            tmp.write_text(_jsonld(handle), encoding="utf-8")
        elif fmt is RdfFormat.NQUADS and isinstance(source, Store):
            handle.dump(str(tmp), fmt.oxigraph)
        elif fmt.named_graphs:
            ox.serialize(_sorted_quads(handle), str(tmp), fmt.oxigraph, prefixes=prefixes)
        else:  # triple formats: the union of all graphs, each triple once
            ox.serialize(_sorted_union(handle), str(tmp), fmt.oxigraph, prefixes=prefixes)
    return path


def _graphs(handle: ox.Store) -> list[Any]:
    """The default graph, then the named graphs in IRI order."""
    named = sorted((g for g in handle.named_graphs() if isinstance(g, ox.NamedNode)), key=str)
    return [ox.DefaultGraph(), *named]


def _subjects(quads: Iterable[ox.Quad], key: Any = str) -> list[Any]:
    """The distinct subjects of ``quads``, in IRI order (``key`` of each)."""
    return sorted({q.subject for q in quads}, key=key)


def _all_subjects(handle: ox.Store, key: Any = str) -> list[Any]:
    """The distinct subjects of the whole store, in IRI order: found by Oxigraph (a set of its
    compact ids) rather than by reading every quad into Python."""
    found = handle.query("SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    assert isinstance(found, ox.QuerySolutions)
    return sorted({row[0] for row in found}, key=key)


def _sorted_quads(handle: ox.Store) -> Iterator[ox.Quad]:
    """Every quad, sorted by graph, subject, predicate, object; held in memory: one graph's
    subjects, one subject's statements."""
    for graph in _graphs(handle):
        for subject in _subjects(handle.quads_for_pattern(None, None, None, graph)):
            yield from sorted(handle.quads_for_pattern(subject, None, None, graph), key=_statement_key)


def _sorted_union(handle: ox.Store) -> Iterator[ox.Triple]:
    """The union of the graphs' triples, each once, sorted; held in memory: the subjects, one
    subject's statements."""
    for subject in _all_subjects(handle):
        triples = {q.triple for q in handle.quads_for_pattern(subject, None, None, None)}
        yield from sorted(triples, key=_statement_key)


def _statement_key(statement: ox.Quad | ox.Triple) -> tuple[str, str]:
    """Predicate, object: the order of one subject's statements (in N-Triples syntax)."""
    return (str(statement.predicate), str(statement.object))


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
def _graph_for_files(network: Network, gexf: bool) -> nx.MultiDiGraph:
    """The network with None dropped (GraphML/GEXF cannot hold it) and a ``label`` per node
    and edge for Gephi/yEd. GEXF reserves an edge's ``type`` (directed/undirected), so there
    the PLOVER type is ``event_type``."""
    graph = nx.MultiDiGraph()
    for node in network["nodes"]:
        attrs = {k: ("" if v is None else v) for k, v in node.items() if k != "id"}
        attrs["events"] = int(node.get("events") or 0)
        attrs["label"] = node.get("label_en") or node.get("label_ar") or node["id"]
        graph.add_node(node["id"], **attrs)
    seen: dict[str, int] = {}
    for edge in network["edges"]:
        attrs = {
            "type": edge.get("type") or "",
            "quad": edge.get("quad") or "",
            "predicate_en": edge.get("predicate_en") or "",
            "date": edge.get("date") or "",
            "modality": edge.get("modality") or "",
            "confidence": float(edge["confidence"]) if edge.get("confidence") is not None else 0.0,
            "evidence": edge.get("sentence") or "",
            "doc_id": edge.get("doc_id") or "",
            "event": edge["event"],
            "label": edge.get("predicate_en") or edge.get("type") or "",
        }
        if gexf:
            attrs["event_type"] = attrs.pop("type")
        index = seen[edge["event"]] = seen.get(edge["event"], -1) + 1
        key = f"{edge['event']}#{index}"  # unique edge id even when an event has two actors
        graph.add_edge(edge["source"], edge["target"], key=key, **attrs)
    return graph


def write_graphml(network: Network, path: Path) -> Path:
    """GraphML (yEd, Cytoscape, Gephi) with typed attributes (events int, confidence double)."""
    with _atomic(path) as tmp:
        nx.write_graphml(_graph_for_files(network, gexf=False), tmp, encoding="utf-8")
    return path


def write_gexf(network: Network, path: Path) -> Path:
    """GEXF 1.2 for Gephi; the PLOVER type is the edge attribute ``event_type``."""
    with _atomic(path) as tmp:
        nx.write_gexf(_graph_for_files(network, gexf=True), tmp, encoding="utf-8")
    return path


def write_neo4j(network: Network, folder: Path) -> list[Path]:
    """``nodes.csv`` and ``relationships.csv`` in ``neo4j-admin database import`` format, replaced
    together: readers never see new nodes beside old relationships (``_atomic_pair``)."""
    nodes = [
        [
            n["id"],
            _one_line(n.get("label_ar")),
            _one_line(n.get("label_en")),
            n.get("wikidata") or "",
            int(n.get("events") or 0),
            n.get("type") or "Entity",
        ]
        for n in network["nodes"]
    ]
    rels = [
        [
            e["source"],
            e["target"],
            e.get("type") or "EVENT",
            _one_line(e.get("predicate_en")),
            e.get("date") or "",
            e.get("modality") or "",
            "" if e.get("confidence") is None else float(e["confidence"]),
            _one_line(e.get("sentence")),
            e.get("doc_id") or "",
        ]
        for e in network["edges"]
    ]
    with _atomic_pair(folder, NEO4J_FILES) as tmp:
        _csv_file(tmp / NEO4J_FILES[0], NEO4J_NODES_HEADER, nodes)
        _csv_file(tmp / NEO4J_FILES[1], NEO4J_RELS_HEADER, rels)
    return [folder / name for name in NEO4J_FILES]


NEO4J_FILES = ("nodes.csv", "relationships.csv")


# ------------------------------------------------------------------------- triples CSV
def write_triples_csv(source: Source, path: Path) -> Path:
    """One row per quad: subject, predicate, object (IRI or literal's lexical form), graph,
    and the labels of subject, predicate and object where known (English first, then Arabic).
    Sorted by subject, predicate, object, graph; held in memory: the subjects, one subject's
    rows."""
    handle = _oxigraph_of(source)
    label = _label_finder(handle)
    with _atomic(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(TRIPLES_CSV_HEADER)
        for subject in _all_subjects(handle, key=_text):
            rows = []
            for quad in handle.quads_for_pattern(subject, None, None, None):
                graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else _text(quad.graph_name)
                predicate, obj = quad.predicate.value, _text(quad.object)
                rows.append(
                    [
                        _text(subject),
                        predicate,
                        obj,
                        graph,
                        label(subject),
                        label(quad.predicate) or _qname(predicate),
                        label(quad.object) if not isinstance(quad.object, ox.Literal) else "",
                    ]
                )
            writer.writerows(sorted(rows))
    return path


def _label_finder(handle: ox.Store) -> Any:
    """A function giving a node's rdfs:label (English, else Arabic, else any; the smallest of
    equals), looked up in the store as needed (a cache keeps the recent ones), and the
    ontology's labels for its terms."""
    ontology = _best_labels(_ontology_label_quads())
    predicate = ox.NamedNode(RDFS_LABEL)

    @functools.lru_cache(maxsize=1 << 15)
    def label(term: Any) -> str:
        if isinstance(term, ox.NamedNode) and term.value in ontology:
            return ontology[term.value]
        found = _best_labels(handle.quads_for_pattern(term, predicate, None, None))
        return next(iter(found.values()), "")

    return label


def _best_labels(quads: Iterable[ox.Quad]) -> dict[str, str]:
    """The best label of each subject of rdfs:label ``quads``: English, else Arabic, else any."""
    rank = {"en": 0, "ar": 1}
    best: dict[str, tuple[int, str]] = {}
    for quad in quads:
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
    """A temporary path beside ``path`` that replaces it only when the block succeeds (a killed
    export leaves the temporary file, which the next export to the folder removes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _atomic_pair(folder: Path, names: tuple[str, ...]) -> Iterator[Path]:
    """A temporary folder whose files ``names`` replace those of ``folder`` together.

    A new folder, or one that holds only these files, is swapped whole: with Linux's
    renameat2(RENAME_EXCHANGE), readers see the old set or the new one, never a mix; elsewhere
    the old folder is moved aside first (for an instant there is none). Beside files of its
    own the folder keeps them, and the files are replaced one right after the other once all
    are complete.
    """
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is a file; the neo4j export writes a folder: give a folder's path")
    folder.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(folder.parent)
    tmp = temp_path(folder)
    tmp.mkdir()
    try:
        yield tmp
        others = [e for e in os.listdir(folder) if e not in names] if folder.is_dir() else []
        if not folder.exists():
            os.rename(tmp, folder)
        elif others:
            clean_stale_temps(folder)
            for name in names:
                os.replace(tmp / name, folder / name)
        elif not _exchange(tmp, folder):
            aside = temp_path(folder)
            os.rename(folder, aside)
            os.rename(tmp, folder)
            shutil.rmtree(aside, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # after an exchange: the old files


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return done == 0


def _csv_file(path: Path, header: tuple[str, ...], rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


def _one_line(text: str | None) -> str:
    """Neo4j's importer needs --multiline-fields for newlines; keep each field on one line."""
    return " ".join((text or "").split())


__all__ = [
    "export",
    "write_rdf",
    "write_graphml",
    "write_gexf",
    "write_neo4j",
    "write_triples_csv",
    "jsonld_context",
    "network_of",
]
