"""The low layer of event extraction: rules carry their confidence, triggers their part of
speech, and every rule an event names is a member of the closed vocabulary."""

import pytest

from kg.extract.arguments import place_args
from kg.extract.clause import Rule, Trigger
from kg.extract.tokens import sentences
from kg.lexicon.predicates import Form, Predicate
from kg.pipeline import extract

VISIT = Predicate("visit", "CONSULT", "visit", "042", "visited", "زار", ("obj",), 0.9)


def test_every_rule_carries_its_confidence():
    assert Rule.VERB_VSO.confidence == 1.0
    assert Rule("noun-possessor") is Rule.NOUN_POSSESSOR and Rule.NOUN_POSSESSOR.confidence == 0.9
    assert all(0 < r.confidence <= 1 for r in Rule)


def test_noun_between_is_a_rule_of_its_own_with_the_weight_it_always_had():
    """It was missing from the old table of weights, whose default gave it 0.7 silently."""
    assert Rule.NOUN_BETWEEN.confidence == 0.7


def test_an_unknown_rule_name_is_refused():
    with pytest.raises(ValueError):
        Rule("noun-betwen")


@pytest.mark.parametrize(
    "pos, noun_head, read_as",
    [
        ("masdar", False, "masdar"),
        ("phrase", True, "masdar"),  # العمل المشترك: a phrase headed by a noun follows noun frames
        ("phrase", False, "perfect"),  # قام بزيارة
        ("jussive", False, "imperfect"),  # لم يزر
        ("participle", False, "participle"),
    ],
)
def test_a_trigger_reads_its_form_as_a_verb_or_a_noun(pos, noun_head, read_as):
    t = Trigger(3, 2, Form(VISIT, pos), False, "", noun_head)
    assert t.pos == read_as and t.end == 4


@pytest.mark.parametrize(
    "text, rule",
    [
        ("طالب محمد سيالة الجزائر بدعم ليبيا.", Rule.VERB_VSO),
        ("وأكد مساهل أن زيارة مساهل إلى ليبيا كانت ناجحة.", Rule.NOUN_POSSESSOR),
        ("اندلعت مظاهرات في طرابلس أمس.", Rule.NOUN_IMPLICIT),
        ("وسط آلاف المتظاهرين في الجزائر أمس.", Rule.COUNTED_CROWD),
    ],
)
def test_events_name_the_rule_that_found_their_actor(text, rule):
    doc = extract(text, "t", "2018-05-16")
    rules = [ev.rule.split(":")[1] for ev in doc.events]
    assert rule in rules
    assert all(Rule(r) for r in rules)  # every name an event gives is a member


def test_an_event_is_as_confident_as_its_predicate_times_its_rule():
    from kg.model import Document
    from kg.pipeline import RULES, Pipeline

    doc = Pipeline(RULES)(Document("t", "طالب محمد سيالة الجزائر بدعم ليبيا."))  # the rules' own confidence
    ev = next(e for e in doc.events if e.rule.split(":")[1] == Rule.VERB_VSO)
    predicate = ev.rule.split(":")[2]
    from kg.lexicon.predicates import predicate_lexicon

    base = predicate_lexicon().entries[predicate].confidence
    assert ev.confidence == round(base * Rule.VERB_VSO.confidence * (1.0 if ev.target else 0.9), 3)


@pytest.mark.parametrize(
    "text, mention",
    [
        ("ودعا وزير الخارجية الأمريكي جون كيري إيران إلى احترام الاتفاق.", "إيران"),  # the ك of كيري
        ("واتهم وزير الخارجية الروسي سيرغي لافروف الدول الغربية بتسليح المعارضة.", "الدول الغربية"),  # the ل of لافروف
    ],
    ids=["kerry", "lavrov"],
)
def test_a_word_inside_a_name_is_no_preposition_of_what_follows(text, mention):
    """A name's later word that begins like a preposition (لافروف، كيري، بومبيو) governs
    nothing: the object after the name is a direct object (the frame a verb's recipient fits)."""
    doc = extract(text, "t", "2018-05-01")
    s = next(iter(sentences(doc)))
    args = place_args(s, [m for m in doc.mentions if s.span.start <= m.start < s.span.end])
    assert {a.mention.text: a.marker for a in args}[mention] == ""
