"""Protests a sentence reports without naming who protested: one in whose course people were
killed or hurt (``أصيب عشرون شخصا … خلال مظاهرات``), one a place lives through (``الاحتجاجات التي
تشهدها العاصمة``), and one told as going on (``تواصلت الاحتجاجات``; a verb of going on is a verb of
beginning: ``استمرت القوات في قصف`` makes the forces the actor)."""

from __future__ import annotations

from extracted import events


def _protests(text: str, date: str | None = "2018-05-01") -> list[tuple[str, ...]]:
    return [e[1] for e in events(text, date) if e[0] == "PROTEST" and e[3] == "asserted"]


def test_a_protest_in_whose_course_people_were_hurt_took_place():
    assert _protests("أصيب عشرون شخصا برصاص الشرطة خلال مظاهرات في العاصمة أمس.") == [("protesters",)]
    assert _protests("قتل شاب برصاص قوات الأمن، في احتجاجات الجمعة قرب البرلمان.") == [("protesters",)]


def test_a_protest_mentioned_beside_no_harm_is_not_reported_by_this_rule():
    assert _protests("قال الوزير إن الحكومة ستدرس مطالب الناس خلال الاحتجاجات.") == []
    assert _protests("قتل العشرات خلال احتجاجات عام 2011 في العاصمة.") == []  # history


def test_the_harm_and_the_protest_of_a_headline_split_by_a_colon_are_apart():
    assert _protests("مقتل شاب برصاص مجهولين في البصرة: المحافظ يتحدث في مظاهرة") == []


def test_protests_a_place_lives_through_took_place():
    found = _protests("وحذر الرئيس من الفوضى على خلفية الاحتجاجات التي تشهدها العاصمة منذ أيام.")
    assert found == [("protesters",)]
    assert _protests("ورفض الرئيس الاحتجاجات التي دعت إليها المعارضة.") == []


def test_a_verb_of_going_on_reports_the_event_after_it():
    assert _protests("وتواصلت الاحتجاجات في المدن الجنوبية أمس.") == [("protesters",)]


def test_a_verb_of_going_on_with_its_subject_before_the_noun_is_a_light_verb():
    found = events("واستمرت القوات التركية في قصف مواقع حزب العمال الكردستاني أمس.")
    assert ("ASSAULT", ("forces (Türkiye)",), ("Kurdistan Workers' Party",), "asserted") in found
