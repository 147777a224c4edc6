"""Support told as a manner of another act (``بدعم من``، ``بإسناد من``): the actor after من backs
the subject of the clause, also when commas set the support off; when the clause has an actor
governed by a preposition before it (``تحريرها من الحوثيين وصالح بدعم من التحالف``), whom it backs
is not plain, and no one is said to be backed. Found in a random sample of corpus events (seed 38:
Walesa "supported" the United States). And names a place or a council only looks like: ``مسقط
رأسه`` (his birthplace, not Muscat), ``ولايتي فارياب وقندوز`` (the two provinces of, not Velayati),
``مجلس الأمن القومي`` (a national security council, not the UN's)."""

from __future__ import annotations

from extracted import events

from kg.pipeline import extract


def _support(text: str) -> list[tuple]:
    return [e for e in events(text) if e[0] == "SUPPORT"]


def test_the_actor_after_min_backs_the_subject():
    found = _support("وتقدمت قوات سوريا الديمقراطية نحو الرقة بدعم من التحالف الدولي.")
    assert [(e[1], e[2]) for e in found] == [(("Global Coalition against ISIS",), ("Syrian Democratic Forces",))]


def test_a_support_set_off_by_commas_backs_the_subject_before_them():
    found = _support("ويستعد حزب الاتحاد الوطني الكردستاني، بدعم من إيران، لخوض المعركة في كركوك.")
    assert [(e[1], e[2]) for e in found] == [(("Iran",), ("Patriotic Union of Kurdistan",))]


def test_no_one_is_backed_after_an_actor_governed_by_a_preposition():
    text = "وصل رئيس الوزراء إلى عدن منذ تحريرها من الحوثيين والرئيس السابق علي عبدالله صالح بدعم من التحالف العربي."
    assert not [e for e in _support(text) if "Ali Abdullah Saleh" in e[2]]


def test_a_birthplace_is_no_capital():
    doc = extract("قرر الجنرال التوجه إلى الشمال حيث مسقط رأسه.", "t", "2015-08-04")
    assert "muscat" not in [m.entity_id for m in doc.mentions]
    assert "muscat" in [m.entity_id for m in extract("وصل الوزير إلى مسقط في زيارة رسمية.", "t").mentions]


def test_a_dual_before_places_is_no_surname():
    doc = extract("وسقطت ولايتي فارياب وقندوز بيد مقاتلي طالبان.", "t", "2015-08-04")
    assert all(e.type != "Person" for e in doc.entities)
    doc = extract("وقال ولايتي إن إيران لن تتراجع.", "t", "2015-08-04")
    assert [e.label_en for e in doc.entities if e.type == "Person"] == ["Ali Akbar Velayati"]


def test_a_national_security_council_is_not_the_united_nations():
    doc = extract("وقرر الرئيس ذلك بموافقة أعضاء مجلس الأمن القومي.", "t", "2015-08-04")
    assert "un_security_council" not in [m.entity_id for m in doc.mentions]
    doc = extract("ودعا مجلس الأمن الدولي إلى وقف القتال.", "t", "2015-08-04")
    assert "un_security_council" in [m.entity_id for m in doc.mentions]


def test_backing_named_right_after_the_noun():
    # stop 33, random sample of S events (seed 49): بمساندة X had made the Turkish forces back the FSA
    found = _support("حيث تشن القوات التركية عمليات عسكرية ضد مقاتلين أكراد بمساندة قوات الجيش السوري الحر.")
    assert [(e[1], e[2]) for e in found] == [(("Free Syrian Army",), ("forces (Türkiye)",))]
    assert [(e[1], e[2]) for e in _support("وتقدمت القوات العراقية بدعم أمريكي نحو الموصل.")] == [
        (("United States",), ("forces (Iraq)",))
    ]
    assert not [e for e in _support("وتتهم أنقرة القس بدعم جماعة غولن.") if "Gülen movement" in e[1]]
