"""Dates: absolute (Arabic or Latin digits, Gregorian months in Levantine and Egyptian names,
Hijri dates) and relative (أمس، أمس الأول، الأسبوع الماضي…) against the article date."""

from __future__ import annotations

import re
from collections.abc import Sequence
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


SINCE_REACH = 3  # words before a year where منذ makes it the start of a span (منذ بدء الحرب عام 2011)
YEAR_REACH = 15  # words between an act and the year that dates it
OPENING = 4  # the first words of a sentence, where a date frames all it tells (- عام 1982، تم اختطاف …)
RECENT_DAYS = 62  # a full date this close before the article's is news, even of last year (30 ديسمبر 2017)


@cache
def _before_year() -> frozenset[str]:
    """Words that may stand right before a year's number: a month's (last) word, عام, في."""
    words = date_words()
    months = (m.split()[-1] for m in (*words.months, *words.hijri_months))
    return frozenset((*months, *words.year, *("ال" + w for w in words.year), *words.at_year, *words.since))


def _years(words: Sequence[str], at: int) -> list[int]:
    """The years near word ``at`` or opening the sentence that date an act (not the start of a
    span after منذ, not a count like ``2000 طفل``: a year follows a month, عام, في or another year)."""
    since, before = date_words().since, _before_year()
    found: list[int] = []
    near = range(max(0, at - YEAR_REACH), min(len(words), at + YEAR_REACH + 1))
    for i in sorted({*range(min(OPENING, len(words))), *near}):  # عام 1982، …: an opening date dates it all
        m = _YEAR.fullmatch(words[i].translate(_DIGITS).lstrip("و"))
        glued = next((w for w in since if words[i].startswith(w) and words[i][len(w) :].isdigit()), None)
        if glued or m is None:
            continue
        prev = words[i - 1].removeprefix("و") if i else ""
        if not (prev in before or (found and i and _YEAR.fullmatch(prev))):
            continue
        if any(v.removeprefix("و") in since for v in words[max(0, i - SINCE_REACH) : i]):
            continue
        found.append(int(m.group(1)))
    return found


def looks_back(words: Sequence[str], at: int, article_date: str | None) -> bool:
    """Does the sentence (folded ``words``) date the act at word ``at`` to an earlier year
    (``عام 1983، قام …``, ``في 2012، هوجمت``)? News of the day names its day, not its year; a
    year after ``منذ`` opens a span up to now and dates nothing. A full date within two months
    before the article is still news. Without the article's date, a year alone (or a month and
    year) looks back, a full date cannot tell."""
    years = _years(words, at)
    if not years:
        return False
    full = parse_date(" ".join(words[max(0, at - YEAR_REACH) : at + YEAR_REACH + 1]))
    try:
        today = date.fromisoformat(article_date or "")
    except ValueError:
        return full is None
    if full is not None and 0 <= (today - date.fromisoformat(full)).days <= RECENT_DAYS:
        return False
    return all(y < today.year for y in years)


TOLL_REACH = 10  # words between a count of harm and the منذ بدء … that makes it a toll


def _a_year(words: Sequence[str]) -> bool:
    """Do ``words`` (after منذ) name a year: ``2014``، ``عام 2014``، ``العام 2014``?"""
    year = date_words().year
    if words and words[0].removeprefix("ال") in year:
        words = words[1:]
    return bool(words) and _YEAR.fullmatch(words[0].translate(_DIGITS)) is not None


def since_start(words: Sequence[str], at: int, stops: Sequence[bool]) -> bool:
    """Is the act at word ``at`` counted since a start or over years (``قتل 10 آلاف شخص منذ تدخل
    التحالف``، ``في التمرد المستمر منذ أكثر من 30 عاما``، ``ومنذ بدء الهجوم قتل 1435 مدنيا``), in its
    clause (``stops``: where a clause ends)? A toll over
    a span is no one act; one ranked against the span is (``الأعنف منذ بدء الهجوم``), and so are
    clashes since the start of a month (``منذ بداية الشهر الجاري``): they go on."""
    dw = date_words()
    for step in (-1, 1):
        k = at + step
        while 0 <= k < len(words) - 1 and abs(k - at) <= TOLL_REACH and not stops[k]:
            if words[k].removeprefix("و") in dw.since:
                ranked = any(w in dw.superlative for w in words[max(0, k - 3) : k])  # الأعنف منذ: still one act
                if any(w in dw.duration for w in words[k + 1 : k + 5]):
                    return not ranked  # منذ أكثر من 30 عاما
                if words[k + 1] in dw.start:
                    calendar = k + 2 < len(words) and words[k + 2] in dw.period  # منذ بداية الشهر: fighting goes on
                    return not calendar and not ranked
                joined = step < 0 and any(w.startswith("و") for w in words[k + 2 : at])  # منذ 2013 ويواجهون قصفا
                if _a_year(words[k + 1 : k + 3]) and not joined:
                    return not ranked  # أعدمت 600 شخص منذ العام 2014: a toll over years
            k += step
    return False
