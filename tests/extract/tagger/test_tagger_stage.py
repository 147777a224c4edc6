"""The tagger in the mention stage: lexicon actors keep their links whatever the tagger says,
the tagger adds names no rule found and vetoes pattern names it is sure are no names."""

import numpy as np

from kg.arabic.normalize import fold
from kg.extract.mentions import find_mentions
from kg.extract.tagger.model import Model
from kg.extract.tagger.stage import tagger_mentions
from kg.model import Document
from kg.pipeline import Pipeline

LABELS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG")


def model_saying(weights: dict[str, dict[str, float]]) -> Model:
    """A hand-set CRF: feature -> label -> weight, no transitions."""
    feats = {}
    for attr, by_label in weights.items():
        row = np.zeros(len(LABELS))
        for y, w in by_label.items():
            row[LABELS.index(y)] = w
        feats[attr] = row
    return Model(LABELS, np.zeros((len(LABELS), len(LABELS))), feats)


def rules(text: str) -> Document:
    return find_mentions(Pipeline(("sentences", "tokens"))(Document("t", text)))


TEXT = "وقال الرئيس الكيني أوهورو كينياتا إن بوتفليقة زار مدينة طرابلس أمس."


def test_a_lexicon_actor_keeps_its_link_when_the_tagger_calls_it_something_else():
    doc = rules(TEXT)
    everything_an_org = model_saying({"bias": {"B-ORG": 20.0}})
    out = tagger_mentions(doc, everything_an_org)
    link = {m.text: m.entity_id for m in out.mentions}
    assert link["بوتفليقة"] == "abdelaziz_bouteflika"
    assert link["طرابلس"] == "tripoli"
    assert any(e.id == "abdelaziz_bouteflika" and e.type == "Person" for e in out.entities)


def test_a_lexicon_actor_stays_when_the_tagger_is_sure_it_is_no_name():
    doc = rules(TEXT)
    out = tagger_mentions(doc, model_saying({"bias": {"O": 20.0}}))
    assert "abdelaziz_bouteflika" in {m.entity_id for m in out.mentions}


def test_a_pattern_name_the_tagger_is_sure_is_no_name_goes_with_its_facts():
    doc = rules(TEXT)
    person = next(m.entity_id for m in doc.mentions if m.kind == "title")
    assert any(f.subject == person for f in doc.facts)
    out = tagger_mentions(doc, model_saying({"bias": {"O": 20.0}}))
    assert person not in {m.entity_id for m in out.mentions}
    assert person not in {e.id for e in out.entities}
    assert not any(f.subject == person for f in out.facts)


def test_a_pattern_name_stays_when_the_tagger_is_unsure():
    doc = rules(TEXT)
    out = tagger_mentions(doc, model_saying({"bias": {"O": 0.5}}))
    assert [m.kind for m in out.mentions] == [m.kind for m in doc.mentions]


def test_the_tagger_adds_a_person_no_rule_found():
    text = "وصل زيبولون كراكاتوف إلى المدينة أمس."
    doc = rules(text)
    assert not any("كراكاتوف" in m.text for m in doc.mentions)
    sure = model_saying(
        {
            "bias": {"O": 5.0},
            "w=" + fold("زيبولون"): {"B-PERS": 20.0},
            "w=" + fold("كراكاتوف"): {"I-PERS": 20.0},
        }
    )
    out = tagger_mentions(doc, sure)
    added = [m for m in out.mentions if m.kind == "tagger"]
    assert [m.text for m in added] == ["زيبولون كراكاتوف"]
    entity = next(e for e in out.entities if e.id == added[0].entity_id)
    assert entity.type == "Person" and added[0].entity_id.startswith("person_")


def test_the_tagger_adds_no_single_word():
    doc = rules("وقال زيبولون إن المدينة هادئة.")
    out = tagger_mentions(doc, model_saying({"w=" + fold("زيبولون"): {"B-PERS": 20.0}}))
    assert not any(m.kind == "tagger" for m in out.mentions)


def test_the_default_pipeline_runs_the_shipped_tagger():
    doc = Pipeline()(Document("t", TEXT))
    assert "abdelaziz_bouteflika" in {m.entity_id for m in doc.mentions}


def test_a_conjunction_glued_to_an_added_name_stays_out_of_it():
    text = "التقى الوفد بالسيدين زيبولون ومفتاح كراكاتوف أمس."
    sure = model_saying(
        {
            "bias": {"O": 5.0},
            "w=" + fold("ومفتاح"): {"B-PERS": 20.0},
            "w=" + fold("كراكاتوف"): {"I-PERS": 20.0},
        }
    )
    doc = rules(text)
    assert not any("كراكاتوف" in m.text for m in doc.mentions)
    added = [m.text for m in tagger_mentions(doc, sure).mentions if m.kind == "tagger"]
    assert added == ["مفتاح كراكاتوف"]
