"""A generic group's word (``الحركة``، ``التنظيم``، ``المتمردين``) that a report uses for a group it
has named: the named group, as an event's actor or recipient; the generic group otherwise. And the
generic groups that are institutions (a ministry, unions, activists) act in diplomacy as well."""

from __future__ import annotations

from extracted import events

from kg.pipeline import extract


def test_the_movement_after_hamas_is_named_is_hamas():
    found = events("رفضت حركة حماس الاتفاق الجديد. واتهمت السلطة الفلسطينية الحركة بعرقلة المصالحة.")
    assert any(e[0] == "ACCUSE" and e[2] == ("Hamas",) for e in found)


def test_the_organization_after_isis_is_named_is_isis():
    found = events("سيطر تنظيم داعش على المدينة. وشن التنظيم هجوما على قوات الجيش العراقي في الرمادي.")
    assert any(e[0] == "ASSAULT" and e[1] == ("Islamic State",) for e in found)


def test_the_rebels_of_a_report_on_yemen_are_the_houthis():
    text = "اتهمت الحكومة اليمنية جماعة الحوثي بخرق الهدنة. وشن طيران التحالف غارات على مواقع المتمردين في صعدة."
    found = events(text)
    assert any(e[0] == "ASSAULT" and e[2] == ("Houthis",) for e in found)
    assert not any("insurgents" in e[1] + e[2] for e in found)


def test_the_rebels_with_no_named_group_stay_a_generic_group():
    doc = extract("وشن الجيش غارات على مواقع المتمردين في جنوب البلاد.", "t", "2018-05-01")
    assert "insurgents" in {e.label_en for e in doc.entities}
    assert "Houthis" not in {e.label_en for e in doc.entities}


def test_a_movement_with_an_adjective_is_a_movement_of_its_own():
    doc = extract("قال قيادي في حركة حماس إن الحركة الإسلامية في المغرب ترفض الاتفاق.", "t", "2018-05-01")
    mentions = {m.text: m.entity_id for m in doc.mentions}
    assert mentions.get("الحركة") != "hamas"


def test_a_party_the_lexicon_does_not_know_breaks_the_link_to_the_last_one_named():
    text = "قال حزب الله إنه سيرد. وقال مصدر إن حزب سوريا المستقبل تأسس حديثا، وإن أمريكا دعمت الحزب."
    found = events(text)
    assert not any("Hezbollah" in e[2] for e in found if e[0] == "SUPPORT")


def test_the_party_after_hezbollah_is_named_is_hezbollah():
    found = events("قال حزب الله إنه سيرد على الغارة. وقال مسؤول إن إسرائيل هاجمت الحزب في جنوب لبنان.")
    assert any(e[0] == "ASSAULT" and e[2] == ("Hezbollah",) for e in found)


# ---------------------------------------------------------------- institutions take part in diplomacy


def test_a_ministry_without_a_nationality_signs_an_agreement():
    found = events("ووقعت وزارة البترول اتفاقا للتنقيب عن الغاز مع شركة إيني أمس.")
    assert ("SUPPORT", ("Ministry of Energy",), ("Eni",), "asserted") in found


def test_activists_demand_of_a_country():
    found = events("طالب نشطاء في مجال حقوق الإنسان جميع الولايات الأميركية بسن قوانين جديدة.")
    assert ("REQUEST", ("activists",), ("United States",), "asserted") in found


def test_forces_with_no_nationality_still_act_only_in_street_events():
    found = events("وطالبت القوات السكان بمغادرة منازلهم قبل بدء العملية.")
    assert not any(e[0] == "REQUEST" and "forces" in e[1] for e in found)


def test_a_definite_name_after_a_ministry_is_another_party():
    """``وزارة الخارجية`` ends with the article: no construct goes on from it, so the government
    after it is the recipient, not the ministry's owner."""
    found = events("وطالبت وزارة الخارجية الحكومة البريطانية بتسليم المتهم فورا.")
    assert ("REQUEST", ("Ministry of Foreign Affairs",), ("United Kingdom",), "asserted") in found


def test_a_group_without_the_article_is_still_the_named_one_after_it():
    found = events("وقصفت قوات الحرس الثوري مواقع المعارضة الكردية في شمال العراق.")
    assert any(e[0] == "ASSAULT" and e[1] == ("Islamic Revolutionary Guard Corps",) for e in found)


# ---------------------------------------------------------------- the occupation


def test_the_occupation_in_a_report_on_palestine_is_israel():
    text = "قالت حركة حماس إن الوضع خطير. وحمل الرئيس الفلسطيني محمود عباس حكومة الاحتلال مسؤولية ما جرى."
    assert ("ACCUSE", ("Mahmoud Abbas",), ("Israel",), "asserted") in events(text)


def test_an_occupation_with_a_nationality_is_that_nations():
    doc = extract("قالت حركة حماس إن الوضع خطير. وانتقد المسؤول الاحتلال الأمريكي للعراق.", "t", "2018-05-01")
    assert not any(m.entity_id == "israel" for m in doc.mentions)
