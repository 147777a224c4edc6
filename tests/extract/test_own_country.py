"""``بلاده`` (his country) is the country of who was named before it: a person, a body, an
official's nationality; and a phrase verb in the imperfect or future (``تفرض عقوبات``، ``ستفرض
عقوبات``، ``تطالب بالإفراج``) is read as the phrase, as its perfect is."""

from __future__ import annotations

from extracted import events

from kg.pipeline import extract


def test_his_country_after_a_named_president_is_his_country():
    doc = extract("وقال الرئيس الروسي فلاديمير بوتين إن بلاده ترفض العقوبات الغربية.", "t", "2018-05-01")
    said = [m for m in doc.mentions if m.text == "بلاده"]
    assert said and said[0].entity_id == "russia"


def test_his_country_after_an_unnamed_official_is_the_officials_nationality():
    found = events("واستقبل الرئيس السيسي وزير الخارجية الأمريكي، الذي أكد دعم بلاده لمصر.")
    assert any(e[0] == "SUPPORT" and e[1] == ("United States",) and e[2] == ("Egypt",) for e in found)


def test_his_country_with_no_one_named_before_is_no_one():
    doc = extract("وأكد أن بلاده ترفض العقوبات.", "t", "2018-05-01")
    assert not any(m.text == "بلاده" for m in doc.mentions)


def test_the_imperfect_of_a_phrase_verb_is_the_phrase():
    found = events("وتفرض الولايات المتحدة عقوبات على إيران منذ سنوات.")
    assert any(e[0] == "SANCTION" and e[1] == ("United States",) and e[2] == ("Iran",) for e in found)


def test_the_future_of_a_phrase_verb_is_no_asserted_act():
    found = events("وقالت الولايات المتحدة إنها ستفرض عقوبات جديدة على إيران.")
    assert found and all(e[3] == "future" for e in found if e[2] == ("Iran",))


def test_tel_aviv_stands_for_israel_as_a_capital_for_its_state():
    found = events("ورفضت تل أبيب نداءات دولية لإجراء تحقيق مستقل في مقتل المتظاهرين.")
    assert any(e[0] == "REJECT" and e[1] == ("Israel",) for e in found)
    found = events("وقتل ثلاثة أشخاص في هجوم في تل أبيب أمس.")
    assert all("Israel" not in e[1] for e in found)
