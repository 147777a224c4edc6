"""The embedded triple store: Oxigraph (pyoxigraph) on disk, one named graph per article.

An article's graph is replaced whole in one SPARQL UPDATE request; Oxigraph applies an update
request in a single transaction ("either the full operation succeeds, or nothing is written"),
so a crash between the DROP and the INSERT cannot leave an article half-written. Entities are
shared between articles: their triples repeat in each article's graph and, their IRIs being
deterministic, they are one node in the union of the graphs that queries see.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
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
from kg.graph.paths import FORMAT_FILE
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


def _plain_row(terms: tuple[Any, ...]) -> list[str | None]:
    """``plain`` of each term of a result row, in one comprehension: a call a term took a
    fifth of the time of reading a large result (24,000 rows of ten terms)."""
    blank = ox.BlankNode
    return [None if t is None else f"_:{t.value}" if isinstance(t, blank) else t.value for t in terms]


@dataclass
class Store:
    """An Oxigraph store holding one named graph per article. Open it with ``Store.open``.

    Use as a context manager (``with Store.open(path) as store: ...``) or call ``close()``.
    """

    path: Path | None
    read_only: bool = False
    _ox: ox.Store | None = field(default=None, repr=False)
    rewritten: int = 0  # statements of stored articles deleted or inserted since opening (replacements)
    # entity descriptions (N-Quads lines without the newline) this Store wrote or found written: a
    # description an article repeats is not handed to the bulk loader again (see _unwritten)
    _described: set[bytes] = field(default_factory=set, repr=False)
    _held_graphs: bool | None = field(default=None, repr=False)  # at the first write: descriptions may be stored

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
            _remove_unfinished_bulk_files(where)
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
        """Replace the named graph ``graph_iri`` with ``data``: the article is stored whole or
        not at all, whenever the process stops.

        ``data`` is N-Triples text, an rdflib Graph, or an rdflib Dataset/ConjunctiveGraph (its
        graph named ``graph_iri`` is taken). ``<graph_iri> kg:contentHash "<content_hash>"`` is
        added if missing, so ``has_hash`` finds the article. Entity descriptions go to the shared
        entity graph in the same write. Returns the statements written to the article's graph.
        """
        return self.put_graphs([(graph_iri, data, content_hash)])

    def put_graphs(self, items: list[tuple[str, str | bytes | rdflib.Graph, str]]) -> int:
        """Several articles at once, each stored whole or not at all; returns the statements given
        for their graphs (one given twice counts twice).

        Articles not stored yet go in through Oxigraph's bulk loader, a few hundred thousand
        quads per call: it writes sorted files and adds them to the store in one atomic step
        (RocksDB's file ingestion), ten times faster than a transaction. Articles already
        stored are replaced in one SPARQL update for the whole group (one transaction) that
        deletes only the quads the new version lacks and inserts only those it adds, so an
        unchanged triple is never rewritten.
        """
        self._writable()
        return self._put([_Article.of(iri, data, h) for iri, data, h in items])

    def _put(self, articles: list[_Article]) -> int:
        new: list[_Article] = []
        stored: list[_Article] = []
        for article in articles:
            (stored if self.oxigraph.contains_named_graph(article.graph) else new).append(article)
        self._replace(stored)
        for chunk in _chunks(new, BULK_MAX_QUADS):
            self._add(chunk)
        return sum(article.size for article in articles)

    def put_nquads(self, data: bytes, articles: list[tuple[str, str]]) -> int:
        """Articles given as N-Quads in the store's layout (a Dask partition: each article's
        graph, and entity descriptions in the shared graph), ``articles`` naming their graphs
        and content hashes; written as ``put_graphs`` writes. Quads of any other graph are
        written with the first article. Returns the statements given for the articles' (and
        any other) graphs, a content hash appended counted too.

        A partition of new articles whose quads are all written as serializers write them goes
        to the bulk loader as it is (their content hashes and the descriptions not yet written
        added); anything else is taken apart article by article first."""
        self._writable()
        if not articles:
            return 0
        graphs = [_named_node(iri) for iri, _ in articles]
        text = data if data.endswith(b"\n") else data + b"\n"
        if (
            text.count(b"\n") < BULK_MAX_QUADS
            and _QUADS.fullmatch(text) is not None
            and not any(self.oxigraph.contains_named_graph(graph) for graph in graphs)
        ):
            try:
                return self._add_nquads(text, [(graph, h) for graph, (_, h) in zip(graphs, articles)])
            except SyntaxError:  # nothing was written: the article-by-article path names the article
                pass
        by_graph = _by_graph(data)
        items = [_Article.of(iri, by_graph.pop(iri.encode(), b""), h) for iri, h in articles]
        rest = b"".join(_in_graph(nt, graph) for graph, nt in by_graph.items())
        first = items[0]
        items[0] = _Article(first.iri, first.graph, first.own, first.shared + rest)
        return self._put(items)

    def _add_nquads(self, text: bytes, articles: list[tuple[ox.NamedNode, str]]) -> int:
        """New articles' N-Quads (``put_nquads``; one statement a line) in one atomic step, with
        their content hashes; descriptions of entities given in an article's graph move to the
        shared graph, as ``_split`` moves them, and those written before are left out."""
        graphs = {str(graph).encode() for graph, _ in articles}
        parts = _DESCRIPTION_QUAD.split(b"\n" + text)  # other lines, a description's triple, its graph, ...
        described = dict.fromkeys(
            triple + b" " + (_ENTITY_GRAPH if graph in graphs else graph) + b" ."
            for triple, graph in zip(parts[1::3], parts[2::3])
        )
        fresh = [line for line in described if line not in self._described]
        own = b"".join(parts[::3])[1:]
        hashes = b"".join(f"{g} <{KG_NS}contentHash> {ox.Literal(h)} {g} .\n".encode() for g, h in articles)
        lines = own.count(b"\n") + len(fresh) + len(articles)
        try:
            self._load(own + b"".join(line + b"\n" for line in fresh) + hashes, lines)
        except (OSError, ValueError) as err:
            raise StoreError(f"cannot write {len(articles)} articles to {self.path}: {err}") from err
        shared = [line for line in fresh if line.endswith(_ENTITY_GRAPH + b" .")]
        self._remember(shared)
        return lines - len(shared) - own.count(b" " + _ENTITY_GRAPH + b" .\n")

    def _add(self, articles: list[_Article]) -> None:
        """Write articles the store does not hold, in one atomic step: the bulk loader for a
        chunk of more than BULK_MIN_QUADS quads (below BULK_MAX_QUADS, one file ingestion),
        a transaction for a few (the bulk loader writes a dozen files whatever the size)."""
        shared = self._unwritten(articles)
        own = b"".join(article.own_nquads() for article in articles)
        try:
            self._load(own + b"".join(line + b"\n" for line in shared), own.count(b"\n") + len(shared))
        except SyntaxError as err:  # nothing was written; name the article at fault
            for article in articles:
                article.check()
            raise StoreError(f"cannot write {len(articles)} articles to {self.path}: {err}") from err
        except (OSError, ValueError) as err:
            what = f"graph {articles[0].iri}" if len(articles) == 1 else f"{len(articles)} articles"
            raise StoreError(f"cannot write {what} to {self.path}: {err}") from err
        self._remember(shared)

    def _unwritten(self, articles: list[_Article]) -> list[bytes]:
        """The articles' entity descriptions (N-Quads lines, without the newline) that this
        Store has not written yet, each once: most entities recur from article to article."""
        lines = dict.fromkeys(b"".join(article.shared for article in articles).splitlines())
        unwritten = [line for line in lines if line not in self._described]
        if self._held_graphs is None:
            self._held_graphs = any(True for _ in self.oxigraph.named_graphs())
        if not unwritten or not self._held_graphs:
            return unwritten
        # a store written before: a description it holds (an entity of an earlier run, an
        # article being replaced) is looked up, much cheaper than loading it again
        try:
            quads = list(ox.parse(b"\n".join(unwritten), ox.RdfFormat.N_QUADS))
        except SyntaxError:
            return unwritten  # the write names the article at fault
        if len(quads) != len(unwritten):
            return unwritten
        stored = [quad in self.oxigraph for quad in quads]
        self._remember([line for line, there in zip(unwritten, stored) if there])
        return [line for line, there in zip(unwritten, stored) if not there]

    def _remember(self, described: list[bytes]) -> None:
        """Entity descriptions now in the store (kept up to DESCRIBED_MAX lines)."""
        if len(self._described) + len(described) > DESCRIBED_MAX:
            self._described.clear()
        self._described.update(described)

    def _load(self, nquads: bytes, lines: int) -> None:
        """N-Quads in one atomic step: the bulk loader from BULK_MIN_QUADS on, else a transaction."""
        if lines >= BULK_MIN_QUADS and self.path is not None:
            self.oxigraph.bulk_load(nquads, ox.RdfFormat.N_QUADS)
        else:
            self.oxigraph.load(nquads, ox.RdfFormat.N_QUADS)

    def _replace(self, articles: list[_Article]) -> None:
        """Replace stored articles in one update request (one transaction): per article, DELETE
        DATA of the statements only the stored version has and INSERT DATA of those only the
        new one has (DROP + INSERT when blank nodes make statements incomparable). Their entity
        descriptions are added to the shared graph first (add-only, so a stop in between leaves
        every article its old or its new version)."""
        if not articles:
            return
        shared = self._unwritten(articles)
        if shared:
            self._load(b"".join(line + b"\n" for line in sorted(shared)), len(shared))
            self._remember(shared)
        changes, rewritten = [], 0
        for article in articles:
            stored = self.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=article.graph) or b""
            old, new = set(stored.splitlines()), set(article.own.splitlines())
            if b"_:" in stored or b"_:" in article.own:
                changes.append(f"DROP SILENT GRAPH {article.graph}")
                old = set()
            # what is deleted is Oxigraph's own N-Triples; what is inserted is checked N-Triples
            gone, added = old - new, new - old
            changes += _data_block("DELETE", article.graph, b"\n".join(sorted(gone)))
            changes += _data_block("INSERT", article.graph, article.insertable(added))
            rewritten += len(gone) + len(added)
        if not changes:
            return  # the same statements again
        self.rewritten += rewritten
        try:
            self.oxigraph.update(" ;\n".join(changes))
        except SyntaxError as err:  # nothing was written; name the article at fault
            for article in articles:
                article.check()
            raise StoreError(f"cannot write {len(articles)} articles to {self.path}: {err}") from err
        except (OSError, ValueError) as err:
            what = f"graph {articles[0].iri}" if len(articles) == 1 else f"{len(articles)} articles"
            raise StoreError(f"cannot write {what} to {self.path}: {err}") from err

    def drop_graph(self, graph_iri: str) -> None:
        """Remove an article's named graph (nothing happens if it is absent)."""
        self._writable()
        self._described.clear()
        self.oxigraph.update(f"DROP SILENT GRAPH {_named_node(graph_iri)}")

    def load(self, data: str | bytes, fmt: RdfFormat) -> None:
        """Add a TriG/N-Quads (or triple-format, into the default graph) serialization through
        the bulk loader: atomic up to a million quads, written a million at a time beyond."""
        self._writable()
        try:
            if self.path is not None:
                self.oxigraph.bulk_load(data, fmt.oxigraph)
            else:
                self.oxigraph.load(data, fmt.oxigraph)
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"cannot load {fmt.label} data into {self.path}: {err}") from err

    def compact(self) -> None:
        """Compact the store on disk: RocksDB's full compaction, which drops what deletions and
        replacements left behind and merges the files bulk loads added (its write-ahead log goes
        when the store closes). Safe to stop at any moment. ``kg compact`` runs it, and ``kg
        build`` after a run that rewrote COMPACT_AFTER statements in place. (Oxigraph 0.5 keeps
        the level a compaction writes uncompressed below ~512 MiB an index, so a store that was
        only bulk-loaded can be larger after it.)"""
        self._writable()
        try:
            self.oxigraph.flush()
            self.oxigraph.optimize()
            self.oxigraph.flush()
        except OSError as err:
            raise StoreError(f"cannot compact the store at {self.path}: {err}") from err

    def disk_bytes(self) -> int:
        """The size of the store's folder in bytes (0 in memory)."""
        if self.path is None:
            return 0
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

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


#: The layout of an on-disk store, recorded in ``FORMAT_FILE`` (kg.graph.paths) inside the store folder (RocksDB
#: leaves files it does not know alone). 2: article IRIs encode the document id injectively
#: (kg.graph.rdf.doc_slug); before, ids were lower-cased and hashed, and could collide.
STORE_FORMAT = 2


def store_format(path: Path) -> int | None:
    """The format recorded in the store at ``path``; None when none is (a new store, or one
    written by kg before formats were recorded)."""
    try:
        data = json.loads((path / FORMAT_FILE).read_text(encoding="utf-8"))
        return int(data["format"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_format(path: Path) -> None:
    from kg.corpus import atomic_write  # corpus imports nothing of the graph layer

    atomic_write(path / FORMAT_FILE, json.dumps({"format": STORE_FORMAT}) + "\n")


_BULK_FILE = re.compile(r"bulk-[0-9]+\.sst")


def _remove_unfinished_bulk_files(where: Path) -> None:
    """Delete the files a bulk load stopped before its ingestion left (Oxigraph names them
    ``bulk-<random>.sst``; ingestion moves them into the store under RocksDB's own names). The
    caller holds the store's lock, so no other process is writing them."""
    for path in where.glob("bulk-*.sst"):
        if _BULK_FILE.fullmatch(path.name):
            path.unlink(missing_ok=True)


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
BULK_MIN_QUADS = 2_000  # fewer go in a transaction: the bulk loader writes a dozen files per call
BULK_MAX_QUADS = 500_000  # per bulk-loader call: below its batch size (1,000,000), so one atomic ingestion
COMPACT_AFTER = 200_000  # statements rewritten in place by a build before it compacts the store

DESCRIBED_MAX = 1_000_000  # entity descriptions a Store remembers having written (~150 MB at most)

# One N-Triples statement as serializers write it (subject, predicate, object, " ."), and no more:
# text with a line that does not match (a comment, odd spacing) is parsed by Oxigraph instead.
# (Possessive quantifiers: what a term matched is never given back, so a line that fails fails fast.)
_IRI = rb'<[^<>"{}|^`\\\x00-\x20]*+>'
_BNODE = rb"_:[A-Za-z0-9_][A-Za-z0-9_.\-]*+"
_LITERAL = rb'"[^"\\\n\r]*+(?:\\.[^"\\\n\r]*+)*+"(?:@[A-Za-z]++(?:-[A-Za-z0-9]++)*+|\^\^' + _IRI + rb")?+"
_TRIPLE = rb"(" + _IRI + rb"|" + _BNODE + rb") (" + _IRI + rb") (?:" + _IRI + rb"|" + _BNODE + rb"|" + _LITERAL + rb")"
_STATEMENT = re.compile(_TRIPLE + rb" \.")
_UNCAPTURED = _TRIPLE.replace(b"(<", b"(?:<").replace(b"(_", b"(?:_")
_NTRIPLES = re.compile(rb"(?:" + _UNCAPTURED + rb" \.\n)*+")  # whole texts, one statement a line
_QUADS = re.compile(rb"(?:" + _UNCAPTURED + rb" " + _IRI + rb" \.\n)*+")
_ENTITY_SUBJECT = b"<" + ENTITY_PREFIX.encode()
_ENTITY_GRAPH = b"<" + ENTITY_GRAPH_IRI.encode() + b">"
_DESCRIPTION_IRIS = frozenset(b"<" + p.encode() + b">" for p in _DESCRIPTION)
# A line describing an entity (after a newline, so the search starts from the subject's prefix):
# the statement without " ." in N-Triples, the triple and the graph in N-Quads.
_DESCRIBES = re.escape(_ENTITY_SUBJECT) + rb"[^>]*> (?:" + b"|".join(map(re.escape, sorted(_DESCRIPTION_IRIS))) + b")"
_DESCRIPTION_TRIPLE = re.compile(rb"\n(" + _DESCRIBES + rb" [^\n]*) \.(?=\n)")
_DESCRIPTION_QUAD = re.compile(rb"\n(" + _DESCRIBES + rb" [^\n]*) (<[^<>\n]*>) \.(?=\n)")


@dataclass(frozen=True)
class _Article:
    """An article's graph ready to store: its own statements (N-Triples, one a line, its
    content hash among them) and its entities' descriptions, as N-Quads lines in the shared
    entity graph."""

    iri: str
    graph: ox.NamedNode
    own: bytes
    shared: bytes

    @classmethod
    def of(cls, iri: str, data: str | bytes | rdflib.Graph, content_hash: str) -> _Article:
        graph = _named_node(iri)
        if not content_hash:
            raise InputError(f"put_graph({iri}): content_hash is empty")
        text = _lines(_ntriples_of(iri, data))
        hashed = f"{graph} <{KG_NS}contentHash> {ox.Literal(content_hash)} .\n".encode()
        own, shared = _split(iri, text if b"\n" + hashed in b"\n" + text else text + hashed)
        extra = _shared_entity_ntriples(data)
        if extra:
            shared += _split(ENTITY_GRAPH_IRI, extra, everything_shared=True)[1]
        return cls(iri, graph, own, shared)

    def own_nquads(self) -> bytes:
        """The article's own statements as N-Quads (each line ends " .\n", which no literal
        holds: it cannot hold a line break)."""
        return self.own.replace(b" .\n", b" <" + self.iri.encode() + b"> .\n")

    def nquads(self) -> bytes:
        """Everything as N-Quads."""
        return self.own_nquads() + self.shared

    @functools.cached_property
    def lines(self) -> int:
        return self.own.count(b"\n") + self.shared.count(b"\n")

    @property
    def size(self) -> int:
        """The statements of the article's own graph (one given twice counts twice)."""
        return self.own.count(b"\n")

    def insertable(self, statements: set[bytes]) -> bytes:
        """Statements of the article to paste into an INSERT DATA, sorted: as they are (each
        line a serializer's, or Oxigraph's, N-Triples statement, which SPARQL's lexer reads
        as N-Triples' does) unless one holds a \\u escape, which the SPARQL grammar lets a
        parser read before its syntax (\\u0022 would end a string): then parsed and written
        again by Oxigraph."""
        text = b"\n".join(sorted(statements))
        if b"\\u" not in text and b"\\U" not in text:
            return text
        try:
            triples = [q.triple for q in ox.parse(b"\n".join(statements), ox.RdfFormat.N_TRIPLES)]
        except SyntaxError as err:
            raise InputError(f"put_graph({self.iri}): the data is not valid N-Triples: {err}") from err
        return _ntriples(triples).encode() if triples else b""

    def check(self) -> None:
        """InputError when the article's data is not valid RDF."""
        try:
            list(ox.parse(self.nquads(), ox.RdfFormat.N_QUADS))
        except SyntaxError as err:
            raise InputError(f"put_graph({self.iri}): the data is not valid N-Triples: {err}") from err


def _lines(text: bytes) -> bytes:
    """Text without leading and trailing blanks, ending with one newline (empty stays empty)."""
    text = text.strip()
    return text + b"\n" if text else b""


def _split(iri: str, ntriples: bytes, everything_shared: bool = False) -> tuple[bytes, bytes]:
    """N-Triples sorted out: the statements of the graph ``iri`` (N-Triples), and as N-Quads
    lines in the shared entity graph those that describe an entity (all with
    ``everything_shared``). Text as serializers write it is moved as bytes, a regular
    expression for all its lines at once; anything else is parsed and written by Oxigraph."""
    text = _lines(ntriples)
    if _NTRIPLES.fullmatch(text) is None:
        return _split_parsed(iri, ntriples, everything_shared)
    if everything_shared:
        return b"", _in_graph(text, ENTITY_GRAPH_IRI.encode())
    parts = _DESCRIPTION_TRIPLE.split(b"\n" + text)  # own lines, a description, own lines, ...
    if len(parts) == 1:
        return text, b""
    shared_end = b" " + _ENTITY_GRAPH + b" .\n"
    return b"".join(parts[::2])[1:], b"".join(line + shared_end for line in parts[1::2])


def _split_parsed(iri: str, ntriples: bytes, everything_shared: bool) -> tuple[bytes, bytes]:
    """``_split`` of N-Triples that Oxigraph parses (and writes again, one statement a line)."""
    try:
        triples = [q.triple for q in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES)]
    except SyntaxError as err:
        raise InputError(f"put_graph({iri}): the data is not valid N-Triples: {err}") from err
    entity_graph = ox.NamedNode(ENTITY_GRAPH_IRI)
    own, shared = [], []
    for t in triples:
        if everything_shared or (str(t.subject).startswith(ENTITY_PREFIX, 1) and t.predicate.value in _DESCRIPTION):
            shared.append(ox.Quad(t.subject, t.predicate, t.object, entity_graph))
        else:
            own.append(t)
    return (
        ox.serialize(own, format=ox.RdfFormat.N_TRIPLES) or b"" if own else b"",
        ox.serialize(shared, format=ox.RdfFormat.N_QUADS) or b"" if shared else b"",
    )


_QUAD = re.compile(_STATEMENT.pattern[: -len(rb" \.")] + rb" (" + _IRI + rb") \.")


def _by_graph(nquads: bytes) -> dict[bytes, bytes]:
    """N-Quads split by named graph: graph IRI (bytes, without brackets) -> its N-Triples."""
    out: dict[bytes, list[bytes]] = {}
    for line in nquads.splitlines():
        match = _QUAD.fullmatch(line)
        if match is None:
            if not line.strip():
                continue
            return _by_graph_parsed(nquads)
        graph = match[3]
        out.setdefault(graph[1:-1], []).append(line[: -len(graph) - 3] + b" .\n")
    return {g: b"".join(lines) for g, lines in out.items()}


def _by_graph_parsed(nquads: bytes) -> dict[bytes, bytes]:
    try:
        quads = list(ox.parse(nquads, ox.RdfFormat.N_QUADS))
    except SyntaxError as err:
        raise InputError(f"the data is not valid N-Quads: {err}") from err
    out: dict[bytes, list[ox.Triple]] = {}
    for q in quads:
        if not isinstance(q.graph_name, ox.NamedNode):
            raise InputError(f"expected quads in named graphs, not {q}")
        out.setdefault(q.graph_name.value.encode(), []).append(q.triple)
    return {g: ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"" for g, triples in out.items()}


def _in_graph(ntriples: bytes, graph: bytes) -> bytes:
    """Canonical N-Triples lines as N-Quads lines in ``graph`` (an IRI, without brackets)."""
    end = b" <" + graph + b"> .\n"
    return b"".join(line[:-2] + end for line in ntriples.splitlines() if line)


def _chunks(articles: list[_Article], most: int) -> Iterator[list[_Article]]:
    """Consecutive articles, at most ``most`` quads a chunk (an article larger than that alone)."""
    chunk: list[_Article] = []
    size = 0
    for article in articles:
        if chunk and size + article.lines > most:
            yield chunk
            chunk, size = [], 0
        chunk.append(article)
        size += article.lines
    if chunk:
        yield chunk


def _data_block(verb: str, graph: ox.NamedNode, ntriples: bytes) -> list[str]:
    """``DELETE DATA``/``INSERT DATA`` of Oxigraph-written N-Triples in ``graph`` (none when
    there are none)."""
    if not ntriples.strip():
        return []
    return [f"{verb} DATA {{ GRAPH {graph} {{\n{ntriples.decode()}\n}} }}"]


def _shared_entity_ntriples(data: object) -> bytes:
    """The shared entity graph's triples in a Dataset (see kg.graph.vocab.ENTITY_GRAPH)."""
    if not isinstance(data, (rdflib.Dataset, rdflib.ConjunctiveGraph)):
        return b""
    ctx = data.get_context(rdflib.URIRef(ENTITY_GRAPH_IRI))
    if len(ctx) == 0:
        return b""
    return ctx.serialize(format="nt", encoding="utf-8")


def _ntriples_of(graph_iri: str, data: str | bytes | rdflib.Graph) -> bytes:
    """``data`` (N-Triples text or an rdflib graph/dataset) as N-Triples bytes."""
    if isinstance(data, rdflib.Graph):
        if isinstance(data, (rdflib.Dataset, rdflib.ConjunctiveGraph)):
            data = data.get_context(rdflib.URIRef(graph_iri))
        return data.serialize(format="nt", encoding="utf-8")
    if isinstance(data, (str, bytes)):
        return data.encode() if isinstance(data, str) else data
    raise InputError(f"put_graph({graph_iri}): expected N-Triples text or an rdflib graph, got {type(data).__name__}")


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
            values = tuple(solution)  # in ``variables`` order, None when unbound: read by name, a row
            terms.append(values)  # of ten terms took twice as long (24,000 rows: half a second)
            rows.append(dict(zip(names, _plain_row(values))))
        return QueryResult("select", names, tuple(rows), terms=tuple(terms))
    triples: list[tuple[str, str, str]] = []
    for triple in result:
        if limit is not None and len(triples) >= limit:
            return QueryResult("construct", triples=tuple(triples), truncated=True)
        check_time()
        triples.append((str(triple.subject), str(triple.predicate), str(triple.object)))
    return QueryResult("construct", triples=tuple(triples))
