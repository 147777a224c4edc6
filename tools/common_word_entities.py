#!/usr/bin/env python3
"""People, places and organizations that may be made from common words, listed for reading.

usage: tools/common_word_entities.py [--n 500] [--seed 14] [--corpus DIR | --dev DIR] [--counts FILE] [--out FILE]

Draws ``--n`` corpus articles with a fixed seed from ../shared/corpus (both files), or reads the
``.txt`` articles of ``--dev``, extracts them with the kg of this checkout, and lists each
entity (Person, Place, Organization) one of whose words is a common word: in kg's common-word
list, a form of its predicate lexicon or its markers, or among the corpus's most frequent words
while being no given name, name part or country. Each line gives the type, the name, how it was
found (mention kinds), how often, and the first article id; the judging is done by reading
(``--out`` keeps the lines with one example sentence each, outside the project: corpus text
must not be committed). Run it from another checkout (``python3 OTHER/tools/...``) to compare
code versions on the same draw. Word counts are cached in ``--counts`` (default /tmp).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
FILES = ("ant-2018.jsonl.gz", "saudinewsnet-2015.jsonl.gz")
FREQUENT = 3000  # the corpus's most frequent folded words
# markers.tsv kinds whose words are no names (not its prepositions: على folds to the name علي)
MARKER_KINDS = (
    "negation",
    "future",
    "conditional",
    "speech",
    "light",
    "pair",
    "complementizer",
    "occurrence",
    "abstract",
)
TIMEOUT_S = 30  # an article that takes longer is recorded as failed (a hang), not waited on


def _timeout(signum, frame):
    raise TimeoutError(f"no result after {TIMEOUT_S} s")


def draw(corpus: Path, n: int, seed: int) -> list[dict]:
    """``n`` articles drawn uniformly from both corpus files (by line number, fixed seed)."""
    rows = []
    for name in FILES:
        with gzip.open(corpus / name, "rt", encoding="utf-8") as fh:
            rows += [(name, i) for i, _ in enumerate(fh)]
    picked = sorted(random.Random(seed).sample(rows, n))
    want = collections.defaultdict(set)
    for name, i in picked:
        want[name].add(i)
    out = []
    for name in FILES:
        with gzip.open(corpus / name, "rt", encoding="utf-8") as fh:
            out += [json.loads(line) for i, line in enumerate(fh) if i in want[name]]
    return out


def word_counts(corpus: Path, cache: Path) -> collections.Counter[str]:
    from kg.arabic.normalize import fold

    if cache.exists():
        return collections.Counter(json.loads(cache.read_text(encoding="utf-8")))
    counts: collections.Counter[str] = collections.Counter()
    for name in FILES:
        with gzip.open(corpus / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                counts.update(fold(json.loads(line)["text"]).split())
    cache.write_text(json.dumps(dict(counts.most_common(20000)), ensure_ascii=False), encoding="utf-8")
    return counts


def common_words(counts: collections.Counter[str]) -> tuple[set[str], set[str]]:
    """(words that are not names: kg's common-word list, predicate forms, markers; those and
    the corpus's most frequent words that are no given name, name part or country)."""
    from kg.lexicon.actors import gazetteer
    from kg.lexicon.markers import markers
    from kg.lexicon.predicates import predicate_lexicon
    from kg.lexicon.words import word_set

    g = gazetteer()
    names = set(g.name_parts) | {" ".join(t) for t in g.given_names}
    countries = {" ".join(t) for t, (k, _kind) in g.forms.items() if g.entries[k].type == "Country"}
    frequent = {w for w, _ in counts.most_common(FREQUENT)}
    frequent = {w for w in frequent if w not in names and w not in countries and w[2:] not in names}
    strict = set(word_set("common_words.tsv")) | set(predicate_lexicon().forms)
    for kind in MARKER_KINDS:  # a fixed set, so that two code versions are judged alike
        strict |= set(markers().get(kind, ()))
    return strict, strict | frequent


def suspicious(doc, strict: set[str], common: set[str]) -> list[tuple[str, str, str, str]]:
    """(type, label_ar, label_en, kinds) of the entities a mention of which is one common word
    (a frequent word, or a word that is no name), or, for names found by rule, holds a word
    that is no name (a verb, a particle, a word of kg's common-word list) or is one word that is
    no known name part (استدعي after a title)."""
    from kg.arabic.clitics import proclitic_readings
    from kg.arabic.normalize import fold
    from kg.lexicon.actors import gazetteer

    g = gazetteer()
    known = g.entries
    names = set(g.name_parts) | {t[0] for t in g.given_names}
    by_entity = collections.defaultdict(list)
    for m in doc.mentions:
        by_entity[m.entity_id].append(m)
    out = []
    for e in doc.entities:
        if e.type not in ("Person", "Place", "Organization") or e.id.startswith("group_"):
            continue
        ms = [m for m in by_entity.get(e.id, []) if m.kind not in ("description", "pronoun", "pair")]
        hit = False
        for m in ms:
            words = fold(m.text).split()
            readings = [{rest for _pre, rest in proclitic_readings(w)} for w in words]
            if len(words) == 1 and readings[0] & common:
                hit = True
            elif e.id not in known and any(r & strict for r in readings):
                hit = True
            elif e.id not in known and len(words) == 1 and m.kind not in ("short-name",) and not names & readings[0]:
                hit = True  # one word found by a rule (a title, a verb of saying) that is no known name part
        if hit:
            out.append((e.type, e.label_ar, e.label_en, "+".join(sorted({m.kind for m in ms}))))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--dev", type=Path, help="a folder of .txt articles instead of the corpus draw")
    ap.add_argument("--counts", type=Path, default=Path("/tmp/kg-corpus-word-counts.json"))
    ap.add_argument("--out", type=Path, help="the list with one example sentence each (keep it out of the repo)")
    args = ap.parse_args(argv)
    from kg.corpus import date_from_name
    from kg.errors import KGError
    from kg.model import Document
    from kg.pipeline import Pipeline

    if args.dev:
        rows = [
            {"id": p.stem, "text": p.read_text(encoding="utf-8"), "date": date_from_name(p)}
            for p in sorted(args.dev.glob("*.txt"))
        ]
    else:
        rows = draw(args.corpus, args.n, args.seed)
    strict, common = common_words(word_counts(args.corpus, args.counts))
    pipe = Pipeline()
    found: dict[tuple[str, str, str, str], list[str]] = collections.defaultdict(list)
    examples: dict[tuple, str] = {}
    failed = []
    signal.signal(signal.SIGALRM, _timeout)
    for r in rows:
        signal.alarm(TIMEOUT_S)
        try:
            doc = pipe(Document(doc_id=r["id"], text=r["text"], date=r.get("date")))
        except (KGError, TimeoutError) as err:  # a crash or a hang is a finding of its own: counted, not judged
            failed.append(f"{r['id']}: {str(err)[:160]}")
            continue
        finally:
            signal.alarm(0)
        for key in suspicious(doc, strict, common):
            found[key].append(doc.doc_id)
            if key not in examples:
                m = next(m for m in doc.mentions if (e := doc.entity(m.entity_id)) and e.label_ar == key[1])
                examples[key] = doc.text[max(0, m.start - 60) : m.end + 40].replace("\n", " ")
    total = sum(len(v) for v in found.values())
    print(f"articles {len(rows)} ({len(failed)} failed); entities with a common word: {total} in {len(found)} names")
    for line in failed:
        print("  failed: " + line)
    lines = []
    for key, docs in sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        line = f"{len(docs):4d}  {key[0]:12s} {key[1]} | {key[2]} | {key[3]} | {docs[0]}"
        print(line)
        lines.append(line + "\n      " + examples[key])
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
