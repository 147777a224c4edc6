"""A person set off by commas after the unnamed description that follows a verb is the verb's
subject (``دعا رجل الدين …، فلان، …``), not an actor of an earlier sentence."""

from __future__ import annotations

from tests.extract.extracted import events


def _by(text: str, type_: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(src, tgt) for t, src, tgt, _ in events(text) if t == type_]


def test_apposed_person_after_description_is_the_subject() -> None:
    text = (
        "قالت وزيرة الخارجية الروسية إن بلادها مستعدة للحوار. "
        "وانتقد رجل الدين العراقي، مقتدى الصدر، السبت، الحكومة الإيرانية."
    )
    found = _by(text, "ACCUSE")
    assert found and found[0][0] == ("Muqtada al-Sadr",), found
    assert found[0][1] == ("Iran",), found


def test_apposed_subject_of_a_call() -> None:
    text = (
        "قال وزير الخارجية الأمريكي إن بلاده تراقب الوضع. "
        "ودعا رجل الدين العراقي، مقتدى الصدر، الخميس، الحكومة إلى الهدوء."
    )
    assert [src for src, _ in _by(text, "REQUEST")] == [("Muqtada al-Sadr",)]


def test_a_named_actor_right_after_the_verb_stays_the_subject() -> None:
    text = "التقى الرئيس عبد الفتاح السيسي وزير الخارجية الأمريكي، مايك بومبيو، في القاهرة."
    found = _by(text, "CONSULT")
    assert found and found[0][0] == ("Abdel Fattah el-Sisi",), found


def test_after_a_subject_the_apposed_person_is_the_object() -> None:
    text = "الحكومة العراقية انتقدت رجل الدين الشيعي، مقتدى الصدر، أمس."
    found = _by(text, "ACCUSE")
    assert found and found[0][1] == ("Muqtada al-Sadr",), found
    assert found[0][0] != ("Muqtada al-Sadr",), found


def test_a_day_between_the_verb_and_its_subject() -> None:
    text = (
        "وقالت الحكومة اللبنانية إنها تتابع الوضع، ودعا الجمعة الأمين العام لحزب الله حسن نصر الله أنصاره إلى الهدوء."
    )
    found = _by(text, "REQUEST")
    assert found and found[0][0] == ("Hassan Nasrallah",), found
