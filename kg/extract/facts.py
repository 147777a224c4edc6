"""Role facts the article and the lexicon state: holdsPosition, memberOf, headOf, capitalOf,
locatedIn, citizenOf (statedBy comes from the event stage)."""

from __future__ import annotations

import re

from kg.arabic.normalize import fold
from kg.lexicon.actors import entry_entity, gazetteer
from kg.model import Document, Entity, Fact, Mention

# "X وعلى رأسه Y" / "برئاسة Y" / "يترأسه Y": Y heads the body mentioned just before.
HEAD_PATTERN = re.compile(r"(?:علي راسه|علي راسها|برئاسه|يتراسه|يتراسها|يقوده|تقوده|بقياده)\s*$")


def role_facts(doc: Document) -> Document:
    """Stage: facts from lexicon knowledge of the entities present and from head-of phrases."""
    g = gazetteer()
    ents: dict[str, Entity] = {e.id: e for e in doc.entities}
    first: dict[str, tuple[int, int]] = {}
    for m in sorted(doc.mentions, key=lambda m: m.start):
        first.setdefault(m.entity_id, (m.start, m.end))
    have = {(f.subject, f.predicate) for f in doc.facts}
    facts: list[Fact] = []

    def add(subject: str, predicate: str, obj: str) -> None:
        if (subject, predicate) in have or subject == obj:
            return
        have.add((subject, predicate))
        a, b = first.get(subject, (0, 0))
        facts.append(Fact(subject, predicate, obj, a, b))
        if predicate != "holdsPosition" and obj not in ents and obj in g.entries:
            ents[obj] = entry_entity(g.entries[obj])

    for e in list(ents.values()):
        entry = g.entries.get(e.id)
        if e.type == "Person":
            if e.role_en:
                add(e.id, "holdsPosition", e.role_en)
            if e.country:
                add(e.id, "citizenOf", e.country)
            if entry and entry.org:
                add(e.id, "memberOf", entry.org)
        elif e.type == "Place" and entry is not None:
            if entry.capital_of:
                add(e.id, "capitalOf", entry.capital_of)
            elif entry.country:
                add(e.id, "locatedIn", entry.country)
        elif e.type == "Organization" and e.country:
            add(e.id, "locatedIn", e.country)
    # head-of phrases: the person right after "على رأسه" heads the last organization before
    org: Mention | None = None  # the last organization mentioned so far
    for m in sorted(doc.mentions, key=lambda m: m.start):
        e = ents.get(m.entity_id)
        if e is not None and e.type == "Person" and org is not None:
            window = fold(doc.text[max(0, m.start - 20) : m.start]).replace('"', " ").strip()
            if HEAD_PATTERN.search(window):
                facts.append(Fact(m.entity_id, "headOf", org.entity_id, m.start, m.end))
        if e is not None and e.type == "Organization":
            org = m
    return doc.with_(facts=doc.facts + tuple(facts), entities=tuple(ents.values()))
