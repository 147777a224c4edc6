"""An object pronoun written apart after a participle (``متهما إياه``) is an actor named before it:
a person first for the masculine, a state or body first for the feminine; never the actor itself,
nor a nationality adjective (``الموانئ الإيطالية``)."""

from __future__ import annotations

from extracted import events


def test_the_masculine_pronoun_is_the_person_named_before():
    text = "وجه وزير الدفاع الأميركي جيمس ماتيس انتقادا لاذعا للرئيس الروسي فلاديمير بوتين، متهما إياه بمهاجمة الديموقراطية."
    assert ("ACCUSE", ("Jim Mattis",), ("Vladimir Putin",), "asserted") in events(text)


def test_the_feminine_pronoun_is_the_state_named_before():
    text = "وانتقد ظريف السعودية في حديثه مع الرئيس الفرنسي إيمانويل ماكرون، متهما إياها بدعم الإرهاب."
    found = [e for e in events(text) if e[0] == "ACCUSE"]
    assert found and all(e[2] == ("Saudi Arabia",) for e in found)


def test_a_nationality_adjective_is_no_antecedent():
    text = "وقد منع الوزير سفن الإنقاذ من الرسو في الموانئ الإيطالية، متهما إياها بمساعدة المهربين."
    assert all("Italy" not in e[2] for e in events(text))
