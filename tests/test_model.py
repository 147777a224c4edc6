"""The data model's closed vocabularies are checked when a value is made."""

import pytest

from kg.lexicon.predicates import POS, Form, Predicate
from kg.model import MENTION_KINDS, Mention

VISIT = Predicate("visit", "CONSULT", "visit", "042", "visited", "زار", ("obj",), 0.9)


def test_a_mention_of_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="mention kind 'pronoun' is not one of name, nisba"):
        Mention(0, 4, "زيارته", "person_x", "pronoun")  # type: ignore[arg-type]


def test_every_mention_kind_can_be_made():
    assert [Mention(0, 1, "x", "e", kind).kind for kind in MENTION_KINDS] == list(MENTION_KINDS)


def test_a_form_of_an_unknown_part_of_speech_is_refused():
    with pytest.raises(ValueError, match="part of speech 'verb' is not one of perfect, imperfect"):
        Form(VISIT, "verb")  # type: ignore[arg-type]
    assert {Form(VISIT, pos).pos for pos in POS} == set(POS)
