#!/usr/bin/env python3
"""Sentence-level detection of a street event (ASSAULT or PROTEST) on kg's own gold.

usage: eval/detect.py [--type ASSAULT] [--split dev] [--kg KG] [--list]

Every sentence of a gold article that has an event of the type is one item: "yes" when it holds
the evidence of a required gold event of that type, left out when it holds only an optional
one's, "no" otherwise. kg runs on each sentence alone and without a date, as on the shared
event-gsr sets, and a sentence is detected when kg reports a non-negated event of the type.
Prints precision, recall and F1; ``--list`` prints the false alarms and the misses (read them on
the dev split only). The gold marks one evidence per event, so a sentence that tells a marked
event again reads as a false alarm: precision here is a lower bound.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from gold import ROOT, articles, unpack  # noqa: E402

from kg.arabic.normalize import fold  # noqa: E402
from kg.arabic.segment import split_sentences  # noqa: E402

MIN_CHARS = 20  # shorter lines (bylines, captions) are no sentences


def items(gold_dir: Path, ids: list[str], typ: str) -> list[dict]:
    """The sentences of the articles with an event of ``typ``, labelled yes / no / optional."""
    out = []
    for i in ids:
        gold = json.loads((gold_dir / f"{i}.gold.json").read_text(encoding="utf-8"))
        events = [e for e in gold["events"] if e["type"] == typ and e.get("evidence")]
        if not events:
            continue
        required = [fold(e["evidence"]) for e in events if e.get("required")]
        optional = [fold(e["evidence"]) for e in events if not e.get("required")]
        text = (gold_dir / f"{i}.txt").read_text(encoding="utf-8")
        for k, span in enumerate(split_sentences(text)):
            s = " ".join(span.text.split())
            if len(s) < MIN_CHARS:
                continue
            f = fold(s)

            def holds(evidence: list[str], f: str = f) -> bool:
                return any(ev in f or f in ev for ev in evidence)

            label = "yes" if holds(required) else "optional" if holds(optional) else "no"
            out.append({"id": f"{i}_s{k}", "text": s, "label": label})
    return out


def detect(kg: str, typ: str, split: str | None, show: bool) -> None:
    meta = articles()
    only = {i for i, m in meta.items() if m.get("split") == split} if split else None
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir, sys_dir = Path(tmp) / "gold", Path(tmp) / "sys"
        rows = items(gold_dir, unpack(gold_dir, only), typ)
        jsonl = Path(tmp) / "sentences.jsonl"
        jsonl.write_text(
            "".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in rows)
        )
        # a sentence kg refuses (too short, not Arabic) is reported on stderr and counts as not detected
        subprocess.run(
            [kg, "extract", str(jsonl), "-o", str(sys_dir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        tp = fp = fn = 0
        shown: list[str] = []
        for r in rows:
            p = sys_dir / f"{r['id']}.json"
            doc = json.loads(p.read_text(encoding="utf-8")) if p.exists() else {"events": []}
            found = [e["trigger"] for e in doc["events"] if e["type"] == typ and e["modality"] != "negated"]
            if r["label"] == "optional":
                continue
            gold = r["label"] == "yes"
            tp += bool(found) and gold
            fp += bool(found) and not gold
            fn += gold and not found
            if show and bool(found) != gold:
                shown.append(f"{'FALSE' if found else 'MISS '} {'،'.join(found)} | {r['text'][:200]}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r_ = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r_ / (p + r_) if p + r_ else 0.0
    print("\n".join(shown))
    n = sum(r["label"] != "optional" for r in rows)
    print(f"{typ} sentences={n} yes={tp + fn} P={p:.3f} R={r_:.3f} F1={f1:.3f} (tp {tp}, fp {fp}, fn {fn})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--type", default="ASSAULT", choices=("ASSAULT", "PROTEST"))
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--kg", default=str(ROOT / ".venv" / "bin" / "kg"))
    ap.add_argument("--list", action="store_true", help="print the false alarms and the misses")
    args = ap.parse_args()
    detect(args.kg, args.type, args.split, args.list)


if __name__ == "__main__":
    main()
