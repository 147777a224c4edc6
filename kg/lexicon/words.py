"""The one- and two-column word lists of the lexicon (common words, organization heads, the
role a description names ...), folded, read once per process and kept between runs
(``kg.lexicon.cache``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.arabic.normalize import fold
from kg.lexicon.cache import cached
from kg.lexicon.tsv import read_rows


@cache
def word_set(name: str) -> frozenset[str]:
    """The folded words of a one-column list (``word`` header): common words, organization
    heads, club words. Read once per process (and kept between runs, ``kg.lexicon.cache``)."""

    def build() -> frozenset[str]:
        return frozenset(fold(r["word"]) for r in read_rows(name, ("word",), ("word",)))

    return cached(f"word_set-{Path(name).stem}", build, frozenset)


@cache
def word_map(name: str, column: str) -> dict[str, str]:
    """The folded words of a two-column list (``word`` and ``column``) with their value: the
    role a description names (``الوزير`` → minister). Read once per process (and kept between
    runs, ``kg.lexicon.cache``)."""

    def build() -> dict[str, str]:
        return {fold(r["word"]): r[column] for r in read_rows(name, ("word", column), ("word", column))}

    return cached(f"word_map-{Path(name).stem}-{column}", build, dict)
