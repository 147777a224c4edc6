"""Function words by kind (negation, future, condition, speech, light verbs, pair words)."""
from __future__ import annotations

from functools import lru_cache

from kg.arabic.normalize import fold
from kg.errors import LexiconError
from kg.lexicon.tsv import read_rows

KINDS = ("negation", "future", "conditional", "speech", "light", "pair", "complementizer", "occurrence")


@lru_cache(maxsize=1)
def markers() -> dict[str, frozenset[str]]:
    """Folded words per kind."""
    out: dict[str, set[str]] = {k: set() for k in KINDS}
    for r in read_rows("markers.tsv", ("word", "kind"), ("word", "kind")):
        if r["kind"] not in KINDS:
            raise LexiconError(f"{r['_line']}: kind '{r['kind']}' is not one of {', '.join(KINDS)}")
        out[r["kind"]].add(fold(r["word"]))
    return {k: frozenset(v) for k, v in out.items()}
