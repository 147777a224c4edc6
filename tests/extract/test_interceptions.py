"""Intercepting a missile or a drone (``دمرت الدفاعات الجوية صاروخا باليستيا``، ``اعترضت السعودية
صاروخا``) defends against an attack and makes none on whom or where the sentence names; nor is
it objecting to anything (اعترض). Destroying other things is still an attack (``ودمر طيران
التحالف دبابتين للحوثيين``)."""

from __future__ import annotations

from extracted import events


def test_destroying_a_missile_attacks_no_one():
    text = "دمرت قوات الدفاع الجوية السعودية صاروخا باليستيا أطلقته ميليشيات الحوثي نحو منطقة جازان."
    assert all(e[1] != ("Saudi Arabia",) and "Saudi Arabia" not in e[2] for e in events(text) if e[0] == "ASSAULT")


def test_intercepting_a_missile_is_no_attack_and_no_objection():
    found = events("واعترضت السعودية، شهر ديسمبر الماضي، صاروخا باليستيا فوق الرياض.")
    assert all(e[1] != ("Saudi Arabia",) for e in found)


def test_destroying_weapons_of_a_side_is_an_attack_on_it():
    found = events("ودمر طيران التحالف العربي دبابتين و4 مركبات عسكرية للحوثيين.")
    assert ("ASSAULT", ("Saudi-led coalition in Yemen",), ("Houthis",), "asserted") in found
