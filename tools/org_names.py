#!/usr/bin/env python3
"""Organization names the corpus writes after a head noun that kg does not know.

usage:
  tools/org_names.py [CORPUS.jsonl.gz ...] [--min 15] [--top 4000] > gaps.tsv

Counts, over the whole corpus (by default both files of ../shared/corpus), the phrases of two to
four words that open with a head noun of org_heads.tsv (حزب، حركة، وكالة، صحيفة، مجلس، هيئة …),
then asks kg what it finds in each phrase said by someone (``وقال <phrase> إن …``). A phrase is a
gap when no mention kg finds in it begins with its head noun: kg did not take it for one body,
and may have read its last word as a place or a country (``حركة أحرار الشام``: the Levant).
Prints count, phrase and what kg found, most frequent first: a reviewer reads the list, adds
the real organizations to the lexicon (facts: names, country, kind) and leaves the descriptions
(``مجلس الإدارة``) and the ambiguous names (``صحيفة الوطن``: several countries) out. Phrases
only, no sentence of the corpus, so the table may be kept in eval/review.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
WORD = re.compile(r"[\u0621-\u064a]+")


def phrases(paths: list[Path], heads: set[str]) -> collections.Counter[str]:
    """Phrases of two to four Arabic words that open with a head noun (و before it dropped)."""
    from kg.arabic.normalize import fold

    counts: collections.Counter[str] = collections.Counter()
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                words = WORD.findall(json.loads(line).get("text", ""))
                for i, w in enumerate(words):
                    head = w[1:] if w.startswith("و") and fold(w[1:]) in heads else w
                    if fold(head) in heads:
                        for n in (2, 3, 4):
                            if i + n <= len(words):
                                counts[" ".join([head, *words[i + 1 : i + n]])] += 1
    return counts


def found_in(phrase: str) -> list[tuple[str, str]]:
    """The mentions kg finds in the phrase said by someone: (text, entity id)."""
    from kg.pipeline import extract

    doc = extract(f"وقال {phrase} إن الوضع صعب", "review", "2018-01-01")
    return [(m.text, m.entity_id) for m in doc.mentions]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="*", type=Path)
    ap.add_argument("--min", type=int, default=15, help="the fewest occurrences a phrase needs")
    ap.add_argument("--top", type=int, default=4000, help="how many of the most frequent phrases to check")
    args = ap.parse_args(argv)
    from kg.arabic.normalize import fold
    from kg.lexicon.words import word_set

    paths = args.corpus or sorted(CORPUS.glob("*.jsonl.gz"))
    heads = {fold(w) for w in word_set("org_heads.tsv")}
    print("count\tphrase\tkg finds")
    for phrase, n in phrases(paths, heads).most_common(args.top):
        if n < args.min:
            break
        mentions = found_in(phrase)
        head = phrase.split()[0]
        if not any(text.startswith(head) or head in text for text, _ in mentions):
            print(f"{n}\t{phrase}\t{' / '.join(f'{t}={k}' for t, k in mentions)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
