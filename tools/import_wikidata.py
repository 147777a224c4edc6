#!/usr/bin/env python3
"""Join the Wikidata reference extracts to kg's lexicon and write dated, reproducible data files.

usage: tools/import_wikidata.py [--reference DIR] [--corpus DIR] [--date YYYY-MM-DD] [--dry-run]
                                [--report FILE]

Reads ``../shared/reference/wikidata`` (people.jsonl, places.tsv, countries.tsv; see its README)
and the lexicon's curated files, and writes into ``kg/lexicon/data``:

- ``wikidata_people.tsv``  lexicon person id -> QID, with the evidence that joined them;
- ``wikidata_places.tsv``  lexicon place id (curated, capital or CLDR city) -> QID;
- ``positions.tsv``        dated positions (QID, lexicon id, position, start, end, source);
- ``actors_people_wikidata.tsv``  office-holders the lexicon lacked, with an Arabic name of two
  words or more that is no common phrase (gazetteer entries with their QID).

A join needs a name (the lexicon's English name normalized, or its Arabic name) and a second,
independent agreement: the country (the source of a position names it: ``algeria-cabinet:…``),
plausible dates (the lexicon's start/end overlap a position's) or the role. A candidate that
disagrees on country or dates is refused; two candidates, or a name with nothing else, are
ambiguous: no QID (unsure means none), and the report printed at the end lists them. The
corpus (``../shared/corpus``) only counts words, to keep common phrases out; no text of it is
written. Run it again with the same ``--date`` and the files are byte-identical.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.arabic.normalize import fold  # noqa: E402
from kg.lexicon import actors as lex  # noqa: E402
from kg.lexicon.romanize import romanize  # noqa: E402
from kg.lexicon.tsv import read_rows, split  # noqa: E402
from kg.lexicon.words import word_set  # noqa: E402

DATA = ROOT / "kg" / "lexicon" / "data"
REFERENCE = ROOT.parent / "shared" / "reference" / "wikidata"
CORPUS = ROOT.parent / "shared" / "corpus"
COMMAND = "python3 tools/import_wikidata.py"

# The country each position source speaks of (every-politician-scrapers repository names);
# "world" lists (UN, ICJ, Arab Parliament…) name none. An unknown source stops the import.
SOURCE_COUNTRY = {
    "algeria-cabinet": "DZ",
    "bahrain": "BH",
    "china-ministers": "CN",
    "egypt-ministers": "EG",
    "ethiopia-ministers": "ET",
    "france-cabinet": "FR",
    "iran-ministers": "IR",
    "iraq-ministers": "IQ",
    "israel-ministers": "IL",
    "jordan-ministers": "JO",
    "kuwait-ministers": "KW",
    "lebanon": "LB",
    "libya": "LY",
    "mauritania": "MR",
    "morocco-ministers": "MA",
    "oman": "OM",
    "palestine": "PS",
    "qatar-ministers": "QA",
    "russia-cabinet": "RU",
    "saudi-ministers": "SA",
    "somalia-cabinet": "SO",
    "south-sudan": "SS",
    "sudan": "SD",
    "syria": "SY",
    "tunisia-ministers": "TN",
    "turkey-ministers": "TR",
    "uae-ministers": "AE",
    "united-kingdom-cabinet": "GB",
    "us-cabinet": "US",
    "world": "",
    "yemen": "YE",
}
# Reference records that carry the names of two people (a wrong merge upstream): never joined
DOUBTFUL = {
    "Q50379451": "labels of Lily Albino Akol Akol (South Sudan, 2020) and of Lam Akol (Sudan, 2005-2007)",
}
PERSON_FILES = ("actors_people.tsv", "actors_people_archive.tsv", "actors_people_public.tsv")
ADDED_PEOPLE = "actors_people_wikidata.tsv"
_QID = re.compile(r"^Q[1-9][0-9]*$")
_PERSIAN = re.compile(r"[یکپچگژ\u200c]")  # Persian letters and ZWNJ: not an Arabic spelling
_ARABIC_NAME = re.compile(r"^[\u0621-\u064A ]+$")

# English: honorifics dropped before comparing, particles glued or dropped
HONORIFICS = set(
    "his her royal highness king queen prince princess sheikh shaikh sheikha emir dr sir lord baron".split()
)
ARTICLES = {"al", "el", "ul", "as", "ad", "ar", "an", "at", "ash", "az", "ath"}
TOLERANCE = 1  # years a lexicon start/end may differ from a position's and still agree
CAREER = 20  # years between the lexicon's dates and a position's beyond which they are two people


# --- English names -------------------------------------------------------------------------


# Cyrillic letters that stand for Latin ones inside Latin labels (Smaїl Chergui)
_HOMOGLYPHS = str.maketrans({"ї": "i", "і": "i"})

# English short forms of given names: Jim Mattis is James Mattis, Mike Mullen Michael Mullen
NICKNAMES = {
    "jim": "james",
    "jimmy": "james",
    "mike": "michael",
    "bill": "william",
    "bob": "robert",
    "tom": "thomas",
    "joe": "joseph",
    "dick": "richard",
    "ted": "edward",
    "steve": "steven",
    "tony": "anthony",
    "chuck": "charles",
}


def ascii_lower(text: str) -> str:
    if re.search("[A-Za-z]", text):
        text = text.translate(_HOMOGLYPHS)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def en_tokens(name: str) -> tuple[str, ...]:
    """Normalized English name tokens: ``Abd al-Aziz`` and ``Abdulaziz`` are both ``abdaziz``,
    ``al-Maliki`` is ``maliki``, ``Ibn`` is ``bin``, honorifics go."""
    s = ascii_lower(name.split("->")[-1])
    s = re.sub(r",.*$", "", s)  # "Mark Malloch Brown, Baron Malloch-Brown"
    s = re.sub(r"\babd(?:el|ul|al|ol|u)?(?:[ -](?:al|el|ul)-?|[ -])?(?=[a-z])", "abd", s)
    s = re.sub(r"\b(?:al|el|ul|as|ad|ar|an|at|ash|az|ath)-", "", s)
    s = re.sub(r"['`’‘ʿʾ]", "", s)
    toks = [t for t in re.split(r"[^a-z0-9]+", s) if t]
    toks = [t for i, t in enumerate(toks) if not (t in ARTICLES and i + 1 < len(toks))]  # Ar Raqqah
    toks = ["bin" if t in ("ibn", "ben", "bin") else "abu" if t in ("abou", "abo", "abu") else t for t in toks]
    if toks:
        toks[0] = NICKNAMES.get(toks[0], toks[0])  # the given name only: Bill Gates, not a surname Bill
    return tuple(t for t in toks if t not in HONORIFICS and t not in ("al", "el", "ii", "iii", "of"))


def skeleton(tok: str) -> str:
    """A consonant skeleton: Mohammed, Mohamed, Muhammad -> mhmd (doubled letters first, then
    vowels; a final h of a feminine ending goes: Misratah = Misrata)."""
    s = re.sub(r"(.)\1+", r"\1", tok.replace("q", "k").replace("ph", "f"))
    s = re.sub(r"(?<=[aei])h$", "", s)
    return re.sub(r"[aeiou]", "", s)  # w and y stay: Nayef is not Nawwaf


def compatible_initials(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle initials, when both names have them, are the same (George H. W. Bush is not
    George W. Bush); Mark Esper may be Mark T. Esper."""
    ia, ib = [t for t in a if len(t) == 1], [t for t in b if len(t) == 1]
    return not (ia and ib) or ia == ib


def subsequence(small: tuple[str, ...], large: tuple[str, ...]) -> bool:
    it = iter(large)
    return all(any(t == u for u in it) for t in small)


def distinctive(sk: tuple[str, ...]) -> bool:
    """A skeleton long enough to mean something (Li Qiang and Lu Kang are both l-kng)."""
    return len(sk) >= 2 and sum(len(t) for t in sk) >= 6


def en_skeleton(toks: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(skeleton(t) for t in toks if skeleton(t))


# --- Arabic names --------------------------------------------------------------------------


def ar_key(name: str) -> str:
    """Folded Arabic name with ``عبد`` glued to what follows (عبد العزيز = عبدالعزيز)."""
    s = " ".join(fold(name).split())
    return re.sub(r"\bعبد ", "عبد", s)


# --- dates ---------------------------------------------------------------------------------


def year_of(value: str) -> int | None:
    m = re.match(r"^(\d{4})", value or "")
    return int(m.group(1)) if m else None


def overlaps(
    a: tuple[int | None, int | None], b: tuple[int | None, int | None], today: int, slack: int = TOLERANCE
) -> bool:
    """Do two year ranges overlap (an open end runs to ``today``), within ``slack`` years?"""
    a0, a1 = a[0] or a[1] or 0, a[1] or today
    b0, b1 = b[0] or b[1] or 0, b[1] or today
    return a0 <= b1 + slack and b0 <= a1 + slack


# --- the reference data --------------------------------------------------------------------


@dataclass
class RefPerson:
    qid: str
    en: list[str]
    ar: list[str]
    positions: list[tuple[str, str, str, str]]  # (label, start, end, source) with a label
    countries: set[str] = field(default_factory=set)
    world: bool = False

    @property
    def years(self) -> list[tuple[int | None, int | None]]:
        return [(year_of(s), year_of(e)) for _p, s, e, _src in self.positions]


def load_people(path: Path) -> list[RefPerson]:
    out = []
    unknown = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if not _QID.match(r["qid"]) or r["qid"] in DOUBTFUL:
                continue
            positions = []
            countries, world = set(), False
            for label, start, end, source in r["positions"]:
                repo = source.split(":")[0]
                if repo not in SOURCE_COUNTRY:
                    unknown.add(repo)
                    continue
                if SOURCE_COUNTRY[repo]:
                    countries.add(SOURCE_COUNTRY[repo])
                else:
                    world = True
                if _QID.match(label) or not label.strip():
                    continue  # a position known only by its QID (bio.json): no label to show
                positions.append((label.strip(), start, end, source))
            ar = [a.split("->")[-1].strip() for a in r["ar"]]
            ar = sorted({a for a in ar if a and not _PERSIAN.search(a) and _ARABIC_NAME.match(fold(a))})
            out.append(
                RefPerson(r["qid"], [e for e in r["en"] if e.strip()], ar, sorted(set(positions)), countries, world)
            )
    if unknown:
        raise SystemExit(f"import_wikidata: unknown position source(s) {sorted(unknown)}; add them to SOURCE_COUNTRY")
    return out


def load_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


# --- people --------------------------------------------------------------------------------


@dataclass
class LexPerson:
    id: str
    label_en: str
    names_ar: list[str]
    country: str
    roles: list[str]
    start: int | None
    end: int | None
    wikidata: str


def lexicon_people() -> list[LexPerson]:
    out = []
    for fname in PERSON_FILES:
        for r in read_rows(fname, lex.ACTOR_COLUMNS, ("id", "type", "label_en", "label_ar")):
            if r["type"] != "Person":
                continue
            out.append(
                LexPerson(
                    r["id"],
                    r["label_en"],
                    [r["label_ar"], *split(r["aliases_ar"])],
                    r["country"].upper(),
                    split(r["role_en"]),
                    year_of(r["start"]),
                    year_of(r["end"]),
                    r["wikidata"],
                )
            )
    return out


def role_words(label: str) -> str:
    """Lower-case words of an office, British and American spellings made one (Defence)."""
    words = re.sub(r"[^a-z ]", " ", ascii_lower(label)).split()
    return " ".join({"defence": "defense", "organisation": "organization"}.get(w, w) for w in words)


def roles_agree(lex_roles: list[str], positions: list[tuple[str, str, str, str]]) -> bool:
    """A lexicon role and a position label name the same office (equal, or one of two words or
    more within the other: Minister of Foreign Affairs and Expatriates)."""
    mine = [role_words(r) for r in lex_roles if r]
    theirs = [role_words(p[0]) for p in positions]
    return any(
        a
        and b
        and (a == b or min(len(a.split()), len(b.split())) >= 2 and (f" {a} " in f" {b} " or f" {b} " in f" {a} "))
        for a in mine
        for b in theirs
    )


@dataclass
class Join:
    qid: str
    evidence: list[str]


def name_evidence(p: LexPerson, r: RefPerson) -> str | None:
    """'ar' or 'en' (the same name), 'ar-prefix', 'skeleton' or 'subset' (a weaker likeness),
    'short-subset' (a subset of short words), 'given' (the reference knows the person by the given
    name alone: a monarch); the last two only with country, dates and office."""
    mine_ar = {ar_key(n) for n in p.names_ar}
    theirs_ar = {ar_key(n) for n in r.ar}
    if mine_ar & theirs_ar:
        return "ar"
    mine_en = en_tokens(p.label_en)
    theirs_en = [t for t in (en_tokens(e) for e in r.en) if compatible_initials(mine_en, t)]
    if any(mine_en == t for t in theirs_en if t):
        return "en"
    for a in mine_ar:
        for b in theirs_ar:
            if len(a.split()) >= 2 and (b.startswith(a + " ") or a.startswith(b + " ")) and len(b.split()) >= 2:
                return "ar-prefix"
    sk = en_skeleton(mine_en)
    if distinctive(sk) and any(sk == en_skeleton(t) for t in theirs_en):
        return "skeleton"
    for t in theirs_en:
        small, large = (sk, en_skeleton(t)) if len(sk) <= len(t) else (en_skeleton(t), sk)
        # every word of the shorter name in the longer, in order, the given name first in both
        if distinctive(small) and small[0] == large[0] and subsequence(small, large):
            return "subset"
    for t in theirs_en:  # the words themselves, not their skeletons: Li Qiang is not Lu Kang
        small, large = (mine_en, t) if len(mine_en) < len(t) else (t, mine_en)
        if 2 <= len(small) < len(large) and small[0] == large[0] and subsequence(small, large):
            return "short-subset"  # Saud al-Faisal in Saud bin Faisal Al Saud: the office decides
    single = [en_tokens(e) for e in r.en if len(e.split("->")[-1].split()) == 1]
    if mine_en and (mine_en[0],) in single:
        return "given"  # a monarch known by the given name alone (Abdullah, Fahd): the office decides
    return None


def judge(p: LexPerson, r: RefPerson, name: str, today: int) -> tuple[bool, list[str], str]:
    """(accepted, evidence, reason refused)."""
    evidence = [name]
    if p.country and r.countries:
        if p.country not in r.countries:
            return False, evidence, f"country {p.country} vs {sorted(r.countries)}"
        evidence.append("country")
    dated = [y for y in r.years if y[0] or y[1]]
    if (p.start or p.end) and dated:
        if any(overlaps((p.start, p.end), y, today) for y in dated):
            evidence.append("dates")
        elif any(overlaps((p.start, p.end), y, today, CAREER) for y in dated):
            evidence.append("career")  # one career: the lexicon dates a later or earlier office
        else:
            return False, evidence, f"dates {p.start}-{p.end} vs positions"
    if roles_agree(p.roles, r.positions):
        evidence.append("role")
    strong = name in ("ar", "en")
    context = set(evidence[1:])
    if name in ("given", "short-subset") and not {"country", "dates", "role"} <= context:
        return False, evidence, "a given name alone needs country, dates and office"
    if name in ("subset", "ar-prefix") and not {"country", "role"} <= context:
        # a longer name may add another family: Abdullah bin Abdulaziz is not Abdullah bin
        # Abdulaziz Al Rabeeah (a minister of health); the office must agree too
        return False, evidence, f"{name} of the name needs country and role"
    if "country" in context and context & {"dates", "role"}:
        return True, evidence, ""
    if strong and "country" in context and "career" in context:
        return True, evidence, ""  # the same name in the same country within one career
    if strong and r.world and not r.countries and "role" in context:
        return True, evidence, ""  # a world office (UN, ICJ): the office itself is the check
    if strong and "country" in context and not (p.start or p.end) and not p.roles:
        return False, evidence, "name and country only, no dates or role to check"
    return False, evidence, "name with " + ("+".join(sorted(context)) or "nothing else")


def join_people(people: list[LexPerson], ref: list[RefPerson], today: int, report: Report) -> dict[str, Join]:
    by_ar: dict[str, list[RefPerson]] = collections.defaultdict(list)
    by_en: dict[str, list[RefPerson]] = collections.defaultdict(list)
    by_whole: dict[tuple[str, ...], list[RefPerson]] = collections.defaultdict(list)
    for r in ref:
        for a in r.ar:
            for w in ar_key(a).split():
                by_ar[w].append(r)
        for e in r.en:
            sk = en_skeleton(en_tokens(e))
            for t in sk:
                by_en[t].append(r)
            by_whole[sk].append(r)  # names of short words only (Ban Ki-moon, Kais Saied, Alain Juppé)
    ref_by_qid = {r.qid: r for r in ref}
    joins: dict[str, Join] = {}
    for p in people:
        pool: dict[str, RefPerson] = {}
        for a in p.names_ar:
            for w in ar_key(a).split():
                if len(w) >= 3:
                    pool.update((r.qid, r) for r in by_ar.get(w, []))
        sk = en_skeleton(en_tokens(p.label_en))
        for t in sk:
            if len(t) >= 3:
                pool.update((r.qid, r) for r in by_en.get(t, []))
        if len(sk) >= 2:
            pool.update((r.qid, r) for r in by_whole.get(sk, []))
        accepted, refused = [], []
        for r in pool.values():
            name = name_evidence(p, r)
            if name is None:
                continue
            ok, evidence, why = judge(p, r, name, today)
            (accepted if ok else refused).append((r, evidence, why))
        if p.wikidata and p.wikidata not in {r.qid for r, _e, _w in accepted}:
            if accepted:
                report.conflicts.append(
                    f"{p.id}: lexicon has {p.wikidata}, the reference joins {[r.qid for r, _e, _w in accepted]}"
                )
            elif p.wikidata in ref_by_qid:
                report.notes.append(f"{p.id}: lexicon QID {p.wikidata} is in the reference but the names do not join")
            continue
        if len(accepted) == 1:
            r, evidence, _ = accepted[0]
            joins[p.id] = Join(r.qid, evidence)
            report.joined.append(
                f"{p.id} ({p.label_en}, {p.country}) -> {r.qid} {r.en[:1]} {r.ar[:1]}: {'+'.join(evidence)}"
            )
        elif len(accepted) > 1:
            report.ambiguous.append(
                f"{p.id} ({p.label_en}): {', '.join(f'{r.qid} {r.en[:1]}' for r, _e, _w in accepted)}"
            )
        elif refused:
            best = sorted(refused, key=lambda x: -len(x[1]))[0]
            report.refused.append(f"{p.id} ({p.label_en}) ~ {best[0].qid} {best[0].en[:1]}: {best[2]}")
        else:
            report.unmatched.append(p.id)
    # one QID, two lexicon people: the lexicon has a duplicate or one join is wrong; link neither
    owners = collections.defaultdict(list)
    for pid, j in joins.items():
        owners[j.qid].append(pid)
    for qid, pids in owners.items():
        if len(pids) > 1:
            report.ambiguous.append(f"{qid} joins {len(pids)} lexicon people: {', '.join(sorted(pids))}")
            for pid in pids:
                del joins[pid]
    return joins


# --- people the lexicon lacks --------------------------------------------------------------


def corpus_counts(corpus: Path, limit: int | None = None) -> collections.Counter[str]:
    """Folded word counts of the corpus (only counts are kept)."""
    counts: collections.Counter[str] = collections.Counter()
    n = 0
    for path in sorted(corpus.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                counts.update(fold(json.loads(line).get("text", "")).split())
                n += 1
                if limit and n >= limit:
                    return counts
    return counts


def added_people(
    ref: list[RefPerson], joined: set[str], forms: set[str], counts: collections.Counter[str], report: Report
) -> list[tuple[RefPerson, str, str]]:
    """(person, Arabic name, reason) for office-holders the lexicon lacks, with an Arabic name of
    two words or more that is no common phrase: the surname is no common word, title, or one of
    the corpus's most frequent words, and the name is no form the gazetteer already has."""
    g = lex.build(imported=False)
    common = word_set("common_words.tsv")
    frequent = {w for w, _ in counts.most_common(5000)}
    by_name: dict[str, list[RefPerson]] = collections.defaultdict(list)
    for r in ref:
        if r.qid in joined or not r.positions or not r.countries:
            continue
        for a in r.ar:
            by_name[ar_key(a)].append(r)
    out = []
    for key, rs in sorted(by_name.items()):
        if len({r.qid for r in rs}) > 1:
            report.skipped_new.append(f"{key}: {len(rs)} office-holders share the name")
            continue
        r = rs[0]
        name = next(a for a in r.ar if ar_key(a) == key)
        words = fold(name).split()
        last = words[-1]
        bare = last[2:] if last.startswith("ال") else last
        if len(words) < 2:
            reason = "one word"
        elif " ".join(words) in forms:
            reason = "already a gazetteer form"
        elif words[0] in g.title_words or any((w,) in g.titles for w in words):
            reason = "holds a title word"
        elif last in common or last in g.title_vocab or (len(words) == 2 and (last in frequent or bare in frequent)):
            reason = "surname is a common word"
        elif len(words) == 2 and all((w,) in g.given_names or w in g.name_parts for w in words):
            reason = "two given names (a common phrase)"
        else:
            reason = ""
        if reason:
            report.skipped_new.append(f"{name} ({r.qid}): {reason}")
            continue
        out.append((r, name, ""))
    # a person with several accepted spellings is added once, under the first
    seen, unique = set(), []
    for r, name, why in out:
        if r.qid not in seen:
            seen.add(r.qid)
            unique.append((r, name, why))
    return unique


# --- places --------------------------------------------------------------------------------

ADMIN_WORDS = {"governorate", "province", "region", "district", "wilaya", "state", "emirate", "strip", "municipality"}
GENERIC_EN = ADMIN_WORDS | {"city", "camp", "town", "village", "of", "the"}


def place_skeleton(name: str) -> str:
    toks = [t for t in en_tokens(name) if t not in GENERIC_EN]
    return "".join(en_skeleton(tuple(toks)))


def join_places(ref_places: list[dict[str, str]], report: Report) -> dict[str, Join]:
    """Lexicon places (curated, capitals, CLDR cities) joined on Arabic name + country, checked
    on the English name. A name that is both a town and its governorate (لحج، مأرب، الجيزة) is
    ambiguous: news means either, so no QID, unless the lexicon's English label names the
    governorate itself (Al Anbar Governorate); two QIDs left means none."""
    g = lex.build(imported=False)
    by_ar: dict[str, list[dict[str, str]]] = collections.defaultdict(list)
    for r in ref_places:
        if _QID.match(r["qid"]):
            by_ar[ar_key(r["name_ar"])].append(r)
    iso_of = {key: iso for iso, key in g.by_iso.items()}
    names: dict[str, set[str]] = collections.defaultdict(set)
    for toks, (key, kind) in g.forms.items():
        if kind == "name":
            names[key].add(" ".join(toks))
    joins: dict[str, Join] = {}
    for key, e in sorted(g.entries.items()):
        if e.type != "Place" or not e.country or e.country not in iso_of:
            continue
        iso = iso_of[e.country].lower()
        cands = [r for n in names[key] | {fold(e.label_ar)} for r in by_ar.get(ar_key(n), []) if r["country"] == iso]
        if not cands:
            continue
        sk = place_skeleton(e.label_en)
        named = [r for r in cands if place_skeleton(r["name_en"]) == sk and sk]
        if not named:
            report.place_refused.append(
                f"{key} ({e.label_en}): English names differ: {sorted({r['name_en'] for r in cands})}"
            )
            continue
        admin = bool(ADMIN_WORDS & set(ascii_lower(e.label_en).split()))
        want = ("region", "county") if admin else ("locality",)
        typed = {r["qid"] for r in named if r["placetype"] in want}
        qids = {r["qid"] for r in named}
        if admin and len(typed) == 1:
            qids = typed  # the lexicon names the governorate itself: Al Anbar Governorate
        if len(qids) != 1:
            report.place_ambiguous.append(f"{key} ({e.label_en}): {sorted(qids)}")
            continue
        qid = qids.pop()
        if e.wikidata and e.wikidata != qid:
            report.conflicts.append(f"{key}: lexicon has {e.wikidata}, the reference joins {qid} ({e.label_en})")
            continue
        joins[key] = Join(qid, ["ar", "country", "en"] + (["type"] if admin else []))
        report.place_joined.append(f"{key} ({e.label_en}) -> {qid} {sorted({r['name_en'] for r in named})}")
    return joins


def check_countries(ref_countries: list[dict[str, str]], report: Report) -> None:
    g = lex.build(imported=False)
    for r in ref_countries:
        key = g.by_iso.get(r["iso_a2"])
        if key is None:
            continue
        mine = g.entries[key].wikidata
        if mine and r["qid"] and mine != r["qid"]:
            report.conflicts.append(f"country {r['iso_a2']}: lexicon {mine}, Natural Earth {r['qid']}")


# --- writing -------------------------------------------------------------------------------


@dataclass
class Report:
    joined: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped_new: list[str] = field(default_factory=list)
    place_joined: list[str] = field(default_factory=list)
    place_ambiguous: list[str] = field(default_factory=list)
    place_refused: list[str] = field(default_factory=list)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def header(what: str, reference: Path, when: str, files: tuple[str, ...]) -> list[str]:
    return [
        f"# {what}",
        "# Source: Wikidata (CC0) through the offline reference extracts (every-politician-scrapers",
        "# snapshots of 2022-2023; Who's On First admin data; Natural Earth 5.1.1), see NOTICE.",
        "# Reference files: " + ", ".join(f"{f} sha256:{sha(reference / f)}" for f in files),
        f"# Imported {when}; rebuild with: {COMMAND} --date {when}",
        "# Generated file: edit the curated lexicon or the import script, not this file.",
    ]


def write(path: Path, head: list[str], columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    lines = head + ["\t".join(columns)] + ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reference", type=Path, default=REFERENCE)
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="word counts keep common phrases out")
    ap.add_argument("--date", default=Date.today().isoformat(), help="the import date written in the headers")
    ap.add_argument("--dry-run", action="store_true", help="print the report, write nothing")
    ap.add_argument("--report", type=Path, help="also write the full lists of the report here")
    args = ap.parse_args(argv)
    ref_dir: Path = args.reference
    if not (ref_dir / "people.jsonl").exists():
        print(f"import_wikidata: no people.jsonl in {ref_dir}; pass --reference DIR", file=sys.stderr)
        return 2
    today = int(args.date[:4])
    report = Report()
    ref = load_people(ref_dir / "people.jsonl")
    people = lexicon_people()
    joins = join_people(people, ref, today, report)
    ref_by_qid = {r.qid: r for r in ref}

    counts = corpus_counts(args.corpus) if args.corpus.exists() else collections.Counter()
    g = lex.build(imported=False)
    forms = {" ".join(t) for t in g.forms} | {" ".join(t) for t in g.given_names}
    new = added_people(ref, {j.qid for j in joins.values()} | {p.wikidata for p in people}, forms, counts, report)

    places = join_places(load_tsv(ref_dir / "places.tsv"), report)
    check_countries(load_tsv(ref_dir / "countries.tsv"), report)

    people_rows = [(pid, j.qid, "+".join(j.evidence)) for pid, j in sorted(joins.items())]
    place_rows = [(pid, j.qid, "+".join(j.evidence)) for pid, j in sorted(places.items())]
    used_ids = {p.id for p in people} | set(g.entries)
    new_rows, new_ids = [], {}
    for r, name, _ in sorted(new, key=lambda x: x[0].qid):
        label_en = next((e.split("->")[-1] for e in r.en if en_tokens(e)), "") or romanize(name, g)
        key = "wd_" + lex.slug(label_en)
        if key in used_ids or key in new_ids.values():
            key = f"{key}_{r.qid.lower()}"
        new_ids[r.qid] = key
        country = sorted(r.countries)[0] if len(r.countries) == 1 else ""
        new_rows.append((key, "Person", label_en, name, "", country, "", "", "", "", r.qid))
    pos_rows = []
    for pid, j in joins.items():
        pos_rows += [(j.qid, pid, *p) for p in ref_by_qid[j.qid].positions]
    for qid, key in new_ids.items():
        pos_rows += [(qid, key, *p) for p in ref_by_qid[qid].positions]
    pos_rows.sort(key=lambda r: (r[1], r[3], r[4], r[2], r[5]))

    print(
        f"people: {len(people)} in the lexicon; joined {len(joins)}, ambiguous {len(report.ambiguous)}, "
        f"refused {len(report.refused)} (a check failed), unmatched {len(report.unmatched)}; "
        f"conflicts with curated QIDs {sum(1 for c in report.conflicts if not c.startswith(('country', 'Q')))}"
    )
    print(f"people added from the reference: {len(new_rows)} (skipped {len(report.skipped_new)})")
    print(
        f"places: joined {len(places)}, ambiguous {len(report.place_ambiguous)}, "
        f"refused {len(report.place_refused)} (English names differ)"
    )
    print(f"positions: {len(pos_rows)} dated positions for {len({r[1] for r in pos_rows})} people")
    for title, items in (
        ("conflicts with curated QIDs (kept the curated one)", report.conflicts),
        ("ambiguous (no QID)", report.ambiguous),
        ("refused (a check failed)", report.refused[:40]),
        ("places ambiguous (no QID)", report.place_ambiguous),
    ):
        if items:
            print(f"\n{title}:")
            for item in items:
                print("  " + item)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as fh:
            for name in report.__dataclass_fields__:
                fh.write(f"## {name}\n" + "".join(f"{x}\n" for x in getattr(report, name)) + "\n")
    if args.dry_run:
        return 0
    files = ("people.jsonl",)
    write(
        DATA / "wikidata_people.tsv",
        header(
            "Lexicon people linked to Wikidata: lexicon id -> QID and the checks that agreed "
            "(ar/en/ar-prefix/skeleton/subset: the name; country; dates; role).",
            ref_dir,
            args.date,
            files,
        ),
        ("id", "wikidata", "evidence"),
        people_rows,
    )
    write(
        DATA / "wikidata_places.tsv",
        header(
            "Lexicon places linked to Wikidata: Arabic name and country agree, the English name "
            "checks it; a town that shares its name with its governorate is left unlinked.",
            ref_dir,
            args.date,
            ("places.tsv",),
        ),
        ("id", "wikidata", "evidence"),
        place_rows,
    )
    write(
        DATA / "positions.tsv",
        header(
            "Dated positions (P39 position held, with start and end) of the linked and added people; "
            "an empty end was still open when the reference was extracted.",
            ref_dir,
            args.date,
            files,
        ),
        ("wikidata", "id", "position", "start", "end", "source"),
        pos_rows,
    )
    write(
        DATA / ADDED_PEOPLE,
        header(
            "Office-holders the curated lexicon lacks, with an Arabic name of two words or more that is no "
            "common phrase; roles come from positions.tsv.",
            ref_dir,
            args.date,
            files,
        ),
        lex.ACTOR_COLUMNS,
        new_rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
