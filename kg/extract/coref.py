"""Coreference: descriptions (``المسؤول الليبي``، ``الوزير``) and pair words (``البلدين``)
resolve to the salient matching entity; each resolved mention records what it resolves to."""

from __future__ import annotations

from collections import Counter

from kg.arabic.clitics import CONJ
from kg.extract.mentions import Coverage
from kg.extract.tokens import sentences
from kg.lexicon.actors import gazetteer
from kg.lexicon.markers import markers
from kg.lexicon.tsv import word_map
from kg.model import Document, Entity, Fact, Mention

APPOSITION_WINDOW = 14


def _strip_conj(w: str) -> str:
    return w[1:] if len(w) > 3 and w[0] in CONJ else w


def _apposition(s, i: int, by_start: dict[int, Mention], ents: dict) -> Mention | None:
    """A named person a few words after the description (``الوزير … عبد القادر مساهل``)."""
    for j in range(i + 1, min(len(s.tokens), i + APPOSITION_WINDOW)):
        if s.tokens[j].text in ".؟!":
            return None
        for off in range(s.tokens[j].start, s.tokens[j].start + 3):
            m = by_start.get(off)
            if m is not None and ents.get(m.entity_id) is not None and ents[m.entity_id].type == "Person":
                return m
    return None


def _fits(e: Entity | None, country: str | None, role_word: str | None) -> bool:
    """Can this person be the one a description names (``المسؤول الليبي``: a Libyan;
    ``الوزير``: a minister)? What the entity does not say does not count against it."""
    if e is None:
        return False
    if country and e.country and e.country != country:
        return False
    return not (role_word and e.role_en and role_word not in e.role_en.lower())


class _Latest:
    """The latest person so far that fits a description. Each (country, role word) remembers
    how far it has looked, so a long article is read once per kind of description, not once
    per description (which grew with the square of its length)."""

    def __init__(self, persons: list[Mention], ents: dict[str, Entity]) -> None:
        self.persons, self.ents = persons, ents
        self.found: dict[tuple[str | None, str | None], tuple[int, Mention | None]] = {}

    def __call__(self, country: str | None, role_word: str | None) -> Mention | None:
        seen, match = self.found.get((country, role_word), (0, None))
        for p in reversed(self.persons[seen:]):  # only those added since the last look
            if _fits(self.ents.get(p.entity_id), country, role_word):
                match = p
                break
        self.found[(country, role_word)] = (len(self.persons), match)
        return match


def resolve(doc: Document) -> Document:
    """Stage: add description and pair mentions with their antecedents."""
    g = gazetteer()
    pair_words = markers()["pair"]
    roles = word_map("description_roles.tsv", "role")  # الوزير → a minister
    by_start = {m.start: m for m in doc.mentions}
    covered = Coverage(len(doc.text), list(doc.mentions))
    ents = {e.id: e for e in doc.entities}
    new: list[Mention] = []
    dropped: set[tuple[int, int]] = set()
    facts: list[Fact] = []
    persons: list[Mention] = []  # in text order, as seen so far
    countries: Counter[str] = Counter()
    mentions = sorted(doc.mentions, key=lambda m: m.start)
    latest = _Latest(persons, ents)
    k = 0
    for s in sentences(doc):
        for i, tok in enumerate(s.tokens):
            while k < len(mentions) and mentions[k].start < tok.start:
                e = ents.get(mentions[k].entity_id)
                if e and e.type == "Person":
                    persons.append(mentions[k])
                if e and e.type == "Country":
                    countries[e.id] += 1
                k += 1
            if tok.start in covered:
                continue
            w = _strip_conj(s.folded[i])
            if w in pair_words and len(countries) >= 2:
                for cid, _ in countries.most_common(2):
                    new.append(Mention(tok.start, tok.end, tok.text, cid, "pair"))
                continue
            if (w,) not in g.titles or not w.startswith("ال"):
                continue
            # a description: title, optionally followed by a nisba (المسؤول الليبي)
            nisba = by_start.get(s.tokens[i + 1].start) if i + 1 < len(s.tokens) else None
            country = None
            if nisba is not None and nisba.kind == "nisba":
                country = nisba.entity_id
            ante = _apposition(s, i, by_start, ents) or latest(country, roles.get(w))
            if ante is None:
                continue
            start = tok.start + (len(tok.text) - len(w) if s.folded[i] != w else 0)
            end = nisba.end if country else tok.end
            new.append(Mention(start, end, doc.text[start:end], ante.entity_id, "description", (ante.start, ante.end)))
            if country:
                dropped.add((nisba.start, nisba.end))
                facts.append(Fact(ante.entity_id, "citizenOf", country, start, end))
            persons.append(new[-1])
    kept = [m for m in doc.mentions if (m.start, m.end) not in dropped]
    return doc.with_(
        mentions=tuple(sorted(kept + new, key=lambda m: (m.start, -m.end))), facts=doc.facts + tuple(facts)
    )
