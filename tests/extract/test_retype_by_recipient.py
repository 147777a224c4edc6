"""An event's type by whom it was done to: halting people is arresting them (``أوقفت السلطات
المحامية``: COERCE), halting an act is a halt (``أوقفت واشنطن تمويل المعارضة``: SANCTION);
expelling an armed group from a place is fighting it (``طردت المقاومة الحوثيين من عدن``: ASSAULT),
expelling diplomats an expulsion (SANCTION). ``موقفه`` is a stance, not a verb that halts."""

from __future__ import annotations

from extracted import events


def _types(text: str) -> set[str]:
    return {e[0] for e in events(text)}


def test_halting_a_person_is_an_arrest():
    found = events("أوقفت السلطات التركية القس الأمريكي أندرو برانسون في إزمير أمس.")
    assert any(e[0] == "COERCE" and e[2] == ("Andrew Brunson",) for e in found)
    assert "SANCTION" not in {e[0] for e in found}


def test_halting_an_act_stays_a_halt():
    assert "COERCE" not in _types("وأوقفت الولايات المتحدة تمويل المعارضة عبر تركيا.")
    assert "SANCTION" in _types("وأوقفت الولايات المتحدة تمويل المعارضة عبر تركيا.")


def test_expelling_an_armed_group_is_fighting_it():
    found = events("وطردت المقاومة الشعبية الحوثيين من مدينة عدن أمس.")
    assert ("ASSAULT", ("Popular Resistance (Yemen)",), ("Houthis",), "asserted") in found


def test_expelling_diplomats_stays_an_expulsion():
    assert _types("وطردت روسيا 23 دبلوماسيا بريطانيا.") == {"SANCTION"}


def test_a_stance_is_no_halt():
    assert not {"SANCTION", "COERCE"} & _types("وانتقد الوزير الأمريكي موقفه من روسيا أمس.")
