"""Role facts the article and the lexicon state: memberOf, headOf, capitalOf, locatedIn,
citizenOf (holdsPosition comes from the roles stage, statedBy from the event stage)."""

from __future__ import annotations

import re
from functools import cache

from kg.arabic.normalize import fold
from kg.lexicon.actors import entry_entity, gazetteer
from kg.lexicon.markers import marker_phrases, markers
from kg.model import Document, Entity, Fact, Mention


@cache
def _head_of() -> re.Pattern[str]:
    """``X وعلى رأسه Y``، ``برئاسة Y``، ``يترأسه Y`` (markers.tsv, head_of) just before a person:
    Y heads the body mentioned before."""
    words = sorted(markers()["head_of"] | {" ".join(p) for p in marker_phrases()["head_of"]})
    return re.compile(rf"(?:{'|'.join(map(re.escape, words))})\s*$")


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
        if e.type == "Person":  # holdsPosition: the roles stage, for the article's date
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
        kind = ents[m.entity_id].type if m.entity_id in ents else None
        if kind == "Person" and org is not None:
            window = fold(doc.text[max(0, m.start - 20) : m.start]).replace('"', " ").strip()
            if _head_of().search(window):
                facts.append(Fact(m.entity_id, "headOf", org.entity_id, m.start, m.end))
        if kind == "Organization":
            org = m
    return doc.with_(facts=doc.facts + tuple(facts), entities=tuple(ents.values()))
