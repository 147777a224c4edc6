"""Whose group a generic group is, said by the words after it: an adjective that is no
nationality (``القوات الكردية``، ``القوات الحكومية``) makes a group of its own in the article, apart
from the bare group; an armed group's adjective (``المسلحين الحوثيين``) is that group; tanks and
artillery act in an attack but are never its recipient (``قصفت القوات بالمدفعية``)."""

from __future__ import annotations

from extracted import events

from kg.pipeline import extract


def _labels(text: str) -> dict[str, str]:
    doc = extract(text, "t", "2018-05-01")
    return {m.text: next(e.label_en for e in doc.entities if e.id == m.entity_id) for m in doc.mentions}


def test_kurdish_forces_are_not_the_forces_of_the_government_they_fight():
    text = "قصفت القوات الحكومية مواقع القوات الكردية قرب الحسكة."
    labels = _labels(text)
    assert labels["القوات الحكومية"] == "forces (government)"
    assert labels["القوات الكردية"] == "forces (Kurdish)"
    assert any(
        e[0] == "ASSAULT" and e[1] == ("forces (government)",) and e[2] == ("forces (Kurdish)",) for e in events(text)
    )


def test_a_nationality_after_the_adjective_wins():
    labels = _labels("قصفت القوات الحكومية السورية مواقع المعارضة في حلب.")
    assert labels["القوات الحكومية السورية"] == "Syrian government forces"


def test_a_nationality_right_after_the_group_still_composes():
    labels = _labels("اعتقلت الشرطة الإسرائيلية عشرات الشبان في القدس.")
    assert labels["الشرطة الإسرائيلية"] == "police (Israel)"


def test_an_adjective_that_says_nothing_of_whose_leaves_the_group_alone():
    labels = _labels("قصفت القوات الخاصة مواقع المسلحين في المدينة.")
    assert labels["القوات"] == "forces"


def test_gunmen_with_the_houthis_adjective_are_the_houthis():
    found = events("اشتبكت قوات الجيش مع المسلحين الحوثيين في تعز.")
    assert any(e[0] == "ASSAULT" and e[2] == ("Houthis",) for e in found)
    assert not any("gunmen" in e[1] + e[2] for e in found)


def test_tanks_of_a_country_act_in_an_attack():
    found = events("قصفت الدبابات التركية قرية في شمال سوريا يسيطر عليها المسلحون.")
    assert any(e[0] == "ASSAULT" and e[1] == ("tanks and artillery (Türkiye)",) for e in found)


def test_artillery_used_by_the_forces_is_no_recipient():
    found = events("قصفت القوات السورية بالمدفعية بلدات في ريف درعا.")
    assert any(e[0] == "ASSAULT" and e[1] == ("forces (Syria)",) for e in found)
    assert not any("tanks and artillery" in e[2] for e in found)


def test_the_artillery_of_the_forces_of_a_named_group_is_that_group():
    found = events("وقصفت مدفعية قوات المقاومة الشعبية مواقع ميليشيات الحوثي في المنطقة.")
    assert any(e[0] == "ASSAULT" and e[1] == ("Popular Resistance (Yemen)",) and e[2] == ("Houthis",) for e in found)


def test_the_artillery_of_the_army_is_the_army():
    found = events("واستهدفت مدفعية الجيش دبابة تابعة لتنظيم داعش قرب الموصل.")
    assert any(e[0] == "ASSAULT" and e[1] == ("army",) for e in found)
    assert not any("tanks and artillery" in e[1] for e in found)


def test_the_forces_of_the_opposition_are_the_opposition():
    found = events("وقصفت قوات المعارضة مواقع الجيش في درعا.")
    assert any(e[0] == "ASSAULT" and e[1] == ("opposition",) and e[2] == ("army",) for e in found)
    assert not any("opposition" in e[2] for e in found)


def test_the_forces_of_the_government_are_the_government():
    found = events("واعتقلت قوات الحكومة عشرات المتظاهرين في العاصمة.")
    assert any(e[0] == "COERCE" and e[1] == ("the government",) for e in found)
