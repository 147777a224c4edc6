"""CoNLL-style named-entity tagging (``kg ner``): the mention stage over given tokens, tags in
IOB2 with PERS (Person), LOC (Country, Place) and ORG (Organization).

The graph keeps whole mentions (``الملك محمد السادس``، ``الحكومة اللبنانية``); CoNLL tags the
name alone, so spans are cut to that convention here (``conll.tsv``): titles and introducing
common nouns are dropped, bodies named only by description are not names. Nisba adjectives and
resolved descriptions are not names either, so they stay O."""

from __future__ import annotations

import bisect
from collections.abc import Container, Iterable, Iterator
from functools import lru_cache

from kg.arabic.clitics import proclitic_readings
from kg.arabic.normalize import fold
from kg.arabic.segment import tokenize
from kg.errors import LexiconError
from kg.extract.mentions import find_mentions
from kg.extract.tagger.combine import combine_conll
from kg.extract.tagger.features import document_dynamics
from kg.extract.tagger.model import default_model
from kg.lexicon.actors import Gazetteer, gazetteer
from kg.lexicon.tsv import read_rows
from kg.model import Document, Entity, Span

TAG = {"Person": "PERS", "Country": "LOC", "Place": "LOC", "Organization": "ORG"}


def conll_document(sents: list[list[str]]) -> tuple[Document, list[tuple[int, int]]]:
    """The sentences as one document (tokens joined by spaces, sentences by newlines), and
    the offsets of every given token in it."""
    pieces, flat, pos = [], [], 0
    for sent in sents:
        for t in sent:
            flat.append((pos, pos + len(t)))
            pos += len(t) + 1
        pieces.append(" ".join(sent))
    sent_spans, off = [], 0
    for p in pieces:
        sent_spans.append(Span(off, off + len(p), p))
        off += len(p) + 1
    tokens = tuple(t for sp in sent_spans for t in tokenize(sp.text, sp.start))
    return Document("ner", "\n".join(pieces), sentences=tuple(sent_spans), tokens=tokens), flat


def _tag(tags: list[str], idx: list[int], tag: str) -> None:
    tags[idx[0]] = "B-" + tag
    for x in idx[1:]:
        tags[x] = "I-" + tag


def _part_of_another_name(idx: list[int], words: list[str], etype: str) -> bool:
    """``اتفاق الطائف``، ``بطولة فرنسا المفتوحة``: a place named in another name (MISC)."""
    if not idx or idx[0] == 0 or etype not in ("Place", "Country"):
        return False
    prev = [words[idx[0] - 1]]
    conv = _convention()
    return bool(_starts_with(prev, conv["contest"]) or etype == "Place" and _starts_with(prev, conv["named"]))


def _tag_mention(tags: list[str], idx: list[int], words: list[str], e: Entity) -> None:
    """Tag the tokens of one mention by the CoNLL convention, where no tag stands yet."""
    parts = conll_parts(idx, words, e.type)
    if len(parts) > 1:
        for part in parts:
            if part and all(tags[x] == "O" for x in part):
                _tag(tags, part, "ORG")
        return
    idx = conll_cut(idx, words, e.type, e.id)
    if _part_of_another_name(idx, words, e.type) or not idx or any(tags[x] != "O" for x in idx):
        return
    _tag(tags, idx, TAG[e.type])


def rule_tags(sents: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """The rules' CoNLL tags and raw mention kinds for sentences read as one document (so a
    surname seen alone after the full name is still a person)."""
    doc, flat = conll_document(sents)
    tags, kinds = rule_view(find_mentions(doc), flat, [fold(t) for sent in sents for t in sent])
    rules, marks, k = [], [], 0
    for sent in sents:
        rules.append(tags[k : k + len(sent)])
        marks.append(kinds[k : k + len(sent)])
        k += len(sent)
    return rules, marks


def tag_sentences(sents: list[list[str]], learned: bool = True) -> list[list[str]]:
    """IOB2 tags for sentences of tokens, read together as one document: the learned tagger
    over the rules' view (``kg.extract.tagger``), or the rules alone when ``learned`` is false."""
    rules, marks = rule_tags(sents)
    if not learned:
        return rules
    learned_tags = default_model().tag(sents, document_dynamics(sents, rules, marks))
    return [combine_conll(r, k, y) for r, k, y in zip(rules, marks, learned_tags)]


def rule_view(doc: Document, flat: list[tuple[int, int]], words: list[str]) -> tuple[list[str], list[str]]:
    """What the mention stage's rules say of each token (``flat``: sorted (start, end) offsets,
    ``words``: their folded text): the CoNLL IOB2 tag, and the raw mention over it as
    ``B|I-kind-Type`` (``B-title-Person``, ``I-name-Organization``) or ``O``."""
    ents = {e.id: e for e in doc.entities}
    tags = ["O"] * len(flat)
    kinds = ["O"] * len(flat)
    begins = [a for a, _ in flat]
    for m in sorted(doc.mentions, key=lambda m: (m.start, -m.end)):
        e = ents.get(m.entity_id)
        k = bisect.bisect_right(begins, m.start) - 1
        idx = []
        while 0 <= k < len(flat) and flat[k][0] < m.end:
            if flat[k][1] > m.start:
                idx.append(k)
            k += 1
        if idx and kinds[idx[0]] == "O":
            _mark(kinds, idx, f"{m.kind}-{e.type if e is not None else 'None'}")
        if m.kind in ("nisba", "description", "pair") or e is None or e.group is not None:
            continue  # adjectives, descriptions and generic groups (المتظاهرون) are not names
        _tag_mention(tags, idx, words, e)
    return tags, kinds


def _mark(kinds: list[str], idx: list[int], kind: str) -> None:
    kinds[idx[0]] = "B-" + kind
    for x in idx[1:]:
        kinds[x] = "I-" + kind


CONLL_ROLES = ("head", "epithet", "generic", "named", "contest", "of")


@lru_cache(maxsize=1)
def _convention() -> dict[str, set[tuple[str, ...]]]:
    """The words of ``conll.tsv`` by role (folded tuples); a role not declared here is an error."""
    roles: dict[str, set[tuple[str, ...]]] = {r: set() for r in CONLL_ROLES}
    for r in read_rows("conll.tsv", ("word", "role"), ("word", "role")):
        if r["role"] not in roles:
            raise LexiconError(f"{r['_line']}: role '{r['role']}' is not one of {', '.join(CONLL_ROLES)}")
        roles[r["role"]].add(tuple(fold(r["word"]).split()))
    return roles


def _starts_with(words: list[str], phrases: Container[tuple[str, ...]]) -> int:
    """Length of the longest phrase at the start of ``words`` (its first word may carry a
    proclitic: ``ووزارة``، ``بمدينة``), 0 when none."""
    best = 0
    for _pre, rest in proclitic_readings(words[0]) if words else ():
        for n in range(1, len(words) + 1):
            if (rest,) + tuple(words[1:n]) in phrases:
                best = max(best, n)
    return best


def _title_length(words: list[str], g: Gazetteer) -> int:
    return _starts_with(words, g.titles)


def conll_cut(idx: list[int], words: list[str], etype: str, key: str | None = None) -> list[int]:
    """The token indices of a mention that CoNLL tags: without a leading title (people) or
    introducing noun (places, bodies), without a trailing epithet; none when the mention
    names a body by description only. A nationality after an organization's name is no part
    of it."""
    conv, g = _convention(), gazetteer()
    w = [words[x] for x in idx]
    if etype != "Person" and _starts_with(w, conv["generic"]):
        return []
    while len(idx) > 1:
        n = _title_length(w, g) if etype == "Person" else _starts_with(w, conv["head"])
        if not n or n >= len(idx):
            break
        if etype == "Country" and g.forms.get(tuple(w[n:]), ("",))[0] != key:
            break  # دولة [قطر] but جنوب أفريقيا: the head stays when the rest names something else
        idx, w = idx[n:], w[n:]
    while len(idx) > 1 and ((w[-1],) in conv["epithet"] or etype == "Organization" and _nisba(w[-1], g)):
        idx, w = idx[:-1], w[:-1]  # مكة المكرمة، ريال مدريد الإسباني، حزب الله اللبناني
    return idx


def conll_parts(idx: list[int], words: list[str], etype: str) -> list[list[int]]:
    """A body of another body is two names in CoNLL: ``[الجمعية العامة] [للأمم المتحدة]``،
    ``[مجلس الأمن] التابع [للأمم المتحدة]``. One part when the span is a single name."""
    if etype != "Organization":
        return [idx]
    g = gazetteer()
    for j in range(1, len(idx)):
        w = words[idx[j]]
        k = j + 1 if (w,) in _convention()["of"] else j
        if k >= len(idx) or not words[idx[k]].startswith("لل"):
            continue
        rest = ("ال" + words[idx[k]][2:],) + tuple(words[x] for x in idx[k + 1 :])
        hit = g.forms.get(rest)
        if hit and g.entries[hit[0]].type == "Organization":
            return [idx[:j], idx[k:]]
    return [idx]


def _nisba(word: str, g: Gazetteer) -> bool:
    hit = g.forms.get((word,))
    return hit is not None and hit[1] == "nisba"


def tag_conll(lines: Iterable[str]) -> Iterator[str]:
    """``token TAG`` for every token line, blank lines kept where the input has them."""
    lines = list(lines)
    sents: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        parts = line.split()
        if parts:
            cur.append(parts[0])
        elif cur:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    tags = iter(tag_sentences(sents))
    current = next(tags, [])
    k = 0
    for line in lines:
        parts = line.split()
        if not parts:
            yield ""
            continue
        if k >= len(current):
            current, k = next(tags, []), 0
        yield f"{parts[0]} {current[k]}"
        k += 1
