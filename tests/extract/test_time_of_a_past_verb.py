"""A verb in the past is dated by the words before it, not by the clause after it: ``اتهم
نتنياهو إيران بأنها تسعى لامتلاك سلاح نووي`` is an accusation made (the charge's تسعى is its own
time), ``رحبت بريطانيا بالهدف الذي تسعى إليه`` a welcome given; a form that may be an imperfect
(``قد تسلم … قريبا``) is still dated by what follows. One accused before a charge opened by بأنه
(``يتهم حبري بأنه المسؤول``) accuses no one. هجر is a place and a club, not the verb that
displaces."""

from __future__ import annotations

from extracted import events


def test_the_charge_s_future_does_not_date_the_accusation():
    found = events("واتهم نتنياهو إيران بأنها تسعى لامتلاك سلاح نووي.")
    assert ("ACCUSE", ("Benjamin Netanyahu",), ("Iran",), "asserted") in found


def test_a_welcome_of_an_aim_is_given_not_promised():
    found = events("ورحبت المملكة المتحدة بالهدف الذي تسعى إليه المملكة العربية السعودية في إطار رؤية 2030.")
    assert ("SUPPORT", ("United Kingdom",), ("Saudi Arabia",), "asserted") in found


def test_a_form_that_may_be_an_imperfect_keeps_the_future_after_it():
    found = events("أعلن مسؤول أن كوريا الشمالية قد تسلم الولايات المتحدة قريبا رفات جنود أميركيين.")
    assert all(e[3] != "asserted" for e in found if e[1] == ("North Korea",))


def test_one_accused_before_a_charge_opened_by_that_accuses_no_one():
    assert all(e[0] != "ACCUSE" for e in events("حيث يتهم ترامب بأنه المسؤول عن تقويض الاتفاق النووي."))


def test_hajr_is_no_displacement():
    assert all(
        e[0] != "ASSAULT" for e in events("وتغادر بعثة فريق هجر إلى تركيا يوم الخميس المقبل لإقامة معسكر إعدادي.")
    )
