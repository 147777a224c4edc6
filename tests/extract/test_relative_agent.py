"""A verbal noun's agent named in the relative clause after it, whose verb carries the noun's
pronoun (``العقوبات التي فرضتها الولايات المتحدة على إيران``: the United States imposed them), or
a light verb with بها (``الزيارة التي قام بها لافروف``): the agent is who acts, the noun before
the relative pronoun what was done. A place a relative clause says lived through the event is no
agent of it (``الاحتجاجات التي تشهدها البصرة``)."""

from __future__ import annotations

from extracted import events


def test_sanctions_a_state_imposed_are_its_sanctions():
    found = events("وتضررت الشركات من العقوبات التي فرضتها الولايات المتحدة على إيران الشهر الماضي.")
    assert ("SANCTION", ("United States",), ("Iran",), "asserted") in found


def test_aid_a_state_delivered_is_its_aid():
    found = events("وأشاد الوزير بالمساعدات التي قدمتها السعودية لليمن.")
    assert ("AID", ("Saudi Arabia",), ("Yemen",), "asserted") in found


def test_a_visit_made_by_a_minister_through_a_light_verb_is_his():
    found = events("وتحدث عن الزيارة التي قام بها وزير الخارجية الروسي سيرغي لافروف إلى دمشق.")
    assert any(e[0] == "CONSULT" and e[1] == ("Sergey Lavrov",) and e[3] == "asserted" for e in found)


def test_the_pronoun_of_a_preposition_makes_no_agent():
    found = events("وتحدث الوزير عن العقوبات التي عليها إيران منذ سنوات.")
    assert all(e[1] != ("Iran",) for e in found if e[0] == "SANCTION")
