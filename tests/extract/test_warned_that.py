"""A warning that something may happen (``حذر … من أن``) warns no one named in what it says:
``حذر ظريف من أن إيران مستعدة`` is no threat to Iran by its own minister; a warning to someone
named before من أن (``حذرت واشنطن دمشق من أن``) or about an act (``من القيام بأي نشاط``) is one."""

from __future__ import annotations

from extracted import events


def _threats(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(e[1], e[2]) for e in events(text) if e[0] == "THREATEN"]


def test_what_a_warning_says_names_no_one_warned():
    assert _threats("حذر وزير الخارجية الإيراني محمد جواد ظريف السبت من أن إيران مستعدة لاستئناف التخصيب.") == []
    assert _threats("حذرت تركيا من أن قرار الرئيس الأميركي دونالد ترامب يهدد باندلاع نزاعات جديدة.") == []


def test_who_is_warned_before_what_the_warning_says_is_warned():
    assert _threats("حذرت الولايات المتحدة دمشق من أن أي هجوم كيماوي سيقابل برد.") == [(("United States",), ("Syria",))]
    assert _threats("حذرت الولايات المتحدة دمشق من القيام بأي نشاط يهدد وقف إطلاق النار.") == [
        (("United States",), ("Syria",))
    ]
