"""Words of dates (``dates.tsv``): month names of both calendars, days named relative to the
article's date, weekdays, and the words around them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.arabic.normalize import fold
from kg.errors import LexiconError
from kg.lexicon.tsv import read_rows

KINDS = (
    "month",
    "hijri_month",
    "relative",
    "weekday",
    "past",
    "coming",
    "year",
    "since",
    "at_year",
    "start",
    "superlative",
    "period",
    "duration",
)
NUMBERED = ("month", "hijri_month", "relative", "weekday")  # kinds whose value is a number


@dataclass(frozen=True)
class DateWords:
    """Folded words of dates, in the file's order."""

    months: dict[str, int]  # Gregorian month -> 1..12
    hijri_months: dict[str, int]  # Islamic month -> 1..12
    relative: tuple[tuple[str, int], ...]  # (phrase, days from the article's date), longer first
    weekdays: dict[str, int]  # weekday -> Monday 0 … Sunday 6
    past: tuple[str, ...]  # after a weekday: the last one (الماضي)
    coming: tuple[str, ...]  # after a weekday: the next one (المقبل)
    year: tuple[str, ...]  # the word before a year (عام)
    since: tuple[str, ...]  # a span up to now starts (منذ)
    at_year: tuple[str, ...]  # may stand before a year's number (في، صيف)
    start: tuple[str, ...]  # after منذ: the start of a span (بدء، اندلاع)
    superlative: tuple[str, ...]  # before منذ: ranks one act against the span (الأعنف)
    period: tuple[str, ...]  # after منذ بداية: a span of the calendar (الشهر)
    duration: tuple[str, ...]  # after منذ and a number: years (عاما)


@cache
def date_words() -> DateWords:
    """The date words, read once per process."""
    by_kind: dict[str, list[tuple[str, int]]] = {k: [] for k in KINDS}
    for r in read_rows("dates.tsv", ("word", "kind", "value"), ("word", "kind")):
        if r["kind"] not in by_kind:
            raise LexiconError(f"{r['_line']}: kind '{r['kind']}' is not one of {', '.join(KINDS)}")
        value = 0
        if r["kind"] in NUMBERED:
            try:
                value = int(r["value"])
            except ValueError:
                raise LexiconError(f"{r['_line']}: value '{r['value']}' of a {r['kind']} is not a number") from None
        by_kind[r["kind"]].append((" ".join(fold(r["word"]).split()), value))
    return DateWords(
        months=dict(by_kind["month"]),
        hijri_months=dict(by_kind["hijri_month"]),
        relative=tuple(by_kind["relative"]),
        weekdays=dict(by_kind["weekday"]),
        past=tuple(w for w, _ in by_kind["past"]),
        coming=tuple(w for w, _ in by_kind["coming"]),
        year=tuple(w for w, _ in by_kind["year"]),
        since=tuple(w for w, _ in by_kind["since"]),
        at_year=tuple(w for w, _ in by_kind["at_year"]),
        start=tuple(w for w, _ in by_kind["start"]),
        superlative=tuple(w for w, _ in by_kind["superlative"]),
        period=tuple(w for w, _ in by_kind["period"]),
        duration=tuple(w for w, _ in by_kind["duration"]),
    )
