"""The command line: ``kg extract | build | compact | query | view | validate | export | stats |
serve | push | ner | demo``. Every KGError becomes a one-line message and exit code 2."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import click

from kg import __version__
from kg.corpus import (
    Failure,
    check_date,
    clean_stale_temps,
    decode_text,
    is_corpus,
    printable,
    read_inputs,
)
from kg.errors import InputError, KGError

SAMPLE = "seed-libya-algeria.txt"
QUERY_FORMATS = ("table", "csv", "tsv", "json")


def sample_path() -> Path:
    return Path(str(files("kg") / "data" / "sample" / SAMPLE))


def sample_date() -> str:
    """The sample article's date, from its metadata beside it (``seed-libya-algeria.json`` says
    how it is known: the text gives none of its own)."""
    meta = json.loads((files("kg") / "data" / "sample" / SAMPLE.replace(".txt", ".json")).read_text(encoding="utf-8"))
    return str(meta["date"])


def _date_option(value: str | None) -> str | None:
    """The --date value, checked for shape and for being a real day (2018-02-30 is refused)."""
    return check_date(value, "--date")


@dataclass
class Report:
    """What a batch did: documents done, skipped, failed (with reasons), and time taken."""

    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def fail(self, f: Failure) -> None:
        self.failed.append(f)
        click.echo(f"kg: skipped {f.line()}", err=True)

    def summary(self) -> str:
        secs = time.monotonic() - self.started
        return f"{len(self.done)} built, {len(self.skipped)} unchanged, {len(self.failed)} failed in {secs:.1f} s"

    def as_json(self) -> dict:
        return {
            "done": len(self.done),
            "skipped": self.skipped,
            "seconds": round(time.monotonic() - self.started, 3),
            "failed": [{"doc_id": f.doc_id, "where": f.where, "reason": f.reason} for f in self.failed],
        }


def _one_line(message: str, limit: int = 400) -> str:
    """An error message on one line (parsers such as Oxigraph's SPARQL one span several), cut
    to ``limit`` characters, with control characters shown escaped (``printable``)."""
    text = printable(" ".join(message.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class KGGroup(click.Group):
    """Turns KGError (and any stray exception) into one line on stderr, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as e:
            click.echo(f"kg: error: {_one_line(str(e))}", err=True)
            sys.exit(e.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # the reader went away (`kg stats | head -1`): stop quietly, as Unix tools do, and
            # keep the interpreter's last flush from failing on the closed pipe again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except Exception as e:  # a bug: still one line, the traceback on request
            if os.environ.get("KG_DEBUG"):
                raise
            detail = _one_line(f"{type(e).__name__}: {e}")
            click.echo(f"kg: internal error: {detail} (set KG_DEBUG=1 for details)", err=True)
            sys.exit(1)


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg: knowledge graphs of diplomatic events from Arabic news.

    Start with `kg build` (no input: the bundled sample article), then `kg query -f` one of the
    example queries, and open the page it wrote.
    """


_MIN_CONFIDENCE_HELP = (
    "Keep only events whose confidence (the scorer's calibrated probability that the event is "
    "wholly right) is at least this (0-1; 0 keeps all)."
)


def _min_confidence_option(f):
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        default=0.0,
        show_default=True,
        help=_MIN_CONFIDENCE_HELP,
    )(f)


# ------------------------------------------------------------------------------------ extract
@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(),
    help="Folder for <doc_id>.json files, or a .jsonl / .jsonl.gz file (one document a line).",
)
@click.option("--date", callback=lambda c, p, v: _date_option(v), help="Article date YYYY-MM-DD (for relative dates).")
@click.option("--explain", is_flag=True, help="Show, per event, the trigger, frame and rule (stderr).")
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Processes that extract in parallel (0: one per core).",
)
@_min_confidence_option
def extract(
    inputs: tuple[str, ...], out: str | None, date: str | None, explain: bool, workers: int, min_confidence: float
) -> None:
    """Extract entities, events and facts as document JSON.

    INPUTS are .txt files, folders of them, .jsonl/.jsonl.gz corpora ({"id","text"[,"date"]}
    per line) or - for stdin. One .txt without -o prints its JSON; otherwise -o DIR receives
    DIR/<doc_id>.json per document, and -o FILE.jsonl (or .jsonl.gz) one document a line.
    Outputs are flushed to disk once, at the end of the run.
    """
    from kg.batch import extract_stream, open_documents_output
    from kg.graph.paths import check_output_path

    if out is not None:
        check_output_path(out)
        clean_stale_temps(Path(out) if not out.endswith((".jsonl", ".jsonl.gz")) else Path(out).parent)
    # one .txt document to stdout: its failure is the command's one-line error; a folder or a
    # corpus is a batch even without -o (a bad row is reported and the others go on)
    single = len(inputs) == 1 and out is None and not is_corpus(inputs[0]) and not Path(inputs[0]).is_dir()
    if single:
        _extract_one(inputs[0], date, explain, min_confidence)
        return
    report = Report()
    writer = open_documents_output(out) if out is not None else None
    one_line = writer is not None and not hasattr(writer, "folder")
    try:
        for item in extract_stream(
            read_inputs(list(inputs), date), workers or os.cpu_count() or 1, one_line, explain, min_confidence
        ):
            if isinstance(item, Failure):
                report.fail(item)
                continue
            if item.explain:
                click.echo(item.explain, err=True)
            if writer is None:
                click.echo(item.text)
            else:
                writer.write(item.doc_id, item.text)
            report.done.append(item.doc_id)
        if writer is not None:
            writer.close()
    finally:
        if writer is not None:
            writer.abort()
    click.echo(f"kg extract: {report.summary()}" + (f" -> {out}" if out else ""), err=True)
    if report.failed and not report.done:
        sys.exit(2)
    if report.failed:
        sys.exit(1)


def _extract_one(path: str, date: str | None, explain: bool, min_confidence: float) -> None:
    """`kg extract article.txt` (or -): the JSON on stdout, any problem the command's one-line
    error."""
    from kg.batch import explain_lines, render_document
    from kg.extract.scorer import keep_confident
    from kg.pipeline import Pipeline

    pipeline = Pipeline()
    for item in read_inputs([path], date):
        if isinstance(item, Failure):
            raise InputError(item.line())
        doc = keep_confident(pipeline(item), min_confidence)
        if explain:
            for line in explain_lines(doc):
                click.echo(line, err=True)
        click.echo(render_document(doc, one_line=False))


# ------------------------------------------------------------------------------------ build
def _store_option(f):
    return click.option(
        "--store",
        "store_path",
        type=click.Path(file_okay=False),
        default=None,
        help="Store folder (default: $KG_STORE or ~/.local/share/kg/store).",
    )(f)


@main.command()
@click.argument("inputs", nargs=-1)
@_store_option
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False),
    default="kg-output",
    show_default=True,
    help="Folder for report.json, failures.jsonl and (small runs) graph.trig, graph.ttl, "
    "triples.csv, documents/, graph.html.",
)
@click.option("--date", callback=lambda c, p, v: _date_option(v), help="Article date YYYY-MM-DD.")
@click.option("--no-view", is_flag=True, help="Do not write graph.html.")
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Processes that extract in parallel (0: one per core); with --engine dask, the local cluster's workers.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this machine's processes; dask: a dask.distributed cluster (pip install 'kg[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler to use (e.g. tcp://10.0.0.5:8786); default a LocalCluster. "
    "Workers write partitions under OUT, which must be a shared folder then.",
)
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    metavar="N",
    help="Dask: split the corpus into N partitions (default ~1,000 documents each).",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Dask: push the graphs to this SPARQL server (Graph Store Protocol) instead of the store.",
)
@click.option(
    "--no-outputs", is_flag=True, help="Store only: write no graph.trig/ttl/csv/html nor documents/ (big corpora)."
)
@click.option(
    "--outputs-limit",
    type=click.IntRange(min=0),
    default=2000,
    show_default=True,
    help="Write the outputs only for runs up to this many documents (0: no limit).",
)
@_min_confidence_option
def build(
    inputs: tuple[str, ...],
    store_path: str | None,
    out: str,
    date: str | None,
    no_view: bool,
    workers: int,
    engine: str,
    scheduler: str | None,
    partitions: int | None,
    endpoint: str | None,
    no_outputs: bool,
    outputs_limit: int,
    min_confidence: float,
) -> None:
    """Build articles into the store and write their graph, triples, JSON and page.

    INPUTS are .txt files, folders (searched recursively), .jsonl/.jsonl.gz corpora
    ({"id","text"[,"date","source","url","title"]} per line) or - for stdin (one text, or
    JSONL). With no INPUTS it builds the bundled sample article.

    Articles already stored with the same content are skipped, so a run that was stopped,
    started again, finishes the rest; an article built again with new content replaces its
    graph. Bad documents are reported (OUT/failures.jsonl) and the others built; OUT/report.json
    holds the counts and timing. Progress shows on stderr (a bar on a terminal).

    \b
    kg build corpus.jsonl.gz --workers 4 --no-outputs --store ~/kg-store
    kg build corpus.jsonl.gz --engine dask --scheduler tcp://host:8786 --partitions 200
    """
    from kg.batch import BuildOptions
    from kg.corpus import is_corpus

    # one file, not a corpus: a bad one is a plain error (one line), with its run report still written
    single = len(inputs) == 1 and inputs[0] != "-" and not Path(inputs[0]).is_dir() and not is_corpus(inputs[0])
    options = BuildOptions(
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        partitions=partitions,
        endpoint=endpoint,
        outputs=not no_outputs,
        outputs_limit=outputs_limit or None,
        echo_failures=not single,
        min_confidence=min_confidence,
    )
    if not inputs:  # the bundled sample, with its date unless told otherwise
        inputs, date = (str(sample_path()),), date or sample_date()
    report = build_inputs(list(inputs), store_path, Path(out), date, not no_view, options)
    if single and report.failed and not (report.done or report.skipped):
        raise InputError(report.failures[0].line())
    click.echo(f"kg build: {report.summary()}", err=True)
    if report.failed and not (report.done or report.skipped):
        sys.exit(2)
    if report.failed:
        sys.exit(1)


def build_inputs(
    inputs: list[str], store_path: str | None, out: Path, date: str | None, view: bool = True, options=None
):
    """Build ``inputs`` into the store and write the outputs of a small run and OUT/report.json
    (see kg.batch.build); says on stderr what was written. Returns the BuildReport."""
    import dataclasses

    from kg.batch import BuildOptions
    from kg.batch import build as run_build

    options = dataclasses.replace(options or BuildOptions(), view=view)
    report, outputs = run_build(inputs, store_path, out, date, options)
    if outputs is not None:
        for p in outputs.written:
            shown = f"{p}/ ({len(outputs.documents)} documents)" if p.name == "documents" else str(p)
            click.echo(f"wrote {printable(shown)}", err=True)
        if outputs.dropped:
            click.echo(f"kg build: outputs {report.outputs}", err=True)
    return report


# ------------------------------------------------------------------------------------ compact
@main.command()
@_store_option
def compact(store_path: str | None) -> None:
    """Compact the store on disk after big runs: drops what replaced articles left behind and
    merges the files bulk loads added. `kg build` compacts on its own after a run that replaced
    many articles. Safe to stop at any moment."""
    from kg.graph.store import Store, default_store_path

    where = Path(store_path).expanduser() if store_path else default_store_path()
    if not (where / "CURRENT").exists():
        raise InputError(f"no store at {where}; give the right path with --store or KG_STORE")
    before = _folder_bytes(where)
    started = time.monotonic()
    with Store.open(where) as store:
        store.compact()
    after = _folder_bytes(where)
    click.echo(
        f"kg compact: {where}: {before / 2**20:.1f} MiB -> {after / 2**20:.1f} MiB "
        f"in {time.monotonic() - started:.1f} s",
        err=True,
    )


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# ------------------------------------------------------------------------------------ query
@main.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "qfile", type=click.Path(dir_okay=False), help="Read the query from a .rq file.")
@_store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default="table",
    show_default=True,
    help="json: the standard SPARQL 1.1 results JSON.",
)
@click.option("--limit", type=int, default=10000, show_default=True, help="Most rows to print (raise it for more).")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds before the query is stopped.")
def query(sparql: str | None, qfile: str | None, store_path: str | None, fmt: str, limit: int, timeout: float) -> None:
    """Run a SPARQL query over the store (the default graph is the union of all articles).

    Example queries ship with kg (ontology/queries/); -f finds them by name too:
    `kg query -f all-visits.rq`, `kg query -f who-asked-whom.rq --format csv`.
    """
    from kg.errors import QueryError
    from kg.graph.sparql import unknown_prefixes, unknown_terms
    from kg.graph.store import Store

    text = _query_text(sparql, qfile)
    for term, close in unknown_terms(text):
        hint = f" (did you mean {close}?)" if close else ""
        click.echo(f"kg: warning: {term} is not a term of kg's ontology{hint}; it matches nothing", err=True)
    with Store.open(store_path, read_only=True) as store:
        try:
            result = store.query(text, timeout_s=timeout, limit=limit)
        except QueryError as err:
            if unknown := sorted(unknown_prefixes(text)):
                raise InputError(_prefix_message(unknown)) from err
            raise
    click.echo(_format_result(result, fmt), nl=False)


def _prefix_message(unknown: list[str]) -> str:
    from kg.graph.vocab import PREFIXES

    names = ", ".join(f"{p}:" for p in unknown)
    return (
        f"the query uses the prefix {names} without declaring it; declare it "
        f"(PREFIX {unknown[0]}: <http://…>) or use a predeclared one: {', '.join(p + ':' for p in PREFIXES)}"
    )


def _query_text(sparql: str | None, qfile: str | None) -> str:
    if qfile:
        path = Path(qfile)
        if not path.exists():
            bundled = Path(str(files("kg") / "ontology" / "queries" / path.name))
            if bundled.exists():
                path = bundled
            else:
                raise InputError(f"{qfile}: no such query file")
        try:
            return path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError) as e:
            raise InputError(f"{qfile}: cannot read the query ({e})") from None
    if not sparql or not sparql.strip():
        raise InputError("give a SPARQL query or -f FILE.rq")
    return sparql


def _format_result(result, fmt: str) -> str:
    if fmt == "csv":
        return result.to_csv()
    if fmt == "json":
        from kg.graph.sparql import results_json

        return (results_json(result) if result.kind != "construct" else result.to_json()) + "\n"
    if result.kind == "ask":  # table and tsv: the answer itself
        return "true\n" if result.boolean else "false\n"
    if result.kind == "construct":  # CONSTRUCT and DESCRIBE: a graph, so Turtle
        return result.to_turtle()
    rows = list(result.rows)
    cols = list(result.columns) if hasattr(result, "columns") else (list(rows[0]) if rows else [])
    if fmt == "tsv":
        lines = ["\t".join(cols)] + [
            "\t".join((r.get(c) or "").replace("\t", " ").replace("\n", " ") for c in cols) for r in rows
        ]
        return "\n".join(lines) + "\n"
    if not rows:
        return "(no results)\n"
    width = {c: min(60, max(len(c), *(len(str(r.get(c) or "")) for r in rows))) for c in cols}
    out = ["  ".join(c.ljust(width[c]) for c in cols), "  ".join("-" * width[c] for c in cols)]
    for r in rows:
        out.append("  ".join(_cut(str(r.get(c) or ""), width[c]).ljust(width[c]) for c in cols))
    if getattr(result, "truncated", False):
        out.append(f"(first {len(rows)} rows; raise --limit for more)")
    return "\n".join(out) + "\n"


def _cut(s: str, n: int) -> str:
    s = s.replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


# ------------------------------------------------------------------------------------ view, validate, export
@main.command()
@_store_option
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False), default="graph.html", show_default=True)
@click.option("--title", help="Page title (default: the article count and date range of what is shown).")
@click.option(
    "--lang",
    type=click.Choice(["en", "ar"]),
    default="en",
    show_default=True,
    help="Language of the labels and the interface when the page opens (the page has a switch).",
)
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="PLOVER",
    help="Only these event types (repeat: --type REQUEST --type CONSULT).",
)
@click.option("--since", callback=lambda c, p, v: _date_option(v), help="Only events on or after YYYY-MM-DD.")
@click.option("--until", callback=lambda c, p, v: _date_option(v), help="Only events on or before YYYY-MM-DD.")
@click.option("--actor", help="Only events of this actor (English or Arabic label, or IRI).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option(
    "--modality",
    "modalities",
    multiple=True,
    type=click.Choice(["asserted", "negated", "future", "hypothetical"]),
    help="Only these modalities.",
)
@click.option("--keep-isolated", is_flag=True, help="Keep actors with no event left after filtering.")
def view(
    store_path: str | None,
    out: str,
    title: str | None,
    lang: str,
    types: tuple[str, ...],
    since: str | None,
    until: str | None,
    actor: str | None,
    min_confidence: float,
    modalities: tuple[str, ...],
    keep_isolated: bool,
) -> None:
    """Write the interactive HTML page of the store (or of the events the filters keep).

    A filter that keeps no event is an error (exit 2) rather than an empty page.
    """
    from kg.graph.network import filter_network, network_from_store
    from kg.graph.paths import check_output_path
    from kg.graph.store import Store
    from kg.model import PLOVER_TYPES
    from kg.view.html import write_html

    bad = [t for t in types if t.upper() not in PLOVER_TYPES]
    if bad:
        raise InputError(f"unknown event type {', '.join(bad)}; valid: {', '.join(PLOVER_TYPES)}")
    with Store.open(store_path, read_only=True) as store:
        check_output_path(out, store.path)
        network = network_from_store(store, title=title)
    filtered = any((types, since, until, actor, min_confidence, modalities))
    if filtered:
        network = filter_network(
            network,
            types={t.upper() for t in types} or None,
            since=since,
            until=until,
            actor=actor,
            min_confidence=min_confidence,
            modalities=set(modalities) or None,
            keep_isolated=keep_isolated,
        )
        if not network["events"]:
            asked = ", ".join(
                f"{name} {value}"
                for name, value in (
                    ("--type", " ".join(types)),
                    ("--since", since),
                    ("--until", until),
                    ("--actor", actor),
                    ("--min-confidence", min_confidence or None),
                    ("--modality", " ".join(modalities)),
                )
                if value
            )
            raise InputError(
                f"no event matches {asked}; no page written. Loosen the filters "
                "(`kg stats` lists the event types; an --actor matches part of an English or Arabic label)"
            )
    events = network.get("events", [])
    alone = sum(1 for e in events if not e["recipients"])
    click.echo(
        f"wrote {write_html(network, Path(out), lang=lang)} ({len(network['nodes'])} actors, {len(events)} events"
        + (f", {alone} without a recipient)" if alone else ")"),
        err=True,
    )


@main.command()
@click.argument("path", required=False, type=click.Path())
@_store_option
def validate(path: str | None, store_path: str | None) -> None:
    """Check a graph file (TriG, Turtle, N-Quads...) or the store against kg's SHACL shapes."""
    from rdflib import Dataset

    from kg.graph.validate import validate as shacl

    ds = Dataset(default_union=True)
    if path:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        fmt = {".trig": "trig", ".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}.get(p.suffix)
        if fmt is None:
            raise InputError(f"{path}: unknown graph format; use .trig, .ttl, .nt, .nq or .jsonld")
        try:
            ds.parse(p, format=fmt)
        except Exception as e:
            raise InputError(f"{path}: not valid {fmt}: {str(e).splitlines()[0][:200]}") from None
    else:
        from kg.graph.store import Store

        with Store.open(store_path, read_only=True) as store:
            ds.parse(
                data=(store.oxigraph.dump(format=__import__("pyoxigraph").RdfFormat.N_QUADS) or b"").decode(),
                format="nquads",
            )
    if path and len(ds) == 0:
        raise InputError(f"{path}: holds no triples; give a graph kg wrote (e.g. output/graph.trig)")
    ok, text = shacl(ds)
    if not ok:
        click.echo(text, err=True)
        raise KGError("the graph does not conform to kg's shapes (details above)")
    click.echo("the graph conforms to kg's SHACL shapes")


@main.command("export")
@click.option(
    "--format", "fmt", required=True, help="turtle, ntriples, trig, nquads, jsonld, graphml, gexf, neo4j, events, csv"
)
@click.option(
    "-o", "--out", "out", required=True, type=click.Path(), help="File (a folder for neo4j); - for standard output."
)
@_store_option
@_min_confidence_option
def export_cmd(fmt: str, out: str, store_path: str | None, min_confidence: float) -> None:
    """Export the store for other tools (triple stores, Gephi, Cytoscape, Neo4j, pandas).

    \b
    turtle, ntriples, trig, nquads, jsonld  RDF (TriG, N-Quads, JSON-LD keep one graph per article)
    graphml, gexf   the actor network for Gephi, Cytoscape, yEd (GEXF: dynamic, with dates)
    neo4j           a folder of CSV files for `neo4j-admin database import full`
    events          one row per event with both labels and the evidence (pandas)
    csv             one row per triple with labels, language and datatype
    """
    import shutil
    import tempfile

    from kg.graph.export import export
    from kg.graph.formats import ExportFormat, from_name
    from kg.graph.store import Store

    f = from_name(fmt)
    if out == "-" and f is ExportFormat.NEO4J:
        raise InputError("neo4j writes a folder of four CSV files, not one stream; give -o FOLDER")
    with Store.open(store_path, read_only=True) as store:
        if out != "-":
            for p in export(store, f, out, min_confidence):
                click.echo(f"wrote {printable(p)}", err=True)
            return
        with tempfile.TemporaryDirectory(prefix="kg-export-") as work:
            (written,) = export(store, f, Path(work) / f"out.{f.extension}", min_confidence)
            with written.open("rb") as data:
                shutil.copyfileobj(data, sys.stdout.buffer)
            sys.stdout.buffer.flush()


@main.command()
@_store_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(store_path: str | None, as_json: bool) -> None:
    """Articles, entities, events by type and triples in the store."""
    from kg.graph.store import Store

    with Store.open(store_path, read_only=True) as store:
        s = store.stats()
    if as_json:
        click.echo(json.dumps(s, indent=1))
        return
    click.echo(f"articles {s['articles']}  entities {s['entities']}  events {s['events']}  triples {s['triples']}")
    for k, v in s["entities_by_type"].items():
        click.echo(f"  entity {k:<14}{v}")
    for k, v in s["events_by_type"].items():
        click.echo(f"  event  {k:<14}{v}")


@main.command()
@_store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535), help="TCP port to listen on.")
@click.option(
    "--timeout",
    "timeout_s",
    default=30,
    show_default=True,
    type=click.IntRange(1, 86400),
    help="Seconds a query may run before the server stops it (HTTP 503).",
)
@click.option("--no-timeout", is_flag=True, help="Let queries run as long as they take.")
@click.option("--no-union", is_flag=True, help="The default graph is the store's default graph, not the union.")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (for browser clients on other sites).")
@click.option("--log", type=click.Path(dir_okay=False), help="File for the Oxigraph server's messages.")
def serve(
    store_path: str | None, host: str, port: int, timeout_s: int, no_timeout: bool, no_union: bool, cors: bool, log
) -> None:
    """Serve the store read-only as a SPARQL 1.1 endpoint (Oxigraph server behind kg's guard).

    Query it with curl: curl -H 'Accept: application/sparql-results+json'
    --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/query

    \b
    Safe to leave running:
    - SERVICE (federated query) is refused, so the endpoint fetches no other address;
    - queries nested or sized past what the engine survives get HTTP 400, a query running
      past --timeout gets HTTP 503 (never a cut-short 200), idle clients are dropped;
    - it serves a snapshot of the store and follows it: when `kg build` changes the store,
      the new contents are served within seconds of the build's last write (30 s at most
      during a long build), without a restart; replies carry X-KG-Snapshot (when taken);
    - SIGTERM or Ctrl-C stops it and its Oxigraph server; a taken port is an error (exit 2).
    """
    from kg.graph.server import serve as run_server

    def ready(query_url: str) -> None:
        click.echo(f"SPARQL endpoint (read-only): {query_url}  — Ctrl-C stops it", err=True)

    code = run_server(
        store_path,
        host=host,
        port=port,
        timeout_s=None if no_timeout else timeout_s,
        union_default_graph=not no_union,
        cors=cors,
        log=log,
        on_ready=ready,
        note=lambda line: click.echo(printable(line), err=True),
    )
    sys.exit(code)


@main.command()
@click.option("--endpoint", required=True, help="Base URL of a SPARQL server with the Graph Store Protocol.")
@_store_option
def push(endpoint: str, store_path: str | None) -> None:
    """Send the store to a triple store: each article's graph with HTTP PUT (a re-push replaces
    it), the shared entity graph with POST (merged, so actors of other stores pushed there keep
    their labels and types)."""
    from urllib.parse import urlsplit

    from kg.graph.server import push as do_push
    from kg.graph.store import Store

    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"--endpoint: '{endpoint}' is not an http(s) URL (e.g. http://localhost:7879)")
    with Store.open(store_path, read_only=True) as store:
        n = do_push(store, endpoint)
    click.echo(f"pushed {n} graphs to {endpoint}", err=True)


# ------------------------------------------------------------------------------------ ner, demo
@main.command()
@click.option(
    "--conll",
    "conll",
    required=True,
    type=click.Path(dir_okay=False),
    help="File of `token [TAG]` lines, blank line between sentences.",
)
def ner(conll: str) -> None:
    """Tag tokens with IOB2 PERS / LOC / ORG (prints `token TAG` lines)."""
    from kg.extract.ner import tag_conll

    path = Path(conll)
    if not path.exists():
        raise InputError(f"{conll}: no such file")
    try:  # empty, binary, UTF-16, not UTF-8 or not Arabic: one line, exit 2
        data = path.read_bytes()
        lines = decode_text(data, conll).splitlines()
    except OSError as e:
        raise InputError(f"{conll}: cannot read ({e.strerror or e})") from None
    # tagged as kg reads them (presentation forms as letters), echoed as given: the CoNLL
    # convention is the input's tokens in order, each with its tag
    given = data.decode("utf-8-sig").splitlines()
    out = sys.stdout
    for line, raw in zip(tag_conll(lines), given if len(given) == len(lines) else lines):
        out.write(f"{raw.split()[0]} {line.split()[-1]}\n" if line else "\n")


@main.command()
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False),
    default="kg-demo",
    show_default=True,
    help="Folder for the outputs (make demo uses output/).",
)
@_store_option
def demo(out: str, store_path: str | None) -> None:
    """Build the bundled sample article into OUT and answer two example questions."""
    from kg.graph.store import Store

    store_path = store_path or str(Path(out) / "store")
    report = build_inputs([str(sample_path())], store_path, Path(out), sample_date(), True)
    click.echo(f"kg demo: {report.summary()}", err=True)
    with Store.open(store_path, read_only=True) as store:
        for name, cols in (
            ("who-asked-whom", ("requesterEn", "predicateEn", "requestedEn")),
            ("all-visits", ("visitorEn", None, "hostEn")),
        ):
            text = (files("kg") / "ontology" / "queries" / f"{name}.rq").read_text(encoding="utf-8")
            click.echo(f"\n{name} (kg query -f ontology/queries/{name}.rq):")
            for row in store.select(text):
                a, p, b = (row.get(c) if c else "visited" for c in cols)
                click.echo(f"  {a} — {p} — {b or '?'}")
                click.echo(f"      «{_cut(row.get('evidence') or '', 110)}»")
    click.echo(f"\nOpen {Path(out) / 'graph.html'} in a browser to explore the graph.")


if __name__ == "__main__":
    main()
