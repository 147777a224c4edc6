"""Lexicon-driven clitic splitting.

A prefix is split off only when the remainder is a lexicon entry, so ``لليبيا`` → ل + ليبيا
but ``ليبيا`` stays whole, and ``وزير`` is never read as و + زير. The functions here only
propose the readings; callers keep the one their lexicon knows.
"""

from __future__ import annotations

from functools import lru_cache

CONJ = ("و", "ف")
PREP = ("ب", "ل", "ك")


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
