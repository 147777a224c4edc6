"""A verb of beginning is a light verb when its subject stands between it and the noun
(``بدأ الرئيس زيارة``، ``شرعت تركيا يوم … في حملة``), not when the noun right after it is its
subject (``بدأ الاجتماع``) or the noun belongs to another (``بدأ المجلس مراجعة للاتفاق``). A
campaign is waged on (على) whom it targets. An indefinite noun after a definite one begins a
phrase of its own: the في of a time phrase governs no actor after it."""

from __future__ import annotations

from extracted import events


def test_the_subject_of_began_makes_the_visit():
    found = events("بدأ الرئيس المصري عبد الفتاح السيسي زيارة رسمية إلى الرياض.")
    assert any(e[0] == "CONSULT" and e[1] == ("Abdel Fattah el-Sisi",) and e[2] == ("Saudi Arabia",) for e in found)


def test_a_campaign_begun_after_a_date_and_fi_is_the_subjects():
    found = events("وشرعت تركيا يوم 20 يناير الماضي في حملة عسكرية على وحدات حماية الشعب الكردي في عفرين.")
    assert ("ASSAULT", ("Türkiye",), ("People's Defense Units",), "asserted") in found


def test_a_campaign_on_a_group_targets_the_group_not_the_town():
    found = events("وبدأت تركيا حملة عسكرية على وحدات حماية الشعب الكردي في عفرين.")
    assert ("ASSAULT", ("Türkiye",), ("People's Defense Units",), "asserted") in found


def test_a_noun_right_after_began_is_its_subject_and_takes_no_earlier_actor():
    found = events("وصل وزير الخارجية الروسي سيرغي لافروف إلى القاهرة. وبدأ الاجتماع في ساعة متأخرة.")
    assert not any(e[0] == "CONSULT" and e[1] == ("Sergey Lavrov",) and e[2] == () for e in found[1:])


def test_a_noun_governed_by_another_noun_is_not_begun():
    found = events("وبدأ الكونغرس أمس مراجعة للاتفاق مع إيران.")
    assert not any(e[1] == ("United States Congress",) for e in found)


def test_a_time_phrase_with_fi_governs_no_target_after_it():
    found = events("وكانت تركيا استهدفت في الأيام الأخيرة مواقع تنظيم داعش في سوريا.")
    assert ("ASSAULT", ("Türkiye",), ("Islamic State",), "asserted") in found


def test_a_direction_after_a_place_stays_in_the_place_phrase():
    found = events("وقتل 13 مسلحا في اشتباكات اندلعت في منطقة الجفينة غربي مأرب.")
    assert not any("Marib" in e[2] for e in found)
