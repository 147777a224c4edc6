"""Protest reports in the forms news uses: supporters of an actor protest as that actor's side
(``تظاهر أنصار المعارضة``: the opposition; a union for its trade, families for whom they stand with), chants are
chanting (``ردد المتظاهرون هتافات``), trades are groups (doctors, teachers), and a group in the oblique
plural (``تقصف المزارعين``) is no subject, unless a count heads it (``حاصر آلاف المتظاهرين``)."""

from __future__ import annotations

from extracted import events


def test_supporters_demonstrating_are_their_side():
    found = events("تظاهر أنصار المعارضة الباكستانية في كراتشي للمطالبة بإعادة الانتخابات.")
    assert any(e[0] == "PROTEST" and e[1] == ("opposition (Pakistan)",) for e in found)


def test_chanting_slogans_is_a_protest():
    found = events("وردد المتظاهرون هتافات ضد الحكومة أمام مقر البرلمان.")
    assert any(e[0] == "PROTEST" and e[1] == ("protesters",) for e in found)


def test_trades_protest_as_groups_and_unions_stand_for_their_members():
    assert any(e[0] == "PROTEST" and e[1] == ("doctors",) for e in events("تظاهر مئات الأطباء أمام وزارة الصحة."))
    found = events("وأعلنت نقابة المعلمين الإضراب عن العمل احتجاجا على تأخر الرواتب.")
    assert any(e[0] == "PROTEST" and e[1] == ("teachers",) for e in found)


def test_a_group_in_the_oblique_plural_is_no_subject():
    found = events("وقال إن الطائرات التركية تقصف المزارعين الأكراد في عفرين.")
    assert all("farmers (Kurdish)" not in e[1] for e in found)
    found = events("حاصر آلاف المتظاهرين العراقيين مقر القنصلية الإيرانية في البصرة.")
    assert any(e[1] == ("protesters",) or e[1] == ("protesters (Iraq)",) for e in found)
