"""Positions in time: the role of a known person on a given day, from the dated reference
positions and the lexicon; links and positions files are checked when loaded."""

from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.lexicon import actors, positions, tsv
from kg.lexicon.actors import ActorEntry, gazetteer
from kg.lexicon.positions import Held, held_on, rank, valid_on


def roles(key: str, day: str | None) -> list[str]:
    return [h.role for h in held_on(gazetteer().entries[key], day)]


def test_the_role_is_the_one_valid_on_the_day_not_todays():
    # Mohammed bin Salman: defence minister from January 2015 (reference), deputy crown prince from
    # April 2015 (positions_curated.tsv), crown prince only from June 2017
    assert roles("mohammed_bin_salman", "2015-03-03") == ["Minister of Defence"]
    assert roles("mohammed_bin_salman", "2015-05-03") == ["Minister of Defence", "Deputy Crown Prince"]
    assert roles("mohammed_bin_salman", "2018-05-03") == ["Crown Prince", "Minister of Defence"]


def test_an_office_left_before_the_day_is_no_role():
    # al-Maliki's premiership ended in 2014; the reference data dates it, the lexicon may not give it
    assert roles("nouri_al_maliki", "2015-07-21") == []
    assert roles("ali_abdullah_saleh", "2015-07-21") == []


def test_reference_positions_say_where_they_come_from():
    (held,) = held_on(gazetteer().entries["abdelkader_messahel"], "2018-05-16")
    assert held.origin == "wikidata" and held.source.startswith("algeria-cabinet:")
    assert held.start <= "2018-05-16" <= held.end


def test_curated_positions_say_where_they_come_from():
    held = {h.role: h for h in held_on(gazetteer().entries["muhammad_bin_nayef"], "2016-01-10")}
    crown = held["Crown Prince"]
    assert (crown.origin, crown.source, crown.start, crown.end) == (
        "lexicon",
        "positions_curated.tsv",
        "2015-04-29",
        "2017-06-21",
    )


def test_without_a_date_only_a_single_position_is_given():
    assert roles("donald_trump", None) == ["President"]  # one position in the reference data
    assert roles("mohammed_bin_salman", None) == []  # crown prince, defence minister: which one?


def test_a_profession_without_years_holds_at_any_time():
    entry = ActorEntry("x", "Person", "س", "X", roles=("footballer",), role_en="footballer")
    assert [h.role for h in held_on(entry, "2015-01-01")] == ["footballer"]
    assert [h.origin for h in held_on(entry, None)] == ["lexicon"]


def test_a_lexicon_role_holds_only_within_its_years():
    entry = ActorEntry("x", "Person", "س", "X", roles=("Envoy",), role_en="Envoy", start="2012", end="2014")
    assert [h.role for h in held_on(entry, "2013-06-01")] == ["Envoy"]
    assert held_on(entry, "2016-06-01") == []


@pytest.mark.parametrize(
    "start, end, day, valid",
    [
        ("2015-01-23", None, "2015-01-23", True),
        ("2015-01-23", None, "2015-01-22", False),
        ("2015-01-23", "2017-06-21", "2017-06-21", True),
        ("2015-01-23", "2017-06-21", "2017-06-22", False),
        ("2019", None, "2019-01-01", True),  # a year-only start covers the whole year
        ("2013-06", "2014", "2014-12-31", True),
        (None, "2014", "2015-01-01", False),
        (None, None, "2015-01-01", False),  # a position with no dates is never known to hold
    ],
)
def test_partial_dates_are_read_in_the_holders_favour(start, end, day, valid):
    assert valid_on(Held("Minister", "wikidata", "x", start, end), day) is valid


def test_seniority_ranks_a_king_above_a_prime_minister_and_a_minister():
    ordered = sorted(["Minister of Finance", "Prime Minister", "King"], key=rank)
    assert ordered == ["King", "Prime Minister", "Minister of Finance"]
    assert rank("Envoy", ("Envoy", "King")) < rank("King", ("Envoy", "King"))  # the lexicon's order first


def _data(tmp_path, monkeypatch, **files: str) -> None:
    """The lexicon's data files in tmp_path, with ``files`` replaced."""
    for path in Path(str(tsv.DATA)).glob("*.tsv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(tsv, "DATA", tmp_path)


def test_a_position_with_a_malformed_date_is_refused(tmp_path, monkeypatch):
    _data(
        tmp_path,
        monkeypatch,
        **{"positions.tsv": "wikidata\tid\tposition\tstart\tend\tsource\nQ1\tx\tKing\t23/01/2015\t\tx:y\n"},
    )
    positions.positions.cache_clear()
    try:
        with pytest.raises(LexiconError, match="positions.tsv:2: start '23/01/2015' is not a date"):
            positions.positions()
    finally:
        positions.positions.cache_clear()


def test_a_link_to_an_unknown_lexicon_id_is_refused(tmp_path, monkeypatch):
    _data(tmp_path, monkeypatch, **{"wikidata_people.tsv": "id\twikidata\tevidence\nno_such_person\tQ42\ten\n"})
    with pytest.raises(LexiconError, match="'no_such_person' is no lexicon entry"):
        actors.build()


def test_a_link_that_contradicts_a_curated_qid_is_refused(tmp_path, monkeypatch):
    # donald_trump's curated QID is Q22686: the import may not say otherwise
    _data(tmp_path, monkeypatch, **{"wikidata_people.tsv": "id\twikidata\tevidence\ndonald_trump\tQ42\ten\n"})
    with pytest.raises(LexiconError, match="'donald_trump' is Q42 here but Q22686 in the curated lexicon"):
        actors.build()
