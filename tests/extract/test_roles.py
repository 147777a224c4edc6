"""Roles in time: a person's role is the one valid on the article's date, a title the article
states wins, and every holdsPosition says where it came from and holds on that date."""

import pytest

from kg.arabic.normalize import fold
from kg.lexicon.actors import gazetteer
from kg.lexicon.positions import positions, valid_on
from kg.pipeline import extract


def person(doc, key):
    return next(e for e in doc.entities if e.id == key)


def holdings(doc, key):
    return [f for f in doc.facts if f.subject == key and f.predicate == "holdsPosition"]


def test_a_title_the_article_states_wins_over_the_reference_data():
    doc = extract("التقى ولي ولي العهد السعودي الأمير محمد بن سلمان الرئيس الروسي.", date="2015-06-18")
    mbs = person(doc, "mohammed_bin_salman")
    assert mbs.role_en == "Deputy Crown Prince" and mbs.wikidata == "Q6892571"
    stated = [f for f in holdings(doc, mbs.id) if f.origin == "article"]
    assert [f.object for f in stated] == ["Deputy Crown Prince"]
    assert doc.text[stated[0].start : stated[0].end] == "ولي ولي العهد"


def test_without_a_stated_title_the_role_is_the_one_held_on_the_articles_date():
    earlier = extract("واستقبل الأمير محمد بن سلمان وفدا روسيا.", date="2015-06-18")
    later = extract("واستقبل الأمير محمد بن سلمان وفدا روسيا.", date="2018-05-03")
    assert person(earlier, "mohammed_bin_salman").role_en == "Minister of Defence"
    assert person(later, "mohammed_bin_salman").role_en == "Crown Prince"
    (crown,) = [f for f in holdings(later, "mohammed_bin_salman") if f.object == "Crown Prince"]
    assert (crown.origin, crown.valid_from, crown.valid_to) == ("wikidata", "2017-06-21", None)
    assert crown.source.startswith("saudi-ministers:")


def test_a_former_office_is_no_position_held():
    doc = extract("وقال الرئيس اليمني السابق علي عبد الله صالح إن الحرب ستستمر.", date="2015-07-21")
    assert person(doc, "ali_abdullah_saleh").role_en == "former President"
    assert holdings(doc, "ali_abdullah_saleh") == []


def test_an_office_the_person_had_left_is_not_given():
    doc = extract("وزار نوري المالكي طهران.", date="2015-07-21")
    assert person(doc, "nouri_al_maliki").role_en is None and holdings(doc, "nouri_al_maliki") == []
    stated = extract("وزار نائب الرئيس العراقي نوري المالكي طهران.", date="2015-07-21")
    assert person(stated, "nouri_al_maliki").role_en == "Vice President"


def test_without_a_date_only_a_person_with_one_position_gets_it():
    assert person(extract("وقال دونالد ترامب إن الاتفاق سيء."), "donald_trump").role_en == "President"
    assert person(extract("واستقبل الأمير محمد بن سلمان وفدا."), "mohammed_bin_salman").role_en is None


def test_an_unknown_person_keeps_the_title_the_article_gives_with_its_origin():
    doc = extract("وقال المتحدث باسم الوزارة نبيل قعدان إن الاجتماع مثمر.", date="2018-05-16")
    (fact,) = [f for f in doc.facts if f.predicate == "holdsPosition"]
    assert fact.origin == "article" and doc.entity(fact.subject).role_en == fact.object


# Hand-built sentences with a date: every holdsPosition must hold on that date.
DATED = [
    ("التقى ولي ولي العهد الأمير محمد بن سلمان وزير الخارجية الأمريكي جون كيري.", "2015-06-18"),
    ("واستقبل الملك سلمان بن عبد العزيز رئيس الوزراء اللبناني سعد الحريري.", "2018-01-10"),
    ("وزار وزير الخارجية الجزائري عبد القادر مساهل ليبيا والتقى فايز السراج.", "2018-05-16"),
    ("وأكد مساهل دعم الجزائر لحكومة الوفاق.", "2017-07-01"),
    ("وقال الرئيس المصري عبد الفتاح السيسي إن مصر تدعم الحل السياسي.", "2016-03-01"),
    ("ورحب بوتفليقة بالاتفاق.", "2018-02-01"),
    ("وهاجم ترامب إيران.", "2016-06-01"),  # before he took office: no role
]


@pytest.mark.parametrize("text, day", DATED)
def test_every_holds_position_is_valid_on_the_articles_date(text, day):
    doc = extract(text, date=day)
    g = gazetteer()
    for f in doc.facts:
        if f.predicate != "holdsPosition":
            continue
        assert f.origin in ("article", "wikidata", "lexicon"), f
        if f.origin == "article":  # the text at the fact's offsets states that title
            words = tuple(fold(doc.text[f.start : f.end]).split())
            assert g.titles[words].role_en == f.object, f
        elif f.origin == "wikidata" or f.source == "positions_curated.tsv":
            held = [h for h in positions()[f.subject] if h.role == f.object]
            assert any(valid_on(h, day) for h in held), f
        else:
            entry = g.entries[f.subject]
            assert not entry.start or entry.start[:4] <= day[:4], f
            assert not entry.end or day[:4] <= entry.end[:4], f


def test_the_long_saudi_title_chain_names_the_deputy_crown_prince():
    # ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع: the whole chain is his title, and
    # لرئيس مجلس الوزراء is the office he deputizes, not his own
    text = "استقبل ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع الأمير محمد بن سلمان في جدة أمس الرئيس المصري."
    doc = extract(text, date="2015-07-25")
    assert person(doc, "mohammed_bin_salman").role_en == "Deputy Crown Prince"
    assert all(f.object != "Prime Minister" for f in holdings(doc, "mohammed_bin_salman"))
    label = {e.id: e.label_en for e in doc.entities}
    found = [(ev.type, [label[x] for x in ev.source], [label[x] for x in ev.target]) for ev in doc.events]
    assert ("CONSULT", ["Abdel Fattah el-Sisi"], ["Mohammed bin Salman"]) in found
