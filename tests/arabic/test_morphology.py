"""camel-tools' morphological analyzer through kg.arabic.morphology, on a tiny morphology
database the test writes itself in camel-tools' text format (nothing downloaded)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.arabic import morphology
from kg.errors import KGError
from kg.model import Span

# A hollow verb (زار "visit": perfect stem زار, imperfect stem زور), the conjunction و, the
# imperfect prefix ي, the perfect suffix ت, and a noun (وزارة "ministry") that must not be read
# as و + زار + ة because the compatibility tables do not allow a verb stem with a noun suffix.
TINY_DB = """\
###DEFINES###
DEFINE diac diac:*open*
DEFINE lex lex:*open*
DEFINE bw bw:*open*
DEFINE gloss gloss:*open*
DEFINE pos pos:verb pos:noun pos:digit pos:punc pos:foreign
###DEFAULTS###
DEFAULT pos:verb diac:* lex:* bw:* gloss:*
DEFAULT pos:noun diac:* lex:* bw:* gloss:*
DEFAULT pos:digit diac:* lex:* bw:* gloss:*
DEFAULT pos:punc diac:* lex:* bw:* gloss:*
DEFAULT pos:latin diac:* lex:* bw:* gloss:*
###ORDER###
ORDER pos diac lex bw gloss
###TOKENIZATIONS###
###STEMBACKOFF###
###PREFIXES###
\tPref-0\tdiac: bw: gloss:
و\tPref-Wa\tdiac:وَ bw:وَ/CONJ gloss:and
ي\tIV3MS\tdiac:يَ bw:يَ/IV3MS gloss:he
###SUFFIXES###
\tSuff-0\tdiac: bw: gloss:
ت\tPVSuff-t\tdiac:تْ bw:+تْ/PVSUFF_SUBJ:3FS gloss:she
ه\tNSuff-ap\tdiac:َة bw:+َة/NSUFF_FEM_SG gloss:[fem.sg.]
###STEMS###
زار\tPV-zAr\tdiac:زارَ lex:زارَ_1 bw:زار/PV gloss:visit pos:verb
زور\tIV-zwr\tdiac:زُور lex:زارَ_1 bw:زُور/IV gloss:visit pos:verb
وزار\tN-ap\tdiac:وِزار lex:وِزارَة_1 bw:وِزار/NOUN gloss:ministry pos:noun
###TABLE AB###
Pref-0 PV-zAr
Pref-Wa PV-zAr
IV3MS IV-zwr
Pref-0 N-ap
Pref-Wa N-ap
###TABLE BC###
PV-zAr Suff-0
PV-zAr PVSuff-t
IV-zwr Suff-0
N-ap NSuff-ap
###TABLE AC###
Pref-0 Suff-0
Pref-0 PVSuff-t
Pref-0 NSuff-ap
Pref-Wa Suff-0
Pref-Wa PVSuff-t
Pref-Wa NSuff-ap
IV3MS Suff-0
"""


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "morphology.db"
    path.write_text(TINY_DB, encoding="utf-8")
    return path


@pytest.fixture()
def analyzer(db_path: Path):
    return morphology.load_analyzer(str(db_path))


@pytest.mark.parametrize(
    "word, expected",
    [
        ("وزارت", ["زار"]),  # و + زار + ت: "and she visited"
        ("زار", ["زار"]),
        ("يزور", ["زار"]),  # imperfect: another stem, the same lemma
        ("وزارة", ["وزارة"]),  # the ministry, not و + visit
        ("وَزارَتْ", ["زار"]),  # diacritics in the text do not matter
    ],
)
def test_lemmas_come_from_real_analyses_of_the_database(analyzer, word, expected):
    assert morphology.lemmas(word, analyzer) == expected


def test_a_word_the_database_cannot_analyze_has_no_lemmas(analyzer):
    assert morphology.lemmas("زور", analyzer) == []  # a bare imperfect stem takes a prefix
    assert morphology.lemmas("كتب", analyzer) == []


def test_analyses_carry_the_database_features(analyzer):
    (a,) = analyzer.analyze("وزارت")
    assert a["gloss"] == "and+visit+she"
    assert a["pos"] == "verb"


def test_token_lemmas_run_parallel_to_tokens(analyzer):
    toks = (Span(0, 5, "وزارت"), Span(6, 9, "كتب"), Span(10, 14, "يزور"))
    assert morphology.token_lemmas(toks, analyzer) == (("زار",), (), ("زار",))


def test_a_missing_database_file_names_the_camel_data_command(tmp_path):
    with pytest.raises(KGError, match="camel_data -i morphology-db-msa-r13"):
        morphology.load_analyzer(str(tmp_path / "nowhere.db"))


def test_a_file_in_another_format_is_a_kg_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database\n", encoding="utf-8")
    with pytest.raises(KGError, match="not a camel-tools morphology database"):
        morphology.load_analyzer(str(bad))


def test_without_camel_data_nothing_is_available_and_loading_says_how_to_install(monkeypatch):
    monkeypatch.setattr(morphology, "camel_catalogue", lambda: None)
    assert morphology.available() is False
    with pytest.raises(KGError, match="camel_data -i morphology-db-msa-r13"):
        morphology.load_analyzer()


def _catalogue(tmp_path: Path, db_folder: Path):
    """A real camel-tools Catalogue read from a file, with the MorphologyDB component pointing
    at the test's folder (an absolute dataset path stays as it is)."""
    morphology.camel_import()
    from camel_tools.data import Catalogue

    data = {
        "version": "test",
        "packages": {},
        "components": {"MorphologyDB": {"default": "tiny", "datasets": {"tiny": {"path": str(db_folder)}}}},
    }
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return Catalogue.load_catalogue(path)


def test_the_builtin_database_is_found_through_camels_catalogue(tmp_path, db_path, monkeypatch):
    cat = _catalogue(tmp_path, db_path.parent)
    monkeypatch.setattr(morphology, "camel_catalogue", lambda: cat)
    assert morphology.available() is True
    assert morphology.builtin_db_path() == db_path
    assert morphology.lemmas("وزارت", morphology.load_analyzer()) == ["زار"]


def test_a_catalogue_entry_without_its_files_is_not_available(tmp_path, monkeypatch):
    empty = tmp_path / "not-installed"
    empty.mkdir()
    cat = _catalogue(tmp_path, empty)
    monkeypatch.setattr(morphology, "camel_catalogue", lambda: cat)
    assert morphology.available() is False


def test_no_catalogue_on_disk_means_no_camel_data(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    monkeypatch.delitem(sys.modules, "camel_tools.data", raising=False)
    assert morphology.camel_data_dir() == tmp_path
    assert morphology.camel_catalogue() is None
    assert "camel_tools.data" not in sys.modules  # nothing imported, so nothing fetched


def test_loading_and_analyzing_stay_offline_and_never_import_torch(db_path, tmp_path):
    """A fresh interpreter with no camel data: the analyzer loads from the file, camel-tools
    does not fetch its catalogue, and torch (a heavy NER dependency) stays out."""
    env = {**os.environ, "CAMELTOOLS_DATA": str(tmp_path / "camel"), "HOME": str(tmp_path)}
    code = (
        "import sys\n"
        "from kg.arabic import morphology as m\n"
        f"a = m.load_analyzer({str(db_path)!r})\n"
        "print(m.lemmas('وزارت', a), m.available(), 'torch' in sys.modules,\n"
        "      (m.camel_data_dir() / 'catalogue.json').exists())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["['زار']", "False", "False", "False"]
