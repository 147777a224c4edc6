"""Coreference: descriptions (``المسؤول الليبي``، ``الوزير``) and pair words (``البلدين``)
resolve to the salient matching entity; each resolved mention records what it resolves to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import cache, lru_cache
from itertools import compress
from typing import cast

from kg.arabic.clitics import Clitic, strip_clitic
from kg.arabic.normalize import fold
from kg.extract.clause import FROM
from kg.extract.offices import (
    Found,
    construct_offices,
    counterpart,
    former_after,
    name_may_follow,
    named_after,
    nisba_at,
    office_of_body,
    office_of_state,
    title_at,
    unnamed_official,
)
from kg.extract.tokens import Coverage, Sentence, mention_starting, sentences, word_memo
from kg.lexicon.actors import Gazetteer, entry_entity, gazetteer
from kg.lexicon.dates import date_words
from kg.lexicon.markers import find_marker, has_marker, markers
from kg.lexicon.positions import office_names
from kg.lexicon.tsv import read_rows, split
from kg.lexicon.words import word_map, word_set
from kg.model import Document, Entity, Fact, Mention

APPOSITION_WINDOW = 14
DEFAULT_KINGDOM = "saudi_arabia"
ARMED_GROUP = "armed_group"  # an organization's role_en (actors_orgs.tsv)


def _apposition(s: Sentence, i: int, by_start: Mapping[int, Mention], ents: Mapping[str, Entity]) -> Mention | None:
    """A named person a few words after the description (``الوزير … عبد القادر مساهل``), not past
    another title with the article and a nisba, a word that opens those who go with him (``وصل الرئيس …
    يرافقه وزير الخارجية``) nor a preposition that no title goes on with (``المبعوث … أجرى
    محادثات مع الرئيس هادي``) nor a day (``التقى المبعوث الأممي الخميس …``: who follows is met)."""
    titles = gazetteer().titles
    for j in range(i + 1, min(len(s.tokens), i + APPOSITION_WINDOW)):
        if s.tokens[j].text in ".؟!" or has_marker(s.folded[j], "companion", Clitic.CONJ) or _beyond_title(s.folded[j]):
            return None
        if j > i + 1 and s.folded[j] in date_words().weekdays:
            return None  # التقى المبعوث الأممي الخميس … محمد عبد السلام: the name after the day is the object
        if j > i + 1 and s.folded[j].startswith("ال") and (s.folded[j],) in titles and nisba_at(s, j + 1, by_start):
            return None  # العاهل الأردني الرئيس الفلسطيني محمود عباس: Abbas is the other title's
        for off in range(s.tokens[j].start, s.tokens[j].start + 3):
            m = by_start.get(off)
            if m is not None and ents.get(m.entity_id) is not None and ents[m.entity_id].type == "Person":
                return m
    return None


def _beyond_title(word: str) -> bool:
    """A word that ends a title phrase: أن and its kin, or a preposition no title goes on with
    (مع، على، عن …; not إلى، في، لدى of ``المبعوث الخاص إلى اليمن``, nor من of ``المفوض من قبل
    المجلس الرئاسي``)."""
    if word in markers()["complementizer"]:
        return True  # قال المتحدث إن الرئيس السيسي: a new clause, another person
    prep = find_marker(word, "preposition", Clitic.CONJ_SHORT)
    return bool(prep) and prep != FROM and prep not in markers()["title_link"]


def _fits(e: Entity | None, country: str | None, role_word: str | None) -> bool:
    """Can this person be the one a description names (``المسؤول الليبي``: a Libyan;
    ``الوزير``: a minister)? A role the entity does not say does not count against it; a
    nationality the description states must be the person's."""
    if e is None:
        return False
    if country and e.country != country:
        return False  # القنصل التركي is no one whose country the article did not say
    return not (role_word and e.role_en and role_word not in e.role_en.lower())


class _Latest:
    """The latest person so far that fits a description. Each (country, role word) remembers
    how far it has looked, so a long article is read once per kind of description, not once
    per description (which grew with the square of its length)."""

    def __init__(self, persons: list[Mention], ents: Mapping[str, Entity]) -> None:
        self.persons, self.ents = persons, ents
        self.found: dict[tuple[str | None, str | None], tuple[int, Mention | None]] = {}

    def __call__(self, country: str | None, role_word: str | None) -> Mention | None:
        seen, match = self.found.get((country, role_word), (0, None))
        for p in reversed(self.persons[seen:]):  # only those added since the last look
            if _fits(self.ents.get(p.entity_id), country, role_word):
                match = p
                break
        self.found[(country, role_word)] = (len(self.persons), match)
        return match


def _description(
    doc: Document,
    s: Sentence,
    i: int,
    by_start: Mapping[int, Mention],
    ents: Mapping[str, Entity],
    latest: _Latest,
    title: tuple[str, ...],
) -> Found | None:
    """A description at token i, a title of ``n`` words, one with the article optionally followed
    by a nisba (``المسؤول الليبي``), a longer one only with it (``وزير الخارجية المصري``),
    resolved to its antecedent; with the nisba it takes in and, for an office no one named holds,
    the entity and role fact it names (see ``_unnamed_official``)."""
    tok, w, n = s.tokens[i], title[0], len(title)
    nxt = by_start.get(s.tokens[i + n].start) if i + n < len(s.tokens) else None
    nisba = nxt if nxt is not None and nxt.kind == "nisba" else None
    country = nisba.entity_id if nisba is not None else gazetteer().titles[title].country  # خادم الحرمين الشريفين
    start = tok.start + (len(tok.text) - len(w) if s.folded[i] != w else 0)
    if n > 1 and not country:  # الأمين العام للأمم المتحدة: an office of a body, its holder that day
        return office_of_body(doc, s, i, title, by_start, ents, start)
    if n > 1:  # وزير الخارجية الأمريكي: the Secretary of State
        role_word: str | None = office_names(country, gazetteer().titles[title].role_en)[-1].lower()
    else:
        role_word = word_map("description_roles.tsv", "role").get(w)  # الوزير → a minister
    last = i + n if nisba is not None else i + n - 1  # where the title phrase ends
    former = former_after(s, last)
    last += former  # رئيس الوزراء الإسرائيلي السابق: not who holds the office today
    near = _apposition(s, i, by_start, ents) if n == 1 else named_after(s, last, by_start, ents)
    ante = near or latest(country or None, role_word)
    end = s.tokens[last].end if nisba is None or former else nisba.end
    if ante is None:
        named = n > 1 and name_may_follow(s, last)  # one word: a name after it was sought further on
        official = (
            unnamed_official(doc, gazetteer(), title, country, (start, end), named) if country and not former else None
        )
        if official is None:
            return None
        return Mention(start, end, doc.text[start:end], official[0].id, "description"), nisba, official
    return Mention(start, end, doc.text[start:end], ante.entity_id, "description", (ante.start, ante.end)), nisba, None


def _kingdom(doc: Document) -> str | None:
    """The kingdom an article means by ``المملكة`` alone: the monarchy it names most, counting
    its people and places too (a Saudi paper writes المملكة for Saudi Arabia and names Riyadh
    or a Saudi minister, not always السعودية); Saudi Arabia when it names none, as the Saudi
    press that writes most of Arabic news does."""
    kingdoms = word_set("monarchies.tsv")
    counts = Counter(m.entity_id for m in doc.mentions if m.entity_id in kingdoms)
    counts.update(e.country for e in doc.entities if e.country in kingdoms and e.type != "Country")
    return counts.most_common(1)[0][0] if counts else DEFAULT_KINGDOM


@cache
def _bare_words() -> dict[str, list[tuple[str, frozenset[str]]]]:
    """bare_references.tsv: folded word -> [(entity key, the entities that say it is meant)]."""
    out: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for r in read_rows("bare_references.tsv", ("word", "entity", "context"), ("word", "entity", "context")):
        out.setdefault(fold(r["word"]), []).append((r["entity"], frozenset(split(r["context"]))))
    return out


@cache
def _bare_contexts() -> frozenset[str]:
    """Every entity some bare word's candidate counts in its context."""
    return frozenset(c for candidates in _bare_words().values() for _key, ctx in candidates for c in ctx)


def _bare_referents(doc: Document) -> dict[str, str]:
    """What each bare word stands for in this article (``التحالف`` in a report on Yemen: the
    Saudi-led coalition): the candidate whose context the article names most."""
    named = Counter(m.entity_id for m in doc.mentions)
    out: dict[str, str] = {}
    if _bare_contexts().isdisjoint(named):  # most articles: every candidate scores 0
        return out
    for word, candidates in _bare_words().items():
        score, key = max((sum(named[c] for c in ctx), key) for key, ctx in candidates)
        if score:
            out[word] = key
    return out


def _seen(
    doc: Document, e: Entity | None, m: Mention, persons: list[Mention], countries: Counter[str], orgs: dict[str, str]
) -> None:
    """Record a mention passed in text order: people for descriptions, countries for pair
    words, organizations by the head nouns they are named with."""
    if e is not None and e.type == "Person":
        persons.append(m)
    elif e is not None and e.type == "Country":
        countries[e.id] += 1
    elif e is not None and e.type == "Organization":
        if e.role_en == ARMED_GROUP:  # داعش … التنظيم: the last armed group, when none was named with that head
            orgs[ARMED_GROUP] = e.id
        orgs.update(dict.fromkeys(_org_heads(doc, m), e.id))


def _named_before(w: str, orgs: Mapping[str, str]) -> str | None:
    """The organization a head noun alone (``المنظمة``، ``الحركة``) stands for: the last one named
    with it; for ``التنظيم``، ``الجماعة`` with none so named, the last armed group."""
    found = orgs.get(w)
    return orgs.get(ARMED_GROUP) if found is None and w in markers()["armed_anaphor"] else found


def _word_mention(doc: Document, s: Sentence, i: int, w: str, key: str) -> Mention:
    """A mention of ``key`` on token i, without its proclitic (``وللمنظمة`` → المنظمة)."""
    tok = s.tokens[i]
    start = tok.start + (len(tok.text) - len(w) if s.folded[i] != w else 0)
    return Mention(start, tok.end, doc.text[start : tok.end], key, "description")


def _org_heads(doc: Document, m: Mention) -> list[str]:
    """The definite head nouns an organization's mention is named with: its own first word
    (``منظمة العفو الدولية``) or the word before it (``منظمة "هيومن رايتس ووتش"``)."""
    before = doc.text[max(0, m.start - 30) : m.start].replace('"', " ").replace("«", " ").split()
    words = [fold(m.text.split()[0])] + ([strip_clitic(fold(before[-1]))] if before else [])
    return ["ال" + w for w in words if not w.startswith("ال")]


def _group_word(s: Sentence, i: int, by_start: Mapping[int, Mention], g: Gazetteer) -> Mention | None:
    """The mention of a generic group (actors_groups.tsv) that is the whole of token i
    (``والحركة``، ``المتمردين``) with no adjective after it (``الحركة الإسلامية`` is some movement
    of its own): such a word may stand for a named group (see ``resolve``)."""
    m = mention_starting(by_start, s.tokens[i])
    entry = g.entries.get(m.entity_id) if m is not None and m.end == s.tokens[i].end else None
    if m is None or entry is None or entry.group is None:
        return None
    return None if i + 1 < len(s.tokens) and s.folded[i + 1].startswith("ال") else m


def _bare_key(key: str | None, s: Sentence, i: int, by_start: Mapping[int, Mention], g: Gazetteer) -> str | None:
    """The lexicon actor a bare word at token i stands for, unless a nationality after it names
    another nation's (``الاحتلال الأمريكي`` is not Israel; ``المقاومة اليمنية`` is still Yemen's)."""
    if key is None or key not in g.entries:
        return None
    nxt = mention_starting(by_start, s.tokens[i + 1]) if i + 1 < len(s.tokens) else None
    if nxt is None or nxt.kind != "nisba":
        return key
    return key if entry_entity(g.entries[key]).country == nxt.entity_id else None


@cache
def _unnamed_heads(heads: frozenset[str]) -> dict[str, str]:
    """The head nouns of organizations' names without the article, alone or after ل or ب
    (``حزب``، ``لحزب``), each with the definite word that refers back (``الحزب``): where no
    known organization's mention covers one, the article names one kg does not know."""
    bare = {h[2:]: h for h in heads if h.startswith("ال")}
    return {**bare, **{p + w: h for w, h in bare.items() for p in ("ل", "ب")}}


def _definite_titles(g: Gazetteer) -> frozenset[str]:
    """The first words of titles a description may begin with: one word with the article (``الوزير``),
    or the head of a longer title (``وزير`` of ``وزير الخارجية``)."""
    memo = word_memo("coref-definite-titles", g, limit=None)
    if not memo:
        heads = {t[0] for t in construct_offices()} | markers()["counterpart"]  # أمير of أمير قطر، نظيره
        memo[""] = frozenset(t[0] for t in g.titles if len(t) > 1 or t[0].startswith("ال")) | heads
    return cast(frozenset[str], memo[""])


@cache
def _own_country_words() -> frozenset[str]:
    """``بلاده`` and its kin (markers kind own_country), also after ل or ب (``لبلاده``)."""
    words = markers()["own_country"]
    return frozenset(words) | {p + w for w in words for p in "لب"}


def _in_sentence(mentions: list[Mention], k: int, s: Sentence) -> list[Mention]:
    """The mentions before index k that start in sentence s (read back from k, not the whole list)."""
    j = k
    while j > 0 and mentions[j - 1].start >= s.span.start:
        j -= 1
    return mentions[j:k]


def _his_country(
    doc: Document,
    s: Sentence,
    i: int,
    w: str,
    ents: dict[str, Entity],
    persons: list[Mention],
    mentions: list[Mention],
    k: int,
) -> list[Mention]:
    """``بلاده`` on token i as a mention of the country it means (its entity added), or none;
    ``mentions[:k]`` are those before it."""
    state = _own_country(doc, ents, _in_sentence(mentions, k, s), persons, s)
    if state is None:
        return []
    ents.setdefault(state, entry_entity(gazetteer().entries[state]))
    return [_word_mention(doc, s, i, w if w in markers()["own_country"] else w[1:], state)]


def _own_country(
    doc: Document, ents: Mapping[str, Entity], before: list[Mention], persons: list[Mention], s: Sentence
) -> str | None:
    """The country of the last person, body or official's nationality named before in the sentence
    (``قال ترامب إن بلاده``، ``أكدت الخارجية المصرية أن بلادها``، ``الوزير الأمريكي … بلاده``), else
    of the last person the article named."""
    for m in reversed(before or persons[-1:]):
        e = ents.get(m.entity_id)
        if e is not None and m.kind == "nisba" and e.type == "Country":
            return e.id  # وزير الخارجية الأمريكي … بلاده: the official's nationality
        if e is not None and e.type in ("Person", "Organization") and e.country in gazetteer().entries:
            return e.country
    return None


@lru_cache(maxsize=65536)
def _bare(word: str) -> str:
    """A folded word without its conjunction (``strip_clitic``), asked of every word no mention
    covers: kept per word."""
    return strip_clitic(word)


def resolve(doc: Document) -> Document:
    """Stage: add description and pair mentions with their antecedents."""
    g = gazetteer()
    by_start = {m.start: m for m in doc.mentions}
    covered = Coverage(len(doc.text), doc.mentions)
    ents = {e.id: e for e in doc.entities}
    new: list[Mention] = []
    dropped: set[tuple[int, int]] = set()
    replaced: set[str] = set()
    facts: list[Fact] = []
    persons: list[Mention] = []  # in text order, as seen so far
    countries: Counter[str] = Counter()
    mentions = sorted(doc.mentions, key=lambda m: m.start)
    latest = _Latest(persons, ents)
    orgs: dict[str, str] = {}  # المنظمة -> the last organization named with منظمة
    bare: dict[str, str | None] = {**_bare_referents(doc), **dict.fromkeys(markers()["kingdom"], _kingdom(doc))}
    pair, org_anaphor = markers()["pair"], markers()["org_anaphor"]
    unnamed = _unnamed_heads(org_anaphor)  # حزب، لحزب: an organization the lexicon does not know
    own = _own_country_words()  # بلاده، لبلادها: the country of who was named before
    may_refer = pair | set(bare) | org_anaphor | set(unnamed) | _definite_titles(g) | own  # the words read below
    k = 0
    for s in sentences(doc):
        words = list(map(_bare, s.folded))
        for i in compress(range(len(words)), (a in may_refer or b in may_refer for a, b in zip(words, s.folded))):
            tok = s.tokens[i]
            while k < len(mentions) and mentions[k].start < tok.start:
                _seen(doc, ents.get(mentions[k].entity_id), mentions[k], persons, countries, orgs)
                k += 1
            w = words[i]
            if w in own:  # بلاده
                new += [] if covered.bits[tok.start] else _his_country(doc, s, i, w, ents, persons, mentions, k)
                continue
            if w in unnamed:  # حزب سوريا المستقبل … الحزب: not the party named before it
                if not covered.bits[tok.start]:
                    orgs.pop(unnamed[w], None)
                continue
            key = _bare_key(bare.get(w), s, i, by_start, g)  # التحالف، المتمردين: the actor the article has in mind
            named_before = _named_before(w, orgs) if w in org_anaphor else None  # وأكدت المنظمة: the one named before
            if covered.bits[tok.start]:  # a mention's own, unless a group's word means a named group
                group = _group_word(s, i, by_start, g)
                if group is None or (key is None and named_before is None):
                    continue
                dropped.add((group.start, group.end))
                replaced.add(group.entity_id)
            if w in pair and len(countries) >= 2:
                new += [Mention(tok.start, tok.end, tok.text, cid, "pair") for cid, _ in countries.most_common(2)]
                continue
            if key is not None:
                new.append(_word_mention(doc, s, i, w, key))
                ents.setdefault(key, entry_entity(g.entries[key]))
                continue
            if named_before is not None:
                new.append(_word_mention(doc, s, i, w, named_before))
                continue
            found = _described(doc, s, i, w, by_start, ents, latest)
            if found is None:
                continue
            _take_description(found, new, ents, facts, dropped)
            persons.append(found[0])
    return _resolved(doc, new, dropped, replaced, facts, list(ents.values()))


def _described(
    doc: Document,
    s: Sentence,
    i: int,
    w: str,
    by_start: Mapping[int, Mention],
    ents: Mapping[str, Entity],
    latest: _Latest,
) -> Found | None:
    """A description at token i: a title (``الرئيس``، ``وزير الخارجية``) with what follows it, else an
    office in construct with a state (``أمير قطر``)."""
    title = title_at(gazetteer(), s, i, w)
    if title:
        return _description(doc, s, i, by_start, ents, latest, title)
    if w in markers()["counterpart"]:  # نظيره الروسي
        start = s.tokens[0].start
        before = next((p for p in reversed(latest.persons) if start <= p.start < s.tokens[i].start), None)
        return counterpart(doc, s, i, by_start, ents, before)
    return office_of_state(doc, s, i, by_start, ents, latest)


def _take_description(
    found: Found,
    new: list[Mention],
    ents: dict[str, Entity],
    facts: list[Fact],
    dropped: set[tuple[int, int]],
) -> None:
    """Record a resolved description (see ``_description``): its mention, the entity and role
    fact of an unnamed official, and the nisba it takes in as the person's citizenship."""
    description, nisba, official = found
    new.append(description)
    if official is not None:  # القنصل التركي العام with no name: an actor all the same
        ents.setdefault(official[0].id, official[0])
        facts.append(official[1])
    if nisba is not None:
        dropped.add((nisba.start, nisba.end))
        facts.append(Fact(description.entity_id, "citizenOf", nisba.entity_id, description.start, description.end))


def _resolved(
    doc: Document,
    new: list[Mention],
    dropped: set[tuple[int, int]],
    replaced: set[str],
    facts: list[Fact],
    ents: list[Entity],
) -> Document:
    """``doc`` with the mentions coreference added and without those it took in (a nisba, a
    group's word that names a known group); a group none of whose words is left goes too."""
    kept = [m for m in doc.mentions if (m.start, m.end) not in dropped]
    still = {m.entity_id for m in kept} if replaced else set()
    return doc.with_(
        mentions=tuple(sorted(kept + new, key=lambda m: (m.start, -m.end))),
        facts=doc.facts + tuple(facts),
        entities=tuple(e for e in ents if e.id not in replaced or e.id in still),
    )
