"""The mention stage: actors and places in the text, the entities they refer to, and the role
facts titles state.

Names the lexicon knows come first (``gazetteer_match``: with clitics split by the lexicon,
nisba adjectives, glued tokens), then generic groups take their nationality and cities their
clubs (``organizations``), then people found by rule (``people``: after a title, a given name, a
verb of saying or a nationality), organizations after their introducing noun and in datelines,
and surnames or full names found again. A place inside a person's name is part of the name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from itertools import accumulate

from kg.arabic.clitics import proclitic_readings
from kg.arabic.normalize import fold, fold_names
from kg.extract.gazetteer_match import gazetteer_mentions
from kg.extract.offices import leaders_governments
from kg.extract.organizations import (
    adjective_groups,
    clubs_from_cities,
    compose_groups,
    dateline_mentions,
    org_head_mentions,
)
from kg.extract.people import (
    Described,
    described,
    given_name_mentions,
    nisba_person_mentions,
    short_name_mentions,
    speaker_mentions,
    title_person_mentions,
)
from kg.lexicon.actors import SURNAME, Gazetteer, entry_entity, gazetteer
from kg.lexicon.markers import name_words
from kg.model import Document, Entity, Fact, Mention

NAME_KINDS = frozenset({"title", "given-name", "speaker", "nisba-name"})  # mentions a name rule found
_CLAN = re.compile(r"[ \t]+آل[ \t]+([\u0621-\u064A]{2,15})")
_NEXT_WORD = re.compile(r"[ \t]+([\u0621-\u064A]{2,15})(?![\u0621-\u064A])")


def _names_a_person(m: Mention, g: Gazetteer) -> bool:
    """A person's name: found by a name rule, or a lexicon person's name form."""
    e = g.entries.get(m.entity_id)
    return m.kind in NAME_KINDS or (e is not None and e.type == "Person" and m.kind == "name")


def _clan_end(text: str, end: int) -> int:
    """Where a family named after ``end`` ends: آل and its name, after any links of the nasab
    (بن عبدالعزيز آل سعود); ``end`` itself when none follows."""
    links = name_words()["connector"]
    at = end
    while (word := _NEXT_WORD.match(text, at)) and (name := _NEXT_WORD.match(text, word.end())):
        if fold(word.group(1)) not in links:
            break
        at = name.end()
        if _CLAN.match(text, word.start()):
            return at
    return end


def _with_clan(text: str, mentions: Sequence[Mention], g: Gazetteer) -> list[Mention]:
    """A person's name goes on over the family that follows it: تميم بن حمد [آل ثاني], محمد بن
    سلمان [بن عبدالعزيز آل سعود]."""
    out = []
    for m in mentions:
        end = _clan_end(text, m.end) if _names_a_person(m, g) else m.end
        if end > m.end:
            m = Mention(m.start, end, text[m.start : end], m.entity_id, m.kind, m.antecedent)
        out.append(m)
    return out


def _drop_inside_names(mentions: list[Mention], g: Gazetteer) -> list[Mention]:
    """A place or nationality inside a person's name (أبو غزة، محمد الكندي) is part of the name;
    a name found by a rule inside a known person's name (تميم بن حمد in الشيخ تميم بن حمد) is
    that person. One sorted pass: a mention is inside when a name starting before it reaches
    its end, or a longer name starts where it starts."""
    names = sorted({(m.start, m.end) for m in mentions if _names_a_person(m, g)})
    if not names:
        return mentions
    starts = [a for a, _ in names]
    reach = list(accumulate((b for _, b in names), max))  # the furthest end of a name starting so far
    longest = dict(names)  # start -> the furthest end of a name starting there (sorted: the last wins)

    def inside(m: Mention) -> bool:
        before = bisect_left(starts, m.start)  # names[:before] start before m
        return (before > 0 and reach[before - 1] >= m.end) or longest.get(m.start, -1) > m.end

    return [m for m in mentions if not inside(m)]


def _own_surnames(mentions: Sequence[Mention], people: Sequence[Mention], g: Gazetteer) -> list[Mention]:
    """A lexicon person's surname alone goes to the person of this article who bears it
    (``رايس`` after ``كوندوليزا رايس`` is Condoleezza, not the lexicon's Susan Rice)."""
    own: dict[str, str] = {}
    for m in people:
        words = fold_names(m.text).split()
        if len(words) >= 2:
            own.setdefault(words[-1], m.entity_id)
    if not own:
        return list(mentions)
    out = []
    for m in mentions:
        e = g.entries.get(m.entity_id)
        words = fold_names(m.text).split()
        if (
            e is not None
            and e.type == "Person"
            and len(words) == 1
            and (len(e.label_ar.split()) > 1 or e.key.startswith(SURNAME))
        ):
            for _pre, rest in proclitic_readings(words[0])[:2]:
                if rest in own and own[rest] != m.entity_id:
                    m = Mention(m.start, m.end, m.text, own[rest], "short-name")
                    break
        out.append(m)
    return out


def _given_alone(mentions: Sequence[Mention], people: Sequence[Mention], g: Gazetteer) -> list[Mention]:
    """A given name alone that a rule took for a person (وأكد سلمان، الأمير فهد) is the one
    person of the article whose full name begins with it (الملك سلمان بن عبد العزيز), when
    there is exactly one; with none or several it stays as found."""
    by_given: dict[str, set[str]] = {}
    for m in people:
        e = g.entries.get(m.entity_id)
        words = [w for w in fold_names(e.label_ar if e else m.text).split() if w not in g.title_words]
        if len(words) >= 2 and (words[0],) in g.given_names:
            by_given.setdefault(words[0], set()).add(m.entity_id)
    out = []
    for m in mentions:
        words = fold_names(m.text).split()
        if m.kind in NAME_KINDS and len(words) == 1 and m.entity_id not in g.entries:
            for _pre, rest in proclitic_readings(words[0])[:2]:
                ids = by_given.get(rest, set()) - {m.entity_id}
                if (rest,) in g.given_names and len(ids) == 1:
                    m = Mention(m.start, m.end, m.text, ids.pop(), "short-name")
                    break
        out.append(m)
    return out


def _found_by_rule(doc: Document, g: Gazetteer, known: list[Mention]) -> tuple[list[Mention], dict[str, Described]]:
    """Mentions found by rule besides the lexicon's, each rule after the ones it must not
    overlap, and what the text says of each entity they found."""
    people, info = title_person_mentions(doc, g, known)
    given = given_name_mentions(doc, g, known + people)
    given += speaker_mentions(doc, g, known + people + given)
    for m in given:
        said = described(m.text, g)  # a speaker named after a head noun is an organization
        info.setdefault(m.entity_id, Described(**said, type="Organization") if m.kind == "org-head" else said)
    nationals, by_nisba = nisba_person_mentions(doc, g, known + people + given)
    for k, d in by_nisba.items():
        info.setdefault(k, d)
    given += nationals
    orgs = org_head_mentions(doc, g, known + people + given)
    orgs += dateline_mentions(doc, g, known + people + given + orgs)
    for m in orgs:
        info.setdefault(m.entity_id, Described(**described(m.text, g), type="Organization"))
    found = known + people + given + orgs
    named = people + given + [m for m in known if m.entity_id in g.entries and g.entries[m.entity_id].type == "Person"]
    short = short_name_mentions(doc, named, found)
    mentions = _own_surnames(sorted(found + short, key=lambda m: (m.start, -m.end)), named, g)
    mentions = _given_alone(mentions, named, g)
    return _drop_inside_names(_with_clan(doc.text, mentions, g), g), info


def _entities(
    mentions: Sequence[Mention], composed: Mapping[str, Entity], info: Mapping[str, Described], g: Gazetteer
) -> dict[str, Entity]:
    """The entity of each mention, in the order they are first mentioned (a group with a
    nationality brings its country)."""
    entities: dict[str, Entity] = {}
    for m in mentions:
        key = m.entity_id
        if key in entities:
            continue
        if key in composed:
            entities[key] = composed[key]
            country = composed[key].country
            if country:
                entities.setdefault(country, entry_entity(g.entries[country]))
        elif key in g.entries:
            entities[key] = entry_entity(g.entries[key])
        else:
            d = info[key]
            entities[key] = Entity(
                key,
                d.get("type", "Person"),
                d["label_ar"],
                d["label_en"],
                None,
                country=d.get("country"),
                role_en=d.get("role_en"),
            )
    return entities


def _title_facts(info: Mapping[str, Described], entities: dict[str, Entity], g: Gazetteer) -> list[Fact]:
    """What a title says of the person after it: holdsPosition, citizenOf, memberOf (the
    country and organization join the entities)."""
    facts = []
    for key, d in info.items():
        if "title_span" not in d:
            continue
        a, b = d["title_span"]
        facts.append(Fact(key, "holdsPosition", d["role_en"], a, b, "article"))
        if d.get("country"):
            facts.append(Fact(key, "citizenOf", d["country"], a, b))
            entities.setdefault(d["country"], entry_entity(g.entries[d["country"]]))
        if d.get("org"):
            facts.append(Fact(key, "memberOf", d["org"], a, b))
            entities.setdefault(d["org"], entry_entity(g.entries[d["org"]]))
    return facts


def find_mentions(doc: Document) -> Document:
    """Stage: gazetteer and rule mentions, the entities they refer to, and the role facts
    their titles state (holdsPosition, citizenOf, memberOf)."""
    g = gazetteer()
    known, composed = compose_groups(doc.text, adjective_groups(doc.text, gazetteer_mentions(doc, g), g), g)
    known, clubs = clubs_from_cities(doc, known, g)
    composed.update(clubs)
    mentions, info = _found_by_rule(doc, g, known)
    mentions = leaders_governments(doc, mentions, g)
    entities = _entities(mentions, composed, info, g)
    facts = _title_facts(info, entities, g)
    return doc.with_(mentions=tuple(mentions), entities=tuple(entities.values()), facts=doc.facts + tuple(facts))
