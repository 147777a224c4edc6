"""CoNLL-style named-entity tagging (``kg ner``): the mention stage over given tokens, tags in
IOB2 with PERS (Person), LOC (Country, Place) and ORG (Organization). Nisba adjectives and
resolved descriptions are not names, so they stay O."""
from __future__ import annotations

from typing import Iterable, Iterator

from kg.arabic.segment import tokenize
from kg.extract.coref import resolve
from kg.extract.mentions import find_mentions
from kg.model import Document, Span

TAG = {"Person": "PERS", "Country": "LOC", "Place": "LOC", "Organization": "ORG"}


def tag_sentences(sents: list[list[str]]) -> list[list[str]]:
    """IOB2 tags for sentences of tokens, read together as one document (so a surname
    seen alone after the full name is still a person)."""
    pieces, starts, pos = [], [], 0
    for sent in sents:
        row = []
        for t in sent:
            row.append(pos)
            pos += len(t) + 1
        starts.append(row)
        pieces.append(" ".join(sent))
    text = "\n".join(pieces)
    sent_spans, off = [], 0
    for p in pieces:
        sent_spans.append(Span(off, off + len(p), p))
        off += len(p) + 1
    doc = Document("ner", text, sentences=tuple(sent_spans),
                   tokens=tuple(t for sp in sent_spans for t in tokenize(sp.text, sp.start)))
    doc = find_mentions(doc)
    ents = {e.id: e for e in doc.entities}
    flat = [(s0, s0 + len(t)) for row, sent in zip(starts, sents) for s0, t in zip(row, sent)]
    tags = ["O"] * len(flat)
    import bisect

    begins = [a for a, _ in flat]
    for m in sorted(doc.mentions, key=lambda m: (m.start, -m.end)):
        if m.kind in ("nisba", "description", "pair") or m.entity_id.startswith("group_"):
            continue  # adjectives, descriptions and generic groups (المتظاهرون) are not names
        e = ents.get(m.entity_id)
        if e is None:
            continue
        k = bisect.bisect_right(begins, m.start) - 1
        idx = []
        while 0 <= k < len(flat) and flat[k][0] < m.end:
            if flat[k][1] > m.start:
                idx.append(k)
            k += 1
        if not idx or any(tags[x] != "O" for x in idx):
            continue
        tags[idx[0]] = "B-" + TAG[e.type]
        for x in idx[1:]:
            tags[x] = "I-" + TAG[e.type]
    out, k = [], 0
    for sent in sents:
        out.append(tags[k:k + len(sent)])
        k += len(sent)
    return out


def tag_conll(lines: Iterable[str]) -> Iterator[str]:
    """``token TAG`` for every token line, blank lines kept where the input has them."""
    lines = list(lines)
    sents: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        parts = line.split()
        if parts:
            cur.append(parts[0])
        elif cur:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    tags = iter(tag_sentences(sents))
    current = next(tags, [])
    k = 0
    for line in lines:
        parts = line.split()
        if not parts:
            yield ""
            continue
        if k >= len(current):
            current, k = next(tags, []), 0
        yield f"{parts[0]} {current[k]}"
        k += 1
