"""Per-sentence token views shared by the extraction stages, and which characters of the text
mentions already cover."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

from kg.arabic.normalize import fold, fold_names
from kg.model import Document, Mention, Span

if TYPE_CHECKING:
    from kg.lexicon.actors import Gazetteer


@dataclass(frozen=True)
class Sentence:
    span: Span
    tokens: tuple[Span, ...]
    folded: tuple[str, ...]
    names: tuple[str, ...] = ()  # folded for names (keeps ى): for given names and surnames


@lru_cache(maxsize=65536)
def _fold_names_cached(s: str) -> str:
    return fold_names(s) or "-"  # a token is never empty once folded: a line of tatweel (ـــ) is a dash


@lru_cache(maxsize=65536)
def _fold_cached(s: str) -> str:
    return fold(s) or "-"


_CACHE: list[tuple[tuple[Span, ...], tuple[Span, ...], list[Sentence]]] = []  # (sentences, tokens, views), newest last


def sentences(doc: Document) -> list[Sentence]:
    """Sentences with their tokens (the tokens stage must have run).

    Every stage asks for these views; a Document's sentence and token tuples are shared by the
    Documents derived from it, so the last few results are kept, keyed by those very objects.
    """
    for sents, toks, views in _CACHE:
        if sents is doc.sentences and toks is doc.tokens:
            return views
    views = _build(doc)
    _CACHE.append((doc.sentences, doc.tokens, views))
    del _CACHE[:-4]
    return views


def _build(doc: Document) -> list[Sentence]:
    out = []
    toks = doc.tokens
    starts, ends = [t.start for t in toks], [t.end for t in toks]
    table = _word_keys()
    j = 0
    for s in doc.sentences:  # tokens lie in order, so both lists increase: bisect them
        j = bisect_left(starts, s.start, j)
        k = bisect_right(ends, s.end, j)
        sent_toks = toks[j:k]
        keys = memo_map(table, _keys_of, [t.text for t in sent_toks])
        folded, names = zip(*keys) if keys else ((), ())
        out.append(Sentence(s, sent_toks, folded, names))
        j = k
    return out


def _keys_of(text: str) -> tuple[str, str]:
    return _fold_cached(text), _fold_names_cached(text)


@lru_cache(maxsize=1)  # an lru_cache, so that kg.batch.release_memory lets it go
def _word_keys() -> dict[str, tuple[str, str]]:
    """Each token text's folded form and its folded-for-names form, as ``_build`` met them."""
    return {}


T = TypeVar("T")


def memo_map(table: dict[str, T], fn: Callable[[str], T], words: Sequence[str]) -> list[T]:
    """``fn`` of each word, read from ``table`` (a dict lookup a word, where an lru_cache costs a
    call); the missing ones computed and kept, the table started afresh past WORD_MEMO words.
    The sentence views and the tagger's features keep their word tables this way."""
    try:  # every word known (the common case once a run is under way): no scan for a miss
        return list(map(table.__getitem__, words))
    except KeyError:
        pass
    out = list(map(table.get, words))
    if len(table) > WORD_MEMO:
        table.clear()
    for i, v in enumerate(out):
        if v is None:
            out[i] = table[words[i]] = fn(words[i])
    return cast(list[T], out)


class Coverage:
    """Which characters of the text already belong to a mention (constant-time lookups)."""

    def __init__(self, size: int, mentions: Iterable[Mention]) -> None:
        self.bits = bytearray(size + 1)
        for m in mentions:
            self.add(m.start, m.end)

    def add(self, a: int, b: int) -> None:
        self.bits[a:b] = b"\x01" * (b - a)

    def __contains__(self, offset: int) -> bool:
        return bool(self.bits[offset])


def mention_starting(taken_at: Mapping[int, Mention], tok: Span) -> Mention | None:
    """The mention that starts on a token's first characters (after a proclitic: ``والجزائر``)."""
    for off in range(tok.start, min(tok.end, tok.start + 3)):
        if off in taken_at:
            return taken_at[off]
    return None


WORD_MEMO = 65_536  # words a memo keeps before it starts afresh (news repeats its words)


@lru_cache(maxsize=1)  # an lru_cache, so that kg.batch.release_memory lets them go with the lexicons
def _memos() -> dict[str, tuple[Gazetteer, int, dict[Any, Any]]]:
    return {}


def word_memo(name: str, g: Gazetteer, limit: int | None = WORD_MEMO) -> dict[Any, Any]:
    """A dict, kept across documents, for what the rule ``name`` found the gazetteer says of a
    folded word alone (whether it begins a title, its readings that begin a name): per-token
    loops look a word up once per process instead of trying its proclitic readings again.
    Empty again for another gazetteer, when forms were added to this one, or once it holds
    ``limit`` words (None: never)."""
    memos = _memos()
    held = memos.get(name)
    if held is None or held[0] is not g or held[1] != len(g.forms) or (limit is not None and len(held[2]) > limit):
        held = memos[name] = (g, len(g.forms), {})
    return held[2]
