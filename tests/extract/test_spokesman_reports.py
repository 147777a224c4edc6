"""A spokesman reporting what the body he speaks for did does not accuse it (``كشف المتحدث باسم
التحالف … تفاصيل الضربات التي وجهتها قوات التحالف``: the coalition's strikes, no accusation). A
state, one of its organs or an official reporting another side's attack that happened accuses it;
an observer, a rescuer or an expert reporting one only reports it, and an attack that may come is
no charge. ``الإدارة الأمريكية`` is the United States."""

from __future__ import annotations

from extracted import events


def test_a_spokesman_reporting_his_own_side_s_strikes_accuses_no_one():
    found = events(
        "كشف المتحدث باسم التحالف العربي، العقيد تركي المالكي، تفاصيل الضربات التي وجهتها قوات التحالف"
        " ضد ميليشيات الحوثيين أمس."
    )
    assert any(e[0] == "ASSAULT" and e[2] == ("Houthis",) for e in found)
    assert all(e[0] != "ACCUSE" for e in found)


def test_a_state_reporting_another_side_s_attack_accuses_it():
    found = events("وقال الجيش السعودي إن الحوثيين قصفوا مدينة نجران أمس.")
    assert any(e[0] == "ACCUSE" and e[2] == ("Houthis",) for e in found)


def test_an_observer_or_an_expert_reporting_an_attack_accuses_no_one():
    found = events("وقال الباحث جون سميث إن روسيا قصفت إدلب أمس.")
    assert any(e[0] == "ASSAULT" for e in found)
    assert all(e[0] != "ACCUSE" for e in found)


def test_an_attack_that_may_come_is_no_accusation():
    found = events("وقال الباحث جون سميث إن هناك قلقا من أن روسيا ستشن هجمات صاروخية على إدلب.")
    assert all(e[0] != "ACCUSE" for e in found)
    assert all(e[3] == "future" for e in found)  # ستشن: a short verb of the future before the noun


def test_the_american_administration_is_the_united_states():
    found = events("وانتقد وزير الخارجية الفلسطيني الإدارة الأمريكية بشدة أمس.")
    assert any(e[0] == "ACCUSE" and e[2] == ("United States",) for e in found)
