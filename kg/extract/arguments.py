"""Arguments: the mentions of a sentence placed on its tokens, each with the preposition that
governs it (on the word: ``لليبيا``; before it: ``مع الجزائر``; on the head of its noun phrase:
``بدعم حكومي جزائري``), and what a person's title phrase holds (``المبعوث الروسي الخاص إلى
سوريا ألكسندر لافرنتييف``: Russia and Syria describe the envoy; they act in no event)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from operator import attrgetter

from kg.arabic.clitics import CONJ, Clitic, strip_clitic
from kg.arabic.normalize import fold
from kg.extract.clause import (
    FROM,
    NP_WALK,
    QUOTES,
    STOP_PUNCT,
    TITLE_WINDOW,
    VSO_WINDOW,
    WEAPON,
    Arg,
    SentenceContext,
    TitleAttributes,
    Trigger,
    entity_type,
    group_role,
    is_actor,
    is_person,
    preposition_of,
    title_or_particle,
)
from kg.extract.tokens import Sentence
from kg.extract.triggers import Lemmas, find_triggers, is_masdar_form, is_verb_form
from kg.lexicon.actors import gazetteer
from kg.lexicon.markers import has_marker, marker_phrases, markers
from kg.lexicon.predicates import predicate_lexicon
from kg.model import Document, Mention

AGENT = fold("قبل")  # من قبل X: X is the agent, never the recipient (the marker an Arg then has)
BETWEEN = fold("بين")
BETWEEN_REACH = 5  # words from a verbal noun to the بين of its parties
SIDE_REACH = 12  # words from the first party after بين to the من جهة that ends its side


def prep_of(s: Sentence, k: int, prefix: str) -> str:
    """The preposition on token k (its clitic prefix) or standing before it."""
    pre = prefix.lstrip("وف")
    if pre and pre[-1] in "بلك":
        return pre[-1]
    if k > 0:
        w = s.folded[k - 1]
        found = preposition_of(w)
        if _partitive_of(s, k - 1):
            return prep_of(s, k - 2, "")  # عدد من الدول العربية طلبت: the phrase's preposition, if any
        if found:
            return found
        if w == AGENT and k > 1 and (s.folded[k - 2], w) in marker_phrases()["agent_by"]:
            return AGENT
    return ""


def _partitive_of(s: Sentence, k: int) -> bool:
    """Token k is the من of a part or number of a group (``عدد من``، ``العشرات من``)."""
    return k > 0 and s.folded[k] == FROM and has_marker(s.folded[k - 1], "partitive", Clitic.CONJ)


def _clitic_prefix(word: str) -> str:
    """The proclitics of a noun phrase head: ``بالعرض`` → ب, ``للمجلس`` → ل, ``بدعم`` → ب;
    none for a word the predicate lexicon knows whole (``لقاء``)."""
    core = strip_clitic(word)
    if core in predicate_lexicon().forms or len(core) < 4 or has_marker(word, "verb_leader", Clitic.CONJ):
        return ""  # وكانت، كما، كذلك: no ك of likeness
    if any(has_marker(word, kind, Clitic.CONJ) for kind in ("light", "speech", "begin")):
        return ""  # وكثفت، وكشف، ولفت، وبدأت: a verb, no preposition
    if has_marker(core, "locative", Clitic.NONE):
        return ""  # بلدة الزبداني: the ب is the town's own
    if core.startswith(("بال", "كال", "لل")) or core[0] in "بلك":
        return word[: len(word) - len(core) + 1]
    return ""


def _governing(s: Sentence, first: int, prefix: str, others: list[tuple[int, int]]) -> str:
    """The preposition that governs a mention: on it, or on the head of its noun phrase a few
    words back (``بدعم حكومي جزائري`` → ب; ``مع "جميع أعضاء المجلس"`` → مع)."""
    m = prep_of(s, first, prefix)
    if m:
        return m
    k = first - 1
    walked = 0
    while k >= 0 and walked < NP_WALK:
        tok = s.tokens[k]
        if tok.text in STOP_PUNCT or any(a < tok.end and b > tok.start for a, b in others):
            return ""  # another name is on it (وبريطانيا وفرنسا; the ل of سيرغي لافروف governs nothing)
        if tok.text in QUOTES:
            k -= 1
            continue
        word = s.folded[k]
        if word in markers()["complementizer"] or is_verb_form(word):
            return ""  # a noun phrase does not reach across a verb or أن
        if k + 1 < first and _new_phrase(s, k):
            return ""  # في الأيام الأخيرة مواقع داعش: an indefinite noun after a definite one begins anew
        if _partitive_of(s, k):
            k -= 2  # عدد من: on to what governs the whole phrase
            walked += 1
            continue
        found = preposition_of(word)
        if found:
            return found  # it governs the phrase we walked through
        if word == AGENT:
            return AGENT
        m = prep_of(s, k, _clitic_prefix(word))
        if m:
            return m
        k -= 1
        walked += 1
    return ""


def _new_phrase(s: Sentence, k: int) -> bool:
    """Word k is definite and the word after it an indefinite noun that is no name: a noun
    with the article heads no construct, so the noun after it begins a phrase of its own."""
    after = s.folded[k + 1]
    return (
        strip_clitic(s.folded[k]).startswith("ال")
        and after.isalpha()
        and not strip_clitic(after).startswith("ال")
        and not _clitic_prefix(after)
        and not has_marker(after, "locative", Clitic.NONE)  # في منطقة الجفينة غربي مأرب: still the place's
        and (after,) not in gazetteer().given_names
    )


_END = attrgetter("end")


def place_args(s: Sentence, mentions: Sequence[Mention]) -> list[Arg]:
    """Mentions of the sentence placed on tokens, with the preposition that governs each."""
    out = []
    spans = [(m.start, m.end) for m in mentions]
    ends = list(map(_END, s.tokens))  # increasing: bisection finds the first token ending past a start
    for m in mentions:
        first = bisect_right(ends, m.start)
        if first == len(ends):
            continue
        last = first
        while last + 1 < len(s.tokens) and s.tokens[last + 1].start < m.end:
            last += 1
        tok = s.tokens[first]
        prefix = fold(tok.text[: max(0, m.start - tok.start)])
        if m.start > tok.start and len(prefix) > 2:  # glued: الجزائربطرابلس → the part before
            prefix = prefix[-1:] if prefix[-1] in "بلك" else ""
        out.append(Arg(m, first, last, _governing(s, first, prefix, [x for x in spans if x[0] != m.start])))
    return out


def coordinated(args: Sequence[Arg], a: Arg, s: Sentence) -> list[Arg]:
    """``الجزائر وليبيا``: the actor and those joined to it by و, also a person whose title
    carries the و (``السيسي ووزير الخارجية سامح شكري``)."""
    group = [a]
    for b in args:
        if b.marker or b.first <= group[-1].last:
            continue
        nxt = group[-1].last + 1
        if not _conjunction_at(s, nxt):
            continue
        if b.first == nxt and _own_waw(s, b):
            continue  # اتهمت إيران واشنطن: Washington's و is its own
        if b.first == nxt or _is_title_word(s.folded[nxt][1:]) and _own_title_start(s, b) == nxt:
            group.append(b)  # وزير starts with و itself; ووزير is و and وزير
    return group


def joined(s: Sentence, a: Arg, b: Arg) -> bool:
    """``b`` is joined to ``a`` by و right after it (``الحوثيين وقوات صالح``), not a name whose own
    first letter is و (``اتهمت إيران واشنطن``: Washington is the accused, no second accuser)."""
    return b.first == a.last + 1 and _conjunction_at(s, b.first) and not _own_waw(s, b)


def _own_waw(s: Sentence, b: Arg) -> bool:
    """Is the و that ``b``'s token begins with the first letter of its name (``واشنطن``)?"""
    return b.mention.start == s.tokens[b.first].start and fold(b.mention.text).startswith("و")


def _conjunction_at(s: Sentence, k: int) -> bool:
    """Does token k begin with the conjunction و? Not a title word whose own first letter is و
    (``العاهل الأردني وزير الخارجية الأمريكي``: the minister is the king's guest, not his partner)."""
    w = s.folded[k]
    return w.startswith("و") and w not in gazetteer().title_words


def chain_ending(args: Sequence[Arg], a: Arg, s: Sentence) -> list[Arg]:
    """``الولايات المتحدة وبريطانيا وفرنسا``: the actors joined by و that end with ``a``."""
    group = [a]
    for b in reversed([b for b in args if b.last < a.first]):
        if not joined(s, b, group[0]) or b.marker:
            break
        group.insert(0, b)
    return group


def _is_title_word(w: str) -> bool:
    """A title word, also with و, or with ل before its article (للرئيس)."""
    g = gazetteer()
    bare = "ال" + w[2:] if w.startswith("لل") else strip_clitic(w)
    return w in g.title_vocab or bare in g.title_vocab or w in g.title_words


def _own_title_start(s: Sentence, q: Arg) -> int:
    """Where a person's own title words start, walking back over title words only, and no
    further than a word with a preposition (للرئيس ترامب: the complement starts there)."""
    k = q.first
    while k > 0 and q.first - k < TITLE_WINDOW:
        w = s.folded[k - 1]
        if not (_is_title_word(w) or w in markers()["title_link"]):
            break
        k -= 1
        if _governed(s, k):
            break
    return k


def _governed(s: Sentence, k: int) -> bool:
    """The word at k carries a preposition that makes its phrase a complement (للرئيس ترامب)."""
    w = s.folded[k]
    return len(w) > 3 and w[0] in "لب" and strip_clitic(w) != w or w.startswith(("لل", "بال"))


def _title_start(s: Sentence, args: Sequence[Arg], p: Arg, person: Callable[[Arg], bool]) -> int | None:
    """Where the title phrase before a person starts (``وزير الخارجية المصري السفير سامح
    شكري``; ``المبعوث الخاص للرئيس ترامب جيسون غرينبلات``, where Trump is inside it), None when
    no title word stands before it. Another person before it belongs to it only as a complement
    (للرئيس ترامب); ``استقبل الملك سلمان الرئيس ترامب`` names two people."""
    if p.mention.kind == "description":
        return None  # السفير التركي holds its own title; وزارة الخارجية before it is another actor
    starts = {a.first: a for a in args}
    k, first, seen_title = p.first - 1, p.first, False
    while k >= 0 and p.first - k <= TITLE_WINDOW:
        w = s.folded[k]
        if s.tokens[k].text in "،,":
            if k == p.first - 1:  # apposition: المتحدث باسم الوزارة، أحمد أبوزيد
                k -= 1
                continue
            break
        other = next(
            (a for a in args if a.first <= k <= a.last and a.mention.entity_id != p.mention.entity_id and person(a)),
            None,
        )
        if other is not None:
            own = _own_title_start(s, other)
            if not _governed(s, own):
                break
            seen_title, first, k = seen_title or own < other.first, own, own - 1
            continue
        if _is_title_word(w):
            seen_title, first = True, k
        elif not (
            (k in starts and starts[k].mention is not p.mention)
            or w in markers()["title_link"]
            or any(a.first <= k <= a.last for a in args)
        ):
            break
        k -= 1
    return first if seen_title else None


def title_attributes(doc: Document, s: Sentence, args: Sequence[Arg]) -> TitleAttributes:
    """Mentions inside a person's title phrase and where each title phrase starts."""
    inside: set[int] = set()
    start_of: dict[int, int] = {}
    for p in args:
        if not is_person(doc, p.mention):
            continue
        first = _title_start(s, args, p, lambda a: is_person(doc, a.mention))
        if first is not None:
            start_of[id(p.mention)] = first
            inside.update(id(a.mention) for a in args if first <= a.first and a.last < p.first)
    return TitleAttributes(frozenset(inside), start_of)


def inherit_marker(a: Arg, titles: TitleAttributes, s: Sentence) -> Arg:
    """A person takes the preposition that governs its whole title phrase (``مع وزير الخارجية
    المصري السفير سامح شكري`` → مع)."""
    first = titles.start(a.mention)
    if first is None:
        return a
    walked = bool(a.marker) and _walked_into_title(s, a, first)
    if a.marker and not walked:
        return a
    head = fold(s.tokens[first].text)
    prefix = head[:1] if head[:1] in "بل" and head[1:] in gazetteer().title_vocab else ""
    marker = prep_of(s, first, prefix)
    return Arg(a.mention, a.first, a.last, marker) if marker or walked else a


def _walked_into_title(s: Sentence, a: Arg, first: int) -> bool:
    """The person's preposition came from inside its own title phrase (``الامين العام للامم
    المتحدة بان كي مون``: the ل of للامم governs the UN, not Ban), not from before it."""
    return not prep_of(s, a.first, "") and not _clitic_prefix(s.folded[a.first]) and first < a.first


def attribute_of_person(doc: Document, a: Arg, args: Sequence[Arg]) -> bool:
    """``الرئيس الفلسطيني محمود عباس``: the nisba describes the person right after it."""
    if a.mention.kind != "nisba":
        return False
    for b in args:
        if a.last < b.first <= a.last + 3:
            return is_person(doc, b.mention)
    return False


def _with_possessors(doc: Document, s: Sentence, placed: list[Arg]) -> list[Arg]:
    """A generic group followed by the actor it belongs to is that actor (``طيران التحالف``،
    ``مسلحو داعش``، ``قوات الحرس الثوري``): one argument over both, the group's preposition. Only
    a group that ends without the article heads such a phrase (a construct's first term never
    takes it): after ``وزارة الخارجية`` or ``القوات`` a definite name is another party."""
    out: list[Arg] = []
    for a in placed:
        while out and _possessed(doc, s, out[-1], a):
            prev = out.pop()  # مدفعية قوات المقاومة: the artillery of the forces of the resistance
            a = Arg(a.mention, prev.first, a.last, prev.marker)
        out.append(a)
    return out


def _possessed(doc: Document, s: Sentence, prev: Arg, a: Arg) -> bool:
    """The group ``prev`` is in construct with the actor ``a`` right after it."""
    return (
        a.first == prev.last + 1
        and not a.marker
        and a.mention.kind not in ("nisba", "pair")
        and not s.folded[a.first].startswith("و")
        and group_role(doc, prev.mention.entity_id) in ("", "armed", "institution", WEAPON)
        and not strip_clitic(s.folded[prev.last]).startswith("ال")  # وزارة الخارجية الحكومة البريطانية: two
        and entity_type(doc, a.mention) in ("Organization", "Person", "Country")
        and (group_role(doc, a.mention.entity_id) is None or _owned_group(doc, prev, a))
    )


def _owned_group(doc: Document, head: Arg, owner: Arg) -> bool:
    """A group in construct with a generic group that owns it: a weapon with an armed group or a
    body (``مدفعية الجيش``، ``طائرات الحكومة``), forces or fighters with a body or the state
    (``قوات المعارضة``، ``مقاتلي المعارضة``، ``قوات الحكومة``: the opposition's, the government's)."""
    head_role, owner_role = group_role(doc, head.mention.entity_id), group_role(doc, owner.mention.entity_id)
    if head_role == WEAPON:
        return owner_role in ("", "armed", "institution", "state")
    return head_role in ("", "armed") and owner_role in ("institution", "state")


def sentence_context(doc: Document, s: Sentence, mentions: Sequence[Mention], lemmas: Lemmas | None) -> SentenceContext:
    """The sentence as its triggers see it: placed mentions (a person with the preposition of
    its title phrase), the actors among them, and the triggers on the words no name covers."""
    placed = _with_possessors(doc, s, place_args(s, mentions))
    covered = {k for a in placed for k in range(a.first, a.last + 1) if a.mention.kind != "nisba"}
    titles = title_attributes(doc, s, placed)
    opening = _dateline_end(s)
    args = tuple(inherit_marker(a, titles, s) for a in placed if not _citizenship(s, a) and a.last >= opening)
    actors = tuple(
        a
        for a in args
        if is_actor(doc, a) and not attribute_of_person(doc, a, args) and id(a.mention) not in titles.inside
    )
    return SentenceContext(doc, s, args, actors, titles, tuple(find_triggers(s, covered, lemmas)))


DATELINE_REACH = 8  # tokens at a sentence's start where a dateline's bracketed source may close (دبي، الإمارات (CNN)—)
LATIN = re.compile(r"^[A-Za-z]+$")


def _dateline_end(s: Sentence) -> int:
    """``دبي، الإمارات العربية المتحدة (CNN)—``: the places before a news source in brackets at a
    sentence's start say where it was written, no actor of its events (the index past the bracket, 0 for none)."""
    toks = s.tokens
    for k in range(2, min(len(toks), DATELINE_REACH)):
        if toks[k].text == ")" and LATIN.match(toks[k - 1].text) and toks[k - 2].text == "(":
            return k + 1
    return 0


def _citizenship(s: Sentence, a: Arg) -> bool:
    """``يحمل الجنسية الأمريكية``، ``16 من الجنسية السورية``: a nationality after the word for
    citizenship is a person's, no actor."""
    return (
        a.mention.kind == "nisba" and a.first > 0 and has_marker(s.folded[a.first - 1], "citizenship", Clitic.WA_BA_ALL)
    )


def subject_slot(s: Sentence, start: int) -> int:
    """Where a VSO subject may start after a verb: right after it, past title words
    (``وزير الخارجية الأمريكي مايك بومبيو``), particles, supporters (``تظاهر أنصار المعارضة``) and
    ``كل من`` (``أدان كل من مصر والسعودية``)."""
    g = gazetteer()
    k = start
    while k < len(s.tokens) and k - start < VSO_WINDOW:
        if title_or_particle(s, k) or strip_clitic(s.folded[k]) in g.title_vocab or has_marker(s.folded[k], "follower"):
            k += 1
            continue
        if k + 1 < len(s.tokens) and s.folded[k] in markers()["each"] and s.folded[k + 1] == FROM:
            k += 2  # أدان كل من مصر والسعودية: those after من are the subject (تعتقل مجموعة من الشبان: the object)
            continue
        if k == start and unnamed_plural(s.folded[k]) and k + 1 < len(s.tokens) and _nisba_word(s.folded[k + 1]):
            k += 1  # ندد مسؤولون أمريكيون: the officials' nationality is the subject
            continue
        if k == start and k + 1 < len(s.tokens) and s.folded[k] in markers()["delegation"] and s.folded[k + 1] == FROM:
            k += 2  # وصل وفد من كوريا الجنوبية: the state the delegation comes from
            continue
        break
    return k


UNNAMED_PLURAL = 5  # letters at least of an indefinite plural in ون that is an unnamed subject (مسؤولون)


def unnamed_plural(w: str) -> bool:
    """An indefinite plural participle or nisba in the nominative, or a word of sources
    (``مسؤولون``، ``دبلوماسيون``، ``مصادر``): an unnamed subject right after a verb."""
    shaped = w.startswith("م") or w.endswith("يون")  # مسؤولون، ناشطون (participles), دبلوماسيون (nisbas)
    plural = w.endswith("ون") and len(w) >= UNNAMED_PLURAL and shaped and not w.startswith("ال")
    known = is_verb_form(w) or is_masdar_form(w) or has_marker(w, "number")  # مليون is a number
    return plural and not known or has_marker(w, "sources")


def _nisba_word(w: str) -> bool:
    """An indefinite plural nisba (``أمريكيون``، ``إسرائيليون``، ``مصريون``) or its nominative kin."""
    return w.endswith(("يون", "يين")) and not w.startswith("ال")


def apposed_subject(doc: Document, s: Sentence, end: int, args: Sequence[Arg]) -> Arg | None:
    """``دعا رجل الدين الشيعي العراقي، مقتدى الصدر، الخميس``: a person set off by commas after the
    unnamed description that follows a verb (no actor, particle or preposition in it) is who
    the description is, the verb's subject."""
    for k in range(end + 1, min(len(s.tokens), end + 2 + VSO_WINDOW)):
        text = s.tokens[k].text
        if text in STOP_PUNCT or any(c in QUOTES for c in text):
            person = next((a for a in args if a.first == k + 1), None)
            if k == end + 1 or text not in "،," or person is None or not is_person(doc, person.mention):
                return None
            closed = person.last + 1 == len(s.tokens) or s.tokens[person.last + 1].text in STOP_PUNCT
            return person if closed and not person.marker else None
        if any(a.first == k for a in args) or preposition_of(s.folded[k]):
            return None
    return None


def coordinated_verb(s: Sentence, i: int) -> bool:
    """``…، وانتقد السلطة``، ``…، كما اجتمع مع``: a verb joined by و, كما or ثم after a comma
    shares the earlier subject."""
    if i > 0 and len(s.folded[i]) > 3 and s.folded[i][0] in CONJ and s.tokens[i - 1].text in "،,":
        return True
    return i > 1 and s.folded[i - 1] in markers()["clause_joiner"] and s.tokens[i - 2].text in "،,"


def between(s: Sentence, end: int, actors: Sequence[Arg]) -> list[Arg]:
    """``الاجتماع بين زعيمي كوريا الشمالية وكوريا الجنوبية``، ``مواجهات عنيفة مساء السبت بين
    المقاومة والحوثيين``: the parties after بين (past adjectives and a time, up to
    BETWEEN_REACH words after the noun, no actor on the way), first group as actor (the rest
    become the recipient)."""
    for k in range(end + 1, min(len(s.folded), end + BETWEEN_REACH + 1)):
        if s.folded[k] == BETWEEN:
            after = [a for a in actors if a.first > k and a.first <= k + 8]
            return _first_side(s, k, after, actors) if len(after) >= 2 else []
        if s.tokens[k].text in STOP_PUNCT or any(a.first == k for a in actors):
            return []
    return []


def _first_side(s: Sentence, k: int, after: list[Arg], actors: Sequence[Arg]) -> list[Arg]:
    """The first party after بين, or the whole first side when the text says where it ends
    (``بين الجيش والمقاومة من جهة، والحوثيين … من جهة أخرى``)."""
    reach = after[0].first + SIDE_REACH
    for j in range(k + 1, min(len(s.folded) - 1, reach)):
        if (s.folded[j], s.folded[j + 1]) in marker_phrases()["side"]:
            firsts: dict[int, Arg] = {}
            for a in actors:
                if k < a.first and a.last < j and (a is after[0] or not a.marker):
                    firsts.setdefault(a.first, a)  # the longest mention at each word (args come sorted)
            rest = [a for a in actors if a.first > j]
            return list(firsts.values()) if firsts and rest else [after[0]]
    return [after[0]]


def last_person_before(doc: Document, args: Sequence[Arg], index: int) -> Mention | None:
    """The last person named before token ``index`` (``زيارته``: his visit)."""
    people = [a.mention for a in args if a.last < index and is_person(doc, a.mention)]
    return people[-1] if people else None


def nationality_after(s: Sentence, t: Trigger, args: Sequence[Arg]) -> Arg | None:
    """A nationality right after a violence noun, past its adjectives, is its author:
    ``الضربات الجوية الأميركية``، ``دبابة إسرائيلية``."""
    end = t.index + t.length
    for a in args:
        if a.mention.kind == "nisba" and end <= a.first <= end + 1:  # its marker is the noun phrase's
            if a.first == end + 1 and not s.folded[end].startswith("ال") and s.folded[t.index].startswith("ال"):
                return None  # the adjective between must agree in definiteness
            if a.first == end + 1 and has_marker(s.folded[end], "locative", Clitic.WA_BA):
                return None  # انفجار ببلدة تركية: the nationality of the town where it happened
            return a
    return None
