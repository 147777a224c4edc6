"""A verb with a plural or dual subject ending (``قاتلوا``، ``يطالبون``، ``طالبا``) holds its
subject: a verb before its subject stays singular in Arabic, so the actor right after such a
verb is its object, never its subject."""

from __future__ import annotations

from tests.extract.extracted import events


def _sources(text: str, type_: str) -> list[tuple[str, ...]]:
    return [s for t, s, _o, _m in events(text) if t == type_]


def test_plural_verb_after_relative_pronoun_does_not_take_its_object_as_subject() -> None:
    text = "ويبقى السؤال عن مصير الشبان الذين قاتلوا تنظيم داعش لسنوات."
    assert ("Islamic State",) not in _sources(text, "ASSAULT"), events(text)


def test_plural_imperfect_after_that() -> None:
    text = "وأكد المشاركون في اللقاء أنهم يطالبون الدول الأوروبية بالضغط على إيران."
    assert ("Western countries",) not in _sources(text, "REQUEST"), events(text)


def test_plural_attack_verb_after_unnamed_attackers() -> None:
    text = "وذكرت الشرطة البريطانية أن أشخاصا هاجموا السفارة الإيرانية في لندن أمس."
    assert ("Iran",) not in _sources(text, "ASSAULT"), events(text)


def test_singular_verb_keeps_the_subject_after_it() -> None:
    text = "وطالب الاتحاد الأوروبي إيران بالإفراج عن المعتقلين."
    assert ("REQUEST", ("European Union",), ("Iran",), "asserted") in events(text)
