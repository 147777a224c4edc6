"""A verb of giving (``منح``) is aid only when a sum or a word of aid follows it (``تمنح 100 مليون
دولار``، ``منحت الإمارات اليمن قرضا``): a deadline, a prize, a chance or a green light given is no
aid (``منحت طهران توتال مهلة شهرين``). The verbal noun ``منحة`` (a grant) is aid by itself."""

from __future__ import annotations

from extracted import events


def _aid(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(e[1], e[2]) for e in events(text) if e[0] == "AID"]


def test_a_sum_given_is_aid():
    assert _aid("وأعلنت فرنسا منح 14 مليون يورو للجيش اللبناني.") == [(("France",), ("Lebanese Armed Forces",))]
    assert _aid("ومنحت الإمارات اليمن قرضا بقيمة مليار دولار.") == [(("United Arab Emirates",), ("Yemen",))]


def test_a_deadline_or_a_prize_given_is_no_aid():
    assert _aid("منحت إيران الأربعاء شركة توتال الفرنسية مهلة شهرين.") == []
    assert _aid("ومنحت فرنسا الصحفي المصري جائزة حرية الصحافة.") == []
    assert _aid("ويمنح الإيرانيون دول الاتحاد الأوروبي وروسيا والصين فرصة خلال الأسابيع المقبلة.") == []


def test_aid_that_arrives_in_a_town_is_given_to_its_country():
    found = events("وصلت مساعدات سعودية وإماراتية جديدة، اليوم الاثنين، إلى مدينة عدن.")
    assert [(e[0], e[1], e[2]) for e in found] == [("AID", ("Saudi Arabia", "United Arab Emirates"), ("Yemen",))]
