"""The low layer of event extraction: what a sentence is made of when its triggers are read.

A ``Trigger`` is an event word found in a sentence, an ``Arg`` a mention placed on its tokens
with the preposition that governs it, a ``Rule`` how a trigger's actor was found (with the
weight the rule gives the event's confidence), a ``SentenceContext`` what one sentence offers
its triggers. Windows say how far a rule looks; the entity predicates say what a mention can
be (a place, an actor, a generic group).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from kg.arabic.normalize import fold
from kg.extract.tokens import Sentence
from kg.lexicon.actors import gazetteer
from kg.lexicon.dates import date_words
from kg.lexicon.markers import Clitic, find_marker, has_marker, marker_phrases, markers
from kg.lexicon.predicates import Form, Pos
from kg.model import Document, Mention

# How far the rules look, in tokens.
NP_WALK = 3  # a preposition before the actor it governs (مع "جميع أعضاء المجلس")
VSO_WINDOW = 6  # after a verb, where its subject may stand (titles in between)
SVO_WINDOW = 10  # before a verb, where its subject may stand
CASUALTY_NOUNS = frozenset({"kill", "casualties"})  # predicates (predicates.tsv) of a killing reported by its toll
DASHES = frozenset("-ـ–—")  # dashes around a parenthesis (ـ حفظه الله ـ)
LIGHT_WINDOW = 8  # before a verbal noun, where its light verb may stand (يقوم وزير … بومبيو بزيارة)
GAP = 14  # between a verb and the rest of its phrase (طالب المفوض … محمد سيالة، "بدعم")
TARGET_WINDOW = 14  # after a trigger, where its recipient may stand
WEAPON = "weapon"  # the group role of an instrument (actors_groups.tsv): never a recipient
TITLE_WINDOW = 12  # before a person, where the title phrase describing it may start
STOP_PUNCT = frozenset("،,.؛:!?؟()")  # punctuation a phrase does not reach across
QUOTES = '"«»“”'

TriggerPos = Literal["perfect", "imperfect", "passive", "masdar", "participle"]


IN = "في"  # the preposition of place (folded as written)
FROM = "من"  # from, of (a part), or who: a verb may follow it (folded as written)
TO = "الي"  # إلى, to (folded)
ON = "علي"  # على, on (folded)
AGAINST = "ضد"  # against
MUTUAL = "مع"  # with: a predicate whose recipient is "with" someone is done between two (folded as written)
WITH_REACH = 6  # words after a verbal noun or a verb of discussing where the مع of whom it was done with may stand
WHAT = "ما"  # what, which: before a verb it opens a relative clause (ما طالب به، ما نسبته)


def preposition_of(word: str) -> str:
    """The preposition a folded word is, also after و or ف (``وفي`` → في); '' for none."""
    return find_marker(word, "preposition", Clitic.CONJ_SHORT)


class Rule(StrEnum):
    """How a trigger's actor was found. Each rule carries its confidence: the weight it gives
    the event (times the predicate's own confidence, times 0.9 without a recipient)."""

    confidence: float

    def __new__(cls, name: str, confidence: float) -> Rule:
        rule = str.__new__(cls, name)
        rule._value_ = name
        rule.confidence = confidence
        return rule

    VERB_VSO = "verb-vso", 1.0  # طالب سيالة
    VERB_SVO = "verb-svo", 0.9  # الجزائر أوقفت
    VERB_SPEAKER = "verb-speaker", 0.85  # أكد سيالة أننا نطالب
    VERB_SHARED_SUBJECT = "verb-shared-subject", 0.85  # …، وانتقد السلطة
    VERB_SALIENT = "verb-salient", 0.6  # the actor of an earlier sentence
    IMPERSONAL = "impersonal", 0.75  # سيتم إعادة فتح سفارة الجزائر
    PARTICIPLE_MAIN_SUBJECT = "participle-main-subject", 0.8  # …، متهما طهران
    PHRASE_AGENT = "phrase-agent", 0.9  # تجمع المتظاهرون
    PASSIVE_AGENT = "passive-agent", 0.9  # اغتيل على يد مسلحين
    NOUN_POSSESSOR = "noun-possessor", 0.9  # زيارة مساهل
    NOUN_PRONOUN = "noun-pronoun", 0.8  # زيارته
    NOUN_LIGHT_VERB = "noun-light-verb", 0.8  # قام مساهل بزيارة
    NOUN_SALIENT = "noun-salient", 0.55  # قام بزيارة, the actor of an earlier sentence
    # الاجتماع بين زعيمي الكوريتين. Its weight was once no entry of the table of weights, and
    # the lookup's default, 0.7, gave it silently; it is now said here, with the same value.
    NOUN_BETWEEN = "noun-between", 0.7
    NOUN_IMPLICIT = "noun-implicit", 0.6  # اندلعت مظاهرات أمس: the implicit actor of its type
    NOUN_MAIN_SUBJECT = "noun-main-subject", 0.7  # تقدمت القوات بعد معارك مع داعش
    # آلاف المتظاهرين: no trigger; the event's confidence is this weight alone
    COUNTED_CROWD = "counted-crowd", 0.5
    # وقال نتنياهو إن إيران تدعم الإرهاب: the speaker accuses the actor of what it reports
    REPORTED_ACCUSATION = "reported-accusation", 0.6


@dataclass(frozen=True)
class Trigger:
    """An event word of a sentence."""

    index: int  # token index in the sentence
    length: int  # tokens
    form: Form
    future_prefix: bool  # س/سوف attached or before
    prefix: str  # stripped proclitics (folded)
    noun_head: bool = False  # a phrase whose first word is a noun

    @property
    def end(self) -> int:
        """The index of its last token."""
        return self.index + self.length - 1

    @property
    def pos(self) -> TriggerPos:
        """A phrase headed by a verbal noun (``العمل المشترك``، ``مشاركته في``) follows noun
        frames, any other phrase verb frames."""
        pos: Pos = self.form.pos
        if pos == "phrase":
            return "masdar" if self.noun_head else "perfect"
        if pos == "jussive":  # read as imperfect once found (لم يزر)
            return "imperfect"
        return pos


@dataclass(frozen=True)
class Arg:
    """An actor mention placed in a sentence."""

    mention: Mention
    first: int  # first token index
    last: int  # last token index
    marker: str  # preposition that governs it ('' when none): on the token or just before


@dataclass(frozen=True)
class TitleAttributes:
    """Mentions inside a person's title phrase (``المبعوث الروسي الخاص إلى سوريا ألكسندر
    لافرنتييف``: Russia and Syria describe the envoy) and where each title phrase starts, by
    the ``id`` of the person's mention."""

    inside: frozenset[int] = frozenset()
    start_of: Mapping[int, int] = field(default_factory=dict)  # person mention's id -> first token

    def start(self, m: Mention) -> int | None:
        return self.start_of.get(id(m))


@dataclass(frozen=True)
class SentenceContext:
    """What one sentence offers its triggers: its placed mentions, the actors among them (not
    the attributes of a person, not what stands inside a title phrase), its triggers."""

    doc: Document
    s: Sentence
    args: tuple[Arg, ...]
    actors: tuple[Arg, ...]
    titles: TitleAttributes
    triggers: tuple[Trigger, ...]


# ---------------------------------------------------------------- entities


def type_of(doc: Document, entity_id: str) -> str | None:
    e = doc.entity(entity_id)
    return e.type if e is not None else None


def entity_type(doc: Document, m: Mention) -> str | None:
    return type_of(doc, m.entity_id)


def is_person(doc: Document, m: Mention) -> bool:
    return entity_type(doc, m) == "Person"


def is_place(doc: Document, m: Mention) -> bool:
    return entity_type(doc, m) == "Place"


def definite_nisba(word: str) -> bool:
    """A definite nisba adjective, folded (``الإثيوبية``، ``الأمريكي``); the relatives الذي، التي are none."""
    return word.startswith("ال") and word.endswith(("ي", "يه")) and word not in markers()["relative"]


def capital_of(entity_id: str) -> str | None:
    """The country a capital stands for (``واشنطن`` → United States), else None."""
    entry = gazetteer().entries.get(entity_id)
    return entry.capital_of if entry is not None else None


def actor_id(m: Mention) -> str:
    """A capital in an actor's role stands for its country (``واشنطن`` → United States)."""
    return capital_of(m.entity_id) or m.entity_id


def is_actor(doc: Document, a: Arg) -> bool:
    """Actors act: people, countries, organizations, and capitals standing for their country."""
    return not is_place(doc, a.mention) or bool(capital_of(a.mention.entity_id))


INSTITUTION = "institution"  # the group role of a generic group that takes part in diplomacy (actors_groups.tsv)


def bare_group(a: Arg) -> bool:
    """A generic group with no nationality (``القوات``، ``المتظاهرون``): an actor only in
    street events, never in diplomacy (a group with a nationality is no lexicon entry). An
    institution (``وزارة المالية``، ``النقابات``، ``النشطاء``) acts in any event: its group role
    says so."""
    entry = gazetteer().entries.get(a.mention.entity_id)
    return entry is not None and entry.group is not None and entry.group != INSTITUTION


def group_role(doc: Document, entity_id: str) -> str | None:
    """The role of a generic group (actors_groups.tsv: protesters, armed …; "" for none), also
    with a nationality (``مسلحون صوماليون``); None for any other actor."""
    e = doc.entity(entity_id)
    if e is not None:
        return e.group
    entry = gazetteer().entries.get(entity_id)  # an implicit actor, not yet among the entities
    return entry.group if entry is not None else None


# ---------------------------------------------------------------- light verbs


def opens_reported_clause(w: str) -> bool:
    """Is the folded word أن، إن or أنه and its kin (markers complementizer and that_pronoun)?"""
    mk = markers()
    return w in mk["complementizer"] or w in mk["that_pronoun"]


def light_window(s: Sentence, i: int, uncounted: Collection[int] = ()) -> tuple[str, ...]:
    """The words before a verbal noun where its light verb may stand; a complementizer ends
    it (``أعلنت طهران أن الضربة``: the strike is not Tehran's). The words at ``uncounted``
    (the inside of a long name) do not count toward its length."""
    out: list[str] = []
    counted = 0
    for k in range(i - 1, -1, -1):
        w = s.folded[k]
        if opens_reported_clause(w) or s.tokens[k].text in ".؟!:" or counted == LIGHT_WINDOW:
            break
        out.append(w)
        counted += k not in uncounted
    return tuple(reversed(out))


def has_light(window: tuple[str, ...]) -> bool:
    """Is there a light verb among these words (one-word markers, or a pair like ``عبر عن``)?"""
    if any(find_marker(w, "light", Clitic.ANY) for w in window):
        return True
    pairs = marker_phrases()["light"]
    return any((a, b) in pairs for a, b in zip(window, window[1:]))


def begins(window: tuple[str, ...]) -> bool:
    """Is there a verb of beginning among these words (``بدأت تركيا حملة``)?"""
    return any(has_marker(w, "begin", Clitic.CONJ) for w in window)


def light_verb(s: Sentence, t: Trigger, before: Sequence[Arg], doc: Document) -> bool:
    """A light verb before the noun makes its subject the actor (``قام مساهل بزيارة``), and so
    does a verb of beginning with its subject between (``بدأ السيسي زيارة``; ``بدأ الاجتماع``:
    the noun is its subject); not a verb of saying before a killing (``أعلنت الشرطة مقتل``). A
    person's long name before the noun counts as one word (الملك سلمان بن عبدالعزيز آل سعود), a
    dash as none."""
    inside = {k for a in before if is_person(doc, a.mention) for k in range(a.first + 1, a.last + 1)}
    dashes = {k for k in range(t.index) if s.tokens[k].text in DASHES}  # ـ حفظه الله ـ
    window = light_window(s, t.index, inside | dashes)
    start = t.index - len(window)
    begun = [k for k, w in enumerate(window, start) if has_marker(w, "begin", Clitic.CONJ)]
    claimed = any(has_marker(w, "claim", Clitic.CONJ) for w in window)  # تبنى التنظيم الهجوم، أعلن مسؤوليته عن
    if claimed and t.form.predicate.type == "ASSAULT":
        return True
    if not has_light(window) and not any(k < a.first and _object_of(s, a.last, t) for k in begun for a in before):
        return False
    said = (
        any(has_marker(w, "speech", Clitic.ANY) for w in window)
        or t.form.predicate.id in CASUALTY_NOUNS
        and any(has_marker(w, "speech_present", Clitic.CONJ) for w in window)
    )  # الجيش التركي يعلن مقتل جنديين على أيدي متمردين (a headline's present tense)
    return not (t.form.predicate.type == "ASSAULT" and said)


def _object_of(s: Sentence, last: int, t: Trigger) -> bool:
    """The noun is the object of the subject ending at ``last``: no comma and at most one word
    between besides dates, particles and في (``شرعت تركيا يوم 20 يناير الماضي في حملة``), and no
    ل on it (``بدأ الكونغرس مراجعة للاتفاق``: the accord is the review's)."""
    mk, d = markers(), date_words()
    dated = {*d.months, *d.weekdays, *d.past, *d.coming, *d.year, *mk["before_subject"], *mk["time_anchor"], IN}
    between = [w for w in s.folded[last + 1 : t.index] if not (w.isdigit() or w in dated)]
    stop = any(s.tokens[k].text in STOP_PUNCT for k in range(last + 1, t.index))
    return len(between) <= 1 and not stop and not t.prefix.endswith(fold("ل"))


def at_request_of(s: Sentence, t: Trigger) -> int:
    """``بطلب من فرنسا``، ``بناء على طلبين متنافسين من روسيا``: a request noun with ب or after على,
    then من (past one indefinite adjective): who asked stands after من, and the request was made to
    the subject of the clause. The index of من, or -1."""
    if t.pos != "masdar" or t.form.predicate.type != "REQUEST" or s.folded[t.index][len(t.prefix) :].startswith("ال"):
        return -1
    if not (t.prefix.endswith(fold("ب")) or (t.index > 0 and s.folded[t.index - 1] == fold("على"))):
        return -1
    k = t.end + 1
    if k + 1 < len(s.folded) and s.folded[k] != FROM and not s.folded[k].startswith("ال"):
        k += 1  # طلبين متنافسين من
    return k if k + 1 < len(s.folded) and s.folded[k] == FROM else -1


def pronoun_object(s: Sentence, t: Trigger) -> str:
    """The preposition of a pronoun right after a verb of meeting (``التقى به`` → ب، ``اجتمع
    معه`` → مع), which stands for a person named before; "" for none. Not in a relative clause
    (``الاتفاق الذي توافق عليه``، ``ما طالب به``: the pronoun is the thing the clause describes),
    and not a pronoun attached to the verb (``ثمنه``، ``رفضته``: mostly things, not people)."""
    k = t.end + 1
    if t.pos == "masdar" or t.form.predicate.type != "CONSULT" or k >= len(s.folded):
        return ""
    if any(w in markers()["relative"] or w == WHAT for w in s.folded[max(0, t.index - 3) : t.index]):
        return ""
    w = s.folded[k]
    if w not in markers()["object_pronoun"]:
        return ""
    return w[:-2] if w.endswith("ها") else w[:-1]  # معه → مع، إليها → الي


def light_verb_end(s: Sentence, i: int) -> int:
    """Where the light verb before a verbal noun ends (``وجه خطابا إلى نظيريه … للدعوة``)."""
    for k in range(i - 1, max(-1, i - LIGHT_WINDOW - 1), -1):
        if find_marker(s.folded[k], "light", Clitic.ANY):
            return s.tokens[k].end
    return s.tokens[i].end


def title_or_particle(s: Sentence, k: int) -> bool:
    """Token k may stand between a verb and its subject, or inside the subject's phrase: a title
    word (``وزير الخارجية``), a particle or time word (``قد``، ``أمس``), a pronoun object
    (``التقى به``), a quote."""
    g = gazetteer()
    w = s.folded[k]
    mk = markers()
    return (
        w in g.title_words
        or w in g.title_vocab
        or w in mk["before_subject"]
        or w in mk["object_pronoun"]
        or s.tokens[k].text in QUOTES
    )


# ---------------------------------------------------------------- who acts for a state


STATE_ROLES = frozenset({"government", "ministry", "military", "parliament", "council", "agency", "court"})


def civil_state(doc: Document, x: str) -> bool:
    """A state or one of its civil bodies (a ministry, a parliament; not its army)."""
    e = doc.entity(x)
    return e is not None and (
        e.type == "Country" or e.type == "Organization" and e.role_en in STATE_ROLES - {"military"}
    )


def state_of(doc: Document, x: str) -> str | None:
    """The state an actor speaks or acts for: a country, or an organ of its state (its army, a
    ministry); a party or an armed group of the country acts for itself (None)."""
    e = doc.entity(x)
    if e is None:
        return None
    if e.type == "Country":
        return x
    return e.country or None if e.type == "Organization" and e.role_en in STATE_ROLES else None


def reporter(doc: Document, x: str) -> bool:
    """A news outlet (an organization whose role is media or news agency: رويترز، سكاي نيوز
    عربية، وكالة سبأ): it reports what others do and is no party to the events it reports."""
    e = doc.entity(x)
    return e is not None and e.type == "Organization" and e.role_en in ("media", "news agency")


def attributed(s: Sentence, first: int) -> bool:
    """Is the actor whose name begins at token ``first`` whom a report is from (``وفق وكالة
    الأنباء``، ``بحسب ما أفادت وكالة``، ``نقلا عن مصادر``)? It tells of the act and takes no part in it."""
    k = first - 1
    if k >= 1 and s.folded[k] == "عن":
        k -= 1  # نقلا عن
    elif k >= 2 and s.folded[k - 1] in markers()["attribution_link"]:
        k -= 2  # بحسب ما أفادت، طبقا لما ذكرته
    if k < 0:
        return False
    w, attribution = s.folded[k], markers()["attribution"]
    return w in attribution or w[:1] == "و" and w[1:] in attribution


def home_state(doc: Document, speaker: str) -> str | None:
    """The country of a speaker who speaks for a state: the state itself, an organ of it, or
    one of its officials (a person with a country and an office)."""
    e = doc.entity(speaker)
    if e is not None and e.type == "Person":
        return e.country or None if e.role_en else None
    return state_of(doc, speaker)


def his_country_word(m: Mention) -> bool:
    """Is the mention ``بلاده`` (his country), the country of the one who speaks?"""
    return fold(m.text) in markers()["own_country"]


def her_owner(doc: Document, args: Sequence[Arg], index: int) -> Mention | None:
    """Whose ``ها`` (her, its) a verbal noun at token ``index`` carries: the last state or body
    named before it, as news writes them feminine (``إيران … بسبب دعمها للإرهاب``: Iran's
    support, not the speaker's); not one after ل, whom an earlier act was for (``دعمها للحوثيين
    ودعمها لحزب الله``), nor a place after في, nor an adjective."""
    bodies = [
        a.mention
        for a in args
        if a.last < index
        and a.marker not in (fold("ل"), IN)
        and a.mention.kind != "nisba"
        and entity_type(doc, a.mention) in ("Country", "Organization")
    ]
    return bodies[-1] if bodies else None


def reported_from(s: Sentence, t: Trigger) -> int:
    """Where the reported clause of a trigger after أن or إن begins (``قالت مصادر لوكالة الأنباء
    الألمانية إن القصف …``: whom it was told to is no recipient of the shelling); 0 otherwise."""
    k = next((k for k in range(t.index - 1, -1, -1) if opens_reported_clause(s.folded[k])), -1)
    if k >= 0:
        return s.tokens[k].end
    said = said_right_before(s, t) if t.pos == "masdar" else False  # ووثق المرصد مقتل 7: the monitor was not hit
    return s.tokens[t.index].start if said else 0


def speaker_at(s: Sentence, first: int) -> bool:
    """Is the actor at token ``first`` the subject right after a verb of saying or reporting
    (``ووثق المرصد السوري الأحد مقتل 12 مدنيا في القصف``)? Who reports an act is no recipient of it."""
    return any(has_marker(s.folded[k], "speech", Clitic.CONJ) for k in range(max(0, first - 2), first))


def said_right_before(s: Sentence, t: Trigger) -> bool:
    """A verb of saying or reporting stands a few words before the verbal noun, in its clause."""
    for k in range(t.index - 1, max(-1, t.index - VSO_WINDOW - 1), -1):
        if s.tokens[k].text in STOP_PUNCT:
            return False
        if has_marker(s.folded[k], "speech", Clitic.CONJ):
            return True
    return False
