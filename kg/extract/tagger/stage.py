"""The tagger in the mention stage (``kg ner`` combines it in ``kg.extract.ner``)."""

from __future__ import annotations

from bisect import bisect_left
from itertools import chain
from operator import attrgetter

import numpy as np

from kg.arabic.clitics import folded_prefix_to_original
from kg.extract.tagger.combine import (
    ADD_MIN,
    ADD_MIN_WORDS,
    ADD_TYPES,
    ID_PREFIX,
    KIND,
    VETO_KINDS,
    VETO_MIN,
    iob_spans,
)
from kg.extract.tagger.features import document_dynamics
from kg.extract.tagger.model import Model, default_model
from kg.extract.tokens import Sentence, sentences
from kg.lexicon.actors import gazetteer, slug
from kg.lexicon.romanize import romanize
from kg.model import Document, Entity, Mention


def tagger_mentions(doc: Document, model: Model | None = None) -> Document:
    """After the rules: Person and Organization mentions (kind ``tagger``) for names the tagger
    is sure of and no rule mention touches, and pattern mentions the tagger is sure are no
    name removed (with their facts). Lexicon mentions always stand."""
    views = [s for s in sentences(doc) if s.tokens]
    if not views:
        return doc
    model = model or default_model()
    emissions = _emissions(doc, views, model)
    covered = bytearray(len(doc.text) + 1)
    for m in doc.mentions:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    by_start: dict[int, list[Mention]] = {}  # the mentions the tagger may veto
    for m in doc.mentions:
        if m.kind in VETO_KINDS:
            by_start.setdefault(m.start, []).append(m)
    starts = sorted(by_start)
    found: list[Mention] = []
    vetoed: set[tuple[int, int, str]] = set()
    todo = []
    for s, e, labels in zip(views, emissions, model.decode(emissions)):
        named = labels.count("O") < len(labels)
        adds = [span for span in iob_spans(labels) if _candidate(s, span, covered)] if named else []
        k = bisect_left(starts, s.span.start)
        doubtful = _doubtful(s, by_start) if k < len(starts) and starts[k] < s.span.end else []
        vetoes = [(m, i, j) for m, i, j in doubtful if all(y == "O" for y in labels[i:j])]
        if adds or vetoes:
            todo.append((s, e, labels, adds, vetoes))
    column = {y: i for i, y in enumerate(model.labels)}
    for (s, _e, labels, adds, vetoes), p in zip(todo, model.marginals([t[1] for t in todo])):
        sure = p[np.arange(len(labels)), [column[y] for y in labels]].tolist()
        for a, b, t in adds:
            if min(sure[a:b]) >= ADD_MIN and not any(covered[s.tokens[a].start : s.tokens[b - 1].end]):
                m = _mention(doc, s, a, b, ADD_TYPES[t])
                found.append(m)
                covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        vetoed.update((m.start, m.end, m.entity_id) for m, i, j in vetoes if min(sure[i:j]) >= VETO_MIN)
    if not found and not vetoed:
        return doc
    return _revised(doc, found, vetoed)


_START, _END, _TEXT = attrgetter("start"), attrgetter("end"), attrgetter("text")


def _emissions(doc: Document, views: list[Sentence], model: Model) -> list[np.ndarray]:
    from kg.extract.ner import rule_view

    tokens = list(chain.from_iterable(s.tokens for s in views))
    flat = list(zip(map(_START, tokens), map(_END, tokens)))
    tags, kinds = rule_view(doc, flat, list(chain.from_iterable(s.folded for s in views)))
    rules, marks, k = [], [], 0
    for s in views:
        rules.append(tags[k : k + len(s.tokens)])
        marks.append(kinds[k : k + len(s.tokens)])
        k += len(s.tokens)
    words = [list(map(_TEXT, s.tokens)) for s in views]
    return model.emissions(words, document_dynamics(words, rules, marks))


def _candidate(s: Sentence, span: tuple[int, int, str], covered: bytearray) -> bool:
    """A tagger name the mention stage may take: a person or body of two words or more that
    no rule mention touches."""
    a, b, t = span
    words = [w for w in s.folded[a:b] if any(c.isalpha() for c in w)]
    return t in ADD_TYPES and len(words) >= ADD_MIN_WORDS and not any(covered[s.tokens[a].start : s.tokens[b - 1].end])


def _doubtful(s: Sentence, by_start: dict[int, list[Mention]]) -> list[tuple[Mention, int, int]]:
    """Mentions of the sentence found by a name pattern (not the lexicon; ``by_start`` holds
    only those), with their tokens: the ones the tagger may veto."""
    out = []
    for i, tok in enumerate(s.tokens):
        for m in by_start.get(tok.start, ()):
            if m.kind in VETO_KINDS:
                j = i
                while j < len(s.tokens) and s.tokens[j].start < m.end:
                    j += 1
                out.append((m, i, j))
    return out


def _mention(doc: Document, s: Sentence, a: int, b: int, type_: str) -> Mention:
    start = s.tokens[a].start + _clitic_chars(s.tokens[a].text, s.folded[a])
    end = s.tokens[b - 1].end
    name = doc.text[start:end]
    return Mention(start, end, name, ID_PREFIX[type_] + slug(romanize(name, gazetteer())), KIND)


def _revised(doc: Document, found: list[Mention], vetoed: set[tuple[int, int, str]]) -> Document:
    """The document with the tagger's mentions added and the vetoed ones gone, with the
    entities and facts of what is no longer mentioned."""
    g = gazetteer()
    kept = [m for m in doc.mentions if (m.start, m.end, m.entity_id) not in vetoed]
    mentions = tuple(sorted(kept + found, key=lambda m: (m.start, -m.end)))
    gone = {m.entity_id for m in doc.mentions} - {m.entity_id for m in mentions}
    entities = {e.id: e for e in doc.entities if e.id not in gone}
    for m in found:
        if m.entity_id not in entities:
            type_ = next(t for t, p in ID_PREFIX.items() if m.entity_id.startswith(p))
            entities[m.entity_id] = Entity(m.entity_id, type_, m.text, romanize(m.text, g))
    return doc.with_(
        mentions=mentions,
        entities=tuple(entities.values()),
        facts=tuple(f for f in doc.facts if f.subject not in gone and f.object not in gone),
    )


def _clitic_chars(word: str, folded: str) -> int:
    """Original characters of a conjunction or preposition glued to a name's first word: before
    the article (``والأمم`` → و، ``للأمم`` → ل) or و/ف before a known name part (``ورائد``)."""
    for n in (3, 2, 1):
        pre = folded[:n]
        if len(folded) > n + 3 and all(c in "وفبلك" for c in pre) and folded[n:].startswith("ال"):
            return folded_prefix_to_original(word, n)
    if folded.startswith("لل") and len(folded) > 4:
        return folded_prefix_to_original(word, 1)
    g = gazetteer()
    if folded[:1] in ("و", "ف") and folded not in g.name_parts and folded[1:] in g.name_parts:
        return folded_prefix_to_original(word, 1)
    return 0
