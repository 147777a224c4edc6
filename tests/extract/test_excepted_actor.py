"""An actor after a word of exception (``باستثناء``، ``ما عدا``) is left out of the act: it is no
recipient. ``سوى`` or ``إلا`` after a negated verb names the only one it was done to: the act is
asserted (``لم يلتق … سوى الملك``); ``إلا أن`` (however) leaves the negation. The jussive of a
verb with a weak last letter (``لم يلتق``) is the verb."""

from __future__ import annotations

from tests.extract.extracted import events


def test_the_excepted_president_was_not_received() -> None:
    found = events("واستقبلت الملكة إليزابيث جميع الرؤساء الأمريكيين باستثناء ليندون جونسون.")
    assert all("Lyndon Johnson" not in o and not any("Johnson" in x for x in o) for _t, _s, o, _m in found), found


def test_the_excepted_country_was_not_visited() -> None:
    found = events("وبدأ وزير الخارجية الإيراني جولة تشمل كل الدول الموقعة على الاتفاق ما عدا الولايات المتحدة.")
    assert all("United States" not in o for _t, _s, o, _m in found), found


def test_the_only_one_met_is_met() -> None:
    found = events("ولم يلتق وزير الخارجية الأمريكي مايك بومبيو في الرياض سوى الملك سلمان.")
    assert ("CONSULT", ("Mike Pompeo",), ("King Salman bin Abdulaziz",), "asserted") in found, found


def test_a_negated_meeting_without_only_stays_negated() -> None:
    found = events("ولم يلتق وزير الخارجية الأمريكي مايك بومبيو الملك سلمان، إلا أنه التقى ولي العهد.")
    assert ("CONSULT", ("Mike Pompeo",), ("King Salman bin Abdulaziz",), "negated") in found, found
