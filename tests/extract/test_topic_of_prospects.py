"""A verbal noun after a noun of the ways, prospects or fields of it (``سبل التعاون``، ``آفاق
الشراكة``) names what is discussed, not an act done: no COOPERATE or SUPPORT event from it; the
meeting that discusses it stays."""

from __future__ import annotations

import pytest

from tests.extract.extracted import events


@pytest.mark.parametrize(
    "text",
    [
        "واستعرض الوزيران آفاق التعاون الاقتصادي بين مصر والأردن.",
        "وتناول اللقاء سبل تعزيز الشراكة بين تونس والجزائر.",
        "وناقش الجانبان مجالات التعاون العسكري بين السعودية وفرنسا.",
    ],
)
def test_prospects_of_cooperation_are_no_cooperation(text: str) -> None:
    assert not [e for e in events(text) if e[0] == "COOPERATE"], events(text)


def test_ways_of_support_are_no_support() -> None:
    found = events("والتقى وزير الخارجية المصري نظيره الأردني في عمان، وبحثا سبل دعم الحكومة اليمنية.")
    assert not [e for e in found if e[0] == "SUPPORT"], found
    assert any(e[0] == "CONSULT" for e in found), found


def test_cooperation_done_stays() -> None:
    found = events("ووقعت مصر والأردن أمس اتفاقية للتعاون الاقتصادي بين البلدين.")
    assert any(e[0] in ("COOPERATE", "AGREE") for e in found), found
    found = events("وتتعاون فرنسا مع المغرب في مكافحة الإرهاب.")
    assert any(e[0] == "COOPERATE" for e in found), found
