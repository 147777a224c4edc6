"""A feminine circumstantial participle after a comma (``…، متهمة إياه``، ``…، محذرة من``) is the
main clause subject's act, as the masculine one is (``…، متهما طهران``); a noun of the same
letters (``مدينة`` a city, not "condemning"; ``متوسطة`` a school) is none."""

from __future__ import annotations

from tests.extract.extracted import events


def test_feminine_participle_with_detached_pronoun_accuses() -> None:
    found = events("وطردت الحكومة الإسرائيلية مدير المنظمة عمر شاكر، متهمة إياه بدعم المقاطعة.")
    assert any(t == "ACCUSE" and s == ("Israel",) for t, s, _o, _m in found), found


def test_feminine_participle_with_named_recipient() -> None:
    found = events("ونفت السعودية تلك الاتهامات، متهمة قطر باستغلال القضية لأهداف سياسية.")
    assert ("ACCUSE", ("Saudi Arabia",), ("Qatar",), "asserted") in found, found


def test_a_city_after_a_comma_condemns_no_one() -> None:
    found = events("وزار وفد أمريكي، الخميس، مدينة منبج السورية.")
    assert not [e for e in found if e[0] == "ACCUSE"], found
    found = events("وقالت رئيسة البلدية إن الحرية مبدأ أساسي، ومدينة باريس متمسكة به.")
    assert not [e for e in found if e[0] == "ACCUSE"], found


def test_a_feminine_noun_without_a_comma_is_no_participle() -> None:
    found = events("وقالت الشرطة إن امرأة متهمة بالسرقة فرت من السجن.")
    assert not [e for e in found if e[0] == "ACCUSE"], found


def test_plural_participle_after_a_comma_is_the_subjects_act() -> None:
    found = events("وتظاهر مئات النازحين أمام مقر الأمم المتحدة في أربيل، منتقدين المجتمع الدولي لتجاهله معاناتهم.")
    assert any(t == "ACCUSE" and o == ("international community",) for t, _s, o, _m in found), found


def test_plural_participle_without_a_comma_is_the_accused() -> None:
    found = events("وأحالت النيابة خمسة متهمين بالتجسس لصالح إيران إلى المحكمة.")
    assert all(t != "ACCUSE" for t, _s, _o, _m in found), found


def test_setting_a_condition_is_a_demand() -> None:
    found = events("واشترط الرئيس الأفغاني أشرف غني أن تلتزم حركة طالبان بوقف عملياتها القتالية.")
    assert any(t == "REQUEST" and s == ("Ashraf Ghani",) for t, s, _o, _m in found), found


def test_a_participle_form_before_an_adjective_is_a_noun() -> None:
    found = events("ورفض الحوثيون مرارا مقترحا أمميا لتحييد ميناء الحديدة.")
    assert all(t != "AGREE" for t, _s, _o, _m in found), found
    found = events("وأحصى المرصد مقتل 20 شخصا بينهم 12 مقاتلا عراقيا.")
    assert all(t != "ASSAULT" or s != ("Syrian Observatory for Human Rights",) for t, s, _o, _m in found), found


def test_a_participle_before_a_country_name_is_a_participle() -> None:
    found = events("وانتقد وزير الخارجية البريطاني موسكو بشدة متهما روسيا بالتدخل في الانتخابات.")
    assert any(t == "ACCUSE" and o == ("Russia",) for t, _s, o, _m in found), found
