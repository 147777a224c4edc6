"""Events read across an article's sentences: a toll beside a named attack is that attack, an
event without a recipient adds nothing beside the same one with a recipient, and the teaser lines
some outlets append give none."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.lexicon.actors import gazetteer
from kg.model import Document, Event

VIOLENCE = frozenset({"ASSAULT", "COERCE"})  # types whose unnamed author may be named beside


def across_sentences(doc: Document, events: list[Event]) -> list[Event]:
    """The article's events once each sentence's are read against the others."""
    return _outside_teasers(doc, _drop_weaker_duplicates(_drop_unnamed_beside_named(doc, events)))


TEASER_MIN_PARAGRAPHS = 5  # an article this long may end in unrelated teaser lines
TEASER_MIN_LINES = 2  # ... a block of at least this many


def _outside_teasers(doc: Document, events: list[Event]) -> list[Event]:
    """Outlets append unrelated teaser lines to an article (a CNN page ends with three other
    stories): a block of last paragraphs that share no actor with the headline and lead report
    nothing of the article, and their events are dropped."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc.text)]
    if len(paragraphs) < TEASER_MIN_PARAGRAPHS:
        return events

    def actors(a: int, b: int) -> set[str]:
        return {m.entity_id for m in doc.mentions if a <= m.start < b}

    lead = actors(paragraphs[0][0], paragraphs[1][1])
    tail = len(doc.text)
    for a, b in reversed(paragraphs[2:]):
        found = actors(a, b)
        if not found or found & lead:
            break
        tail = a
    unrelated = sum(1 for a, _ in paragraphs if a >= tail)
    if unrelated < TEASER_MIN_LINES:
        return events
    return [e for e in events if e.start < tail]


def _drop_unnamed_beside_named(doc: Document, events: list[Event]) -> list[Event]:
    """A killing or attack whose author is unnamed (the implicit attackers) in a sentence that
    names the author of an attack of the same type is that attack's toll, not a second attack:
    ``قتل عشرات المدنيين في غارات روسية`` is one ASSAULT, Russia's, and the named attack without a
    recipient takes the toll's victims."""
    implicit = {t: g for t, g in gazetteer().implicit_agents.items() if t in VIOLENCE}
    named = {(e.sentence, e.type) for e in events if e.type in implicit and implicit[e.type] not in e.source}
    toll = {(e.sentence, e.type): e.target for e in events if e.source == (implicit.get(e.type),) and e.target}
    return [  # مقتل 4 متشددين في غارة للجيش الأميركي: the army's strike, on the militants the toll counts
        replace(e, target=_victims(doc, e, toll.get((e.sentence, e.type), ())))
        if not e.target and (e.sentence, e.type) in named
        else e
        for e in events
        if not (e.source == (implicit.get(e.type),) and (e.sentence, e.type) in named)
    ]


def _victims(doc: Document, e: Event, counted: tuple[str, ...]) -> tuple[str, ...]:
    """The toll's victims that are not the attack's own side (a state's soldiers killed by its
    strike are no recipient of it: the toll counted the dead of both sides, or of the wrong one)."""
    own = {_state(doc, x) for x in e.source} - {None}
    return tuple(x for x in counted if x not in e.source and _state(doc, x) not in own)


def _state(doc: Document, x: str) -> str | None:
    ent = doc.entity(x)
    return None if ent is None else ent.id if ent.type == "Country" else ent.country


def _drop_weaker_duplicates(events: list[Event]) -> list[Event]:
    """An event without a recipient adds nothing when the article reports the same actor doing
    the same kind of thing to someone (``زيارته`` beside ``زيارة مساهل إلى ليبيا``)."""
    with_target = {(e.type, e.source, e.modality == "negated") for e in events if e.target}
    return [e for e in events if e.target or (e.type, e.source, e.modality == "negated") not in with_target]
