"""A relative clause right after a verb's subject describes the subject, up to the comma that
closes it (``دعا الرئيس …، الذي خلف موغابي في نوفمبر، إلى الهدوء``): no one named in it is the
recipient of the verb."""

from __future__ import annotations

from tests.extract.extracted import events


def test_the_predecessor_in_the_subjects_relative_clause_is_not_asked() -> None:
    found = events("ودعا الرئيس الزيمبابوي الذي خلف روبرت موغابي في نوفمبر الماضي، المواطنين إلى الهدوء.")
    asks = [e for e in found if e[0] == "REQUEST"]
    assert asks and all("Robert Mugabe" not in e[2] for e in asks), found


def test_the_country_visited_in_the_relative_clause_is_not_praised() -> None:
    found = events("وأشاد الرئيس الأمريكي الذي ينهي اليوم زيارة إلى كينيا، بعمل القوات الأفريقية في الصومال.")
    praise = [e for e in found if e[0] == "SUPPORT"]
    assert all("Kenya" not in e[2] for e in praise), found


def test_the_recipient_after_the_closed_clause_stays() -> None:
    found = events("وانتقد الرئيس الأمريكي دونالد ترامب الذي يزور بريطانيا حاليا، إيران بشدة.")
    assert ("ACCUSE", ("Donald Trump",), ("Iran",), "asserted") in found, found


def test_a_verb_describing_an_indefinite_plural_noun_has_it_as_subject() -> None:
    found = events("ودعا الرئيس الأمريكي باراك أوباما مجموعات تدعم الاتفاق النووي إلى الضغط على الكونغرس.")
    assert all(e[0] != "SUPPORT" for e in found), found
    found = events("ورفع المتظاهرون في ستراسبورغ لافتات تطالب الأمم المتحدة بوقف العملية العسكرية.")
    assert all(e[1] != ("United Nations",) for e in found), found


def test_the_object_of_a_relative_verb_after_the_subject_is_no_recipient_without_a_comma():
    text = "ووعد الرئيس حسن روحاني الذي خلف أحمدي نجاد في 2013 بالقيام بكل ما في وسعه لإنهاء إقامتهما الجبرية."
    assert [e[2] for e in events(text) if e[0] == "AGREE"] == [()]
    text = "وطالب الرئيس الإيراني حسن روحاني الذي التقى نظيره الروسي بوتين الدول الأوروبية بالالتزام بالاتفاق."
    assert all("Vladimir Putin" not in e[2] for e in events(text) if e[0] == "REQUEST")


def test_a_definite_object_before_a_relative_keeps_its_recipient():
    text = "ورفضت إسرائيل الاقتراحات التي قدمها غوتيريس لحماية الفلسطينيين."
    assert [e[2] for e in events(text) if e[0] == "REJECT"] == [("António Guterres",)]
