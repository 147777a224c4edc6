"""Token features for the learned tagger: what the word looks like, what kg's lexicon knows of
it, what the rules made of it, and the same for its neighbours.

Everything is computed from plain sequences (tokens as written, the rules' CoNLL tags and raw
mention kinds from ``kg.extract.ner.rule_view``) so the features are the same whether the
tokens come from a CoNLL file (``kg ner``, training) or from kg's own tokenizer (the mention
stage). Per-word features are cached: news repeats its words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from kg.arabic.clitics import proclitic_readings
from kg.arabic.normalize import fold, fold_names
from kg.extract.tokens import memo_map
from kg.lexicon.actors import gazetteer
from kg.lexicon.words import word_set

_ARABIC = re.compile(r"^[\u0621-\u064A]+$")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9\u0660-\u0669]")
CONTEXT = (-2, -1, 1, 2)
# the per-word features repeated for each neighbour (a prefix of the word's own list)
CONTEXT_SIZE = 8


def stem(folded: str) -> tuple[str, str]:
    """(proclitics, rest) of a folded word: the conjunction, preposition and article glued to
    it (``وبالقاهرة`` → ``وبال``, ``قاهره``); the rest is kept at three letters at least."""
    pre, rest = "", folded
    if len(rest) > 4 and rest[0] in "وف":
        pre, rest = rest[0], rest[1:]
    if len(rest) > 4 and rest.startswith("لل"):
        return pre + "لل", rest[2:]
    if len(rest) > 3 and rest[0] in "بلك" and rest[1:3] == "ال":
        pre, rest = pre + rest[0], rest[1:]
    if len(rest) > 4 and rest.startswith("ال"):
        pre, rest = pre + "ال", rest[2:]
    return pre, rest


def shape(word: str) -> str:
    """A coarse class: Arabic letters, Latin, digits, punctuation or mixed."""
    if _ARABIC.match(word):
        return "A"
    if _DIGIT.search(word):
        return "D"
    if _LATIN.search(word):
        return "L"
    if not any(c.isalnum() for c in word):
        return "P" + word[:1]  # the punctuation itself: « ( - ،
    return "M"


@lru_cache(maxsize=4096)  # the model caches each word's summed weights: this serves training
def word_features(word: str) -> tuple[str, ...]:
    """Features of one token as written; the first ``CONTEXT_SIZE`` are also given to its
    neighbours (``context_features``)."""
    g = gazetteer()
    f = fold(word)
    pre, rest = stem(f)
    sh = shape(word)
    readings = proclitic_readings(f)
    lex = []
    for _p, r in readings:
        hit = g.forms.get((r,))
        if hit is not None:
            lex.append(f"gz={g.entries[hit[0]].type}-{hit[1]}")
            break
    else:
        if any(r in g.first_tokens for _p, r in readings):
            lex.append("gz=first")
    names = fold_names(word)
    given = (names,) in g.given_names or (len(names) > 3 and names[0] in "وف" and (names[1:],) in g.given_names)
    origin = g.given_origin.get((names,), "") if given else ""
    common, around = _common(), _words()
    head = [
        "w=" + f,
        "s=" + rest,
        "sh=" + sh,
        lex[0] if lex else "gz=-",
        "gn=" + (origin or "1") if given else "gn=0",
        "tw=1" if any(r in g.title_words for _p, r in readings) else "tw=0",
        "cw=1" if f in common or rest in common else "cw=0",
        "st=1" if f in around["stop"] else "st=0",
    ]
    assert len(head) == CONTEXT_SIZE
    tail = [
        "pre=" + pre,
        "p2=" + rest[:2],
        "p3=" + rest[:3],
        "x2=" + rest[-2:],
        "x3=" + rest[-3:],
        "x1=" + f[-1:],
        "len=" + str(min(len(rest), 9)),
    ]
    if rest in g.name_parts or f in g.name_parts:
        tail.append("np")
    if f in g.title_vocab:
        tail.append("tv")
    if f in around["connector"] or f in around["nasab"] or f in around["kunya"]:
        tail.append("cn")  # محمد بن راشد، أبو هريرة، آل ثاني
    heads = _org_heads()
    if any(r in heads for _p, r in readings):
        tail.append("oh")
    if word.endswith(("اً", "ًا")):
        tail.append("tanwin")
    if sh == "A" and len(rest) >= 5 and (rest[0] == "ا" and rest[-2] == "ا" or rest[0] == "ت" and rest[-2] == "ي"):
        tail.append("masdar")
    return tuple(head + tail)


def context_features(word: str, offset: int) -> list[str]:
    """What a word tells its neighbour at ``offset`` (``-1:w=…`` for the word before)."""
    p = f"{offset}:"
    return [p + x for x in word_features(word)[:CONTEXT_SIZE]]


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    """Words around names (``name_words.tsv``): stop words end names (في، من، قال), connectors,
    nasab and kunya words join them (بن، آل، أبو)."""
    from kg.lexicon.markers import name_words

    return name_words()


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    return frozenset(word_set("common_words.tsv"))


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    return frozenset(word_set("org_heads.tsv"))


def document_features(
    tokens: Sequence[Sequence[str]], rules: Sequence[Sequence[str]], kinds: Sequence[Sequence[str]]
) -> list[list[list[str]]]:
    """All features (strings, for training) of each token of each sentence of one document:
    ``tokens`` as written, ``rules`` the rules' CoNLL tags, ``kinds`` the raw mentions over
    them (both from ``ner.rule_view``)."""
    seen = _seen(tokens, rules)
    return [sentence_features(s, r, k, seen) for s, r, k in zip(tokens, rules, kinds)]


def document_dynamics(
    tokens: Sequence[Sequence[str]], rules: Sequence[Sequence[str]], kinds: Sequence[Sequence[str]]
) -> list[Dynamic]:
    """The ``Dynamic`` features of each token of each sentence of one document (the model
    adds the words' own from its cache)."""
    types = {key: tuple(sorted(found)) for key, found in _seen(tokens, rules).items()}
    return [_dynamic(s, r, k, types) for s, r, k in zip(tokens, rules, kinds)]


def _seen(tokens: Sequence[Sequence[str]], rules: Sequence[Sequence[str]]) -> dict[str, set[str]]:
    """The types the rules gave each word (its stem) in the document: ``علي`` alone after
    ``علي بن أبي طالب`` is a person too."""
    seen: dict[str, set[str]] = {}
    for sent, tags in zip(tokens, rules):
        for w, t in zip(sent, tags):
            if t != "O":
                seen.setdefault(_key(w), set()).add(t[2:])
    return seen


@lru_cache(maxsize=32768)
def _key(word: str) -> str:
    return stem(fold(word))[1]


@lru_cache(maxsize=1)  # so that kg.batch.release_memory lets them go
def _words_seen() -> tuple[dict[str, str], dict[str, str]]:
    """Each word's folded form and its stem (``_key``), kept for ``memo_map``."""
    return {}, {}


# What the rules say around a token: their tags two tokens either side, the raw mention kinds
# one token either side (None beyond the sentence).
Window = tuple[str | None, ...]


class Dynamic(NamedTuple):
    """The features of a sentence's tokens that depend on more than the word, token by token:
    the rules' window, the pair of words a token ends, the types the rules gave the word
    elsewhere in the document."""

    windows: list[Window]
    pairs: list[str]  # ww=previous|word
    seen: list[tuple[str, ...]]


def sentence_features(
    tokens: Sequence[str], rules: Sequence[str], kinds: Sequence[str], seen: dict[str, set[str]] | None = None
) -> list[list[str]]:
    """All features of each token of one sentence as strings (see ``document_features``):
    the word's own, its neighbours' and the dynamic ones."""
    n = len(tokens)
    dyn = dynamic_features(tokens, rules, kinds, seen)
    out = []
    for i, w in enumerate(tokens):
        feats = [*word_features(w), *window_strings(dyn.windows[i]), dyn.pairs[i]]
        feats += ["d=" + t for t in dyn.seen[i]]
        for off in CONTEXT:
            if 0 <= i + off < n:
                feats += context_features(tokens[i + off], off)
        out.append(feats)
    return out


def dynamic_features(
    tokens: Sequence[str], rules: Sequence[str], kinds: Sequence[str], seen: dict[str, set[str]] | None = None
) -> Dynamic:
    """The ``Dynamic`` features of a sentence."""
    return _dynamic(tokens, rules, kinds, {key: tuple(sorted(found)) for key, found in (seen or {}).items()})


def _dynamic(
    tokens: Sequence[str], rules: Sequence[str], kinds: Sequence[str], seen: dict[str, tuple[str, ...]]
) -> Dynamic:
    """``dynamic_features`` with the types seen of each word sorted once for the document."""
    r: list[str | None] = [None, None, *rules, None, None]
    k: list[str | None] = [None, *kinds, None]
    windows = list(zip(r, r[1:], r[2:], r[3:], r[4:], k, k[1:], k[2:]))
    folds, keys = _words_seen()
    folded = memo_map(folds, fold, tokens)
    pairs = ["ww=" + a + "|" + b for a, b in zip(["^", *folded], folded)]
    types: list[tuple[str, ...]] = [()] * len(tokens)
    if seen:
        for i, hit in enumerate(map(seen.get, memo_map(keys, _key, tokens))):
            if hit and rules[i] == "O":
                types[i] = hit
    return Dynamic(windows, pairs, types)


@lru_cache(maxsize=4096)
def window_strings(window: Window) -> tuple[str, ...]:
    r2, r1, r0, n1, n2, k1, k0, m1 = window
    out = ["bias", f"r={r0}", f"k={k0}"]
    for off, r in ((-2, r2), (-1, r1), (1, n1), (2, n2)):
        if r is not None:
            out.append(f"{off}:r={r}")
    for off, k in ((-1, k1), (1, m1)):
        out.append(f"{off}:k={k}" if k is not None else f"{off}:edge")
    out.append(f"rrr={r1 or '^'}|{r0}|{n1 or '$'}")
    return tuple(out)
