#!/usr/bin/env python3
"""Build kg/lexicon/data/common_nouns.tsv (words the news uses as common nouns and adjectives)
and kg/lexicon/data/frequent_words.tsv (verbs and frequent words that are no name).

usage: tools/build_common_nouns.py [--corpus DIR] [--date YYYY-MM-DD] [--min 50] [--share 0.15]

A word that news writes with the article at least ``--share`` of the time (``شكل`` / ``الشكل``,
``صحيفة`` / ``الصحيفة``) but also without it at least a tenth of the time, seen ``--min`` times or
more, is a common noun or an adjective (``القاهرة`` is hardly ever ``قاهرة``: a name). A personal
name almost never takes the article (``ماكرون``), so such a word cannot begin an unknown name
(``بشكل``، ``لصحيفة`` after a title are no people), and a place whose name is such a word
(``الساحل`` coast, ``البيضاء`` white) needs a locative context. Given names, name parts and every
name form of the lexicon stay out of the list, so ``سلام``، ``نصر`` still begin a
name. Only the words are written (facts about the language), no text of the corpus. The same
corpus and options give the same file.

frequent_words.tsv holds the words without the article that are no name for another reason: verbs
(seen at least ``VERB_LEAST`` times and a ``VERB_SHARE`` of the time right after قد، لقد، الذي، التي,
where a name never stands: اتخذ، صرخ), the words seen ``FREQUENT`` times or more (حجم، لقب), and
the rarer common nouns and adjectives (kind rare_noun: seen ``RARE_LEAST`` to ``--min`` times, with the
article as often as a common noun: ممتن، عالق، شرس، مسعف), less the lexicon's names, and the
lexicon's one-word places that news also writes as verbs (kind place_verb: تدمر، سرت). An unknown
name found after a title or a given name does not begin or go on with one (``الرئيس الأمريكي اتخذ``،
``وزير الشؤون الاجتماعية حجم``، ``شكري تأكيد``); a rare noun is no one-word name (``الرئيس ممتن``،
``وقال قائل``); such a place needs the context of a place (``الحروب تدمر المزروعات``).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import json
import sys
from datetime import date as Date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
FILES = ("ant-2018.jsonl.gz", "saudinewsnet-2015.jsonl.gz")
OUT = ROOT / "kg" / "lexicon" / "data" / "common_nouns.tsv"
OUT_FREQUENT = ROOT / "kg" / "lexicon" / "data" / "frequent_words.tsv"
NAMED = 0.9  # with the article more often than this: a name (القاهرة), not a common noun
VERB_LEADERS = ("قد", "وقد", "لقد", "فقد", "الذي", "التي", "الذين")  # folded; a verb follows, never a name
VERB_LEAST, VERB_SHARE = 3, 0.03
FREQUENT = 400
RARE_LEAST = 10  # a rare noun is seen this often at least, with or without the article


def counts(corpus: Path) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """Each folded word's count, and how often it follows a verb leader (قد، الذي…)."""
    from kg.arabic.normalize import fold

    c: collections.Counter[str] = collections.Counter()
    after: collections.Counter[str] = collections.Counter()
    leaders = set(VERB_LEADERS)
    for name in FILES:
        with gzip.open(corpus / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                words = fold(json.loads(line)["text"]).split()
                c.update(words)
                after.update(b for a, b in zip(words, words[1:]) if a in leaders)
    return c, after


def name_words() -> set[str]:
    """Every word of a name the lexicon knows (given names, name parts, entity forms)."""
    from kg.lexicon.actors import build

    g = build(imported=True)
    return (
        set(g.name_parts)
        | {" ".join(t) for t in g.given_names}
        | {w for t in g.given_names for w in t}
        | {w for t in g.forms for w in t}
    )


def place_verbs(c: collections.Counter[str], after: collections.Counter[str]) -> list[str]:
    """Rows ``word<TAB>place_verb``: one-word place names of the lexicon that news also writes as
    a verb, seen after a verb leader as often as a verb is (تدمر destroys, سرت spread)."""
    from kg.lexicon.actors import build

    g = build(imported=True)
    places = {t[0] for t, (key, _kind) in g.forms.items() if len(t) == 1 and g.entries[key].type == "Place"}
    return [f"{w}\tplace_verb" for w in places if after[w] >= VERB_LEAST and after[w] >= VERB_SHARE * c[w]]


def noun_like(w: str, c: collections.Counter[str], least: int, share: float) -> bool:
    """Written with the article at least ``share`` and at most NAMED of the time, ``least`` times
    or more in all: a common noun or adjective (شكل / الشكل), not a name with the article (القاهرة)."""
    n, with_article = c.get(w, 0), c.get("ال" + w, 0)
    total = n + with_article
    return total >= least and with_article >= share * total and n >= (1 - NAMED) * total


def frequent_words(c: collections.Counter[str], after: collections.Counter[str], least: int, share: float) -> list[str]:
    """Rows ``word<TAB>kind``: verbs (kind verb), other frequent words (kind frequent) and common
    nouns too rare for common_nouns.tsv (kind rare_noun)."""
    from kg.arabic.normalize import is_arabic_letter

    names = name_words()
    out = []
    for w, n in c.items():
        if w.startswith("ال") or len(w) < 3 or not all(is_arabic_letter(ch) for ch in w):
            continue
        if w in names:
            continue
        if after[w] >= VERB_LEAST and after[w] >= VERB_SHARE * n:
            out.append(f"{w}\tverb")
        elif n >= FREQUENT:
            out.append(f"{w}\tfrequent")
        elif noun_like(w, c, RARE_LEAST, share) and not noun_like(w, c, least, share):
            out.append(f"{w}\trare_noun")
    return sorted(out)


def common_nouns(c: collections.Counter[str], least: int, share: float) -> list[str]:
    from kg.arabic.normalize import is_arabic_letter
    from kg.lexicon.actors import build

    g = build(imported=False)
    names = set(g.name_parts) | {" ".join(t) for t in g.given_names} | {t[0] for t in g.given_names}
    forms = {" ".join(t) for t in g.forms}
    out = []
    for w in c:
        if w.startswith("ال") or len(w) < 3 or not all(is_arabic_letter(ch) for ch in w):
            continue
        if not noun_like(w, c, least, share):
            continue  # القاهرة، القدس: a name that has the article, hardly ever a word without it
        if w in names or w in forms:
            continue
        out.append(w)
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--date", default=Date.today().isoformat())
    ap.add_argument("--min", type=int, default=50, dest="least")
    ap.add_argument("--share", type=float, default=0.15)
    args = ap.parse_args(argv)
    if not all((args.corpus / f).exists() for f in FILES):
        print(f"build_common_nouns: the corpus files {', '.join(FILES)} are not in {args.corpus}", file=sys.stderr)
        return 2
    c, after = counts(args.corpus)
    words = common_nouns(c, args.least, args.share)
    digest = ", ".join(f"{f} sha256:{hashlib.sha256((args.corpus / f).read_bytes()).hexdigest()[:16]}" for f in FILES)
    head = [
        "# Common nouns and adjectives of news Arabic (folded): words written with the article at least",
        f"# {args.share:.0%} and at most {NAMED:.0%} of the time, {args.least} times or more; no given name, name",
        "# part or lexicon name.",
        "# An unknown name does not begin with one (بشكل، لصحيفة), a place named by one needs a locative",
        "# context (الساحل، البيضاء). Word counts only, from ../shared/corpus: " + digest,
        f"# Built {args.date}; rebuild with: python3 tools/build_common_nouns.py --date {args.date}"
        + (f" --min {args.least}" if args.least != 50 else "")
        + (f" --share {args.share}" if args.share != 0.15 else ""),
        "word",
    ]
    OUT.write_text("\n".join(head + words) + "\n", encoding="utf-8")
    print(f"build_common_nouns: {len(words)} words -> {OUT.relative_to(ROOT)}")
    frequent = sorted(frequent_words(c, after, args.least, args.share) + place_verbs(c, after))
    head = [
        "# Words of news Arabic (folded, without the article) that are no name: verbs (kind verb), seen at",
        f"# least {VERB_LEAST} times and {VERB_SHARE:.0%} of the time right after {'، '.join(VERB_LEADERS)}"
        + " (اتخذ، صرخ), words",
        f"# seen {FREQUENT} times or more (kind frequent: حجم، لقب), and common nouns and adjectives seen",
        f"# {RARE_LEAST} to {args.least - 1} times, with the article as common_nouns.tsv's"
        + " (kind rare_noun: ممتن، عالق); no given name, name part or lexicon name.",
        "# An unknown name does not begin with a verb or a frequent word (a nisba-shaped frequent word in -ي",
        "# may: حجازي), nor go on with a verb (surnames are often common words: مطر، عسيري); a rare noun is",
        "# no one-word name (الرئيس ممتن). A place of the lexicon that is also such a verb (kind place_verb:",
        "# تدمر destroys) needs the context of a place. Word counts only, from",
        "# ../shared/corpus: " + digest,
        f"# Built {args.date}; rebuild with: python3 tools/build_common_nouns.py --date {args.date}",
        "word\tkind",
    ]
    OUT_FREQUENT.write_text("\n".join(head + frequent) + "\n", encoding="utf-8")
    print(f"build_common_nouns: {len(frequent)} words -> {OUT_FREQUENT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
