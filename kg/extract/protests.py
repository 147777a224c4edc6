"""Protests a sentence reports without naming who protested: a protest in whose course people
were killed or hurt (``قتل ثلاثة فلسطينيين خلال تظاهرات قرب الحدود``) and one a place is said to
be living through (``الاحتجاجات التي تشهدها البصرة``).

A protest the police dispersed (``فرقت الشرطة التظاهرات``، ``تفريق المتظاهرين``) was tried and
left out: on the event-GSR protest sentences it only added detections of sentences the annotators
unanimously said report no protest."""

from __future__ import annotations

from kg.arabic.clitics import Clitic
from kg.extract.clause import IN, Trigger
from kg.extract.tokens import Sentence
from kg.lexicon.markers import has_marker


def harmed_during(s: Sentence, t: Trigger) -> bool:
    """A protest noun after خلال، أثناء or في, with a word of harm before it in the sentence
    (``قتل شاب برصاص الجيش، في احتجاجات الجمعة``): people were hurt while it went on. A colon
    ends a headline's first part."""
    if t.pos != "masdar" or t.index == 0:
        return False
    before = s.folded[t.index - 1]
    if not (has_marker(before, "during", Clitic.CONJ) or before == IN):
        return False
    for k in range(t.index - 2, -1, -1):
        if s.tokens[k].text == ":":
            return False
        if has_marker(s.folded[k], "casualty", Clitic.WA_BA_LONG):
            return True
    return False


def witnessed(s: Sentence, t: Trigger) -> bool:
    """``الاحتجاجات التي تشهدها المدينة``: a relative clause after the noun says a place is living
    through it, or lived through it."""
    k = t.end + 1
    return k + 1 < len(s.folded) and has_marker(s.folded[k], "relative") and has_marker(s.folded[k + 1], "witnessed")


def protest_reported(s: Sentence, t: Trigger) -> bool:
    """Does the sentence report the protest its noun names as one that took place?"""
    return harmed_during(s, t) or witnessed(s, t)
