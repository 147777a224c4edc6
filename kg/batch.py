"""Batch runs: a corpus of any size into the store, in this process, in N worker processes, or
on a Dask cluster.

Workers only extract: each turns a document into its named graph's N-Triples (or a partition
into an N-Quads file). The store is written by this process alone — Oxigraph takes one writer —
a group of articles at a time (``Store.put_graphs``: new articles through the bulk loader, changed
ones in one transaction), each article whole or absent, so a run killed at any moment leaves
whole articles only. Articles whose content hash is already stored are skipped (the hashes are read
once), which makes an interrupted run, started again, finish the rest and repeat nothing.
Entity and article IRIs are deterministic, so graphs made anywhere merge without coordination.
"""

from __future__ import annotations

import json
import math
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from kg.corpus import Failure, atomic_write, count_inputs, read_inputs
from kg.errors import InputError, KGError, PipelineError
from kg.model import Document, document_json

DEFAULT_OUTPUTS_LIMIT = 2000  # graph.trig/ttl/csv/html are written for runs up to this size
CHUNK = 8  # documents per task sent to a worker process
IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker: bounds memory whatever the corpus size
DEFAULT_PARTITION_SIZE = 1000  # documents per Dask partition unless --partitions says otherwise
LISTED_FAILURES = 1000  # failures kept in report.json (all of them go to failures.jsonl)
# Articles are written a group at a time: a bulk-loader call costs ~0.1 s of CPU whatever its
# size (a dozen files written and ingested), against ~8 µs a statement, so a group is up to
# WRITE_GROUP articles or WRITE_QUADS statements; the first is WRITE_FIRST articles and each
# next one twice as large, so a run shows built articles (and stores them) at once...
WRITE_FIRST = 8
WRITE_GROUP = 2000
WRITE_QUADS = 200_000
WRITE_EVERY_S = 5.0  # ...and at least this often, so a slow corpus still lands steadily
ECHOED_FAILURES = 20  # failures printed on stderr before "see failures.jsonl"
# RocksDB keeps written data in memory until a flush: without one every 250 articles the writer's
# memory grows ~180 KB per article (1.3 GB after 10,000); with it, it stays ~170 MB.
FLUSH_EVERY = 250
ENGINES = ("local", "dask")
# One article's extraction takes milliseconds (~2 ms per 1,000 characters of news); one that
# takes DOC_TIME_LIMIT_S plus a second per DOC_TIME_PER_S characters is in an endless loop and is
# stopped ($KG_DOC_TIMEOUT_S sets the first part; 0: no limit). 10 s for an article of 5,000
# characters, ~17 min for one of the largest accepted (20 MB).
DOC_TIME_LIMIT_S = 10.0
DOC_TIME_PER_S = 10_000


# ------------------------------------------------------------------------------ worker side
@dataclass(frozen=True)
class Built:
    """One extracted article: its graph as N-Triples, and its document JSON when outputs are kept."""

    doc_id: str
    iri: str
    hash: str
    ntriples: bytes
    doc_json: str | None = None


_PIPELINE = None


def _pipeline():
    """The process's Pipeline, made once (loading the lexicons takes a second or two)."""
    global _PIPELINE
    if _PIPELINE is None:
        from kg.pipeline import Pipeline

        _PIPELINE = Pipeline()
    return _PIPELINE


class TookTooLong(Exception):
    """A document's extraction passed the time limit (see ``time_limit``)."""


def doc_time_limit(doc: Document) -> float:
    """How long ``doc``'s extraction may take (0: no limit); see DOC_TIME_LIMIT_S."""
    base = float(os.environ.get("KG_DOC_TIMEOUT_S") or DOC_TIME_LIMIT_S)
    return base + len(doc.text) / DOC_TIME_PER_S if base > 0 else 0.0


@contextmanager
def time_limit(limit: float) -> Iterator[None]:
    """Raise TookTooLong in the block after ``limit`` seconds (none when 0), so an article
    that sends a stage into an endless loop costs a failure, not the batch. A SIGALRM timer:
    only in a process's main thread (a Dask worker thread runs without a limit), and only
    Python code is interrupted (not one long C call)."""
    if limit <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TookTooLong(f"extraction took longer than {limit:,.1f} s and was stopped (an endless loop in a stage?)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_document(doc: Document, keep_json: bool = False) -> Built | Failure:
    """Extract one document and map it to RDF; any error, or passing the time limit, becomes a
    Failure naming the document."""
    from rdflib import Graph

    from kg.graph.rdf import content_hash, document_graph, graph_iri

    try:
        with time_limit(doc_time_limit(doc)):
            out = _pipeline()(doc)
            ntriples = document_graph(out, Graph()).serialize(format="nt", encoding="utf-8")
            data = json.dumps(document_json(out), ensure_ascii=False, indent=1) if keep_json else None
    except (PipelineError, TookTooLong) as e:
        return Failure(doc.doc_id, doc.doc_id, str(e))
    except Exception as e:  # a bug in the RDF mapping must not end the batch either
        return Failure(doc.doc_id, doc.doc_id, f"cannot map to RDF: {type(e).__name__}: {e}")
    return Built(doc.doc_id, str(graph_iri(doc.doc_id)), content_hash(doc), ntriples, data)


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def cpu_seconds() -> float:
    """CPU time (user + system) this process has used."""
    import resource

    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def worker_name() -> str:
    return f"{os.uname().nodename}:{os.getpid()}"


def worker_stats() -> dict[str, float]:
    """This process's peak memory (MB) and CPU seconds, for the run report."""
    return {"peak_mb": peak_rss_mb(), "cpu_s": round(cpu_seconds(), 3)}


def extract_chunk(docs: list[Document], keep_json: bool) -> tuple[list[Built | Failure], str, dict[str, float]]:
    """A worker task: the results for a few documents, the worker's name and its stats."""
    return [extract_document(d, keep_json) for d in docs], worker_name(), worker_stats()


def _warm_worker() -> None:
    _pipeline()(Document(doc_id="warm-up", text="زار وزير الخارجية الجزائري ليبيا."))


@dataclass(frozen=True)
class Partition:
    """What a Dask task made: an N-Quads file, the articles in it, failures, worker facts."""

    path: str
    articles: tuple[tuple[str, str, str], ...]  # (doc_id, graph IRI, content hash)
    failures: tuple[Failure, ...]
    doc_json: tuple[tuple[str, str], ...]  # (doc_id, JSON) when outputs are kept
    worker: str
    stats: dict[str, float]


def extract_partition(docs: list[Document], path: str, keep_json: bool) -> Partition:
    """A Dask task: extract documents and write their graphs as one N-Quads file (atomically),
    in the store's own layout (``document_dataset``: the article graphs and any shared graph)."""
    from kg.graph.rdf import content_hash, document_dataset, graph_iri

    articles, failures, jsons = [], [], []
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        for doc in docs:
            try:
                with time_limit(doc_time_limit(doc)):
                    out = _pipeline()(doc)
                    quads = document_dataset(out).serialize(format="nquads", encoding="utf-8")
                    data = json.dumps(document_json(out), ensure_ascii=False, indent=1) if keep_json else None
            except (PipelineError, TookTooLong) as e:
                failures.append(Failure(doc.doc_id, doc.doc_id, str(e)))
                continue
            except Exception as e:  # a bug in the RDF mapping must not end the batch either
                failures.append(Failure(doc.doc_id, doc.doc_id, f"cannot map to RDF: {type(e).__name__}: {e}"))
                continue
            fh.write(quads if quads.endswith(b"\n") or not quads else quads + b"\n")
            articles.append((doc.doc_id, str(graph_iri(doc.doc_id)), content_hash(doc)))
            if data is not None:
                jsons.append((doc.doc_id, data))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return Partition(path, tuple(articles), tuple(failures), tuple(jsons), worker_name(), worker_stats())


# ------------------------------------------------------------------------------ kg extract
@dataclass(frozen=True)
class Extracted:
    """One document's JSON as ``kg extract`` writes it, and its --explain lines."""

    doc_id: str
    text: str
    explain: str = ""


def explain_lines(doc: Document) -> list[str]:
    """Per event: trigger, frame, rule and confidence (``kg extract --explain``)."""
    names = {e.id: e.label_en or e.label_ar for e in doc.entities}
    lines = []
    for ev in doc.events:
        pos, rule, pid = (ev.rule.split(":") + ["", "", ""])[:3]
        src = ", ".join(names.get(s, s) for s in ev.source)
        tgt = ", ".join(names.get(t, t) for t in ev.target) or "-"
        lines.append(
            f"{doc.doc_id} {ev.id} {ev.type}{'/' + ev.mode if ev.mode else ''} {src} -> {tgt} "
            f"[{ev.modality}] trigger «{ev.trigger}» ({pos}) frame {rule} entry {pid} "
            f"conf {ev.confidence}"
        )
    return lines


def render_document(doc: Document, one_line: bool) -> str:
    """The document JSON: indented (a file per document, stdout) or on one line (JSON Lines)."""
    if one_line:
        return json.dumps(document_json(doc), ensure_ascii=False, separators=(",", ":"))
    return json.dumps(document_json(doc), ensure_ascii=False, indent=1)


def extract_json(doc: Document, one_line: bool, explain: bool) -> Extracted | Failure:
    """Extract one document (within the time limit) and render its JSON; a failure names it."""
    try:
        with time_limit(doc_time_limit(doc)):
            out = _pipeline()(doc)
            text = render_document(out, one_line)
    except (PipelineError, TookTooLong) as e:
        return Failure(doc.doc_id, doc.doc_id, str(e))
    return Extracted(doc.doc_id, text, "\n".join(explain_lines(out)) if explain else "")


def extract_json_chunk(docs: list[Document], one_line: bool, explain: bool) -> list[Extracted | Failure]:
    return [extract_json(d, one_line, explain) for d in docs]


def extract_stream(
    items: Iterable[Document | Failure], workers: int = 1, one_line: bool = False, explain: bool = False
) -> Iterator[Extracted | Failure]:
    """Each document's JSON (or failure) in input order, extracted here or in ``workers``
    processes. The workers are forked once this process has loaded the pipeline, so they
    start warm and share its lexicons' memory."""
    _warm_worker()
    context = _fork_context() if workers > 1 else None
    if context is None:
        for item in items:
            yield item if isinstance(item, Failure) else extract_json(item, one_line, explain)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(workers, mp_context=context)
    pending: deque[tuple[list[Document | Failure], Any]] = deque()

    def take() -> Iterator[Extracted | Failure]:
        chunk, future = pending.popleft()
        try:
            done = future.result()
        except BrokenProcessPool:  # a worker died: its documents fail, a new pool goes on
            died = "the worker process died (out of memory or killed?)"
            done = [Failure(d.doc_id, d.doc_id, died) for d in chunk if not isinstance(d, Failure)]
        yield from _in_order(chunk, done)

    def submit(docs: list[Document]) -> Any:
        nonlocal pool
        try:
            return pool.submit(extract_json_chunk, docs, one_line, explain)
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = ProcessPoolExecutor(workers, mp_context=context)
            return pool.submit(extract_json_chunk, docs, one_line, explain)

    try:
        for chunk in _chunked(items, EXTRACT_CHUNK):
            pending.append((chunk, submit([d for d in chunk if not isinstance(d, Failure)])))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from take()
        while pending:
            yield from take()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


EXTRACT_CHUNK = 32  # documents per task of `kg extract --workers N`


def _fork_context() -> Any:
    import multiprocessing as mp

    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None


def _chunked(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    chunk: list[Document | Failure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_order(chunk: list[Document | Failure], done: list[Any]) -> Iterator[Extracted | Failure]:
    """A chunk's results (one per document) with its input failures in their places."""
    results = iter(done)
    for item in chunk:
        yield item if isinstance(item, Failure) else next(results)


class JsonFolder:
    """``kg extract -o DIR``: DIR/<doc_id>.json per document. Each file is written under a
    temporary name and renamed, so a killed run leaves whole files only; nothing is flushed
    per file, the run ends with one flush of the file system (``close``)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        umask = os.umask(0)
        os.umask(umask)
        self.mode = 0o666 & ~umask
        self.written = 0

    def write(self, doc_id: str, text: str) -> None:
        target = self.folder / f"{doc_id}.json"
        tmp = self.folder / f".{target.name}.{os.getpid()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, self.mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write((text + "\n").encode("utf-8"))
            os.replace(tmp, target)
        except BaseException as err:
            tmp.unlink(missing_ok=True)
            if isinstance(err, OSError):
                raise KGError(f"cannot write {target}: {err.strerror or err}") from err
            raise
        self.written += 1

    def close(self) -> None:
        if self.written:
            flush_file_system(self.folder)

    def abort(self) -> None:
        pass


class JsonLines:
    """``kg extract -o FILE.jsonl[.gz]``: one document a line, gzipped for ``.gz`` (level 6, no
    time stamp, so the same run gives the same bytes). Written under a temporary name, flushed
    once and renamed by ``close``: the file is whole or absent (``abort`` removes the rest)."""

    def __init__(self, path: str | Path) -> None:
        import gzip

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.raw: IO[bytes] = open(self.tmp, "wb")
        self.out: IO[bytes] = self.raw
        if self.path.name.endswith(".gz"):
            self.out = gzip.GzipFile(filename="", mode="wb", fileobj=self.raw, compresslevel=6, mtime=0)  # type: ignore[assignment]

    def write(self, doc_id: str, text: str) -> None:
        self.out.write(text.encode("utf-8") + b"\n")

    def close(self) -> None:
        if self.out is not self.raw:
            self.out.close()
        self.raw.flush()
        os.fsync(self.raw.fileno())
        self.raw.close()
        os.replace(self.tmp, self.path)
        _fsync_folder(self.path.parent)

    def abort(self) -> None:
        if not self.raw.closed:
            self.raw.close()
        self.tmp.unlink(missing_ok=True)


def open_documents_output(out: str) -> JsonFolder | JsonLines:
    """Where ``kg extract -o OUT`` writes: JSON Lines for a .jsonl/.jsonl.gz name, else a folder."""
    return JsonLines(out) if out.endswith((".jsonl", ".jsonl.gz")) else JsonFolder(out)


def flush_file_system(folder: Path) -> None:
    """Make what was written under ``folder`` durable: syncfs(2) of its file system on Linux,
    sync(2) elsewhere (one call for a whole run, where an fsync per file costs milliseconds)."""
    import ctypes

    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (AttributeError, OSError):
        os.sync()
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        if syncfs(fd) != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"cannot flush {folder}: {os.strerror(err)}")
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ------------------------------------------------------------------------------ the run report
@dataclass
class BuildReport:
    """What a run did: counts, failures with reasons, timing and the workers' peak memory."""

    engine: str = "local"
    workers: int = 1
    total: int | None = None  # documents in the inputs, when they could be counted
    done: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)  # the first LISTED_FAILURES
    worker_stats: dict[str, dict[str, float]] = field(default_factory=dict)  # worker -> peak_mb, cpu_s
    parent_cpu: float = field(default_factory=time.process_time)
    outputs: str = ""
    interrupted: bool = False
    compacted_s: float | None = None  # seconds compacting the store after the run, if it was
    started: float = field(default_factory=time.monotonic)
    started_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    @property
    def seen(self) -> int:
        return self.done + self.skipped + self.failed

    def seconds(self) -> float:
        return time.monotonic() - self.started

    def rate(self) -> float:
        """Documents per second so far (built, skipped and failed alike)."""
        return self.seen / max(self.seconds(), 1e-9)

    def cpu(self) -> float:
        """CPU seconds of the whole run: this process plus the workers (when they are others)."""
        own = time.process_time() - self.parent_cpu
        return own + sum(w["cpu_s"] for name, w in self.worker_stats.items() if name != worker_name())

    def summary(self) -> str:
        return (
            f"{self.done} built, {self.skipped} unchanged, {self.failed} failed "
            f"in {self.seconds():.1f} s ({self.rate():.1f} documents/s)"
        )

    def as_json(self) -> dict[str, Any]:
        secs = self.seconds()
        return {
            "started": self.started_at,
            "seconds": round(secs, 3),
            "engine": self.engine,
            "workers": self.workers,
            "documents": self.seen,
            "total": self.total,
            "built": self.done,
            "skipped": self.skipped,
            "failed": self.failed,
            "documents_per_second": round(self.seen / max(secs, 1e-9), 2),
            "cpu_seconds": round(self.cpu(), 3),
            "documents_per_cpu_second": round(self.seen / max(self.cpu(), 1e-9), 2),
            "parent_cpu_seconds": round(time.process_time() - self.parent_cpu, 3),
            "parent_peak_mb": peak_rss_mb(),
            "workers_stats": self.worker_stats,
            "outputs": self.outputs,
            "interrupted": self.interrupted,
            "compacted_s": self.compacted_s,
            "failures": [{"doc_id": f.doc_id, "where": f.where, "reason": f.reason} for f in self.failures],
            "failures_listed": len(self.failures),
        }

    def write(self, out: Path) -> Path:
        return atomic_write(out / "report.json", json.dumps(self.as_json(), ensure_ascii=False, indent=1) + "\n")


# ------------------------------------------------------------------------------ progress
class PlainProgress:
    """A line on stderr every ``every`` seconds (for logs and pipes, where a bar would garble)."""

    def __init__(self, report: BuildReport, every: float | None = None) -> None:
        self.report = report
        self.every = float(os.environ.get("KG_PROGRESS_EVERY", "10")) if every is None else every
        self.last = time.monotonic()

    def update(self) -> None:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            print(f"kg build: {progress_line(self.report)}", file=sys.stderr, flush=True)

    def note(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    def close(self) -> None:
        pass


def progress_line(r: BuildReport) -> str:
    """``120/1000 documents (118 built, 2 unchanged, 0 failed), 45.3 documents/s, ETA 19 s``."""
    of = f"/{r.total}" if r.total is not None else ""
    line = (
        f"{r.seen}{of} documents ({r.done} built, {r.skipped} unchanged, {r.failed} failed), {r.rate():.1f} documents/s"
    )
    if r.total is not None and r.seen and r.total > r.seen:
        line += f", ETA {_duration((r.total - r.seen) / r.rate())}"
    return line


def _duration(secs: float) -> str:
    secs = int(secs)
    return (
        f"{secs} s"
        if secs < 120
        else f"{secs // 60} min"
        if secs < 7200
        else f"{secs // 3600} h {secs % 3600 // 60} min"
    )


class RichProgress:
    """A progress bar with documents/s and ETA, for a terminal."""

    def __init__(self, report: BuildReport) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task) -> Text:
                return Text(f"{task.speed or 0:.1f} docs/s", style="progress.data.speed")

        self.report = report
        self.bar = Progress(
            TextColumn("kg build"),
            BarColumn(bar_width=20),
            MofNCompleteColumn(),
            Rate(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[counts]}"),
            console=Console(stderr=True),
            transient=False,
        )
        self.task = self.bar.add_task("build", total=report.total, counts="")
        self.bar.start()

    def update(self) -> None:
        r = self.report
        self.bar.update(self.task, completed=r.seen, counts=f"{r.skipped} unchanged, {r.failed} failed")

    def note(self, message: str) -> None:
        self.bar.console.print(message, markup=False, highlight=False)

    def close(self) -> None:
        self.update()
        self.bar.stop()


def make_progress(report: BuildReport, show: bool | None = None) -> PlainProgress | RichProgress:
    """A rich bar when stderr is a terminal (or ``show``), plain periodic lines otherwise."""
    return RichProgress(report) if (sys.stderr.isatty() if show is None else show) else PlainProgress(report)


# ------------------------------------------------------------------------------ the parent: store and outputs
class Outputs:
    """The graphs and document JSON of a small run, for graph.trig/ttl/csv/html and documents/.

    Past ``limit`` documents they are dropped (a note says so): a million articles' Turtle and
    page help no one, the store holds them and ``kg export``/``kg view`` write them on demand.
    """

    def __init__(self, limit: int | None = DEFAULT_OUTPUTS_LIMIT) -> None:
        from rdflib import Dataset

        self.limit = limit
        self.dataset: Any = Dataset(default_union=True)
        self.docs: list[tuple[str, str]] = []  # (doc_id, document JSON)
        self.count = 0
        self.dropped = False

    def _room(self) -> bool:
        self.count += 1
        if self.dropped:
            return False
        if self.limit is not None and self.count > self.limit:
            self.dropped, self.dataset, self.docs = True, None, []
            return False
        return True

    def add_graph(self, iri: str, ntriples: bytes, doc_json: tuple[str, str] | None = None) -> None:
        from rdflib import URIRef

        if self._room():
            self.dataset.graph(URIRef(iri)).parse(data=ntriples.decode("utf-8"), format="nt")
            if doc_json is not None:
                self.docs.append(doc_json)


class Sink:
    """The parent's side of a run: skips known articles, writes graphs, records failures."""

    def __init__(
        self, store: Any, report: BuildReport, failures: IO[str], progress: Any, outputs: Outputs | None
    ) -> None:
        self.store = store
        self.report = report
        self.failures_fh = failures
        self.progress = progress
        self.outputs = outputs
        self.hashes: set[str] = store.hashes() if store is not None else set()
        self.ids: dict[str, str] = {}  # document id -> content hash, for this run
        self.echo = True
        self.pending: list[Built] = []  # built articles waiting for the next group write
        self.pending_lines = 0
        self.group_size = WRITE_FIRST  # articles in the next group (doubles up to WRITE_GROUP)
        self.pending_since = time.monotonic()
        self.unflushed = 0

    def fail(self, f: Failure) -> None:
        r = self.report
        r.failed += 1
        if len(r.failures) < LISTED_FAILURES:
            r.failures.append(f)
        self.failures_fh.write(
            json.dumps({"doc_id": f.doc_id, "where": f.where, "reason": f.reason}, ensure_ascii=False) + "\n"
        )
        self.failures_fh.flush()
        if not self.echo:
            pass
        elif r.failed <= ECHOED_FAILURES:
            self.progress.note(f"kg: skipped {f.line()}")
        elif r.failed == ECHOED_FAILURES + 1:
            self.progress.note("kg: more failures: see failures.jsonl in the output folder")
        self.progress.update()

    def claim(self, doc: Document) -> bool:
        """True when ``doc`` must be extracted; False (counted as unchanged) when its content
        is already stored or already taken by this run."""
        from kg.graph.rdf import content_hash, graph_iri

        h = content_hash(doc)
        first = self.ids.setdefault(doc.doc_id, h)
        if first != h:  # a second, different document under an id this run already took
            self.fail(
                Failure(
                    doc.doc_id,
                    doc.doc_id,
                    "duplicate id: an earlier document of this run "
                    "has the same id (ids must be unique); kept the first",
                )
            )
            return False
        if h not in self.hashes:
            self.hashes.add(h)
            return True
        self.report.skipped += 1
        if self.outputs is not None and self.store is not None:
            iri = str(graph_iri(doc.doc_id))
            ntriples = self.store.graph_ntriples(iri)
            self.outputs.add_graph(iri, ntriples + self._descriptions(ntriples))
        self.progress.update()
        return False

    def _descriptions(self, ntriples: bytes) -> bytes:
        """The shared entity graph's descriptions (types, labels) of the entities an article
        graph mentions, as N-Triples: a stored article's outputs need them beside its graph."""
        import pyoxigraph as ox

        from kg.graph.rdf import ENTITY_GRAPH
        from kg.graph.vocab import KG

        mentioned = ox.NamedNode(str(KG.mentionedIn))
        subjects = {q.subject for q in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES) if q.predicate == mentioned}
        graph = ox.NamedNode(str(ENTITY_GRAPH))
        triples = [q.triple for s in subjects for q in self.store.oxigraph.quads_for_pattern(s, None, None, graph)]
        return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"") if triples else b""

    def accept(self, result: Built | Failure) -> None:
        """Queue one article's graph (or record its failure); queued articles are written a
        group at a time, each group one transaction (see ``drain``)."""
        if isinstance(result, Failure):
            self.fail(result)
            return
        self.pending.append(result)
        self.pending_lines += result.ntriples.count(b"\n")
        if (
            len(self.pending) >= self.group_size
            or self.pending_lines >= WRITE_QUADS
            or time.monotonic() - self.pending_since > WRITE_EVERY_S
        ):
            self.drain()

    def drain(self) -> None:
        """Write the queued articles (``Store.put_graphs``). An article counts as built only
        once it is in the store."""
        if not self.pending:
            self.pending_since = time.monotonic()
            return
        group, self.pending, self.pending_lines = self.pending, [], 0
        self.group_size = min(2 * self.group_size, WRITE_GROUP)
        self.store.put_graphs([(r.iri, r.ntriples, r.hash) for r in group])
        self.report.done += len(group)
        self._flush_now_and_then(len(group))
        if self.outputs is not None:
            for r in group:
                self.outputs.add_graph(r.iri, r.ntriples, (r.doc_id, r.doc_json) if r.doc_json else None)
        self.pending_since = time.monotonic()
        self.progress.update()

    def _flush_now_and_then(self, written: int) -> None:
        self.unflushed += written
        if self.unflushed >= FLUSH_EVERY and self.store is not None:
            self.store.flush()
            self.unflushed = 0

    def worker(self, name: str, stats: dict[str, float]) -> None:
        self.report.worker_stats[name] = stats

    def load_partition(self, part: Partition, endpoint: str | None) -> None:
        """Load a partition's N-Quads file into the store or push it to ``endpoint``."""
        self.worker(part.worker, part.stats)
        for f in part.failures:
            self.fail(f)
        path = Path(part.path)
        iris = [iri for _, iri, _ in part.articles]
        if iris:
            if endpoint is not None:
                _push_file(path, iris, endpoint)
            else:  # new articles bulk-loaded, changed ones replaced (Store.put_nquads)
                self.store.put_nquads(path.read_bytes(), [(iri, h) for _, iri, h in part.articles])
                self._flush_now_and_then(len(iris))
            if self.outputs is not None:
                self._partition_outputs(path, part)
        path.unlink(missing_ok=True)
        self.report.done += len(iris)
        self.progress.update()

    def _partition_outputs(self, path: Path, part: Partition) -> None:
        assert self.outputs is not None
        for _ in part.articles:
            if not self.outputs._room():
                return
        self.outputs.dataset.parse(str(path), format="nquads")
        self.outputs.docs += list(part.doc_json)


def _push_file(path: Path, articles: list[str], endpoint: str, timeout_s: float = 60.0) -> None:
    """Send an N-Quads file's graphs to a SPARQL server (Graph Store Protocol): PUT replaces
    each article's graph; any other graph (shared by articles) is POSTed, i.e. merged."""
    import pyoxigraph as ox

    from kg.graph.server import send_graph

    by_graph: dict[str, list[Any]] = {}
    for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        if isinstance(q.graph_name, ox.NamedNode):
            by_graph.setdefault(q.graph_name.value, []).append(q.triple)
    base = endpoint.rstrip("/") + "/store"
    for iri, triples in by_graph.items():
        send_graph(
            base,
            iri,
            ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
            method="PUT" if iri in articles else "POST",
            timeout_s=timeout_s,
        )


# ------------------------------------------------------------------------------ engines
def run_local(items: Iterable[Document | Failure], sink: Sink, workers: int, keep_json: bool) -> None:
    """Extract in this process (workers <= 1) or in ``workers`` processes, writing in order."""
    if workers <= 1:
        for item in items:
            if isinstance(item, Failure):
                sink.fail(item)
            elif sink.claim(item):
                sink.accept(extract_document(item, keep_json))
        sink.worker(worker_name(), worker_stats())
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def new_pool() -> ProcessPoolExecutor:
        import multiprocessing as mp

        # forkserver: workers start from a clean process, not a fork of one holding the store
        ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_warm_worker)

    pool = new_pool()
    pending: deque[tuple[Any, list[str]]] = deque()

    def take() -> None:
        nonlocal pool
        future, ids = pending.popleft()
        try:
            results, name, stats = future.result()
        except BrokenProcessPool:
            for doc_id in ids:
                sink.fail(Failure(doc_id, doc_id, "the worker process died (out of memory or killed?)"))
            pool.shutdown(wait=False, cancel_futures=True)
            pool = new_pool()
            return
        sink.worker(name, stats)
        for r in results:
            sink.accept(r)

    def submit(chunk: list[Document]) -> None:
        pending.append((pool.submit(extract_chunk, chunk, keep_json), [d.doc_id for d in chunk]))
        while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
            take()

    try:
        for chunk in _groups(items, sink, CHUNK):
            submit(chunk)
        while pending:
            take()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def partition_size(total: int | None, partitions: int | None, workers: int) -> int:
    """Documents per partition: ``total / partitions`` when both are known, else at most
    DEFAULT_PARTITION_SIZE with at least two partitions per worker."""
    if total:
        if partitions:
            return max(1, math.ceil(total / partitions))
        return max(1, min(DEFAULT_PARTITION_SIZE, math.ceil(total / (2 * max(workers, 1)))))
    return DEFAULT_PARTITION_SIZE


def _connect_dask(scheduler: str | None, workers: int, processes: bool):
    """A dask.distributed Client (and the LocalCluster it owns, if any)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise KGError("the dask engine needs dask.distributed, an optional extra: pip install 'kg[dask]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as e:
            raise KGError(
                f"cannot reach the Dask scheduler at {scheduler}: {e}; start one with "
                "`dask scheduler` (and `dask worker ADDRESS`), or leave out --scheduler "
                "for a local cluster"
            ) from None
    import logging

    cluster = LocalCluster(
        n_workers=max(workers, 1),
        threads_per_worker=1,
        processes=processes,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def run_dask(
    items: Iterable[Document | Failure],
    sink: Sink,
    *,
    workers: int,
    scheduler: str | None,
    partitions: int | None,
    total: int | None,
    part_dir: Path,
    endpoint: str | None,
    keep_json: bool,
    processes: bool = True,
) -> None:
    """Extract partitions on dask.distributed; each becomes an N-Quads file, loaded (or pushed)
    here as it arrives. At most two partitions per worker are in flight."""
    client, cluster = _connect_dask(scheduler, workers, processes)
    try:
        from dask.distributed import as_completed

        n_workers = len(client.scheduler_info().get("workers", {})) or max(workers, 1)
        sink.report.workers = n_workers
        size = partition_size(total, partitions, n_workers)
        part_dir.mkdir(parents=True, exist_ok=True)
        running = as_completed()
        in_flight = 0
        for n, part in enumerate(_partitions(items, sink, size)):
            path = part_dir / f"part-{n:06d}.nq"
            running.add(client.submit(extract_partition, part, str(path.resolve()), keep_json, pure=False))
            in_flight += 1
            while in_flight >= 2 * n_workers:
                sink.load_partition(next(running).result(), endpoint)
                in_flight -= 1
        for future in running:
            sink.load_partition(future.result(), endpoint)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        try:
            part_dir.rmdir()
        except OSError:
            pass


def _compact_if_rewritten(store: Any, report: BuildReport) -> None:
    """Compact the store after a run that rewrote many statements in place (changed articles):
    the old versions' deletions leave the store (new articles, bulk-loaded, need none)."""
    from kg.graph.store import COMPACT_AFTER

    if store is not None and store.rewritten >= COMPACT_AFTER:
        started = time.monotonic()
        store.compact()
        report.compacted_s = round(time.monotonic() - started, 3)


def _groups(items: Iterable[Document | Failure], sink: Sink, size: int) -> Iterator[list[Document]]:
    """The documents that must be extracted, ``size`` at a time; failures go to the sink and
    already stored documents are counted there (``Sink.claim``)."""
    group: list[Document] = []
    for item in items:
        if isinstance(item, Failure):
            sink.fail(item)
        elif sink.claim(item):
            group.append(item)
            if len(group) >= size:
                yield group
                group = []
    if group:
        yield group


_partitions = _groups  # a Dask partition is such a group


# ------------------------------------------------------------------------------ the whole run
@dataclass(frozen=True)
class BuildOptions:
    """How to run a build (the `kg build` options)."""

    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    partitions: int | None = None
    endpoint: str | None = None
    outputs: bool = True
    outputs_limit: int | None = DEFAULT_OUTPUTS_LIMIT
    progress: bool | None = None  # None: a bar when stderr is a terminal
    echo_failures: bool = True  # False: the caller reports failures itself (one bad file)
    dask_processes: bool = True  # False: LocalCluster workers are threads of this process

    def check(self) -> None:
        if self.engine not in ENGINES:
            raise InputError(f"unknown engine '{self.engine}'; valid: {', '.join(ENGINES)}")
        if self.workers < 0:
            raise InputError(f"--workers {self.workers}: give 1 or more (0 = one per core)")
        if self.engine != "dask" and (self.scheduler or self.partitions or self.endpoint):
            raise InputError(
                "--scheduler, --partitions and --endpoint need --engine dask; for a local "
                "build push the store afterwards with `kg push --endpoint URL`"
            )
        if self.partitions is not None and self.partitions < 1:
            raise InputError(f"--partitions {self.partitions}: give 1 or more")


def build(
    inputs: list[str],
    store_path: str | None,
    out: Path,
    date: str | None = None,
    options: BuildOptions = BuildOptions(),
) -> tuple[BuildReport, Outputs | None]:
    """Build every input document into the store; returns the report and, for a small run with
    outputs, the graphs and documents to write. report.json and failures.jsonl go to ``out``
    (also when the run is interrupted)."""
    from kg.graph.store import Store

    options.check()
    workers = options.workers or os.cpu_count() or 1
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(engine=options.engine, workers=workers)
    report.total = count_inputs(inputs)
    outputs = Outputs(options.outputs_limit) if options.outputs else None
    keep_json = options.outputs
    items = read_inputs(inputs, date)
    progress = make_progress(report, options.progress)
    store = None
    try:
        with open(out / "failures.jsonl", "w", encoding="utf-8") as failures:
            if options.engine == "dask" and options.endpoint:
                sink = Sink(None, report, failures, progress, outputs)
                sink.echo = options.echo_failures
                run_dask(
                    items,
                    sink,
                    workers=workers,
                    scheduler=options.scheduler,
                    partitions=options.partitions,
                    total=report.total,
                    part_dir=out / "partitions",
                    endpoint=options.endpoint,
                    keep_json=keep_json,
                    processes=options.dask_processes,
                )
            else:
                store = Store.open(store_path)
                sink = Sink(store, report, failures, progress, outputs)
                sink.echo = options.echo_failures
                if options.engine == "dask":
                    run_dask(
                        items,
                        sink,
                        workers=workers,
                        scheduler=options.scheduler,
                        partitions=options.partitions,
                        total=report.total,
                        part_dir=out / "partitions",
                        endpoint=None,
                        keep_json=keep_json,
                        processes=options.dask_processes,
                    )
                else:
                    run_local(items, sink, workers, keep_json)
                sink.drain()
                _compact_if_rewritten(store, report)
    except KeyboardInterrupt:
        report.interrupted = True
        raise
    finally:
        if store is not None:
            store.close()
        progress.close()
        if outputs is not None and outputs.dropped:
            report.outputs = (
                f"not written: {outputs.count} documents is more than {outputs.limit}; "
                "use `kg export` and `kg view` on the store, or raise --outputs-limit"
            )
        report.write(out)
    return report, outputs
