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


def test_an_office_and_a_nationality_name_the_one_holder_of_that_day():
    doc = Pipeline(("sentences", "tokens", "mentions", "identity", "roles", "coref"))(
        Document("t", "وقال الرئيس اليمني إن الحرب ستنتهي قريبا.", "2015-08-02")
    )
    (m,) = [m for m in doc.mentions if m.kind == "description"]
    assert m.entity_id == "abdrabbuh_mansur_hadi" and doc.entity(m.entity_id).wikidata == "Q57480"


def test_an_office_no_one_named_holds_is_an_unnamed_official_of_that_country():
    doc = RUN(Document("t", "وأعلنت الخارجية أن القنصل التركي العام استدعي إلى الوزارة.", "2018-05-16"))
    (m,) = [m for m in doc.mentions if m.kind == "description"]
    official = doc.entity(m.entity_id)
    assert (official.type, official.role_en, official.country) == ("Person", "Consul", "t_rkiye")
    assert any(f.subject == official.id and f.predicate == "holdsPosition" for f in doc.facts)


def test_a_description_with_a_nationality_does_not_resolve_to_someone_of_no_known_country():
    doc = RUN(Document("t", "وقال المتحدث يوسي ليفي إن القنصل التركي غادر.", "2018-05-16"))
    consul = next(m for m in doc.mentions if m.text == "القنصل التركي")
    assert doc.entity(consul.entity_id).id != next(m.entity_id for m in doc.mentions if m.text == "يوسي ليفي")


def test_a_description_is_not_the_person_named_in_the_clause_it_reports():
    """``قال المتحدث إن الرئيس السيسي``: the spokesman is not Sisi (أن opens another clause)."""
    doc, res = resolved("وقال المتحدث إن الرئيس عبد الفتاح السيسي استقبل الوفد الأمريكي.")
    assert not any(m.text == "المتحدث" for m in res)


def test_a_name_after_a_day_is_no_apposition_of_the_description():
    text = "والتقى المبعوث الأممي الخميس في مسقط كبير مفاوضي الحوثيين محمد عبد السلام."
    doc, _ = resolved(text)
    envoy = [m for m in doc.mentions if m.text.startswith("المبعوث")]
    named = {m.entity_id for m in doc.mentions if "عبد السلام" in m.text}
    assert named and all(m.entity_id not in named for m in envoy), doc.mentions
