"""A comma and a word that opens a part of the sentence of its own (``، فيما``، ``، بينما``، ``، وفق ما
أفاد``، ``، بحسب``) end the clause in which a verb looks for its recipient: what follows is a
second event with its own parties, or whom the report is from."""

from __future__ import annotations

from extracted import events


def test_the_parties_of_a_clash_after_while_are_not_the_recipient_of_the_shelling_before():
    found = events("وقصفت ميليشيات الحوثي الأحياء السكنية في تعز، فيما اندلعت اشتباكات بين المقاومة الشعبية والجيش.")
    shelling = [e for e in found if e[0] == "ASSAULT" and e[1] == ("Houthis",)]
    assert shelling and all("Popular Resistance (Yemen)" not in e[2] for e in shelling)
    assert any(e[2] == ("Taiz",) for e in shelling)


def test_the_outlet_a_report_is_from_is_not_the_recipient():
    found = events('قصفت المدفعية التركية قرى في كردستان العراق، وفق ما أفاد مراسل "سكاي نيوز عربية" في أربيل.')
    assert any(e[0] == "ASSAULT" and e[2] == ("Kurdistan Region",) for e in found)
    assert not any("Sky News Arabia" in e[2] for e in found)


def test_an_attribution_right_after_the_verb_is_a_parenthesis():
    found = events('لكن الرئاسة الفلسطينية حملت، حسب وسائل الإعلام الرسمية، حماس "المسؤولية عن الهجوم".')
    assert any(e[0] == "ACCUSE" and e[2] == ("Hamas",) for e in found)


def test_an_attribution_right_after_the_actor_is_a_parenthesis():
    found = events("وطالبت الحكومة المصرية، بحسب بيان رسمي، إسرائيل بوقف الاستيطان.")
    assert any(e[0] == "REQUEST" and e[2] == ("Israel",) for e in found)
