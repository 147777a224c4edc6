"""Violence sentences kg gave no attack, read among random corpus sentences with words of harm
(seed 60: 45 misses read): who fired is named after the victims (``مقتل شابين برصاص الجيش``،
``قتل مدني بنيران القوات``، ``على يد``), a count of two is a dual (``شابين``), a headline opens with
its dead (``قتلى وجرحى بقصف``), an attack's author follows an indefinite adjective (``غارات عنيفة
للتحالف الدولي``), and a verb that is also a town's name is the verb when written with its doubling
or before a counted object (``تدمّر 17 هدفا``), the town after a locative word."""

from __future__ import annotations

import pytest
from extracted import events

from kg.pipeline import extract


def _attacks(text: str) -> list[tuple]:
    return [e for e in events(text) if e[0] == "ASSAULT" and e[-1] == "asserted"]


@pytest.mark.parametrize(
    "text",
    [
        "وأكدت وزارة الصحة مقتل شابين برصاص الجيش الإسرائيلي شرق خان يونس.",
        "وأكدت وزارة الصحة مقتل شابين على يد الجيش الإسرائيلي شرق خان يونس.",
        "قتل شابان برصاص الجيش الإسرائيلي شرق خان يونس.",
        "مقتل فلسطينيين اثنين بنيران الجيش الإسرائيلي شرق خان يونس",
    ],
)
def test_who_fired_is_named_after_the_victims(text):
    assert [e[1] for e in _attacks(text)] == [("Israel Defense Forces",)]


def test_a_headline_opening_with_its_dead_reports_an_attack():
    assert _attacks("قتلى وجرحى بقصف استهدف مدينة إدلب")


def test_the_author_of_an_attack_after_an_indefinite_adjective():
    found = _attacks("غارات عنيفة للتحالف الدولي على مواقع داعش شمال العراق")
    assert [(e[1], e[2]) for e in found] == [(("Global Coalition against ISIS",), ("Islamic State",))]


def test_a_verb_that_is_a_towns_name():
    doc = extract("20 غارة جوية للتحالف تدمّر 17 هدفاً حوثياً في صعدة", "t", "2018-01-01")
    assert "palmyra" not in [m.entity_id for m in doc.mentions]
    doc = extract("وسيطر التنظيم على مدينة تدمر الأثرية.", "t", "2018-01-01")
    assert "palmyra" in [m.entity_id for m in doc.mentions]


def test_whom_an_attack_was_against_or_on():
    found = _attacks("أنباء عن هجمات جوية لقوات التحالف ضد الحوثيين في الحديدة اليمنية")
    assert [e[2] for e in found] == [("Houthis",)]
    found = _attacks("وشنت الطائرات هجوما على مواقع داعش في الرقة السورية.")
    assert [e[2] for e in found] == [("Islamic State",)]


def test_a_place_far_after_an_attack_with_on_is_no_recipient():
    text = "بعدما أطلقت القوات الحكومية هجوما باتجاه مدينة الحديدة المطلة على البحر الأحمر."
    assert all("Red Sea" not in e[2] for e in _attacks(text))


def test_a_statement_on_an_app_is_no_target():
    text = "وأعلن داعش مسؤوليته عن التفجير في بيان على تطبيق تلغرام، مؤكدا استخدام سيارة مفخخة."
    assert all("Telegram" not in " ".join(e[2]) for e in _attacks(text))


def test_the_nationality_of_the_town_is_no_author():
    assert all("Türkiye" not in e[1] for e in _attacks("مقتل 27 في انفجار ببلدة تركية على حدود سوريا"))
    found = _attacks("شرع الجيش الإسرائيلي بهدم قرية فلسطينية في منطقة الخان الأحمر.")
    assert [e[1] for e in found] == [("Israel Defense Forces",)]


def test_the_speaker_of_a_headline_is_no_target():
    found = _attacks('المرصد السوري: تنظيم "الدولة الإسلامية" خطف 36 سيدة وطفلا خلال هجوم السويداء')
    assert found and all("Syrian Observatory for Human Rights" not in e[2] for e in found)


def test_a_singular_verb_before_fire_is_the_passive():
    # stop 33, random sample of S events (seed 49): قتل X برصاص Y had made X the killer of Y
    found = events("وقتل المهاجم برصاص الشرطة الفرنسية.")
    assert ("ASSAULT", ("police (France)",), ("attackers",), "asserted") in found
    found = events("وقتل شاب فلسطيني برصاص جيش الاحتلال قرب السياج الحدودي شرق مدينة غزة.")
    assert not [e for e in found if e[0] == "ASSAULT" and "Israel Defense Forces" in e[2]]
