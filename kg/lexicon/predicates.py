"""The predicate lexicon: event words, their PLOVER/CAMEO types, labels and argument frames.

The data file lists each verb by its dictionary forms (perfect and imperfect 3rd masculine
singular, passive, verbal noun); the inflections news uses are generated here by rule:
``زار`` → زارت، زاروا، زارا؛ ``يزور`` → تزور، نزور، يزورون؛ ``زيارة`` → زيارات، زيارته.
Conjunctions (و ف), the future prefix (س), prepositions (ب ل ك) and the article are
stripped at match time, so they are never listed. ``actor`` names the group role the actor
must have (``protesters``: سار المتظاهرون is a protest, سار الوزير is not); a row with no forms
is never a trigger (``crowd_counted``: the event a counted crowd makes). ``needs`` says what a
trigger must find to be an event (``target``: a recipient; ``marked``: a recipient marked by
one of the frame's prepositions, ``عرض على``; ``named``: an actor named in its own sentence,
not carried over from an earlier one: تراجعت الأسعار has none; ``complement``: the frame's
preposition within a few words after the trigger (تراجع عن قراره backs down; تراجع أداؤها, سجلت
تراجعا only fell); ``sum``: a sum of money or a word of aid a few words after a verb (منحت السعودية 100
مليون دولار; منحت طهران توتال مهلة is no aid); ``reverse``: the recipient found acts,
as the caller in ``تلقى اتصالا من``, and ``predicate_en`` is written from its side); ``except``
lists forms the inflector makes that news uses as other words (``توقع`` "expected", not "she
signs"; ``نادي`` "club", not نادى); ``retype`` names another predicate the event takes when every
recipient is of a kind (``people:custody``: أوقفت الشرطة ناشطين is an arrest, أوقفت التمويل a halt;
``armed:drive_out``: طرد الحوثيين من عدن is fighting, طرد السفير an expulsion).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, get_args

from kg.arabic.normalize import fold, fold_names, hamza_spellings
from kg.errors import LexiconError
from kg.lexicon.tsv import read_rows, split
from kg.model import PLOVER_TYPES

COLUMNS = (
    "id",
    "type",
    "mode",
    "cameo",
    "predicate_en",
    "predicate_ar",
    "perfect",
    "imperfect",
    "passive",
    "masdar",
    "recipient",
    "phrases",
    "confidence",
    "actor",
    "needs",
    "except",
    "retype",
)
Need = Literal["target", "marked", "named", "reverse", "complement", "sum"]
NEEDS: tuple[Need, ...] = get_args(Need)
RecipientKind = Literal["people", "armed"]
RECIPIENT_KINDS: tuple[RecipientKind, ...] = get_args(RecipientKind)
ACTOR_ROLES = ("protesters",)  # group roles (actors_groups.tsv) a predicate may require of its actor
PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "كم", "نا", "ك", "ي")
PERFECT_ENDINGS = ("", "ت", "ا", "تا", "وا", "نا", "تم", "ن")
IMPERFECT_PREFIXES = ("ي", "ت", "ن", "ا")
IMPERFECT_ENDINGS = ("", "ون", "ان", "ن", "وا", "ا")
Pos = Literal["perfect", "imperfect", "jussive", "passive", "participle", "masdar", "phrase"]
POS: tuple[Pos, ...] = get_args(Pos)


@dataclass(frozen=True)
class Predicate:
    id: str
    type: str
    mode: str | None
    cameo: str | None
    predicate_en: str
    predicate_ar: str
    recipient: tuple[str, ...]
    confidence: float
    actor: str | None = None  # the group role its actor must have (سار المتظاهرون: protesters)
    needs: tuple[Need, ...] = ()  # what a trigger must find to be an event (a recipient, a marked one)
    excepted: frozenset[str] = frozenset()  # written forms (ى kept, no diacritics) that are other words
    # another predicate the event takes when every recipient is of a kind (أوقفت الشرطة ناشطين: arrested)
    retype: tuple[tuple[RecipientKind, str], ...] = ()


@dataclass(frozen=True)
class Form:
    """One inflected form: which predicate, what part of speech, and its grammar."""

    predicate: Predicate
    pos: Pos
    person: str = "3"  # "1" for first person (نتقاسم، زرنا), else "3"
    suffix: str = ""  # attached pronoun (possessor of a noun, object of a verb)

    def __post_init__(self) -> None:
        if self.pos not in POS:
            raise ValueError(f"part of speech '{self.pos}' is not one of {', '.join(POS)}")


@dataclass
class PredicateLexicon:
    forms: dict[str, list[Form]] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], list[Form]] = field(default_factory=dict)
    # verb-headed phrases by their head, for a subject standing between: طالب سيالة بدعم
    heads: dict[str, list[tuple[tuple[str, ...], Form]]] = field(default_factory=dict)
    entries: dict[str, Predicate] = field(default_factory=dict)
    max_phrase: int = 1
    phrase_starts: set[str] = field(default_factory=set)  # first words of the phrases

    def add(self, word: str, form: Form) -> None:
        bucket = self.forms.setdefault(word, [])
        if all(f.predicate.id != form.predicate.id or (f.pos, f.suffix) != (form.pos, form.suffix) for f in bucket):
            bucket.append(form)


def perfect_forms(p: str) -> list[tuple[str, str]]:
    """(form, person) for a perfect verb: زار → زارت، زاروا، زرنا؛ التقى → التقت، التقوا."""
    out = []
    if p.endswith(("ي", "ا")):  # folded ى is ي: التقى، دعا
        stem = p[:-1]
        out += [
            (p, "3"),
            (stem + "ت", "3"),
            (stem + "وا", "3"),
            (stem + "يا", "3"),
            (stem + "تا", "3"),
            (stem + "ينا", "1"),
            (stem + "يت", "1"),
            (stem + "ونا", "1"),
        ]
    else:
        for e in PERFECT_ENDINGS:
            out.append((p + e, "1" if e == "نا" else "3"))
        if len(p) == 3 and p[1] == "ا":  # a hollow verb shortens before نا/ت: زار → زرنا، زرت
            out += [(p[0] + p[2] + "نا", "1"), (p[0] + p[2] + "ت", "1")]
    return out


def imperfect_forms(i: str) -> list[tuple[str, str]]:
    """(form, person) for an imperfect verb: يزور → تزور، نزور، يزورون؛ يلتقي → يلتقون."""
    if not i.startswith("ي") or len(i) < 3:
        return [(i, "3")]
    stem = i[1:]
    stems: list[tuple[str, bool | None]] = [(stem, True)]  # (stem, may stand without an ending)
    if stem.endswith(("ي", "ا", "و")):
        stems.append((stem[:-1], False))  # يلتقون
        if len(stem) >= 4:
            stems.append((stem[:-1], None))  # the jussive of a weak final letter: لم يلتق (يلتقي)
    if len(stem) == 3 and stem[1] in "وي":  # the jussive of a hollow verb: لم يزر (يزور)
        stems.append((stem[0] + stem[2], None))
    out = []
    for pre in IMPERFECT_PREFIXES:
        person = "1" if pre in ("ن", "ا") else "3"
        for s, bare in stems:
            if person == "1" and (not bare or len(pre + s) < 4):
                continue  # نزور، أطالب: no dual or plural ending (البيان is no أ + لبي + ان), no أصل
            if bare is None:  # the jussive stands bare or with وا/ا, and only after لم
                out += [(pre + s + e, "j" + person) for e in ("", "وا", "ا")]
                continue
            for e in IMPERFECT_ENDINGS if person == "3" else ("",):
                if e == "" and not bare:
                    continue
                out.append((pre + s + e, person))
    return out


def _phrase_imperfects(p: str) -> list[tuple[str, str]]:
    """The imperfect of a phrase's head verb, derived from its perfect where the pattern says it
    without vowels (فرض → يفرض، تفرض؛ طالب → يطالب؛ أعلن → يعلن؛ اتخذ → يتخذ؛ تبادل → يتبادل), so that
    ``ستفرض عقوبات``، ``تطالب بالإفراج`` are read as the phrase; none for a weak final letter
    (ألقى → يلقي، دعا → يدعو), whose imperfect the perfect does not give."""
    if len(p) < 3 or p.endswith(("ي", "ا", "و")):
        return []
    stem = p[1:] if p[0] in "اأ" and len(p) >= 4 else p
    return [(f, person) for f, person in imperfect_forms("ي" + stem) if person == "3"]


def participle_forms(i: str) -> list[str]:
    """Circumstantial active participles from the imperfect: يتهم → متهما، متهمة، متهمين؛ يندد →
    منددا. Only the accusative/feminine forms news uses after a comma (``…، متهما طهران``),
    which keeps ordinary nouns (مزور) out."""
    if not i.startswith("ي") or len(i) < 4 or i.endswith(("ي", "ا", "و")):
        return []
    base = "م" + i[1:]
    return [base + "ا", base + "ه", base + "ين"]


def masdar_forms(m: str) -> list[str]:
    """A verbal noun with plural and attached pronouns: زيارة → زيارات، زيارته، زيارتها."""
    out = [m]
    if m.endswith("اء"):  # the hamza sits on yeh before a suffix: لقاء → لقائه
        out += [m[:-1] + "ئ" + p for p in PRONOUNS]
    if m.endswith("ه"):  # folded ة
        construct = m[:-1] + "ت"
        out.append(m[:-1] + "ات")
        out += [construct + p for p in PRONOUNS]
    else:
        out += [m + p for p in PRONOUNS]
    return out


def _predicate(r: dict[str, str]) -> Predicate:
    if r["type"] not in PLOVER_TYPES:
        raise LexiconError(f"{r['_line']}: type '{r['type']}' is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
    try:
        conf = float(r["confidence"] or 0.7)
    except ValueError:
        raise LexiconError(f"{r['_line']}: confidence '{r['confidence']}' is not a number") from None
    if not 0.0 <= conf <= 1.0:
        raise LexiconError(f"{r['_line']}: confidence {conf} is not within 0..1")
    if r["actor"] and r["actor"] not in ACTOR_ROLES:
        raise LexiconError(f"{r['_line']}: actor '{r['actor']}' is not one of {', '.join(ACTOR_ROLES)}")
    needs = tuple(split(r["needs"]))
    for need in needs:
        if need not in NEEDS:
            raise LexiconError(f"{r['_line']}: needs '{need}' is not one of {', '.join(NEEDS)}")
    return Predicate(
        r["id"],
        r["type"],
        r["mode"] or None,
        r["cameo"] or None,
        r["predicate_en"],
        r["predicate_ar"],
        tuple(fold(p) if p != "obj" else p for p in split(r["recipient"])),
        conf,
        r["actor"] or None,
        needs,  # type: ignore[arg-type]  # checked above
        frozenset(fold_names(w) for w in split(r["except"])),
        _retype(r),
    )


def _retype(r: dict[str, str]) -> tuple[tuple[RecipientKind, str], ...]:
    """``people:custody|armed:drive_out``: the kind of recipient, then the predicate it makes."""
    out: list[tuple[RecipientKind, str]] = []
    for item in split(r.get("retype", "")):
        kind, _, pid = item.partition(":")
        if kind not in RECIPIENT_KINDS or not pid:
            raise LexiconError(f"{r['_line']}: retype '{item}' is not kind:predicate ({', '.join(RECIPIENT_KINDS)})")
        out.append((kind, pid))
    return tuple(out)


@lru_cache(maxsize=1)
def predicate_lexicon() -> PredicateLexicon:
    """The predicate lexicon built once per process from ``predicates.tsv`` (or read from the
    cache an earlier run left, ``kg.lexicon.cache``: building it is a tenth of a second)."""
    from kg.lexicon.cache import cached

    return cached("predicates", build, PredicateLexicon)


def build() -> PredicateLexicon:
    """Every inflected form and phrase of ``predicates.tsv``."""
    lex = PredicateLexicon()
    for r in read_rows("predicates.tsv", COLUMNS, ("id", "type", "predicate_en")):
        pred = _predicate(r)
        if pred.id in lex.entries:
            raise LexiconError(f"{r['_line']}: id '{pred.id}' is used twice")
        lex.entries[pred.id] = pred
        for p in split(r["perfect"]):
            for form, person in perfect_forms(fold(p)):
                lex.add(form, Form(pred, "perfect", person))
                for pro in PRONOUNS[:5]:  # object pronoun: زاره، استقبلهم
                    lex.add(form + pro, Form(pred, "perfect", person, pro))
        for i in split(r["imperfect"]):
            for form, person in imperfect_forms(fold(i)):
                if person.startswith("j"):
                    lex.add(form, Form(pred, "jussive", person[1:]))
                else:
                    lex.add(form, Form(pred, "imperfect", person))
            for form in participle_forms(fold(i)):
                lex.add(form, Form(pred, "participle"))
        for p in split(r["passive"]):
            for form, person in perfect_forms(fold(p)):
                lex.add(form, Form(pred, "passive", person))
        for m in split(r["masdar"]):
            base = fold(m)
            for form in masdar_forms(base):
                suffix = (
                    "" if form in (base, base[:-1] + "ات") else form[len(base) - (1 if base.endswith("ه") else 0) :]
                )
                if suffix.startswith("ت"):
                    suffix = suffix[1:]
                lex.add(form, Form(pred, "masdar", "3", suffix))
        for ph in (spelling for phrase in split(r["phrases"]) for spelling in hamza_spellings(phrase)):
            toks = tuple(fold(ph).split())
            if len(toks) == 1:
                lex.add(toks[0], Form(pred, "phrase"))
            elif toks:
                lex.phrases.setdefault(toks, []).append(Form(pred, "phrase"))
                lex.max_phrase = max(lex.max_phrase, len(toks))
                lex.phrase_starts.add(toks[0])
                if not ph.split()[0].startswith("ال") and not toks[0].endswith("ه"):  # as written: ألقى is a verb
                    # the head may be any person of the perfect: طالبت بدعم، طالبوا بدعم
                    for head, person in perfect_forms(toks[0]) + _phrase_imperfects(toks[0]):
                        lex.phrases.setdefault((head,) + toks[1:], []).append(Form(pred, "phrase", person))
                        lex.phrase_starts.add(head)
                        lex.heads.setdefault(head, []).append((toks[1:], Form(pred, "phrase", person)))
    _share_forms(lex)
    for pred in lex.entries.values():
        for _kind, pid in pred.retype:
            if pid not in lex.entries:
                raise LexiconError(f"predicates.tsv: {pred.id} is retyped as '{pid}', which is no predicate's id")
    return lex


def _share_forms(lex: PredicateLexicon) -> None:
    """One object for equal forms: the 33,600 forms of the word lists, phrases and heads are
    5,100 different ones (زار، زاره، زارها … share theirs), which makes the lexicon's cached
    copy 1.0 MB instead of 1.7 MB and a fifth quicker to read."""
    seen: dict[Form, Form] = {}
    for bucket in lex.forms.values():
        bucket[:] = [seen.setdefault(f, f) for f in bucket]
    for phrase in lex.phrases.values():
        phrase[:] = [seen.setdefault(f, f) for f in phrase]
    for heads in lex.heads.values():
        heads[:] = [(rest, seen.setdefault(f, f)) for rest, f in heads]
