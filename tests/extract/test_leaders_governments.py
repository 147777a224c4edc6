"""A government named by who heads it (``إدارة ترامب``، ``حكومة نتنياهو``، ``نظام الرئيس بشار
الأسد``) is that state, as an actor and as a recipient: the person is not the actor. A leader's
former government too (``إدارة أوباما`` in 2018: its acts were the state's). A person who never
headed a state keeps their name, and a leader named without such a word stays a person."""

from __future__ import annotations

from extracted import events


def test_an_administration_named_by_its_president_is_the_state():
    found = events("اتهمت إدارة ترامب إيران بدعم الإرهاب.", "2018-05-01")
    assert ("ACCUSE", ("United States",), ("Iran",), "asserted") in found


def test_a_government_named_by_its_prime_minister_is_the_state():
    found = events("اتهمت حكومة نتنياهو إيران بدعم الإرهاب.", "2018-05-01")
    assert any(e[0] == "ACCUSE" and e[1] == ("Israel",) for e in found)


def test_a_title_may_stand_between_the_word_and_the_leader():
    found = events("وانتقد لافروف إدارة الرئيس ترامب.", "2018-05-01")
    assert any(e[0] == "ACCUSE" and e[2] == ("United States",) for e in found)
    found = events("واتهمت فرنسا نظام الرئيس بشار الأسد باستخدام الأسلحة الكيميائية.", "2018-05-01")
    assert all("Bashar al-Assad" not in e[2] for e in found)
    assert any(e[0] == "ACCUSE" and e[2] == ("Syria",) for e in found)


def test_a_former_leaders_administration_is_the_state_too():
    found = events("وكانت إدارة أوباما قد وقعت الاتفاق مع إيران.", "2018-05-01")
    assert any(e[1] == ("United States",) for e in found)


def test_a_leader_named_alone_is_the_person():
    found = events("اتهم ترامب إيران بدعم الإرهاب.", "2018-05-01")
    assert any(e[0] == "ACCUSE" and e[1] == ("Donald Trump",) for e in found)
