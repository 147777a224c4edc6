"""Function words by kind (negation, future, condition, speech, light verbs, pair words)."""

from __future__ import annotations

from functools import lru_cache

from kg.arabic.normalize import fold
from kg.errors import LexiconError
from kg.lexicon.tsv import read_rows

KINDS = ("negation", "future", "conditional", "speech", "light", "pair", "complementizer", "occurrence", "abstract")


@lru_cache(maxsize=1)
def markers() -> dict[str, frozenset[str]]:
    """Folded words per kind (one-word markers)."""
    return {k: frozenset(w for w in v if " " not in w) for k, v in _all().items()}


@lru_cache(maxsize=1)
def marker_phrases() -> dict[str, frozenset[tuple[str, ...]]]:
    """Markers of several words per kind: ``عبر عن`` (expressed) is a light verb where ``عبر``
    alone (through) is not."""
    return {k: frozenset(tuple(w.split()) for w in v if " " in w) for k, v in _all().items()}


@lru_cache(maxsize=1)
def _all() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {k: set() for k in KINDS}
    for r in read_rows("markers.tsv", ("word", "kind"), ("word", "kind")):
        if r["kind"] not in KINDS:
            raise LexiconError(f"{r['_line']}: kind '{r['kind']}' is not one of {', '.join(KINDS)}")
        out[r["kind"]].add(" ".join(fold(r["word"]).split()))
    return out
