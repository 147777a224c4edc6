"""`linking_report check` for organizations: a QID is right when the lexicon's confirmation record
gives it to that actor (or to an alias row of the same English name), wrong when the record gives
it to another actor or the actor another QID, not checkable when the record does not hold it."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("linking_report", ROOT / "tools" / "linking_report.py")
lr = importlib.util.module_from_spec(SPEC)
sys.modules["linking_report"] = lr
SPEC.loader.exec_module(lr)


def org(key, qid, label_en):
    return {"id": key, "wikidata": qid, "label_en": label_en, "type": "Organization"}


def test_the_record_is_read_from_its_table():
    record = lr.org_record(ROOT / "kg" / "lexicon" / "data" / "wikidata_orgs.md")
    assert record["us_state_department"] == "Q789915"
    assert record["palestinian_authority"] == "Q42620"
    assert all(q.startswith("Q") for q in record.values())


def test_an_organization_is_checked_against_the_record():
    record = {"white_house": "Q35525", "israel_army": "Q1"}
    labels = {"white_house": "White House", "israel_army": "Israel Defense Forces"}
    assert lr.check_org(org("white_house", "Q35525", "White House"), record, labels) is None
    # an alias row of the same English name shares the confirmed QID
    assert lr.check_org(org("israeli_occupation_forces", "Q1", "Israel Defense Forces"), record, labels) is None
    assert lr.check_org(org("cia", "Q35525", "Central Intelligence Agency"), record, labels).startswith("wrong")
    assert lr.check_org(org("white_house", "Q2", "White House"), record, labels).startswith("wrong")
    assert lr.check_org(org("un", "Q1065", "United Nations"), record, labels).startswith("unknown")


def test_a_person_name_is_close_up_to_a_regnal_name_or_an_arabic_prefix():
    assert lr._en_close("King Abdullah bin Abdulaziz", ["Abdullah", "Abdullah of Saudi Arabia"])
    assert not lr._en_close("Abdullah Ensour", ["Salman", "Fahd of Saudi Arabia"])
    assert lr._ar_prefix({"رياض ياسين"}, {"رياض ياسين عبد الله"})
    assert not lr._ar_prefix({"رياض"}, {"رياض ياسين"})
