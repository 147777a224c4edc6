"""A nationality after a noun that names no actor (``الليرة التركية``) describes a thing; across a
comma it is no subject of the verb after it, whose subject follows it (``…، هدد وزير الخزانة
الأمريكي``). The US Treasury Secretary is named by his title on the article's date."""

from __future__ import annotations

from kg.pipeline import extract
from tests.extract.extracted import events


def test_a_currencys_nationality_is_no_subject_across_a_comma() -> None:
    text = "ومع انخفاض الليرة التركية، هدد وزير الخزانة الأمريكي بمزيد من العقوبات على أنقرة."
    found = [e for e in events(text, "2018-08-10") if e[0] == "THREATEN"]
    assert found and all(e[1] != ("Türkiye",) for e in found), found
    assert found[0][1] == ("Steven Mnuchin",), found


def test_the_treasury_secretary_of_the_day() -> None:
    doc = extract("وقال وزير الخزانة الأمريكي إن العقوبات على إيران ستستمر.", "t", "2018-05-01")
    labels = {doc.entity(m.entity_id).label_en for m in doc.mentions if m.text.startswith("وزير الخزانة")}
    assert labels == {"Steven Mnuchin"}, doc.mentions
    doc = extract("وقال وزير الخزانة الأمريكي إن العقوبات على إيران ستستمر.", "t", "2015-05-01")
    assert all(doc.entity(m.entity_id).label_en != "Steven Mnuchin" for m in doc.mentions if m.entity_id), doc.mentions


def test_a_state_body_before_its_verb_stays_its_subject() -> None:
    found = events("وقالت وزارة الخارجية التركية في بيان إن أنقرة تدين الهجوم.")
    assert any(e[0] == "ACCUSE" for e in found), found


def test_the_nationality_of_the_rejected_complaint_is_the_recipient() -> None:
    # الشكوى ends in ى, which folds to ي: it is no nationality adjective of the subject's titles
    found = events("ورفضت الحكومة البريطانية الشكوى الروسية.")
    assert ("REJECT", ("United Kingdom",), ("Russia",), "asserted") in found, found


def test_a_persons_citizenship_is_no_recipient() -> None:
    found = events("وكانت إسرائيل رفضت منح الناشط، الذي يحمل الجنسية الأميركية، تصريح إقامة العام الماضي.")
    assert all("United States" not in e[2] for e in found), found
    found = events("واحتجز الحرس الثوري الإيراني أستاذا جامعيا يحمل الجنسية البريطانية.")
    assert all("United Kingdom" not in e[2] for e in found), found
