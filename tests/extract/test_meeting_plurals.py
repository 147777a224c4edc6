"""The plurals of the verbal nouns of meeting (``اجتماعات``، ``لقاءات``) are meetings as the
singular is; in a report of friendly football matches (``لقاءاته الودية``، ``بهدفين``) they are
games, not meetings. ``اتصالات`` stays out: in news it is as often telecommunications."""

from __future__ import annotations

from tests.extract.extracted import events


def test_plural_meetings_with_someone_are_meetings() -> None:
    found = events("وعقد وزير الخارجية الأمريكي مايك بومبيو لقاءات مع الرئيس المصري عبد الفتاح السيسي في القاهرة.")
    assert any(t == "CONSULT" and "Abdel Fattah el-Sisi" in s + o for t, s, o, _m in found), found
    found = events("وأجرى وفد حركة حماس اجتماعات مع مسؤولين مصريين في القاهرة أمس.")
    assert any(t == "CONSULT" for t, _s, _o, _m in found), found


def test_friendly_matches_are_no_meetings() -> None:
    assert events("وفاز فريق الاتحاد على منافسه الإماراتي بهدفين في ثاني لقاءاته الودية بالنمسا.") == []


def test_telecommunications_are_no_calls() -> None:
    found = events("وأعلن التحالف تدمير شبكة اتصالات تابعة للحوثيين في صعدة.")
    assert all(t != "CONSULT" for t, _s, _o, _m in found), found


def test_hosting_the_olympic_games_is_no_visit() -> None:
    found = events("وتستضيف طوكيو دورة الألعاب الأولمبية الصيفية عام 2020، ثم تستضيف بكين الأولمبياد الشتوي.")
    assert all(t != "CONSULT" for t, _s, _o, _m in found), found
