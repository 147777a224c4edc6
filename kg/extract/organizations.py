"""Organizations and groups found by rule: a name after the noun that introduces it (``شركة
نوكيا``، ``صحيفة «القادسية»``، ``نادي الزمالك``), the source of a news dateline (``الدوحة - قنا
-``), a city's club or broadcaster (``صفوف مانشستر``، ``مراسل الجزيرة``، ``اتحاد طنجة``), and
generic groups with the nationality after them (``الشرطة الإسرائيلية`` → police (Israel))."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import compress

from kg.arabic.clitics import folded_prefix_to_original, proclitic_readings
from kg.arabic.normalize import fold
from kg.extract.clause import definite_nisba
from kg.extract.names import (
    NAMEISH,
    common_nouns,
    common_words,
    folded_stop,
    frequent_words,
    masdar_shaped,
    name_shaped,
    not_a_name,
    org_key,
)
from kg.extract.tokens import Coverage, Sentence, sentences
from kg.lexicon.actors import ActorEntry, Gazetteer, slug
from kg.lexicon.markers import markers, name_words
from kg.lexicon.romanize import romanize
from kg.lexicon.tsv import read_rows
from kg.lexicon.words import word_set
from kg.model import Document, Entity, Mention

QUOTE_PAIRS = {'"': '"', "«": "»", "“": "”"}
DASHES = frozenset({"-", "ـ", "–", "—"})
QUOTED_LENGTH = 6  # tokens a quoted name may take, with its quotes


def _reads_as(word: str, words: frozenset[str]) -> bool:
    """Is the word, with or without its proclitics, one of these?"""
    return any(rest in words for _pre, rest in proclitic_readings(word))


def _quoted(s: Sentence, k: int, covered: Coverage) -> tuple[int, int] | None:
    """The offsets of a quoted name opening at token k (``«القادسية»``)."""
    close = QUOTE_PAIRS[s.tokens[k].text]
    n = len(s.tokens)
    end = next((j for j in range(k + 1, min(n, k + QUOTED_LENGTH)) if s.tokens[j].text == close), None)
    if end is None or end == k + 1 or any(s.tokens[j].start in covered for j in range(k + 1, end)):
        return None
    if end == k + 2 and _quoted_adjective(s, k + 1):
        return None
    return s.tokens[k + 1].start, s.tokens[end - 1].end


def _quoted_adjective(s: Sentence, k: int) -> bool:
    """A quoted indefinite feminine adjective is a description the writer distances himself from
    (منظمة "إرهابية"، جماعة «متطرفة»), not the body's name (صحيفة «الحياة»، مؤسسة "ضمان")."""
    w = s.folded[k]
    return _common_word(w) and not w.startswith("ال") and s.tokens[k].text.endswith(("ية", "ة")) and len(w) > 4


def _unquoted(s: Sentence, k: int, head: str, heads: frozenset[str], strong: frozenset[str], g: Gazetteer) -> bool:
    """Is the one word at token k, after the head word, an organization's name? After a club or
    channel word, a word with the article (``نادي الزمالك``); after a strong head, an unknown
    word of four letters or more (``شركة نوكيا``; three-letter words are mostly Arabic nouns)."""
    word = s.folded[k]
    if word.startswith("ال") and _reads_as(head, name_words()["club_head"]):
        bare = word[2:]
        return not (
            _feminine_phrase(s, k, head)
            or masdar_shaped(bare)
            or bare.endswith(("اء", "ون", "ين", "ات"))
            or len(bare) < 3
            or bare in heads
            or word in common_words()
            or word in g.title_vocab
            or word in name_words()["place_head"]  # نادي العاصمة: the capital's club, named elsewhere
            or _activity_team(head, bare)
        )
    if not _reads_as(head, strong) or not name_shaped(word, g, body=True) or masdar_shaped(word):
        return False
    return not (
        not NAMEISH.match(word)
        or len(word) < 4
        or word.startswith("ال")
        or word in common_words()
        or word in folded_stop()
        or word.endswith(("ه", "ي", "يه"))
        or not_a_name(word)
        or word in g.title_words
        or (word,) in g.given_names
    )


def _activity_team(head: str, bare: str) -> bool:
    """``فريق الرصد``، ``فريق الصيانة``، ``فريق العمل``: a team named by what it does, a common noun
    or a frequent word, is no club (a club the lexicon knows is found before this rule)."""
    return _reads_as(head, name_words()["team_head"]) and _common_word(bare)


def _common_word(w: str) -> bool:
    """A common noun or a frequent word of news (folded, without the article)."""
    return w in common_nouns() or w in frequent_words()


def _feminine_phrase(s: Sentence, k: int, head: str) -> bool:
    """After a masculine head, a feminine common noun and the feminine adjective that agrees with
    it (``نادي الشراكة المجتمعية``، ``فريق المسؤولية الاجتماعية``): a noun phrase, for a club's
    adjective agrees with نادي (الوحدة الإماراتي); after قناة it may agree with the head (قناة
    المسيرة التابعة), and a name may be a phrase (فريق المولودية الوجدية)."""
    if head.endswith("ه") or s.folded[k][2:] not in common_nouns():
        return False
    nxt = s.tokens[k + 1].text if k + 1 < len(s.tokens) else ""
    return s.tokens[k].text.endswith("ة") and nxt.startswith("ال") and nxt.endswith("ة")


@lru_cache(maxsize=65536)
def org_head(word: str) -> bool:
    """Does a folded word read as an organization's head noun (``org_heads.tsv``: ``ووكالة``)?
    Asked of every token: kept per word."""
    return _reads_as(word, word_set("org_heads.tsv"))


@lru_cache(maxsize=1)
def _strong_heads() -> frozenset[str]:
    """The head nouns that name an organization whatever word follows (name_words.tsv's
    strong_org_head), sorted out once rather than for every article."""
    return frozenset(h for h in word_set("org_heads.tsv") if h in name_words()["strong_org_head"])


def org_head_mentions(doc: Document, g: Gazetteer, taken: Sequence[Mention]) -> list[Mention]:
    """Organizations named after the common noun that introduces them (org_heads.tsv): a quoted
    name (``صحيفة «القادسية»``) or one unknown word (``شركة نوكيا``)."""
    heads, strong = word_set("org_heads.tsv"), _strong_heads()
    covered = Coverage(len(doc.text), taken)
    out: list[Mention] = []
    for s in sentences(doc):
        n = len(s.tokens)
        for i in compress(range(n - 1), map(org_head, s.folded[:-1])):  # after a head noun
            w = s.folded[i]
            k = i + 2 if i + 1 < n and s.folded[i + 1] in heads else i + 1  # وكالة أنباء
            if k >= n or s.tokens[k].start in covered:
                continue
            if s.tokens[k].text in QUOTE_PAIRS:
                span = _quoted(s, k, covered)
            else:
                span = (s.tokens[k].start, s.tokens[k].end) if _unquoted(s, k, w, heads, strong, g) else None
            if span is not None:
                name = doc.text[span[0] : span[1]]
                out.append(Mention(span[0], span[1], name, org_key(name, g), "org-head"))
                covered.add(*span)
    return out


def dateline_mentions(doc: Document, g: Gazetteer, taken: Sequence[Mention]) -> list[Mention]:
    """The source in a news dateline is an organization: ``الدوحة - قنا -``، ``بيروت ـ ا ف ب:``،
    ``لندن - «الشرق الأوسط»:`` (a place, a dash, one to three words, a colon or dash)."""
    covered = Coverage(len(doc.text), taken)
    out = []
    for s in sentences(doc):
        toks = s.tokens
        if len(toks) < 4 or toks[1].text not in DASHES or toks[0].start not in covered:
            continue
        for n in (1, 2, 3):
            k = 2 + n
            if k < len(toks) and (toks[k].text in DASHES or toks[k].text in (":", "،")):
                inner = [t for t in toks[2:k] if t.text not in '«»"']
                if not inner or any(t.start in covered for t in inner):
                    break
                a, b = inner[0].start, inner[-1].end
                name = doc.text[a:b]
                out.append(Mention(a, b, name, org_key(name, g), "dateline"))
                break
    return out


def _club_named(
    doc: Document, m: Mention, e: ActorEntry, before: list[str], g: Gazetteer
) -> tuple[Mention, Entity] | None:
    """A club word and a place: the club's two-word name (``اتحاد طنجة``، ``دينامو كييف``)."""
    prev = fold(before[-1]) if before else ""
    club = [(pre, rest) for pre, rest in proclitic_readings(prev) if rest in word_set("club_prefixes.tsv")]
    if not club or doc.text[m.start - 1] != " ":
        return None
    word = before[-1]
    a = m.start - 1 - len(word) + folded_prefix_to_original(word, len(club[0][0]))
    key = f"club_{slug(romanize(club[0][1], g))}_{m.entity_id}"
    name = doc.text[a : m.end]
    country = e.country if e.type == "Place" else e.key
    entity = Entity(key, "Organization", name, f"{romanize(name, g)} (club)", None, country=country, role_en="club")
    return Mention(a, m.end, name, key, "name"), entity


def clubs_from_cities(
    doc: Document, mentions: Sequence[Mention], g: Gazetteer
) -> tuple[list[Mention], dict[str, Entity]]:
    """A place after a word of football (``صفوف مانشستر``) is its club, after a word of the
    press (``مراسل الجزيرة``) a broadcaster or paper: an organization either way. With a club
    word before it (``اتحاد طنجة``، ``دينامو كييف``) the two words are the club's name."""
    out: list[Mention] = []
    extra: dict[str, Entity] = {}
    for m in mentions:
        e = g.entries.get(m.entity_id)
        if e is None or e.type not in ("Place", "Country") or m.kind != "name":
            out.append(m)
            continue
        before = doc.text[max(0, m.start - 30) : m.start].split()
        named = _club_named(doc, m, e, before, g)
        if named is not None:
            extra.setdefault(named[1].id, named[1])
            out.append(named[0])
            continue
        prev = fold(before[-1]) if before else ""
        for heads, kind in ((name_words()["sport_head"], "club"), (name_words()["media_head"], "media")):
            if e.type == "Place" and _reads_as(prev, heads):
                key = f"{kind}_{m.entity_id}"
                label = f"{e.label_en} ({kind})"
                extra.setdefault(key, Entity(key, "Organization", m.text, label, None, country=e.country, role_en=kind))
                m = Mention(m.start, m.end, m.text, key, "name")
                break
        out.append(m)
    return out, extra


def _group_of(g: Gazetteer, key: str) -> str | None:
    """The role of a generic group of the lexicon (actors_groups.tsv), None for other actors."""
    entry = g.entries.get(key)
    return entry.group if entry is not None else None


def _with_nationality(text: str, m: Mention, nxt: Mention, g: Gazetteer) -> tuple[Mention, Entity | None]:
    """A generic group and the nisba after it: the country itself for a state group
    (``الحكومة الجزائرية``), else the group of that country (``الشرطة الإسرائيلية``)."""
    country = g.entries[nxt.entity_id]
    span = text[m.start : nxt.end]
    if _group_of(g, m.entity_id) == "state":
        return Mention(m.start, nxt.end, span, country.key, "name"), None
    base = g.entries[m.entity_id]
    key = f"{m.entity_id}_{country.key}"
    label = f"{base.label_en} ({country.label_en})"
    entity = Entity(key, "Organization", span, label, None, country=country.key, role_en="group", group=base.group)
    return Mention(m.start, nxt.end, span, key, "name"), entity


@lru_cache(maxsize=1)
def group_qualifiers() -> dict[str, tuple[str, str]]:
    """group_qualifiers.tsv: folded adjective -> (key, English label) of whose group it is."""
    cols = ("word", "key", "label_en")
    return {fold(r["word"]): (r["key"], r["label_en"]) for r in read_rows("group_qualifiers.tsv", cols, cols)}


def _qualifier_after(text: str, m: Mention) -> tuple[str, str, int] | None:
    """The adjective right after a group that says whose group it is (``القوات الكردية``):
    (key, English label, where the adjective ends), or None."""
    rest = text[m.end : m.end + 24]
    if len(rest) < 2 or rest[0] != " " or rest[1].isspace():
        return None
    word = rest[1:].split(maxsplit=1)[0].rstrip('.,،؛:!؟?"»”)')
    found = group_qualifiers().get(fold(word))
    return (found[0], found[1], m.end + 1 + len(word)) if found else None


def _qualified(text: str, m: Mention, nxt: Mention | None, g: Gazetteer) -> tuple[Mention, Entity, int] | None:
    """A street or institutional group and the adjective that says whose it is: the group of
    its own (``القوات الكردية`` → forces (Kurdish)), or the group of the nationality that follows
    the adjective (``القوات الحكومية السورية`` → forces (Syria)); with how many mentions it took."""
    q = _qualifier_after(text, m)
    if q is None or (nxt is not None and nxt.start < q[2] < nxt.end):
        return None
    key, label, end = q
    took = 1 + (nxt is not None and nxt.start < end)
    after = nxt if took == 1 else None
    if after is not None and after.kind == "nisba" and 0 < after.start - end <= 2 and text[end : after.start].isspace():
        composed, entity = _with_nationality(text, m, after, g)
        return (composed, entity, 2) if entity is not None else None
    base = g.entries[m.entity_id]
    span = text[m.start : end]
    entity = Entity(
        f"{m.entity_id}_{key}",
        "Organization",
        span,
        f"{base.label_en} ({label})",
        None,
        role_en="group",
        group=base.group,
    )
    return Mention(m.start, end, span, entity.id, "name"), entity, took


def _armed_adjective(g: Gazetteer, m: Mention) -> bool:
    """``الحوثيين`` in ``المسلحين الحوثيين``: one word with the article naming an armed group,
    an adjective saying whose the group before it is."""
    entry = g.entries.get(m.entity_id)
    return (
        entry is not None
        and entry.type == "Organization"
        and entry.role_en == "armed_group"
        and len(m.text.split()) == 1
        and fold(m.text).startswith("ال")
    )


def counts_a_thing(text: str, m: Mention) -> bool:
    """``عشرات الغارات``: a quantity word without the article, in construct with the word after
    it that is not a word for people (``آلاف الأشخاص``، ``مئات المدنيين``) nor a preposition
    (``آلاف من``، ``الآلاف في``), counts things: it is no crowd."""
    if fold(m.text).split()[-1].lstrip("وفبل").startswith("ال"):
        return False
    rest = text[m.end :].split(maxsplit=1)
    if not rest or not rest[0][:1].isalpha():
        return False
    word = fold(rest[0].strip('.,،؛:!؟?"«»“”()'))
    mk = markers()
    return not (_reads_as(word, mk["counted_people"]) or _reads_as(word, mk["preposition"]))


def compose_groups(text: str, mentions: Sequence[Mention], g: Gazetteer) -> tuple[list[Mention], dict[str, Entity]]:
    """Generic groups take the nationality that follows them (``الشرطة الإسرائيلية`` → police
    (Israel); ``الحكومة الجزائرية`` → Algeria), and quantities take what they count
    (``عشرات المتظاهرين`` → protesters)."""
    ms = sorted(mentions, key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    extra: dict[str, Entity] = {}
    i = 0
    while i < len(ms):
        m = ms[i]
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        adjacent = nxt is not None and 0 < nxt.start - m.end <= 2 and text[m.end : nxt.start].isspace()
        group = _group_of(g, m.entity_id)
        if not adjacent and group == "quantity" and counts_a_thing(text, m):
            i += 1  # عشرات الغارات، آلاف الدولارات: a number of things, no crowd
            continue
        qualifiable = group not in (None, "state", "quantity")  # a street or institutional group
        whose = _qualified(text, m, nxt, g) if qualifiable else None
        if whose is not None:
            out.append(whose[0])
            extra.setdefault(whose[1].id, whose[1])
            i += whose[2]
            continue
        if adjacent and nxt is not None and qualifiable and _armed_adjective(g, nxt):
            out.append(Mention(m.start, nxt.end, text[m.start : nxt.end], nxt.entity_id, "name"))
            i += 2  # المسلحين الحوثيين: the Houthis
            continue
        if not adjacent or nxt is None:
            out.append(m)
            i += 1
            continue
        if group == "quantity" and (_group_of(g, nxt.entity_id) is not None or nxt.kind == "nisba"):
            ms[i + 1] = Mention(m.start, nxt.end, text[m.start : nxt.end], nxt.entity_id, nxt.kind)
            i += 1
            continue
        if group is not None and nxt.kind == "nisba":
            composed, entity = _with_nationality(text, m, nxt, g)
            if entity is not None:
                extra.setdefault(entity.id, entity)
            out.append(composed)
            i += 2
            continue
        out.append(m)
        i += 1
    return out, extra


def adjective_groups(text: str, mentions: Sequence[Mention], g: Gazetteer) -> list[Mention]:
    """Drop a generic group written as one definite nisba-shaped word right after a definite word
    (``تنظيم القاعدة الإرهابي``، ``الهجوم الإرهابي``): the word describes what stands before it, it
    names no group of its own (``وقتل الإرهابي الذي نفذ الهجوم`` still does)."""
    ends = {m.end for m in mentions}
    out = []
    for m in mentions:
        shaped = " " not in m.text and definite_nisba(fold(m.text.removeprefix("و")))
        before = text[max(0, m.start - 30) : m.start].split()
        after_name = m.start - 1 in ends and text[m.start - 1] == " "  # تنظيم داعش الإرهابي
        after_definite = bool(before) and before[-1].lstrip("وب").startswith("ال")
        if shaped and _group_of(g, m.entity_id) is not None and (after_definite or after_name):
            continue
        out.append(m)
    return out
