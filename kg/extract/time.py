"""Dates: absolute (Arabic or Latin digits, Gregorian months in Levantine and Egyptian names,
Hijri dates) and relative (أمس، أمس الأول، الأسبوع الماضي…) against the article date."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.arabic.normalize import fold

MONTHS = {  # folded names
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "ابريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يوليو": 7,
    "اغسطس": 8,
    "سبتمبر": 9,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
    "كانون الثاني": 1,
    "شباط": 2,
    "اذار": 3,
    "نيسان": 4,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "اب": 8,
    "ايلول": 9,
    "تشرين الاول": 10,
    "تشرين الثاني": 11,
    "كانون الاول": 12,
    "جانفي": 1,
    "فيفري": 2,
    "افريل": 4,
    "ماي": 5,
    "جوان": 6,
    "جويليه": 7,
    "اوت": 8,
}
HIJRI_MONTHS = {
    "محرم": 1,
    "صفر": 2,
    "ربيع الاول": 3,
    "ربيع الثاني": 4,
    "ربيع الاخر": 4,
    "جمادي الاولي": 5,
    "جمادي الاخره": 6,
    "جمادي الثانيه": 6,
    "رجب": 7,
    "شعبان": 8,
    "رمضان": 9,
    "شوال": 10,
    "ذو القعده": 11,
    "ذي القعده": 11,
    "ذو الحجه": 12,
    "ذي الحجه": 12,
}
RELATIVE = [  # (folded phrase, days offset); longer phrases first
    ("امس الاول", -2),
    ("اول امس", -2),
    ("امس", -1),
    ("اليوم", 0),
    ("غدا", 1),
    ("الاسبوع الماضي", -7),
    ("الاسبوع المقبل", 7),
    ("الشهر الماضي", -30),
    ("الشهر المقبل", 30),
]
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_MONTH_RE = "|".join(sorted(map(re.escape, list(MONTHS) + list(HIJRI_MONTHS)), key=len, reverse=True))
_ABS = re.compile(rf"(?:^|\s)(\d{{1,2}})\s+(?:من\s+)?({_MONTH_RE})\s+(?:عام\s+|سنه\s+)?(\d{{4}})")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")


def hijri_to_gregorian(y: int, m: int, d: int) -> date:
    """Tabular Islamic calendar (civil epoch): within a day or two of the Umm al-Qura dates."""
    import math

    jd = d + math.ceil(29.5 * (m - 1)) + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948439.5 - 1
    return date.fromordinal(int(jd - 1721424.5))


WEEKDAYS = {
    "الاثنين": 0,
    "الإثنين": 0,
    "الثلاثاء": 1,
    "الأربعاء": 2,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعة": 4,
    "السبت": 5,
    "الأحد": 6,
    "الاحد": 6,
}
_WEEKDAY = {fold(k): v for k, v in WEEKDAYS.items()}


def _weekday(t: str, base: date) -> date | None:
    """``يوم الاثنين الماضي`` / ``الاثنين``: the latest such weekday on or before the article date
    (news reports the past); ``المقبل`` moves it forward."""
    for name, wd in _WEEKDAY.items():
        m = re.search(rf"(?:^|\s|و)(?:يوم\s+)?{name}(\s+(?:الماضي|المقبل|القادم))?(?:\s|$|[،,.])", t)
        if m:
            back = (base.weekday() - wd) % 7
            when = m.group(1) or ""
            if "الماضي" in when and back == 0:
                back = 7
            if "المقبل" in when or "القادم" in when:
                return base + timedelta(days=(wd - base.weekday()) % 7 or 7)
            return base - timedelta(days=back)
    return None


def parse_date(text: str, article_date: str | None = None) -> str | None:
    """The date a sentence speaks of, as YYYY-MM-DD, or None."""
    t = " " + fold(text).translate(_DIGITS)
    m = _ABS.search(t)
    if m:
        day, month, year = int(m.group(1)), m.group(2), int(m.group(3))
        try:
            if month in HIJRI_MONTHS and year < 1600:
                return hijri_to_gregorian(year, HIJRI_MONTHS[month], day).isoformat()
            if month in MONTHS:
                return date(year, MONTHS[month], day).isoformat()
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
        for phrase, shift in RELATIVE:
            if re.search(rf"(?:^|\s|و)(?:{phrase})(?:\s|$|[،,.])", t):
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
