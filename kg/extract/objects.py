"""Is the actor right after a verb its object rather than its subject? By gender (``وانتقد السلطة``:
a masculine verb, a feminine noun), after the verb's unnamed subject (``ودعت الوزارة المجتمع
الدولي``), or after a verb whose ending holds its subject (``قاتلوا تنظيم داعش``). And who does a
verbal noun after ب and من (``بدعم من الكنيسة``), and whom it backs."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.arguments import chain_ending, unnamed_plural
from kg.extract.clause import (
    AGAINST,
    FROM,
    STOP_PUNCT,
    WEAPON,
    Arg,
    SentenceContext,
    Trigger,
    group_role,
    is_person,
    is_place,
)
from kg.extract.names import frequent_words
from kg.extract.tokens import Sentence
from kg.extract.triggers import is_verb_form, noun_too, written
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


BACKED = frozenset({"SUPPORT", "AID"})  # types whose ب-noun with من names the backer and whom it backs (بدعم من)
BACKED_REACH = 10  # words before such a noun where the one backed stands, in its clause


BACK = "back"  # the predicate of مساندة (predicates.tsv): بمساندة X is X's backing, also without من


def backing(ctx: SentenceContext, t: Trigger) -> tuple[Arg, Arg] | None:
    """``نجح فاليسا في الوقوف في وجه النظام بدعم من الكنيسة``: a verbal noun of support after ب,
    with من right after it, is done by the actor after من (not a weapon: ``بدعم من المروحيات``) to
    the one it backs (``_backed``): (backer, backed), or None."""
    s, k = ctx.s, t.end + 1
    if t.form.predicate.type not in BACKED or "ب" not in t.prefix or t.pos != "masdar":
        return None
    if k + 1 >= len(s.folded) or (backed := _backed(ctx, t)) is None:
        return None
    if s.folded[k] == FROM:
        by = next((a for a in ctx.args if a.first == k + 1), None)
    elif "ال" not in t.prefix:  # بمساندة قوات الجيش الحر، بدعم أمريكي: the backer right after the noun
        by = next(
            (a for a in ctx.args if a.first == k and (a.mention.kind == "nisba" or t.form.predicate.id == BACK)), None
        )
    else:  # not بدعم جماعة غولن after a charge: whom one is accused of backing
        return None
    if by is None or group_role(ctx.doc, by.mention.entity_id) == WEAPON:
        return None
    return by, backed


def _backed(ctx: SentenceContext, t: Trigger) -> Arg | None:
    """Whom a support after ب and من backs: the subject of its clause, the last actor before the
    noun (past a comma that sets the support off: ``وتستعد قوات الجيش والمقاومة، بدعم من التحالف،``)
    when no actor before it in the clause is governed by a preposition (``تحريرها من الحوثيين وصالح
    بدعم من التحالف``: those are not backed); places there (``نحو الرقة``) say where."""
    s, k = ctx.s, t.index - 1
    if k >= 0 and s.tokens[k].text in "،,":
        k -= 1
    while k >= 0 and not (s.tokens[k].text in STOP_PUNCT or s.tokens[k].text in "،,"):
        k -= 1
    near = max(k, t.index - BACKED_REACH)
    before = [a for a in ctx.args if near < a.first and a.last < t.index and not is_place(ctx.doc, a.mention)]
    before = [a for a in before if a.marker != AGAINST]  # عمليات ضد مقاتلين أكراد بمساندة: the attacked are not backed
    if any(a.marker for a in before) or not before:
        return None
    return chain_ending(before, before[-1], s)[0]  # قوات الجيش اليمني والمقاومة: both are backed


def object_follows(actors: Sequence[Arg], subject: Arg) -> bool:
    """``…، فاتهمت بريطانيا روسيا``: a second plain actor right after the one after a verb joined to
    the clause before is its object, so the first is the verb's own subject (``…، والتقى رئيس الوزراء``
    alone is the object of the subject that goes on)."""
    return any(not a.marker and a.first == subject.last + 1 and a.mention.kind != "nisba" for a in actors)


def unnamed_subject_after(s: Sentence, t: Trigger) -> bool:
    """Right after the verb stands an unnamed subject (``وحذر مسؤولون أكراد``، ``وقالت مصادر``)."""
    k = t.end + 1
    return k < len(s.folded) and s.tokens[k].text not in STOP_PUNCT and unnamed_plural(s.folded[k])


def adjacent_run(args: Sequence[Arg], first: Arg) -> list[Arg]:
    """``first`` and the args that follow it word after word (``الرئيس حسن روحاني``: the
    description, then the name; ``نظيره الروسي بوتين``)."""
    run = [first]
    while (nxt := next((a for a in args if a.first == run[-1].last + 1), None)) is not None:
        run.append(nxt)
    return run


def joined_clause(s: Sentence, k: int, args: Sequence[Arg]) -> bool:
    """A verb joined by و or ف with an actor right after it (``ودعا ترامب إلى إطلاق سراحه وأقر
    مجلس الشيوخ مشروع قانون``): a new clause; the actor is that verb's subject or object, none
    of the earlier verb's."""
    w = s.folded[k]
    if len(w) < 4 or w[0] not in "وف" or not (frequent_words().get(w[1:]) == "verb" or is_verb_form(w[1:])):
        return False
    return any(a.first == k + 1 or a.first == k + 2 and a.mention.kind == "nisba" for a in args)
