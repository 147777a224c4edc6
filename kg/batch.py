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
# Runs of this many documents give back extraction's memory before their outputs are drawn
# (release_memory); smaller ones keep the lexicons loaded (a next run in the process is quicker).
RELEASE_AFTER = 500
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


def _extracted(doc: Document, min_confidence: float) -> Document:
    """``doc`` through the process's pipeline, keeping the events scored at least
    ``min_confidence`` (``--min-confidence``)."""
    from kg.extract.scorer import keep_confident

    return keep_confident(_pipeline()(doc), min_confidence)


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


def extract_document(doc: Document, keep_json: bool = False, min_confidence: float = 0.0) -> Built | Failure:
    """Extract one document and map it to RDF; any error, or passing the time limit, becomes a
    Failure naming the document."""
    from rdflib import Graph

    from kg.graph.rdf import content_hash, document_graph, graph_iri

    try:
        with time_limit(doc_time_limit(doc)):
            out = _extracted(doc, min_confidence)
            ntriples = document_graph(out, Graph()).serialize(format="nt", encoding="utf-8")
            data = json.dumps(document_json(out), ensure_ascii=False, indent=1) if keep_json else None
    except (PipelineError, TookTooLong) as e:
        return Failure(doc.doc_id, doc.doc_id, str(e))
    except Exception as e:  # a bug in the RDF mapping must not end the batch either
        return Failure(doc.doc_id, doc.doc_id, f"cannot map to RDF: {type(e).__name__}: {e}")
    return Built(doc.doc_id, str(graph_iri(doc.doc_id)), content_hash(doc, min_confidence), ntriples, data)


def release_memory() -> None:
    """Give back what extraction held before the outputs are drawn: the pipeline and the caches
    of kg's modules (lexicons, folded words), then the freed heap to the system (glibc keeps
    it otherwise), so the page's memory does not add to the extraction's."""
    import ctypes
    import functools
    import gc

    global _PIPELINE
    _PIPELINE = None
    gc.unfreeze()  # kg.pipeline.settle froze what the first document loaded
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper) and getattr(obj, "__module__", "").startswith("kg."):
            obj.cache_clear()
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the memory stays with the process, to be reused


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


def extract_chunk(
    docs: list[Document], keep_json: bool, min_confidence: float = 0.0
) -> tuple[list[Built | Failure], str, dict[str, float]]:
    """A worker task: the results for a few documents, the worker's name and its stats."""
    return [extract_document(d, keep_json, min_confidence) for d in docs], worker_name(), worker_stats()


# What a process extracts before its first document: sentences that reach every lexicon the
# stages load on first use (a title, a description, a quotation, a date, a frequent word), so
# that `kg extract --workers N` loads them once, before it forks the workers.
WARM_UP = (
    "زار وزير الخارجية الجزائري ليبيا. وقال الرئيس الجزائري عبد المجيد تبون إن الوزير قد يزور "
    "القاهرة يوم الاثنين، وطالب الحكومة بدعم البرلمان. وذلك بين شهري أغسطس (آب) وديسمبر (كانون الاول) من عام 2005."
)


def _warm_worker() -> None:
    """A worker's start: die with its parent (see kg.lifetime), then load the pipeline. The
    collector is off meanwhile: loading makes hundreds of thousands of objects that all stay
    (a fifth of the load's time went to collections that free nothing), and the pipeline's
    first document moves them out of its way (``kg.pipeline.settle``)."""
    import gc

    from kg.lifetime import die_with_parent

    die_with_parent()
    was_on = gc.isenabled()
    gc.disable()
    try:
        _pipeline()(Document(doc_id="warm-up", text=WARM_UP))
    finally:
        if was_on:
            gc.enable()


@dataclass(frozen=True)
class Partition:
    """What a Dask task made: an N-Quads file, the articles in it, failures, worker facts."""

    path: str
    articles: tuple[tuple[str, str, str], ...]  # (doc_id, graph IRI, content hash)
    failures: tuple[Failure, ...]
    doc_json: tuple[tuple[str, str], ...]  # (doc_id, JSON) when outputs are kept
    worker: str
    stats: dict[str, float]


def extract_partition(docs: list[Document], path: str, keep_json: bool, min_confidence: float = 0.0) -> Partition:
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
                    out = _extracted(doc, min_confidence)
                    quads = document_dataset(out).serialize(format="nquads", encoding="utf-8")
                    data = json.dumps(document_json(out), ensure_ascii=False, indent=1) if keep_json else None
            except (PipelineError, TookTooLong) as e:
                failures.append(Failure(doc.doc_id, doc.doc_id, str(e)))
                continue
            except Exception as e:  # a bug in the RDF mapping must not end the batch either
                failures.append(Failure(doc.doc_id, doc.doc_id, f"cannot map to RDF: {type(e).__name__}: {e}"))
                continue
            fh.write(quads if quads.endswith(b"\n") or not quads else quads + b"\n")
            articles.append((doc.doc_id, str(graph_iri(doc.doc_id)), content_hash(doc, min_confidence)))
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


def extract_json(doc: Document, one_line: bool, explain: bool, min_confidence: float = 0.0) -> Extracted | Failure:
    """Extract one document (within the time limit) and render its JSON; a failure names it."""
    try:
        with time_limit(doc_time_limit(doc)):
            out = _extracted(doc, min_confidence)
            text = render_document(out, one_line)
    except (PipelineError, TookTooLong) as e:
        return Failure(doc.doc_id, doc.doc_id, str(e))
    return Extracted(doc.doc_id, text, "\n".join(explain_lines(out)) if explain else "")


def extract_json_chunk(
    docs: list[Document], one_line: bool, explain: bool, min_confidence: float = 0.0
) -> list[Extracted | Failure]:
    return [extract_json(d, one_line, explain, min_confidence) for d in docs]


def extract_stream(
    items: Iterable[Document | Failure],
    workers: int = 1,
    one_line: bool = False,
    explain: bool = False,
    min_confidence: float = 0.0,
) -> Iterator[Extracted | Failure]:
    """Each document's JSON (or failure) in input order, extracted here or in ``workers``
    processes. The workers are forked once this process has loaded the pipeline, so they
    start warm and share its lexicons' memory."""
    _warm_worker()
    context = _fork_context() if workers > 1 else None
    if context is None:
        for item in items:
            yield item if isinstance(item, Failure) else extract_json(item, one_line, explain, min_confidence)
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
            return pool.submit(extract_json_chunk, docs, one_line, explain, min_confidence)
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = ProcessPoolExecutor(workers, mp_context=context)
            return pool.submit(extract_json_chunk, docs, one_line, explain, min_confidence)

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
        from kg.corpus import file_name  # a long or odd id gets a name the file system takes

        target = self.folder / file_name(doc_id, ".json")
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
    error: str | None = None  # why the run stopped before its end (e.g. the store is in use)
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
            "error": self.error,
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
    """The outputs of a small run, written by streaming so memory does not grow with the run:
    ``documents/<doc_id>.json`` as each article is stored, and graph.trig, graph.ttl,
    triples.csv and graph.html at the end from the run's graphs, kept meanwhile in a temporary
    on-disk store in OUT (removed afterwards; one a killed run left is removed by the next).

    Past ``limit`` documents there are none (a note says so, and documents written so far are
    removed): a million articles' Turtle and page help no one, the store holds them and
    ``kg export``/``kg view`` write them on demand. When the run's size is known beforehand,
    such a run writes nothing at all.
    """

    def __init__(self, out: Path, limit: int | None = DEFAULT_OUTPUTS_LIMIT, expected: int | None = None) -> None:
        self.out = Path(out)
        self.limit = limit
        self.count = 0  # documents of the run, written or not
        self.dropped = limit is not None and expected is not None and expected > limit
        self.graphs: Any = None  # a kg Store of the run's graphs (made on first use)
        self.documents: list[Path] = []
        self.written: list[Path] = []  # what ``write`` wrote
        self.unflushed = 0

    def _room(self, n: int) -> bool:
        self.count += n
        if self.dropped:
            return False
        if self.limit is not None and self.count > self.limit:
            self.drop()
            return False
        return True

    def drop(self) -> None:
        """No outputs after all: forget the graphs and remove the documents written."""
        self.dropped = True
        self.close()
        for path in self.documents:
            path.unlink(missing_ok=True)
        self.documents = []

    def _store(self) -> Any:
        if self.graphs is None:
            from kg.corpus import temp_path
            from kg.graph.store import Store

            self.graphs = Store.open(temp_path(self.out / "run-store"))
        return self.graphs

    def add(self, graphs: list[tuple[str, bytes, str]], docs: Iterable[tuple[str, str]] = ()) -> None:
        """Articles of the run: their graphs (IRI, N-Triples, content hash) and, for those
        built now, their document JSON (doc_id, JSON)."""
        if not self._room(len(graphs)):
            return
        if graphs:
            self._store().put_graphs([(iri, data, h) for iri, data, h in graphs])
            self._flush_now_and_then(len(graphs))
        for doc_id, data in docs:
            self._document(doc_id, data)

    def _flush_now_and_then(self, written: int) -> None:
        """The temporary store, like the store, grows in memory until flushed (see FLUSH_EVERY)."""
        self.unflushed += written
        if self.unflushed >= FLUSH_EVERY:
            self._store().flush()
            self.unflushed = 0

    def add_nquads(self, path: Path, articles: int, docs: tuple[tuple[str, str], ...]) -> None:
        """A Dask partition's N-Quads file (already in the store's layout) and its documents."""
        import pyoxigraph as ox

        if not self._room(articles):
            return
        self._store().oxigraph.load(path=str(path), format=ox.RdfFormat.N_QUADS)
        self._flush_now_and_then(articles)
        for doc_id, data in docs:
            self._document(doc_id, data)

    def _document(self, doc_id: str, data: str) -> None:
        from kg.corpus import file_name

        self.documents.append(atomic_write(self.out / "documents" / file_name(doc_id, ".json"), data + "\n"))

    def write(self, view: bool = True) -> list[Path]:
        """graph.trig, graph.ttl, triples.csv and (``view``) graph.html of the run, streamed from
        its graphs; returns the files written (documents/ as one entry). The store is opened
        afresh for each file: an open store keeps what it read cached, and the page, which
        must hold every event, is drawn with the store closed."""
        from kg.graph.export import export
        from kg.graph.store import Store

        where = self._store().path
        self.graphs.close()
        written: list[Path] = []
        for name, fmt in (("graph.trig", "trig"), ("graph.ttl", "turtle"), ("triples.csv", "csv")):
            with Store.open(where, read_only=True) as store:
                written += export(store, fmt, self.out / name)
        if self.documents:
            written.append(self.out / "documents")
        if view:
            from kg.graph.network import network_from_store
            from kg.view.html import write_html

            with Store.open(where, read_only=True) as store:
                network = network_from_store(store)  # titled by its articles: count and dates
            if self.count >= RELEASE_AFTER:
                release_memory()
            written.append(write_html(network, self.out / "graph.html"))
        return written

    def close(self) -> None:
        """Remove the temporary store of the run's graphs."""
        import shutil

        if self.graphs is not None:
            where = self.graphs.path
            self.graphs.close()
            self.graphs = None
            shutil.rmtree(where, ignore_errors=True)


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
        self.min_confidence = 0.0  # the run's --min-confidence: part of what makes an article "unchanged"
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

        h = content_hash(doc, self.min_confidence)
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
        if self.outputs is not None and self.store is not None and not self.outputs.dropped:
            iri = str(graph_iri(doc.doc_id))
            ntriples = self.store.graph_ntriples(iri)
            self.outputs.add([(iri, ntriples + self._descriptions(ntriples), h)])
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
            self.outputs.add(
                [(r.iri, r.ntriples, r.hash) for r in group], [(r.doc_id, r.doc_json) for r in group if r.doc_json]
            )
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
                self.outputs.add_nquads(path, len(iris), part.doc_json)
        path.unlink(missing_ok=True)
        self.report.done += len(iris)
        self.progress.update()


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
def run_local(
    items: Iterable[Document | Failure], sink: Sink, workers: int, keep_json: bool, min_confidence: float = 0.0
) -> None:
    """Extract in this process (workers <= 1) or in ``workers`` processes, writing in order."""
    if workers <= 1:
        for item in items:
            if isinstance(item, Failure):
                sink.fail(item)
            elif sink.claim(item):
                sink.accept(extract_document(item, keep_json, min_confidence))
        sink.worker(worker_name(), worker_stats())
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def new_pool() -> ProcessPoolExecutor:
        import multiprocessing as mp

        # forkserver: workers start from a clean process, not a fork of one holding the store;
        # the fork server itself dies with this process (kg.lifetime), and so its workers
        if "forkserver" in mp.get_all_start_methods():
            ctx: Any = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["kg._die_with_parent"])
        else:
            ctx = mp.get_context("spawn")
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
        pending.append((pool.submit(extract_chunk, chunk, keep_json, min_confidence), [d.doc_id for d in chunk]))
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
    import logging
    import signal

    # Dask starts threads when imported; they keep the signal mask of the thread that starts
    # them, and no Ctrl-C may land in one of them while SIGINT is ignored below
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise KGError("the dask engine needs dask.distributed, an optional extra: pip install 'kg[dask]'") from None
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as e:
            raise KGError(
                f"cannot reach the Dask scheduler at {scheduler}: {e}; start one with "
                "`dask scheduler` (and `dask worker ADDRESS`), or leave out --scheduler "
                "for a local cluster"
            ) from None
    if not processes:
        threads = LocalCluster(
            n_workers=max(workers, 1),
            threads_per_worker=1,
            processes=False,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return Client(threads), threads
    # Worker processes die with this one (kg._dask_worker) and ignore SIGINT from their start:
    # Ctrl-C in a terminal signals the whole process group, and workers interrupted on their own
    # make Dask print tracebacks, while this process stops the cluster in order. An ignored
    # signal is the one setting a child inherits whichever thread starts it, so SIGINT is
    # ignored here while the cluster starts; it is also blocked meanwhile, which keeps a Ctrl-C
    # pending (Linux does not discard a blocked signal) until it is raised below.
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()  # started later, it would unblock SIGINT in the window
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})

    def restore() -> None:
        signal.signal(signal.SIGINT, before)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)

    cluster: Any = None
    client: Any = None
    try:
        cluster = LocalCluster(
            n_workers=max(workers, 1),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
            preload=["kg._dask_worker"],
        )
        client = Client(cluster)
        restore()
        time.sleep(0)  # a Ctrl-C pressed meanwhile is raised here, with the cluster to close
    except BaseException:
        restore()
        _quiet_dask()
        if cluster is not None:
            cluster.close()
        if client is not None:
            client.close()
        raise
    return client, cluster


def _close_dask(client: Any, cluster: Any) -> None:
    if cluster is not None:  # workers first, so none is left waiting for the scheduler
        cluster.close()
    client.close()


def _quiet_dask() -> None:
    """Stopping with tasks in flight (Ctrl-C, an error), Dask logs each cancelled task with a
    traceback; the user gets kg's one line instead."""
    import logging

    logging.getLogger("distributed").setLevel(logging.CRITICAL)


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
    connection: tuple[Any, Any] | None = None,
    min_confidence: float = 0.0,
) -> None:
    """Extract partitions on dask.distributed; each becomes an N-Quads file, loaded (or pushed)
    here as it arrives. At most two partitions per worker are in flight. ``connection`` is a
    (client, cluster) from ``_connect_dask`` (default: made here); it is closed at the end."""
    client, cluster = connection or _connect_dask(scheduler, workers, processes)
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
            running.add(
                client.submit(extract_partition, part, str(path.resolve()), keep_json, min_confidence, pure=False)
            )
            in_flight += 1
            while in_flight >= 2 * n_workers:
                sink.load_partition(next(running).result(), endpoint)
                in_flight -= 1
        for future in running:
            sink.load_partition(future.result(), endpoint)
    except BaseException:
        _quiet_dask()
        raise
    finally:
        _close_dask(client, cluster)
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
    view: bool = True  # write graph.html with the outputs
    echo_failures: bool = True  # False: the caller reports failures itself (one bad file)
    dask_processes: bool = True  # False: LocalCluster workers are threads of this process
    min_confidence: float = 0.0  # events scored below are left out (the scorer's calibrated probability)

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
        if not 0.0 <= self.min_confidence <= 1.0:
            raise InputError(f"--min-confidence {self.min_confidence}: give a probability from 0 to 1")
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
    outputs, the Outputs to write (``Outputs.write``, then ``Outputs.close``). report.json and
    failures.jsonl go to ``out`` (also when the run is interrupted or the store cannot be
    opened: then with the reason as ``error``).

    ``out`` is this run's alone while it runs (a lock in it: a second build given the same
    folder stops at once with a one-line error) and may not lie inside a store folder."""
    from kg.graph.paths import check_output_path
    from kg.graph.store import default_store_path

    options.check()
    workers = options.workers or os.cpu_count() or 1
    out = check_output_path(out, store_path if store_path is not None else default_store_path())
    out.mkdir(parents=True, exist_ok=True)
    lock = lock_output_folder(out)
    try:
        return _build_locked(inputs, store_path, out, date, options, workers)
    finally:
        lock.close()


def _build_locked(
    inputs: list[str], store_path: str | None, out: Path, date: str | None, options: BuildOptions, workers: int
) -> tuple[BuildReport, Outputs | None]:
    from kg.corpus import clean_stale_temps
    from kg.graph.store import Store

    for folder in (out, out / "documents", out / "partitions"):
        clean_stale_temps(folder)
    _clear_partitions(out / "partitions")
    report = BuildReport(engine=options.engine, workers=workers)
    report.total = count_inputs(inputs)
    outputs = Outputs(out, options.outputs_limit, report.total) if options.outputs else None
    keep_json = options.outputs and not (outputs is not None and outputs.dropped)
    items = read_inputs(inputs, date)
    # a Dask cluster starts before any other thread (the store's, the progress bar's) exists:
    # see _connect_dask on Ctrl-C; run_dask closes it
    dask = _connect_dask(options.scheduler, workers, options.dask_processes) if options.engine == "dask" else None
    progress: Any = None
    store = None
    try:
        progress = make_progress(report, options.progress)
        with open(out / "failures.jsonl", "w", encoding="utf-8") as failures:
            if options.engine == "dask" and options.endpoint:
                sink = Sink(None, report, failures, progress, outputs)
                sink.echo = options.echo_failures
                sink.min_confidence = options.min_confidence
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
                    connection=dask,
                    min_confidence=options.min_confidence,
                )
            else:
                store = Store.open(store_path)
                sink = Sink(store, report, failures, progress, outputs)
                sink.echo = options.echo_failures
                sink.min_confidence = options.min_confidence
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
                        connection=dask,
                        min_confidence=options.min_confidence,
                    )
                else:
                    run_local(items, sink, workers, keep_json, options.min_confidence)
                sink.drain()
                _compact_if_rewritten(store, report)
        if store is not None:
            store.close()
        progress.close()
        if outputs is not None and not outputs.dropped and outputs.count >= RELEASE_AFTER:
            release_memory()
        _finish_outputs(outputs, report, options.view)
        dask = None
    except KeyboardInterrupt:
        report.interrupted = True
        raise
    except KGError as err:
        report.error = str(err)
        raise
    finally:
        if dask is not None and not dask[0].status == "closed":  # the run stopped before run_dask
            _close_dask(*dask)
        if store is not None:
            store.close()
        if progress is not None:
            progress.close()
        if outputs is not None:
            outputs.close()
        report.write(out)
    return report, outputs


def _finish_outputs(outputs: Outputs | None, report: BuildReport, view: bool) -> None:
    """Write the run's outputs (when kept and not too many) and say in the report what became
    of them."""
    if outputs is None:
        report.outputs = "not written (--no-outputs)"
    elif outputs.dropped:
        report.outputs = (
            f"not written: {outputs.count} documents is more than {outputs.limit}; "
            "use `kg export` and `kg view` on the store, or raise --outputs-limit"
        )
    elif not (report.done or report.skipped):
        report.outputs = "not written (nothing was built)"
    else:
        outputs.written = outputs.write(view)
        report.outputs = "written"


def _clear_partitions(folder: Path) -> None:
    """Remove the partition files a killed Dask run left (their articles are not stored, so
    this run extracts them again)."""
    for path in folder.glob("part-*.nq") if folder.is_dir() else ():
        path.unlink(missing_ok=True)


LOCK_FILE = ".kg-build.lock"


class OutputLock:
    """An exclusive lock on an output folder (``OUT/.kg-build.lock``), held while a build writes
    there; the file names the process that holds it, and goes when the lock is released (a
    killed build's file stays, unlocked, and is taken over by the next build)."""

    def __init__(self, handle: IO[str], path: Path) -> None:
        self.handle = handle
        self.path = path

    def close(self) -> None:
        if not self.handle.closed:
            self.path.unlink(missing_ok=True)  # while still locked: no one can take it half-removed
            self.handle.close()


def lock_output_folder(out: Path) -> OutputLock:
    """Take ``out`` for this run; InputError naming the other build when one holds it."""
    import fcntl

    path = out / LOCK_FILE
    while True:
        handle = open(path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise InputError(
                f"the output folder {out} is in use by another kg build ({holder}); wait for it "
                "to finish or give this build another --out"
            ) from None
        except OSError:  # a file system without locks (some network shares): go on unguarded
            return OutputLock(handle, path)
        try:  # the holder may have removed the file between our open and our lock: start again
            if os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino:
                break
        except FileNotFoundError:
            pass
        handle.close()
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()} on {os.uname().nodename}\n")
    handle.flush()
    return OutputLock(handle, path)
