"""People the lexicon does not know, found by rule: after a title (``وزير الخارجية الجزائري
عبد القادر مساهل``), a given name (``كوفي أنان``), a verb of saying (``وقال ياهر إن``) or a
nationality standing for a noun (``وسجل الهولندي رود فان نيستلروي``); and a person's surname
or full name again later in the article (``أنان``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter, or_
from typing import TypedDict

from kg.arabic.clitics import folded_prefix_to_original, proclitic_readings
from kg.arabic.normalize import dediac, fold, fold_names
from kg.extract.names import (
    FOREIGN_GIVEN,
    LOOSE_TITLES,
    common_nouns,
    common_words,
    folded_stop,
    name_run,
    name_shaped,
    name_stop,
    names_a_thing,
    no_surname,
    one_word_noun,
    org_key,
    person_key,
    plausible_name,
    starts_a_name,
    thing_named_before,
)
from kg.extract.organizations import org_head
from kg.extract.tokens import Coverage, Sentence, memo_map, mention_starting, sentences, word_memo
from kg.lexicon.actors import Gazetteer, gazetteer
from kg.lexicon.markers import has_marker, markers, name_words
from kg.lexicon.romanize import romanize
from kg.model import Document, Mention

SURNAME_REACH = 3000  # characters after the full name where the surname alone still refers to it
HEADLINE_REACH = 400  # and before it (a headline names the person before the first paragraph)
TITLE_LENGTH = 6  # words of the longest title
PREPOSITION_NAMES = frozenset({"علي"})  # written without its final ى, the preposition على is the name علي
PREPOSITION_SPEECH = frozenset({fold("بين")})  # بيّن (explained) written like بين (between)
# traditions whose given names are not Arabic words, so one of them alone names a person


class Described(TypedDict, total=False):
    """What the text says of an entity a rule found: its labels and, after a title, its role,
    country and organization, and where the title stands (for role facts)."""

    label_ar: str
    label_en: str
    type: str
    country: str
    org: str
    role_en: str
    title_span: tuple[int, int]


def described(name: str, g: Gazetteer) -> Described:
    return {"label_ar": name, "label_en": romanize(name, g)}


# ---------------------------------------------------------------- after a title


def _title_at(g: Gazetteer, s: Sentence, i: int) -> tuple[int, tuple[str, ...]] | None:
    """Longest title starting at token i: (length, title key)."""
    best = None
    for _pre, rest in proclitic_readings(s.folded[i]):
        if rest not in g.title_words:
            continue
        for length in range(min(TITLE_LENGTH, len(s.folded) - i), 0, -1):
            key = (rest,) + s.folded[i + 1 : i + length]
            if key in g.titles:
                if best is None or length > best[0]:
                    best = (length, key)
                break
    return best


def _complements(
    g: Gazetteer, s: Sentence, j: int, taken_at: Mapping[int, Mention]
) -> tuple[int, str | None, str | None]:
    """Past a title's complements (definite words: ``الشؤون المغاربية``, names of bodies, a
    nisba): where the name may start, and the country and organization they name."""
    country = org = None
    while j < len(s.tokens):
        w = s.folded[j]
        m = mention_starting(taken_at, s.tokens[j])
        if m is not None:
            ent = g.entries.get(m.entity_id)
            if ent and ent.type == "Person":
                break
            if ent and ent.type == "Country":
                country = ent.key
            elif ent and ent.type == "Organization":
                org = ent.key
            j += 1  # past the mention's first token, even when the mention ends inside it (glued words)
            while j < len(s.tokens) and s.tokens[j].end <= m.end:
                j += 1
            continue
        if (w.startswith("ال") or w.startswith("وال")) and w not in name_stop() and len(w) > 3:
            j += 1
            continue
        break
    return j, country, org


def _in_known_person(g: Gazetteer, m: Mention | None, end: int) -> bool:
    """Does a lexicon person's mention go on past this title (الملك سلمان)?"""
    e = g.entries.get(m.entity_id) if m is not None else None
    return m is not None and e is not None and e.type == "Person" and m.end > end


def title_person_mentions(
    doc: Document, g: Gazetteer, taken: Sequence[Mention]
) -> tuple[list[Mention], dict[str, Described]]:
    """People after a title: ``وزير الخارجية الجزائري عبد القادر مساهل``.

    After the title come its complements; the name is the run of undefined name-like tokens
    that follows, with a last ``ال`` word allowed as family name (``فايز السراج``). Returns the
    new mentions and, per new person, what the title said (role, country, org) for role facts.
    """
    covered = {(m.start, m.end) for m in taken}
    taken_at = {m.start: m for m in taken}
    out: list[Mention] = []
    info: dict[str, Described] = {}
    titled = word_memo("title-first", g)  # may a title begin with the word (with its proclitics)?

    def may_begin(w: str) -> bool:
        return any(rest in g.title_words for _pre, rest in proclitic_readings(w))

    for s in sentences(doc):
        after = 0  # the first token past the last title read
        for i in compress(range(len(s.folded)), memo_map(titled, may_begin, s.folded)):
            t = _title_at(g, s, i) if i >= after else None
            if t and _in_known_person(g, taken_at.get(s.tokens[i].start), s.tokens[i].end):
                t = None  # الملك سلمان is the lexicon's King: his name after it is no second person
            if t and thing_named_before(s, i):
                t = None  # جامعة الملك عبد العزيز: a university
            if not t:
                continue
            role = g.titles[t[1]]
            j, country, org = _complements(g, s, i + t[0], taken_at)
            k = j + 1 if j < len(s.tokens) and s.tokens[j].text in "،," else j  # apposition: title، name
            run = name_run(s, k, taken_at)
            if not run or not plausible_name([s.folded[x] for x in run], g, loose=role.kind in LOOSE_TITLES):
                after = j if j > i else i + 1
                continue
            a, b = s.tokens[run[0]].start, s.tokens[run[-1]].end
            if (a, b) not in covered:
                key = person_key(doc.text[a:b], g)
                out.append(Mention(a, b, doc.text[a:b], key, "title"))
                covered.add((a, b))
                d = info.setdefault(key, described(doc.text[a:b], g))
                d.setdefault("role_en", role.role_en)
                d.setdefault("title_span", (s.tokens[i].start, s.tokens[j - 1].end if j > i else s.tokens[i].end))
                if country:
                    d.setdefault("country", country)
                if org:
                    d.setdefault("org", org)
            after = run[-1] + 1
    return out, info


# ---------------------------------------------------------------- after a given name


def _preposition_reading(s: Sentence, i: int, k: int, g: Gazetteer) -> bool:
    """``علي الصعيد``، ``علي إصدار``: the given name is the preposition on a ى-less keyboard,
    unless another name part follows it (``علي عبد الله``، ``علي لاريجاني`` after a title is
    found by the title rule)."""
    word = fold_names(s.tokens[i].text)
    bare = word[1:] if word[:1] in "وف" and word[1:] in PREPOSITION_NAMES else word
    if bare not in PREPOSITION_NAMES:
        return False
    nxt = fold_names(s.tokens[k].text)
    return not ((nxt,) in g.given_names or s.folded[k] in g.name_parts)


def _alone_is_a_name(toks: tuple[str, ...], g: Gazetteer) -> bool:
    """``مايكل``، ``سيباستيان`` alone are people; short ones (جان، سام، بول) are too often words."""
    return g.given_origin.get(toks) in FOREIGN_GIVEN and len("".join(toks)) >= 5


def _given_at(g: Gazetteer, s: Sentence, i: int) -> tuple[int, int, tuple[str, ...]] | None:
    """A given name of one or two words at token i, with و/ف only before it: (proclitic
    characters, words, the name); ``بيان`` is no ب + يان."""
    strict = s.names[i : i + 2]
    for pre, rest in proclitic_readings(strict[0]):
        if pre not in ("", "و", "ف"):
            continue
        for length in range(len(strict), 0, -1):  # two words only where two are left
            if (rest,) + strict[1:length] in g.given_names:
                return len(pre), length, (rest,) + strict[1:length]
    return None


def _given_name_at(
    g: Gazetteer, s: Sentence, i: int, taken_at: Mapping[int, Mention]
) -> tuple[int, int, int | None] | None:
    """A person's name that starts with a given name at token i: (proclitic characters, words
    of the given name, the name's last token or None when the given name alone is no name);
    None when no given name stands there."""
    hit = _given_at(g, s, i)
    if hit is None:
        return None
    pre, length, given = hit
    if length == 1 and s.tokens[i].text.endswith("ه") and given[0][:-1] in common_nouns():
        return None  # إدارة ناديه الأهلي: his club, not Nadia (written نادية); ساره is Sarah
    foreign = g.given_origin.get(given) in FOREIGN_GIVEN
    rest = name_run(s, i + length, taken_at, limit=3, al_first=True, foreign=foreign)
    if rest and length == 1 and _preposition_reading(s, i, rest[0], g):
        rest = []
    if rest and no_surname(s.folded[rest[0]], g, s.tokens[rest[0]].text, foreign):
        rest = []  # عباس لنعته، عباس جاءت
    if not rest and not _alone_is_a_name(given, g):
        return pre, length, None
    return pre, length, rest[-1] if rest else i + length - 1


def _not_a_person_here(s: Sentence, i: int) -> bool:
    """A given name after a connector continues a name begun before (آل سعود، بن سلمان); after a
    thing named after a person, and its title, it names the thing (دوري عبد اللطيف جميل، جامعة
    نايف، مستشفى الملك خالد)."""
    if i == 0:
        return False
    return s.folded[i - 1] in name_words()["connector"] or names_a_thing(s, i, gazetteer())


_AFTER_FIRST = itemgetter(slice(1, None))  # a word without its first letter (a proclitic)
_END = attrgetter("end")


def given_name_mentions(doc: Document, g: Gazetteer, taken: Sequence[Mention]) -> list[Mention]:
    """People introduced by a known given name and a surname: ``كوفي أنان``، ``ومحمد سيالة``."""
    taken_at = {m.start: m for m in taken}
    covered = Coverage(len(doc.text), taken)
    out: list[Mention] = []
    first = g.given_first.__contains__
    for s in sentences(doc):
        after = 0  # the first token past the last name found (its tokens begin none)
        # the tokens that begin a given name, also after a proclitic (ومحمد): most none
        maybe = map(or_, map(first, s.names), map(first, map(_AFTER_FIRST, s.names)))
        for i in compress(range(len(s.names)), maybe):
            tok = s.tokens[i]
            if i < after or tok.start in covered or _not_a_person_here(s, i):
                continue
            found = None if dediac(tok.text) in name_stop() else _given_name_at(g, s, i, taken_at)
            if found is None:
                continue
            pre, length, last = found
            if last is None:
                after = i + length
                continue
            a = tok.start + folded_prefix_to_original(tok.text, pre)
            if not pre and i > 0 and s.folded[i - 1] in name_words()["kunya"] and s.tokens[i - 1].start not in covered:
                a = s.tokens[i - 1].start  # أبو عبد الله: the kunya is part of the name
            b = s.tokens[last].end
            out.append(Mention(a, b, doc.text[a:b], person_key(doc.text[a:b], g), "given-name"))
            covered.add(a, b)
            after = last + 1
    return out


# ---------------------------------------------------------------- after a verb of saying


def _speaker_said(s: Sentence, run: list[int], bare_verb: str, g: Gazetteer) -> bool:
    """Is the name run after a verb of saying its subject? What was said follows it (``إن``،
    ``:``، ``«``), or a name-shaped subject is followed by an apposition, a relative or an
    addressee (وقال ريناتو سوليدام رئيس المعهد، وقال باتشان الذي، وقال تريباثي للصحفيين)."""
    after = run[-1] + 1
    comp = markers()["complementizer"] | name_words()["said_that"]
    said = after < len(s.folded) and (s.folded[after] in comp or s.tokens[after].text in ':«"')
    if not starts_a_name([s.folded[k] for k in run], g) or s.folded[run[-1]].endswith("ا") and len(run) == 1:
        return False  # رئيسا، متمنيا: an accusative word is no subject; بشكل: a common noun
    if not said and bare_verb in PREPOSITION_SPEECH:
        return False  # وبين غروب الشمس: بين is "between" more often than "explained"
    return said or (
        after < len(s.folded)
        and (
            s.tokens[after].text in "،,-("
            or s.folded[after] in name_words()["subject_follower"]
            or s.folded[after] in g.title_words
            or s.folded[after].startswith("لل")
        )
    )


@lru_cache(maxsize=65536)
def _speech_verb(word: str) -> bool:
    """Is a folded word a verb of saying (``وقال``)? Asked of every token: kept per word."""
    return has_marker(word, "speech")


def _speaker(doc: Document, s: Sentence, run: list[int], g: Gazetteer) -> Mention:
    """The speaker a name run names: a person, or the organization named after a head noun that
    opens the run (``وقال حزب بهاراتيا جاناتا إن``: a party, not a man called Hizb)."""
    if len(run) > 1 and org_head(s.folded[run[0]]):
        a, b = s.tokens[run[1]].start, s.tokens[run[-1]].end
        return Mention(a, b, doc.text[a:b], org_key(doc.text[a:b], g), "org-head")
    a, b = s.tokens[run[0]].start, s.tokens[run[-1]].end
    return Mention(a, b, doc.text[a:b], person_key(doc.text[a:b], g), "speaker")


def speaker_mentions(doc: Document, g: Gazetteer, taken: Sequence[Mention]) -> list[Mention]:
    """The unknown name between a verb of saying and what was said: ``وقال ياهر إن …``."""
    taken_at = {m.start: m for m in taken}
    covered = Coverage(len(doc.text), taken)
    out: list[Mention] = []
    for s in sentences(doc):
        for i in compress(range(len(s.folded)), map(_speech_verb, s.folded)):  # after a verb of saying
            w = s.folded[i]
            if i + 1 < len(s.folded) and s.folded[i + 1] in name_words()["addressee"]:
                continue  # وقال لي إن: whom it was said to follows, not who said it
            run = name_run(s, i + 1, taken_at, limit=3)
            if not run or any(s.tokens[k].start in covered for k in run):
                continue
            bare = w[1:] if len(w) > 3 and w[0] in "وف" else w
            if _speaker_said(s, run, bare, g):
                out.append(_speaker(doc, s, run, g))
                covered.add(s.tokens[run[0]].start, s.tokens[run[-1]].end)
    return out


# ---------------------------------------------------------------- after a nationality


def _nisba_before_name(s: Sentence, i: int, m: Mention | None, covered: Coverage, g: Gazetteer) -> bool:
    """A singular nisba with the article standing for a noun (``الفرنسي``, not ``الليبيين
    أنفسهم``), after a verb, a preposition, punctuation or nothing (not ``الجيش الفرنسي``)."""
    w, tok = s.folded[i], s.tokens[i]
    if (
        m is None
        or m.kind != "nisba"
        or m.end != tok.end
        or not w.lstrip("وفبل").startswith("ال")
        or not w.endswith(("ي", "يه"))
    ):
        return False
    if i == 0:
        return True
    prev = s.folded[i - 1]
    return not (
        prev.startswith(("ال", "وال"))
        or s.tokens[i - 1].start in covered
        or prev.endswith(("ه", "ها", "هم"))
        or prev in g.title_vocab
    )


def nisba_person_mentions(
    doc: Document, g: Gazetteer, taken: Sequence[Mention]
) -> tuple[list[Mention], dict[str, Described]]:
    """A nationality standing for a noun, then a name: ``وسجل الفرنسي تييري هنري``، ``على
    الهولندي رود فان نيستلروي``."""
    taken_at = {m.start: m for m in taken}
    covered = Coverage(len(doc.text), taken)
    out: list[Mention] = []
    info: dict[str, Described] = {}
    nisba_ends = {m.end for m in taken if m.kind == "nisba"}  # a token ending none ends no nisba
    for s in sentences(doc):
        ending = map(nisba_ends.__contains__, map(_END, s.tokens[:-1]))
        for i in compress(range(len(s.tokens) - 1), ending):
            tok = s.tokens[i]
            m = taken_at.get(tok.start) or mention_starting(taken_at, tok)
            if m is None or not _nisba_before_name(s, i, m, covered, g):
                continue
            run = name_run(s, i + 1, taken_at, limit=3)
            words = [s.folded[k] for k in run]
            if not run or not name_shaped(words[0], g) or one_word_noun(words):
                continue
            if any(s.tokens[k].start in covered for k in run):
                continue
            a, b = s.tokens[run[0]].start, s.tokens[run[-1]].end
            key = person_key(doc.text[a:b], g)
            out.append(Mention(a, b, doc.text[a:b], key, "nisba-name"))
            covered.add(a, b)
            info.setdefault(key, Described(**described(doc.text[a:b], g), country=m.entity_id))
    return out, info


# ---------------------------------------------------------------- the same person again


def _surnames(people: Sequence[Mention], g: Gazetteer) -> dict[str, Mention]:
    """Surnames that refer to a person alone: a lexicon person's last name word, or a found
    person's when it is no stop word, common word or given name."""
    surnames: dict[str, Mention] = {}
    for m in people:
        words = fold_names(m.text).split()
        last = words[-1] if words else ""
        if m.entity_id in g.entries:
            if len(words) >= 2 and len(last) >= 3 and not last.startswith("ال"):
                surnames.setdefault(last, m)
        elif (
            len(words) >= 2
            and len(last) >= 3
            and fold(last) not in folded_stop()
            and not last.startswith("ال")
            and fold(last) not in common_words()
            and (last,) not in g.given_names
            and name_shaped(fold(last), g, nouns=False)  # the full name came before: علم may be one
        ):
            surnames.setdefault(last, m)
    return surnames


def _full_name_at(names: tuple[str, ...], i: int, fulls: Mapping[tuple[str, ...], Mention]):
    """(mention, proclitic, length) when a full name found elsewhere starts at token i."""
    for pre, rest in proclitic_readings(names[i])[:2]:
        for n in (4, 3, 2):
            if i + n <= len(names) and (rest,) + names[i + 1 : i + n] in fulls:
                return fulls[(rest,) + names[i + 1 : i + n]], pre, n
    return None


def _surname_at(s: Sentence, i: int, surnames: Mapping[str, Mention], doc: Document) -> Mention | None:
    """A surname alone at token i, near the full name it refers to."""
    w, tok = s.names[i], s.tokens[i]
    if w not in surnames and w[1:] not in surnames:
        return None
    for pre, rest in proclitic_readings(w)[:2]:
        m = surnames.get(rest)
        if m is not None and (m.start - HEADLINE_REACH <= tok.start <= m.end + SURNAME_REACH):
            a = tok.start + folded_prefix_to_original(tok.text, len(pre))
            return Mention(a, tok.end, doc.text[a : tok.end], m.entity_id, "short-name")
    return None


def short_name_mentions(doc: Document, people: Sequence[Mention], taken: Sequence[Mention]) -> list[Mention]:
    """A person's surname alone after the full name (``أنان`` after ``كوفي أنان``); for people
    the lexicon knows, even a surname that is also a given name (``عباس``)."""
    g = gazetteer()
    surnames = _surnames(people, g)
    fulls = {
        tuple(fold_names(m.text).split()): m
        for m in people  # a speaker's name is too weak to repeat
        if m.entity_id not in g.entries and len(m.text.split()) >= 2 and m.kind != "speaker"
    }
    if not surnames and not fulls:
        return []
    firsts = {k[0] for k in fulls}
    either = firsts | surnames.keys()  # a sentence with none of these words, bare or after و/ف, has nothing
    covered = Coverage(len(doc.text), taken)
    out = []
    for s in sentences(doc):
        if either.isdisjoint(s.names) and either.isdisjoint(map(_AFTER_FIRST, s.names)):
            continue
        skip_to = 0
        for i, tok in enumerate(s.tokens):
            if tok.start in covered or i < skip_to:
                continue
            again = firsts.intersection(s.names[i : i + 1]) or s.names[i][1:] in firsts
            full = _full_name_at(s.names, i, fulls) if again else None  # the whole name, anywhere in the article
            if full is not None:
                m, pre, n = full
                a, b = tok.start + folded_prefix_to_original(tok.text, len(pre)), s.tokens[i + n - 1].end
                if not any(x in covered for x in range(a, b)):
                    out.append(Mention(a, b, doc.text[a:b], m.entity_id, "short-name"))
                    covered.add(a, b)
                    skip_to = i + n
                    continue
            alone = _surname_at(s, i, surnames, doc)
            if alone is not None:
                out.append(alone)
    return out
