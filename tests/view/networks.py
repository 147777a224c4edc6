"""Networks shaped like a news corpus, for the page at 32, 1,000 and 5,000 events.

Actors belong to regions (blocs that mostly deal with each other), a few are hubs, about 45 % of
events name no recipient, some actors only ever appear alone, dates spread over months. Labels
come from the lexicon's actors (Arabic and English) and made-up people after them. Deterministic
for a seed; benchmarks/view.py draws the same networks."""

from __future__ import annotations

import random
from typing import Any

R = "https://w3id.org/kg-arabic/resource/"
PREDICATES = (
    ("CONSULT", "verbal-cooperation", "meets", "التقى", "التقى"),
    ("CONSULT", "verbal-cooperation", "visits", "زار", "زار"),
    ("REQUEST", "verbal-cooperation", "requests support from", "طالب بدعم", "طالب"),
    ("SUPPORT", "verbal-cooperation", "supports", "دعم", "دعم"),
    ("AGREE", "verbal-cooperation", "agrees with", "اتفق مع", "اتفق"),
    ("AID", "material-cooperation", "sends aid to", "أرسل مساعدات إلى", "أرسل"),
    ("ACCUSE", "verbal-conflict", "accuses", "اتهم", "اتهم"),
    ("REJECT", "verbal-conflict", "rejects", "رفض", "رفض"),
    ("THREATEN", "verbal-conflict", "threatens", "هدد", "هدد"),
    ("SANCTION", "material-conflict", "imposes sanctions on", "فرض عقوبات على", "فرض"),
    ("ASSAULT", "material-conflict", "attacks", "هاجم", "هاجم"),
    ("PROTEST", "material-conflict", "protests against", "احتج على", "احتج"),
)


def _actors(n: int, rng: random.Random) -> list[dict[str, Any]]:
    from kg.lexicon.actors import gazetteer

    entries = sorted(gazetteer().entries.values(), key=lambda e: e.key)
    rng.shuffle(entries)
    given = sorted({e.label_ar.split()[0] for e in entries if e.type == "Person"})
    out, used = [], set()
    for i in range(n):
        if i < len(entries):
            e = entries[i]
            key = e.wikidata if e.wikidata and e.wikidata not in used else e.key
            used.add(key)
            out.append(
                {
                    "id": R + "entity/" + key,
                    "label_ar": e.label_ar,
                    "label_en": e.label_en,
                    "type": e.type,
                    "wikidata": e.wikidata,
                    "events": 0,
                }
            )
        else:
            out.append(
                {
                    "id": f"{R}entity/person/p{i}",
                    "label_ar": f"{rng.choice(given)} {rng.choice(given)}",
                    "label_en": f"Person {i}",
                    "type": "Person",
                    "wikidata": None,
                    "events": 0,
                }
            )
    return out


def corpus_network(n_events: int, seed: int = 15) -> dict[str, Any]:
    """About ``n_events`` events (edges plus events without a recipient) among ~0.8 actors per
    event, in regions of 10 to 60 actors."""
    rng = random.Random(seed)
    nodes = _actors(max(8, int(n_events * 0.8)), rng)
    regions: list[list[int]] = []
    at = 0
    while at < len(nodes):
        size = rng.randint(10, 60)
        regions.append(list(range(at, min(at + size, len(nodes)))))
        at += size
    loners = set(rng.sample(range(len(nodes)), len(nodes) // 4))  # only ever act alone

    def pick(region: list[int]) -> int:
        weights = [1.0 / (k + 1) ** 0.9 for k in range(len(region))]  # a few hubs per region
        return rng.choices(region, weights=weights)[0]

    edges, events = [], []
    months = [f"2018-{m:02d}" for m in range(2, 10)]
    for j in range(n_events):
        kind, quad, en, ar, trigger = rng.choice(PREDICATES)
        region = rng.choice(regions)
        source = pick(region)
        alone = source in loners or rng.random() < 0.3
        date = f"{rng.choice(months)}-{rng.randint(1, 28):02d}" if rng.random() < 0.85 else None
        doc = f"doc-{j // 5:05d}"
        event = {
            "event": f"{R}event/{doc}/e{j % 5 + 1}",
            "type": kind,
            "quad": quad,
            "mode": None,
            "cameo": None,
            "predicate_en": en,
            "predicate_ar": ar,
            "date": date,
            "modality": rng.choice(("asserted",) * 8 + ("negated", "future")),
            "confidence": round(rng.uniform(0.5, 0.95), 2),
            "trigger": trigger,
            "start": 1,
            "end": 1 + len(trigger),
            "doc_id": doc,
            "location": None,
            "actors": [nodes[source]["id"]],
            "recipients": [],
        }
        targets = []
        if not alone:
            other = rng.choice(regions) if rng.random() < 0.08 else region
            target = pick(other)
            if target == source or target in loners:
                others = [k for k in other if k != source and k not in loners] or [k for k in region if k != source]
                target = rng.choice(others) if others else None
            targets = [target] if target is not None else []
            event["recipients"] = [nodes[t]["id"] for t in targets]
        names = " ".join(nodes[k]["label_ar"] for k in [source, *targets])
        event["sentence"] = f"و{trigger} {names} في بيان رسمي."
        events.append(event)
        for k in {source, *targets}:
            nodes[k]["events"] += 1
        for t in targets:
            edges.append(
                {
                    key: event[key]
                    for key in (
                        "type",
                        "quad",
                        "mode",
                        "cameo",
                        "predicate_en",
                        "predicate_ar",
                        "date",
                        "modality",
                        "confidence",
                        "sentence",
                        "trigger",
                        "doc_id",
                        "event",
                    )
                }
                | {"source": nodes[source]["id"], "target": nodes[t]["id"]}
            )
    dated = sorted(e["date"] for e in events if e["date"])
    return {
        "title": f"kg — {len({e['doc_id'] for e in events}):,} articles, {dated[0]} – {dated[-1]}",
        "corpus": {"articles": len({e["doc_id"] for e in events}), "first": dated[0], "last": dated[-1]},
        "nodes": nodes,
        "edges": edges,
        "events": events,
    }
