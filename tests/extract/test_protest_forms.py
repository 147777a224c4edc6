"""Protest reports in the forms news uses: supporters of an actor protest as that actor's side
(``تظاهر أنصار المعارضة``: the opposition), and chants are chanting (``ردد المتظاهرون هتافات``)."""

from __future__ import annotations

from extracted import events


def test_supporters_demonstrating_are_their_side():
    found = events("تظاهر أنصار المعارضة الباكستانية في كراتشي للمطالبة بإعادة الانتخابات.")
    assert any(e[0] == "PROTEST" and e[1] == ("opposition (Pakistan)",) for e in found)


def test_chanting_slogans_is_a_protest():
    found = events("وردد المتظاهرون هتافات ضد الحكومة أمام مقر البرلمان.")
    assert any(e[0] == "PROTEST" and e[1] == ("protesters",) for e in found)
