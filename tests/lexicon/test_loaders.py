"""The lexicon data files load, meet their schema, and reject malformed rows clearly."""

from collections import Counter

import pytest

from kg.errors import LexiconError
from kg.lexicon import tsv
from kg.lexicon.actors import gazetteer, nisba_forms
from kg.lexicon.predicates import imperfect_forms, masdar_forms, perfect_forms, predicate_lexicon
from kg.model import PLOVER_TYPES


def test_actor_lexicon_has_hundreds_of_curated_entries_of_every_type():
    entries = gazetteer().entries.values()
    curated = [e for e in entries if e.type in ("Person", "Organization")]
    assert len(curated) >= 400
    assert Counter(e.type for e in entries).keys() >= {"Person", "Country", "Organization", "Place"}


def test_every_country_of_iso_3166_is_known_with_arabic_names():
    g = gazetteer()
    assert len(g.by_iso) >= 240
    algeria = g.entries[g.by_iso["DZ"]]
    assert (algeria.label_ar, algeria.label_en, algeria.wikidata) == ("الجزائر", "Algeria", "Q262")


def test_predicate_lexicon_covers_all_sixteen_plover_types():
    lex = predicate_lexicon()
    assert len(lex.entries) >= 300
    assert {p.type for p in lex.entries.values()} == set(PLOVER_TYPES)


@pytest.mark.parametrize(
    "stem, forms",
    [
        ("جزائري", {"الجزائري", "الجزائريه", "جزائريون", "الجزائريين", "جزائريا"}),
        ("كوري شمالي", {"الكوريه الشماليه", "كوري شمالي"}),
    ],
)
def test_nisba_inflections_are_generated_by_rule(stem, forms):
    assert forms <= set(nisba_forms(stem))


def test_verb_inflections_are_generated_by_rule():
    assert {"زار", "زارت", "زاروا", "زرنا"} <= {f for f, _ in perfect_forms("زار")}
    assert {"التقي", "التقت", "التقوا"} <= {f for f, _ in perfect_forms("التقي")}
    assert {"يزور", "تزور", "نزور", "يزورون"} <= {f for f, _ in imperfect_forms("يزور")}
    assert ("يزر", "j3") in imperfect_forms("يزور")  # the jussive, read only after لم
    assert {"زياره", "زيارات", "زيارته", "زيارتها"} <= set(masdar_forms("زياره"))
    assert {"لقائه"} <= set(masdar_forms("لقاء"))


def _write(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")


def test_a_file_with_a_wrong_header_names_the_expected_columns(tmp_path, monkeypatch):
    monkeypatch.setattr(tsv, "DATA", tmp_path)
    _write(tmp_path, "x.tsv", "# comment\nid\tname\n")
    with pytest.raises(LexiconError, match=r"x.tsv:2: header .* expected \['id', 'type'\]"):
        list(tsv.read_rows("x.tsv", ("id", "type")))


def test_a_row_with_too_many_fields_names_file_and_line(tmp_path, monkeypatch):
    monkeypatch.setattr(tsv, "DATA", tmp_path)
    _write(tmp_path, "x.tsv", "id\ttype\na\tb\tc\n")
    with pytest.raises(LexiconError, match=r"x.tsv:2: 3 fields, expected 2"):
        list(tsv.read_rows("x.tsv", ("id", "type")))


def test_a_malformed_wikidata_id_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(tsv, "DATA", tmp_path)
    _write(tmp_path, "x.tsv", "id\twikidata\na\tq262\n")
    with pytest.raises(LexiconError, match="not a Wikidata id"):
        list(tsv.read_rows("x.tsv", ("id", "wikidata")))


def test_a_required_empty_field_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(tsv, "DATA", tmp_path)
    _write(tmp_path, "x.tsv", "id\ttype\n\tPerson\n")
    with pytest.raises(LexiconError, match="field 'id' is empty"):
        list(tsv.read_rows("x.tsv", ("id", "type"), ("id",)))


def test_a_missing_optional_file_yields_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(tsv, "DATA", tmp_path)
    assert list(tsv.read_rows("absent.tsv", ("id",))) == []
