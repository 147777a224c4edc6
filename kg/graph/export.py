"""Write the graph in every format users take elsewhere; each file is written atomically.

RDF: Turtle and N-Triples carry the union of the articles' graphs (an entity shared by two
articles is written once); TriG, N-Quads and JSON-LD keep one named graph per article.
Networks: GraphML and GEXF (the actor network), Neo4j import CSVs and the events table, written
by ``kg.graph.graphfiles`` from the plain network of ``kg.graph.network``; and a triples CSV with
labels, languages and datatypes for pandas.

Files are sorted (graph, subject, predicate, object), so they read well and are stable, and
written by streaming where they can be: the triples CSV holds one subject's statements at a
time, not the store. Nothing is ever written inside a store folder, the Neo4j files are replaced
together, and temporary files that a killed export left behind are removed by the next export
to the same folder.
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

import pyoxigraph as ox
import rdflib

from kg.corpus import clean_stale_temps, temp_path
from kg.errors import InputError
from kg.graph import graphfiles
from kg.graph.formats import AnyFormat, ExportFormat, RdfFormat, from_name
from kg.graph.network import Network, filter_network, network_from_dataset, network_from_store
from kg.graph.paths import check_output_path
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


def export(
    source: Source, fmt: AnyFormat | str, path: str | os.PathLike[str], min_confidence: float = 0.0
) -> list[Path]:
    """Write ``source`` as ``fmt`` to ``path``; returns the files written.

    ``source`` is a Store or an rdflib Dataset; ``fmt`` a RdfFormat, ExportFormat or its name.
    For ``neo4j`` ``path`` is a folder that receives ``nodes.csv``, ``events.csv``,
    ``relationships.csv`` and ``roles.csv`` (import with ``neo4j-admin database import full
    --nodes=nodes.csv --nodes=events.csv --relationships=relationships.csv
    --relationships=roles.csv``). InputError when ``path`` cannot take the format (a folder for
    a file, a file for neo4j, a file where a folder should be). ``min_confidence`` keeps, in
    the network formats, only events scored at least that (and the actors left with an event);
    the RDF and triples files carry the store as it is (build with ``--min-confidence`` to store
    only confident events), so it is an InputError for them.
    """
    fmt = from_name(fmt) if isinstance(fmt, str) else fmt
    path = check_output_path(path, source.path if isinstance(source, Store) else None)
    check_target(path, fmt)
    clean_stale_temps(path.parent)
    if min_confidence > 0 and (isinstance(fmt, RdfFormat) or fmt is ExportFormat.CSV):
        raise InputError(
            f"--min-confidence applies to the network formats (graphml, gexf, neo4j, events); {fmt.name.lower()} "
            "writes the store as it is: build with `kg build --min-confidence` to store only confident events"
        )
    if isinstance(fmt, RdfFormat):
        return [write_rdf(source, fmt, path)]
    if fmt is ExportFormat.CSV:
        return [write_triples_csv(source, path)]
    network = network_of(source)
    if min_confidence > 0:
        network = filter_network(network, min_confidence=min_confidence)
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
    """The four CSV files of ``neo4j-admin database import full`` (``graphfiles.neo4j_tables``),
    replaced together: readers never see new nodes beside old relationships (``_atomic_pair``)."""
    tables = graphfiles.neo4j_tables(network)
    names = tuple(tables)
    with _atomic_pair(folder, names) as tmp:
        for name, (header, rows) in tables.items():
            _csv_file(tmp / name, header, rows)
    return [folder / name for name in names]


# ------------------------------------------------------------------------- triples CSV
def write_triples_csv(source: Source, path: Path) -> Path:
    """One row per quad: subject, predicate, object (IRI or literal's lexical form), what the
    object is (``iri``, ``literal`` or ``blank``), its language and datatype when a literal, the
    graph, and the labels of subject, predicate and object where known (English first, then
    Arabic). Sorted by subject, predicate, object, graph; held in memory: the subjects, one
    subject's rows."""
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
                        *_object_kind(quad.object),
                        graph,
                        label(subject),
                        label(quad.predicate) or _qname(predicate),
                        label(quad.object) if not isinstance(quad.object, ox.Literal) else "",
                    ]
                )
            writer.writerows(sorted(rows))
    return path


def _object_kind(term: Any) -> tuple[str, str, str]:
    """(kind, language, datatype) of an object: a language-tagged literal is rdf:langString."""
    if isinstance(term, ox.Literal):
        if term.language:
            return "literal", term.language, RDF_LANG_STRING
        return "literal", "", term.datatype.value if term.datatype else XSD_STRING
    return ("blank" if isinstance(term, ox.BlankNode) else "iri"), "", ""


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


def _write_csv(path: Path, header: tuple[str, ...], rows: list[list[Any]]) -> Path:
    with _atomic(path) as tmp:
        _csv_file(tmp, header, rows)
    return path


def _csv_file(path: Path, header: tuple[str, ...], rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


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
