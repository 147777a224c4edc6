"""بحث in the present before an indefinite verbal noun, with no one to discuss it with
(``موسكو تبحث تزويد سوريا بأنظمة دفاع``), considers doing something: no meeting with whom the
noun names. With a partner after مع it is a meeting (``يبحث الرئيس مع نظيره تعزيز التعاون``)."""

from __future__ import annotations

from extracted import events


def test_considering_an_act_is_no_meeting():
    assert events("وقال قائد في الجيش الروسي إن موسكو تبحث تزويد سوريا بأنظمة دفاع جوي.") == []


def test_discussing_with_a_partner_is_a_meeting():
    found = events("يبحث وزير الخارجية الأمريكي تعزيز العلاقات مع نظيره الصيني.")
    assert any(e[0] == "CONSULT" and e[2] == ("Wang Yi",) for e in found)
