#!/usr/bin/env python3
"""Linking figures from document JSON (what `kg extract DIR -o OUT` writes).

usage:
  tools/linking_report.py share OUT [--verbose|--rank N]  people and organizations in events: share with a QID;
                                                        --rank lists the N most frequent ones without (articles)
  tools/linking_report.py check OUT [--sample 50] [--seed 14] [--reference DIR] [--orgs FILE]
                                                        a sample of linked people, places and organizations
                                                        checked: people and places against the Wikidata
                                                        reference data (same QID, same name), organizations
                                                        against the lexicon's confirmation record
  tools/linking_report.py positions OUT --articles DIR [--reference DIR]
                                                        every holdsPosition valid at the article's date

OUT is a folder of document JSON or one JSONL file (``kg extract CORPUS -o OUT.jsonl``).
`share` counts each (article, entity) once. `check` draws linked entities (Person, Place and
Organization; countries are a fixed table). An organization's QID is looked up in the lexicon's
confirmation record (kg/lexicon/data/wikidata_orgs.md, each QID there confirmed in two public
sources; the reference data has no organizations): the record must give that QID to the entity's
lexicon entry, or to an entry of the same English name (an alias row), and must not give the entry
another QID, or it counts as wrong; a QID the record does not hold (older curated rows) counts as
not checkable. A person's or place's QID is looked up in ../shared/reference/wikidata: the QID must be
there, and the entity's Arabic label or one of its lexicon forms must be one of the reference's
Arabic names for it (folded), or its English label one of the English ones up to transliteration,
honorifics and a longer form of the name (King Salman bin Abdulaziz / Salman bin Abdulaziz Al
Saud), or it counts as wrong; the failures are listed. `positions` checks every holdsPosition
fact: an "article" one must be a title the text (--articles) states at its offsets, a "wikidata" one must be a
reference position of that QID valid on the article's date, a "lexicon" one must come from a person
the reference does not date that office for; anything else is listed as invalid.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
REFERENCE = ROOT.parent / "shared" / "reference" / "wikidata"
ORG_RECORD = ROOT / "kg" / "lexicon" / "data" / "wikidata_orgs.md"


def documents(folder: Path) -> list[dict]:
    """The document JSON of a folder (``kg extract DIR -o OUT``) or of a JSONL file, plain or
    gzipped (``kg extract CORPUS -o OUT.jsonl``)."""
    if folder.is_file():
        import gzip

        opener = gzip.open if folder.name.endswith(".gz") else open
        with opener(folder, "rt", encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def share(docs: list[dict]) -> tuple[int, int, list[str]]:
    linked = total = 0
    missing: list[str] = []
    for d in docs:
        ents = {e["id"]: e for e in d["entities"]}
        ids = {i for ev in d["events"] for k in ("source", "target") for i in ev[k]}
        for i in sorted(ids):
            e = ents.get(i)
            if e is None or e["type"] not in ("Person", "Organization"):
                continue
            total += 1
            if e["wikidata"]:
                linked += 1
            else:
                missing.append(f"{d['doc_id']}: {e['type']} {e['label_en']} ({e['label_ar']}) [{e['id']}]")
    return linked, total, missing


def unlinked_ranked(docs: list[dict]) -> list[tuple[int, str]]:
    """People and organizations in events without a QID, by the number of articles they occur in
    (one line per entity id, with its most frequent labels)."""
    import collections

    articles: collections.Counter[str] = collections.Counter()
    labels: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for d in docs:
        ents = {e["id"]: e for e in d["entities"]}
        ids = {i for ev in d["events"] for k in ("source", "target") for i in ev[k]}
        for i in ids:
            e = ents.get(i)
            if e is None or e["type"] not in ("Person", "Organization") or e["wikidata"]:
                continue
            articles[i] += 1
            labels[i][f"{e['type']} {e['label_en']} ({e['label_ar']})"] += 1
    return [
        (n, f"{labels[i].most_common(1)[0][0]} [{i}]") for i, n in sorted(articles.items(), key=lambda x: (-x[1], x[0]))
    ]


def _fold_ar(s: str) -> str:
    from kg.arabic.normalize import fold

    return " ".join(fold(s).split())


def _fold_en(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z]", "", s)


def reference_names(ref: Path) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """QID -> folded Arabic and English names, and QID -> English names as written, of people
    and places."""
    names: dict[str, set[str]] = {}
    english: dict[str, list[str]] = {}
    with open(ref / "people.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            en = [e.split("->")[-1] for e in r["en"]]
            names.setdefault(r["qid"], set()).update(
                [_fold_ar(a.split("->")[-1]) for a in r["ar"]] + [_fold_en(e) for e in en]
            )
            english.setdefault(r["qid"], []).extend(en)
    for fname in ("places.tsv", "countries.tsv"):
        with open(ref / fname, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                names.setdefault(r["qid"], set()).update([_fold_ar(r["name_ar"]), _fold_en(r["name_en"])])
                english.setdefault(r["qid"], []).append(r["name_en"])
    return names, english


def org_record(path: Path) -> dict[str, str]:
    """Lexicon id -> QID of the confirmation record's table (rows ``| id | Q… | sources |``)."""
    record: dict[str, str] = {}
    if not path.exists():
        return record
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"Q\d+", cells[1]) and re.fullmatch(r"[a-z0-9_]+", cells[0]):
            record[cells[0]] = cells[1]
    return record


def check_org(e: dict, record: dict[str, str], label_of: dict[str, str]) -> str | None:
    """None if the record confirms the organization's QID, else why not: "unknown: …" when the
    record does not hold the QID, "wrong: …" when it gives it to another actor or the entry another QID."""
    qid, key = e["wikidata"], e["id"]
    if key in record and record[key] != qid:
        return f"wrong: the record gives {key} {record[key]}"
    holders = [k for k, q in record.items() if q == qid]
    if not holders:
        return "unknown: QID not in the confirmation record (an older curated row)"
    if key in holders or any(_fold_en(label_of.get(k, "")) == _fold_en(e["label_en"]) for k in holders):
        return None
    return f"wrong: the record gives {qid} to {', '.join(holders)}"


def check(
    docs: list[dict], ref: Path, sample: int, seed: int, orgs: Path = ORG_RECORD
) -> tuple[list[str], list[str], list[str]]:
    """(checked, wrong, unknown): linked people, places and organizations sampled over the
    articles, one per QID; ``unknown`` are QIDs the reference data (people, places) or the
    confirmation record (organizations) does not hold (curated ones: capitals of the world)."""
    from kg.lexicon.actors import gazetteer

    g = gazetteer()
    names, english = reference_names(ref)
    record = org_record(orgs)
    label_of = {k: g.entries[k].label_en for k in record if k in g.entries}
    pool: dict[str, dict] = {}
    for d in docs:
        for e in d["entities"]:
            if e["wikidata"] and e["type"] in ("Person", "Place", "Organization"):
                pool.setdefault(e["wikidata"], e)
    qids = sorted(pool)
    random.Random(seed).shuffle(qids)
    checked, wrong, unknown = [], [], []

    def checkable(q: str) -> bool:
        e = pool[q]
        if e["type"] != "Organization":
            return q in names
        why = check_org(e, record, label_of)
        return why is None or not why.startswith("unknown")

    qids = [q for q in qids if checkable(q)] + [q for q in qids if not checkable(q)]  # checkable ones first
    for qid in qids[:sample]:
        e = pool[qid]
        line = f"{qid} {e['type']} {e['label_en']} ({e['label_ar']})"
        if e["type"] == "Organization":
            checked.append(line)
            why = check_org(e, record, label_of)
            if why is not None and why.startswith("unknown"):
                unknown.append(line + ": " + why.split(": ", 1)[1])
            elif why is not None:
                wrong.append(line + ": " + why.split(": ", 1)[1])
            continue
        mine = {_fold_ar(e["label_ar"]), _fold_en(e["label_en"])}
        entry = g.entries.get(e["id"])
        if entry is not None:  # the lexicon's own spellings count as its names too
            mine |= {_fold_ar(" ".join(t)) for t, (k, _kind) in g.forms.items() if k == entry.key}
        checked.append(line)
        if qid not in names:
            unknown.append(line + ": QID not in the reference data (curated)")
        elif (
            not (mine & names[qid]) and not _en_close(e["label_en"], english[qid]) and not _ar_prefix(mine, names[qid])
        ):
            wrong.append(line + f": reference names {sorted(names[qid])[:4]}")
    return checked, wrong, unknown


def _ar_prefix(mine: set[str], theirs: set[str]) -> bool:
    """An Arabic name of two words or more that begins the other (رياض ياسين / رياض ياسين عبد
    الله: the import's 'ar-prefix')."""
    return any(
        len(a.split()) >= 2 and len(b.split()) >= 2 and (b.startswith(a + " ") or a.startswith(b + " "))
        for a in mine
        for b in theirs
    )


def _en_close(label: str, ref_names: list[str]) -> bool:
    """The same English name up to transliteration (Mohammed / Mohammad), honorifics and the
    article (King Salman bin Abdulaziz / Salman bin Abdulaziz Al Saud): the words of one, as
    consonant skeletons, in order within the other's (the import's own comparison); or a regnal
    name of one word (Abdullah of Saudi Arabia) that is the label's given name."""
    from import_wikidata import en_skeleton, en_tokens, subsequence

    mine = en_skeleton(en_tokens(label))
    toks = en_tokens(label)
    for name in ref_names:
        # a monarch the reference knows by the given name alone (Abdullah, Abdullah of Saudi
        # Arabia): that name is the label's given name (the import's 'given' join)
        regnal = name.split(" of ")[0].split()
        if toks and len(regnal) == 1 and en_tokens(regnal[0]) == toks[:1]:
            return True
        theirs = en_skeleton(en_tokens(name))
        small, large = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
        if len(small) >= 2 and small[0] == large[0] and subsequence(small, large):
            return True
    return False


def positions(docs: list[dict], ref: Path, articles: Path | None) -> tuple[int, list[str]]:
    """(holdsPosition facts checked, the invalid ones)."""
    from kg.arabic.clitics import proclitic_readings
    from kg.arabic.normalize import fold
    from kg.lexicon.actors import gazetteer
    from kg.lexicon.positions import Held, valid_on

    by_qid: dict[str, list[Held]] = {}
    with open(ref / "people.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            by_qid[r["qid"]] = [Held(p, "wikidata", src, s or None, e or None) for p, s, e, src in r["positions"]]
    g = gazetteer()
    n, bad = 0, []
    for d in docs:
        path = articles / f"{d['doc_id']}.txt" if articles else None
        text = path.read_text(encoding="utf-8") if path and path.exists() else None
        ents = {e["id"]: e for e in d["entities"]}
        for f in d["facts"]:
            if f["predicate"] != "holdsPosition":
                continue
            n += 1
            e = ents.get(f["subject"], {})
            who = e.get("label_en", f["subject"])
            where = f"{d['doc_id']} ({d['date']}): {who} holds {f['object']!r} [{f.get('origin')}]"
            origin = f.get("origin")
            if origin == "article":
                if text is None:
                    bad.append(where + ": article text not found (pass --articles DIR)")
                    continue
                words = fold(text[f["start"] : f["end"]]).split()
                said = [  # the span begins with the title (its complements may follow)
                    g.titles.get((rest, *words[1:n]))
                    for _pre, rest in (proclitic_readings(words[0]) if words else ())
                    for n in range(1, len(words) + 1)
                ]
                if not any(t is not None and t.role_en == f["object"] for t in said):
                    bad.append(where + f": the text at {f['start']}-{f['end']} states no such title")
                continue
            if origin == "wikidata":
                qid = e.get("wikidata")
                held = [h for h in by_qid.get(qid or "", []) if h.role == f["object"]]
                if not held:
                    bad.append(where + f": no such position of {qid} in the reference")
                elif d["date"] is None:
                    if len({h.role for h in by_qid[qid] if not re.match(r"^Q\d+$", h.role)}) != 1:
                        bad.append(where + ": no date and more than one position")
                elif not any(valid_on(h, d["date"]) for h in held):
                    bad.append(where + ": not valid on the article's date")
                continue
            if origin == "lexicon":
                entry = g.entries.get(f["subject"])
                ref_roles = {h.role.lower() for h in by_qid.get((e.get("wikidata") or ""), [])}
                if entry is None:
                    bad.append(where + ": not a lexicon entry")
                elif f["object"].lower() in ref_roles:
                    bad.append(where + ": the reference dates this office; the lexicon should not give it")
                elif d["date"] is None:
                    if len(entry.roles) > 1 or ref_roles - {f["object"].lower()}:
                        bad.append(where + ": no date and more than one position")
                elif entry.start or entry.end:
                    y = d["date"][:4]
                    if (entry.start and y < entry.start[:4]) or (entry.end and y > entry.end[:4]):
                        bad.append(where + f": outside the lexicon's years {entry.start}-{entry.end}")
                continue
            bad.append(where + ": no origin")
    return n, bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=("share", "check", "positions"))
    ap.add_argument("folder", type=Path, nargs="+", help="folders of document JSON, or JSONL files")
    ap.add_argument("--reference", type=Path, default=REFERENCE)
    ap.add_argument("--orgs", type=Path, default=ORG_RECORD, help="the organizations' confirmation record")
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--articles", type=Path, help="the .txt articles, to read the titles an article states")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--rank", type=int, default=0, help="share: the N most frequent without a QID, by articles")
    args = ap.parse_args(argv)
    docs = [d for folder in args.folder for d in documents(folder)]
    if not docs:
        print(f"linking_report: no document JSON in {args.folder}", file=sys.stderr)
        return 2
    if args.what == "share":
        linked, total, missing = share(docs)
        print(f"people and organizations in events: {linked}/{total} with a QID ({linked / max(total, 1):.1%})")
        for m in missing if args.verbose else []:
            print("  no QID: " + m)
        for n, what in unlinked_ranked(docs)[: args.rank]:
            print(f"  {n:5d} articles: {what}")
    elif args.what == "check":
        checked, wrong, unknown = check(docs, args.reference, args.sample, args.seed, args.orgs)
        print(
            f"QIDs sampled: {len(checked)}; checked against the reference data or the organizations' record: "
            f"{len(checked) - len(unknown)}, "
            f"wrong: {len(wrong)}; not in the reference data or the record: {len(unknown)}"
        )
        for line in wrong + unknown:
            print("  " + line)
        for line in checked if args.verbose else []:
            print("  " + line)
    else:
        n, bad = positions(docs, args.reference, args.articles)
        print(f"holdsPosition facts: {n}, not valid at the article's date: {len(bad)}")
        for line in bad:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
