from kg.model import Document
from kg.pipeline import Pipeline

RUN = Pipeline(("sentences", "tokens", "mentions", "coref"))


def resolved(text):
    doc = RUN(Document("t", text))
    return doc, [m for m in doc.mentions if m.antecedent is not None]


def test_a_description_with_nisba_resolves_to_the_last_person_of_that_country():
    text = "زار وزير الخارجية الليبي محمد سيالة تونس. وأوضح المسؤول الليبي أن الزيارة ناجحة."
    doc, res = resolved(text)
    desc = [m for m in res if m.text == "المسؤول الليبي"]
    assert desc, doc.mentions
    ante = doc.text[desc[0].antecedent[0] : desc[0].antecedent[1]]
    assert "سيالة" in ante


def test_a_description_followed_by_a_name_is_an_apposition():
    text = "وتقدم الوزير بالعرض وزير الشؤون المغاربية عبد القادر مساهل خلال الزيارة."
    doc, res = resolved(text)
    desc = next(m for m in res if m.text == "الوزير")
    assert doc.entity(desc.entity_id).label_en == "Abdelkader Messahel"


def test_pair_words_resolve_to_the_two_countries_in_focus():
    text = "وقعت الجزائر وتونس اتفاقا. وأكد الطرفان أن التعاون بين البلدين مستمر."
    doc, _ = resolved(text)
    pair = {doc.entity(m.entity_id).label_en for m in doc.mentions if m.kind == "pair"}
    assert pair == {"Algeria", "Tunisia"}


def test_no_antecedent_means_no_resolution():
    doc, res = resolved("وأكد المسؤول أن الوضع مستقر.")
    assert res == []
