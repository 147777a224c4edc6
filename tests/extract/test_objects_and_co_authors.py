"""Found in a random sample of 40 corpus events (seed 39, about 16 right): a word that may be a
verb or a verbal noun right after the subject of an event verb is that verb's object, a noun
(``رفضت السلطات الأمريكية طلب ترحيله``: a request refused, not one made by the authorities); after
a name with no verb before it, a verb may still stand (``إن الولايات المتحدة طلبت``). Those with
whom the author of an attack did it (``الضربات التي نفذتها الولايات المتحدة مع فرنسا وبريطانيا``)
did it too, but the other side of an accord made with someone is its partner. ``مستقبلا`` is "in
the future", not "receiving"."""

from __future__ import annotations

from extracted import events


def test_a_noun_after_the_subject_of_an_event_verb_is_its_object():
    found = events("ويقيم المعارض في الولايات المتحدة، حيث رفضت السلطات الأمريكية طلب تسليمه إلى تركيا.")
    assert not [e for e in found if e[0] == "REQUEST"]
    assert [e for e in found if e[0] == "REJECT"]


def test_a_verb_after_a_name_with_no_verb_before_it_is_still_a_verb():
    found = events("وقال المتحدث إن الولايات المتحدة طلبت من تركيا تسليم القس الأمريكي.")
    assert [(e[1], e[2]) for e in found if e[0] == "REQUEST"] == [(("United States",), ("Türkiye",))]


def test_co_authors_of_an_attack_are_its_authors():
    text = (
        "وقالت وزارة الدفاع البريطانية إن الضربات التي نفذتها الولايات المتحدة مع فرنسا وبريطانيا استهدفت مواقع في حمص."
    )
    strikes = [e for e in events(text) if e[0] == "ASSAULT" and "France" in e[1]]
    assert strikes and all(set(e[1]) == {"United States", "France", "United Kingdom"} for e in strikes)
    assert all("United Kingdom" not in e[2] for e in strikes)


def test_the_other_side_of_an_accord_is_its_partner():
    found = events("ويعارض بولتون الاتفاق الذي أبرمته القوى الكبرى مع إيران عام 2015.")
    assert [e for e in found if e[0] == "AGREE" and "Iran" in e[2]]


def test_in_the_future_is_no_reception():
    assert not [e for e in events("وتعتمد مصر مستقبلا على السودان في استيراد اللحوم.") if e[0] == "CONSULT"]
    assert not [e for e in events("وقال إن قطر ستكون مستقبلا شريكا لتركيا.") if e[0] == "CONSULT"]


def test_an_accord_withdrawn_from_is_no_agreement():
    found = events("أعلن الرئيس الأمريكي دونالد ترامب انسحاب بلاده من الاتفاق النووي مع إيران.")
    assert [e[0] for e in found] == ["RETREAT"]
