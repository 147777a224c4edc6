#!/usr/bin/env python3
"""Corpus-scale review of what the extraction rules fire on.

usage:
  tools/review.py run [CORPUS.jsonl.gz ...] [--limit N] [--workers 2] --cache firings.jsonl.gz
  tools/review.py report --cache firings.jsonl.gz [--by form|entry|rule|frame|type|entity]
                         [--top 40] [--examples 5] [--seed 1] > review.md
  tools/review.py table --cache firings.jsonl.gz --table eval/review.tsv

`run` extracts every article of the corpus (by default both files of ../shared/corpus) and keeps
one compact record per event (trigger form, rule, frame, predicate entry, type, actors, sentence)
and per entity in a cache outside the project. `report` counts firings per trigger form, rule,
frame, predicate entry, type or entity name and prints the most frequent with random example
sentences (corpus text: read it, do not commit it). `table` writes the committed review table:
counts per key, with the judged columns (`sampled`, `correct`, `note`) kept from the existing table,
so a reviewer records "form X: 20 sampled, 6 right, a noun in sport news" and the next person
sees what was checked.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import json
import random
import signal
import sys
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
DIMENSIONS = ("form", "entry", "rule", "frame", "type", "entity", "failure")
TABLE_COLUMNS = ("dimension", "key", "count", "sampled", "real", "typed", "correct", "precision", "note")


def _documents(paths: list[Path], limit: int | None) -> Iterator[dict]:
    n = 0
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if limit is not None and n >= limit:
                    return
                n += 1
                yield json.loads(line)


def _init() -> None:
    global _PIPE
    from kg.pipeline import Pipeline

    _PIPE = Pipeline()


TIMEOUT_S = 60  # one article; longer is a hang (a finding), not work


def _timeout(signum, frame):
    raise TimeoutError(f"no result after {TIMEOUT_S} s")


def _extract(row: dict) -> list[dict]:
    from kg.arabic.normalize import fold
    from kg.errors import KGError
    from kg.model import Document

    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(TIMEOUT_S)
    try:
        doc = _PIPE(Document(doc_id=row["id"], text=row["text"], date=row.get("date")))
    except (KGError, TimeoutError) as err:  # a crash or a hang is a finding too: counted under "failure"
        return [{"doc": row["id"], "kind": "failure", "failure": f"{type(err).__name__}: {err}"[:300]}]
    finally:
        signal.alarm(0)
    label = {e.id: f"{e.label_en or e.label_ar} ({e.type})" for e in doc.entities}
    out = []
    for ev in doc.events:
        pos, _, rest = ev.rule.partition(":")
        rule, _, entry = rest.partition(":")
        out.append(
            {
                "doc": doc.doc_id,
                "source_outlet": row.get("source"),
                "form": fold(ev.trigger),
                "entry": entry,
                "rule": rule,
                "frame": f"{pos}:{rule}",
                "type": ev.type,
                "modality": ev.modality,
                "actors": [label.get(x, x) for x in ev.source],
                "targets": [label.get(x, x) for x in ev.target],
                "trigger": ev.trigger,
                "sentence": ev.sentence[:600],
                "confidence": ev.confidence,
            }
        )
    for e in doc.entities:
        mentions = [m.text for m in doc.mentions if m.entity_id == e.id]
        out.append({"doc": doc.doc_id, "entity": label[e.id], "mentions": mentions[:3], "kind": "entity"})
    return out


def run(args: argparse.Namespace) -> None:
    paths = [Path(p) for p in args.corpus] or [CORPUS / "ant-2018.jsonl.gz", CORPUS / "saudinewsnet-2015.jsonl.gz"]
    n = 0
    with gzip.open(args.cache, "wt", encoding="utf-8") as out, Pool(args.workers, initializer=_init) as pool:
        for records in pool.imap(_extract, _documents(paths, args.limit), chunksize=16):
            n += 1
            for r in records:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
            if n % 1000 == 0:
                print(f"{n} articles", file=sys.stderr)
    print(f"{n} articles reviewed into {args.cache}", file=sys.stderr)


def _records(cache: str) -> Iterator[dict]:
    with gzip.open(cache, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _key(r: dict, by: str) -> str | None:
    if by in ("entity", "failure"):
        return r.get(by)
    return None if r.get("kind") in ("entity", "failure") else r.get(by)


def report(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    counts: collections.Counter[str] = collections.Counter()
    samples: dict[str, list[dict]] = collections.defaultdict(list)
    for r in _records(args.cache):
        k = _key(r, args.by)
        if k is None:
            continue
        counts[k] += 1
        pool = samples[k]  # reservoir sample per key
        if len(pool) < args.examples:
            pool.append(r)
        elif (j := rng.randrange(counts[k])) < args.examples:
            pool[j] = r
    print(f"# Firings by {args.by}: {sum(counts.values()):,} in {len(counts):,} keys\n")
    for k, c in counts.most_common(args.top):
        print(f"## {k} — {c:,}\n")
        for r in samples[k]:
            if args.by == "failure":
                print(f"- {r['doc']}")
            elif args.by == "entity":
                print(f"- {r['doc']}: {' | '.join(r['mentions'])}")
            else:
                print(
                    f"- {r['type']} {r['frame']} {r['entry']} [{r['modality']}] "
                    f"{', '.join(r['actors'])} → {', '.join(r['targets']) or '∅'} «{r['trigger']}» "
                    f"({r['doc']}): {r['sentence']}"
                )
        print()


def table(args: argparse.Namespace) -> None:
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for r in _records(args.cache):
        for by in DIMENSIONS[:-1]:  # failures are listed by `report --by failure`, not tabled
            k = _key(r, by)
            if k is not None:
                counts[(by, k)] += 1
    path = Path(args.table)
    judged: dict[tuple[str, str], dict] = {}
    for source in [path, *(Path(j) for j in args.judged)]:
        if not source.exists():
            continue
        with open(source, encoding="utf-8") as fh:
            for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
                if row.get("sampled"):
                    judged[(row["dimension"], row["key"])] = row
    keep = {k for k, c in counts.items() if c >= args.min_count} | set(judged)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(f"# written by tools/review.py table from {args.total} corpus articles; judged columns by hand\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(TABLE_COLUMNS)
        for dim, key in sorted(keep, key=lambda k: (DIMENSIONS.index(k[0]), -counts[k], k[1])):
            j = judged.get((dim, key), {})
            sampled, correct = j.get("sampled", ""), j.get("correct", "")
            precision = f"{int(correct) / int(sampled):.2f}" if sampled and correct and int(sampled) else ""
            row = (dim, key, counts[(dim, key)], sampled, j.get("real", ""), j.get("typed", ""), correct, precision)
            w.writerow((*row, j.get("note", "")))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("corpus", nargs="*")
    r.add_argument("--limit", type=int)
    r.add_argument("--workers", type=int, default=2)
    r.add_argument("--cache", required=True)
    p = sub.add_parser("report")
    p.add_argument("--cache", required=True)
    p.add_argument("--by", choices=DIMENSIONS, default="form")
    p.add_argument("--top", type=int, default=40)
    p.add_argument("--examples", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    t = sub.add_parser("table")
    t.add_argument("--cache", required=True)
    t.add_argument("--table", required=True)
    t.add_argument("--min-count", type=int, default=20)
    t.add_argument("--total", type=int, default=36291)
    t.add_argument("--judged", nargs="*", default=[], help="TSVs of judged samples to merge in")
    args = ap.parse_args()
    {"run": run, "report": report, "table": table}[args.cmd](args)


if __name__ == "__main__":
    main()
