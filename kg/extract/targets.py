"""Targets: to whom, and where. The recipient of a trigger is the nearest actor of its clause
that the predicate's frame marks (``عرضت على``، ``التعاون مع``، ``دعم … لليبيا``), else the
nearest actor of the clause; places go to ``location`` (``في الخرطوم``), and a meeting in a
capital is hosted by its country."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kg.arabic.clitics import Clitic, strip_clitic
from kg.arabic.normalize import fold
from kg.extract.arguments import AGENT, attribute_of_person, coordinated
from kg.extract.clause import (
    FROM,
    IN,
    NP_WALK,
    QUOTES,
    STOP_PUNCT,
    TARGET_WINDOW,
    VSO_WINDOW,
    WEAPON,
    Arg,
    SentenceContext,
    Trigger,
    actor_id,
    at_request_of,
    attributed,
    bare_group,
    capital_of,
    definite_nisba,
    group_role,
    is_actor,
    is_person,
    is_place,
    preposition_of,
    reported_from,
    speaker_at,
    title_or_particle,
)
from kg.extract.objects import adjacent_run, backing, joined_clause
from kg.extract.tokens import Sentence
from kg.extract.triggers import opens_clause
from kg.lexicon.actors import gazetteer
from kg.lexicon.markers import has_marker, marker_phrases, markers, name_words

PLACE_TARGET_TYPES = frozenset({"CONSULT", "ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})  # events that reach a place
ATTACKED_PLACE_TYPES = frozenset({"ASSAULT"})  # an attack with no actor hit is on the place of its clause
PLACE_MARKERS = ("ب", "في")  # in, at: where an event happened
COMMAS = frozenset("،,;؛")
TITLE_TAIL = 12  # title words after a VSO subject that still belong to it
TOPIC_WALK = 2  # adjectives between a topic noun and the nationality that ends its phrase
CHARGED = frozenset({"accuse"})  # predicates (predicates.tsv) whose ب after the accused opens the charge
WARNED = frozenset({"warn"})  # predicates whose من أن opens what the warning says


def _clause_end(ctx: SentenceContext, t: Trigger, past: int, after: int = -1) -> int:
    """Where the trigger's clause ends: at the next verb past token ``past`` (the end of a VSO
    subject's titles, ``_subject_end``: a word of them opens no clause, وزير الدفاع) that opens a
    clause, or at a comma and a word that opens a part of its own (``، فيما``، ``، وفق ما أفاد``),
    else the sentence's end."""
    s = ctx.s
    nxt = next((tr for tr in ctx.triggers if tr.index > past and opens_clause(s, tr)), None)
    last = nxt.index if nxt is not None else len(s.tokens)
    leads = (s.tokens[t.end].end, after)
    ends = (k for k in range(t.end + 2, last) if _breaks_at(s, k, last, leads) or joined_clause(s, k, ctx.args))
    k = next(ends, last)
    return s.tokens[k].start if k < len(s.tokens) else s.span.end


def _breaks_at(s: Sentence, k: int, last: int, leads: tuple[int, int]) -> bool:
    """A comma and a word of contrast or attribution at ``k``; an attribution right after the verb
    or its actor (``leads``), closed by a comma, is a parenthesis (``حملت، حسب الإعلام، حماس``)."""
    if s.tokens[k - 1].text not in COMMAS:
        return False
    mk = markers()
    if s.folded[k] in mk["clause_break"]:
        return True
    if s.folded[k] not in mk["attribution"]:
        return False
    closed = any(s.tokens[j].text in COMMAS for j in range(k + 1, last))
    return not (s.tokens[k - 2].end in leads and closed)


def _candidates(ctx: SentenceContext, t: Trigger, source: Sequence[str], after: int, street: bool) -> list[Arg]:
    """The mentions of the clause after the actor that may be the recipient: not the actor,
    not an agent (من قبل X), not a description of a person, not the actor's own nationality,
    not one who goes with the actor."""
    doc = ctx.doc
    own = {e.country for x in source if (e := doc.entity(x)) is not None and e.type != "Country"}
    base = _subject_end(ctx, t, after)
    end = _clause_end(ctx, t, base, after)
    start = max(after, reported_from(ctx.s, t))
    charge = _charge_start(ctx, t, after)
    described = _relative_tail(ctx.s, base) if base > t.end and t.pos in ("perfect", "imperfect") else -1
    described_by = _relative_object(ctx.s, t, ctx.args) if t.pos in ("perfect", "imperfect") else []
    return [
        a
        for a in ctx.args
        if start <= a.mention.start < end
        and a.first <= base + TARGET_WINDOW
        and actor_id(a.mention) not in source
        and a.marker != AGENT
        and (street or not bare_group(a))
        and not attribute_of_person(doc, a, ctx.args)
        and not attributed(ctx.s, a.first)
        and not (a.last < t.index and speaker_at(ctx.s, a.first))
        and id(a.mention) not in ctx.titles.inside
        and not (a.mention.kind == "nisba" and (actor_id(a.mention) in own or _describes_subject(ctx.s, t, base, a)))
        and not (t.form.predicate.type == "CONSULT" and _of_topic(ctx, a))
        and not _affiliated_to(ctx, a)
        and group_role(doc, a.mention.entity_id) != WEAPON
        and not companion(ctx.s, a)
        and not _asker(ctx, a)
        and a.first < charge
        and a.first > described
        and not _excepted(ctx.s, a)
        and not _platform(ctx.s, a)
        and not _names_an_accord(ctx, a)
        and not _subject_of_next_verb(ctx, a)
        and not _headline_speaker(ctx.s, a)
        and a not in described_by
        and not _adjective_of_act(ctx.s, t, a)
    ]


def _describes_subject(s: Sentence, t: Trigger, base: int, a: Arg) -> bool:
    """``وأثنت شركة "إفكتف ميجور" الأسترالية على``: a nationality right after the subject after
    the verb (past a closing quote) is the subject's own, not a recipient."""
    k = base + 1
    if k < len(s.tokens) and s.tokens[k].text in QUOTES:
        k += 1
    singular = s.folded[a.first].endswith(("ي", "يه"))  # الأسترالية; not الفلسطينيين, the people named
    return t.pos in ("perfect", "imperfect") and base > t.end and a.first == k and singular


def _adjective_of_act(s: Sentence, t: Trigger, a: Arg) -> bool:
    """``هجوم انتحاري``، ``هجوما انتحاريا``: a group word in the form of an adjective right after
    a verbal noun says what kind of act it was; it is not whom it was done to."""
    word = s.folded[a.first] if a.first < len(s.folded) else ""
    return t.pos == "masdar" and a.first == t.end + 1 and bare_group(a) and word.endswith(("ي", "يا", "يه"))


def _excepted(s: Sentence, a: Arg) -> bool:
    """``باستثناء ليندون جونسون``، ``ما عدا الولايات المتحدة``: the actor is left out of the act."""
    return any(has_marker(w, "exception", Clitic.CONJ) for w in s.folded[max(0, a.first - 2) : a.first])


PLATFORM_REACH = 3  # words before a social network where the preposition of where words were said stands


def _platform(s: Sentence, a: Arg) -> bool:
    """``أشاد الوزير على تويتر بالشرطة``: a social network after a preposition is where the words
    were said, not to whom."""
    word = s.folded[a.first]
    if not has_marker(word, "platform", Clitic.WA_BA):
        return False
    before = range(a.first - 1, max(-1, a.first - PLATFORM_REACH - 1), -1)  # على تطبيق "تلغرام"
    return word.startswith(("ب", "وب")) or any(preposition_of(s.folded[k]) for k in before)


def _headline_speaker(s: Sentence, a: Arg) -> bool:
    """``المرصد السوري: تنظيم الدولة خطف 36 سيدة``: who opens a headline and speaks before its colon
    says what follows; no act after it is done to the speaker (not ``لافروف متهما لندن:``)."""
    return a.first == 0 and a.last + 1 < len(s.tokens) and s.tokens[a.last + 1].text == ":"


def _subject_of_next_verb(ctx: SentenceContext, a: Arg) -> bool:
    """``البحرين تؤيد وموسكو تدعو للحوار``: an actor joined by و with an event verb right after it
    opens a clause of its own as that verb's subject; it is no recipient of the verb before."""
    if not ctx.s.folded[a.first].startswith("و"):
        return False
    return any(u.index == a.last + 1 and u.pos in ("perfect", "imperfect") for u in ctx.triggers)


def _names_an_accord(ctx: SentenceContext, a: Arg) -> bool:
    """``انسحاب الولايات المتحدة من اتفاق فيينا``، ``اتفاقية باريس``: a place right after a noun of an
    accord or a meeting names it, the place is no party to the act."""
    if a.first == 0 or not is_place(ctx.doc, a.mention):
        return False
    return has_marker(ctx.s.folded[a.first - 1], "named_for_place", Clitic.WA_BA)


DESCRIBING_REACH = 16  # words of a relative clause after a VSO subject, up to the comma that closes it


def _relative_tail(s: Sentence, base: int) -> int:
    """``دعا الرئيس منانغاغوا الذي خلف موغابي في نوفمبر، إلى الهدوء``: a relative clause right
    after the subject describes it, up to the comma that closes it; no one in it is the
    recipient. -1 when no such clause (or no closing comma) follows."""
    rel = base if s.folded[base] in markers()["relative"] else base + 1  # the titles' walk may take it
    if rel >= len(s.folded) or s.folded[rel] not in markers()["relative"]:
        return -1
    for k in range(rel + 1, min(len(s.tokens), rel + 1 + DESCRIBING_REACH)):
        if s.tokens[k].text in STOP_PUNCT:
            return k if s.tokens[k].text in COMMAS else -1
    return -1


def _relative_object(s: Sentence, t: Trigger, args: Sequence[Arg]) -> list[Arg]:
    """``ووعد الرئيس حسن روحاني الذي خلف أحمدي نجاد بالقيام``: the object of a relative verb right
    after a VSO subject (and its nisba adjectives) is no recipient of the main verb, comma or not."""
    first_after = next((a for a in args if a.first > t.end and not a.marker), None)
    if first_after is None:
        return []
    subject = adjacent_run(args, first_after)[-1]  # الرئيس حسن روحاني: the description, then the name
    rel = subject.last + 1
    starts = {a.first for a in args}  # الوزير السعودي الذي: a name or title there is the object, no adjective
    while (
        rel < min(len(s.folded), subject.last + 1 + SUBJECT_ADJECTIVES)
        and definite_nisba(s.folded[rel])
        and rel not in starts
    ):
        rel += 1
    if rel >= len(s.folded) or s.folded[rel] not in markers()["relative"]:
        return []
    first = next((a for a in args if rel + 1 < a.first <= rel + RELATIVE_OBJECT), None)
    return adjacent_run(args, first) if first is not None else []  # نظيره الروسي بوتين


SUBJECT_ADJECTIVES = 3  # definite adjectives between a VSO subject and its relative clause
RELATIVE_OBJECT = 3  # words after الذي where the relative verb's object starts


def _opens_charge(word: str) -> bool:
    """A word with ب that may open a charge: not an adverb of manner (``بشكل صريح``)."""
    bare = strip_clitic(word, Clitic.CONJ)
    return bare.startswith("ب") and len(bare) > 3 and not has_marker(bare, "manner", Clitic.NONE)


def _charge_start(ctx: SentenceContext, t: Trigger, after: int) -> int:
    """``اتهمت روسيا دولا غربية بمحاولة تقويض الاتفاق مع إيران``: the first word with ب after an
    accusation that names no actor opens the charge, and who the charge names (Iran) is not the
    accused; a word of the actor's phrase (``المتحدث باسم الجيش``: before ``after``) opens none.
    Past the sentence's end for other predicates."""
    s = ctx.s
    if t.form.predicate.id in WARNED:
        return _warned_that(ctx, t, after)
    if t.form.predicate.id not in CHARGED:
        return len(s.tokens)
    actors = {k for a in ctx.args for k in range(a.first, a.last + 1)}  # بترو بوروشنكو: a name's ب
    commas = [k for k in range(t.end + 1, len(s.tokens)) if s.tokens[k].text in COMMAS]

    def aside(k: int) -> bool:  # اتهمت المنظمة، المعنية بحقوق الإنسان، قوات التحالف: between commas
        return any(a < k for a in commas) and any(b > k and not actors & set(range(k, b)) for b in commas)

    def opens(k: int) -> bool:
        return s.tokens[k].start >= after and k not in actors and _opens_charge(s.folded[k]) and not aside(k)

    return next((k for k in range(t.end + 1, len(s.tokens)) if opens(k)), len(s.tokens))


def _warned_that(ctx: SentenceContext, t: Trigger, after: int) -> int:
    """``حذر ظريف من أن إيران مستعدة``: after من أن comes what the warning says, whose actors are
    not warned (Zarif warns no one; ``حذرت واشنطن دمشق من أن`` still warns Damascus)."""
    s = ctx.s
    for k in range(t.end + 1, len(s.tokens) - 1):
        if s.tokens[k].start >= after and s.folded[k] == FROM and has_marker(s.folded[k + 1], "complementizer"):
            return k
    return len(s.tokens)


def _asker(ctx: SentenceContext, a: Arg) -> bool:
    """``عقد المجلس اجتماعا بطلب من فرنسا``: who asked for the meeting is no party to it."""
    return any(0 <= (k := at_request_of(ctx.s, tr)) < a.first <= k + 1 for tr in ctx.triggers)


def _subject_end(ctx: SentenceContext, t: Trigger, after: int) -> int:
    """The last word of a VSO subject that ends before offset ``after``, with the titles after it;
    the trigger's last word when the subject stands before it."""
    base = max([t.end] + [k for k, tok in enumerate(ctx.s.tokens) if tok.end <= after])
    return _past_titles(ctx.s, base) if base > t.end else base


def _past_titles(s: Sentence, k: int) -> int:
    """The last word of the titles after a VSO subject ending at k (``الأمير محمد بن سلمان ولي ولي
    العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع``): the recipient's window starts after them."""
    vocab = gazetteer().title_vocab
    end = k
    while end + 1 < len(s.tokens) and end - k < TITLE_TAIL:
        raw, w = s.folded[end + 1], strip_clitic(s.folded[end + 1])
        if raw in name_words()["nasab"] and end + 2 < len(s.tokens):
            end += 2  # the rest of the name: بن عبدالعزيز
            continue
        adjective = w.startswith("ال") and w.endswith("ي") and not s.tokens[end + 1].text.endswith("وى")  # not الشكوى
        if not (title_or_particle(s, end + 1) or adjective or {raw, w, raw[1:]} & vocab):
            break
        end += 1
    return end


def _affiliated_to(ctx: SentenceContext, a: Arg) -> bool:
    """``القوات الموالية للرئيس هادي``: the actor a group is loyal to (markers kind affiliation,
    right before it or its title) describes the group; it is no recipient."""
    first = ctx.titles.start(a.mention)
    k = (a.first if first is None else first) - 1
    return k >= 0 and has_marker(ctx.s.folded[k], "affiliation", Clitic.CONJ)


def _of_topic(ctx: SentenceContext, a: Arg) -> bool:
    """A nationality after a noun of what is discussed, past its definite adjectives, names the
    topic (``بحث الجانبان الأزمة السورية``، ``الملف النووي الإيراني``), not a party."""
    if a.mention.kind != "nisba":
        return False
    k = a.first - 1
    while k > 0 and a.first - k <= TOPIC_WALK and ctx.s.folded[k].startswith("ال") and ctx.s.folded[k].endswith("ي"):
        k -= 1  # النووي
    return k >= 0 and has_marker(ctx.s.folded[k], "topic", Clitic.WA_BA)


def _opened_by(s: Sentence, a: Arg, opens: Callable[[int], bool], reach: int) -> bool:
    """Does the word at some k among the ``reach`` words before actor ``a`` open the phrase it
    stands in (``opens(k)``), with no punctuation and no preposition between? A preposition
    heads the phrase itself (وعبر عن شكره لسفارة: عن, and عبر is the verb "expressed")."""
    for k in range(a.first - 1, max(-1, a.first - reach - 1), -1):
        if opens(k):
            return True
        if s.tokens[k].text in STOP_PUNCT or preposition_of(s.folded[k]):
            return False
    return False


def _by_means(s: Sentence, a: Arg) -> bool:
    """``بعثت للعالم من خلال زيارة مساهل رسالة``: an actor in the phrase that says through what an
    act was done (``means``: من خلال، عبر، على لسان) is not its recipient."""
    phrases = marker_phrases()["means"]

    def opens(k: int) -> bool:
        return has_marker(s.folded[k], "means", Clitic.NONE) or (k > 0 and (s.folded[k - 1], s.folded[k]) in phrases)

    return _opened_by(s, a, opens, NP_WALK + 1)


def companion(s: Sentence, a: Arg) -> bool:
    """``زار السيسي القاعدة الجوية برفقة وزير الدفاع صدقي صبحي``: who goes with the actor
    (markers kind companion, a few words before, his title between) is neither the recipient
    nor the actor."""
    return _opened_by(s, a, lambda k: has_marker(s.folded[k], "companion", Clitic.CONJ), NP_WALK + 2)


AGAINST = fold("ضد")  # against: whom any act of violence was done to
ON = fold("على")  # on: whom a noun of violence was done to, right after it (هجوم على، غارات جوية على)
ON_REACH = 3  # words after a noun of violence where its على phrase starts


def _against(t: Trigger, a: Arg) -> bool:
    """Is ``a`` whom an act of violence was done to by its preposition, beside the act's own
    frame: ضد anywhere, على right after a noun (not ``الحديدة المطلة على البحر الأحمر``)?"""
    if t.form.predicate.type != "ASSAULT":
        return False
    return a.marker == AGAINST or t.pos == "masdar" and a.marker == ON and a.first - t.end <= ON_REACH


def _recipient(ctx: SentenceContext, t: Trigger, cands: list[Arg]) -> tuple[Arg | None, bool]:
    """The nearest candidate that fits the frame (its preposition, or none for a direct
    object), else the nearest one not marked as a place (في); and whether it fits the frame."""
    pred = t.form.predicate
    fitting = [
        a for a in cands if (a.marker in pred.recipient if a.marker else "obj" in pred.recipient) or _against(t, a)
    ]
    loose = [a for a in cands if a.marker != IN and not _by_means(ctx.s, a)]
    if pred.type not in PLACE_TARGET_TYPES or pred.mode == "host":  # a town is where it happened, not the recipient
        fitting = [a for a in fitting if is_actor(ctx.doc, a)]
        loose = [a for a in loose if is_actor(ctx.doc, a)]
    if fitting:
        return fitting[0], True
    return (loose[0] if loose else None), False


def _undergoer(ctx: SentenceContext, t: Trigger, source: Sequence[str]) -> Arg | None:
    """``تعرضت بلدة الزبداني لهجوم من قوات النظام``: the subject of a verb of undergoing (markers
    kind undergo) before a verbal noun with ل, or of suffering (kind suffer) before one with ب
    (``منيت ميليشيات الحوثي بضربات``), is what the act was done to; so is the subject of a verb of
    repelling an attack (kind repel: ``صدت قوات الجيش هجوما للحوثيين``، ``تصدت المقاومة لهجوم``)."""
    s, places = ctx.s, t.form.predicate.type in PLACE_TARGET_TYPES
    repelled = t.form.predicate.type == "ASSAULT" and t.pos == "masdar"  # صدت قوات الجيش هجوما للحوثيين
    kind = "undergo" if t.prefix.endswith("ل") else "suffer" if t.prefix.endswith("ب") else None  # تعرضت ل، منيت ب
    if kind is None and not repelled:
        return None
    for k in range(t.index - 1, max(-1, t.index - VSO_WINDOW - 2), -1):
        if s.tokens[k].text in STOP_PUNCT:
            return None
        undergo = kind is not None and has_marker(s.folded[k], kind, Clitic.CONJ)
        if undergo or repelled and has_marker(s.folded[k], "repel", Clitic.CONJ):
            fits = [a for a in ctx.args if actor_id(a.mention) not in source and (is_actor(ctx.doc, a) or places)]
            between = next((a for a in fits if k < a.first < t.index and not a.marker), None)
            return between or _before_relative(s, k, fits)
    return None


def _before_relative(s: Sentence, k: int, fits: Sequence[Arg]) -> Arg | None:
    """The actor or place right before a relative pronoun that opens the verb at ``k``
    (``مدينة الزبداني التي تتعرض لهجوم``); past a nisba after it (``منطقة عفرين السورية التي``: Afrin)."""
    if k < 2 or s.folded[k - 1] not in markers()["relative"]:
        return None
    held = next((a for a in fits if a.last == k - 2), None)
    if held is None or held.mention.kind != "nisba":
        return held
    return next((a for a in fits if a.last == held.first - 1), held)


def _pronoun_object(ctx: SentenceContext, t: Trigger, source: Sequence[str]) -> Arg | None:
    """``وجه ماتيس انتقادا لبوتين، متهما إياه``: an object pronoun written apart (markers kind
    detached_pronoun) right after the trigger is the nearest actor before it that is not the actor,
    a person first for إياه, a state or body first for إياها."""
    s, k = ctx.s, t.end + 1
    if k >= len(s.tokens) or not has_marker(s.folded[k], "detached_pronoun", Clitic.NONE):
        return None
    before = [
        a
        for a in reversed(ctx.args)
        if a.last < t.index
        and actor_id(a.mention) not in source
        and is_actor(ctx.doc, a)
        and a.mention.kind != "nisba"  # الموانئ الإيطالية: an adjective is no antecedent
    ]
    word = s.folded[k]
    if word.endswith(("ه", "ها")):
        person = not word.endswith("ها")
        fits = [a for a in before if is_person(ctx.doc, a.mention) == person]
        before = fits or before
    return before[0] if before else None


def _asked(ctx: SentenceContext, t: Trigger, source: Sequence[str]) -> Arg | None:
    """``عقد مجلس الأمن اجتماعا بطلب من فرنسا``: a request whose asker follows it (من) was made
    to the subject before it."""
    if at_request_of(ctx.s, t) < 0 or not any(a.first > t.end and actor_id(a.mention) in source for a in ctx.args):
        return None
    return next(
        (a for a in reversed(ctx.actors) if a.last < t.index and not a.marker and actor_id(a.mention) not in source),
        None,
    )


@dataclass(frozen=True)
class Target:
    """The recipients of a trigger, where it happened, and whether the recipient is marked as
    the frame says (``عرض على``) rather than only the nearest actor of the clause."""

    ids: list[str]
    location: str | None
    marked: bool


def find_target(ctx: SentenceContext, t: Trigger, source: Sequence[str], after: int, street: bool) -> Target:
    """The recipients of trigger ``t`` (the one found and those joined to it by و) and where it
    happened. ``after``: the offset where the recipient may start (after the actor)."""
    doc, s = ctx.doc, ctx.s
    found, marked = _recipient(ctx, t, _candidates(ctx, t, source, after, street))
    undergoer = _undergoer(ctx, t, source) or _asked(ctx, t, source) or _pronoun_object(ctx, t, source)
    if (backer := backing(ctx, t)) is not None:
        undergoer = backer[1]  # فاليسا … بدعم من الكنيسة: Walesa was backed
    if undergoer is not None:
        found, marked = undergoer, True
    location = None
    target: list[str] = []
    for a in coordinated(ctx.args, found, s) if found is not None else ():
        if is_place(doc, a.mention):
            location = location or a.mention.entity_id
        target.append(actor_id(a.mention))
    if location is None:
        start = s.tokens[t.index].start
        place = next((a for a in place_args(ctx) if a.mention.start > start), None)
        location = place.mention.entity_id if place is not None else None
        if not target and place is not None and _attacked(ctx, t, place):
            target = [place.mention.entity_id]  # قصفت الميليشيات الأحياء السكنية في تعز: Taiz was shelled
    host = capital_of(location) if location else None
    if not target and t.form.predicate.type in DELIVERED_TYPES and t.pos == "masdar":
        land = _reached_land(ctx, t)
        target = [land] if land and land not in source else []  # وصلت مساعدات سعودية إلى عدن: to Yemen
    if not target and t.form.predicate.type == "CONSULT" and host and host not in source:
        target = [host]  # a meeting in Khartoum is hosted by Sudan
    return Target(target, location, marked and bool(target))


DELIVERED_TYPES = frozenset({"AID"})  # acts whose recipient a town they reach stands for: its country


def _reached_land(ctx: SentenceContext, t: Trigger) -> str | None:
    """The country of the first town after the act in its clause (``إلى مدينة عدن``: Yemen), None when
    the town is unknown or lies across borders."""
    end = _clause_end(ctx, t, t.end)
    town = next((a for a in ctx.args if t.end < a.first < end and is_place(ctx.doc, a.mention)), None)
    entry = gazetteer().entries.get(town.mention.entity_id) if town is not None else None
    return (entry.capital_of or entry.country or None) if entry is not None else None


def _attacked(ctx: SentenceContext, t: Trigger, place: Arg) -> bool:
    """An attack that hits no actor hit the place named in its clause."""
    return t.form.predicate.type in ATTACKED_PLACE_TYPES and place.mention.start < _clause_end(ctx, t, t.end)


def place_args(ctx: SentenceContext) -> list[Arg]:
    """The places of the sentence marked as where something happened (``في الخرطوم``، ``بطرابلس``)."""
    return [a for a in ctx.args if is_place(ctx.doc, a.mention) and a.marker in PLACE_MARKERS]
