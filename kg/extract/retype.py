"""An event's predicate by whom it was done to: a verb that halts or expels (``أوقف``، ``طرد``)
arrests when its recipients are people (``أوقفت السلطات ناشطين``) and fights when they are an
armed group (``طردت المقاومة الحوثيين من عدن``). ``predicates.tsv`` says which predicate takes
which (its ``retype`` column)."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.clause import SentenceContext, Trigger, actor_id, group_role, type_of
from kg.extract.victims import armed
from kg.lexicon.predicates import Predicate, RecipientKind, predicate_lexicon
from kg.model import Document

NOT_PEOPLE = ("quantity", "weapon", "state")  # group roles that count, hit or stand for a state


def _of_kind(doc: Document, x: str, kind: RecipientKind) -> bool:
    if kind == "armed":
        return armed(doc, x)
    role = group_role(doc, x)
    return type_of(doc, x) == "Person" or (role is not None and role not in NOT_PEOPLE)


def _act_between(ctx: SentenceContext, t: Trigger, target: Sequence[str]) -> bool:
    """A verbal noun stands between the verb and its first recipient after it: what was halted
    is that act, the recipient its possessor (``أوقفت واشنطن تمويل المعارضة``)."""
    after = [a.first for a in ctx.args if a.first > t.end and actor_id(a.mention) in target]
    end = min(after, default=t.end)
    return any(u.pos == "masdar" and t.end < u.index < end for u in ctx.triggers)


def retyped(ctx: SentenceContext, t: Trigger, pred: Predicate, target: Sequence[str]) -> Predicate | None:
    """The predicate the event takes instead of ``pred`` given its recipients, or None."""
    for kind, pid in pred.retype:
        if target and all(_of_kind(ctx.doc, x, kind) for x in target) and not _act_between(ctx, t, target):
            return predicate_lexicon().entries[pid]
    return None
