"""SIGKILL `kg build` at random moments and check what it leaves behind.

After every kill: the store opens; every article graph in it is complete (isomorphic to the
graph a reference build of the same article gives: the old or the new version, since a rebuild
replaces graphs); every output file in OUT is absent or complete (it parses). Used by
tests/hardening/test_crash.py (20 kills) and benchmarks/fuzz_and_kills.py (more).

    python fuzz/kill_build.py --kills 20 --workdir /tmp/kills
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.graph import store as store_module
from kg.graph.rdf import content_hash, document_dataset, graph_iri
from kg.graph.store import Store
from kg.model import Document
from kg.pipeline import extract

# Our own small articles: a sentence or two each, with events, so a build takes ~60 ms each.
TEMPLATES = (
    "زار وزير الخارجية الجزائري عبد القادر مساهل ليبيا والتقى فايز السراج في طرابلس {n}.",
    "طالب المسؤول الليبي بدعم جزائري لمواجهة الإرهاب، وأكد أن التعاون بين البلدين مستمر {n}.",
    "التقى الرئيس المصري عبد الفتاح السيسي الرئيس التونسي في القاهرة وبحثا العلاقات {n}.",
    "أدانت الحكومة الجزائرية الهجوم على طرابلس وعرضت المساعدة على حكومة الوفاق الوطني {n}.",
)


def corpus_docs(articles: int, version: int) -> list[Document]:
    """``articles`` documents; ``version`` changes each one's date, hence its content hash."""
    date = f"2018-05-{10 + version:02d}"
    return [
        Document(doc_id=f"k{i:03d}", text=TEMPLATES[i % len(TEMPLATES)].format(n=i), date=date) for i in range(articles)
    ]


def write_corpus(path: Path, docs: list[Document]) -> Path:
    rows = (json.dumps({"id": d.doc_id, "text": d.text, "date": d.date}, ensure_ascii=False) for d in docs)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def reference_graphs(docs: list[Document]) -> dict[str, Graph]:
    """What the store holds for each article after an unbroken build, made in this process
    (through an in-memory Store, so it follows the store's layout) -- plus, under the key
    ``ENTITIES``, the shared entity graph when the store keeps one."""
    memory = Store.in_memory()
    for d in docs:
        memory.put_graph(str(graph_iri(d.doc_id)), document_dataset(extract(d.text, d.doc_id, d.date)), content_hash(d))
    refs = {iri: _graph(memory, iri) for iri in memory.graphs()}
    if ENTITY_GRAPH_IRI:
        refs[ENTITIES] = _graph(memory, ENTITY_GRAPH_IRI)
    return refs


ENTITY_GRAPH_IRI = getattr(store_module, "ENTITY_GRAPH_IRI", None)
ENTITIES = "entities"


def _graph(store: Store, iri: str) -> Graph:
    return Graph().parse(data=store.graph_ntriples(iri).decode("utf-8"), format="nt")


def build_command(corpus: Path, store: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "kg.cli", "build", str(corpus), "--store", str(store), "--out", str(out)]


def run_build(corpus: Path, store: Path, out: Path, kill_after: float | None) -> tuple[str, float]:
    """Run a build, SIGKILL it after ``kill_after`` seconds unless it ended; (outcome, secs).
    The outcome is "killed", "finished", or "exit N: <last stderr line>"."""
    started = time.monotonic()
    env = dict(os.environ, KG_PROGRESS="off")
    log = out.parent / f"{out.name}.stderr"
    with log.open("wb") as stderr:  # a file, not a pipe: a chatty build must not block
        proc = subprocess.Popen(
            build_command(corpus, store, out),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
        )
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return "killed", time.monotonic() - started
    if proc.returncode in (0, 1):
        return "finished", time.monotonic() - started
    last = (log.read_text(encoding="utf-8", errors="replace").strip().splitlines() or [""])[-1]
    return f"exit {proc.returncode}: {last[:300]}", time.monotonic() - started


def store_problems(store_path: Path, references: list[dict[str, Graph]]) -> list[str]:
    """Graphs in the store that match no reference version of their article, or an unopenable
    store."""
    if not (store_path / "CURRENT").exists():
        return []  # killed before the store was created: nothing to check
    problems = []
    try:
        with Store.open(store_path, read_only=True) as store:
            if ENTITY_GRAPH_IRI:  # shared, only ever added to: every triple from some version
                known = set().union(*(set(ref[ENTITIES]) for ref in references))
                stray = set(_graph(store, ENTITY_GRAPH_IRI)) - known
                problems += [f"entity graph holds an unexpected triple {t}" for t in sorted(stray)[:5]]
            for iri in store.graphs():
                if iri == ENTITY_GRAPH_IRI:
                    continue
                got = _graph(store, iri)
                versions = [ref[iri] for ref in references if iri in ref]
                if not versions:
                    problems.append(f"unexpected graph {iri}")
                elif not any(isomorphic(got, v) for v in versions):
                    problems.append(
                        f"graph {iri} is incomplete or wrong ({len(got)} triples; "
                        f"expected {[len(v) for v in versions]})"
                    )
    except Exception as err:  # the point: any failure to open is a finding
        problems.append(f"store does not open: {type(err).__name__}: {err}")
    return problems


def output_problems(out: Path) -> tuple[list[str], int]:
    """Output files that do not parse, and the number of hidden temporary files left."""
    problems, leftovers = [], 0
    if not out.exists():
        return problems, leftovers
    for path in sorted(out.rglob("*")):
        hidden = [part for part in path.relative_to(out).parts if part.startswith(".")]
        if hidden:
            # an atomic write's temp file, or the run's temporary store, cut short: never read
            # by anyone, and removed by the next run into the folder; the lock file goes with
            # the build that held it
            leftovers += path.name == hidden[0] and path.name != ".kg-build.lock"
            continue
        if not path.is_file():
            continue
        try:
            _parse_output(path)
        except Exception as err:
            problems.append(f"{path.relative_to(out)} is not complete: {type(err).__name__}: {str(err)[:200]}")
    return problems, leftovers


def _parse_output(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix
    if suffix == ".trig":
        Dataset().parse(data=text, format="trig")
    elif suffix == ".ttl":
        Graph().parse(data=text, format="turtle")
    elif suffix == ".csv":
        rows = list(csv.reader(text.splitlines()))
        if not rows or any(len(r) != len(rows[0]) for r in rows):
            raise ValueError("ragged or empty CSV")
    elif suffix == ".json":
        json.loads(text)
    elif suffix == ".jsonl":
        if text and not text.endswith("\n"):
            raise ValueError("last line cut")
        for line in text.splitlines():
            json.loads(line)
    elif suffix == ".html":
        if not text.rstrip().endswith("</html>"):
            raise ValueError("page cut short")


@dataclass
class KillReport:
    kills: int = 0
    survived: int = 0  # kills after which every check passed
    finished_before_kill: int = 0
    leftover_temp_files: int = 0
    delays: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    full_build_s: float = 0.0

    def as_json(self) -> dict:
        return {
            "kills": self.kills,
            "survived": self.survived,
            "finished_before_kill": self.finished_before_kill,
            "leftover_temp_files": self.leftover_temp_files,
            "full_build_s": round(self.full_build_s, 3),
            "delay_min_s": round(min(self.delays), 3) if self.delays else None,
            "delay_max_s": round(max(self.delays), 3) if self.delays else None,
            "problems": self.problems,
        }


def kill_loop(workdir: Path, kills: int = 20, articles: int = 12, seed: int = 8) -> KillReport:
    """Build, kill at random moments ``kills`` times (one store throughout, alternating two
    versions of the corpus so graphs are replaced), check after each; then a full build must
    finish and leave every article complete."""
    workdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    versions = [corpus_docs(articles, v) for v in (0, 1)]
    corpora = [write_corpus(workdir / f"corpus-{v}.jsonl", docs) for v, docs in enumerate(versions)]
    references = [reference_graphs(docs) for docs in versions]
    store = workdir / "store"
    report = KillReport()
    outcome, report.full_build_s = run_build(corpora[0], store, workdir / "out-full", None)
    if outcome != "finished":
        report.problems.append(f"the unkilled build ended with {outcome}")
    report.problems += store_problems(store, references[:1])
    for i in range(kills):
        delay = rng.uniform(0.05, report.full_build_s * 1.05)
        report.delays.append(delay)
        out = workdir / f"out-{i}"
        outcome, _secs = run_build(corpora[(i + 1) % 2], store, out, delay)
        report.kills += 1
        if outcome == "finished":
            report.finished_before_kill += 1
        problems = store_problems(store, references)
        files, leftovers = output_problems(out)
        report.leftover_temp_files += leftovers
        problems += files
        report.problems += [f"kill {i} after {delay:.2f} s: {p}" for p in problems]
        report.survived += not problems
    outcome, _secs = run_build(corpora[0], store, workdir / "out-final", None)
    if outcome != "finished":
        report.problems.append(f"the build after the kills ended with {outcome}")
    final = store_problems(store, references[:1])
    with Store.open(store, read_only=True) as opened:
        missing = set(references[0]) - set(opened.graphs()) - {ENTITIES}
    report.problems += [f"after the kills: {p}" for p in final]
    report.problems += [f"after the kills: {iri} missing" for iri in sorted(missing)]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=12)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--workdir", type=Path, required=True)
    args = parser.parse_args(argv)
    report = kill_loop(args.workdir, args.kills, args.articles, args.seed)
    print(json.dumps(report.as_json(), indent=1))
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
