"""Lexicon-driven clitic splitting.

A prefix is split off only when the remainder is a lexicon entry, so ``لليبيا`` → ل + ليبيا
but ``ليبيا`` stays whole, and ``وزير`` is never read as و + زير. The functions here only
propose the readings; callers keep the one their lexicon knows.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

CONJ = ("و", "ف")
PREP = ("ب", "ل", "ك")


class CliticRule(NamedTuple):
    """One habit of stripping a leading letter: which letters (None: any), from words of at
    least ``shortest`` letters, once or ``every`` such letter at the start."""

    letters: str | None
    shortest: int
    every: bool = False


class Clitic:
    """Which one letter a word may carry before the word a rule looks for (``وقال`` → قال).

    The rules of kg grew with different habits, kept as they are so that output does not
    change: ``CONJ`` is the usual one (و or ف on a word longer than three letters, so لا in
    ولا is not found, but قال in وقال is); ``CONJ_SHORT`` strips و or ف from any word longer
    than two letters (ولا → لا, وفي → في: negations and prepositions are short); ``ANY`` strips
    whatever letter comes first (يقال → قال too); ``WA_BA`` strips و or ب (وبالأزمة is not
    found, بالأزمة → الأزمة is), ``WA_BA_LONG`` the same from a word longer than three letters,
    and ``WA_BA_ALL`` every و and ب at the start (وبمقتل → مقتل); ``NONE`` strips nothing.
    """

    NONE = CliticRule("", 0)
    CONJ = CliticRule("وف", 4)
    CONJ_SHORT = CliticRule("وف", 3)
    ANY = CliticRule(None, 0)
    WA_BA = CliticRule("وب", 0)
    WA_BA_LONG = CliticRule("وب", 4)
    WA_BA_ALL = CliticRule("وب", 0, every=True)


def strip_clitic(word: str, clitic: CliticRule = Clitic.CONJ) -> str:
    """The word without the leading letter the policy allows (the word itself when none)."""
    letters, shortest, every = clitic
    if every:
        return word.lstrip(letters)
    if word and len(word) >= shortest and (letters is None or word[0] in letters):
        return word[1:]
    return word


@lru_cache(maxsize=65536)
def proclitic_readings(word: str) -> tuple[tuple[str, str], ...]:
    """(prefix, rest) readings of a folded word, least stripped first.

    ``والجزائر`` → ('', 'والجزائر'), ('و', 'الجزائر'); ``للمجلس`` → …, ('ل', 'المجلس');
    ``وبطرابلس`` → …, ('وب', 'طرابلس').
    """
    out = [("", word)]
    conj_readings = [("", word)]
    if len(word) > 2 and word[0] in CONJ:
        conj_readings.append((word[0], word[1:]))
        out.append((word[0], word[1:]))
    for pre, rest in conj_readings:
        if len(rest) > 2 and rest[0] in PREP:
            if rest.startswith("لل") and len(rest) > 3:  # لل + noun = ل + ال + noun
                out.append((pre + "ل", "ال" + rest[2:]))
            out.append((pre + rest[0], rest[1:]))
    return tuple(out)


def folded_prefix_to_original(token_text: str, folded_prefix_len: int) -> int:
    """How many original characters of a token make up its first ``n`` folded characters."""
    from kg.arabic.normalize import fold_char

    if folded_prefix_len == 0:
        return 0
    count = 0
    for i, ch in enumerate(token_text):
        count += len(fold_char(ch))
        if count >= folded_prefix_len:
            # swallow diacritics that belong to the last prefix letter
            j = i + 1
            while j < len(token_text) and fold_char(token_text[j]) == "":
                j += 1
            return j
    return len(token_text)
