#!/usr/bin/env python3
"""kg's own development gold: corpus articles annotated by GUIDELINES.md, kept without their text.

usage:
  eval/gold.py pack ANNOTATED_DIR...        gold files written beside their article (text_file)
                                            -> eval/gold/<id>.gold.json, quotes replaced by offsets
  eval/gold.py unpack OUT_DIR               -> OUT_DIR/<id>.txt and <id>.gold.json as GUIDELINES.md
                                            writes them (the text from ../shared/corpus)
  eval/gold.py check                        unpack to a temporary folder and run check_gold.py
  eval/gold.py score [--kg KG] [--verbose]  extract every article with kg and score it with
                                            score_events.py, overall and per corpus and stratum

The articles' texts stay in ../shared/corpus (their licences allow research use, not
redistribution): a packed gold file keeps ids, types, English names, Arabic name forms and
judgments, and replaces every quoted stretch (trigger, evidence) by its character offsets in the
article, from which `unpack` restores it exactly.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLD = HERE / "gold"
ARTICLES = HERE / "articles.tsv"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
QUOTED = ("trigger", "evidence")
_FOLD_DROP = re.compile(r"[\u064B-\u0652\u0670\u0640]")


def _fold_char(c: str) -> str:
    if _FOLD_DROP.match(c):
        return ""
    c = {"إ": "ا", "أ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "“": '"', "”": '"', "«": '"', "»": '"'}.get(c, c)
    return " " if c.isspace() else c


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """check_gold.py's folding (diacritics, alef forms, quotes, runs of space) with, for each
    folded character, the offset of the original character it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        f = _fold_char(c)
        if not f or (f == " " and out and out[-1] == " "):
            continue
        out.append(f)
        where.append(i)
    return "".join(out), where


def find_span(text: str, quote: str, near: int = 0) -> tuple[int, int]:
    """Offsets of a quoted stretch in the article: exactly, else as check_gold.py folds it.
    Of several occurrences, the first at or after ``near`` (the evidence of a trigger)."""
    hits = [m.start() for m in re.finditer(re.escape(quote), text)]
    if hits:
        start = next((h for h in hits if h >= near), hits[0])
        return start, start + len(quote)
    folded, where = _folded_with_map(text)
    fq, _ = _folded_with_map(quote)
    fq = fq.strip()
    hits = [m.start() for m in re.finditer(re.escape(fq), folded)]
    if not hits:
        raise ValueError(f"not in the article: {quote!r}")
    k = next((h for h in hits if where[h] >= near), hits[0])
    return where[k], where[k + len(fq) - 1] + 1


def pack_one(gold: dict, text: str) -> dict:
    out = {k: v for k, v in gold.items() if k != "text_file"}
    events = []
    for ev in gold.get("events", []):
        ev = dict(ev)
        evidence = find_span(text, ev.pop("evidence"))
        trigger = find_span(text, ev.pop("trigger"), near=evidence[0])
        events.append({**ev, "trigger_span": list(trigger), "evidence_span": list(evidence)})
    facts = []
    for f in gold.get("facts", []):
        f = dict(f)
        evidence = find_span(text, f.pop("evidence"))  # popped before f is copied into the packed fact
        facts.append({**f, "evidence_span": list(evidence)})
    out["events"], out["facts"] = events, facts
    return out


def unpack_one(packed: dict, text: str) -> dict:
    out = {"doc_id": packed["doc_id"], "text_file": f"{packed['doc_id']}.txt"}
    out.update({k: v for k, v in packed.items() if k not in ("doc_id", "events", "facts")})
    out["events"] = []
    for ev in packed.get("events", []):
        ev = dict(ev)
        t, e = ev.pop("trigger_span"), ev.pop("evidence_span")
        out["events"].append({**ev, "trigger": text[t[0] : t[1]], "evidence": text[e[0] : e[1]]})
    out["facts"] = []
    for f in packed.get("facts", []):
        f = dict(f)
        e = f.pop("evidence_span")
        out["facts"].append({**f, "evidence": text[e[0] : e[1]]})
    return out


def articles() -> dict[str, dict[str, str]]:
    lines = [ln for ln in ARTICLES.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    head = lines[0].split("\t")
    return {row[0]: dict(zip(head, row)) for row in (ln.split("\t") for ln in lines[1:])}


def corpus_texts(ids: set[str]) -> dict[str, dict]:
    if not CORPUS.exists():
        sys.exit(f"the corpus is not at {CORPUS}: this needs ../shared/corpus beside the project")
    found = {}
    for path in sorted(CORPUS.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if any(f'"{i}"' in line[:200] for i in ids):
                    d = json.loads(line)
                    if d["id"] in ids:
                        found[d["id"]] = d
    return found


def pack(dirs: list[str]) -> None:
    GOLD.mkdir(exist_ok=True)
    n = 0
    for d in dirs:
        for gpath in sorted(Path(d).glob("*.gold.json")):
            gold = json.loads(gpath.read_text(encoding="utf-8"))
            text = (gpath.parent / gold["text_file"]).read_text(encoding="utf-8")
            packed = pack_one(gold, text)
            if unpack_one(packed, text)["events"] and not _same_quotes(gold, unpack_one(packed, text)):
                sys.exit(f"{gpath}: a quote does not come back from its offsets")
            (GOLD / f"{gold['doc_id']}.gold.json").write_text(_dumps(packed), encoding="utf-8")
            n += 1
    print(f"{n} gold files packed into {GOLD}")


def _dumps(packed: dict) -> str:
    """One entity, event or fact a line: readable, and a review diff shows what changed."""
    lines = ["{"]
    keys = list(packed)
    for n, key in enumerate(keys):
        value = packed[key]
        end = "," if n < len(keys) - 1 else ""
        if isinstance(value, list) and value:
            items = [json.dumps(v, ensure_ascii=False) for v in value]
            lines.append(f' "{key}": [\n  ' + ",\n  ".join(items) + f"\n ]{end}")
        else:
            lines.append(f' "{key}": {json.dumps(value, ensure_ascii=False)}{end}')
    return "\n".join(lines) + "\n}\n"


def _same_quotes(a: dict, b: dict) -> bool:
    fold = lambda s: _folded_with_map(s)[0].strip()  # noqa: E731
    return all(fold(x[k]) == fold(y[k]) for x, y in zip(a["events"], b["events"]) for k in QUOTED) and all(
        fold(x["evidence"]) == fold(y["evidence"]) for x, y in zip(a.get("facts", []), b.get("facts", []))
    )


def unpack(out_dir: Path, only: set[str] | None = None) -> list[str]:
    out_dir.mkdir(parents=True, exist_ok=True)
    packed = {p.name[: -len(".gold.json")]: p for p in sorted(GOLD.glob("*.gold.json"))}
    ids = set(packed) if only is None else set(packed) & only
    texts = corpus_texts(ids)
    for i in sorted(ids):
        d = texts[i]
        (out_dir / f"{i}.txt").write_text(d["text"], encoding="utf-8")
        gold = unpack_one(json.loads(packed[i].read_text(encoding="utf-8")), d["text"])
        (out_dir / f"{i}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return sorted(ids)


def check() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        ids = unpack(Path(tmp))
        files = [str(Path(tmp) / f"{i}.gold.json") for i in ids]
        return subprocess.call([sys.executable, str(SHARED / "eval" / "check_gold.py"), *files])


def _jsonl_of(gold_dir: Path, ids: list[str], meta: dict[str, dict]) -> Path:
    path = gold_dir / "articles.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in ids:
            text = (gold_dir / f"{i}.txt").read_text(encoding="utf-8")
            date = json.loads((gold_dir / f"{i}.gold.json").read_text(encoding="utf-8")).get("date")
            fh.write(json.dumps({"id": i, "text": text, "date": date}, ensure_ascii=False) + "\n")
    return path


def score(kg: str, verbose: bool, system_dir: str | None = None, split: str | None = None) -> None:
    scorer = SHARED / "eval" / "score_events.py"
    meta = articles()
    only = {i for i, m in meta.items() if m.get("split") == split} if split else None
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir, sys_dir = Path(tmp) / "gold", Path(system_dir or Path(tmp) / "sys")
        ids = unpack(gold_dir, only)
        if system_dir is None:
            subprocess.run(
                [kg, "extract", str(_jsonl_of(gold_dir, ids, meta)), "-o", str(sys_dir)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        groups: dict[str, list[str]] = collections.defaultdict(list)
        for i in ids:
            m = meta.get(i, {})
            groups["all"].append(i)
            groups[f"corpus {m.get('corpus', '?').split('-')[-1].split('.')[0]}"].append(i)
            groups[f"stratum {m.get('stratum', '?')}"].append(i)
        for name, members in groups.items():
            sub = Path(tmp) / "groups" / name.replace(" ", "_")
            sub.mkdir(parents=True)
            for i in members:
                (sub / f"{i}.gold.json").symlink_to(gold_dir / f"{i}.gold.json")
            res = subprocess.run(
                [sys.executable, str(scorer), str(sub), str(sys_dir)]
                + (["--verbose"] if verbose and name == "all" else []),
                capture_output=True,
                text=True,
                check=True,
            )
            lines = res.stdout.strip().splitlines()
            if verbose and name == "all":
                print("\n".join(lines[:-1]))
            false_events = _events_on_empty(gold_dir, sys_dir, members)
            print(f"{name:22} n={len(members):3} {lines[-1]}{false_events}")


def _events_on_empty(gold_dir: Path, sys_dir: Path, ids: list[str]) -> str:
    """Events kg reports on articles whose gold has none (off-topic news)."""
    empty = [i for i in ids if not json.loads((gold_dir / f"{i}.gold.json").read_text(encoding="utf-8"))["events"]]
    if not empty:
        return ""
    n = 0
    for i in empty:
        p = sys_dir / f"{i}.json"
        if p.exists():
            n += sum(1 for e in json.loads(p.read_text(encoding="utf-8"))["events"] if e["modality"] != "negated")
    return f" | {n} events on {len(empty)} articles without any"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pack")
    p.add_argument("dirs", nargs="+")
    u = sub.add_parser("unpack")
    u.add_argument("out")
    sub.add_parser("check")
    s = sub.add_parser("score")
    s.add_argument("--kg", default=str(ROOT / ".venv" / "bin" / "kg"))
    s.add_argument("--system", help="score this folder of document JSON instead of running kg")
    s.add_argument("--verbose", action="store_true")
    s.add_argument("--split", choices=("dev", "test"), help="score one split only")
    args = ap.parse_args()
    if args.cmd == "pack":
        pack(args.dirs)
    elif args.cmd == "unpack":
        print(f"{len(unpack(Path(args.out)))} articles written to {args.out}")
    elif args.cmd == "check":
        sys.exit(check())
    else:
        score(args.kg, args.verbose, args.system, args.split)


if __name__ == "__main__":
    main()
