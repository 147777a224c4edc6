"""One actor, one node: spellings of a person's name in an article are one entity, with the
known person's QID when a spelling is theirs."""

from kg.pipeline import Pipeline
from kg.model import Document

RUN = Pipeline(("sentences", "tokens", "mentions", "identity"))


def people(text: str) -> dict[str, set[str]]:
    doc = RUN(Document("t", text, "2018-05-16"))
    out: dict[str, set[str]] = {}
    for m in doc.mentions:
        e = doc.entity(m.entity_id)
        if e is not None and e.type == "Person":
            out.setdefault(e.id, set()).add(m.text)
    return out


def test_a_variant_spelling_of_a_known_person_is_that_person_with_the_qid():
    doc = RUN(Document("t", "وقال وزير الخارجية الأمريكي مايك بومبيوا إن بلاده ستفرض عقوبات.", "2018-05-16"))
    (pompeo,) = [e for e in doc.entities if e.type == "Person"]
    assert (pompeo.id, pompeo.wikidata) == ("mike_pompeo", "Q473239")


def test_a_spelling_with_jim_for_ghain_of_a_reference_office_holder_has_the_qid():
    # the lexicon (from the Wikidata reference) writes غ where Egyptian papers write ج for g
    doc = RUN(Document("t", "وقال الوزير إبراهيم جندور إن بلاده مستعدة للحوار.", "2018-05-16"))
    (person,) = [e for e in doc.entities if e.type == "Person"]
    assert (person.id, person.wikidata) == ("ibrahim_ghandour", "Q21933547")


def test_two_spellings_of_an_unknown_name_are_one_person():
    found = people("وقال المبعوث الأممي كارل هانتينغتون إن الحل سياسي. وأكد المبعوث كارل هنتينغتون ذلك.")
    assert len(found) == 1 and next(iter(found.values())) >= {"كارل هانتينغتون", "كارل هنتينغتون"}


def test_a_surname_alone_in_another_spelling_is_the_person_of_the_article():
    found = people("وقال الرئيس الأمريكي دونالد ترمب إن الاتفاق سيء. وأضاف ترامب أن العقوبات ستعود.")
    assert list(found) == ["donald_trump"]


def test_a_fathers_name_is_no_surname():
    # سلمان in محمد بن سلمان is his father's name: سلمان alone is not him
    doc = RUN(Document("t", "واستقبل الأمير محمد بن سلمان الوفد. وقال سلمان إن اللقاء مثمر.", "2018-05-16"))
    alone = [m for m in doc.mentions if m.text == "سلمان"]
    assert all(m.entity_id != "mohammed_bin_salman" for m in alone)


def test_kim_jong_un_in_two_spellings_is_one_person_with_the_qid():
    # issue 14: the corpus writes جونغ and جونج for Jong; both are the one lexicon entry
    doc = RUN(Document("t", "وقال الزعيم كيم جونغ أون إنه مستعد للقاء. وأكد كيم جونج أون ذلك في رسالة.", "2018-05-16"))
    (kim,) = [e for e in doc.entities if e.type == "Person"]
    assert (kim.id, kim.wikidata) == ("kim_jong_un", "Q56226")
    assert {m.text for m in doc.mentions if m.entity_id == kim.id} >= {"كيم جونغ أون", "كيم جونج أون"}


def test_a_hyphenated_korean_name_is_the_known_person():
    # مون جاي-إن: the tokenizer splits off the hyphen, and إن is part of the name, not the particle
    found = people("وقال الرئيس الكوري الجنوبي مون جاي-إن إن القمة ناجحة.")
    assert list(found) == ["moon_jae_in"]
