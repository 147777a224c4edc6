"""The event scorer's bars: an event without a recipient may be held to a higher one, which
training chooses by cross-validation (eval/train_scorer.py) and the shipped model carries."""

from __future__ import annotations

from kg.extract.scorer import Scorer, load_model
from kg.model import Event


def event(target: tuple[str, ...]) -> Event:
    return Event("e1", "REQUEST", None, None, ("algeria",), target, "طالب", "", 0, 4)


def scorer(without: float | None) -> Scorer:
    return Scorer(weights={}, bias=0.0, platt=(1.0, 0.0), threshold=0.2, meta={}, threshold_without_target=without)


def test_an_event_without_a_recipient_is_held_to_the_higher_bar():
    s = scorer(0.45)
    assert s.keeps(event(("libya",)), 0.3)
    assert not s.keeps(event(()), 0.3)
    assert s.keeps(event(()), 0.5)


def test_a_model_with_one_bar_holds_every_event_to_it():
    s = scorer(None)
    assert s.keeps(event(()), 0.3) and not s.keeps(event(("libya",)), 0.1)


def test_the_shipped_model_carries_both_bars():
    model = load_model()
    assert model is not None and model.threshold_without_target is not None
    assert model.threshold_without_target >= model.threshold
