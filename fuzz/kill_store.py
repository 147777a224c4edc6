"""SIGKILL the store's write paths at random moments and check what they leave behind.

A writer process stores synthetic articles (N-Triples made here, no extraction) with
``Store.put_graphs`` in groups large enough for Oxigraph's bulk loader, then a second version
of every article (kg's in-place replacement of the statements that changed); ``kg compact``
is killed too. After every kill the store must open (the next writer removes the files an
unfinished bulk load left), every article graph in it must be exactly one version of that
article (never a mix, never a part), the shared entity graph must hold only statements some
version gave, and a writer started again must finish the job. Used by
tests/hardening/test_store_kills.py.

    python fuzz/kill_store.py --kills 10 --workdir /tmp/store-kills
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.graph.rdf import ENTITY_GRAPH
from kg.graph.store import Store

ARTICLES = 400
GROUP = 50  # articles a put_graphs call: ~3,000 statements, above the bulk loader's threshold
RES = "https://w3id.org/kg-arabic/resource/"
KG = "https://w3id.org/kg-arabic/ontology#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def article(i: int, version: int) -> tuple[str, bytes, str]:
    """(graph IRI, N-Triples, content hash) of article ``i`` in ``version`` (1 or 2): the
    second changes a third of the statements and adds some."""
    iri = f"{RES}article/k{i:04d}"
    lines = [f"<{iri}> <{TYPE}> <{KG}Article> ."]
    for k in range(50 + (5 if version == 2 else 0)):
        value = f"v{version}-{k}" if k % 3 == 0 else f"same-{k}"
        lines.append(f'<{RES}event/k{i:04d}/e{k}> <{KG}evidence> "{value} جملة {i}"@ar .')
    for e in (i % 7, (i * 3) % 11 + 7):
        entity = f"{RES}entity/person/p{e}"
        lines.append(f"<{entity}> <{KG}mentionedIn> <{iri}> .")
        lines.append(f"<{entity}> <{TYPE}> <{KG}Person> .")
        lines.append(f'<{entity}> <{LABEL}> "شخص {e} {version}"@ar .')
    return iri, ("\n".join(lines) + "\n").encode(), f"{i:04d}-{version}"


def write(store_path: Path, versions: list[int], via: str = "graphs") -> None:
    """The writer: each version of every article, GROUP articles a call (``put_graphs``, or
    ``put_nquads`` of the group as one partition's N-Quads with ``via="nquads"``)."""
    with Store.open(store_path) as store:
        for version in versions:
            for start in range(0, ARTICLES, GROUP):
                group = [article(i, version) for i in range(start, min(start + GROUP, ARTICLES))]
                if via == "nquads":
                    store.put_nquads(partition(group), [(iri, h) for iri, _, h in group])
                else:
                    store.put_graphs(group)
                print(f"{version} {start + GROUP}", flush=True)


def partition(group: list[tuple[str, bytes, str]]) -> bytes:
    """Articles as a Dask partition's N-Quads: each statement in its article's graph (the
    entity descriptions among them, which the store moves to the shared graph)."""
    return b"".join(
        line[: -len(b" .")] + f" <{iri}> .\n".encode() for iri, text, _ in group for line in text.splitlines()
    )


def expected() -> tuple[dict[str, list[set[bytes]]], set[bytes]]:
    """Each article's graph in every version (as Oxigraph writes its statements), and every
    statement some version puts in the shared entity graph."""
    graphs: dict[str, list[set[bytes]]] = {}
    shared: set[bytes] = set()
    for version in (1, 2):
        memory = Store.in_memory()
        memory.put_graphs([article(i, version) for i in range(ARTICLES)])
        for iri in memory.graphs():
            graphs.setdefault(iri, []).append(_statements(memory, iri))
        shared |= _statements(memory, str(ENTITY_GRAPH))
    return graphs, shared


def _statements(store: Store, iri: str) -> set[bytes]:
    dump = store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri)) or b""
    return set(dump.splitlines())


def store_problems(store_path: Path, graphs: dict[str, list[set[bytes]]], shared: set[bytes]) -> list[str]:
    """What is wrong with the store after a kill (opened for writing, as the next run would)."""
    if not (store_path / "CURRENT").exists():
        return []
    problems = []
    try:
        with Store.open(store_path) as store:
            left = sorted(p.name for p in store_path.glob("bulk-*.sst"))
            problems += [f"an unfinished bulk file is left: {name}" for name in left]
            stray = _statements(store, str(ENTITY_GRAPH)) - shared
            problems += [f"entity graph holds an unknown statement {s!r}" for s in sorted(stray)[:3]]
            for iri in store.graphs():
                got = _statements(store, iri)
                if iri not in graphs:
                    problems.append(f"unexpected graph {iri}")
                elif got not in graphs[iri]:
                    sizes = [len(v) for v in graphs[iri]]
                    problems.append(f"graph {iri} is no version of its article ({len(got)} statements; {sizes})")
    except Exception as err:  # the point: any failure to open is a finding
        problems.append(f"store does not open: {type(err).__name__}: {err}")
    return problems


def run(cmd: list[str], kill_after: float | None) -> str:
    """Run ``cmd``, SIGKILL it after ``kill_after`` seconds unless it ended: the outcome."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, err = proc.communicate(timeout=kill_after)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        return "killed"
    if proc.returncode == 0:
        return "finished"
    return f"exit {proc.returncode}: {err.decode(errors='replace').strip().splitlines()[-1:]}"


def writer_command(store: Path, versions: str, via: str = "graphs") -> list[str]:
    script = str(Path(__file__).resolve())
    return [sys.executable, script, "write", "--store", str(store), "--versions", versions, "--via", via]


@dataclass
class KillReport:
    kills: int = 0
    survived: int = 0
    finished_before_kill: int = 0
    unfinished_bulk_loads: int = 0  # kills that left a bulk load's files (so hit one mid-way)
    full_s: float = 0.0
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return self.__dict__


def kill_writes(workdir: Path, kills: int = 10, seed: int = 16, via: str = "graphs") -> KillReport:
    """Kill the writer (both versions, one store; through ``put_graphs`` or, ``via="nquads"``,
    ``put_nquads``) ``kills`` times, check after each; then it must finish with every article
    in its second version."""
    rng = random.Random(seed)
    graphs, shared = expected()
    report = KillReport()
    timing = workdir / "timing"
    started = time.monotonic()
    outcome = run(writer_command(timing, "1,2", via), None)
    report.full_s = time.monotonic() - started
    if outcome != "finished":
        report.problems.append(f"the unkilled writer ended with {outcome}")
    store = workdir / "store"
    for i in range(kills):
        delay = rng.uniform(0.05, report.full_s * 1.05)
        outcome = run(writer_command(store, "1,2", via), delay)
        report.kills += 1
        report.finished_before_kill += outcome == "finished"
        report.unfinished_bulk_loads += any(store.glob("bulk-*.sst"))
        problems = store_problems(store, graphs, shared)
        if outcome not in ("killed", "finished"):
            problems.append(f"the writer ended with {outcome}")
        report.problems += [f"kill {i} after {delay:.2f} s: {p}" for p in problems]
        report.survived += not problems
    outcome = run(writer_command(store, "1,2", via), None)
    report.problems += [f"after the kills: {p}" for p in store_problems(store, graphs, shared)]
    with Store.open(store, read_only=True) as opened:
        wrong = [iri for iri in graphs if _statements(opened, iri) != graphs[iri][1]]
    report.problems += [f"after the kills: {iri} is not in its second version" for iri in wrong[:5]]
    return report


def kill_compaction(workdir: Path, kills: int = 5, seed: int = 17) -> KillReport:
    """Kill ``kg compact`` of a store whose articles were all replaced once: the store must
    open and hold every article in its second version after each kill."""
    rng = random.Random(seed)
    graphs, shared = expected()
    store = workdir / "compact-store"
    report = KillReport()
    outcome = run(writer_command(store, "1,2"), None)
    if outcome != "finished":
        report.problems.append(f"the writer ended with {outcome}")
    compact = [sys.executable, "-m", "kg.cli", "compact", "--store", str(store)]
    started = time.monotonic()
    run(compact, None)
    report.full_s = time.monotonic() - started
    for i in range(kills):
        run(writer_command(store, "1,2"), None)  # rewrite, so there is something to compact
        delay = rng.uniform(0.05, report.full_s * 1.05)
        outcome = run(compact, delay)
        report.kills += 1
        report.finished_before_kill += outcome == "finished"
        problems = store_problems(store, graphs, shared)
        with Store.open(store, read_only=True) as opened:
            problems += [
                f"{iri} lost its second version" for iri in graphs if _statements(opened, iri) != graphs[iri][1]
            ][:5]
        report.problems += [f"kill {i} after {delay:.2f} s: {p}" for p in problems]
        report.survived += not problems
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", nargs="?", default="kill", choices=["kill", "write"])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--versions", default="1,2")
    parser.add_argument("--via", default="graphs", choices=["graphs", "nquads"])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args(argv)
    if args.action == "write":
        write(args.store, [int(v) for v in args.versions.split(",")], args.via)
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    writes = kill_writes(args.workdir, args.kills)
    compaction = kill_compaction(args.workdir, max(1, args.kills // 2))
    print(json.dumps({"writes": writes.as_json(), "compaction": compaction.as_json()}, indent=1))
    return 1 if writes.problems or compaction.problems else 0


if __name__ == "__main__":
    sys.exit(main())
