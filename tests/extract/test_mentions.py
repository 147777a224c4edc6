"""Actor mentions in small hand-written sentences, one phenomenon each."""

import pytest

from kg.model import Document
from kg.pipeline import Pipeline

MENTIONS = Pipeline(("sentences", "tokens", "mentions", "coref"))


def mentions(text):
    doc = MENTIONS(Document("t", text))
    ents = {e.id: e for e in doc.entities}
    return doc, [(m.text, ents[m.entity_id].label_en, m.kind) for m in doc.mentions]


@pytest.mark.parametrize(
    "text, surface, label",
    [
        ("وصل الوفد إلى ليبيا أمس", "ليبيا", "Libya"),
        ("أعلنت الجزائر موقفها", "الجزائر", "Algeria"),
        ("وجه رسالة لليبيا", "ليبيا", "Libya"),  # ل + ليبيا: the clitic split off, the name kept
        ("التقى وفدا من مصر وتونس", "تونس", "Tunisia"),  # و + تونس
        ("حذر مجلس الأمن الدولي من التصعيد", "مجلس الأمن الدولي", None),
    ],
)
def test_names_are_found_with_clitics_split_by_the_lexicon(text, surface, label):
    _, found = mentions(text)
    hit = [f for f in found if f[0] == surface]
    assert hit, found
    if label:
        assert hit[0][1] == label


def test_a_word_that_merely_starts_like_a_clitic_is_not_split():
    _, found = mentions("قال وزير الخارجية إن الاجتماع مهم")
    assert not any(f[0] == "زير" for f in found)


@pytest.mark.parametrize("form", ["الجزائري", "الجزائرية", "جزائري", "الجزائريين", "الجزائريون", "جزائرية"])
def test_nisba_adjectives_in_every_inflection_map_to_the_country(form):
    _, found = mentions(f"أكد المسؤول {form} على أهمية التعاون")
    assert (form, "Algeria", "nisba") in found


def test_two_names_glued_into_one_token_are_both_found():
    doc, found = mentions("سيتم إعادة فتح سفارة الجزائربطرابلس قريبا")
    labels = {f[1] for f in found}
    assert {"Algeria", "Tripoli"} <= labels
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text


def test_a_person_after_a_title_is_found_and_romanized():
    doc, found = mentions("وقال وزير الخارجية محمد العربي إن الحوار مستمر")
    people = [f for f in found if f[2] == "title"]
    assert people and people[0][0] == "محمد العربي"
    assert people[0][1].startswith("Moham")
    assert any(f.predicate == "holdsPosition" for f in doc.facts)


def test_a_title_with_a_nisba_gives_citizenship():
    doc, found = mentions("وصرح الرئيس التونسي محمد بن سالم بأن البلدين شريكان")
    person = next(e for e in doc.entities if e.type == "Person")
    assert any(f.subject == person.id and f.predicate == "citizenOf" for f in doc.facts)


def test_mention_offsets_always_point_at_the_text():
    doc, _ = mentions("وأكد وزير الشؤون الخارجية الجزائري والمبعوث الأممي إلى ليبيا أن الحل سياسي")
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text
