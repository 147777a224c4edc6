"""``بطلب من X``، ``بناء على طلب من X``: X asked, the request went to the subject of the clause,
and X is no party to what was done at its request; the verb ``طلب من`` still marks whom it asks."""

from __future__ import annotations

from extracted import events


def test_who_asked_is_after_min_and_asked_the_subject():
    found = events("وعقد مجلس الأمن الدولي اجتماعا طارئا بطلب من فرنسا.")
    assert ("REQUEST", ("France",), ("United Nations Security Council",), "asserted") in found


def test_at_the_request_of_after_ala():
    found = events("وعقد مجلس الأمن الدولي جلسة بناء على طلب من روسيا.")
    assert any(e[0] == "REQUEST" and e[1] == ("Russia",) for e in found)


def test_who_asked_for_a_meeting_is_no_party_to_it():
    found = events("وعقد مجلس الأمن الدولي اجتماعا طارئا بطلب من فرنسا.")
    assert not any(e[0] == "CONSULT" and "France" in e[2] for e in found)


def test_the_verb_asks_whom_min_marks():
    found = events("وطلب وزير الخارجية الأمريكي مايك بومبيو من مجلس الأمن الدولي فرض عقوبات جديدة.")
    assert any(
        e[0] == "REQUEST" and e[1] == ("Mike Pompeo",) and e[2] == ("United Nations Security Council",) for e in found
    )
