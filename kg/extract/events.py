"""Events: the sentence driver of event extraction.

For each sentence, its mentions are placed (``arguments``), its triggers found
(``triggers``); each trigger gets its actor by the first rule that applies (``sources``), its
recipient and place (``targets``) and its modality and speaker (``modality``). What earlier
sentences made salient (the last person named, the last actor) flows from sentence to sentence
as an immutable ``Salience``. A trigger is a verb (VSO: ``طالب سيالة``; SVO: ``الجزائر
أوقفت``), a passive or impersonal verb (``سيتم إعادة فتح سفارة الجزائر``), or a verbal noun
whose possessor is the actor (``زيارة مساهل``, ``زيارته`` → the salient person); a capital in
an actor's role stands for its country (``واشنطن``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from kg.arabic.clitics import Clitic, folded_prefix_to_original, proclitic_readings
from kg.arabic.normalize import fold
from kg.extract.arguments import coordinated, last_person_before, sentence_context
from kg.extract.clause import (
    LIGHT_WINDOW,
    STOP_PUNCT,
    VSO_WINDOW,
    Arg,
    Rule,
    SentenceContext,
    Trigger,
    actor_id,
    bare_group,
    group_role,
    his_country_word,
    home_state,
    is_actor,
    is_person,
    light_verb_end,
    preposition_of,
    pronoun_object,
    reporter,
    state_of,
    type_of,
)
from kg.extract.merging import VIOLENCE, across_sentences
from kg.extract.modality import Modality, modality, speaker
from kg.extract.no_act import link_line, names_no_act, of_the_game, sum_follows
from kg.extract.protests import protest_reported
from kg.extract.retype import retyped
from kg.extract.sources import MUTUAL, RECIPROCAL, Salience, Source, after_pronoun_that, find_source
from kg.extract.targets import companion, find_target, place_args
from kg.extract.tokens import Sentence, sentences
from kg.extract.triggers import Lemmas, complement_of_trigger, happening_verb
from kg.extract.victims import TOLD_AS_NEWS, named_perpetrator, not_news, passive_subject, said_at, verbal_attack
from kg.lexicon.actors import entry_entity, gazetteer
from kg.lexicon.markers import first_marker, has_marker, marker_of, marker_phrases, markers
from kg.lexicon.predicates import Form, Predicate, predicate_lexicon
from kg.model import Document, Event, Fact, Mention

FUTURE_TO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})  # PLOVER: promised cooperation is AGREE
STREET_TYPES = frozenset({"PROTEST", "ASSAULT", "COERCE", "MOBILIZE"})  # where a bare group (مسلحون) may act
MIN_CONFIDENCE_WITHOUT_TARGET = 0.5  # weak words (فجر dawn/detonate) need a recipient to count
WITHOUT_TARGET = 0.9  # an event without a recipient is trusted a little less
ACCUSE = "accuse"  # the predicate of a speaker's reported accusation (predicates.tsv)
CRITICIZE = "criticize"  # what هاجم said of a person is (predicates.tsv)
DOMESTIC = frozenset({"ACCUSE", "COERCE", "SANCTION", "ASSAULT", "PROTEST", "THREATEN"})  # an official may do
# these to his own state (كيري: إدارة ترامب تسعى لتغيير النظام); no other event (نفى لافروف ضلوع روسيا)
QUANTITY = "quantity"  # the group role of a bare count (العشرات، الآلاف): a crowd that protests, no party to violence
CROWD_COUNTED = "crowd_counted"  # the predicate of the event a counted crowd makes (predicates.tsv)


@dataclass(frozen=True)
class Actor:
    """The actor's entity ids as a source rule found them, where its recipient may start (a
    character offset), and the implicit actor used when none is named."""

    ids: tuple[str, ...]
    after: int
    implicit: str | None = None


@dataclass(frozen=True)
class Reading:
    """What one trigger says, before it is numbered as an event."""

    type: str
    predicate_en: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    location: str | None
    modality: Modality
    rule: Rule
    predicate: Predicate | None = None  # when not the trigger's own (a reported accusation's)


@dataclass(frozen=True)
class SentenceEvents:
    """What one sentence gives: its events, their statedBy facts, the implicit actors it used
    (lexicon groups), and what it leaves salient for the next sentence."""

    events: tuple[Event, ...]
    facts: tuple[Fact, ...]
    implicit: frozenset[str]
    salience: Salience


def _his_country(src: Source) -> bool:
    """The actor was found as ``بلاده`` (his country): a later verb without a subject is the speaker's."""
    return bool(src.args) and all(his_country_word(a.mention) for a in src.args)


def _actor(ctx: SentenceContext, t: Trigger, src: Source, salience: Salience, current: tuple[str, ...]) -> Actor:
    """The entity ids of the actor a source rule found, and where its recipient may start."""
    s, pred = ctx.s, t.form.predicate
    end = s.tokens[t.end].end
    if src.rule in (Rule.PARTICIPLE_MAIN_SUBJECT, Rule.VERB_SHARED_SUBJECT) and not src.args:
        actor = Actor(current, end)
    elif src.rule is Rule.NOUN_IMPLICIT:  # no actor is named: the recipient may stand before the trigger too
        after = s.tokens[max(0, t.index - LIGHT_WINDOW)].start
        if pred.type == "PROTEST" and protest_reported(s, t):
            after = end  # قتل شاب برصاص الجيش خلال احتجاجات: the army is not whom they protest
        named = named_perpetrator(ctx.doc, s, ctx.args, t) if pred.type == "ASSAULT" else ()
        implicit = gazetteer().implicit_agents[pred.type]
        actor = Actor(named, after) if named else Actor((implicit,), after, implicit)
    elif src.args:
        actor = Actor(tuple(actor_id(a.mention) for a in src.args), max(end, max(a.mention.end for a in src.args)))
    elif src.pronoun is not None:
        actor = Actor((src.pronoun.entity_id,), end)
    elif src.rule is Rule.VERB_SALIENT and salience.last_speaker and _unnamed_speech_before(s, t):
        actor = Actor(salience.last_speaker, end)  # وقال بومبيو … وأضاف أنه يرجو: the speaker goes on
    else:
        actor = Actor(salience.last_source, end)
    if src.rule is Rule.VERB_SVO:
        return replace(actor, after=end)
    if src.rule is Rule.NOUN_LIGHT_VERB:  # شنت القوات التركية غارات: the recipient follows the actor
        args_end = max((a.mention.end for a in src.args), default=0)
        return replace(actor, after=max(light_verb_end(s, t.index), args_end))
    return actor


def _unnamed_speech_before(s: Sentence, t: Trigger) -> bool:
    """A verb of saying with no one named, and the trigger right after its أنه (وأضاف أنه يرجو)."""
    return after_pronoun_that(s, t.index) and _speech_before(s, t)


def _speech_before(s: Sentence, t: Trigger) -> bool:
    """A verb of saying stands before the trigger in its sentence."""
    return any(map(marker_of("speech"), s.folded[: t.index]))


def _extends(x: str, ids: Sequence[str]) -> bool:
    """An actor's id is built on ``x`` (``مسلحون صوماليون``: a group's id and its country's
    key): ``x`` is that actor, not its recipient."""
    return any(sid.startswith(x + "_") for sid in ids)


def _pair_mates(ctx: SentenceContext, src: Source, ids: list[str]) -> list[str]:
    """The other side of ``الجانبان``، ``البلدان`` when the actor found is one side of it: the
    pair word stands for the two countries the article names most, both on its token."""
    pairs = [a for a in src.args if a.mention.kind == "pair"]
    return [
        actor_id(b.mention)
        for a in pairs
        for b in ctx.args
        if b.mention.kind == "pair" and b.first == a.first and actor_id(b.mention) not in ids
    ]


def _read(
    ctx: SentenceContext, t: Trigger, src: Source, actor: Actor, street: bool, last_person: Mention | None
) -> Reading | None:
    """The event of a trigger with its actor, or None when the frame does not hold.
    ``last_person``: the last person an earlier sentence named (a pronoun object may stand for them)."""
    pred = t.form.predicate
    ids = list(actor.ids)
    tgt = find_target(ctx, t, ids, actor.after, street)
    found, location = tgt.ids, tgt.location
    if not found and pronoun_object(ctx.s, t) in pred.recipient:
        him = last_person_before(ctx.doc, ctx.args, t.index) or last_person
        if him is not None and actor_id(him) not in ids:
            found = [actor_id(him)]  # واجتمع معه السيسي، والتقى به روحاني: the person named before
    if mates := _pair_mates(ctx, src, ids):  # بحث الجانبان: one side with the other; أكد الجانبان: both
        if pred.type in RECIPROCAL or MUTUAL in pred.recipient:
            found = mates
        else:
            ids += mates
    victims = passive_subject(ctx.s, t, ctx.args) if src.rule in (Rule.NOUN_IMPLICIT, Rule.PASSIVE_AGENT) else None
    if victims is not None:  # 12 من عناصر الحوثي قتلوا في غارة: the Houthis were hit
        found = [actor_id(a.mention) for a in coordinated(ctx.args, victims, ctx.s) if is_actor(ctx.doc, a)] or found
    typ, predicate_en = pred.type, pred.predicate_en
    if (pred.mode == "host" or "reverse" in pred.needs) and found:
        ids, found = list(found), list(ids)  # the visitor, the caller is the actor (PLOVER)
        predicate_en = f"was {predicate_en} by" if pred.mode == "host" else predicate_en  # Carter was received by
    mod = modality(ctx.s, t)
    if mod == "future" and typ in FUTURE_TO_AGREE:
        typ, predicate_en = "AGREE", f"agreed: {pred.predicate_en}"
    elif mod == "future" and typ in ("ASSAULT", "COERCE", "SANCTION") and _said(ctx.s, t, src):
        typ, predicate_en = "THREATEN", f"threatened: {pred.predicate_en}"  # سنضرب إيران، قال نتنياهو
    if typ == "REQUEST" and tuple(ctx.s.folded[t.end + 1 : t.end + 3]) in marker_phrases()["anonymity"]:
        return None  # قال المسؤول طالبا عدم الكشف عن اسمه: he asks not to be named
    if typ in TOLD_AS_NEWS and not_news(ctx.s, t, typ, mod, ctx.doc.date):
        return None  # تحطم طائرة، ستشن غارات، عام 1983 قام حزب الله بهجوم: no attack of the day
    target = tuple(x for x in dict.fromkeys(found) if x not in ids and not _extends(x, ids))
    if typ not in DOMESTIC:  # نفى لافروف ضلوع روسيا: no event of a state's with its own officials
        own = {home_state(ctx.doc, i) for i in ids}
        target = tuple(x for x in target if x not in own and home_state(ctx.doc, x) not in ids)
    if not target and ("target" in pred.needs or pred.confidence < MIN_CONFIDENCE_WITHOUT_TARGET):
        return None
    if "marked" in pred.needs and not (target and tgt.marked):
        return None  # عرض (showed) is an offer only to someone marked by على
    if "named" in pred.needs and src.rule in (Rule.VERB_SALIENT, Rule.NOUN_SALIENT):
        return None
    if "sum" in pred.needs and t.pos != "masdar" and not sum_follows(ctx.s, t):
        return None  # منحت طهران توتال مهلة، منح جائزة: a deadline, a prize, no aid
    if "complement" in pred.needs and not _complement_follows(ctx.s, t):
        return None  # تراجع أداؤها، سجلت تراجعا: a fall, not a climb-down (تراجع عن قراره)
    ids = [x for x in ids if not reporter(ctx.doc, x)]  # نقلت رويترز … طلبوا: the agency reports, others ask
    if not ids or (pred.actor is not None and not all(group_role(ctx.doc, x) == pred.actor for x in ids)):
        return None  # سار المتظاهرون is a protest; سار الوزير is not
    if typ in VIOLENCE and any(group_role(ctx.doc, x) == QUANTITY for x in (*ids, *target)):
        ids = [x for x in ids if group_role(ctx.doc, x) != QUANTITY]  # قتل العشرات: the dozens are killed
        target = tuple(x for x in target if group_role(ctx.doc, x) != QUANTITY)  # counted, not who
        if not ids:
            return None
    if typ == "ASSAULT" and (all(type_of(ctx.doc, x) == "Person" for x in ids) or said_at(ctx.doc, t, ids, target)):
        return _person_attack(ctx.doc, t, Reading(typ, predicate_en, tuple(ids), target, location, mod, src.rule))
    return Reading(typ, predicate_en, tuple(ids), target, location, mod, src.rule)


def _person_attack(doc: Document, t: Trigger, r: Reading) -> Reading | None:
    """Violence whose author would be a named person. The verb ``هاجم الجبير السياسات
    الإيرانية`` is a verbal attack (criticism; the noun ``أمر بشن هجوم`` is an attack ordered).
    Beside any other violence word an official speaks for the state that fights (``قال أردوغان
    إن غارات …``: Turkey's); anyone else is its victim, its reporter or the speaker the sentence
    goes on from, seldom its author."""
    if verbal_attack(t):
        crit = predicate_lexicon().entries[CRITICIZE]
        return replace(r, type=crit.type, predicate_en=crit.predicate_en, predicate=crit)
    homes = [home_state(doc, x) for x in r.source]
    states = tuple(dict.fromkeys(h for h in homes if h is not None))
    target = tuple(x for x in r.target if x not in states)
    return replace(r, source=states, target=target) if None not in homes and target else None


def _said(s: Sentence, t: Trigger, src: Source) -> bool:
    """Is a future act said by its author's side: the speaker is the actor (``سنضرب``، قال
    نتنياهو), or a verb of saying stands before an attack (``قال نتنياهو إن إسرائيل ستضرب``)?"""
    if src.rule is Rule.VERB_SPEAKER:
        return True
    return t.form.predicate.type == "ASSAULT" and _speech_before(s, t)


COMPLEMENT_REACH = 10  # words after a trigger (past a VSO subject) where its complement's preposition may stand


def _complement_follows(s: Sentence, t: Trigger) -> bool:
    """Does one of the frame's prepositions follow the trigger within a few words, in its clause?"""
    for k in range(t.end + 1, min(len(s.folded), t.end + 1 + COMPLEMENT_REACH)):
        if s.tokens[k].text in STOP_PUNCT:
            return False
        if preposition_of(s.folded[k]) in t.form.predicate.recipient:
            return True
    return False


def _official(doc: Document, x: str) -> bool:
    """A person who holds an office of a state (a minister, a president), who speaks for it."""
    e = doc.entity(x)
    return e is not None and e.type == "Person" and bool(e.role_en) and home_state(doc, x) is not None


def _speaks_for(ctx: SentenceContext, spk: Arg, a: Arg) -> bool:
    """``المتحدث باسم التحالف``، ``الناطق الرسمي باسم الجيش``: ``a`` follows the speaker after باسم, or
    stands inside the speaker's title phrase."""
    title = ctx.titles.start(spk.mention)
    if title is not None and title <= a.first < spk.first:
        return True
    return a.first == spk.last + 2 and has_marker(ctx.s.folded[spk.last + 1], "spoken_for", Clitic.NONE)


def _reported_accusation(ctx: SentenceContext, t: Trigger, r: Reading, spk: Arg) -> Reading | None:
    """What a speaker reports a third party doing to others' harm is the speaker's accusation:
    ``وقال نتنياهو إن إيران تدعم الإرهاب`` is ACCUSE Netanyahu → Iran, beside what he reports;
    not when the speaker speaks for the actor (``المتحدث باسم التحالف``: its own acts)."""
    speaker = actor_id(spk.mention)
    if any(actor_id(a.mention) in r.source and _speaks_for(ctx, spk, a) for a in ctx.args):
        return None
    if speaker in r.source or r.modality == "negated" or r.rule in (Rule.NOUN_IMPLICIT, Rule.PASSIVE_AGENT):
        return None  # a casualty report names no one to accuse
    if reporter(ctx.doc, speaker):
        return None  # ذكرت وكالة سانا أن غارات إسرائيلية …: news, not an accusation
    if any(group_role(ctx.doc, x) is not None for x in r.source):
        return None  # قال المتحدث إن مسلحين قتلوا: a report, not an accusation of a state or a group by name
    if (home := home_state(ctx.doc, speaker)) is not None and any(state_of(ctx.doc, x) == home for x in r.source):
        return None  # قال الجيش الإسرائيلي إن إسرائيل قصفت: what one's own state did is reported, not accused
    official = state_of(ctx.doc, speaker) is not None or _official(ctx.doc, speaker)
    violence = r.type in ("ASSAULT", "COERCE") and r.modality == "asserted" and official
    hostile = violence or (
        r.type in ("SUPPORT", "AID")
        and has_marker(ctx.s.folded[t.end + 1] if t.end + 1 < len(ctx.s.folded) else "", "terror")
    )
    if not hostile:
        return None
    accuse = predicate_lexicon().entries[ACCUSE]
    return Reading(
        accuse.type, accuse.predicate_en, (speaker,), r.source, None, "asserted", Rule.REPORTED_ACCUSATION, accuse
    )


def _event(ctx: SentenceContext, t: Trigger, r: Reading, eid: str) -> Event:
    """The event of a reading, its trigger's offsets without its proclitics (``وزيارة``)."""
    s, pred = ctx.s, r.predicate or t.form.predicate
    first_tok, last_tok = s.tokens[t.index], s.tokens[t.end]
    written = len(t.prefix) - t.prefix.count("لال")  # لل + noun is read ل + ال: one letter fewer written
    start = min(first_tok.start + folded_prefix_to_original(first_tok.text, written), first_tok.end - 1)
    return Event(
        id=eid,
        type=r.type,
        mode=pred.mode,
        cameo=pred.cameo,
        source=r.source,
        target=r.target,
        trigger=ctx.doc.text[start : last_tok.end],
        sentence=s.span.text,
        start=start,
        end=last_tok.end,
        modality=r.modality,
        location=r.location,
        date=ctx.doc.date,
        predicate_en=r.predicate_en,
        predicate_ar=pred.predicate_ar,
        confidence=round(pred.confidence * r.rule.confidence * (1.0 if r.target else WITHOUT_TARGET), 3),
        rule=f"{t.pos}:{r.rule}:{pred.id}",
    )


def _counted_crowd(doc: Document, s: Sentence, a: Arg, crowd: Predicate) -> bool:
    """Protesters counted (آلاف المتظاهرين، 300 متظاهر، عدة مئات من المتظاهرين): a crowd that was there."""
    if group_role(doc, a.mention.entity_id) != crowd.actor:
        return False
    count = markers()["count"]
    if any(rest in count for _pre, rest in proclitic_readings(s.folded[a.first])) and a.last > a.first:
        return True
    words = [fold(t.text) for t in s.tokens[a.first - 2 : a.first]] if a.first >= 1 else []
    if words and words[-1] == "من":  # عدة مئات من المتظاهرين
        words = [fold(t.text) for t in s.tokens[max(0, a.first - 3) : a.first - 1]]
    return any(w.isdigit() or w in count or any(c.isdigit() for c in w) for w in words[-1:])


def _crowd_event(ctx: SentenceContext, eid: str) -> Event | None:
    """A counted crowd of protesters is a protest even without a verb, unless negated."""
    p = predicate_lexicon().entries[CROWD_COUNTED]
    crowd = next((a for a in ctx.args if _counted_crowd(ctx.doc, ctx.s, a, p)), None)
    if crowd is None:
        return None
    mod = modality(ctx.s, Trigger(crowd.first, 1, Form(p, "phrase"), False, ""))
    if mod == "negated":
        return None
    m = crowd.mention
    return Event(
        id=eid,
        type=p.type,
        mode=p.mode,
        cameo=p.cameo,
        source=(m.entity_id,),
        target=(),
        trigger=m.text,
        sentence=ctx.s.span.text,
        start=m.start,
        end=m.end,
        modality=mod,
        location=next((a.mention.entity_id for a in place_args(ctx)), None),
        date=ctx.doc.date,
        predicate_en=p.predicate_en,
        predicate_ar=p.predicate_ar,
        confidence=Rule.COUNTED_CROWD.confidence,
        rule=f"phrase:{Rule.COUNTED_CROWD}:{p.id}",
    )


def extract_sentence(
    doc: Document, s: Sentence, mentions: Sequence[Mention], salience: Salience, first_id: int, lemmas: Lemmas | None
) -> SentenceEvents:
    """The events of one sentence, numbered from ``first_id``; ``salience`` comes from the
    sentences before."""
    ctx = sentence_context(doc, s, mentions, lemmas)
    events: list[Event] = []
    facts: list[Fact] = []
    seen: set[tuple[str, tuple[str, ...], tuple[str, ...]]] = set()
    implicit: set[str] = set()
    current: tuple[str, ...] = ()  # the actor of the sentence's last event
    silent = of_the_game(s) or link_line(s)  # a match report, a link to another story: no events
    acting = tuple(a for a in ctx.actors if not companion(s, a))  # not those who go with the actor
    for t in ctx.triggers:
        if silent or complement_of_trigger(s, t, ctx.triggers) or happening_verb(s, t, ctx.triggers):
            continue
        if names_no_act(s, t):
            continue
        spk = speaker(s, t, ctx.actors)
        street = t.form.predicate.type in STREET_TYPES
        fit = acting if street else tuple(a for a in acting if not bare_group(a))
        src = find_source(ctx, t, fit, spk, salience, bool(current))
        if src is None:
            continue
        actor = _actor(ctx, t, src, salience, current)
        implicit.update([actor.implicit] if actor.implicit else [])
        r = _read(ctx, t, src, actor, street, salience.last_person)
        if r is not None and (new := retyped(ctx, t, r.predicate or t.form.predicate, r.target)) is not None:
            r = replace(r, type=new.type, predicate_en=new.predicate_en, predicate=new)  # أوقفت ناشطين: arrested
        if r is None or (r.type, r.source, r.target) in seen:
            continue
        seen.add((r.type, r.source, r.target))
        events.append(_event(ctx, t, r, f"e{first_id + len(events)}"))
        if spk is not None:
            facts.append(Fact(events[-1].id, "statedBy", actor_id(spk.mention), spk.mention.start, spk.mention.end))
            accusation = _reported_accusation(ctx, t, r, spk)
            if accusation is not None and (accusation.type, accusation.source, accusation.target) not in seen:
                seen.add((accusation.type, accusation.source, accusation.target))
                events.append(_event(ctx, t, accusation, f"e{first_id + len(events)}"))
        who = (actor_id(spk.mention),) if spk is not None and _his_country(src) else r.source  # بلاده: the speaker
        salience = replace(salience, last_source=who) if src.args or src.pronoun is not None else salience
        current = who
    no_crowd = silent or any(e.type == "PROTEST" for e in events)
    crowd = None if no_crowd else _crowd_event(ctx, f"e{first_id + len(events)}")
    people = [a.mention for a in ctx.args if is_person(doc, a.mention)]
    salience = replace(salience, last_person=people[-1]) if people else salience
    said = _speaker_of_sentence(ctx)
    salience = replace(salience, last_speaker=(actor_id(said.mention),)) if said is not None else salience
    return SentenceEvents(tuple(events) + ((crowd,) if crowd else ()), tuple(facts), frozenset(implicit), salience)


def _speaker_of_sentence(ctx: SentenceContext) -> Arg | None:
    """Who speaks in the sentence: the actor named after (or right before) its first verb of
    saying (وقال بومبيو إنه، وأكد الوزير أن)."""
    k = first_marker(ctx.s.folded, "speech")
    if k < 0:
        return None
    after = [a for a in ctx.actors if k < a.first <= k + VSO_WINDOW]
    before = [a for a in ctx.actors if a.last < k and k - a.last <= 2]
    return after[0] if after else before[-1] if before else None


def _mentions_by_sentence(doc: Document) -> Iterator[tuple[Sentence, list[Mention]]]:
    """Each sentence with the mentions that start in it."""
    ordered = sorted(doc.mentions, key=lambda x: x.start)
    k = 0
    for s in sentences(doc):
        inside = []
        while k < len(ordered) and ordered[k].start < s.span.end:
            if ordered[k].start >= s.span.start:
                inside.append(ordered[k])
            k += 1
        yield s, inside


def find_events(doc: Document) -> Document:
    """Stage: events of every sentence, with statedBy facts for reported speech, and the
    implicit actors they name among the entities."""
    salience = Salience()
    events: list[Event] = []
    facts: list[Fact] = []
    implicit: set[str] = set()
    lemmas = dict(zip((t.start for t in doc.tokens), doc.lemmas)) if doc.lemmas else None
    for s, mentions in _mentions_by_sentence(doc):
        found = extract_sentence(doc, s, mentions, salience, len(events) + 1, lemmas)
        events += found.events
        facts += found.facts
        implicit |= found.implicit
        salience = found.salience
    events = across_sentences(doc, events)
    kept = {e.id for e in events}
    known = {e.id for e in doc.entities}
    g = gazetteer()
    extra = tuple(entry_entity(g.entries[k]) for k in sorted(implicit) if k not in known and k in g.entries)
    facts = [f for f in facts if f.predicate != "statedBy" or f.subject in kept]
    return doc.with_(events=tuple(events), facts=doc.facts + tuple(facts), entities=doc.entities + extra)
