"""A particle or a pronoun is never a person's name, after a title (``للصحافي ما يصعب``، ``المركز
الإعلامي إذ يصدر``), after a verb of saying (``وقال إنني``) or after a nationality (``للشعب السوري
لكي يتخذ``)."""

from __future__ import annotations

import pytest

from kg.pipeline import extract


@pytest.mark.parametrize(
    "text, word",
    [
        ("والمركز الإعلامي إذ يصدر هذا التوضيح يؤكد للجماهير حرصه على النادي.", "إذ"),
        ("وتحقق هذه اللقاءات للصحافي ما يصعب تحقيقه خارج هذه المناسبة.", "ما"),
        ("وترك الأمر للشعب السوري لكي يتخذ قراره بنفسه.", "لكي"),
        ("حيث لا يكون على المخرج سوى أن يطلب ما يريد من فريقه.", "سوى"),
    ],
)
def test_a_particle_is_no_person(text, word):
    doc = extract(text, "t", "2018-05-01")
    people = [e.label_ar for e in doc.entities if e.type == "Person"]
    assert all(word not in p.split() for p in people)


def test_an_iphone_is_no_yvonne():
    doc = extract("وأعلن ترامب أنه يملك هاتف آيفون من شركة آبل.", "t", "2018-05-01")
    assert [e.label_en for e in doc.entities if e.type == "Person"] == ["Donald Trump"]
