"""Attending (``حضر``) is no event of its own: who attended a reception, a ceremony or a meeting
(``وحضر الاستقبال الأمير محمد بن سلمان``) is listed, not consulting anyone, and ``تحضر`` also
means preparing. The meeting itself is read from its own words. A name right after a noun with the
article or a pronoun is no possessor of it (``الاستقبال الأمير``، ``لقائه الحوثيين``); a word that
is also a verb with its object pronoun then has that name as subject (``خطوة أدانتها واشنطن``)."""

from __future__ import annotations

from extracted import events


def test_who_attended_a_reception_consults_no_one():
    assert all(
        e[0] != "CONSULT" for e in events("وحضر الاستقبال الأمير محمد بن سلمان ولي العهد ووزير الخارجية عادل الجبير.")
    )


def test_the_meeting_attended_is_still_read():
    found = events(
        "واجتمع ولي العهد السعودي الأمير محمد بن سلمان بوزير الخارجية الأمريكي مايك بومبيو، وحضر الاجتماع عادل الجبير."
    )
    assert any(e[0] == "CONSULT" and e[1] == ("Mohammed bin Salman",) and e[2] == ("Mike Pompeo",) for e in found)


def test_a_name_after_a_noun_with_a_pronoun_is_no_possessor():
    found = events("وقال الوفد الأوروبي بعد لقائه الحوثيين في صنعاء إن الوضع صعب.")
    assert all(e[1] != ("Houthis",) for e in found)


def test_a_verb_with_its_object_pronoun_takes_the_subject_after_it():
    found = events("وكانت إسرائيل رفضت منح الناشط تصريح إقامة، في خطوة أدانتها الولايات المتحدة.")
    assert any(e[0] == "ACCUSE" and e[1] == ("United States",) for e in found)
