"""Roles in time: each person's position on the article's date, and the titles the article states.

A title the article puts before a person's name is what the article says they are, and wins:
``ولي ولي العهد الأمير محمد بن سلمان`` in 2015 is the deputy crown prince, whatever the lexicon
says today. Otherwise the reference data (dated positions) and the lexicon give the position
valid on the article's date (``kg.lexicon.positions``); with no date, only a person's one and
only position. ``الرئيس اليمني السابق`` is a former president: no position held. Every
``holdsPosition`` fact says where it came from (``origin``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import cast

from kg.arabic.clitics import proclitic_readings
from kg.extract.tokens import Sentence, sentences, word_memo
from kg.lexicon.actors import SURNAME, Gazetteer, Title, gazetteer
from kg.lexicon.markers import marker_phrases, markers
from kg.lexicon.positions import held_on, rank
from kg.model import Document, Entity, Fact, Mention

CHAIN = 12  # tokens before a name that may still belong to its titles
# Titles that are ranks or forms of address, not offices: they go with an office (الأمير in
# ولي العهد الأمير محمد) but do not replace the one the reference data knows.
RANKS = {"Prince", "Princess", "Ayatollah", "Grand Ayatollah", "Hojatoleslam"}
NOT_OFFICES = {"honorific"}


@dataclass(frozen=True)
class Stated:
    role: str
    start: int  # the title's span in the text
    end: int
    former: bool = False


def _title_ending_at(g: Gazetteer, s: Sentence, end: int) -> tuple[int, Title, bool] | None:
    """The longest title whose last token is ``end - 1``: (its first token, the title, whether it
    is another's: with ل after a word of the chain, ``النائب الثاني لرئيس مجلس الوزراء``)."""
    for j in range(max(0, end - 6), end):
        for pre, rest in proclitic_readings(s.folded[j]):
            if rest in g.title_words and ((rest,) + s.folded[j + 1 : end]) in g.titles:
                owned = (
                    pre.endswith("ل")
                    and j > 0
                    and (s.folded[j - 1] in g.title_vocab or s.folded[j - 1] in markers()["title_link"])
                )
                return j, g.titles[(rest,) + s.folded[j + 1 : end]], owned
    return None


def _office(t: Title) -> bool:
    return t.kind not in NOT_OFFICES and t.role_en not in RANKS


def _rank_roles(g: Gazetteer) -> frozenset[str]:
    """The roles of the titles that are no office (Prince, Sheikh), worked out once per
    gazetteer rather than over its hundreds of titles for every article."""
    memo = word_memo("roles-rank-roles", g, limit=None)
    if not memo:
        memo[""] = frozenset(t.role_en for t in g.titles.values() if not _office(t))
    return cast(frozenset[str], memo[""])


def stated_titles(doc: Document, g: Gazetteer, s: Sentence, k: int, covering: dict[int, Mention]) -> list[Stated]:
    """The offices stated in the chain of titles and complements right before token ``k``:
    titles, ranks, nisba and country or organization names, definite words (``الشؤون
    المغاربية``), a comma of apposition and former-markers (``السابق``), which make the title
    they follow a former one."""
    former_words = markers()["former"]
    former_pairs = {p for p in marker_phrases()["former"] if len(p) == 2}
    out: list[Stated] = []
    pos, former = k, False
    if pos > 0 and s.tokens[pos - 1].text in "،,":
        pos -= 1
    while pos > 0 and k - pos <= CHAIN:
        hit = _title_ending_at(g, s, pos)
        if hit is not None:
            j, title, owned = hit
            if _office(title) and not owned:
                out.append(Stated(title.role_en, s.tokens[j].start, s.tokens[pos - 1].end, former))
            former = False
            pos = j
            continue
        w = s.folded[pos - 1]
        m = covering.get(s.tokens[pos - 1].start)
        if m is not None:
            e = doc.entity(m.entity_id)
            if e is None or e.type == "Person" or m.kind not in ("name", "nisba"):
                break
            pos -= 1
            while pos > 0 and s.tokens[pos - 1].end > m.start:
                pos -= 1
            continue
        if w in former_words or w.lstrip("و") in former_words:
            former = True
            pos -= 1
            continue
        if pos >= 2 and (s.folded[pos - 2], w) in former_pairs:
            former = True
            pos -= 2
            continue
        if w.startswith(("ال", "وال")) and len(w) > 3:
            pos -= 1  # a complement of the title: وزير الشؤون المغاربية، رئيس المجلس الرئاسي
            continue
        break
    return out


def _token_at(views: list[Sentence]) -> tuple[list[int], list[int]]:
    """Token starts in text order, and where each sentence's tokens begin among them."""
    starts = [t.start for s in views for t in s.tokens]
    firsts, n = [], 0
    for s in views:
        firsts.append(n)
        n += len(s.tokens)
    return starts, firsts


def _where(views: list[Sentence], firsts: list[int], x: int) -> tuple[Sentence, int]:
    """The sentence of the ``x``-th token of the text and the token's index in it (a sentence
    without tokens begins where the next one does, so the last to begin at or before ``x``
    holds it)."""
    j = bisect_right(firsts, x) - 1
    return views[j], x - firsts[j]


def _covering(doc: Document, starts: list[int]) -> dict[int, Mention]:
    """The mention each token lies in, by token start (every token of a multi-word name)."""
    out: dict[int, Mention] = {}
    for m in doc.mentions:
        i = max(0, bisect_right(starts, m.start) - 1)
        while i < len(starts) and starts[i] < m.end:
            out.setdefault(starts[i], m)
            i += 1
    return out


def place_in_time(doc: Document) -> Document:
    """Stage: each person's ``role_en`` and ``holdsPosition`` facts for the article's date."""
    if not any(e.type == "Person" for e in doc.entities):
        return doc
    g = gazetteer()
    views = sentences(doc)
    starts, firsts = _token_at(views)
    covering = _covering(doc, starts)
    stated: dict[str, list[Stated]] = {}
    first: dict[str, tuple[int, int]] = {}
    for m in sorted(doc.mentions, key=lambda m: m.start):
        e = doc.entity(m.entity_id)
        if e is None or e.type != "Person" or not starts:
            continue
        first.setdefault(e.id, (m.start, m.end))
        s, k = _where(views, firsts, max(0, bisect_right(starts, m.start) - 1))
        stated.setdefault(e.id, []).extend(stated_titles(doc, g, s, k, covering))
    facts: list[Fact] = []
    placed: set[str] = set()  # people whose holdsPosition facts this stage decides
    entities: list[Entity] = []
    for e in doc.entities:
        entry = g.entries.get(e.id)
        said = stated.get(e.id, [])
        if e.type != "Person" or e.id.startswith(SURNAME) or (entry is None and not said):
            entities.append(e)  # an unknown person the title rule placed, or no person at all
            continue
        placed.add(e.id)
        current = sorted((x for x in said if not x.former), key=lambda x: rank(x.role))
        known = held_on(entry, doc.date) if entry is not None else []
        a, b = first[e.id]
        seen: set[str] = set()
        for x in current:
            if x.role not in seen:
                seen.add(x.role)
                facts.append(Fact(e.id, "holdsPosition", x.role, x.start, x.end, "article"))
        for h in known:
            if h.role not in seen:
                seen.add(h.role)
                facts.append(Fact(e.id, "holdsPosition", h.role, a, b, h.origin, h.source, h.start, h.end))
        role = current[0].role if current else known[0].role if known else "former " + said[0].role if said else None
        entities.append(e if role == e.role_en else replace(e, role_en=role))
    ids = {e.id for e in doc.entities}
    ranks = _rank_roles(g)
    kept = [
        replace(f, origin="article") if f.predicate == "holdsPosition" and f.origin is None else f
        for f in doc.facts
        if not (f.predicate == "holdsPosition" and (f.subject in placed or f.subject not in ids or f.object in ranks))
    ]  # the title rule's facts (stated in the text) stay for the people this stage left alone,
    # not for a name another mention then took (الأمير محمد بن سلمان), nor a rank (Prince, Sheikh)
    entities = [replace(e, role_en=None) if e.id not in placed and e.role_en in ranks else e for e in entities]
    return doc.with_(entities=tuple(entities), facts=tuple(kept) + tuple(facts))
