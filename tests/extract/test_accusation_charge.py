"""An accusation's charge (the phrase with ب after the accused: ``بمحاولة تقويض الاتفاق مع إيران``)
names what the accused did, so the actors inside it are not accused. The accused before it stays
the recipient, an adverb of manner with ب (``بشكل صريح``) opens no charge, nor does a ب inside a
name (``بترو بوروشنكو``) or in an aside between commas (``، المعنية بحقوق الإنسان،``)."""

from __future__ import annotations

from extracted import events


def test_an_actor_named_in_the_charge_is_not_the_accused():
    found = events("اتهمت روسيا دولا غربية بمحاولة تقويض الاتفاق مع إيران.")
    assert all("Iran" not in e[2] for e in found)
    found = events("اتهم وزير الخارجية اليمني دولاً في مجلس الأمن الدولي بمحاولة وقف تقدم قوات الجيش اليمني.")
    assert all(not any("Yemen" in r for r in e[2]) for e in found if e[0] == "ACCUSE")


def test_the_accused_before_the_charge_is_the_recipient():
    found = events("اتهم الجيش الإسرائيلي حركة حماس بإطلاق صواريخ على إسرائيل.")
    assert any(e[0] == "ACCUSE" and e[2] == ("Hamas",) for e in found)


def test_an_adverb_of_manner_opens_no_charge():
    found = events("اتهمت روسيا بشكل صريح بريطانيا بتسميم سكريبال.")
    assert ("ACCUSE", ("Russia",), ("United Kingdom",), "asserted") in found


def test_a_name_or_an_aside_with_b_opens_no_charge():
    text = "اتهم الرئيس الأوكراني بترو بوروشنكو في مقابلة نظيره الروسي فلاديمير بوتين بأنه يريد كل أوروبا."
    assert any(e[0] == "ACCUSE" and e[2] == ("Vladimir Putin",) for e in events(text, "2015-08-04"))
    text = "اتهمت منظمة هيومن رايتس ووتش، المعنية بحقوق الإنسان، الحكومة السورية بالفشل في التحقيق."
    assert any(e[0] == "ACCUSE" and e[2] == ("Syria",) for e in events(text))


def test_a_name_whose_first_letter_is_waw_is_no_second_accuser():
    found = events("واتهمت إيران واشنطن بمحاولة إشعال الحرب في المنطقة.")
    assert ("ACCUSE", ("Iran",), ("United States",), "asserted") in found
