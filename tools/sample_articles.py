#!/usr/bin/env python3
"""Draw the articles of kg's own development gold from ../shared/corpus (reproducible).

usage: tools/sample_articles.py [--seed 13] [--per-outlet N] > eval/articles.tsv

Articles are drawn per outlet with a fixed seed, between 600 and 3,000 characters, and
sorted into three strata by words of their title and first lines: diplomacy (visits, talks,
calls, statements), conflict (attacks, strikes, protests) and off-topic (sport, markets),
about half, a third and a sixth of the draw. Only ids are written: the texts stay in the corpus.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FILES = ("ant-2018.jsonl.gz", "saudinewsnet-2015.jsonl.gz")
STRATA = {
    "conflict": r"قتل|مقتل|غار[ةا]|هجوم|اشتباك|قصف|تفجير|انفجار|مظاهر|احتجاج|مسلح|اعتقال|صاروخ",
    "offtopic": r"مبارا|الدوري|منتخب|لاعب|بطولة|الأسهم|البورصة|أسعار|النفط|سوق|مهرجان|فيلم",
    "diplomacy": r"زار|زيارة|التقى|استقبل|اتصال|مباحثات|محادثات|وزير الخارجية|قمة|أدان|دعا|اتفاق",
}
SHARE = {"diplomacy": 0.5, "conflict": 0.34, "offtopic": 0.16}


def stratum(text: str) -> str | None:
    head = text[:400]
    for name, pattern in STRATA.items():  # conflict first: an attack report often names a minister
        if re.search(pattern, head):
            return name
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--per-outlet", type=int, default=6)
    ap.add_argument("--exclude", nargs="*", default=[], help="ids already drawn")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    excluded = set(args.exclude)
    print("id\tcorpus\tsource\tstratum")
    for name in FILES:
        by_outlet: dict[str, dict[str, list[str]]] = {}
        with gzip.open(CORPUS / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if d["id"] in excluded or not 600 <= len(d["text"]) <= 3000:
                    continue
                st = stratum(d["text"])
                if st:
                    by_outlet.setdefault(d["source"], {}).setdefault(st, []).append(d["id"])
        for outlet in sorted(by_outlet):
            if outlet == "arreyadi":
                continue  # 80 sport articles only: off-topic enough elsewhere
            n = args.per_outlet
            want = {"diplomacy": round(n * SHARE["diplomacy"]), "conflict": round(n * SHARE["conflict"])}
            want["offtopic"] = n - sum(want.values())
            for st, k in want.items():
                pool = sorted(by_outlet[outlet].get(st, []))
                for aid in rng.sample(pool, min(k, len(pool))):
                    print(f"{aid}\t{name}\t{outlet}\t{st}")


if __name__ == "__main__":
    sys.exit(main())
