"""How an event is stated: asserted, negated (``لم يزر``، ``نفى زيارة``), hypothetical (``إذا
زار``، ``قد يحضر``) or future (``سيزور``، ``من المقرر أن``، ``دعوة لزيارة``), and by whom when it
is reported speech (``أكد سيالة أن "…"``: the event is statedBy Siala)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Literal

from kg.arabic.clitics import Clitic
from kg.extract.clause import LIGHT_WINDOW, STOP_PUNCT, SVO_WINDOW, VSO_WINDOW, Arg, Trigger
from kg.extract.tokens import Sentence
from kg.extract.triggers import noun_too
from kg.lexicon.markers import has_marker, last_marker, marker_phrases, markers, written

Modality = Literal["asserted", "negated", "future", "hypothetical"]
CONDITION_BACK = 6  # words back in its clause where لو or إذا makes the act a condition
DENIAL_WINDOW = 8  # words back in its clause where a verb of denial governs a verbal noun
DENIER_REACH = 7  # words before أن where the verb of denial stands, its subject and the subject's title between
NOUN_POS = ("masdar", "phrase")  # the forms of a noun of an act, which an adjective may follow
CONDITION_REACH = 12  # words of a condition's clause before the comma of an alternative to it
POSSIBLE_REACH = 4  # words after such a noun where ``محتملة`` may stand (past its nisbas)


def _negated(s: Sentence, t: Trigger) -> bool:
    """A negation right before the trigger (``لم يزر``، ``ولا يدعم``), a verb of denial before a
    verbal noun in its clause (``نفى مساهل زيارة ليبيا``، ``نفى حزب الله اللبناني الجمعة مقتل أي من
    مقاتليه``: the visit, the deaths are denied) or before the أن of the trigger's
    clause (``نفت إيران أن تكون أرسلت أسلحة``)."""
    denied = t.pos == "masdar" and t.form.predicate.type != "ACCUSE"  # نفى الاتهامات: the charge was made
    if denied and any(w in markers()["denial"] for w in _clause_before(s, t, DENIAL_WINDOW)):
        return True
    if _denied_clause(s, t) or _negated_light_verb(s, t):
        return True
    before = s.folded[max(0, t.index - 3) : t.index]
    if tuple(before[-2:]) in marker_phrases()["negated_name"]:
        before = before[:-2]  # طائرة بدون طيار غارة: a drone's raid
    if any(has_marker(w, "negation", Clitic.CONJ_SHORT) for w in before[-2:]):
        return not _restricted(s, t)  # لم يلتق سوى الملك: he met only the king
    if before[-1:] and before[-1] in markers()["or_joiner"]:  # لم يؤذوا أو يهاجموا: the negation goes on
        return any(has_marker(w, "negation", Clitic.CONJ_SHORT) for w in before[:-1])
    return any(tok.text in written()["negation_written"] for tok in s.tokens[max(0, t.index - 2) : t.index])


RESTRICT_REACH = 8  # words after a negated verb where سوى or إلا may name the only one it was done to


def _restricted(s: Sentence, t: Trigger) -> bool:
    """``لم يلتق الوزير في الرياض سوى الملك``: سوى or إلا (not إلا أن, however) in the verb's clause
    turns the negation into "only"."""
    for k in range(t.end + 1, min(len(s.folded), t.end + 1 + RESTRICT_REACH)):
        if s.tokens[k].text in STOP_PUNCT:
            return False
        if s.folded[k] in markers()["restrictive"]:
            return k + 1 < len(s.folded) and s.folded[k + 1] not in markers()["complementizer"]
    return False


def _negated_light_verb(s: Sentence, t: Trigger) -> bool:
    """``لم تعلن إسرائيل أبدا موافقتها``: a negation before the light verb of a verbal noun."""
    if t.pos != "masdar":
        return False
    for k in range(t.index - 1, max(-1, t.index - LIGHT_WINDOW - 1), -1):
        if s.tokens[k].text in STOP_PUNCT or s.folded[k] in markers()["complementizer"]:
            return False
        if has_marker(s.folded[k], "light", Clitic.ANY):
            return any(has_marker(w, "negation", Clitic.CONJ_SHORT) for w in s.folded[max(0, k - 2) : k])
    return False


def _denied_clause(s: Sentence, t: Trigger) -> bool:
    """The trigger stands in a clause introduced by أن after a verb of denial (a few words back)."""
    mk = markers()
    for k in range(t.index - 1, max(-1, t.index - 8), -1):
        if s.tokens[k].text in ".؟!:":
            return False
        if s.folded[k] in mk["complementizer"]:  # نفى الرئيس الأمريكي دونالد ترامب أن يكون: past the subject
            reach = range(k - 1, max(-1, k - DENIER_REACH - 1), -1)  # commas may set the subject off
            back = itertools.takewhile(lambda j: s.tokens[j].text not in ".؟!:", reach)
            return any(has_marker(s.folded[j], "denial", Clitic.CONJ) for j in back)
    return False


def _future_verb(w: str) -> bool:
    """A verb with the future prefix (``ستعقد``، ``وسيزور``) before a verbal noun (``ستعقد القمة``)."""
    w = w[1:] if w[:1] in "وف" and len(w) > 4 else w
    future = len(w) >= 4 and w[0] == "س" and w[1] in "يتن"
    return future and (len(w) >= 5 or has_marker(w[1:], "light", Clitic.NONE))  # ستشن هجمات; not ستين


def _clause_before(s: Sentence, t: Trigger, window: int = 6) -> list[str]:
    """The clause before the trigger, nearest word first (up to ``window`` words)."""
    back = []
    for k in range(t.index - 1, max(-1, t.index - window - 1), -1):
        if s.tokens[k].text in STOP_PUNCT:
            break
        back.append(s.folded[k])
    return back


def _alternative_of_condition(s: Sentence, t: Trigger, back: int) -> bool:
    """The trigger's clause opens with أو after a comma and the clause before it is a condition
    (``إذا وجهت روسيا صاروخا، أو استهدفت كوريا الشمالية …``): the condition holds on."""
    k = t.index - back - 1  # the comma (or the start) before the trigger's clause
    if k < 0 or s.tokens[k].text not in "،," or s.folded[k + 1] not in markers()["or_joiner"]:
        return False
    for j in range(k - 1, max(-1, k - CONDITION_REACH - 1), -1):
        if s.tokens[j].text in STOP_PUNCT:
            return False
        if has_marker(s.folded[j], "conditional", Clitic.ANY):
            return True
    return False


PLUPERFECT_REACH = 4  # words before قد where كان makes the verb after it a past (كانت الرياض قد تعهدت)
LIGHT_REACH = 10  # before a light verb and its noun, how far the clause is read (a long subject between)
FUTURE_AHEAD = 6  # words from a trigger (itself included) where a future marker dates it (زيارة مرتقبة)


def _planned(s: Sentence, t: Trigger) -> bool:
    """An adjective of planning stands right after the noun, past nationalities (``القمة الأمريكية
    الكورية المقررة``), or a relative clause in the future (``الاجتماع الذي سيعقد``)."""
    k = t.end + 1
    while k < len(s.folded) and s.folded[k].startswith("ال") and s.folded[k].endswith("يه"):
        k += 1  # nationality adjectives (folded ة is ه)
    if k + 1 < len(s.folded) and s.folded[k] in markers()["relative"] and _future_verb(s.folded[k + 1]):
        return True  # الاجتماع الذي سيعقد بين …: a relative clause in the future
    return k < len(s.folded) and has_marker(s.folded[k], "planned", Clitic.NONE)


def _conditional_if(s: Sentence, t: Trigger) -> bool:
    """``فإن اتفقت الفصائل``: إن as written right before a perfect verb that is no verbal noun too."""
    if t.pos != "perfect" or t.index == 0 or s.tokens[t.index - 1].text not in written()["conditional_written"]:
        return False
    return not noun_too(s, t)


def _may_be_imperfect(s: Sentence, t: Trigger) -> bool:
    """A perfect that starts as an imperfect does (``تسلم``: received, or hands over), read with
    the future markers after it (``قد تسلم … قريبا``)."""
    return s.folded[t.index][len(t.prefix) :].startswith(("ت", "ي", "ن"))


EXECUTE = "execute"  # predicates.tsv: to put to death, which a court may sentence one to


def _sentenced(t: Trigger, back: Sequence[str]) -> bool:
    """``أصدرت المحكمة حكما بالإعدام``، ``قضت بإعدام``: a sentence to death, not yet carried out
    (``تنفيذ حكم الإعدام`` is: a verb of carrying out, light, stands before the sentence)."""
    if t.form.predicate.id != EXECUTE or not any(has_marker(w, "sentencing") for w in back[:2]):
        return False
    return not any(has_marker(w, "light") or w.removeprefix("ب").startswith("تنفيذ") for w in back)


def _imperfect_phrase(s: Sentence, t: Trigger, back: Sequence[str]) -> bool:
    """A phrase whose verb reads as an imperfect after قد (``قد تفتح النار``), not a perfect of
    the fifth form (``كانت الرياض قد تعهدت بتقديم``: had pledged)."""
    word = s.folded[t.index][len(t.prefix) :]
    pluperfect = any(w.removeprefix("و").startswith("كان") for w in back[1:PLUPERFECT_REACH])
    return _may_be_imperfect(s, t) and not word.endswith("ت") and not pluperfect


def _irrealis_that(back: Sequence[str]) -> bool:
    """The trigger, or its light verb, opens a clause with أن after a word of possibility, need
    or attempt (``احتمالات أن تشن إسرائيل هجوما``، ``احتمال أن تهاجم``); not a relative clause
    further in (``لا يجب أن تتأثر بصفقة أبرمتها أنقرة``: the deal was made)."""
    k = next((k for k, w in enumerate(back) if w in markers()["complementizer"]), -1)
    if not 0 <= k < len(back) - 1:
        return False
    before = back[k + 1 : k + 3]  # past one word between (علينا أيضا أن)
    if not any(has_marker(w, "irrealis", Clitic.ANY) or w in markers()["obligation"] for w in before):
        return False
    return k == 0 or has_marker(back[k - 1], "light", Clitic.CONJ)  # the trigger or its light verb opens the clause


def modality(s: Sentence, t: Trigger) -> Modality:
    """How the sentence states the event of trigger ``t``."""
    if _negated(s, t):
        return "negated"
    back = _clause_before(s, t)
    if t.pos == "masdar" and back[:1] and has_marker(back[0], "light", Clitic.CONJ):
        back = _clause_before(s, t, LIGHT_REACH)  # يعتزم الرئيس الكوري الجنوبي مون جاي-إن عقد اجتماع: past the name
    clause = back[:4]
    conditioned = any(
        has_marker(w, "conditional", Clitic.ANY) for w in back[:CONDITION_BACK]
    )  # حتى لو قررت واشنطن البقاء ضمن الاتفاق
    if conditioned or _alternative_of_condition(s, t, len(back)):
        return "hypothetical"
    if any(has_marker(w, "question") for w in clause[:1]) or _sentenced(t, back):
        return "hypothetical"  # هل اغتالت إسرائيل …؟: asked, not told; حكم بإعدام ستة: sentenced, not killed
    if _conditional_if(s, t):
        return "hypothetical"  # فإن اتفقت الفصائل: if they agree
    if clause[:1] == ["قد"] and (t.form.pos == "imperfect" or t.form.pos == "phrase" and _imperfect_phrase(s, t, back)):
        return "hypothetical"  # قد يحضر، قد تفتح النار: may attend, may open fire
    if t.pos in NOUN_POS and back[:1] and back[0] in markers()["any"]:
        return "hypothetical"  # أهداف محتملة لأي هجوم تركي: any attack, none yet
    if any(has_marker(w, "irrealis", Clitic.ANY) for w in back[:3]) or _irrealis_that(back):
        return "hypothetical"  # ضرورة دعم، لمنع وصول، محاولة اغتيال: needed, prevented, attempted
    if t.pos in NOUN_POS and any(has_marker(w, "possible") for w in s.folded[t.end + 1 : t.end + 1 + POSSIBLE_REACH]):
        return "hypothetical"  # ضربة جوية أميركية محتملة: a strike that may come
    if t.pos == "masdar" and t.length == 1 and _planned(s, t):
        return "future"  # القمة المقررة، الزيارة المرتقبة: the act is yet to come
    if any(w in markers()["plan"] for w in back):
        return "hypothetical"  # خططوا لشن هجوم: planned, not (yet) done
    if t.pos == "masdar" and any(_future_verb(w) for w in back[:3]):
        return "future"
    ahead = FUTURE_AHEAD if t.pos != "perfect" or _may_be_imperfect(s, t) else 1  # اتهم … بأنها تسعى: the charge's own
    around = back + list(s.folded[t.index : t.index + ahead])
    if t.future_prefix or any(has_marker(w, "future") for w in around):
        return "future"
    if any(w in markers()["invitation"] for w in s.folded[max(0, t.index - 2) : t.index]):
        return "future"  # دعوة لزيارة: an invited visit has not happened yet
    return "asserted"


def speaker(s: Sentence, t: Trigger, actors: Sequence[Arg]) -> Arg | None:
    """The speaker of reported speech that contains the trigger: ``أكد سيالة أن "…"``."""
    k = last_marker(s.folded[: t.index], "speech")
    if k < 0:
        return None
    after = [a for a in actors if k < a.first <= k + VSO_WINDOW and a.first < t.index]
    before = [a for a in actors if a.last < k and k - a.last <= SVO_WINDOW]
    return after[0] if after else before[-1] if before else None
