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


def tag_tokens(tokens: list[str]) -> list[str]:
    """IOB2 tags for one sentence of tokens."""
    text = " ".join(tokens)
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t) + 1
    spans = tuple(Span(s, s + len(t), t) for s, t in zip(starts, tokens))
    # sub-tokens as the pipeline sees them, so clitic splitting and offsets behave as in articles
    doc = Document("ner", text, sentences=(Span(0, len(text), text),), tokens=tokenize(text))
    doc = find_mentions(doc)
    tags = ["O"] * len(tokens)
    ents = {e.id: e for e in doc.entities}
    for m in sorted(doc.mentions, key=lambda m: (m.start, -m.end)):
        if m.kind in ("nisba", "description", "pair"):
            continue
        e = ents.get(m.entity_id)
        if e is None:
            continue
        idx = [k for k, sp in enumerate(spans) if sp.start < m.end and sp.end > m.start]
        if not idx or any(tags[k] != "O" for k in idx):
            continue
        tags[idx[0]] = "B-" + TAG[e.type]
        for k in idx[1:]:
            tags[k] = "I-" + TAG[e.type]
    del spans
    return tags


def tag_conll(lines: Iterable[str]) -> Iterator[str]:
    """``token TAG`` for every token line, blank lines kept where the input has them."""
    buffer: list[str] = []

    def flush() -> Iterator[str]:
        for tok, tag in zip(buffer, tag_tokens(buffer)):
            yield f"{tok} {tag}"
        buffer.clear()

    for line in lines:
        parts = line.split()
        if parts:
            buffer.append(parts[0])
            continue
        yield from flush()
        yield ""
    yield from flush()
