"""The sides of a fight and who was hit: a side after بين ends at من جهة, and every party of it
acts (``بين الجيش والمقاومة من جهة، والحوثيين من جهة أخرى``); a group joined by و to counted
victims is a victim too, not the author (``قتل 9 من ميليشيات الحوثي وقوات صالح في هجوم للمقاومة``)."""

from __future__ import annotations

from extracted import events


def test_a_side_named_before_min_jiha_acts_together():
    found = events("وتدور اشتباكات عنيفة بين الجيش اليمني والمقاومة الشعبية من جهة، والحوثيين من جهة أخرى في تعز.")
    clash = [e for e in found if e[0] == "ASSAULT"]
    assert clash and set(clash[0][1]) == {"Yemeni Armed Forces", "Popular Resistance (Yemen)"}
    assert clash[0][2] == ("Houthis",)


def test_without_min_jiha_the_first_party_acts_and_the_second_is_hit():
    found = events("واندلعت اشتباكات بين المقاومة الشعبية والحوثيين في تعز.")
    assert any(e[0] == "ASSAULT" and e[1] == ("Popular Resistance (Yemen)",) and e[2] == ("Houthis",) for e in found)


def test_a_group_joined_to_counted_victims_is_no_author():
    found = events("وقتل 9 من ميليشيات الحوثي وقوات صالح في هجوم للمقاومة الشعبية قرب مأرب.")
    assert not any(e[0] == "ASSAULT" and e[1] == ("Forces loyal to Ali Abdullah Saleh",) for e in found)
    assert any(e[0] == "ASSAULT" and e[1] == ("Popular Resistance (Yemen)",) for e in found)
