"""Events: predicate-lexicon triggers, argument frames, reported speech and modality.

A trigger is a verb (VSO: ``طالب سيالة``; SVO: ``الجزائر أوقفت``), a passive or impersonal verb
(``سيتم إعادة فتح سفارة الجزائر``), or a verbal noun whose possessor is the actor
(``زيارة مساهل``, ``زيارته`` → the salient person). The recipient is the actor marked by one of
the frame's prepositions (``عرضت على``، ``التعاون مع``، ``دعم … لليبيا``) or, failing that,
the next actor in the clause. Places go to ``location``; a capital in an actor's role stands
for its country (``واشنطن``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.arabic.clitics import CONJ, folded_prefix_to_original, proclitic_readings
from kg.arabic.normalize import fold
from kg.extract.tokens import Sentence, sentences
from kg.lexicon.actors import entry_entity, gazetteer
from kg.lexicon.markers import marker_phrases, markers
from kg.lexicon.predicates import Form, Predicate, predicate_lexicon
from kg.model import Document, Event, Fact, Mention

FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}  # PLOVER: promised cooperation is AGREE
AGENT = fold("قبل")  # من قبل X: X is the agent, never the recipient
NP_WALK = 3  # words a preposition may stand before the actor it governs (مع "جميع أعضاء المجلس")
STOP_PUNCT = set("،,.؛:!?؟()")
VSO_WINDOW = 6  # tokens after a verb where its subject may stand (titles in between)
SVO_WINDOW = 10
LIGHT_WINDOW = 8  # يقوم وزير الخارجية الأمريكي مايك بومبيو بزيارة
# اغتيال الحريري، مقتل جندي، خطف صحفي: with violence nouns the possessor is the victim
PATIENT_POSSESSOR = {"ASSAULT", "COERCE"}
# nouns whose nationality after them is the victim (مقتل إسرائيلي), unlike attacks (غارة إسرائيلية)
VICTIM_NOUNS = {
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
CROWD_COUNTED = "crowd_counted"  # the predicate of the event a counted crowd makes (predicates.tsv)
STREET_TYPES = {"PROTEST", "ASSAULT", "COERCE", "MOBILIZE"}  # where a bare group (مسلحون) may act
MIN_CONFIDENCE_WITHOUT_TARGET = 0.5  # weak words (فجر dawn/detonate) need a recipient to count
PLACE_TARGET_TYPES = {"CONSULT", "ASSAULT", "COERCE", "MOBILIZE", "PROTEST"}  # events that reach a place
TARGET_WINDOW = 14
CONFIDENCE = {
    "verb-vso": 1.0,
    "verb-svo": 0.9,
    "verb-speaker": 0.85,
    "verb-salient": 0.6,
    "impersonal": 0.75,
    "noun-possessor": 0.9,
    "noun-pronoun": 0.8,
    "noun-light-verb": 0.8,
    "noun-salient": 0.55,
    "phrase": 0.9,
    "participle-main-subject": 0.8,
    "verb-shared-subject": 0.85,
    "noun-implicit": 0.6,
    "phrase-agent": 0.9,
    "passive-agent": 0.9,
}


@dataclass(frozen=True)
class Trigger:
    index: int  # token index in the sentence
    length: int  # tokens
    form: Form
    future_prefix: bool  # س/سوف attached or before
    prefix: str  # stripped proclitics (folded)
    noun_head: bool = False  # a phrase whose first word is a noun


@dataclass(frozen=True)
class Arg:
    """An actor mention placed in a sentence."""

    mention: Mention
    first: int  # first token index
    last: int  # last token index
    marker: str  # preposition that governs it ('' when none): on the token or just before


@lru_cache(maxsize=65536)
def _readings(word: str) -> tuple[tuple[str, str, bool], ...]:
    """(prefix, rest, future) readings of a folded word for trigger lookup."""
    out = [("", word, False)]
    if len(word) > 3 and word[0] in CONJ:
        out.append((word[0], word[1:], False))
    for pre, rest, _ in list(out):
        if len(rest) > 3 and rest[0] == "س" and rest[1] in "يتنا":
            out.append((pre + "س", rest[1:], True))
        if len(rest) > 3 and rest[0] in "بلك":
            if rest.startswith("لل"):
                out.append((pre + "ل", "ال" + rest[2:], False))
            out.append((pre + rest[0], rest[1:], False))
    for pre, rest, fut in list(out):
        if rest.startswith("ال") and len(rest) > 4:
            out.append((pre + "ال", rest[2:], fut))
    return tuple(out)


def _noun_head(word: str, lex) -> bool:
    """Is the first word of a phrase a noun? (definite, a known verbal noun, or a noun with a
    possessive pronoun such as ``مشاركته``)."""
    if word.startswith("ال"):
        return True
    forms = lex.forms.get(word, [])
    if any(f.pos == "masdar" for f in forms) and not any(f.pos in ("perfect", "imperfect") for f in forms):
        return True
    if not forms and _pronoun_suffix(word):
        return True
    if len(word) >= 5 and word[0] == "ا" and word[-2] == "ا":
        return True  # إفعال، افتعال، استفعال: إطلاق، اعتراف، استقبال
    return not forms and word.endswith("ه")


def _noun_context(s: Sentence, i: int, covered: set[int]) -> bool:
    """After a noun (not a particle, punctuation or a subject), or after a light verb
    (``قررت تركيا طرد``), an ambiguous form is a noun."""
    if i == 0:
        return False
    mk = markers()
    if _has_light(_light_window(s, i, mk), mk):
        return True
    prev = s.tokens[i - 1].text
    if prev in STOP_PUNCT or prev in '"«»“”' or (i - 1) in covered:
        return False
    word = s.folded[i]
    if len(word) > 3 and word[0] in CONJ and s.folded[i - 1] not in markers()["verb_leader"]:
        return True  # وتعاون after a noun: coordinated nouns
    return s.folded[i - 1] not in markers()["verb_leader"] and not s.folded[i - 1].startswith(("و", "ف"))


GAP = 14  # words a subject may take between a verb and the rest of its phrase


def _gapped_phrase(s: Sentence, i: int, head: str, form: Form, lex) -> Form:
    """``طالب المفوض … محمد سيالة، "بدعم``: the verb with the rest of one of its phrases a
    few words on reads as that phrase's predicate (``requests support from``)."""
    if form.pos not in ("perfect", "imperfect", "passive"):
        return form
    for rest, pform in lex.heads.get(head, []):
        for j in range(i + 1, min(len(s.folded) - len(rest) + 1, i + 1 + GAP)):
            if s.tokens[j].text in ".؟!":
                break
            if s.folded[j : j + len(rest)] == rest:
                return Form(pform.predicate, form.pos, form.person, form.suffix)
    return form


def find_triggers(s: Sentence, covered: set[int], lemma_of: dict[int, tuple[str, ...]] | None = None) -> list[Trigger]:
    lex = predicate_lexicon()
    out: list[Trigger] = []
    i = 0
    n = len(s.folded)
    while i < n:
        if i in covered:
            i += 1
            continue
        hit = None
        starts = [r for r in _readings(s.folded[i]) if r[1] in lex.phrase_starts]
        for length in range(min(lex.max_phrase, n - i), 1, -1) if starts else ():
            for pre, rest, fut in starts:
                forms = lex.phrases.get((rest,) + s.folded[i + 1 : i + length])
                if forms:
                    noun = _noun_head(rest, lex) or _noun_context(s, i, covered)
                    hit = Trigger(i, length, forms[0], fut, pre, noun)
                    break
            if hit:
                break
        if hit is None:
            written = s.tokens[i].text
            for pre, rest, fut in _readings(s.folded[i]):
                forms = lex.forms.get(rest)
                if not forms and lemma_of is not None:  # camel-tools morphology, when installed
                    forms = [
                        f
                        for lem in lemma_of.get(s.tokens[i].start, ())
                        for f in lex.forms.get(fold(lem), [])
                        if f.pos == "perfect"
                    ]
                if not forms:
                    continue
                after_lam = i > 0 and s.folded[i - 1] in markers()["jussive_leader"]
                forms = [
                    f if f.pos != "jussive" else Form(f.predicate, "imperfect", f.person, f.suffix)
                    for f in forms
                    if f.pos != "jussive" or after_lam
                ]
                if fut:
                    forms = [f for f in forms if f.pos == "imperfect"]
                if "ال" in pre or any(p in pre for p in "بلك"):
                    forms = [f for f in forms if f.pos == "masdar"]
                if written.endswith("ة"):  # folding made زيارة look like a verb + ه
                    forms = [f for f in forms if f.pos in ("masdar", "phrase")]
                if any(f.pos == "masdar" for f in forms) and _noun_context(s, i, covered):
                    forms = [f for f in forms if f.pos == "masdar"]
                if forms:
                    best = max(forms, key=lambda f: f.predicate.confidence)
                    hit = Trigger(i, 1, _gapped_phrase(s, i, rest, best, lex), fut, pre)
                    break
            if hit is None:  # a phrase-only verb with its subject inside: فرضت واشنطن عقوبات
                for pre, rest, fut in _readings(s.folded[i]):
                    if rest in lex.heads and not fut:
                        probe = Form(lex.heads[rest][0][1].predicate, "perfect", lex.heads[rest][0][1].person)
                        found = _gapped_phrase(s, i, rest, probe, lex)
                        if found is not probe:
                            hit = Trigger(i, 1, found, fut, pre)
                            break
        if hit:
            out.append(hit)
            i += hit.length
        else:
            i += 1
    return out


def _prep_of(s: Sentence, k: int, prefix: str) -> str:
    """The preposition on token k (its clitic prefix) or standing before it."""
    pre = prefix.lstrip("وف")
    if pre and pre[-1] in "بلك":
        return pre[-1]
    if k > 0:
        w = s.folded[k - 1]
        if w in markers()["preposition"]:
            return w
        if len(w) > 2 and w[0] in "وف" and w[1:] in markers()["preposition"]:
            return w[1:]
        if w == AGENT and k > 1 and (s.folded[k - 2], w) in marker_phrases()["agent_by"]:
            return AGENT
    return ""


def _capital_of(entity_id: str) -> str | None:
    """The country a capital stands for (``واشنطن`` → United States), else None."""
    entry = gazetteer().entries.get(entity_id)
    return entry.capital_of if entry is not None else None


def _is_verb_form(word: str) -> bool:
    """A form the predicate lexicon knows as a verb (زار، يزور)."""
    lex = predicate_lexicon()
    return any(f.pos in ("perfect", "imperfect", "passive") for f in lex.forms.get(word, ()))


def _clitic_prefix(word: str) -> str:
    """The proclitics of a noun phrase head: ``بالعرض`` → ب, ``للمجلس`` → ل, ``بدعم`` → ب;
    none for a word the predicate lexicon knows whole (``لقاء``)."""
    lex = predicate_lexicon()
    core = word[1:] if len(word) > 3 and word[0] in CONJ else word
    if core in lex.forms or len(core) < 4:
        return ""
    if core.startswith(("بال", "كال")) or core.startswith("لل"):
        return word[: len(word) - len(core) + 1]
    if core[0] in "بلك" and len(core) >= 4:
        return word[: len(word) - len(core) + 1]
    return ""


def _marker(s: Sentence, first: int, prefix: str, starts: set[int]) -> str:
    """The preposition that governs a mention: on it, or on the head of its noun phrase a few
    words back (``بدعم حكومي جزائري`` → ب; ``مع "جميع أعضاء المجلس"`` → مع)."""
    m = _prep_of(s, first, prefix)
    if m:
        return m
    k = first - 1
    walked = 0
    while k >= 0 and walked < NP_WALK:
        tok = s.tokens[k]
        if tok.text in STOP_PUNCT or tok.start in starts:
            return ""
        if tok.text in '"«»“”':
            k -= 1
            continue
        word = s.folded[k]
        if word in markers()["complementizer"] or _is_verb_form(word):
            return ""  # a noun phrase does not reach across a verb or أن
        if word in markers()["preposition"]:
            return word  # it governs the phrase we walked through
        if len(word) > 2 and word[0] in CONJ and word[1:] in markers()["preposition"]:
            return word[1:]
        if word == AGENT:
            return AGENT
        m = _prep_of(s, k, _clitic_prefix(word))
        if m:
            return m
        k -= 1
        walked += 1
    return ""


def _args(s: Sentence, mentions: list[Mention]) -> list[Arg]:
    """Mentions of the sentence placed on tokens, with the preposition that governs each."""
    out = []
    starts = {m.start for m in mentions}
    for m in mentions:
        first = next((k for k, t in enumerate(s.tokens) if t.end > m.start), None)
        if first is None:
            continue
        last = first
        while last + 1 < len(s.tokens) and s.tokens[last + 1].start < m.end:
            last += 1
        tok = s.tokens[first]
        prefix = fold(tok.text[: max(0, m.start - tok.start)])
        if m.start > tok.start and len(prefix) > 2:  # glued: الجزائربطرابلس → the part before
            prefix = prefix[-1:] if prefix[-1] in "بلك" else ""
        out.append(Arg(m, first, last, _marker(s, first, prefix, starts - {m.start})))
    return out


def _is_place(doc: Document, m: Mention) -> bool:
    e = doc.entity(m.entity_id)
    return e is not None and e.type == "Place"


def _actor_id(doc: Document, m: Mention) -> str:
    """A capital in an actor's role stands for its country (``واشنطن`` → United States)."""
    return _capital_of(m.entity_id) or m.entity_id


def _coordinated(args: list[Arg], a: Arg, s: Sentence) -> list[Arg]:
    """``الجزائر وليبيا``: the actor and those joined to it by و."""
    group = [a]
    for b in args:
        if b.first == group[-1].last + 1 and s.folded[b.first].startswith("و") and not b.marker:
            group.append(b)
    return group


class _State:
    """What the previous sentences made salient (for pronouns and omitted subjects)."""

    def __init__(self) -> None:
        self.last_person: Mention | None = None
        self.last_source: list[str] = []
        self.sentence_source: list[str] = []  # the actor of the sentence's last event
        self.title_start: dict[int, int] = {}  # person mention -> first token of its title phrase


def _recipient_ok(arg: Arg, preps: tuple[str, ...]) -> bool:
    if not arg.marker:
        return "obj" in preps or not preps
    return arg.marker in preps


def _modality(s: Sentence, t: Trigger, m: dict[str, frozenset[str]]) -> str:
    before = s.folded[max(0, t.index - 3) : t.index]
    if _pos(t) == "masdar" and any(w in m["denial"] for w in s.folded[max(0, t.index - 4) : t.index]):
        return "negated"  # نفى مساهل زيارة ليبيا: the visit is denied
    if any(w in m["negation"] or (len(w) > 2 and w[0] in CONJ and w[1:] in m["negation"]) for w in before[-2:]):
        return "negated"
    back = []  # the clause before the trigger, nearest word first (up to six words)
    for k in range(t.index - 1, max(-1, t.index - 7), -1):
        if s.tokens[k].text in STOP_PUNCT:
            break
        back.append(s.folded[k])
    clause = back[:4]
    if any(w in m["conditional"] or w[1:] in m["conditional"] for w in clause):
        return "hypothetical"
    if t.form.pos == "imperfect" and clause[:1] == ["قد"]:
        return "hypothetical"  # قد يحضر: may attend
    around = back + list(s.folded[t.index : t.index + 6])
    if t.future_prefix or any(
        w in m["future"] or (len(w) > 3 and w[0] in "وف" and w[1:] in m["future"]) for w in around
    ):
        return "future"
    if any(w in m["invitation"] for w in s.folded[max(0, t.index - 2) : t.index]):
        return "future"  # دعوة لزيارة: an invited visit has not happened yet
    return "asserted"


def _speaker(s: Sentence, t: Trigger, args: list[Arg], m: dict[str, frozenset[str]]) -> Arg | None:
    """The speaker of reported speech that contains the trigger: ``أكد سيالة أن "…"``."""
    for k in range(t.index - 1, -1, -1):
        w = s.folded[k]
        w1 = w[1:] if len(w) > 3 and w[0] in CONJ else w
        if w in m["speech"] or w1 in m["speech"]:
            after = [a for a in args if k < a.first <= k + VSO_WINDOW and a.first < t.index]
            before = [a for a in args if a.last < k and k - a.last <= SVO_WINDOW]
            return (after[:1] or before[-1:] or [None])[0]
    return None


def _event_id(n: int) -> str:
    return f"e{n}"


def _pos(t: Trigger) -> str:
    """A phrase headed by a verbal noun (``العمل المشترك``، ``مشاركته في``) follows noun frames."""
    if t.form.pos != "phrase":
        return t.form.pos
    return "masdar" if t.noun_head else "perfect"


def _is_actor(doc: Document, a: Arg) -> bool:
    """Actors act: people, countries, organizations, and capitals standing for their country."""
    return not _is_place(doc, a.mention) or bool(_capital_of(a.mention.entity_id))


def _source(
    doc: Document,
    s: Sentence,
    t: Trigger,
    actors: list[Arg],
    speaker: Arg | None,
    state: _State,
    m: dict[str, frozenset[str]],
    args_all: list[Arg] = (),
) -> tuple[list[Arg], Mention | None, str]:
    """The actor of a trigger: (mentions, resolved pronoun mention, rule); rule '' = none."""
    end_idx = t.index + t.length - 1
    pos = _pos(t)
    subjects = [a for a in actors if not a.marker]
    if pos == "masdar":
        nxt = [a for a in subjects if a.first == end_idx + 1]
        if nxt and t.form.predicate.mode == "visit" and _entity_type(doc, nxt[0]) in ("Country", "Place"):
            nxt = []  # زيارة ليبيا: a country after a visit is where, not who
        if nxt and t.form.predicate.type not in PATIENT_POSSESSOR:
            return _coordinated(actors, nxt[0], s), None, "noun-possessor"
        suffix = t.form.suffix or _pronoun_suffix(s.folded[t.index])
        window = _light_window(s, t.index, m)
        light = _has_light(window, m)
        if (
            light
            and t.form.predicate.type == "ASSAULT"
            and any(w in m["speech"] or w[1:] in m["speech"] for w in window)
        ):
            light = False  # أعلنت الشرطة مقتل سبعة: who announces a killing did not kill
        nationality = _nationality_after(doc, s, t, args_all)
        if (
            nationality is not None
            and t.form.predicate.type in ("ASSAULT", "COERCE", "MOBILIZE")
            and t.form.predicate.id not in VICTIM_NOUNS
        ):
            return [nationality], None, "noun-possessor"  # الغارات الإسرائيلية، ضربة جوية أميركية
        before = [a for a in subjects if a.last < t.index and t.index - a.last <= SVO_WINDOW]
        if light and before and suffix in ("ه", "ها", "هم"):
            return [before[-1]], None, "noun-light-verb"  # X عبر عن تضامنه
        if suffix in ("ه", "ها"):
            person = _last_person_before(doc, actors, t.index) or state.last_person
            if person is not None:
                return [], person, "noun-pronoun"
            return [], None, ""
        if light and before:
            return [before[-1]], None, "noun-light-verb"
        if light and state.last_source:
            return [], None, "noun-salient"
        between = _between(s, end_idx, actors)
        if between and t.form.predicate.type in RECIPROCAL:
            return between, None, "noun-between"
        occurs = any(w in m["occurrence"] or w[1:] in m["occurrence"] for w in window)
        if occurs and t.form.predicate.type in gazetteer().implicit_agents and _anchored_in_time(s):
            return [], None, "noun-implicit"
        if t.form.predicate.type == "ASSAULT" and _casualties(s):
            return [], None, "noun-implicit"  # هجوم انتحاري … أسفر عن مقتل أربعة: attackers unknown
        return [], None, ""
    if t.form.person == "1" and speaker is not None:
        return [speaker], None, "verb-speaker"
    if speaker is not None and pos in ("perfect", "imperfect") and _after_pronoun_that(s, t.index):
        return [speaker], None, "verb-speaker"  # أعلنت الوزارة أنها استدعت …
    if pos == "participle":  # …، متهما طهران: the main clause's subject acts
        if state.sentence_source:
            return [], None, "participle-main-subject"
        before = [a for a in subjects if a.last < t.index]
        return ([before[0]], None, "participle-main-subject") if before else ([], None, "")
    if pos == "imperfect" and _relative_after_noun(s, t.index, actors):
        return [], None, ""
    if pos == "passive" and t.form.predicate.type in PATIENT_POSSESSOR:
        # اغتيل الحريري: who follows a passive verb of violence is its victim; the author is
        # named after an agent phrase (على يد مسلحين) or unknown
        agent = next(
            (a for a in actors if a.first > end_idx and a.first > 0 and _agent_before(s, a.first)),
            None,
        )
        if agent is not None:
            return [agent], None, "passive-agent"
        return [], None, "noun-implicit"
    slot = _subject_slot(s, end_idx + 1)
    after = [
        a
        for a in subjects
        if end_idx < a.first <= slot
        or (a.first > end_idx and state.title_start.get(id(a.mention), 10**6) <= max(slot, end_idx + 1))
    ]
    inside = [a for a in subjects if t.index < a.first and a.last <= end_idx]
    if inside and pos != "masdar":
        return _coordinated(actors, inside[0], s), None, "phrase-agent"  # تجمع المتظاهرون
    if t.length > 1:
        after = []  # استدعت سفير مصر: after a verb + object phrase comes the object's possessor
    if (
        after
        and "obj" in t.form.predicate.recipient
        and _is_place(doc, after[0].mention)
        and (t.form.predicate.mode == "visit" or not _capital_of(after[0].mention.entity_id))
    ):
        after = []  # زار بيونغ يانغ: a place after a visit verb is where; but أدانت واشنطن acts
    before = [
        a
        for a in subjects
        if a.last < t.index
        and t.index - a.last <= SVO_WINDOW
        and (speaker is None or a.mention is not speaker.mention or t.index - a.last <= 2)
    ]
    if _coordinated_verb(s, t.index) and before:
        return _coordinated(actors, before[-1], s), None, "verb-shared-subject"
    if (
        before
        and t.index - before[-1].last == 1
        and (
            before[-1].first == 0
            or s.folded[before[-1].first - 1] in markers()["verb_leader"]
            or s.tokens[before[-1].first - 1].text in STOP_PUNCT
        )
    ):
        return _coordinated(actors, before[-1], s), None, "verb-svo"  # أن الجزائر ستدعم ليبيا
    if pos != "passive" and after:
        return _coordinated(actors, after[0], s), None, "verb-vso"
    if before:
        return _coordinated(actors, before[-1], s), None, "verb-svo"
    if speaker is not None:
        return [speaker], None, "verb-speaker"
    if after:
        return [after[0]], None, "impersonal"
    if state.last_source and pos in ("perfect", "imperfect"):
        return [], None, "verb-salient"
    if pos == "passive" and t.form.predicate.type == "ASSAULT" and (_anchored_in_time(s) or _casualties(s)):
        return [], None, "noun-implicit"  # قتل أربعة أشخاص أمس: killed by someone unnamed
    return [], None, ""


def _nationality_after(doc: Document, s: Sentence, t: Trigger, args: list[Arg]) -> Arg | None:
    """A nationality right after a violence noun, past its adjectives, is its author:
    ``الضربات الجوية الأميركية``، ``دبابة إسرائيلية``."""
    end = t.index + t.length
    for a in args:
        if a.mention.kind == "nisba" and end <= a.first <= end + 1:  # its marker is the noun phrase's
            if a.first == end + 1 and not s.folded[end].startswith("ال") and s.folded[t.index].startswith("ال"):
                return None  # the adjective between must agree in definiteness
            return a
    return None


def _named_perpetrator(doc: Document, s: Sentence, args: list[Arg], t: Trigger) -> str | None:
    """Who did an attack the sentence reports without a subject: an armed group or force named
    as its author (هجوم شنه مسلحون، على أيدي مسلحين، تبناه تنظيم القاعدة), not its victims."""
    for a in args:  # after an agent phrase anyone is the author: نفذته امرأة، على يد مسلحين، نسب إلى المتمردين
        if a.first > 0 and _agent_before(s, a.first):
            return _actor_id(doc, a.mention)
    for a in args:
        key = a.mention.entity_id
        e = doc.entity(key)
        armed = group_role(doc, key) == "armed" or (e is not None and e.role_en in ("armed_group", "military"))
        if not armed:
            continue
        before = s.folded[a.first - 1] if a.first > 0 else ""
        if before in markers()["victim"] or before.lstrip("وب") in markers()["victim"]:
            continue  # مقتل أربعة جنود: the soldiers are the victims
        return _actor_id(doc, a.mention)
    return None


def _casualties(s: Sentence) -> bool:
    """The sentence counts victims (مقتل أربعة، إصابة عشرة، 26 قتيلا): violence reported, not discussed."""
    words = s.folded
    mk = markers()
    for k, w in enumerate(words[:-1]):
        bare = w[1:] if w[:1] in "وب" and len(w) > 3 else w
        if bare in mk["casualty"] and (
            words[k + 1].isdigit() or words[k + 1] in mk["number"] or fold(words[k + 1]) in mk["number"]
        ):
            return True
        if (w.isdigit() or w in mk["number"]) and words[k + 1] in mk["casualty_counted"]:
            return True
    return False


def _figurative(s: Sentence, t: Trigger, m: dict[str, frozenset[str]]) -> bool:
    """Violence words used of abstractions (``فجر الأزمة``، ``ضرب الاستقرار``، ``انفجار الوضع``)
    report no violence: the word right after the trigger is an abstract noun."""
    k = t.index + t.length
    if t.form.predicate.type != "ASSAULT" or k >= len(s.folded):
        return False
    w = s.folded[k]
    return w in m["abstract"] or (w[:1] in "وب" and w[1:] in m["abstract"])


def _opens_clause(s: Sentence, t: Trigger) -> bool:
    """A verb after a comma, or joined by و, starts a new clause (``…، الثلاثاء، طلبت الوزارة``)."""
    if _pos(t) not in ("perfect", "imperfect"):
        return False
    prev = s.tokens[t.index - 1].text if t.index > 0 else ""
    return prev in "،,;؛" or t.prefix.startswith(("و", "ف"))


def _has_light(window: tuple[str, ...], m: dict[str, frozenset[str]]) -> bool:
    """Is there a light verb among these words (one-word markers, or a pair like ``عبر عن``)?"""
    if any(w in m["light"] or w[1:] in m["light"] for w in window):
        return True
    pairs = marker_phrases()["light"]
    return any((a, b) in pairs for a, b in zip(window, window[1:]))


def _agent_before(s: Sentence, k: int) -> bool:
    """An agent phrase ends right before token k (شنه، على يد، من قبل: its author follows)."""
    return s.folded[k - 1] in markers()["agent"] or tuple(s.folded[max(0, k - 2) : k]) in marker_phrases()["agent"]


def _anchored_in_time(s: Sentence) -> bool:
    """A report of something that happened says when (أمس، الجمعة، a date); a general mention
    of protests or attacks does not."""
    anchors = markers()["time_anchor"]
    return any(w in anchors or w[1:] in anchors for w in s.folded) or any(t.text.isdigit() for t in s.tokens)


def _light_window(s: Sentence, i: int, m: dict[str, frozenset[str]]) -> tuple[str, ...]:
    """The words before a verbal noun where its light verb may stand; a complementizer ends
    it (``أعلنت طهران أن الضربة``: the strike is not Tehran's)."""
    out = []
    for k in range(i - 1, max(-1, i - LIGHT_WINDOW - 1), -1):
        w = s.folded[k]
        if w in m["complementizer"] or w in m["that_pronoun"] or s.tokens[k].text in ".؟!:":
            break
        out.append(w)
    return tuple(reversed(out))


def _light_verb_end(s: Sentence, i: int, m: dict[str, frozenset[str]]) -> int:
    """Where the light verb before a verbal noun ends (``وجه خطابا إلى نظيريه … للدعوة``)."""
    for k in range(i - 1, max(-1, i - LIGHT_WINDOW - 1), -1):
        w = s.folded[k]
        if w in m["light"] or w[1:] in m["light"]:
            return s.tokens[k].end
    return s.tokens[i].end


def _after_pronoun_that(s: Sentence, i: int) -> bool:
    k = i - 1
    if k >= 0 and s.folded[k] in markers()["preverb"]:
        k -= 1
    return k >= 0 and s.folded[k] in markers()["that_pronoun"]


def _relative_after_noun(s: Sentence, i: int, actors: list[Arg]) -> bool:
    """``محاولة تستهدف …``: an imperfect verb right after an indefinite noun describes that
    noun (its subject), which is no actor."""
    if i == 0 or any(a.last == i - 1 for a in actors):
        return False
    prev = s.tokens[i - 1].text
    return prev.endswith("ة") and not fold(prev).startswith(("ال", "وال"))


def _complement_of_trigger(s: Sentence, t: Trigger, triggers: list[Trigger]) -> bool:
    """A verbal noun that completes another event word is part of it, not an event of its own:
    ``إلغاء الاتفاق`` (the cancelling, not an agreement), ``اتهامات … بدعم البوليساريو``."""
    if _pos(t) != "masdar":
        return False
    for other in triggers:
        if other is t or other.index >= t.index:
            continue
        gap = t.index - (other.index + other.length - 1)
        if gap == 1 and not t.prefix:
            return True  # idafa: إلغاء الاتفاق
        if gap <= 6 and t.prefix[-1:] in ("ب",) and other.form.predicate.type in ("ACCUSE", "REQUEST", "THREATEN"):
            if not any(s.tokens[k].text in STOP_PUNCT for k in range(other.index + other.length, t.index)):
                return True  # اتهامات للمغرب بدعم …: the content of the accusation
    return False


def _title_attributes(doc: Document, s: Sentence, args: list[Arg]) -> dict:
    """Mentions inside a person's title phrase (``المبعوث الروسي الخاص إلى سوريا ألكسندر
    لافرنتييف``: Russia and Syria describe the envoy) and where each title phrase starts."""
    g = gazetteer()
    inside: set[int] = set()
    start_of: dict[int, int] = {}
    starts = {a.first: a for a in args}
    for p in args:
        e = doc.entity(p.mention.entity_id)
        if e is None or e.type != "Person":
            continue
        k = p.first - 1
        first = p.first
        seen_title = False
        while k >= 0 and p.first - k <= 8:
            w = s.folded[k]
            bare = w[1:] if len(w) > 3 and w[0] in CONJ else w
            if s.tokens[k].text in "،,":
                if k == p.first - 1:  # apposition: المتحدث باسم الوزارة، أحمد أبوزيد
                    k -= 1
                    continue
                break
            if w in g.title_vocab or bare in g.title_vocab or w in g.title_words:
                seen_title = True
                first = k
            elif k in starts and starts[k].mention is not p.mention:
                pass
            elif w in markers()["title_link"] or any(a.first <= k <= a.last for a in args):
                pass
            else:
                break
            k -= 1
        if seen_title:
            start_of[id(p.mention)] = first
            for a in args:
                if first <= a.first and a.last < p.first:
                    inside.add(id(a.mention))
    return {"inside": inside, "start_of": start_of}


def _inherit_marker(a: Arg, attributes: dict, s: Sentence) -> Arg:
    """A person takes the preposition that governs its whole title phrase (``مع وزير الخارجية
    المصري السفير سامح شكري`` → مع)."""
    first = attributes["start_of"].get(id(a.mention))
    if first is None or a.marker:
        return a
    tok = s.tokens[first]
    prefix = fold(tok.text)[:1] if fold(tok.text)[:1] in "بل" and fold(tok.text)[1:] in gazetteer().title_vocab else ""
    marker = _prep_of(s, first, prefix)
    return Arg(a.mention, a.first, a.last, marker) if marker else a


def _attribute_of_person(doc: Document, a: Arg, args: list[Arg]) -> bool:
    """``الرئيس الفلسطيني محمود عباس``: the nisba describes the person right after it."""
    if a.mention.kind != "nisba":
        return False
    for b in args:
        if a.last < b.first <= a.last + 3:
            e = doc.entity(b.mention.entity_id)
            return e is not None and e.type == "Person"
    return False


def _coordinated_verb(s: Sentence, i: int) -> bool:
    """``…، وانتقد السلطة``: a verb joined by و after a comma shares the earlier subject."""
    return i > 0 and len(s.folded[i]) > 3 and s.folded[i][0] in CONJ and s.tokens[i - 1].text in "،,"


def _subject_slot(s: Sentence, start: int) -> int:
    """Where a VSO subject may start after a verb: right after it, past title words
    (``وزير الخارجية الأمريكي مايك بومبيو``) and particles."""
    g = gazetteer()
    k = start
    while k < len(s.tokens) and k - start < VSO_WINDOW:
        w = s.folded[k]
        bare = w[1:] if len(w) > 3 and w[0] in CONJ else w
        if w in g.title_words or bare in g.title_vocab or w in g.title_vocab or w in markers()["before_subject"]:
            k += 1
            continue
        break
    return k


RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE", "REJECT"}  # things done between two parties
BETWEEN = fold("بين")


def _between(s: Sentence, end_idx: int, actors: list[Arg]) -> list[Arg]:
    """``الاجتماع بين زعيمي كوريا الشمالية وكوريا الجنوبية``: the parties after بين, first
    group as actor (the rest become the recipient)."""
    for k in range(end_idx + 1, min(len(s.folded), end_idx + 4)):
        if s.folded[k] == BETWEEN:
            after = [a for a in actors if a.first > k and a.first <= k + 8]
            if len(after) >= 2:
                return [after[0]]
            return []
        if s.tokens[k].text in STOP_PUNCT:
            return []
    return []


def _entity_type(doc: Document, a: Arg) -> str | None:
    e = doc.entity(a.mention.entity_id)
    return e.type if e is not None else None


def _bare_group(a: Arg) -> bool:
    """A generic group with no nationality (``القوات``، ``المتظاهرون``): an actor only in
    street events, never in diplomacy (a group with a nationality is no lexicon entry)."""
    entry = gazetteer().entries.get(a.mention.entity_id)
    return entry is not None and entry.group is not None


def group_role(doc: Document, entity_id: str) -> str | None:
    """The role of a generic group (actors_groups.tsv: protesters, armed …; "" for none), also
    with a nationality (``مسلحون صوماليون``); None for any other actor."""
    e = doc.entity(entity_id)
    if e is not None:
        return e.group
    entry = gazetteer().entries.get(entity_id)  # an implicit actor, not yet among the entities
    return entry.group if entry is not None else None


def _pronoun_suffix(word: str) -> str:
    for p in ("هما", "هم", "ها", "ه"):
        if word.endswith("ت" + p):
            return p
    return ""


def _last_person_before(doc: Document, args: list[Arg], index: int) -> Mention | None:
    people = [
        a.mention
        for a in args
        if a.last < index and (e := doc.entity(a.mention.entity_id)) is not None and e.type == "Person"
    ]
    return people[-1] if people else None


def extract_sentence(
    doc: Document,
    s: Sentence,
    mentions: list[Mention],
    state: _State,
    start_id: int,
    implicit: set[str] | None = None,
    lemma_of: dict[int, tuple[str, ...]] | None = None,
) -> tuple[list[Event], list[Fact]]:
    m = markers()
    implicit = implicit if implicit is not None else set()
    state.sentence_source = []
    args = _args(s, mentions)
    covered = {k for a in args for k in range(a.first, a.last + 1) if a.mention.kind not in ("nisba",)}
    events: list[Event] = []
    facts: list[Fact] = []
    seen: set[tuple] = set()
    attributes = _title_attributes(doc, s, args)
    state.title_start = attributes["start_of"]
    args = [_inherit_marker(a, attributes, s) for a in args]
    actors = [
        a
        for a in args
        if _is_actor(doc, a) and not _attribute_of_person(doc, a, args) and id(a.mention) not in attributes["inside"]
    ]
    triggers = find_triggers(s, covered, lemma_of)
    for t in triggers:
        pred = t.form.predicate
        if _complement_of_trigger(s, t, triggers) or _figurative(s, t, m):
            continue
        end_idx = t.index + t.length - 1
        speaker = _speaker(s, t, actors, m)
        street = pred.type in STREET_TYPES
        fit = actors if street else [a for a in actors if not _bare_group(a)]
        source, pronoun_src, rule = _source(doc, s, t, fit, speaker, state, m, args)
        if not rule:
            continue
        if rule == "participle-main-subject" and not source:
            src_ids = list(state.sentence_source)
            after_offset = s.tokens[end_idx].end
        elif rule == "noun-implicit":
            named = _named_perpetrator(doc, s, args, t) if pred.type == "ASSAULT" else None
            src_ids = [named] if named else [gazetteer().implicit_agents[pred.type]]
            after_offset = s.tokens[max(0, t.index - LIGHT_WINDOW)].start
            if not named:
                implicit.add(src_ids[0])
        elif source:
            src_ids = [_actor_id(doc, a.mention) for a in source]
            after_offset = max(s.tokens[end_idx].end, max(a.mention.end for a in source))
        elif pronoun_src is not None:
            src_ids = [pronoun_src.entity_id]
            after_offset = s.tokens[end_idx].end
        else:
            src_ids = list(state.last_source)
            after_offset = s.tokens[end_idx].end
        if rule == "verb-svo":
            after_offset = s.tokens[end_idx].end
        if rule.startswith("noun-light"):
            after_offset = _light_verb_end(s, t.index, m)
        # recipient: prefer the frame's preposition, else the next actor in the clause
        nxt_trigger = next((tr for tr in triggers if tr.index > end_idx and _opens_clause(s, tr)), None)
        clause_end = s.tokens[nxt_trigger.index].start if nxt_trigger is not None else s.span.end
        own = {e.country for x in src_ids if (e := doc.entity(x)) is not None and e.type != "Country"}
        cands = [
            a
            for a in args
            if after_offset <= a.mention.start < clause_end
            and a.first <= end_idx + TARGET_WINDOW
            and _actor_id(doc, a.mention) not in src_ids
            and a.marker != AGENT
            and (street or not _bare_group(a))
            and not _attribute_of_person(doc, a, args)
            and id(a.mention) not in attributes["inside"]
            and not (a.mention.kind == "nisba" and _actor_id(doc, a.mention) in own)
        ]
        # the nearest actor that fits the frame, else any actor of the clause
        fitting = [
            a
            for a in cands
            if (a.marker and _recipient_ok(a, pred.recipient)) or (not a.marker and "obj" in pred.recipient)
        ]
        loose = [a for a in cands if a.marker not in ("في",)]
        if pred.type not in PLACE_TARGET_TYPES:  # a town is where it happened, not the recipient
            fitting = [a for a in fitting if _is_actor(doc, a)]
            loose = [a for a in loose if _is_actor(doc, a)]
        target_arg = (fitting or loose or [None])[0]
        location = None
        target: list[str] = []
        if target_arg is not None:
            for a in _coordinated(args, target_arg, s):
                if _is_place(doc, a.mention):
                    location = location or a.mention.entity_id
                target.append(_actor_id(doc, a.mention))
        places = [
            a
            for a in args
            if _is_place(doc, a.mention) and a.marker in ("ب", "في") and a.mention.start > s.tokens[t.index].start
        ]
        if location is None and places:
            location = places[0].mention.entity_id
        host = _capital_of(location) if location else None
        if not target and pred.type == "CONSULT" and host and host not in src_ids:
            target = [host]  # a meeting in Khartoum is hosted by Sudan
        if pred.mode == "host" and target:
            src_ids, target = list(target), list(src_ids)  # the visitor is the actor (PLOVER)
        modality = _modality(s, t, m)
        typ = pred.type
        predicate_en = pred.predicate_en
        if modality == "future" and typ in FUTURE_TO_AGREE:
            typ, predicate_en = "AGREE", f"agreed: {pred.predicate_en}"
        target = [
            x for x in dict.fromkeys(target) if x not in src_ids and not any(sid.startswith(x + "_") for sid in src_ids)
        ]  # مسلحون صوماليون
        if not target and pred.confidence < MIN_CONFIDENCE_WITHOUT_TARGET:
            continue
        key = (typ, tuple(src_ids), tuple(target))
        if (
            not src_ids
            or key in seen
            or (pred.actor is not None and not all(group_role(doc, x) == pred.actor for x in src_ids))
        ):
            continue  # سار المتظاهرون is a protest; سار الوزير is not
        seen.add(key)
        first_tok, last_tok = s.tokens[t.index], s.tokens[end_idx]
        start = first_tok.start + folded_prefix_len(first_tok.text, t.prefix)
        start = min(start, first_tok.end - 1)
        eid = _event_id(start_id + len(events))
        conf = round(pred.confidence * CONFIDENCE.get(rule, 0.7) * (1.0 if target else 0.9), 3)
        events.append(
            Event(
                id=eid,
                type=typ,
                mode=pred.mode,
                cameo=pred.cameo,
                source=tuple(src_ids),
                target=tuple(target),
                trigger=doc.text[start : last_tok.end],
                sentence=s.span.text,
                start=start,
                end=last_tok.end,
                modality=modality,
                location=location,
                date=doc.date,
                predicate_en=predicate_en,
                predicate_ar=pred.predicate_ar,
                confidence=conf,
                rule=f"{_pos(t)}:{rule}:{pred.id}",
            )
        )
        if speaker is not None:
            facts.append(
                Fact(eid, "statedBy", _actor_id(doc, speaker.mention), speaker.mention.start, speaker.mention.end)
            )
        if source or pronoun_src is not None:
            state.last_source = src_ids
        state.sentence_source = src_ids
    crowd_event = predicate_lexicon().entries[CROWD_COUNTED]
    if not any(ev.type == "PROTEST" for ev in events):
        crowd = next((a for a in args if _counted_crowd(doc, s, a, crowd_event)), None)
        modality = _modality(s, Trigger(crowd.first, 1, Form(crowd_event, "phrase"), False, ""), m) if crowd else None
        if crowd is not None and modality != "negated":
            m_, p = crowd.mention, crowd_event
            events.append(
                Event(
                    id=_event_id(start_id + len(events)),
                    type=p.type,
                    mode=p.mode,
                    cameo=p.cameo,
                    source=(m_.entity_id,),
                    target=(),
                    trigger=m_.text,
                    sentence=s.span.text,
                    start=m_.start,
                    end=m_.end,
                    modality=modality,
                    location=next(
                        (a.mention.entity_id for a in args if _is_place(doc, a.mention) and a.marker in ("ب", "في")),
                        None,
                    ),
                    date=doc.date,
                    predicate_en=p.predicate_en,
                    predicate_ar=p.predicate_ar,
                    confidence=0.5,
                    rule=f"phrase:counted-crowd:{p.id}",
                )
            )
    for a in args:
        e = doc.entity(a.mention.entity_id)
        if e is not None and e.type == "Person":
            state.last_person = a.mention
    return events, facts


def _counted_crowd(doc: Document, s: Sentence, a: Arg, crowd_event: Predicate) -> bool:
    """Protesters counted (آلاف المتظاهرين، 300 متظاهر، عدة مئات من المتظاهرين): a crowd that was there."""
    if group_role(doc, a.mention.entity_id) != crowd_event.actor:
        return False
    first = s.folded[a.first]
    count = markers()["count"]
    if any(rest in count for _pre, rest in proclitic_readings(first)) and a.last > a.first:
        return True
    before = s.tokens[a.first - 2 : a.first] if a.first >= 1 else []
    words = [fold(t.text) for t in before]
    if words and words[-1] == "من":  # عدة مئات من المتظاهرين
        words = [fold(t.text) for t in s.tokens[max(0, a.first - 3) : a.first - 1]]
    return any(w.isdigit() or w in count or any(c.isdigit() for c in w) for w in words[-1:])


def folded_prefix_len(text: str, prefix: str) -> int:
    """Original characters of a token's stripped proclitics (``وزيارة`` → 1)."""
    return folded_prefix_to_original(text, len(prefix))


def find_events(doc: Document) -> Document:
    """Stage: events of every sentence, with statedBy facts for reported speech."""
    state = _State()
    events: list[Event] = []
    facts: list[Fact] = []
    implicit: set[str] = set()
    ordered = sorted(doc.mentions, key=lambda x: x.start)
    lemma_of = dict(zip((t.start for t in doc.tokens), doc.lemmas)) if doc.lemmas else None
    k = 0
    for s in sentences(doc):
        in_sentence = []
        while k < len(ordered) and ordered[k].start < s.span.end:
            if ordered[k].start >= s.span.start:
                in_sentence.append(ordered[k])
            k += 1
        evs, fs = extract_sentence(doc, s, in_sentence, state, len(events) + 1, implicit, lemma_of)
        events += evs
        facts += fs
    events = _drop_weaker_duplicates(events)
    kept = {e.id for e in events}
    known = {e.id for e in doc.entities}
    g = gazetteer()
    extra = tuple(entry_entity(g.entries[k]) for k in sorted(implicit) if k not in known and k in g.entries)
    facts = [f for f in facts if f.predicate != "statedBy" or f.subject in kept]
    return doc.with_(events=tuple(events), facts=doc.facts + tuple(facts), entities=doc.entities + extra)


def _drop_weaker_duplicates(events: list[Event]) -> list[Event]:
    """An event without a recipient adds nothing when the article reports the same actor doing
    the same kind of thing to someone (``زيارته`` beside ``زيارة مساهل إلى ليبيا``)."""
    with_target = {(e.type, e.source, e.modality == "negated") for e in events if e.target}
    return [e for e in events if e.target or (e.type, e.source, e.modality == "negated") not in with_target]
