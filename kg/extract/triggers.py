"""Triggers: the event words of a sentence, read from the predicate lexicon.

A trigger is a verb (``طالب``، ``أوقفت``، ``سيزور``), a passive (``اغتيل``), a participle after
a comma (``…، متهما طهران``), a verbal noun (``زيارة``، ``زيارته``) or a phrase of several
words (``قام بزيارة``، ``فرض عقوبات``). A form that is both verb and verbal noun (``تعاون``،
``دعم``) reads as the noun after a noun. Triggers that only complete another (``إلغاء
الاتفاق``) are no events; the words that name no act where they stand (``فجر الأزمة``) are
read in ``no_act.py``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache
from itertools import compress

from kg.arabic.clitics import CONJ, Clitic
from kg.arabic.normalize import fold
from kg.extract.clause import (
    CASUALTY_NOUNS,
    FROM,
    GAP,
    ON,
    QUOTES,
    STOP_PUNCT,
    TO,
    Trigger,
    begins,
    has_light,
    light_window,
    preposition_of,
    title_or_particle,
)
from kg.extract.tokens import Sentence
from kg.lexicon.markers import has_marker, markers
from kg.lexicon.predicates import Form, PredicateLexicon, predicate_lexicon

Reading = tuple[str, str, bool]  # (stripped proclitics, the rest, a future prefix among them)
Lemmas = Mapping[int, tuple[str, ...]]  # token start -> camel-tools lemmas
VERB_POS = ("perfect", "imperfect", "passive")
POSSESSIVE_SUFFIXES = ("هما", "هم", "ها", "ه")  # the possessor of a noun: مشاركتهما، زيارته
ACCUSED_CONTENT_TYPES = ("ACCUSE", "REQUEST", "THREATEN")  # اتهامات للمغرب بدعم: بدعم is what is said
HAPPENING_TYPES = frozenset({"ASSAULT", "PROTEST"})  # وقعت مواجهات، شهدت مظاهرات: what a verb says took place
ARRIVE = "arrive"  # predicates.tsv: to arrive, which aid does as well as visitors


@lru_cache(maxsize=65536)
def _readings(word: str) -> tuple[Reading, ...]:
    """(prefix, rest, future) readings of a folded word for trigger lookup."""
    out = [("", word, False)]
    if word[:1] in CONJ and (len(word) > 3 or len(word) == 3 and word[1:] in predicate_lexicon().forms):
        out.append((word[0], word[1:], False))  # وحث: the two-letter verbs (حث، حض، دك) with و
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


def pronoun_suffix(word: str) -> str:
    """The possessive pronoun of a noun ending in ة (``زيارته`` → ه), '' for none."""
    for p in POSSESSIVE_SUFFIXES:
        if word.endswith("ت" + p):
            return p
    return ""


def is_verb_form(word: str) -> bool:
    """A form the predicate lexicon knows as a verb (زار، يزور)."""
    return any(f.pos in VERB_POS for f in predicate_lexicon().forms.get(word, ()))


def is_masdar_form(word: str) -> bool:
    """A form the predicate lexicon knows as a verbal noun (زيارة، دعم)."""
    return any(f.pos == "masdar" for f in predicate_lexicon().forms.get(word, ()))


def noun_too(s: Sentence, t: Trigger) -> bool:
    """Can the trigger word also be read as a verbal noun (``ودعم حكومة مصر للتحالف``)?"""
    return is_masdar_form(s.folded[t.index][len(t.prefix) :])


def _noun_head(word: str, lex: PredicateLexicon) -> bool:
    """Is the first word of a phrase a noun? (definite, a known verbal noun, or a noun with a
    possessive pronoun such as ``مشاركته``)."""
    if word.startswith("ال"):
        return True
    forms = lex.forms.get(word, [])
    if any(f.pos == "masdar" for f in forms) and not any(f.pos in ("perfect", "imperfect") for f in forms):
        return True
    if not forms and pronoun_suffix(word):
        return True
    if len(word) >= 5 and word[0] == "ا" and word[-2] == "ا":
        return True  # إفعال، افتعال، استفعال: إطلاق، اعتراف، استقبال
    return not forms and word.endswith("ه")


def _noun_context(s: Sentence, i: int, covered: Collection[int]) -> bool:
    """After a noun (not a particle, punctuation or a subject), or after a light verb
    (``قررت تركيا طرد``), an ambiguous form is a noun."""
    if i == 0:
        return False
    window = light_window(s, i)
    if has_light(window) or begins(window):
        return True
    prev = s.tokens[i - 1].text
    if (i - 1) in covered:
        return _object_after_subject(s, i, covered)
    if prev in STOP_PUNCT or prev in QUOTES or s.folded[i - 1] in markers()["that_pronoun"]:
        return False  # إنها ألقت القبض: after أنه and its kin a verb may stand
    leaders = markers()["verb_leader"]
    if s.folded[i - 1] in markers()["preposition"]:
        return True  # في قصف: a preposition governs a noun (في starts like a word with ف)
    word = s.folded[i]
    if len(word) > 3 and word[0] in CONJ and s.folded[i - 1] not in leaders:
        return True  # وتعاون after a noun: coordinated nouns
    return s.folded[i - 1] not in leaders and not s.folded[i - 1].startswith(CONJ)


def _object_after_subject(s: Sentence, i: int, covered: Collection[int]) -> bool:
    """After a name that is the subject of an event verb right before it (``رفضت السلطات الأمريكية
    طلب ترحيله``) stands the verb's object, a noun; after any other name a verb may stand (``قال
    إن الولايات المتحدة طلبت``)."""
    j = i - 1
    while j > 0 and (j - 1) in covered:
        j -= 1
    if j == 0:
        return False
    verb = s.folded[j - 1]
    return is_verb_form(verb) or verb[:1] in CONJ and is_verb_form(verb[1:])


def _gapped_phrase(s: Sentence, i: int, head: str, form: Form, lex: PredicateLexicon, covered: Collection[int]) -> Form:
    """``طالب المفوض … محمد سيالة، "بدعم``: the verb with the rest of one of its phrases a
    few words on reads as that phrase's predicate (``requests support from``). When the rest
    is a bare preposition (حقق في، بحث مع), only the subject may stand between: ``يحقق
    المحققون في`` is an investigation, ``بما يحقق عودة الاستقرار في`` is not."""
    if form.pos not in VERB_POS:
        return form
    common = markers()["common_preposition"]
    folded = s.folded
    ahead = folded[i + 1 : i + 1 + GAP]  # the words the rest of a phrase may start on
    for rest, pform in lex.heads.get(head, []):
        if rest[0] not in ahead and "ال" + rest[0] not in ahead:
            continue  # it cannot be found below
        bare = len(rest) == 1 and rest[0] in common  # not ضد: rarer, telling
        for j in range(i + 1, min(len(folded) - len(rest) + 1, i + 1 + GAP)):
            if s.tokens[j].text in ".؟!":
                break
            if _rest_at(folded, j, rest):
                return Form(pform.predicate, form.pos, form.person, form.suffix)
            if bare and j not in covered and not title_or_particle(s, j):
                break
    return form


def _rest_at(folded: Sequence[str], j: int, rest: tuple[str, ...]) -> bool:
    """The rest of a phrase stands at token j, its noun perhaps with the article a count before
    it brings (``أطلقت حماس عشرات الصواريخ`` is ``أطلق صواريخ``)."""
    first = folded[j]
    counted = j > 0 and (folded[j - 1] in markers()["count"] or folded[j - 1] in markers()["number"])
    if first != rest[0] and not (counted and first == "ال" + rest[0]):
        return False
    return tuple(folded[j + 1 : j + len(rest)]) == rest[1:]


def _phrase_at(s: Sentence, i: int, covered: Collection[int], lex: PredicateLexicon) -> Trigger | None:
    """The longest phrase of the lexicon starting at token i (``قام بزيارة``)."""
    starts = [r for r in _readings(s.folded[i]) if r[1] in lex.phrase_starts]
    if not starts:
        return None
    for length in range(min(lex.max_phrase, len(s.folded) - i), 1, -1):
        for pre, rest, fut in starts:
            forms = lex.phrases.get((rest,) + s.folded[i + 1 : i + length])
            if forms:
                head = s.tokens[i].text.lstrip("وف")  # ألقت القبض: a verb, no article (ألقي: its passive, left)
                hamza = head.startswith("أل") and not head.endswith("ي")
                prep = any(c in pre for c in "بلك")  # بوقف إطلاق النار: a preposition governs a noun
                noun = (_noun_head(rest, lex) and not hamza) or prep or _noun_context(s, i, covered)
                return Trigger(i, length, forms[0], fut, pre, noun)
    return None


def _lemma_forms(s: Sentence, i: int, lemmas: Lemmas, lex: PredicateLexicon) -> list[Form]:
    """The perfect forms of token i's camel-tools lemmas (when the morphology stage ran)."""
    return [f for lem in lemmas.get(s.tokens[i].start, ()) for f in lex.forms.get(fold(lem), []) if f.pos == "perfect"]


_BARE_ALEF = re.compile(r"^[وف]?ا")  # the article or a hamzat al-wasl (التقى), never an imperfect's أ
_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def written(token: str) -> str:
    """A token as written, without diacritics and tatweel (hamza and ى kept)."""
    return _DIACRITICS.sub("", token)


DETACHED = re.compile("^[وف]?[بلك]\u0640+$")  # a preposition written apart with a tatweel: بـ، لـ، وبـ
QUOTE_MARKS = frozenset(QUOTES + "'")  # and the single quote


def _detached_preposition(s: Sentence, i: int) -> bool:
    """``بـ"دعم الإرهاب"``، ``لـ الوطن``: a preposition written apart, past quotes, governs the word,
    which is then a noun (not the verb دعم)."""
    k = i - 1
    while k >= 0 and s.tokens[k].text in QUOTE_MARKS:
        k -= 1
    return k >= 0 and bool(DETACHED.match(s.tokens[k].text))


def _fitting_forms(
    s: Sentence, i: int, reading: Reading, forms: Sequence[Form], covered: Collection[int]
) -> list[Form]:
    """The forms the context allows: a jussive only after لم, an imperfect after س, a verbal
    noun after a preposition or the article, or after a noun when it could be both."""
    pre, _rest, fut = reading
    after_lam = i > 0 and s.folded[i - 1] in markers()["jussive_leader"]
    forms = [
        f if f.pos != "jussive" else Form(f.predicate, "imperfect", f.person, f.suffix)
        for f in forms
        if f.pos != "jussive" or after_lam
    ]
    if fut:
        forms = [f for f in forms if f.pos == "imperfect"]
    if "ال" in pre or any(p in pre for p in "بلك") or _detached_preposition(s, i):
        forms = [f for f in forms if f.pos == "masdar" and not ("ال" in pre and f.suffix)]  # الثنائي
    if i > 0 and preposition_of(s.folded[i - 1]) not in ("", FROM):
        forms = [f for f in forms if f.pos not in VERB_POS]  # في هاتف: no verb after a preposition (من may be who)
    if i > 0 and (s.folded[i - 1] in markers()["noun_leader"] or s.folded[i - 1] in markers()["any"]):
        forms = [f for f in forms if f.pos not in VERB_POS]  # دفع ثمن، أي ثمن: a price, not ثمّن
    as_written = written(s.tokens[i].text)
    after_comma = i > 0 and s.tokens[i - 1].text in "،,"  # …، متهمة إياه، …، منتقدين: a circumstantial participle
    if as_written.endswith("ة"):  # folding made زيارة look like a verb + ه, and عرضة "prone" like عرضه "his offer"
        nouns = [f for f in forms if f.pos in ("masdar", "phrase") and f.suffix != "ه"]
        forms = nouns or [f for f in forms if f.pos == "participle" and after_comma]
    if _BARE_ALEF.match(as_written):  # البيان، اثنين: an imperfect never starts with a bare alef (أطالب has a hamza)
        forms = [f for f in forms if f.pos not in ("imperfect", "jussive")]
    if _adjective_follows(s, i, covered):
        forms = [f for f in forms if f.pos != "participle"]  # رفض مقترحا أمميا: a noun with its adjective
    if as_written.endswith("ين") and not after_comma:
        forms = [f for f in forms if f.pos != "participle"]  # متهمين: the accused, but …، منتقدين: criticizing
    rest_written = s.names[i][len(pre) :]
    forms = [f for f in forms if rest_written not in f.predicate.excepted]
    if any(f.pos == "masdar" for f in forms) and _noun_context(s, i, covered):
        forms = [f for f in forms if f.pos == "masdar"]
    return forms


def _adjective_follows(s: Sentence, i: int, covered: Collection[int]) -> bool:
    """An indefinite nisba adjective in the accusative follows (``مقترحا أمميا``، ``متهما
    أمريكيا``): the word before is a noun it describes, not a participle; a name there
    (``متهما روسيا``) is the participle's object."""
    k = i + 1
    return k < len(s.folded) and k not in covered and s.folded[k].endswith("يا") and not s.folded[k].startswith("ال")


def _word_at(
    s: Sentence, i: int, covered: Collection[int], lemmas: Lemmas | None, lex: PredicateLexicon
) -> Trigger | None:
    """One word of the lexicon at token i, the most confident of its fitting forms."""
    for reading in _readings(s.folded[i]):
        forms = (
            lex.forms.get(reading[1])
            or _accusative_forms(reading[1], lex)
            or (_lemma_forms(s, i, lemmas, lex) if lemmas is not None else None)
        )
        if not forms:
            continue
        forms = _fitting_forms(s, i, reading, forms, covered)
        if forms:
            best = max(forms, key=lambda f: f.predicate.confidence)
            pre, rest, fut = reading
            return Trigger(i, 1, _gapped_phrase(s, i, rest, best, lex, covered), fut, pre)
    return None


def _accusative_forms(rest: str, lex: PredicateLexicon) -> list[Form] | None:
    """``هجوما``، ``دعما``، ``اتصالا``: an indefinite verbal noun in the accusative is its noun
    with an alef of tanween (only noun forms: a verb does not take it)."""
    if len(rest) < 4 or not rest.endswith("ا"):
        return None
    return [f for f in lex.forms.get(rest[:-1], ()) if f.pos == "masdar"] or None


def definite_or_owned(s: Sentence, t: Trigger) -> bool:
    """A noun with the article or a pronoun (``حضر الاستقبال``، ``لقائه``) has no possessor after it."""
    return "ال" in t.prefix or bool(t.form.suffix or pronoun_suffix(s.folded[t.index]))


def accusative_noun(word: str) -> bool:
    """Is the (folded) word a verbal noun of the lexicon in the indefinite accusative?"""
    return _accusative_forms(word, predicate_lexicon()) is not None


def _phrase_head_at(s: Sentence, i: int, lex: PredicateLexicon, covered: Collection[int]) -> Trigger | None:
    """A verb known only as the head of a phrase, with its subject inside: ``فرضت واشنطن
    عقوبات``."""
    for pre, rest, fut in _readings(s.folded[i]):
        if rest in lex.heads and not fut:
            head_form = lex.heads[rest][0][1]
            probe = Form(head_form.predicate, "perfect", head_form.person)
            found = _gapped_phrase(s, i, rest, probe, lex, covered)
            if found is not probe:
                return Trigger(i, 1, found, fut, pre)
    return None


@lru_cache(maxsize=65536)
def _in_lexicon(word: str) -> bool:
    """Does a reading of the word start a form, a phrase or a phrase's head (a quick test that
    lets most words of a sentence pass)?"""
    lex = predicate_lexicon()
    return any(rest in lex.forms or rest in lex.phrase_starts or rest in lex.heads for _, rest, _ in _readings(word))


def find_triggers(s: Sentence, covered: Collection[int], lemmas: Lemmas | None = None) -> list[Trigger]:
    """The triggers of a sentence, left to right; tokens of a mention (``covered``) are none."""
    lex = predicate_lexicon()
    out: list[Trigger] = []
    n = len(s.folded)
    # the words that may start a trigger: with lemmas every word, else those the lexicon may know
    candidates = range(n) if lemmas is not None else compress(range(n), map(_in_lexicon, s.folded))
    after = 0  # the first word past the last trigger (its words start none)
    for i in candidates:
        if i < after or i in covered:
            continue
        hit = (
            _phrase_at(s, i, covered, lex)
            or _word_at(s, i, covered, lemmas, lex)
            or _phrase_head_at(s, i, lex, covered)
        )
        if hit is not None:
            out.append(hit)
            after = i + hit.length
    return out


def complement_of_trigger(s: Sentence, t: Trigger, triggers: Sequence[Trigger]) -> bool:
    """A verbal noun that completes another event word is part of it, not an event of its own:
    ``إلغاء الاتفاق`` (the cancelling, not an agreement), ``اتهامات … بدعم البوليساريو``."""
    if t.pos != "masdar":
        return False
    for other in triggers:
        if other is t or other.index >= t.index:
            continue
        gap = t.index - other.end
        if gap == 1 and not t.prefix and not said_to_happen(s, other, t):
            return True  # idafa: إلغاء الاتفاق
        said_of = t.prefix[-1:] == "ب" or (t.prefix.endswith("ل") and other.form.predicate.type == "ACCUSE")
        if gap <= 6 and t.prefix[-1:] == "ب" and _instrument_of(other, t):
            return True  # قصف الحوثيون بقذائف الهاون: the shells are how the verb's attack was done
        if gap <= 6 and said_of and other.form.predicate.type in ACCUSED_CONTENT_TYPES:
            if not any(s.tokens[k].text in STOP_PUNCT for k in range(other.index + other.length, t.index)):
                return True  # اتهامات للمغرب بدعم …، إدانتها للهجوم: what is accused, not an act of the accuser
        if gap <= WITHDRAWN_FROM and _withdrawn_from(s, other, t):
            return True  # انسحاب بلاده من الاتفاق النووي: the accord is left, not made
        if gap <= REQUESTED_REACH and _requested(s, other, t):
            return True  # حث أتباعه على شن هجمات: asked for, not done
    return False


REQUESTED_REACH = 8  # words between a request and the act it asks for (دعا الظواهري أتباعه إلى شن هجمات)


def _requested(s: Sentence, other: Trigger, t: Trigger) -> bool:
    """A verbal noun after إلى، على or ب, past a light verb, that follows a request in its clause
    (``دعا … إلى شن هجمات``، ``حث أتباعه على شن``، ``طالب بالإفراج``): what is asked for, not done."""
    if other.form.predicate.type != "REQUEST" or other.pos not in VERB_POS:
        return False
    if any(s.tokens[k].text in STOP_PUNCT for k in range(other.end + 1, t.index)):
        return False
    k = t.index - 1
    light = k > other.end and has_marker(s.folded[k], "light", Clitic.ANY)
    if light and s.folded[k][:1] in "بل" and len(s.folded[k]) > 3:
        return True  # بشن، لشن
    if not light and t.prefix[-1:] in ("ب", "ل"):
        return True  # بالإفراج
    k -= light
    return k > other.end and preposition_of(s.folded[k]) in (TO, ON)


WITHDRAWN_FROM = 4  # words between a withdrawal and the act or accord withdrawn from (انسحاب الولايات المتحدة من)


def _withdrawn_from(s: Sentence, other: Trigger, t: Trigger) -> bool:
    """A verbal noun right after من that follows a withdrawal (``انسحاب بلاده من الاتفاق``) is what
    was left."""
    glued = any(p in t.prefix.removesuffix("ال") for p in "وبلك")  # والاتفاق، بالاتفاق: another phrase
    return other.form.predicate.type == "RETREAT" and not glued and t.index > 0 and s.folded[t.index - 1] == FROM


def _instrument_of(verb: Trigger, t: Trigger) -> bool:
    """A violence noun with ب after a violence verb names its means (``قصف … بقذائف الهاون``); not
    after a verb of killing, which the noun's author did (``قتلوا بغارات شنها الطيران الروسي``)."""
    same = verb.form.predicate.type == "ASSAULT" == t.form.predicate.type
    return same and verb.pos in VERB_POS and verb.form.predicate.id not in CASUALTY_NOUNS  # قتلوا بغارات: by whom


def said_to_happen(s: Sentence, verb: Trigger, t: Trigger) -> bool:
    """``وقعت مواجهات``: a verb that may say an event took place (markers kind occurrence; here
    not "signed") right before a verbal noun of fighting or protest."""
    if verb.pos not in VERB_POS or t.index != verb.end + 1:
        return False
    if verb.form.predicate.id == ARRIVE and t.form.predicate.type == "AID":
        return True  # وصلت مساعدات سعودية إلى عدن: the aid arrived, no one visited
    return t.form.predicate.type in HAPPENING_TYPES and has_marker(s.folded[verb.index], "occurrence", Clitic.CONJ)


def happening_verb(s: Sentence, t: Trigger, triggers: Sequence[Trigger]) -> bool:
    """The verb of ``وقعت مواجهات`` says the clashes happened; it is no event of its own."""
    return any(said_to_happen(s, t, other) for other in triggers)


def opens_clause(s: Sentence, t: Trigger) -> bool:
    """A verb after a comma, or joined by و, starts a new clause (``…، الثلاثاء، طلبت الوزارة``)."""
    if t.pos not in ("perfect", "imperfect"):
        return False
    prev = s.tokens[t.index - 1].text if t.index > 0 else ""
    return prev in "،,;؛" or t.prefix.startswith(CONJ)
