"""Sources: who did it. The actor of a trigger is found by the first rule that applies, and
the rule is kept (``Rule``): it explains the event and weighs its confidence.

A verbal noun takes its possessor (``زيارة مساهل``), a nationality after a violence noun
(``الغارات الإسرائيلية``), its light verb's subject (``قام مساهل بزيارة``), a pronoun's person
(``زيارته``) or the parties after بين; a verb takes the subject after it (VSO, past title
words) or before it (SVO), the speaker of the reported speech it stands in, or the subject of
the clause it is joined to. What a report leaves unnamed (``اندلعت مظاهرات أمس``) is the
implicit actor of the event's type.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.arabic.clitics import Clitic, strip_clitic
from kg.arabic.normalize import fold
from kg.extract.arguments import (
    apposed_subject,
    between,
    chain_ending,
    coordinated,
    coordinated_verb,
    last_person_before,
    nationality_after,
    subject_slot,
)
from kg.extract.clause import (
    MUTUAL,
    STOP_PUNCT,
    SVO_WINDOW,
    Arg,
    Rule,
    SentenceContext,
    Trigger,
    at_request_of,
    capital_of,
    entity_type,
    her_owner,
    his_country_word,
    is_person,
    is_place,
    light_verb,
    light_window,
    pronoun_object,
)
from kg.extract.objects import after_is_object, backing, object_follows, unnamed_subject_after
from kg.extract.partners import done_with, together_with
from kg.extract.protests import protest_reported
from kg.extract.relatives import marked_author, relative_agent, relative_author, relative_subject
from kg.extract.tokens import Sentence
from kg.extract.triggers import (
    accusative_noun,
    definite_or_owned,
    is_verb_form,
    noun_too,
    pronoun_suffix,
)
from kg.extract.victims import agent_before, anchored_in_time, casualties, counted, oblique_group, reads_passive
from kg.lexicon.actors import gazetteer
from kg.lexicon.markers import has_marker, marker_phrases, markers
from kg.model import Mention

# اغتيال الحريري، مقتل جندي، خطف صحفي: with violence nouns the possessor is the victim
PATIENT_POSSESSOR = frozenset({"ASSAULT", "COERCE"})
AUTHORED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})  # a nationality after the noun did it
ACCORD = "agree_with"  # the predicate of اتفاق (predicates.tsv), which a city after it may name
# predicates whose noun a city after it names (اتفاق فيينا، قمة هلسنكي، محادثات جنيف، مفاوضات أستانة)
NAMED_BY_PLACE = frozenset({ACCORD, "summit", "talks", "negotiate", "confer", "consult", "meet_together", "dialogue"})
BOMBING = "bombing"  # the PLOVER mode of bombs and blasts: the bomb goes off, who set it is often unsaid
# nouns whose nationality after them is the victim (مقتل إسرائيلي), unlike attacks (غارة إسرائيلية)
VICTIM_NOUNS = frozenset(
    {
        "kill",
        "casualties",
        "assassinate",
        "assassination_attempt",
        "abduct",
        "kidnap",
        "hostage",
        "torture",
        "beat",
        "execute",
        "slaughter",
        "stab",
        "displace",
        "sexual_violence",
        "massacre",
    }
)
RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "REJECT"})  # things done between two parties
POSSESSOR_SUFFIXES = ("ه", "ها", "هم")  # his, her, their: تضامنه
SINGULAR_SUFFIXES = ("ه", "ها")  # his, her: زيارته
FINITE = ("perfect", "imperfect")
BE = fold("كان")  # كان، كانت، كانوا: past the auxiliary to its subject
BELONGING = fold("التابع")  # التابعة، التابع: the body a subject belongs to, between it and its verb


@dataclass(frozen=True)
class Salience:
    """What earlier sentences made salient: the last person named (for ``زيارته``) and the
    last actor found in a sentence (for a verb without a subject)."""

    last_person: Mention | None = None
    last_source: tuple[str, ...] = ()
    last_speaker: tuple[str, ...] = ()  # who last spoke (وقال بومبيو): the subject of وأضاف أنه


@dataclass(frozen=True)
class Source:
    """The actor of a trigger as a rule found it: mentions of the sentence, or the person a
    pronoun stands for, or neither (the rule then names where the actor comes from)."""

    rule: Rule
    args: tuple[Arg, ...] = ()
    pronoun: Mention | None = None


def find_source(
    ctx: SentenceContext, t: Trigger, actors: Sequence[Arg], speaker: Arg | None, salience: Salience, current: bool
) -> Source | None:
    """The actor of trigger ``t`` among ``actors``, None when no rule finds one. ``current``:
    an earlier event of this sentence has an actor (a participle's main clause)."""
    if t.pos == "masdar":
        return _noun_source(ctx, t, actors, salience)
    return _verb_source(ctx, t, actors, speaker, salience, current)


def _source(rule: Rule, *args: Arg) -> Source:
    return Source(rule, tuple(args))


# ---------------------------------------------------------------- verbal nouns


def _possessor(ctx: SentenceContext, t: Trigger, actors: Sequence[Arg]) -> Source | None:
    """``زيارة مساهل``: the actor right after the noun, or after the title that describes him
    (``زيارة وزير الخارجية المصري سامح شكري``); ``الغارات الإسرائيلية``: a nationality after a
    violence noun."""
    pred = t.form.predicate
    nxt_word = ctx.s.folded[t.end + 1] if t.end + 1 < len(ctx.s.folded) else ""
    owned = ctx.s.folded[t.end].endswith(POSSESSOR_SUFFIXES) and nxt_word.startswith(("لل", "بال"))
    # زيارة وزير الخارجية المصري سامح شكري; not أوراق اعتماده للرئيس اللبناني (his own papers, to whom)
    titled = not definite_or_owned(ctx.s, t) and not owned
    after = [a for a in actors if a.first == t.end + 1]
    if not titled and not owned and "ال" not in t.prefix and is_verb_form(ctx.s.folded[t.end]):
        verb = [a for a in after if not a.marker and not oblique_group(ctx.doc, ctx.s, a)]
        if verb:  # خطوة أدانتها واشنطن: a verb with its object pronoun, and its subject
            return _source(Rule.VERB_VSO, *coordinated(actors, verb[0], ctx.s))
    # حضر الاستقبال الأمير: a name after a definite noun is no possessor; a nationality is one
    right_after = [a for a in after if titled or a.mention.kind == "nisba"]
    nxt = [
        a for a in actors if not a.marker and (a in right_after or titled and ctx.titles.start(a.mention) == t.end + 1)
    ]
    if nxt and pred.mode == "visit" and entity_type(ctx.doc, nxt[0].mention) in ("Country", "Place"):
        nxt = []  # زيارة ليبيا: a country after a visit is where, not who
    if nxt and pred.id in NAMED_BY_PLACE and is_place(ctx.doc, nxt[0].mention):
        nxt = []  # اتفاق فيينا، قمة هلسنكي، مفاوضات أستانة: a city after it names it, no party to it
    if nxt and pred.type not in PATIENT_POSSESSOR:
        return _source(Rule.NOUN_POSSESSOR, *coordinated(actors, nxt[0], ctx.s))
    if nxt and pred.id not in VICTIM_NOUNS:
        group = coordinated(actors, nxt[0], ctx.s)
        if _patient_follows(ctx.s, group[-1].last + 1, actors):
            return _source(Rule.NOUN_POSSESSOR, *group)  # قصف الحوثيين لمنطقة، هجوم داعش على
    marked = marked_author(ctx.s, t, actors) or relative_author(ctx.s, t, actors)
    k = at_request_of(ctx.s, t)
    asker = next((a for a in actors if a.first == k + 1), None) if k >= 0 else None
    if asker is not None:
        return _source(Rule.NOUN_POSSESSOR, *coordinated(actors, asker, ctx.s))  # بطلب من فرنسا
    if marked is not None and pred.type in PATIENT_POSSESSOR and pred.id not in VICTIM_NOUNS:
        authors = coordinated(actors, marked, ctx.s)  # هجوما لبوكو حرام، الضربات التي نفذتها واشنطن مع باريس
        return _source(Rule.NOUN_POSSESSOR, *authors, *_co_authors(ctx.s, t, actors, authors[-1]))
    nationality = nationality_after(ctx.s, t, ctx.args)
    if nationality is not None and pred.type in AUTHORED_TYPES and pred.id not in VICTIM_NOUNS:
        return _source(Rule.NOUN_POSSESSOR, nationality)  # الغارات الإسرائيلية، ضربة جوية أميركية
    return None


def _co_authors(s: Sentence, t: Trigger, actors: Sequence[Arg], last: Arg) -> list[Arg]:
    """Those with whom the author did an act done to someone (``together_with``); none for acts between two."""
    pred = t.form.predicate
    done_to = pred.type in PATIENT_POSSESSOR and pred.type not in RECIPROCAL and MUTUAL not in pred.recipient
    return together_with(s, actors, last) if done_to else []


def _patient_follows(s: Sentence, k: int, actors: Sequence[Arg]) -> bool:
    """Token k, right after the possessor of a violence noun, opens its patient: ``لمنطقة``،
    ``على مأرب``، ``ضد مواقع``. The possessor is then the author (``قصف الحوثيين لمنطقة``), as
    it is not in ``اغتيال الحريري``, whose possessor is the victim."""
    if k >= len(s.folded) or s.tokens[k].text in STOP_PUNCT:
        return False
    w = s.folded[k]
    if w in markers()["agent"] or tuple(s.folded[k : k + 2]) in marker_phrases()["agent"]:
        return False  # على يد، من قبل: the author follows, so the possessor was the victim
    if w in markers()["patient_opener"]:
        return True
    glued = next((a for a in actors if a.first == k), None)
    if glued is not None:
        return glued.marker == fold("ل")  # لإسرائيل
    return w.startswith(fold("ل")) and len(w) >= 4 and not has_marker(w, "negation", Clitic.NONE)


def _noun_source(ctx: SentenceContext, t: Trigger, actors: Sequence[Arg], salience: Salience) -> Source | None:
    """The actor of a verbal noun."""
    if (backer := backing(ctx, t)) is not None:  # بدعم من الكنيسة والمخابرات الأميركية
        return _source(Rule.NOUN_POSSESSOR, *coordinated(actors, backer[0], ctx.s))
    found = _possessor(ctx, t, actors)
    if found is not None:
        return found
    if (agent := relative_agent(ctx.s, t, actors, ctx.titles)) is not None:  # العقوبات التي فرضتها واشنطن
        authors = coordinated(actors, agent, ctx.s)
        return _source(Rule.NOUN_LIGHT_VERB, *authors, *_co_authors(ctx.s, t, actors, authors[-1]))
    suffix = t.form.suffix or pronoun_suffix(ctx.s.folded[t.index])
    before = [a for a in actors if not a.marker and a.last < t.index and t.index - a.last <= SVO_WINDOW]
    light = light_verb(ctx.s, t, before, ctx.doc)
    if light and before and suffix in POSSESSOR_SUFFIXES:
        return _source(Rule.NOUN_LIGHT_VERB, *chain_ending(actors, before[-1], ctx.s))  # X عبر عن تضامنه
    if suffix in SINGULAR_SUFFIXES:
        owner = her_owner(ctx.doc, actors, t.index) if suffix == "ها" else None
        person = owner or last_person_before(ctx.doc, actors, t.index) or salience.last_person
        return Source(Rule.NOUN_PRONOUN, pronoun=person) if person is not None else None
    if light and before:
        return _source(Rule.NOUN_LIGHT_VERB, *chain_ending(actors, before[-1], ctx.s))
    if light and salience.last_source:
        return Source(Rule.NOUN_SALIENT)
    return _unnamed_noun_source(ctx, t, actors)


def _unnamed_noun_source(ctx: SentenceContext, t: Trigger, actors: Sequence[Arg]) -> Source | None:
    """A verbal noun with no actor before or after it: the parties after بين, or the implicit
    actor of an event reported as having happened."""
    pred = t.form.predicate
    parties = between(ctx.s, t.end, actors)
    if parties and (pred.type in RECIPROCAL or MUTUAL in pred.recipient):  # اشتباكات بين المقاومة والحوثيين
        return _source(Rule.NOUN_BETWEEN, *parties)
    window = light_window(ctx.s, t.index)
    occurs = any(has_marker(w, "occurrence", Clitic.ANY) or has_marker(w, "begin", Clitic.ANY) for w in window)
    right_after = (  # اندلعت مظاهرات: a new event (an indefinite noun) reported as having happened
        t.index > 0
        and has_marker(ctx.s.folded[t.index - 1], "broke_out", Clitic.CONJ)
        and "ال" not in ctx.s.folded[t.index][: len(t.prefix) + 2]
    )
    if occurs and pred.type in gazetteer().implicit_agents and (right_after or anchored_in_time(ctx.s)):
        return Source(Rule.NOUN_IMPLICIT)
    if pred.type == "ASSAULT" and casualties(ctx.s) or pred.type == "PROTEST" and protest_reported(ctx.s, t):
        return Source(Rule.NOUN_IMPLICIT)  # هجوم … أسفر عن مقتل أربعة، قتل شاب خلال احتجاجات: who is unnamed
    if (MUTUAL in pred.recipient or pred.mode == "visit") and (main := done_with(ctx, t, actors)) is not None:
        return _source(Rule.NOUN_MAIN_SUBJECT, *coordinated(actors, main, ctx.s))
    return None


# ---------------------------------------------------------------- verbs


def _adverbial_accusative(s: Sentence, t: Trigger) -> bool:
    """``استدعت الجزائر السفير احتجاجا على …``: a phrase headed by an accusative verbal noun
    says why the main clause's subject acted, as a participle does."""
    return t.length > 1 and not t.prefix and accusative_noun(s.folded[t.index])


def _verb_source(
    ctx: SentenceContext, t: Trigger, actors: Sequence[Arg], speaker: Arg | None, salience: Salience, current: bool
) -> Source | None:
    """The actor of a verb, a participle or a verb phrase."""
    s, pos = ctx.s, t.pos
    if speaker is not None and (t.form.person == "1" or pos in FINITE and after_pronoun_that(s, t.index)):
        return _source(Rule.VERB_SPEAKER, speaker)  # أكد أننا، أعلنت الوزارة أنها استدعت …
    if pos == "participle" or _adverbial_accusative(s, t):  # …، متهما طهران: the main clause's subject acts
        before = [a for a in actors if not a.marker and a.last < t.index]
        if current or before:
            return _source(Rule.PARTICIPLE_MAIN_SUBJECT, *([] if current else before[:1]))
        return None
    if pos == "imperfect" and _relative_after_noun(s, t.index, actors):
        return None
    if t.form.predicate.type in PATIENT_POSSESSOR and (pos == "passive" or reads_passive(s, t)):
        # اغتيل الحريري: who follows a passive verb of violence is its victim; the author is
        # named after an agent phrase (على يد مسلحين) or unknown
        agent = next((a for a in actors if a.first > t.end and a.first > 0 and agent_before(s, a.first)), None)
        return _source(Rule.PASSIVE_AGENT, agent) if agent is not None else Source(Rule.NOUN_IMPLICIT)
    return _subject_source(ctx, t, actors, speaker, salience, current)


def _subjects_after(ctx: SentenceContext, t: Trigger, subjects: Sequence[Arg]) -> list[Arg]:
    """Subjects that may follow the verb: in its subject slot, or a person whose title phrase
    starts there (``زار وزير الخارجية الأمريكي مايك بومبيو``)."""
    if t.length > 1:
        return []  # استدعت سفير مصر: after a verb + object phrase comes the object's possessor
    if _clause_starts_at(ctx.s, t.index) and (apposed := apposed_subject(ctx.doc, ctx.s, t.end, subjects)):
        return [apposed]
    slot = subject_slot(ctx.s, t.end + 1)
    after = [
        a
        for a in subjects
        if (
            t.end < a.first <= slot
            or (a.first > t.end and ctx.titles.start_of.get(id(a.mention), 10**6) <= max(slot, t.end + 1))
        )
        and not oblique_group(ctx.doc, ctx.s, a)
    ]
    pred = t.form.predicate
    if (
        after
        and "obj" in pred.recipient
        and is_place(ctx.doc, after[0].mention)
        and (pred.mode == "visit" or not capital_of(after[0].mention.entity_id))
    ):
        return []  # زار بيونغ يانغ: a place after a visit verb is where; but أدانت واشنطن acts
    if (
        after
        and pred.mode == "visit"
        and after[0].first == t.end + 1
        and entity_type(ctx.doc, after[0].mention) == "Country"
    ):
        return []  # ضابط شرطة زارت سوريا: a country right after a visit verb is where (a visitor comes first)
    return after


def _subjects_before(ctx: SentenceContext, t: Trigger, subjects: Sequence[Arg], speaker: Arg | None) -> list[Arg]:
    """Subjects that may stand before the verb: near it, not the speaker far back, not a thing's nationality."""
    return [
        a
        for a in subjects
        if a.last < t.index
        and t.index - a.last <= SVO_WINDOW
        and (speaker is None or a.mention is not speaker.mention or t.index - a.last <= 2)
        and not _of_a_thing(ctx, t, a)
    ]


def _of_a_thing(ctx: SentenceContext, t: Trigger, a: Arg) -> bool:
    """A nationality after a noun with the article that names no actor (``الليرة التركية``)
    describes a thing: across a comma it is no subject of the verb after it (``انخفاض الليرة
    التركية، هدد وزير الخزانة الأمريكي``)."""
    k, s = a.first - 1, ctx.s
    return (
        a.mention.kind == "nisba"
        and k >= 0
        and s.folded[k].startswith("ال")
        and not any(b.first <= k <= b.last for b in ctx.args if b is not a)
        and any(s.tokens[j].text in STOP_PUNCT for j in range(a.last + 1, t.index))
    )


def _spoken_for(ctx: SentenceContext, a: Arg, actors: Sequence[Arg]) -> bool:
    """``اتهم المتحدث باسم الجيش الإسرائيلي حركة حماس``: an unnamed spokesperson's body speaks and
    acts through them, though ب governs it; when the spokesperson's name follows (``المتحدث باسم
    الخارجية بهرام قاسمي``) the person is the subject."""
    s = ctx.s
    if a.first == 0 or not has_marker(s.folded[a.first - 1], "spoken_for", Clitic.NONE):
        return False
    return not any(b.first == a.last + 1 and is_person(ctx.doc, b.mention) for b in actors)


def _subject_source(
    ctx: SentenceContext, t: Trigger, actors: Sequence[Arg], speaker: Arg | None, salience: Salience, current: bool
) -> Source | None:
    """The subject of a verb: inside its phrase, before it (SVO) or after it (VSO); else the
    speaker, an earlier sentence's actor, or the implicit actor of a reported killing."""
    s, pos = ctx.s, t.pos
    subjects = [a for a in actors if not a.marker or _spoken_for(ctx, a, actors)]
    relative = t.index > 0 and s.folded[t.index - 1] in markers()["relative"]
    if relative and (antecedent := relative_subject(ctx.s, t, actors)) is not None:
        return _source(Rule.VERB_SVO, antecedent)
    inside = [a for a in subjects if t.index < a.first and a.last <= t.end]
    if inside:
        return _source(Rule.PHRASE_AGENT, *coordinated(actors, inside[0], s))  # تجمع المتظاهرون
    after = _subjects_after(ctx, t, subjects)
    before = [] if relative else _subjects_before(ctx, t, subjects, speaker)  # الهجوم الذي استهدف: one may follow
    if after and not relative and pronoun_object(s, t) and pos in FINITE:
        return _source(Rule.VERB_VSO, *coordinated(actors, after[0], s))  # والتقى به الرئيس روحاني
    object_after = bool(after) and after_is_object(ctx, t, after[0])
    own_subject = bool(after) and not object_after and pos in FINITE and object_follows(actors, after[0])
    if current and coordinated_verb(s, t.index) and not own_subject:
        return Source(Rule.VERB_SHARED_SUBJECT)  # التقى الجبير كيري، كما اجتمع مع …: the actor goes on
    chain = chain_ending(actors, before[-1], s) if before else []  # واشنطن ولندن وباريس نسقت
    his_country = bool(speaker and chain and his_country_word(chain[-1].mention))
    if chain and coordinated_verb(s, t.index) and not his_country and not own_subject:
        return _source(Rule.VERB_SHARED_SUBJECT, *chain)  # not بلاده: أكد بومبيو أن بلاده …، وانتقد
    if speaker is not None and coordinated_verb(s, t.index) and not noun_too(s, t) and (not after or object_after):
        return _source(Rule.VERB_SHARED_SUBJECT, speaker)  # وأكد بومبيو … أن …، وانتقد السلطة: he criticized
    if (
        chain
        and _right_before(s, chain[-1].last, t.index, actors)
        and _clause_starts_at(s, _phrase_start(ctx, chain[0]))
    ):
        return _source(Rule.VERB_SVO, *chain)  # أن الجزائر ستدعم ليبيا
    if after and _accused_before_charge(ctx, t, after[0], subjects):
        after = []  # اتهم إيران بالضلوع: (he) accused Iran, or Iran was accused; Iran accuses no one
    if after and t.form.predicate.type in PATIENT_POSSESSOR and counted(s, after[0].first):
        after = []  # طالبان قد خطفت 23 من الكوريين: a count after a violence verb is its victims
    if object_after:
        after = []  # انتقد السلطة الفلسطينية: a feminine noun after a masculine verb is its object
    if pos != "passive" and after:
        return _source(Rule.VERB_VSO, *coordinated(actors, after[0], s))
    if chain:
        return _source(Rule.VERB_SVO, *chain)
    if speaker is not None and t.form.predicate.type not in PATIENT_POSSESSOR:
        return _source(Rule.VERB_SPEAKER, speaker)  # but who reports a killing did not kill
    if speaker is not None and _possessed_subject(s, t):
        return _source(Rule.VERB_SPEAKER, speaker)  # قال الجيش إن طائراته قصفت: its planes are its own
    if after:
        return _source(Rule.IMPERSONAL, after[0])
    if salience.last_source and not relative and _subject_left_open(s, t, actors):
        return Source(Rule.VERB_SALIENT)
    unsaid = pos == "passive" or t.form.predicate.mode == BOMBING  # انفجرت سيارة مفخخة: set off by someone
    if unsaid and t.form.predicate.type == "ASSAULT" and (anchored_in_time(s) or casualties(s)):
        return Source(Rule.NOUN_IMPLICIT)  # قتل أربعة أشخاص أمس: killed by someone unnamed
    return None


def _subject_left_open(s: Sentence, t: Trigger, actors: Sequence[Arg]) -> bool:
    """A finite verb with no subject written: no noun subject before it, no unnamed one after it
    (``وحذر مسؤولون أكراد``: someone unnamed, not the last sentence's actor)."""
    return t.pos in FINITE and not _noun_subject_before(s, t, actors) and not unnamed_subject_after(s, t)


def _accused_before_charge(ctx: SentenceContext, t: Trigger, first: Arg, subjects: Sequence[Arg]) -> bool:
    """An accusation verb with one actor before its charge (``اتهم إيران بالضلوع``): the actor is
    the accused, whether the accuser is left unsaid or the verb is the passive (اُتهم); with two
    (``اتهم الوزير إيران بالضلوع``) the first accuses."""
    if t.form.predicate.type != "ACCUSE" or t.pos not in FINITE or "obj" not in t.form.predicate.recipient:
        return False  # ونددت فرنسا بالهجوم: a verb that takes no object has its subject before ب
    k = coordinated(subjects, first, ctx.s)[-1].last + 1
    if k >= len(ctx.s.folded) or any(a.first == k for a in subjects):
        return False
    w = ctx.s.folded[k]
    that = has_marker(w, "complementizer") or has_marker(w, "that_pronoun")
    return w.startswith("ب") and (len(w) >= 5 or that)  # بالضلوع، بأن، بأنه


def _phrase_start(ctx: SentenceContext, a: Arg) -> int:
    """Where an actor's phrase starts: its title's first word (``الرئيس الفرنسي ماكرون``) or itself."""
    first = ctx.titles.start(a.mention)
    return a.first if first is None else min(first, a.first)


def _noun_subject_before(s: Sentence, t: Trigger, actors: Sequence[Arg]) -> bool:
    """``والجنود كانوا يدعمون``، ``أن الاتفاق يدعم``: a definite noun opens the clause right before
    the verb (past قد and كان): the verb has that subject, which is no actor, not the one of the
    sentence before."""
    k = t.index - 1
    while k >= 0 and (s.folded[k] in markers()["preverb"] or strip_clitic(s.folded[k]).startswith(BE)):
        k -= 1
    if k < 0 or any(a.first <= k <= a.last for a in actors):
        return False
    w = strip_clitic(s.folded[k])
    return w.startswith("ال") and len(w) > 4 and not has_marker(w, "state_noun") and _clause_starts_at(s, k)


def _right_before(s: Sentence, last: int, i: int, actors: Sequence[Arg] = ()) -> bool:
    """Token ``last`` ends right before the verb at ``i``, or before its particle (``وكان ترامب قد زار``),
    past the body it belongs to (``المفوضية السامية التابعة للأمم المتحدة قد حثت``)."""
    end = _before_particle(s, i)
    belongs = last + 2 <= end and s.folded[last + 1].startswith(BELONGING)
    return last == end or belongs and any(a.first == last + 2 and a.marker and a.last == end for a in actors)


def _before_particle(s: Sentence, i: int) -> int:
    """The token before the verb at ``i``, past one particle (قد، لقد، سوف); -1 at the start."""
    k = i - 1
    return k - 1 if k >= 0 and s.folded[k] in markers()["preverb"] else k


def _possessed_subject(s: Sentence, t: Trigger) -> bool:
    """``إن طائراته (قد) قصفت``: the verb's subject, right after أن/إن, is a noun with a
    possessive pronoun, which refers back to the speaker."""
    k = _before_particle(s, t.index)
    if k < 1 or s.folded[k - 1] not in markers()["complementizer"]:
        return False
    w = s.tokens[k].text  # as written: طائراته, not حكومة (folded alike)
    return len(w) >= 5 and w.endswith(POSSESSOR_SUFFIXES) and not s.folded[k].startswith("ال")


def _clause_starts_at(s: Sentence, k: int) -> bool:
    """Token k opens a clause: the sentence's start, after punctuation or a word a verb may follow."""
    return k == 0 or s.folded[k - 1] in markers()["verb_leader"] or s.tokens[k - 1].text in STOP_PUNCT


def after_pronoun_that(s: Sentence, i: int) -> bool:
    """``أعلنت الوزارة أنها (قد) استدعت``: the verb's subject is the speaker."""
    k = _before_particle(s, i)
    return k >= 0 and s.folded[k] in markers()["that_pronoun"]


def _relative_after_noun(s: Sentence, i: int, actors: Sequence[Arg]) -> bool:
    """``محاولة تستهدف …``، ``مجموعات تدعم الاتفاق``: an imperfect verb right after an indefinite
    feminine or feminine plural noun describes that noun (its subject), which is no actor."""
    if i == 0 or any(a.last == i - 1 for a in actors):
        return False
    prev = s.tokens[i - 1].text
    return prev.endswith(("ة", "ات")) and not fold(prev).startswith(("ال", "وال"))  # مجموعات تدعم الاتفاق
