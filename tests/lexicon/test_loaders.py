"""The lexicon data files load, meet their schema, and reject malformed rows clearly."""

from collections import Counter

import pytest

from kg.arabic.clitics import Clitic
from kg.errors import LexiconError
from kg.lexicon import actors, markers, tsv
from kg.lexicon.actors import gazetteer, nisba_forms
from kg.lexicon.dates import date_words
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


# ---------------------------------------------------------------- words as data


def test_every_declared_kind_of_words_has_words_in_its_file():
    for name, kinds in markers.KINDS.items():
        words = markers.written(name)
        assert [k for k in kinds if not words[k]] == [], name


def test_a_word_of_an_undeclared_kind_is_refused_with_its_line(tmp_path, monkeypatch):
    monkeypatch.setattr(tsv, "DATA", tmp_path)
    _write(tmp_path, "markers.tsv", "word\tkind\nلم\tnegation\nقد\tnegatoin\n")
    with pytest.raises(LexiconError, match=r"markers.tsv:3: kind 'negatoin' is not one of negation, future"):
        markers.written.__wrapped__("markers.tsv")


def test_markers_are_folded_and_phrases_kept_apart():
    assert "الي" in markers.markers()["preposition"]  # إلى, folded
    assert ("من", "قبل") in markers.marker_phrases()["agent_by"]
    assert "من قبل" not in markers.markers()["agent"]


def test_name_stop_words_keep_their_written_form():
    stop = markers.written(markers.NAME_WORDS)["stop"]
    assert "على" in stop and "علي" not in stop  # folded, the preposition would be the name Ali


def test_date_words_know_both_calendars_and_relative_days():
    words = date_words()
    assert sorted(set(words.months.values())) == list(range(1, 13))
    assert words.hijri_months["رمضان"] == 9
    assert dict(words.relative)["امس"] == -1
    assert words.weekdays["الجمعه"] == 4


def test_a_date_word_without_a_number_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(tsv, "DATA", tmp_path)
    _write(tmp_path, "dates.tsv", "word\tkind\tvalue\nمارس\tmonth\tthree\n")
    with pytest.raises(LexiconError, match=r"dates.tsv:2: value 'three' of a month is not a number"):
        date_words.__wrapped__()


def test_group_roles_come_from_the_actor_data_not_from_ids():
    g = gazetteer()
    assert g.entries["group_protesters_2"].group == "protesters"
    assert g.entries["group_gunmen"].group == "armed"
    assert g.entries["group_police"].group == ""  # a group without a role
    assert g.entries[g.by_iso["DZ"]].group is None  # no group at all
    assert g.implicit_agents == {
        "PROTEST": "group_protesters",
        "ASSAULT": "group_attackers",
        "COERCE": "group_attackers",
        "MOBILIZE": "group_forces",
    }


@pytest.mark.parametrize(
    "role, agent_of, message",
    [
        ("violent", "", "group_role 'violent' is not one of protesters, armed"),
        ("armed", "ATTACK", "agent_of 'ATTACK' is not a PLOVER type"),
        ("armed", "PROTEST", "PROTEST already has an implicit actor, 'group_x'"),
    ],
)
def test_a_malformed_group_row_is_refused(role, agent_of, message):
    g = actors.Gazetteer(implicit_agents={"PROTEST": "group_x"})
    row = {"id": "group_y", "group_role": role, "agent_of": agent_of, "_line": "actors_groups.tsv:9"}
    with pytest.raises(LexiconError, match=message):
        actors._group(g, row)


def test_the_counted_crowd_predicate_is_data_and_never_a_trigger():
    lex = predicate_lexicon()
    crowd = lex.entries["crowd_counted"]
    assert (crowd.type, crowd.actor, crowd.confidence) == ("PROTEST", "protesters", 0.6)
    forms = [f for fs in lex.forms.values() for f in fs] + [f for fs in lex.phrases.values() for f in fs]
    assert all(f.predicate.id != "crowd_counted" for f in forms)
    assert lex.entries["crowd_march"].actor == "protesters" and lex.entries["visit"].actor is None


@pytest.mark.parametrize(
    "word, kind, clitic, found",
    [
        ("وقال", "speech", Clitic.CONJ, "قال"),
        ("ولا", "negation", Clitic.CONJ_SHORT, "لا"),
        ("ولا", "negation", Clitic.CONJ, ""),
        ("وفي", "preposition", Clitic.CONJ_SHORT, "في"),
        ("لو", "conditional", Clitic.ANY, "لو"),
        ("بالازمه", "abstract", Clitic.WA_BA, "الازمه"),
    ],
)
def test_a_marker_is_found_with_the_clitic_its_rule_allows(word, kind, clitic, found):
    assert markers.find_marker(word, kind, clitic) == found
    assert markers.has_marker(word, kind, clitic) == bool(found)


def test_imported_office_holders_carry_their_qid_and_take_no_curated_name():
    g = gazetteer()
    assert len(g.imported) >= 300
    for key in g.imported:
        assert g.entries[key].wikidata and g.entries[key].type == "Person"
    owners = {toks: key for toks, (key, _kind) in g.forms.items()}
    curated = actors.build(imported=False)
    for toks, (key, _kind) in curated.forms.items():
        assert owners[toks] not in g.imported, f"{' '.join(toks)} is curated ({key})"


def test_imported_office_holders_are_found_by_their_full_name_only():
    g = gazetteer()
    for toks, (key, _kind) in g.forms.items():
        if key in g.imported:
            assert len(toks) >= 2, f"an imported name of one word: {toks}"


def test_wikidata_links_fill_the_curated_entries():
    g = gazetteer()
    linked = [e for e in g.entries.values() if e.type == "Person" and e.wikidata and e.key not in g.imported]
    assert len(linked) >= 400
    assert g.entries["abdelkader_messahel"].wikidata == "Q5654785"  # joined on name, country, dates, role


# ---------------------------------------------------------------- Wikidata identifiers


def test_no_qid_of_the_actor_lexicon_names_two_different_actors():
    # one QID, one actor: rows that share one must be aliases of one entity (the same English
    # name, as Singapore the country and the city), never two organizations or two people
    by_qid: dict[str, set[str]] = {}
    for e in gazetteer().entries.values():
        if e.wikidata:
            by_qid.setdefault(e.wikidata, set()).add(e.label_en)
    assert {q: names for q, names in by_qid.items() if len(names) > 1} == {}


def test_generic_groups_carry_no_qid():
    # المتظاهرون، القوات الإسرائيلية: what a group is, not one actor of Wikidata
    assert [e.key for e in gazetteer().entries.values() if e.group is not None and e.wikidata] == []


def test_organizations_of_government_carry_their_qid():
    g = gazetteer()
    assert (g.entries["white_house"].wikidata, g.entries["us_state_department"].wikidata) == ("Q35525", "Q789915")


def test_the_confirmation_record_and_the_lexicon_agree():
    # every organization QID confirmed in kg/lexicon/data/wikidata_orgs.md is the one its lexicon
    # row carries (the record is what `linking_report check` holds organizations to)
    import re
    from pathlib import Path

    record = Path(__file__).resolve().parents[2] / "kg" / "lexicon" / "data" / "wikidata_orgs.md"
    rows = re.findall(r"^\| ([a-z0-9_]+) \| (Q\d+) \|", record.read_text(encoding="utf-8"), re.M)
    assert len(rows) >= 16
    g = gazetteer()
    assert {key: g.entries[key].wikidata for key, _ in rows} == dict(rows)


def test_a_surname_that_is_a_common_noun_is_no_surname():
    # Eitan Na'eh (إيتان نائيه): نائية is "remote" (مناطق نائية), not Mr Na'eh
    from kg.arabic.normalize import fold

    g = gazetteer()
    assert g.forms[tuple(fold("إيتان نائيه").split())][0] == "eitan_naeh"
    assert (fold("نائية"),) not in g.forms


def test_a_retype_names_a_kind_of_recipient_and_a_predicate_that_exists(tmp_path, monkeypatch):
    from kg.lexicon import predicates

    lex = predicate_lexicon()
    assert lex.entries["halt"].retype == (("people", "custody"),)
    assert lex.entries["expel"].retype == (("armed", "drive_out"),)
    header = "\t".join(predicates.COLUMNS)
    monkeypatch.setattr(tsv, "DATA", tmp_path)
    _write(tmp_path, "predicates.tsv", f"{header}\nhalt\tSANCTION\t\t160\thalted\tأوقف\tأوقف" + "\t" * 10 + "ships:x\n")
    with pytest.raises(LexiconError, match=r"predicates.tsv:2: retype 'ships:x' is not kind:predicate"):
        predicates.build()
    _write(
        tmp_path,
        "predicates.tsv",
        f"{header}\nhalt\tSANCTION\t\t160\thalted\tأوقف\tأوقف" + "\t" * 10 + "people:nowhere\n",
    )
    with pytest.raises(LexiconError, match=r"halt is retyped as 'nowhere', which is no predicate's id"):
        predicates.build()
