"""Readable English labels for Arabic names not in the lexicon (``محمد سيالة`` → Mohamed Siala).

Known name parts come from ``names_romanization.tsv``; other words are romanized letter by
letter with a simple news-style scheme (not a scholarly transliteration).
"""

from __future__ import annotations

from kg.arabic.normalize import fold

LETTERS = {
    "ا": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "a",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "a",
    "و": "ou",
    "ي": "i",
    "ء": "",
    "ئ": "",
    "ؤ": "ou",
    "پ": "p",
    "چ": "ch",
    "گ": "g",
    "ڤ": "v",
}


def _word(word: str, parts: dict[str, str]) -> str:
    if word in parts:
        return parts[word]
    if word.startswith("ال") and len(word) > 3:
        return "al-" + _word(word[2:], parts).lower()
    out = []
    for i, ch in enumerate(word):
        r = LETTERS.get(ch, "")
        if ch == "ه" and i < len(word) - 1:
            r = "h"
        if ch == "ي" and i == 0:
            r = "y"
        if ch == "و" and i == 0:
            r = "w"
        out.append(r)
    s = "".join(out).replace("aa", "a").replace("ii", "i")
    return s[:1].upper() + s[1:]


def romanize(name: str, g=None) -> str:
    """English label for an Arabic name, part by part."""
    parts = g.name_parts if g is not None else {}
    words = fold(name).split()
    out: list[str] = []
    i = 0
    while i < len(words):
        two = " ".join(words[i : i + 2])
        if i + 1 < len(words) and two in parts:  # عبد القادر
            out.append(parts[two])
            i += 2
            continue
        out.append(_word(words[i], parts))
        i += 1
    return " ".join(w for w in out if w) or "Unknown"
