"""Offices named by a title: who a title and a nationality or a state name (``الرئيس اليمني``،
``وزير الخارجية المصري``، ``خادم الحرمين الشريفين``) stand for when no name follows: the person the
reference positions say held the office on the article's date, or a person known by the office."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import cache

from kg.arabic.clitics import Clitic, strip_clitic
from kg.arabic.normalize import fold
from kg.extract.tokens import Sentence, mention_starting
from kg.lexicon.actors import ActorEntry, Gazetteer, entry_entity, gazetteer, slug
from kg.lexicon.markers import find_marker, has_marker
from kg.lexicon.positions import generic_role, held_on, holder_on, office_names, positions
from kg.lexicon.predicates import predicate_lexicon
from kg.lexicon.tsv import read_rows
from kg.model import Document, Entity, Fact, Mention

Found = tuple[Mention, Mention | None, tuple[Entity, Fact] | None]  # description, nisba taken in, entity and fact
TITLE_SPAN = 4  # the most words of a title a description begins with (وزير الدولة للشؤون الخارجية)
# titles that name one office (not المسؤول, an official of any kind, nor a form of address or a trade)
OFFICIAL_KINDS = {"head_of_state", "head_of_government", "minister", "diplomat", "envoy", "spokesperson"}
NOT_NAME_MARKERS = ("preposition", "speech", "light", "begin", "negation", "future", "complementizer", "time_anchor")
ROYAL_OFFICES = {
    "King",
    "Crown Prince",
    "Deputy Crown Prince",
    "Emir",
    "Sultan",
}  # royal titles one person holds in a country


def nisba_at(s: Sentence, k: int, by_start: Mapping[int, Mention]) -> bool:
    """Is token k a nisba (``الفلسطيني``)?"""
    m = mention_starting(by_start, s.tokens[k]) if k < len(s.tokens) else None
    return m is not None and m.kind == "nisba"


def named_after(s: Sentence, k: int, by_start: Mapping[int, Mention], ents: Mapping[str, Entity]) -> Mention | None:
    """The person named right after token k, where a long title phrase ends (its nisba), or after
    a comma there (``وزير الخارجية الأمريكي، مايك بومبيو``); a name further on is another's."""
    for j in (k + 1, k + 2):
        if j < len(s.tokens) and (j == k + 1 or s.tokens[k + 1].text in "،,"):
            m = mention_starting(by_start, s.tokens[j])
            if m is not None and ents.get(m.entity_id) is not None and ents[m.entity_id].type == "Person":
                return m
    return None


def name_may_follow(s: Sentence, k: int) -> bool:
    """May the word after token k begin the name of whom the title phrase ending there describes
    (``رئيس الوزراء اليوناني ألكسيس تسيبراس``)? Not punctuation, a number, a word of the
    predicate lexicon or the markers, nor a word with the article (written ال, not أل) that is no
    given name."""
    if k + 1 >= len(s.tokens) or not s.folded[k + 1].isalpha():
        return False
    w, g = strip_clitic(s.folded[k + 1]), gazetteer()
    if w in predicate_lexicon().forms or s.folded[k + 1] in predicate_lexicon().forms:
        return False
    if any(find_marker(s.folded[k + 1], kind, Clitic.CONJ) for kind in NOT_NAME_MARKERS):
        return False
    raw = s.tokens[k + 1].text.lstrip("وف")
    return not (w.startswith("ال") and raw.startswith("ال")) or (w,) in g.given_names  # ألكسيس: no article


def office_of(g: Gazetteer, word: str) -> bool:
    """A title word before a description puts it in construct (``مستشار``، ``نائب``، ``سفير``،
    ``حكومة``): the office is another's; an honorific (``فخامة``) is no such word."""
    title = g.titles.get((word,))
    return word in g.title_vocab and not (title is not None and title.kind == "honorific")


def title_at(g: Gazetteer, s: Sentence, i: int, w: str) -> tuple[str, ...]:
    """The title a description begins with at token i (``w``: its word without a conjunction):
    one word with the article (``الوزير``), or the longest of two words or more (``وزير
    الخارجية``، ``ولي العهد``; ``وزير`` begins with و, which may be a conjunction or not)."""
    if i > 0 and office_of(g, strip_clitic(s.folded[i - 1])) and not _after_state_title(g, s, i):
        return ()  # مستشار خادم الحرمين الشريفين، نائب الرئيس المصري: another's office
    if (w,) in g.titles and w.startswith("ال"):
        return (w,)
    for first in dict.fromkeys((w, s.folded[i])):
        for n in range(TITLE_SPAN, 1, -1):
            title = (first, *s.folded[i + 1 : i + n])
            if title in g.titles and i + n <= len(s.folded):
                return () if i > 0 and (s.folded[i - 1], *title) in g.titles else title  # ولي ولي العهد
    return ()


def _after_state_title(g: Gazetteer, s: Sentence, i: int) -> bool:
    """Does a whole title that names its state (``خادم الحرمين الشريفين``: titles.tsv column
    country) end right before token i? Then a title at i is another person's (``استقبل خادم الحرمين
    الشريفين وزير الخارجية الأمريكي``: the king and his guest)."""
    for n in range(2, TITLE_SPAN + 1):
        title = g.titles.get(tuple(strip_clitic(w) if k == 0 else w for k, w in enumerate(s.folded[max(0, i - n) : i])))
        if i - n >= 0 and title is not None and title.country:
            return True
    return False


def unnamed_official(
    doc: Document, g: Gazetteer, words: tuple[str, ...], country: str, span: tuple[int, int], named: bool
) -> tuple[Entity, Fact] | None:
    """An office and a nationality that name no one the article names: the person the reference
    data says held that office that day (``الرئيس اليمني`` in 2015 is Hadi; ``نائب الرئيس
    الأمريكي`` in 2018 is Pence), else, for an office of state with no name after it (``named``:
    a word that may begin one follows), a person of their own, known by the office, with the
    role the text states (``القنصل التركي``)."""
    title = g.titles.get(words)
    if title is None or country not in g.entries:
        return None
    start, end = span
    holder = holder_on(country, title.role_en, doc.date)
    if holder is not None:  # الرئيس اليمني in 2015: the one president of Yemen that day
        return _held(holder, title.role_en, start, end)
    royal = any(o in ROYAL_OFFICES for o in office_names(country, title.role_en))
    if named or not (title.kind in OFFICIAL_KINDS or royal):
        return None
    place = g.entries[country]
    eid = f"official_{slug(title.role_en)}_{country}"
    entity = Entity(
        eid, "Person", doc.text[start:end], f"{title.role_en} ({place.label_en})", None, country, title.role_en
    )
    return entity, Fact(eid, "holdsPosition", title.role_en, start, end, "article")


def _held(holder: str, role: str, start: int, end: int) -> tuple[Entity, Fact]:
    """The entity of who held ``role`` that day, with the role, and the fact the text states it."""
    return replace(entry_entity(gazetteer().entries[holder]), role_en=role), Fact(
        holder, "holdsPosition", role, start, end, "article"
    )


def former_after(s: Sentence, k: int) -> bool:
    """Does the word after token k say the office was held before (``السابق``: markers kind former)?"""
    return k + 1 < len(s.tokens) and has_marker(s.folded[k + 1], "former", Clitic.NONE)


@cache
def construct_offices() -> dict[tuple[str, ...], str]:
    """``construct_offices.tsv``: the folded words of a title in construct -> the office's role."""
    rows = read_rows("construct_offices.tsv", ("title_ar", "role_en"), ("title_ar", "role_en"))
    return {tuple(fold(r["title_ar"]).split()): r["role_en"] for r in rows}


def office_of_state(
    doc: Document,
    s: Sentence,
    i: int,
    by_start: Mapping[int, Mention],
    ents: Mapping[str, Entity],
    latest: Callable[[str | None, str | None], Mention | None],
) -> Found | None:
    """``أمير قطر``، ``وزير خارجية مصر``، ``ملك الأردن``: a title in construct with a state's name
    at token i is the person named right after it, else the last person of that state in that
    office (``latest``), else the one who held it that day; with the state's mention it takes in
    and, for the holder, the entity and role fact. None when it names no one kg knows."""
    offices = construct_offices()
    if i > 0 and office_of(gazetteer(), strip_clitic(s.folded[i - 1])):
        return None  # مستشار أمير قطر: another's office
    found = [
        (first, n)
        for first in dict.fromkeys((strip_clitic(s.folded[i]), s.folded[i]))  # وزير: و is its own letter
        for n in (2, 1)
        if (first, *s.folded[i + 1 : i + n]) in offices and i + n < len(s.tokens)
    ]
    first, n = found[0] if found else ("", 0)
    state = mention_starting(by_start, s.tokens[i + n]) if n else None
    if state is None or state.kind == "nisba" or (e := ents.get(state.entity_id)) is None or e.type != "Country":
        return None
    role = offices[(first, *s.folded[i + 1 : i + n])]
    last = max(k for k in range(i + n, len(s.tokens)) if s.tokens[k].start < state.end)
    ante = named_after(s, last, by_start, ents) or latest(
        state.entity_id, office_names(state.entity_id, role)[-1].lower()
    )
    tok = s.tokens[i]
    start = tok.start + len(tok.text) - len(first) if s.folded[i] != first else tok.start
    text = doc.text[start : state.end]
    if ante is not None:
        return Mention(start, state.end, text, ante.entity_id, "description", (ante.start, ante.end)), state, None
    after = last + 1 + (last + 1 < len(s.tokens) and s.folded[last + 1].startswith("ال"))  # رئيس كوبا الجديد
    holder = holder_on(state.entity_id, role, doc.date)
    if holder is None or former_after(s, last) or name_may_follow(s, after - 1):
        return None  # أمير قطر السابق، رئيس كوبا الجديد ميغيل دياز كانيل: not that day's holder
    return Mention(start, state.end, text, holder, "description"), state, _held(holder, role, start, state.end)


def counterpart(
    doc: Document,
    s: Sentence,
    i: int,
    by_start: Mapping[int, Mention],
    ents: Mapping[str, Entity],
    before: Mention | None,
) -> Found | None:
    """``التقى وزير الخارجية الأمريكي جون كيري نظيره الروسي``: a counterpart (markers kind
    counterpart) with a nisba and no name after it is who held, on the article's date, the office
    of the person named ``before`` it in the sentence, in the nisba's country (Lavrov)."""
    nisba = mention_starting(by_start, s.tokens[i + 1]) if i + 1 < len(s.tokens) else None
    if nisba is None or nisba.kind != "nisba" or before is None or named_after(s, i + 1, by_start, ents):
        return None
    if name_may_follow(s, i + 1):
        return None  # نظيره الروسي سيرغي …: the name kg does not know is who
    subject = ents.get(before.entity_id)
    if subject is None or not subject.role_en or not subject.country:
        return None
    role = generic_role(subject.country, subject.role_en)
    holder = holder_on(nisba.entity_id, role, doc.date)
    if holder is None or holder == subject.id:
        return None
    start = s.tokens[i].start
    return (
        Mention(start, nisba.end, doc.text[start : nisba.end], holder, "description"),
        nisba,
        _held(holder, role, start, nisba.end),
    )


@cache
def _head_roles() -> frozenset[str]:
    """The roles of a state's or a government's head (titles kinds head_of_state and
    head_of_government, deputies apart) and its monarchs."""
    g = gazetteer()
    heads = {t.role_en for t in g.titles.values() if t.kind in ("head_of_state", "head_of_government")}
    monarchs = ROYAL_OFFICES - {"Crown Prince", "Deputy Crown Prince"}
    return frozenset({r for r in heads if not r.startswith("Deputy")} | monarchs)


def _headed_a_state(e: ActorEntry) -> bool:
    """Did this person ever head a state or a government (reference positions or lexicon roles)?"""
    roles = {h.role for h in positions().get(e.key, ())} | set(e.roles) | {e.role_en or ""}
    return bool(roles & _head_roles())


def _word_before(text: str, at: int) -> tuple[int, str]:
    """The start and text of the word that ends right before offset ``at`` (one space between)."""
    end = at - 1 if at > 0 and text[at - 1] == " " else at
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start, text[start:end]


def leaders_governments(doc: Document, mentions: list[Mention], g: Gazetteer) -> list[Mention]:
    """``إدارة ترامب``، ``حكومة نتنياهو``، ``نظام الأسد`` (markers kind government_of): a government
    named by who heads or headed it is that person's state (``إدارة أوباما`` in 2018 too: the acts
    it names were the state's); a title may stand between (``إدارة الرئيس ترامب``). A person who
    never headed a state (``حكومة الوفاق``'s ministers) names no government."""
    out = []
    for m in mentions:
        e = g.entries.get(m.entity_id)
        if e is None or e.type != "Person" or not e.country or e.country not in g.entries:
            out.append(m)
            continue
        start, word = _word_before(doc.text, m.start)
        if (fold(word),) in g.titles or strip_clitic(fold(word)) in g.title_words:
            start, word = _word_before(doc.text, start)  # إدارة الرئيس ترامب
        marker = find_marker(fold(word), "government_of", Clitic.ANY)
        if not marker or not _headed_a_state(e):
            out.append(m)
            continue
        start += len(word) - len(marker) if len(fold(word)) > len(marker) else 0
        out.append(Mention(start, m.end, doc.text[start : m.end], e.country, "name"))
    return out


@cache
def _holders_of() -> dict[str, tuple[str, ...]]:
    """A role the lexicon gives (``Secretary-General of the United Nations``) -> the people it gives it."""
    out: dict[str, list[str]] = {}
    for key, e in gazetteer().entries.items():
        if e.type == "Person":
            for role in e.roles or ((e.role_en,) if e.role_en else ()):
                out.setdefault(role, []).append(key)
    return {k: tuple(v) for k, v in out.items()}


def _a_body(g: Gazetteer, m: Mention | None) -> bool:
    """A named organization (not a generic group such as الحكومة)."""
    e = g.entries.get(m.entity_id) if m is not None else None
    return e is not None and e.type == "Organization" and e.group is None


def _after_name_or_noun(
    g: Gazetteer, s: Sentence, i: int, by_start: Mapping[int, Mention], ents: Mapping[str, Entity]
) -> bool:
    """Does a person's name (``أنطونيو غوتيريز الأمين العام``: apposition) or a noun of another's
    office (``مبعوث الأمين العام``: construct) end right before token i?"""
    if i == 0:
        return False
    prev = strip_clitic(s.folded[i - 1])
    if prev in g.title_vocab or "ال" + prev in g.title_vocab:
        return True
    end = s.tokens[i - 1].end
    return any(
        m.end == end and (e := ents.get(m.entity_id)) is not None and e.type == "Person" for m in by_start.values()
    )


def office_of_body(
    doc: Document,
    s: Sentence,
    i: int,
    words: tuple[str, ...],
    by_start: Mapping[int, Mention],
    ents: Mapping[str, Entity],
    start: int,
) -> Found | None:
    """``الأمين العام للأمم المتحدة``: a title that names the office of a body (a known organization
    inside it; no nisba) is the one person who held that role on the article's date (Ban Ki-moon
    in 2015, Guterres in 2018); not when a name follows or stands before it (the name is who), in
    construct with another's office (مبعوث الأمين العام), nor for a former holder."""
    g = gazetteer()
    title, last = g.titles[words], i + len(words) - 1  # words: the title found at token i (title_at)
    bodies = [mention_starting(by_start, s.tokens[k]) for k in range(i + 1, last + 1)]
    if doc.date is None or not any(_a_body(g, m) for m in bodies):
        return None  # رئيس الحكومة names no body (الحكومة is anyone's): only للأمم المتحدة and its like
    if former_after(s, last) or named_after(s, last, by_start, ents) or _after_name_or_noun(g, s, i, by_start, ents):
        return None
    keys = [
        k
        for k in _holders_of().get(title.role_en, ())
        if any(h.role == title.role_en for h in held_on(g.entries[k], doc.date))
    ]
    known_next = last + 1 < len(s.tokens) and mention_starting(by_start, s.tokens[last + 1]) is not None
    if len(keys) != 1 or (name_may_follow(s, last) and not known_next):
        return None  # a name kg does not know may follow: that is who
    end = s.tokens[last].end
    return (
        Mention(start, end, doc.text[start:end], keys[0], "description"),
        None,
        _held(keys[0], title.role_en, start, end),
    )
