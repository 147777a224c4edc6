"""A spokesman reporting what the body he speaks for did does not accuse it (``كشف المتحدث باسم
التحالف … تفاصيل الضربات التي وجهتها قوات التحالف``: the coalition's strikes, no accusation);
a speaker reporting a third party's attack still accuses it. ``الإدارة الأمريكية`` is the United
States."""

from __future__ import annotations

from extracted import events


def test_a_spokesman_reporting_his_own_side_s_strikes_accuses_no_one():
    found = events(
        "كشف المتحدث باسم التحالف العربي، العقيد تركي المالكي، تفاصيل الضربات التي وجهتها قوات التحالف"
        " ضد ميليشيات الحوثيين أمس."
    )
    assert any(e[0] == "ASSAULT" and e[2] == ("Houthis",) for e in found)
    assert all(e[0] != "ACCUSE" for e in found)


def test_a_speaker_reporting_another_side_s_attack_accuses_it():
    found = events("وقال المتحدث باسم التحالف العربي إن الحوثيين قصفوا مدينة نجران أمس.")
    assert any(e[0] == "ACCUSE" and e[2] == ("Houthis",) for e in found)


def test_the_american_administration_is_the_united_states():
    found = events("وانتقد وزير الخارجية الفلسطيني الإدارة الأمريكية بشدة أمس.")
    assert any(e[0] == "ACCUSE" and e[2] == ("United States",) for e in found)
