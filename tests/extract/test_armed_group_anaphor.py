"""``التنظيم`` and ``الجماعة`` alone stand for the last armed group the article named, even when
it was not named with that head noun (``داعش … التنظيم``، ``الحوثيون … الجماعة``); one named with
the head noun (``جماعة أنصار الشريعة … الجماعة``) is still meant before any other."""

from __future__ import annotations

from extracted import events


def test_the_group_after_an_armed_group_named_without_its_head_is_that_group():
    found = events("ونقلت وكالة سبأ التابعة للحوثيين أن الجماعة أطلقت ثمانية صواريخ باليستية على جازان.")
    assert any(e[0] == "ASSAULT" and e[1] == ("Houthis",) for e in found)


def test_a_group_named_with_the_head_noun_is_meant_before_a_later_one():
    text = (
        "سيطرت جماعة أنصار الشريعة على المدينة عام 2012. وبايع بعض عناصرها تنظيم القاعدة. "
        "وهاجمت الجماعة أمس مقرا للجيش الليبي في درنة."
    )
    found = events(text)
    assert all(e[1] != ("Al-Qaeda",) for e in found if e[0] == "ASSAULT")
