"""Verbal nouns done with someone (``معارك مع داعش``، ``لقاء مع ظريف``) that name no actor of their
own: whose act they are. A fight with someone is the sentence's subject's; a meeting too, when
it stands in a phrase of time (``قال لافروف خلال لقاء مع ظريف``), unless it is an interview with a
news outlet."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.arguments import coordinated
from kg.extract.clause import MUTUAL, STOP_PUNCT, WITH_REACH, Arg, SentenceContext, Trigger, actor_id, reporter
from kg.extract.tokens import Sentence
from kg.lexicon.markers import Clitic, has_marker


def done_with(ctx: SentenceContext, t: Trigger, actors: Sequence[Arg]) -> Arg | None:
    """The actor of a noun done with someone, for fights (``تقدمت القوات العراقية بعد معارك ضارية مع
    داعش``) and for meetings in a phrase of time; of a visit in a phrase of time, made to someone
    or somewhere (``قال أردوغان خلال زيارة إلى إندونيسيا``); None for others."""
    kind = t.form.predicate.type  # for a fight the caller asks only when no one was counted dead
    meeting = kind == "CONSULT"
    if kind not in ("ASSAULT", "CONSULT") or meeting and not _during(ctx.s, t):
        return None
    visit = t.form.predicate.mode == "visit"
    partner = _partner(t, actors, tuple(p for p in t.form.predicate.recipient if p != "obj") if visit else (MUTUAL,))
    if partner is None or meeting and reporter(ctx.doc, actor_id(partner.mention)):
        return None  # في حوار خاص مع بي بي سي: an interview
    return _with_subject(ctx, t, actors, partner)


def _during(s: Sentence, t: Trigger) -> bool:
    """Is the noun in a phrase of time (markers kind during: في، خلال) right before it?"""
    before = s.folded[t.index - 1] if t.index > 0 else ""
    opening = t.index <= OPENING_PHRASE and has_marker(before, "after_time")  # وبعد لقاءات …، قال غريفيث
    return not t.prefix and (has_marker(before, "during", Clitic.CONJ_SHORT) or opening)


def _partner(t: Trigger, actors: Sequence[Arg], prepositions: tuple[str, ...]) -> Arg | None:
    """The first actor with مع (for a visit, إلى or ل) a few words after a noun: whom it was done
    with, or where it was made."""
    return next((a for a in actors if a.marker in prepositions and t.end < a.first <= t.end + WITH_REACH + 1), None)


def _with_subject(ctx: SentenceContext, t: Trigger, actors: Sequence[Arg], partner: Arg) -> Arg | None:
    """A noun done with ``partner`` (مع, a few words on) is the act of the sentence's subject, the
    first actor that no preposition marks, before the noun."""
    if any(tok.text in STOP_PUNCT for tok in ctx.s.tokens[t.end + 1 : partner.first]):
        return None
    main = next((a for a in actors if not a.marker and a.last < t.index and a.mention.kind != "nisba"), None)
    main = main or _subject_after_phrase(ctx, partner, actors)
    return main if main is not None and actor_id(main.mention) != actor_id(partner.mention) else None


OPENING_PHRASE = 2  # the word of time after which a meeting was held opens the sentence (وبعد لقاءات)
MAIN_REACH = 4  # words after the comma that closes an opening phrase where the main clause's subject stands


def _subject_after_phrase(ctx: SentenceContext, partner: Arg, actors: Sequence[Arg]) -> Arg | None:
    """``وبعد لقاءات في صنعاء مع قادة الحوثيين، قال غريفيث``: a sentence that opens with the phrase
    has its subject after the comma that closes it, after the main verb."""
    toks = ctx.s.tokens
    comma = next((k for k in range(partner.last + 1, len(toks)) if toks[k].text in "،,"), -1)
    if comma < 0 or any(tok.text in STOP_PUNCT for tok in toks[partner.last + 1 : comma]):
        return None
    return next(
        (a for a in actors if comma < a.first <= comma + MAIN_REACH and not a.marker and a.mention.kind != "nisba"),
        None,
    )


def together_with(s: Sentence, actors: Sequence[Arg], last: Arg) -> list[Arg]:
    """``الضربات التي نفذتها الولايات المتحدة مع فرنسا وبريطانيا``: those with whom the agent of a
    relative clause did an act (مع right after it) did it too. The caller asks only for acts done
    to someone: with an act done between two, who follows مع is the other side (``الاتفاق الذي
    أبرمته القوى الكبرى مع إيران``)."""
    k = last.last + 1
    if k + 1 >= len(s.folded) or s.folded[k] != MUTUAL:
        return []
    first = next((a for a in actors if a.first == k + 1), None)
    return coordinated(actors, first, s) if first is not None else []
