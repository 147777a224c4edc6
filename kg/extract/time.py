"""Dates: absolute (Arabic or Latin digits, Gregorian months in Levantine and Egyptian names,
Hijri dates) and relative (أمس، أمس الأول، الأسبوع الماضي…) against the article date."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from kg.arabic.normalize import fold
from kg.lexicon.dates import date_words

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")


def hijri_to_gregorian(y: int, m: int, d: int) -> date:
    """Tabular Islamic calendar (civil epoch): within a day or two of the Umm al-Qura dates."""
    import math

    jd = d + math.ceil(29.5 * (m - 1)) + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948439.5 - 1
    return date.fromordinal(int(jd - 1721424.5))


@cache
def _absolute() -> re.Pattern[str]:
    """A day, a month of either calendar and a year: ``2 مارس 2018``، ``12 من رمضان عام 1439``."""
    words = date_words()
    names = "|".join(sorted(map(re.escape, list(words.months) + list(words.hijri_months)), key=len, reverse=True))
    year = "|".join(rf"{w}\s+" for w in words.year)
    return re.compile(rf"(?:^|\s)(\d{{1,2}})\s+(?:من\s+)?({names})\s+(?:{year})?(\d{{4}})")


@cache
def _relative() -> tuple[tuple[re.Pattern[str], int], ...]:
    """Each relative phrase (``أمس``) as a word of the sentence, with its shift in days."""
    return tuple(
        (re.compile(rf"(?:^|\s|و)(?:{phrase})(?:\s|$|[،,.])"), shift) for phrase, shift in date_words().relative
    )


@cache
def _weekdays() -> tuple[tuple[re.Pattern[str], int], ...]:
    """Each weekday's name as a word (after ``يوم``, before ``الماضي``/``المقبل``), with its number."""
    words = date_words()
    after = "|".join(words.past + words.coming)
    return tuple(
        (re.compile(rf"(?:^|\s|و)(?:يوم\s+)?{name}(\s+(?:{after}))?(?:\s|$|[،,.])"), wd)
        for name, wd in words.weekdays.items()
    )


def _weekday(t: str, base: date) -> date | None:
    """``يوم الاثنين الماضي`` / ``الاثنين``: the latest such weekday on or before the article date
    (news reports the past); ``المقبل`` moves it forward."""
    words = date_words()
    for pattern, wd in _weekdays():
        m = pattern.search(t)
        if m:
            back = (base.weekday() - wd) % 7
            when = m.group(1) or ""
            if any(w in when for w in words.past) and back == 0:
                back = 7
            if any(w in when for w in words.coming):
                return base + timedelta(days=(wd - base.weekday()) % 7 or 7)
            return base - timedelta(days=back)
    return None


def parse_date(text: str, article_date: str | None = None) -> str | None:
    """The date a sentence speaks of, as YYYY-MM-DD, or None."""
    t = " " + fold(text).translate(_DIGITS)
    words = date_words()
    m = _absolute().search(t)
    if m:
        day, month, year = int(m.group(1)), m.group(2), int(m.group(3))
        try:
            if month in words.hijri_months and year < 1600:
                return hijri_to_gregorian(year, words.hijri_months[month], day).isoformat()
            if month in words.months:
                return date(year, words.months[month], day).isoformat()
        except ValueError:
            return None
    m = _NUMERIC.search(t)
    if m:
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            pass
    if article_date:
        try:
            base = date.fromisoformat(article_date)
        except ValueError:
            return None
        for pattern, shift in _relative():
            if pattern.search(t):
                return (base + timedelta(days=shift)).isoformat()
        weekday = _weekday(t, base)
        if weekday is not None:
            return weekday.isoformat()
    return None


_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def other_year(text: str, article_date: str | None) -> bool:
    """The sentence names a year other than the article's (``اغتيل عام 1981``، ``في فبراير
    2005``): its events are not of the article's day."""
    years = {int(y) for y in _YEAR.findall(text.translate(_DIGITS))}
    if not years:
        return False
    try:
        return date.fromisoformat(article_date or "").year not in years
    except ValueError:
        return True
