"""How the tagger's labels and the rules' mentions are combined.

The rules link what the lexicon knows (a person, a country, a body with its QID); the tagger
reads names the rules missed and doubts rule names that are common words. Where a lexicon
mention and the tagger both see a name, the lexicon's span and link stand."""

from __future__ import annotations

from collections.abc import Sequence

from kg.model import MentionKind

NAME_TYPES = ("PERS", "LOC", "ORG")


def iob_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of IOB2 labels, end exclusive; a stray I- opens a span (as CoNLL scores it)."""
    out: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, label in enumerate([*labels, "O"]):
        pre, _, typ = label.partition("-")
        if start >= 0 and (pre != "I" or typ != kind):
            out.append((start, i, kind))
            start = -1
        if pre == "B" or pre == "I" and start < 0:
            start, kind = i, typ
    return out


def lexicon_span(kinds: Sequence[str], a: int) -> bool:
    """Does a lexicon (gazetteer) mention begin at token a? (``B-name-Person``، ``B-name-Country``)."""
    return kinds[a].startswith("B-name-")


def combine_conll(rules: Sequence[str], kinds: Sequence[str], learned: Sequence[str]) -> list[str]:
    """CoNLL tags: the tagger's PERS, LOC and ORG names, except where the rules found a lexicon
    name: there the lexicon's span and type stand and tagger spans that cross it are dropped.
    (Letting the tagger drop a lexicon name it reads as none scored alike in cross-validation,
    0.799 against 0.795, and dropped places it never saw: ``إلى [الطائف]``.)"""
    out = ["O"] * len(learned)
    keep = [(a, b, t) for a, b, t in iob_spans(rules) if lexicon_span(kinds, a)]
    held = bytearray(len(learned))
    for a, b, _t in keep:
        held[a:b] = b"\x01" * (b - a)
    for a, b, t in iob_spans(learned):
        if t in NAME_TYPES and not any(held[a:b]):
            _put(out, a, b, t)
    for a, b, t in keep:
        _put(out, a, b, t)
    return out


def _put(out: list[str], a: int, b: int, t: str) -> None:
    out[a] = "B-" + t
    for x in range(a + 1, b):
        out[x] = "I-" + t


# What the mention stage takes from the tagger: names of people and bodies of two words or
# more that it is sure of (the marginal probability of every label of the span). One word
# alone is too often a month (نيسان), a common noun (ليل، الشيعة) or a given name standing for
# someone the rules already know, and a wrong actor costs an event.
ADD_TYPES = {"PERS": "Person", "ORG": "Organization"}
ADD_MIN = 0.9  # at 0.8 a news agency (جيجي برس) became a person and the source of two events
ADD_MIN_WORDS = 2
# Rule mentions found by a pattern (not the lexicon) that the tagger may veto when it is sure
# that none of their words is a name: a passive verb after a title, a participle after a name.
VETO_KINDS = {"title", "given-name", "speaker", "nisba-name", "org-head"}
# A lexicon mention is never vetoed: it keeps its link. (Vetoing one-word lexicon places the
# tagger reads as words removed real cities it never saw in training: الطائف، أبها، الموصل.)
VETO_MIN = 0.98  # lower, right vetoes (احتجاجا، استدعي) freed words that other stages then misread
ID_PREFIX = {"Person": "person_", "Organization": "org_", "Place": "place_"}
KIND: MentionKind = "tagger"
