"""Names the lexicon knows, found in the text: the longest gazetteer form at each token, with
the proclitics the lexicon allows split off (``لليبيا`` → ل + ليبيا), two names glued into one
token (``الجزائربطرابلس``), and not a known surname after someone else's given name
(``كوندوليزا رايس`` is not Susan Rice) or a name after ``جائزة``، ``مطار``، ``شارع``."""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress

from kg.arabic.clitics import folded_prefix_to_original, proclitic_readings
from kg.arabic.normalize import fold_names
from kg.extract.names import names_a_thing
from kg.extract.tokens import Sentence, memo_map, sentences, word_memo
from kg.lexicon.actors import FormKind, Gazetteer
from kg.lexicon.markers import markers
from kg.lexicon.words import word_map, word_set
from kg.model import Document, Mention, Span

Match = tuple[int, int, str, FormKind]  # (tokens or folded start, proclitic characters or folded end, key, kind)


def _match_gazetteer(
    g: Gazetteer, s: Sentence, i: int, starts: tuple[tuple[str, str], ...], prefixes: dict[tuple[str, ...], bool]
) -> Match | None:
    """Longest gazetteer match starting at token i: (length, prefix chars, key, kind);
    ``starts`` are the readings of the token that begin a form. A reading grows a word at a
    time while what it has read begins a longer form (``prefixes``)."""
    best = None
    top = min(g.max_len, len(s.folded) - i)
    for pre, rest in starts:
        key: tuple[str, ...] = (rest,)
        length, found = 1, None
        while True:
            hit = g.forms.get(key)
            if hit:
                found = (length, len(pre), hit[0], hit[1])
            if length >= top or key not in prefixes:
                break
            key += (s.folded[i + length],)
            length += 1
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return best


def _prefixes(g: Gazetteer) -> dict[tuple[str, ...], bool]:
    """The proper beginnings of the gazetteer's forms (``الأمم`` of ``الأمم المتحدة``), kept
    per gazetteer; the empty tuple marks them made."""
    memo = word_memo("gazetteer-prefixes", g, limit=None)
    if () not in memo:
        memo.update((form[:n], True) for form in g.forms for n in range(1, len(form)))
        memo[()] = True
    return memo


def _glued(g: Gazetteer, word: str) -> list[Match]:
    """Two names written as one token, the second after its proclitic (``الجزائربطرابلس``,
    ``مصروالسودان``): folded (start, end, key, kind). Without a proclitic between them, two
    names in one word are one other word (``إيوانيس`` is Ioannis, not Iowa + Nice)."""
    if len(word) < 7:
        return []
    for k in range(3, len(word) - 2):
        left = g.lookup((word[:k],))
        if not left:
            continue
        for pre, rest in proclitic_readings(word[k:]):
            right = g.lookup((rest,)) if pre else None
            if right:
                return [(0, k, *left), (k + len(pre), len(word), *right)]
    return []


def _span(tok: Span, folded_start: int, folded_end: int) -> tuple[int, int]:
    a = folded_prefix_to_original(tok.text, folded_start)
    b = folded_prefix_to_original(tok.text, folded_end)
    return tok.start + a, tok.start + b


def _named_after(g: Gazetteer, s: Sentence, i: int, key: str) -> bool:
    """A person's name after ``جائزة``، ``مطار``، ``شارع``, and the title (جامعة السلطان قابوس),
    names a prize or a place, not the person."""
    return g.entries[key].type == "Person" and names_a_thing(s, i, g)


def _other_bearer(g: Gazetteer, s: Sentence, i: int, key: str) -> bool:
    """A known person's surname after a given name that is not theirs names someone else
    (``كوندوليزا رايس`` is not Susan Rice): the given-name rule takes it."""
    e = g.entries[key]
    if e.type != "Person":
        return False
    prev = fold_names(s.tokens[i - 1].text)
    prev = prev[1:] if prev[:1] in "وف" and (prev[1:],) in g.given_names else prev
    return (prev,) in g.given_names and prev not in fold_names(e.label_ar).split()


def _national_body(g: Gazetteer, s: Sentence, i: int, hit: Match) -> bool:
    """``مجلس الأمن القومي``: an organization's name of several words followed by a word of the
    nation names a national body, not the international one."""
    k = i + hit[0]
    if hit[0] == 1 or g.entries[hit[2]].type != "Organization" or k >= len(s.folded):
        return False
    return s.folded[k] in markers()["national_after"]


def _dual_before_place(g: Gazetteer, s: Sentence, i: int, key: str) -> bool:
    """``ولايتي فارياب وقندوز``: a one-word name ending as a feminine noun's dual in construct does
    (تي) before a place is "the two provinces of", not Velayati."""
    if g.entries[key].type != "Person" or not s.folded[i].endswith("تي") or i + 1 >= len(s.folded):
        return False
    hit = g.lookup((s.folded[i + 1],))
    return hit is not None and g.entries[hit[0]].type in ("Place", "Country")


def _common_word_place(g: Gazetteer, s: Sentence, i: int, pre: str, key: str, length: int) -> bool:
    """A one-word place whose name is a common noun (``common_nouns.tsv``) or a verb of news
    (``frequent_words.tsv`` kind place_verb: تدمر destroys) without the context of a place: no
    locative preposition or place noun before it, a definite word before it that it agrees with
    (الأوراق البيضاء، الحد الأقصى) or that is the verb's subject (الحروب تدمر), an adjective, a
    nationality or من after a noun (الساحل الغربي، الساحل اللبناني، النيل من). ``كسرت`` (broke)
    is no ك + سرت at all."""
    if length != 1 or g.entries[key].type != "Place":
        return False
    if pre.endswith("ك"):
        return True  # "like" a town is rarely said
    word = s.folded[i][len(pre) :]
    nouns = word_set("common_nouns.tsv")
    noun = (word[2:] if word.startswith("ال") else word) in nouns
    nxt = s.folded[i + 1] if i + 1 < len(s.folded) else ""
    hit = g.lookup((nxt,))
    if not pre and _preposition_and_noun(word, nxt, hit, nouns):
        return True
    if nxt in markers()["idiom_after"]:
        return True  # مسقط رأسه: his birthplace, not Muscat
    verb = word_map("frequent_words.tsv", "kind").get(word) == "place_verb"
    if not noun and not verb:
        return False
    if verb and _verb_here(s, i, pre, nouns):
        return True
    if noun and (nxt in markers()["not_place_after"] or (hit is not None and hit[1] == "nisba")):
        return True
    if noun and nxt.startswith("ال") and nxt[2:] in nouns:
        return True  # an adjective agrees with it: الساحل الغربي، العقبة الأخيرة
    if pre.rstrip("و") in ("ب", "ل") or noun and pre.startswith("و"):
        return False  # بالساحل، لجدة: a glued preposition; البلدان المجاورة والساحل: a noun coordinated
    prev = s.folded[i - 1] if i > 0 else ""
    locative = markers()["locative"]
    return not (prev in locative or prev.lstrip("و") in locative or prev and not prev.startswith(("ال", "وال")))


def _preposition_and_noun(word: str, nxt: str, hit: tuple | None, nouns: frozenset[str]) -> bool:
    """A place whose name reads as ب or ل and a common noun, that noun in construct with the
    definite word after it (``بعقوبة الإعدام``: with the death penalty, not Baqubah), unless that
    word is a nationality (بعقوبة العراقية)."""
    if word[:1] not in ("ب", "ل") or word[1:] not in nouns or not nxt.startswith("ال"):
        return False
    return hit is None or hit[1] != "nisba"


SHADDA = "\u0651"  # the doubling mark


def _verb_here(s: Sentence, i: int, pre: str, nouns: frozenset[str]) -> bool:
    """Is a place named by a verb (``سرت`` spread، ``تدمر`` destroys) the verb here? After a
    word a finite verb follows (``حين سرت شائعة``، ``عندما تدمر``), or with an indefinite common
    noun after it, its subject or object (``سرت شائعة``), and no locative word or preposition
    before it (``في سرت``، ``مدينة تدمر``)."""
    if pre:
        return False  # بسرت، وتدمر: read by the rules for a glued word
    prev = s.folded[i - 1] if i > 0 else ""
    nxt = s.folded[i + 1] if i + 1 < len(s.folded) else ""
    locative = markers()["locative"]
    if prev in locative or prev in markers()["preposition"]:
        return False
    if prev in markers()["verb_leader"] or SHADDA in s.tokens[i].text:
        return True  # تدمّر: the doubling written on the verb (destroys), never on the town
    return nxt in nouns and nxt not in locative or nxt[:1].isdigit()  # تدمر 17 هدفا: a counted object


def _glued_to_hamza(s: Sentence, i: int, pre: str) -> bool:
    """``بأول`` is ب + أول (first), not Powell (``باول``): a name read from the token's first
    letter, when that letter is a proclitic and a hamza follows it, is a proclitic glued to
    another word (no name is written so); folding alone cannot tell them apart."""
    text = s.tokens[i].text
    return not pre and len(text) > 2 and text[0] in "بلكوف" and text[1] in "أإ"


def gazetteer_mentions(doc: Document, g: Gazetteer) -> list[Mention]:
    """Every name of the lexicon in the text, longest first, left to right; a place named by a
    common word only in the context of a place."""
    out: list[Mention] = []
    first = word_memo("gazetteer-first", g)  # a word's readings that begin a form (most: none)
    glued = word_memo("gazetteer-glued", g)
    named = word_memo("gazetteer-named", g)  # does a name begin in the word, or two lie glued in it?

    def readings(w: str) -> tuple[tuple[str, str], ...]:
        starts = first.get(w)
        if starts is None:
            starts = first[w] = tuple((p, r) for p, r in proclitic_readings(w) if r in g.first_tokens)
        return starts

    def names_in(w: str) -> bool:
        return bool(readings(w)) or bool(_glued_in(glued, g, w))

    prefixes = _prefixes(g)
    for s in sentences(doc):
        after = 0  # the first token past the last name found
        for i in compress(range(len(s.folded)), memo_map(named, names_in, s.folded)):
            if i < after:
                continue
            w = s.folded[i]
            starts = readings(w)
            hit = _match_gazetteer(g, s, i, starts, prefixes) if starts else None
            if hit and i > 0 and (hit[0] == 1 and _other_bearer(g, s, i, hit[2]) or _named_after(g, s, i, hit[2])):
                hit = None
            if hit and _national_body(g, s, i, hit):
                after = i + hit[0] + 1  # مجلس الأمن القومي: no part of it is a name either
                continue
            if hit and hit[0] == 1 and _dual_before_place(g, s, i, hit[2]):
                hit = None
            if hit and (
                _common_word_place(g, s, i, s.folded[i][: hit[1]], hit[2], hit[0])
                or _glued_to_hamza(s, i, s.folded[i][: hit[1]])
            ):
                hit = None
            if (
                hit
                and hit[0] > 1
                and g.entries[hit[2]].type != "Person"
                and _person_goes_on(g, s, i + hit[0] - 1, readings, prefixes)
            ):
                hit = None  # حركة فتح الله غولن: Fethullah Gülen's movement, not Fatah
            if hit:
                length, pre, key, kind = hit
                tok = s.tokens[i]
                start = tok.start + folded_prefix_to_original(tok.text, pre)
                end = s.tokens[i + length - 1].end
                out.append(Mention(start, end, doc.text[start:end], key, kind))
                after = i + length
                continue
            for fs, fe, key, kind in _glued_in(glued, g, w):
                a, b = _span(s.tokens[i], fs, fe)
                out.append(Mention(a, b, doc.text[a:b], key, kind))
    return out


def _person_goes_on(
    g: Gazetteer,
    s: Sentence,
    k: int,
    readings: Callable[[str], tuple[tuple[str, str], ...]],
    prefixes: dict[tuple[str, ...], bool],
) -> bool:
    """Does a person the lexicon knows begin at token k, the last of an organization's or a place's
    name found before it, and reach past it? Then the person is meant (``حركة فتح الله غولن``:
    Gülen, the word فتح his; a person's name goes on through a father's, محمد بن نايف بن عبدالعزيز)."""
    starts = readings(s.folded[k])
    hit = _match_gazetteer(g, s, k, starts, prefixes) if starts else None
    return hit is not None and hit[0] > 1 and g.entries[hit[2]].type == "Person"


def _glued_in(glued: dict[str, tuple[Match, ...]], g: Gazetteer, w: str) -> tuple[Match, ...]:
    """``_glued`` of a word, kept per word in ``glued`` (most: the one empty tuple)."""
    two = glued.get(w)
    if two is None:
        two = glued[w] = tuple(_glued(g, w))
    return two
