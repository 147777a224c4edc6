"""Is the actor right after a verb its object rather than its subject? By gender (``وانتقد السلطة``:
a masculine verb, a feminine noun), after the verb's unnamed subject (``ودعت الوزارة المجتمع
الدولي``), or after a verb whose ending holds its subject (``قاتلوا تنظيم داعش``)."""

from __future__ import annotations

from kg.extract.clause import Arg, SentenceContext, Trigger, is_person
from kg.extract.tokens import Sentence
from kg.extract.triggers import noun_too, written
from kg.lexicon.actors import gazetteer
from kg.lexicon.predicates import predicate_lexicon


def _agrees(s: Sentence, t: Trigger, a: Arg) -> bool:
    """May ``a``, right after this verb, be its subject by gender? A verb without the feminine
    ت takes no subject whose first word ends in ة (``وانتقد السلطة``: the authority is the
    object; ``أثنى سفير سلطنة عمان``: the ambassador, a word before the name, is the subject)."""
    verb = s.folded[t.index][len(t.prefix) :]
    feminine = verb.startswith("ت") if t.pos == "imperfect" else t.pos != "perfect" or verb.endswith("ت")
    if feminine or a.first != t.end + 1:
        return True
    return not written(s.tokens[a.first].text).endswith("ة")


def _object_after(ctx: SentenceContext, t: Trigger, a: Arg) -> bool:
    """The actor right after a verb is its object, not its subject, by gender (``وانتقد السلطة
    الفلسطينية``); a person (أسامة) or a word that may be a verbal noun is not judged so."""
    return not is_person(ctx.doc, a.mention) and not _agrees(ctx.s, t, a) and not noun_too(ctx.s, t)


def after_is_object(ctx: SentenceContext, t: Trigger, a: Arg) -> bool:
    """The actor after the verb is its object (by gender, unnamed subject, or number: ``قاتلوا داعش``)."""
    return _object_after(ctx, t, a) or _after_unnamed_subject(ctx, t, a) or numbered_subject(ctx.s, t)


def _after_unnamed_subject(ctx: SentenceContext, t: Trigger, a: Arg) -> bool:
    """``ودعت الوزارة المجتمع الدولي``، ``وطالب وزير الخارجية إسرائيل``: a title word with the
    article right before the actor is the verb's unnamed subject, and the actor its object. A
    person (``الرئيس عبد الفتاح السيسي``), a nationality (``الرئيس المصري``) or a possessor
    (``الأمين العام للأمم المتحدة``) after it belongs to the subject's phrase."""
    k = a.first - 1
    if k <= t.end or a.mention.kind == "nisba" or is_person(ctx.doc, a.mention):
        return False  # a possessor (للأمم المتحدة) carries ل and is no subject candidate at all
    w = ctx.s.folded[k]
    g = gazetteer()
    return w.startswith("ال") and (w in g.title_vocab or w in g.title_words)


NUMBER_ENDINGS = {"perfect": ("وا", "ا"), "imperfect": ("ون", "ان")}  # plural and dual subject endings


def numbered_subject(s: Sentence, t: Trigger) -> bool:
    """``الذين قاتلوا تنظيم داعش``، ``يطالبون الحكومة``، ``اتفقا``: a verb with a plural or dual
    ending (the verb without it is a form of the same predicate) holds its subject; a verb
    before its subject stays singular, so the actor after this one is its object."""
    if t.length > 1 or t.pos not in NUMBER_ENDINGS or t.form.suffix:
        return False
    word = s.folded[t.index][len(t.prefix) :]
    forms = predicate_lexicon().forms
    return any(
        word.endswith(e)
        and any(
            f.predicate is t.form.predicate and f.pos == t.pos and not f.suffix for f in forms.get(word[: -len(e)], ())
        )
        for e in NUMBER_ENDINGS[t.pos]
    )
