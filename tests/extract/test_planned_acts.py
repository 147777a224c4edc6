"""An adjective of planning right after the noun of an act (``القمة المقررة``، ``الزيارة
المقترحة``، past nationalities: ``القمة الأمريكية الكورية المقررة``) makes the act one to come
(a meeting to come is AGREE, PLOVER's rule); what is done to the planned act is not (``إلغاء القمة
المقررة`` is a cancellation done)."""

from __future__ import annotations

from extracted import events


def test_a_planned_summit_is_one_to_come():
    for text in (
        "وتعقد القمة المقررة بين ترامب وكيم جونغ أون في سنغافورة.",
        "وتعقد القمة الأمريكية الكورية المقررة بين ترامب وكيم جونغ أون في سنغافورة.",
    ):
        summits = [e for e in events(text) if "Kim Jong-un" in e[1] + e[2]]
        assert summits and all(e[0] == "AGREE" and e[3] == "future" for e in summits)


def test_cancelling_a_planned_summit_is_done():
    found = events("أعلن الرئيس الأمريكي دونالد ترامب إلغاء القمة المقررة مع الزعيم الكوري الشمالي كيم جونغ أون.")
    assert any(e[0] == "SANCTION" and e[3] == "asserted" for e in found)


def test_a_meeting_in_a_future_relative_clause_is_one_to_come():
    text = "وتنتظر الأوساط السياسية نتائج الاجتماع الذي سيعقد بين ترامب وكيم جونغ أون في سنغافورة."
    meetings = [e for e in events(text) if "Kim Jong-un" in e[1] + e[2]]
    assert meetings and all(e[3] == "future" for e in meetings), meetings


def test_a_meeting_in_a_past_relative_clause_is_done():
    text = "وتنتظر الأوساط السياسية نتائج الاجتماع الذي عقد بين ترامب وكيم جونغ أون في سنغافورة."
    meetings = [e for e in events(text) if "Kim Jong-un" in e[1] + e[2]]
    assert meetings and all(e[0] == "CONSULT" and e[3] == "asserted" for e in meetings), meetings


def test_an_expected_visit_is_one_to_come():
    found = events("ومن المنتظر أن يزور وزير الخارجية الإيراني قطر والكويت يوم الأحد.")
    visits = [e for e in found if "Qatar" in e[2]]
    assert visits and all(e[3] == "future" for e in visits), found


def test_an_intended_meeting_past_a_long_name_is_not_held():
    # stop 33, random sample of corpus events (seed 47): يعتزم … عقد اجتماع had also given a meeting held
    found = events("ويعتزم الرئيس الكوري الجنوبي مون جاي-إن عقد اجتماع مع ترامب في واشنطن يوم الثلاثاء.", "2018-05-22")
    assert not [e for e in found if e[0] == "CONSULT" and e[3] == "asserted"]
    assert any(e[1] == ("Moon Jae-in",) for e in found)
