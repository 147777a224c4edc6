"""Positions in time: which office a known person held on a given day.

Dated positions come from the Wikidata import (``positions.tsv``: position, start, end, source
per lexicon id); the curated lexicon adds its own roles with years in office. The role of an
article is the one valid on the article's date (a 2015 article does not make Mohammed bin
Salman crown prince: he became it in 2017); a title the article states wins over both (see
``kg.extract.roles``). Without a date only a person with one position ever gets it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import LexiconError
from kg.lexicon.actors import ActorEntry, gazetteer
from kg.lexicon.tsv import read_rows, split

POSITION_COLUMNS = ("wikidata", "id", "position", "start", "end", "source")
CURATED = "positions_curated.tsv"  # dated positions the reference lacks, written from public facts
_WHEN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Held:
    """A position held: its English label, where kg knows it from and, for the reference data,
    the list it comes from and its dates."""

    role: str
    origin: str  # wikidata | lexicon
    source: str | None = None
    start: str | None = None
    end: str | None = None


def _bounds(value: str, last: bool) -> str:
    """An ISO date from a full or partial one: ``2019`` is 2019-01-01 as a start and 2019-12-31
    as an end (a partial date is read in the person's favour)."""
    if len(value) == 10:
        return value
    if len(value) == 7:
        return value + ("-31" if last else "-01")
    return value + ("-12-31" if last else "-01-01")


@lru_cache(maxsize=1)
def positions() -> dict[str, tuple[Held, ...]]:
    """Dated positions by lexicon id: the reference's (``positions.tsv``) and the few the lexicon
    writes from public facts (``positions_curated.tsv``), read once per process (and kept between
    runs, ``kg.lexicon.cache``)."""
    from kg.lexicon.cache import cached

    return cached("positions", _read_positions, dict)


def _read_positions() -> dict[str, tuple[Held, ...]]:
    out: dict[str, list[Held]] = {}
    for r in read_rows("positions.tsv", POSITION_COLUMNS, ("wikidata", "id", "position", "source")):
        _check_dates(r)
        held = Held(r["position"], "wikidata", r["source"], r["start"] or None, r["end"] or None)
        out.setdefault(r["id"], []).append(held)
    for r in read_rows(CURATED, ("id", "position", "start", "end"), ("id", "position", "start")):
        _check_dates(r)
        out.setdefault(r["id"], []).append(Held(r["position"], "lexicon", CURATED, r["start"], r["end"] or None))
    return {k: tuple(v) for k, v in out.items()}


def _check_dates(r: dict[str, str]) -> None:
    """A position's start and end are dates (2015-01-23, 2015-01 or 2015) or empty."""
    for col in ("start", "end"):
        if r[col] and not _WHEN.match(r[col]):
            raise LexiconError(f"{r['_line']}: {col} '{r[col]}' is not a date like 2015-01-23, 2015-01 or 2015")


def valid_on(h: Held, day: str) -> bool:
    """Was the position held on ``day`` (ISO date)? An open end runs on; a position with neither
    start nor end is never known to be valid."""
    if not h.start and not h.end:
        return False
    return (not h.start or _bounds(h.start, False) <= day) and (not h.end or day <= _bounds(h.end, True))


def _key(role: str) -> str:
    return " ".join(role.lower().split())


@lru_cache(maxsize=1)
def _ranks() -> tuple[str, ...]:
    return tuple(_key(w) for w in _ordered("position_ranks.tsv"))


def _ordered(name: str) -> list[str]:
    """The entries of a one-column list in file order (``word_set`` keeps no order)."""
    return [r["word"] for r in read_rows(name, ("word",), ("word",))]


def rank(role: str, curated: tuple[str, ...] = ()) -> tuple[int, int]:
    """Sort key of a role among several valid at once: the lexicon's own order first, then the
    seniority list (``position_ranks.tsv``: King before Prime Minister before a minister)."""
    k = _key(role)
    mine = [_key(r) for r in curated]
    if k in mine:
        return (0, mine.index(k))
    ranks = _ranks()
    for i, r in enumerate(ranks):
        if k == r or k.startswith(r + " "):
            return (1, i)
    return (2, 0)


def _lexicon_valid(entry: ActorEntry, day: str | None) -> bool:
    """The lexicon's main role on ``day``: within its years in office; a role with no years (a
    profession: footballer, novelist) holds at any time."""
    if not entry.start and not entry.end:
        return True
    if day is None:
        return False
    year = day[:4]
    return (not entry.start or entry.start[:4] <= year) and (not entry.end or year <= entry.end[:4])


def held_on(entry: ActorEntry, day: str | None) -> list[Held]:
    """The positions ``entry`` held on ``day`` (ISO date, or None when the article has none),
    the main one first.

    With a date: the reference positions valid that day; the lexicon's main role too when its
    years cover the day and the reference does not date that office itself. Without a date: a
    person's only position, when they have exactly one, else nothing.
    """
    ref = positions().get(entry.key, ())
    covered = {_key(h.role) for h in ref}
    main = entry.roles[0] if entry.roles else entry.role_en
    if day is None:
        roles = {_key(h.role) for h in ref} | {_key(r) for r in entry.roles}
        if len(roles) != 1:
            return []
        if ref:
            return [ref[0]]
        return [Held(main, "lexicon")] if main else []
    out: dict[str, Held] = {}
    for h in sorted((h for h in ref if valid_on(h, day)), key=lambda h: (h.start or "", h.end or "9999")):
        out.setdefault(_key(h.role), h)  # two spells of one office on the same day: the earlier start
    if main and _key(main) not in covered and _key(main) not in out and _lexicon_valid(entry, day):
        out[_key(main)] = Held(main, "lexicon")
    return sorted(out.values(), key=lambda h: rank(h.role, entry.roles))


@lru_cache(maxsize=1)
def _by_office() -> dict[tuple[str, str], tuple[tuple[str, Held], ...]]:
    """(country key, position label) -> (lexicon id, position) of the reference data."""
    g = gazetteer()
    out: dict[tuple[str, str], list[tuple[str, Held]]] = {}
    for key, held in positions().items():
        entry = g.entries.get(key)
        if entry is None or not entry.country:
            continue
        for h in held:
            out.setdefault((entry.country, _key(h.role)), []).append((key, h))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _office_names() -> dict[tuple[str, str], tuple[str, ...]]:
    """(country, title role) -> the country's labels of that office (``office_names.tsv``)."""
    rows = read_rows("office_names.tsv", ("country", "role", "offices"), ("country", "role", "offices"))
    return {(r["country"], _key(r["role"])): tuple(split(r["offices"])) for r in rows}


def office_names(country: str, role: str) -> tuple[str, ...]:
    """What ``country`` calls the office a title names (``وزير الخارجية الأمريكي``: the Secretary
    of State); the role itself where the file says nothing."""
    return _office_names().get((country, _key(role)), (role,))


def generic_role(country: str, office: str) -> str:
    """The title's role of what ``country`` calls ``office`` (the US Secretary of State: Minister
    of Foreign Affairs), the office itself where office_names.tsv says nothing."""
    key = _key(office)
    return next(
        (role for (c, role), names in _office_names().items() if c == country and key in map(_key, names)), office
    )


def holder_on(country: str, role: str, day: str | None) -> str | None:
    """The one known person who held ``role`` (a position label such as President, or a title's
    role the country names otherwise: ``office_names``) for ``country`` on ``day``: ``الرئيس
    اليمني`` in 2015 is Hadi. None when no date, nobody or several held it (two spells of one
    person count once)."""
    if day is None:
        return None
    offices = {_key(r) for r in office_names(country, role)}
    keys = {key for o in offices for key, h in _by_office().get((country, o), ()) if valid_on(h, day)}
    return next(iter(keys)) if len(keys) == 1 else None
