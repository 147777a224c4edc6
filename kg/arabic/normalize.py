"""Orthographic normalization for matching, keeping a map back to original offsets.

Matching keys fold what Arabic news spells inconsistently: diacritics and tatweel go,
alef forms (أ إ آ ٱ) become ا, ى becomes ي, ة becomes ه. The original text is never changed;
labels keep their written form (``أحمد`` and ``احمد`` stay different literals).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TATWEEL = "\u0640"
# Characters that carry no letter: bidi controls, zero-width joiners, BOM.
_INVISIBLE = {
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
    TATWEEL,
}


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The folded form of one character ('' when it disappears, e.g. a fatha).

    Presentation forms and ligatures (ﻻ، ﷺ) are first decomposed to their letters (NFKC),
    then each letter is folded, so ``fold`` stays idempotent.
    """
    if "\ufb50" <= ch <= "\ufeff" and ch not in _INVISIBLE:
        return "".join(_fold_base(c) for c in unicodedata.normalize("NFKC", ch))
    return _fold_base(ch)


def _fold_base(ch: str) -> str:
    """camel-tools' dediacritization and alef, alef maksura and teh marbuta normalization of
    one character, written out: importing camel-tools' ``utils`` costs most of a second (it
    builds sets of every Unicode character), and ``tests/arabic`` checks every code point
    against it. Its diacritics (fatha to sukun, superscript alef) are combining marks."""
    if ch in _INVISIBLE:
        return ""
    if ch in "\u0622\u0623\u0625\u0671":  # آ أ إ ٱ
        return "ا"
    if ch == "\u0649":  # ى
        return "\u064a"
    if ch == "\u0629":  # ة
        return "\u0647"
    return "" if unicodedata.category(ch) == "Mn" else ch  # diacritics and other combining marks


_DIACRITICS = re.compile("[\u064b-\u0652\u0670]")  # tanwin, fatha to sukun, superscript alef


def dediac(text: str) -> str:
    """``text`` without Arabic diacritics, as camel-tools' ``dediac_ar`` (which the tests check)."""
    return _DIACRITICS.sub("", text)


class _FoldTable(dict[int, str]):
    """``str.translate``'s table of ``fold_char``, filled as characters are first met."""

    def __init__(self, kept: dict[str, str] | None = None) -> None:
        super().__init__((ord(c), f) for c, f in (kept or {}).items())

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD = _FoldTable()
_FOLD_NAMES = _FoldTable({"ى": "ى"})


def fold(text: str) -> str:
    """The matching key of a string (idempotent: ``fold(fold(s)) == fold(s)``): each character
    folded by ``fold_char``."""
    return text.translate(_FOLD)


@lru_cache(maxsize=65536)
def hamza_spellings(text: str) -> list[str]:
    """A lexicon phrase and its other common spelling of hamza before waw: مسؤولية is also written
    مسئولية، شؤون also شئون (Egyptian and older Saudi usage); text is never rewritten, the lexicon
    lists both."""
    return [text, text.replace("\u0624\u0648", "\u0626\u0648")] if "\u0624\u0648" in text else [text]


def fold_names(text: str) -> str:
    """A stricter key for personal names: like ``fold`` but ى stays ى, because folding makes
    the preposition على read as the name علي (Ali)."""
    return text.translate(_FOLD_NAMES)


_DOUBLED = re.compile(r"(.)\1+")
# One letter for each foreign sound Arabic writes several ways: g (غ ج گ; Egyptian ج is g,
# Levantine and Gulf papers write غ), v (ف ڤ), p (ب پ).
_FOREIGN_SOUNDS = str.maketrans({"غ": "ج", "گ": "ج", "ڤ": "ف", "پ": "ب"})


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """A key under which the spellings of one name meet (one actor, one node): ``fold`` and
    then, word by word, hamza carriers as their letter (ؤ و، ئ ي، ء gone), the article dropped
    (الحريري = حريري), a final alef after waw dropped (بومبيوا = بومبيو), doubled letters single
    (an written shadda), alef inside a word dropped (ترامب = ترمب), and the letters that write a
    foreign sound in more than one way as one: g as غ، ج or گ (كيم جونغ أون = كيم جونج اون,
    غوتيريش = جوتيريش), v as ف or ڤ, p as ب or پ. For matching only: labels keep the article's
    own spelling."""
    words = []
    for w in fold(text).split():
        w = w.replace("ؤ", "و").replace("ئ", "ي").replace("ء", "").translate(_FOREIGN_SOUNDS)
        if w.startswith("ال") and len(w) > 4:
            w = w[2:]
        if w.endswith("وا") and len(w) > 3:
            w = w[:-1]
        w = _DOUBLED.sub(r"\1", w)
        if len(w) > 2:
            w = w[0] + w[1:-1].replace("ا", "") + w[-1]
        if w:
            words.append(w)
    return " ".join(words)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of its original character."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for f in fold_char(ch):
            chars.append(f)
            index.append(i)
    return "".join(chars), index


def is_arabic_letter(ch: str) -> bool:
    """A letter of the Arabic script, presentation forms (ﺍ ﻻ) included."""
    return (
        "\u0621" <= ch <= "\u064a"
        or "\u0671" <= ch <= "\u06d3"
        or "\u06fa" <= ch <= "\u06ff"
        or ("\ufb50" <= ch <= "\ufefc" and ch.isalpha())
    )


# runs of is_arabic_letter's ranges: of letters (isalpha), the ones it accepts
_ARABIC_RUN = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\ufb50-\ufefc]+")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic (used to refuse non-Arabic input)."""
    letters = "".join(filter(str.isalpha, text))
    if not letters:
        return 0.0
    return sum(map(len, _ARABIC_RUN.findall(letters))) / len(letters)


# ------------------------------------------------------------------ input text as kg reads it
# Zero-width characters only steer how letters join or where a line may break; in Arabic news
# they come from editors and web pages (ز\u200dا\u200dر for زار) and would split words.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_PRESENTATION = re.compile("[\ufb50-\ufefc]")  # Arabic presentation forms (and what lies between)


def normalize_input(text: str) -> str:
    """The text as kg reads it (what the document's offsets then refer to):

    - Arabic presentation forms (ﺍﻟﺠﺰﺍﺋﺮ, from PDFs and old systems) become the letters they
      show (NFKC): one letter for one, ligatures such as ﻻ two (لا);
    - zero-width joiners and non-joiners, zero-width spaces, word joiners, soft hyphens and
      byte-order marks go, since ``ز\u200dا\u200dر`` would otherwise read as three words.
    Text without either comes back unchanged.
    """
    if _PRESENTATION.search(text):
        text = "".join(
            unicodedata.normalize("NFKC", ch) if "\ufb50" <= ch <= "\ufefc" and ch.isalpha() else ch for ch in text
        )
    return _ZERO_WIDTH.sub("", text)
