"""The stage contract: each stage says what it requires, provides and uses; a chain is checked
whole before it runs, and every problem is reported at once."""

import pytest

from kg.errors import PipelineError
from kg.model import Document
from kg.pipeline import DEFAULT, STAGES, Pipeline, chain_problems, extract

ARTICLE = "زار وزير الخارجية الجزائري عبد القادر مساهل ليبيا أمس. وقال الوزير إن البلدين سيتعاونان."


def test_the_default_chain_and_the_one_with_camel_tools_stages_are_valid():
    assert chain_problems(DEFAULT) == []
    with_both = ("sentences", "tokens", "morphology", "mentions", "camel-ner", "coref", "events", "dates", "facts")
    assert chain_problems(with_both) == []


def test_coreference_after_the_event_stage_is_refused():
    with pytest.raises(PipelineError, match=r"'coref' must run before 'events' \('events' uses its 'descriptions'\)"):
        Pipeline(("sentences", "tokens", "mentions", "events", "coref"))


@pytest.mark.parametrize(
    "chain, problem",
    [
        (("sentences", "tokens", "mentions", "events", "morphology"), "'morphology' must run before 'events'"),
        (("sentences", "tokens", "mentions", "coref", "camel-ner"), "'camel-ner' must run before 'coref'"),
        (("sentences", "tokens", "mentions", "facts", "coref"), "'coref' must run before 'facts'"),
        (("sentences", "tokens", "mentions", "facts", "events"), "'events' must run before 'facts'"),
        (("sentences", "tokens", "tokens", "mentions"), "'tokens' is listed twice"),
        (("sentences", "mentions"), "'mentions' needs 'tokens', which no stage before it provides"),
        (("sentences", "tokens", "dates"), "'dates' needs 'events'"),
    ],
)
def test_an_impossible_order_names_the_stages_to_swap(chain, problem):
    assert any(problem in p for p in chain_problems(chain))


def test_every_problem_of_a_chain_is_reported_at_once():
    with pytest.raises(PipelineError) as err:
        Pipeline(("tokens", "events", "coref", "mentions"))
    message = str(err.value)
    for problem in ("'tokens' needs 'sentences'", "'events' needs 'mentions'", "'coref' must run before 'events'"):
        assert problem in message


def test_an_unknown_stage_lists_the_valid_ones():
    with pytest.raises(PipelineError, match=r"unknown stage\(s\) event; valid: sentences, tokens"):
        Pipeline(("sentences", "tokens", "event"))


def test_what_the_mention_stage_provides_is_what_it_adds():
    """The mention stage provides mentions, entities and the facts titles state."""
    assert set(STAGES["mentions"].provides) == {"mentions", "entities", "title-facts"}
    text = "زار وزير الخارجية الجزائري عبد الكريم زرواطي ليبيا أمس."  # a person the lexicon does not know
    doc = Pipeline(("sentences", "tokens", "mentions"))(Document("d", text))
    assert doc.mentions and doc.entities
    assert {f.predicate for f in doc.facts} == {"holdsPosition", "citizenOf"}  # وزير الخارجية الجزائري


def test_the_event_stage_adds_speech_facts_and_implicit_actors():
    doc = extract("اندلعت مظاهرات في طرابلس أمس. وأكد مساهل أن الجزائر ستدعم ليبيا.", "d", "2018-05-16")
    assert "group_protesters" in {e.id for e in doc.entities}  # the actor of اندلعت مظاهرات
    assert "statedBy" in {f.predicate for f in doc.facts}
    assert {"speech-facts", "implicit-actors"} <= set(STAGES["events"].provides)


def test_every_stage_uses_only_what_some_stage_provides():
    provided = {p for st in STAGES.values() for p in st.provides} | {"text"}
    for st in STAGES.values():
        assert set(st.requires) | set(st.uses) <= provided, st.name


def test_a_stage_that_returns_no_document_is_named_with_the_document(monkeypatch):
    from kg import pipeline

    broken = pipeline.Stage("dates", lambda doc: None, ("events",), ("event-dates",), "broken")
    monkeypatch.setitem(pipeline.STAGES, "dates", broken)
    with pytest.raises(PipelineError, match=r"stage 'dates' returned NoneType, not a Document \(document 'a1'\)"):
        Pipeline(DEFAULT)(Document("a1", ARTICLE))
