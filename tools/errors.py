#!/usr/bin/env python3
"""Why events are missed or wrong: kg's output against gold, error by error, in classes.

usage: tools/errors.py [--split dev] [--kg .venv/bin/kg] [--show CLASS] [--system DIR]

For every required gold event: found (typed), found untyped (wrong type), a system event on the
same trigger with a wrong source or target (which side), an event elsewhere with the right actors,
no system event at the trigger although the trigger word is there, and whether the gold actors
were found as entities at all. For every system event that matches no gold event: on an article
without any gold event, at a trigger gold has an event for (wrong actors/type), or at a word gold
left alone (a false trigger). Counts per class and per type; `--show CLASS` lists the cases with
their evidence (corpus text: read it, do not commit it). Only the `dev` split should be read.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


score = _load("score_events", SHARED / "eval" / "score_events.py")
gold_tool = _load("gold", ROOT / "eval" / "gold.py")


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def analyse(gold: dict, packed: dict, system: dict) -> list[tuple[str, str, str]]:
    """(class, kind, line) per error."""
    ents = score.GoldEntities(gold["entities"])
    sys_ents = {e["id"]: e for e in system.get("entities", [])}
    mapped = {eid: ents.match(e) for eid, e in sys_ents.items()}
    label = {e["id"]: e["en"] for e in gold["entities"]}

    def ids(lst):
        return {mapped.get(i) or f"?{i}" for i in (lst or [])}

    def names(lst):
        return ",".join((label.get(mapped.get(i)) or f"?{sys_ents.get(i, {}).get('label_en', i)}") for i in lst or [])

    sys_events = [e for e in system.get("events", []) if e.get("modality") != "negated"]
    out = []
    spans = {g["id"]: tuple(p["trigger_span"]) for g, p in zip(gold["events"], packed["events"])}
    found_gold = {i for e in sys_ents for i in [mapped[e]] if i}
    for g in gold["events"]:
        if not g.get("required"):
            continue
        desc = (
            f"{g['type']} {','.join(g['source'])} -> {','.join(g.get('target') or ['∅'])} "
            f"«{g['trigger']}» | {g['evidence'][:160]}"
        )
        typed = [e for e in sys_events if score.event_matches((ids(e["source"]), e["type"], ids(e["target"])), g, True)]
        if typed:
            out.append(("found", g["type"], desc))
            continue
        untyped = [
            e for e in sys_events if score.event_matches((ids(e["source"]), e["type"], ids(e["target"])), g, False)
        ]
        at = [e for e in sys_events if overlaps((e["start"], e["end"]), spans[g["id"]])]
        missing_actor = [x for x in g["source"] + (g.get("target") or []) if x not in found_gold]
        if untyped:
            out.append(("wrong-type", g["type"], desc + f" || sys {untyped[0]['type']}"))
        elif at:
            e = at[0]
            src_ok = score.side_ok(ids(e["source"]), g["source"], g.get("alt_source"))
            tgt_ok = score.side_ok(ids(e["target"]), g.get("target"), g.get("alt_target"))
            what = "wrong-source" if not src_ok and tgt_ok else "wrong-target" if src_ok else "wrong-both"
            if missing_actor:
                what += "(actor-not-found)"
            out.append((what, g["type"], desc + f" || sys {e['type']} {names(e['source'])} -> {names(e['target'])}"))
        elif missing_actor:
            out.append(("missed-actor-not-found", g["type"], desc + f" || not found: {','.join(missing_actor)}"))
        else:
            out.append(("missed-trigger", g["type"], desc))
    gold_spans = list(spans.values())
    has_gold = bool(gold["events"])
    for e in sys_events:
        key = (ids(e["source"]), e["type"], ids(e["target"]))
        if any(score.event_matches(key, g, True) for g in gold["events"]):
            continue
        desc = (
            f"{e['type']} {names(e['source'])} -> {names(e['target']) or '∅'} «{e['trigger']}» | {e['sentence'][:160]}"
        )
        if not has_gold:
            cls = "false-on-empty-article"
        elif any(overlaps((e["start"], e["end"]), s) for s in gold_spans):
            cls = "false-at-gold-trigger"
        else:
            cls = "false-trigger"
        out.append((cls, e["type"], desc))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--kg", default=str(ROOT / ".venv" / "bin" / "kg"))
    ap.add_argument("--system", help="document JSON already extracted")
    ap.add_argument("--show", help="list the cases of this class (prefix)")
    args = ap.parse_args()
    meta = gold_tool.articles()
    only = {i for i, m in meta.items() if m.get("split") == args.split} if args.split != "all" else None
    with tempfile.TemporaryDirectory() as tmp:
        gdir = Path(tmp) / "gold"
        ids = gold_tool.unpack(gdir, only)
        sysdir = Path(args.system) if args.system else Path(tmp) / "sys"
        if not args.system:
            subprocess.run(
                [args.kg, "extract", str(gold_tool._jsonl_of(gdir, ids, meta)), "-o", str(sysdir)],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        classes: collections.Counter[str] = collections.Counter()
        by_type: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        cases = []
        for i in ids:
            gold = json.loads((gdir / f"{i}.gold.json").read_text(encoding="utf-8"))
            packed = json.loads((gold_tool.GOLD / f"{i}.gold.json").read_text(encoding="utf-8"))
            spath = sysdir / f"{i}.json"
            system = json.loads(spath.read_text(encoding="utf-8")) if spath.exists() else {}
            for cls, typ, line in analyse(gold, packed, system):
                classes[cls] += 1
                by_type[cls][typ] += 1
                cases.append((cls, i, line))
    for cls, n in classes.most_common():
        print(f"{cls:38} {n:4}  " + " ".join(f"{t}:{c}" for t, c in by_type[cls].most_common(6)))
    if args.show:
        print()
        for cls, i, line in cases:
            if cls.startswith(args.show):
                print(f"[{cls}] {i}: {line}")


if __name__ == "__main__":
    sys.exit(main())
