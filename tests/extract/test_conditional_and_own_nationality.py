"""``فإن`` / ``وإن`` (if) right before a perfect verb makes its act a condition, not a fact; a bare
إن after a verb of saying is "that". A nationality right after the subject after a verb is the
subject's own (``ميليشيات الحوثي الإيرانية``، ``شركة … الأسترالية``), not a recipient."""

from __future__ import annotations

from tests.extract.extracted import events


def test_an_agreement_after_if_is_hypothetical() -> None:
    found = events(
        "وقال رئيس الوزراء إن الحكومة لا تفرض الانتخابات، فإن اتفقت حركة فتح وحركة حماس على إجرائها فستنفذها."
    )
    agree = [e for e in found if e[0] == "AGREE"]
    assert agree and all(e[3] == "hypothetical" for e in agree), found


def test_that_after_said_keeps_the_fact() -> None:
    found = events("وقالت تيريزا ماي إن طرد روسيا 23 دبلوماسيا بريطانيا لا يغير شيئا.")
    expel = [e for e in found if e[0] == "SANCTION"]
    assert expel and all(e[3] == "asserted" for e in expel), found


def test_the_subjects_own_nationality_is_no_recipient() -> None:
    found = events("وتهدد ميليشيات الحوثي الإيرانية المواطنين في محافظة الحديدة بالاعتقال.")
    assert all("Iran" not in e[2] for e in found), found


def test_the_people_named_after_the_subject_are_the_recipient() -> None:
    found = events("وحذرت إسرائيل الفلسطينيين من الاقتراب من السياج الحدودي.")
    assert any(e[0] == "THREATEN" and e[2] == ("Palestinian Territories",) for e in found), found
