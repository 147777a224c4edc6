"""The embedded triple store: Oxigraph (pyoxigraph) on disk, one named graph per article.

An article's graph is replaced whole in one SPARQL UPDATE request; Oxigraph applies an update
request in a single transaction ("either the full operation succeeds, or nothing is written"),
so a crash between the DROP and the INSERT cannot leave an article half-written. Entities are
shared between articles: their triples repeat in each article's graph and, their IRIs being
deterministic, they are one node in the union of the graphs that queries see.
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from kg.errors import InputError, QueryError, StoreError
from kg.graph.formats import RdfFormat
from kg.graph.guard import check_query
from kg.graph.vocab import DESCRIPTION_PREDICATES, ENTITY_GRAPH, ENTITY_PREFIX, KG, PREFIXES

KG_NS = str(KG._NS)

DEFAULT_TIMEOUT_S = 30.0


def default_store_path() -> Path:
    """Where the store lives unless told: $KG_STORE, else $XDG_DATA_HOME/kg/store
    (~/.local/share/kg/store)."""
    if os.environ.get("KG_STORE"):
        return Path(os.environ["KG_STORE"]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "kg" / "store"


@dataclass(frozen=True)
class QueryResult:
    """A materialized SPARQL result.

    ``kind`` is "select", "ask" or "construct". SELECT rows map each variable to a plain string
    (an IRI, a literal's lexical form, or ``_:id`` for a blank node) or None when unbound;
    CONSTRUCT/DESCRIBE triples hold each term in N-Triples syntax. ``truncated`` is True when
    ``limit`` cut the result short. ``terms`` keeps each SELECT row's pyoxigraph terms (in
    ``variables`` order, None when unbound) for writers that need the kind of each value
    (``kg.graph.sparql.results_json``).
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[dict[str, str | None], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[str, str, str], ...] = ()
    truncated: bool = False
    terms: tuple[tuple[Any, ...], ...] = ()

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def to_csv(self) -> str:
        """SELECT rows as CSV with a header (unbound -> empty); CONSTRUCT as s,p,o."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        if self.kind == "ask":
            writer.writerows([["boolean"], [str(self.boolean).lower()]])
        elif self.kind == "select":
            writer.writerow(self.variables)
            writer.writerows([[row.get(v) or "" for v in self.variables] for row in self.rows])
        else:
            writer.writerow(["subject", "predicate", "object"])
            writer.writerows(self.triples)
        return out.getvalue()

    def to_turtle(self) -> str:
        """CONSTRUCT/DESCRIBE triples as Turtle with kg's prefixes (a comment says when ``limit``
        cut them short)."""
        lines = "".join(f"{s} {p} {o} .\n" for s, p, o in self.triples).encode("utf-8")
        graph = ox.parse(lines, ox.RdfFormat.N_TRIPLES)
        text = (ox.serialize(graph, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"").decode("utf-8")
        if self.truncated:
            text += f"# the first {len(self.triples)} triples only; raise --limit for more\n"
        return text

    def to_json(self) -> str:
        """The result as JSON: {"variables", "rows"} | {"boolean"} | {"triples"}."""
        if self.kind == "ask":
            obj: dict[str, Any] = {"boolean": self.boolean}
        elif self.kind == "select":
            obj = {"variables": list(self.variables), "rows": list(self.rows)}
        else:
            obj = {"triples": [list(t) for t in self.triples]}
        obj["truncated"] = self.truncated
        return json.dumps(obj, ensure_ascii=False, indent=1)


def plain(term: Any) -> str | None:
    """A pyoxigraph term as a plain string: IRI, literal lexical form, or ``_:id``."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


@dataclass
class Store:
    """An Oxigraph store holding one named graph per article. Open it with ``Store.open``.

    Use as a context manager (``with Store.open(path) as store: ...``) or call ``close()``.
    """

    path: Path | None
    read_only: bool = False
    _ox: ox.Store | None = field(default=None, repr=False)

    # ----------------------------------------------------------------- opening and closing
    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, read_only: bool = False) -> Store:
        """Open (creating when writable) the store at ``path`` (default ``default_store_path()``).

        Raises StoreError when the store is locked by another process, is corrupt, or (read-only)
        does not exist.
        """
        where = Path(path).expanduser() if path is not None else default_store_path()
        if read_only and not (where / "CURRENT").exists():
            raise StoreError(
                f"no store at {where}; build one first (e.g. `kg build ... "
                f"--store {where}`) or give the right path with --store/KG_STORE"
            )
        if where.exists() and not where.is_dir():
            raise StoreError(f"cannot open the store at {where}: it is a file, not a directory")
        try:
            if read_only:
                handle = ox.Store.read_only(str(where))
            else:
                where.mkdir(parents=True, exist_ok=True)
                handle = ox.Store(str(where))
        except (OSError, RuntimeError) as err:
            raise StoreError(_open_error(where, err)) from err
        store = cls(path=where, read_only=read_only, _ox=handle)
        if not read_only:
            try:
                store._check_format()
            except BaseException:
                # nothing was written: drop every reference so the store closes (and its lock
                # goes) now, not when the error's traceback is freed
                store._ox = None
                del handle
                raise
        return store

    @classmethod
    def in_memory(cls) -> Store:
        """A temporary store kept in memory (for tests and one-off conversions)."""
        return cls(path=None, read_only=False, _ox=ox.Store())

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store`` (StoreError once closed)."""
        if self._ox is None:
            raise StoreError(f"the store at {self.path} is closed")
        return self._ox

    def flush(self) -> None:
        """Make every committed write durable on disk."""
        if self._ox is not None and not self.read_only and self.path is not None:
            self._ox.flush()

    def close(self) -> None:
        """Flush and release the store (its lock goes once no query result refers to it)."""
        if self._ox is None:
            return
        try:
            self.flush()
        finally:
            self._ox = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        """The number of quads stored."""
        return len(self.oxigraph)

    # ----------------------------------------------------------------- writing
    def put_graph(self, graph_iri: str, data: str | bytes | rdflib.Graph, content_hash: str) -> int:
        """Replace the named graph ``graph_iri`` with ``data`` in one transaction.

        ``data`` is N-Triples text, an rdflib Graph, or an rdflib Dataset/ConjunctiveGraph (its
        graph named ``graph_iri`` is taken). ``<graph_iri> kg:contentHash "<content_hash>"`` is
        added if missing, so ``has_hash`` finds the article. Entity descriptions go to the shared
        entity graph in the same transaction. Returns the triples written.
        """
        return self.put_graphs([(graph_iri, data, content_hash)])

    def put_graphs(self, items: list[tuple[str, str | bytes | rdflib.Graph, str]]) -> int:
        """Several articles at once: those not stored yet in ONE transaction (a commit costs
        milliseconds, so a corpus writes groups), the others replaced one by one (DROP + INSERT
        in one update). A crash leaves each article whole or absent. Returns the triples written."""
        self._writable()
        articles = [_Article.of(iri, data, h) for iri, data, h in items]
        new = []
        for article in articles:
            if next(iter(self.oxigraph.quads_for_pattern(None, None, None, article.graph)), None) is None:
                new.append(article)
            else:
                self._replace(article)
        if new:
            quads = [q for article in new for q in article.quads()]
            try:
                self.oxigraph.extend(quads)
            except (OSError, ValueError) as err:
                what = f"graph {new[0].iri}" if len(new) == 1 else f"{len(new)} articles"
                raise StoreError(f"cannot write {what} to {self.path}: {err}") from err
        return sum(len(article.triples) for article in articles)

    def _replace(self, article: _Article) -> None:
        graph = article.graph
        body = _ntriples(article.triples)
        update = f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}}} }}"
        if article.shared:  # the article's entity descriptions join the shared graph, same transaction
            ebody = _ntriples(article.shared)
            update += f" ;\nINSERT DATA {{ GRAPH <{ENTITY_GRAPH_IRI}> {{\n{ebody}}} }}"
        try:
            self.oxigraph.update(update)
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"cannot write graph {article.iri} to {self.path}: {err}") from err

    def drop_graph(self, graph_iri: str) -> None:
        """Remove an article's named graph (nothing happens if it is absent)."""
        self._writable()
        self.oxigraph.update(f"DROP SILENT GRAPH {_named_node(graph_iri)}")

    def load(self, data: str | bytes, fmt: RdfFormat) -> None:
        """Add a TriG/N-Quads (or triple-format, into the default graph) serialization."""
        self._writable()
        try:
            self.oxigraph.load(data, fmt.oxigraph)
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"cannot load {fmt.label} data into {self.path}: {err}") from err

    # ----------------------------------------------------------------- reading
    def has_hash(self, content_hash: str) -> bool:
        """True when an article with this content hash (kg:contentHash) is stored."""
        lit = ox.Literal(content_hash)
        return any(True for _ in self.oxigraph.quads_for_pattern(None, ox.NamedNode(KG_NS + "contentHash"), lit, None))

    def hashes(self) -> set[str]:
        """Every stored article's content hash (to skip unchanged articles in a batch)."""
        return {
            q.object.value
            for q in self.oxigraph.quads_for_pattern(None, ox.NamedNode(KG_NS + "contentHash"), None, None)
            if isinstance(q.object, ox.Literal)
        }

    def graphs(self) -> list[str]:
        """The IRIs of the articles' named graphs, sorted (not the shared entity graph)."""
        return sorted(
            g.value for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode) and g.value != ENTITY_GRAPH_IRI
        )

    def all_graphs(self) -> list[str]:
        """Every named graph: the articles' and the shared entity graph."""
        return sorted(g.value for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_ntriples(self, graph_iri: str) -> bytes:
        """One named graph as N-Triples."""
        return self.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=_named_node(graph_iri)) or b""

    def query(
        self,
        sparql: str,
        *,
        timeout_s: float | None = DEFAULT_TIMEOUT_S,
        limit: int | None = None,
        union: bool = True,
        allow_service: bool = False,
    ) -> QueryResult:
        """Run a SPARQL query; the default graph is the union of the articles' graphs.

        The common prefixes (kg:, res:, wd:, rdfs:, ...) are predeclared. ``limit`` caps the
        rows kept (``truncated`` says so). On timeout a QueryError is raised and the query is
        abandoned in a background thread (Oxigraph cannot cancel a running query). Raises
        QueryError for syntax errors, and before parsing for a query nested or sized past what
        Oxigraph survives or one using SERVICE unless ``allow_service`` (``kg.graph.guard``).
        """
        check_query(sparql, allow_service=allow_service)
        handle = self.oxigraph
        outcome: dict[str, Any] = {}
        deadline = None if timeout_s is None else time.monotonic() + timeout_s

        def run() -> None:
            # pyoxigraph results must be dropped on the thread that made them: keep them in
            # this thread's frames only and cut the traceback before handing an error over
            try:
                outcome["result"] = _materialize(
                    handle.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=union), limit, deadline
                )
            except BaseException as err:  # handed to the caller's thread
                outcome["error"] = err.with_traceback(None)

        worker = threading.Thread(target=run, name="kg-sparql", daemon=True)
        worker.start()
        worker.join(timeout_s)
        if worker.is_alive() or isinstance(outcome.get("error"), TimeoutError):
            raise QueryError(
                f"the query took longer than {timeout_s:g} s and was stopped; "
                "narrow it (LIMIT, more specific patterns) or raise the timeout"
            )
        error = outcome.get("error")
        if isinstance(error, SyntaxError):
            raise QueryError(f"invalid SPARQL: {error}") from error
        if error is not None:
            raise QueryError(f"query failed: {error}") from error
        return outcome["result"]

    def rows(self, sparql: str) -> Iterator[dict[str, str | None]]:
        """The rows of a SELECT query of kg's own, streamed in this thread, without a timeout
        (see ``query`` for users' queries)."""
        result = self.oxigraph.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("rows() takes a SELECT query")
        names = tuple(v.value for v in result.variables)
        for solution in result:
            yield {n: plain(solution[n]) for n in names}

    def select(self, sparql: str, **kwargs: Any) -> list[dict[str, str | None]]:
        """The rows of a SELECT query (see ``query``)."""
        return list(self.query(sparql, **kwargs).rows)

    def stats(self) -> dict[str, Any]:
        """Counts: articles, entities by type, events by PLOVER type, distinct triples, quads."""

        def grouped(sparql: str) -> dict[str, int]:
            return {r["k"] or "": int(r["n"] or 0) for r in self.select(sparql, timeout_s=None)}

        entities = grouped("""SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE {
              VALUES ?t { kg:Person kg:Country kg:Organization kg:Place }
              ?e a ?t . BIND(STRAFTER(STR(?t), "#") AS ?k) } GROUP BY ?k ORDER BY ?k""")
        events = grouped("""SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE {
              ?e a kg:Event ; kg:ploverType ?k } GROUP BY ?k ORDER BY ?k""")
        articles = self.select("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }", timeout_s=None)
        triples = self.select(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }", timeout_s=None
        )
        return {
            "articles": int(articles[0]["n"] or 0),
            "graphs": len(self.graphs()),
            "entities": sum(entities.values()),
            "entities_by_type": entities,
            "events": sum(events.values()),
            "events_by_type": events,
            "triples": int(triples[0]["n"] or 0),
            "quads": len(self),
        }

    # ----------------------------------------------------------------- format
    def _check_format(self) -> None:
        """Stamp a new store with STORE_FORMAT; refuse to write into a store whose article IRIs
        follow an older scheme (reading it stays possible), since its graphs and the new ones
        would not line up (see ``store_format``)."""
        assert self.path is not None
        found = store_format(self.path)
        if found == STORE_FORMAT:
            return
        if found is not None and found > STORE_FORMAT:
            raise StoreError(
                f"the store at {self.path} has format {found}, newer than this kg understands "
                f"({STORE_FORMAT}); upgrade kg (pip install -U kg) to write to it"
            )
        stale = self._old_scheme_articles()
        if stale:
            example = stale[0]
            raise StoreError(
                f"the store at {self.path} was built by an older kg whose article IRIs could collide "
                f"(ids that differ only in case shared one graph): {len(stale)} of its articles "
                f"(e.g. '{example}') have such IRIs; rebuild into a new store "
                f"(kg build INPUTS --store NEW_FOLDER); kg query, export, view and serve still read this one"
            )
        _write_format(self.path)

    def _old_scheme_articles(self) -> list[str]:
        """Ids of stored articles whose graph IRI is not the one ``kg.graph.rdf.graph_iri``
        gives now (a store built before STORE_FORMAT 2), sorted."""
        from kg.graph.rdf import graph_iri  # rdf imports the lexicons: only when needed

        doc_id = ox.NamedNode(KG_NS + "docId")
        stale = set()
        for quad in self.oxigraph.quads_for_pattern(None, doc_id, None, None):
            graph = quad.graph_name
            if not isinstance(graph, ox.NamedNode) or quad.subject != graph:
                continue
            if isinstance(quad.object, ox.Literal) and graph.value != str(graph_iri(quad.object.value)):
                stale.add(quad.object.value)
        return sorted(stale)

    # ----------------------------------------------------------------- helpers
    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only; open it without read_only to write")


#: The layout of an on-disk store, recorded in ``FORMAT_FILE`` inside the store folder (RocksDB
#: leaves files it does not know alone). 2: article IRIs encode the document id injectively
#: (kg.graph.rdf.doc_slug); before, ids were lower-cased and hashed, and could collide.
STORE_FORMAT = 2
FORMAT_FILE = "kg-store.json"


def store_format(path: Path) -> int | None:
    """The format recorded in the store at ``path``; None when none is (a new store, or one
    written by kg before formats were recorded)."""
    try:
        data = json.loads((path / FORMAT_FILE).read_text(encoding="utf-8"))
        return int(data["format"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _is_store_folder(folder: Path) -> bool:
    """True for a folder holding an Oxigraph (RocksDB) store."""
    return (folder / "CURRENT").is_file() and ((folder / "IDENTITY").is_file() or (folder / FORMAT_FILE).is_file())


def check_output_path(path: str | os.PathLike[str], store_path: str | os.PathLike[str] | None = None) -> Path:
    """``path`` when writing there cannot touch a store; InputError when it is the store folder
    ``store_path``, lies inside it, or inside any folder holding an Oxigraph store
    (``kg export -o STORE/CURRENT`` would overwrite a file of the store and corrupt it)."""
    target = Path(path).expanduser().resolve()
    stores = [Path(store_path).expanduser().resolve()] if store_path is not None else []
    stores += [folder for folder in (target, *target.parents) if _is_store_folder(folder)]
    for store in stores:
        if target == store or store in target.parents:
            raise InputError(
                f"refusing to write {path}: it is inside the store at {store}, whose files only the "
                "store may write; choose a path outside the store folder"
            )
    return Path(path)


def _write_format(path: Path) -> None:
    from kg.corpus import atomic_write  # corpus imports nothing of the graph layer

    atomic_write(path / FORMAT_FILE, json.dumps({"format": STORE_FORMAT}) + "\n")


def _open_error(where: Path, err: BaseException) -> str:
    """A user-facing message for a failed open."""
    text = str(err)
    if "lock" in text.lower():
        return (
            f"the store at {where} is in use by another process (its LOCK is held): stop "
            "that process (another kg command or an `oxigraph serve`), or open the store "
            f"read-only. ({text})"
        )
    if "corrupt" in text.lower():
        return f"the store at {where} is corrupt ({text}); move it aside and rebuild it with `kg build`"
    return f"cannot open the store at {where}: {text}"


def _ntriples(triples) -> str:
    """Triples as sorted N-Triples text (one deterministic body per graph)."""
    return (ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES) or b"").decode()


def _named_node(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as err:
        raise InputError(f"{iri!r} is not a valid graph IRI: {err}") from err


ENTITY_GRAPH_IRI = str(ENTITY_GRAPH)
_DESCRIPTION = {str(p) for p in DESCRIPTION_PREDICATES}


@dataclass(frozen=True)
class _Article:
    """An article's graph ready to store: its own triples and its entities' descriptions."""

    iri: str
    graph: ox.NamedNode
    triples: frozenset[ox.Triple]
    shared: frozenset[ox.Triple]

    @classmethod
    def of(cls, iri: str, data: str | bytes | rdflib.Graph, content_hash: str) -> _Article:
        graph = _named_node(iri)
        if not content_hash:
            raise InputError(f"put_graph({iri}): content_hash is empty")
        triples = set(_triples_of(iri, data))
        triples.add(ox.Triple(graph, ox.NamedNode(KG_NS + "contentHash"), ox.Literal(content_hash)))
        shared = _shared_entity_triples(data) | {t for t in triples if _describes_entity(t)}
        return cls(iri, graph, frozenset(triples - shared), frozenset(shared))

    def quads(self) -> list[ox.Quad]:
        entities = ox.NamedNode(ENTITY_GRAPH_IRI)
        return [ox.Quad(t.subject, t.predicate, t.object, self.graph) for t in self.triples] + [
            ox.Quad(t.subject, t.predicate, t.object, entities) for t in self.shared
        ]


def _describes_entity(t: ox.Triple) -> bool:
    """A triple of an entity's description (its type, labels, links, country): these live once
    in the shared entity graph, never repeated per article (see kg.graph.vocab.ENTITY_GRAPH)."""
    return (
        isinstance(t.subject, ox.NamedNode)
        and t.subject.value.startswith(ENTITY_PREFIX)
        and t.predicate.value in _DESCRIPTION
    )


def _shared_entity_triples(data: object) -> set[ox.Triple]:
    """The shared entity graph's triples in a Dataset (see kg.graph.vocab.ENTITY_GRAPH)."""
    if not isinstance(data, (rdflib.Dataset, rdflib.ConjunctiveGraph)):
        return set()
    ctx = data.get_context(rdflib.URIRef(ENTITY_GRAPH_IRI))
    if len(ctx) == 0:
        return set()
    text = ctx.serialize(format="nt", encoding="utf-8")
    return {q.triple for q in ox.parse(text, ox.RdfFormat.N_TRIPLES)}


def _triples_of(graph_iri: str, data: str | bytes | rdflib.Graph) -> Iterator[ox.Triple]:
    """The triples of ``data`` (N-Triples text or rdflib graph/dataset) as pyoxigraph Triples."""
    if isinstance(data, rdflib.Graph):
        if isinstance(data, (rdflib.Dataset, rdflib.ConjunctiveGraph)):
            data = data.get_context(rdflib.URIRef(graph_iri))
        text = data.serialize(format="nt", encoding="utf-8")
    elif isinstance(data, (str, bytes)):
        text = data.encode() if isinstance(data, str) else data
    else:
        raise InputError(
            f"put_graph({graph_iri}): expected N-Triples text or an rdflib graph, got {type(data).__name__}"
        )
    try:
        for quad in ox.parse(text, ox.RdfFormat.N_TRIPLES):
            yield quad.triple
    except SyntaxError as err:
        raise InputError(f"put_graph({graph_iri}): the data is not valid N-Triples: {err}") from err


def _materialize(result: Any, limit: int | None, deadline: float | None) -> QueryResult:
    """Read a pyoxigraph result fully (so no iterator keeps the store open)."""

    def check_time() -> None:
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError

    if isinstance(result, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = tuple(v.value for v in result.variables)
        rows: list[dict[str, str | None]] = []
        terms: list[tuple[Any, ...]] = []
        for solution in result:
            if limit is not None and len(rows) >= limit:
                return QueryResult("select", names, tuple(rows), truncated=True, terms=tuple(terms))
            check_time()
            values = tuple(solution[n] for n in names)
            terms.append(values)
            rows.append({n: plain(v) for n, v in zip(names, values)})
        return QueryResult("select", names, tuple(rows), terms=tuple(terms))
    triples: list[tuple[str, str, str]] = []
    for triple in result:
        if limit is not None and len(triples) >= limit:
            return QueryResult("construct", triples=tuple(triples), truncated=True)
        check_time()
        triples.append((str(triple.subject), str(triple.predicate), str(triple.object)))
    return QueryResult("construct", triples=tuple(triples))
