"""Shared fixtures: hand-written Arabic articles, the kg console script, and a store built once
per session from those articles (read-only for the tests that share it)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
# kg keeps built lexicons between runs (kg.lexicon.cache): the tests, and the kg processes they
# start, keep theirs in a folder of their own, not the user's cache
os.environ.setdefault("KG_CACHE_DIR", tempfile.mkdtemp(prefix="kg-test-cache-"))
ARTICLE_DATE = "2018-05-16"

# Short articles written for these tests (2-5 sentences each), one diplomatic situation apiece.
# "request-visit" is the one the query tests read: a request (طالبت … بدعم) and a visit (زار).
ARTICLES: dict[str, str] = {
    "request-visit": (
        "طالبت ليبيا الجزائر بدعم جهود المصالحة الوطنية. وزار مساهل ليبيا أمس. والتقى مساهل السراج في طرابلس."
    ),
    "accusation": (
        "اتهمت الجزائر المغرب بدعم الإرهاب على حدودها. ورفضت الرباط هذه الاتهامات. واحتج المغرب لدى الجزائر."
    ),
    "meeting": (
        "التقى قيس سعيد عبد المجيد تبون في الجزائر. "
        "وأشاد سعيد بدعم الجزائر لتونس. "
        "واتفقت الجزائر وتونس على فتح الحدود. "
        "وتعاونت الجزائر مع تونس في مكافحة الإرهاب."
    ),
    "conflict": (
        "قصفت إسرائيل سوريا. "
        "وهددت إيران الولايات المتحدة بالرد. "
        "وحشدت روسيا قواتها على حدود أوكرانيا. "
        "وانسحبت روسيا من سوريا."
    ),
    "sanctions": (
        "أوقفت الجزائر التعاون الأمني مع ليبيا. "
        "وطردت الجزائر السفير المغربي. "
        "واعتقلت الشرطة الجزائرية مواطنا ليبيا. "
        "وأفرجت ليبيا عن سجناء جزائريين."
    ),
    "aid": ("منحت السعودية مصر قرضا. وخففت مصر القيود على معبر رفح."),
    "offers": (
        "عرضت الجزائر على ليبيا تدريب عناصر الشرطة. "
        "ودعمت الجزائر ليبيا في مجلس الأمن. "
        "وأدانت مصر الهجوم على ليبيا. "
        "وتظاهر الليبيون أمام السفارة الجزائرية."
    ),
    "modality": ("لن يزور مساهل المغرب. وإذا زار مساهل ليبيا فسيلتقي السراج. وسيزور مساهل تونس الأسبوع المقبل."),
}

# The request and visit of ARTICLES["request-visit"] as kg labels them (English).
REQUESTER_EN = "Libya"
REQUESTED_EN = "Algeria"
VISITOR_EN = "Abdelkader Messahel"
VISITED_EN = "Libya"


def kg_script() -> Path:
    """The `kg` console script of the environment running the tests (the venv's)."""
    return Path(sys.executable).parent / "kg"


@dataclass(frozen=True)
class Built:
    """A store built from ARTICLES: the input folder, the store and the output folder."""

    articles: Path
    store: Path
    out: Path


@pytest.fixture(scope="session")
def articles() -> dict[str, str]:
    return dict(ARTICLES)


@pytest.fixture(scope="session")
def invoke() -> Callable[..., Result]:
    """Run the kg CLI in-process: invoke("extract", "a.txt") -> click Result (stderr apart)."""

    def run(
        *args: str | os.PathLike[str], env: dict[str, str] | None = None, input: str | bytes | None = None
    ) -> Result:
        return CliRunner().invoke(main, [str(a) for a in args], env=env, input=input)

    return run


@pytest.fixture(scope="session")
def run_kg() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real console script: run_kg("query", "SELEC", cwd=...) -> CompletedProcess."""
    script = kg_script()
    if not script.exists():
        pytest.fail(f"{script} is missing: install kg into the environment (make install)")

    def run(
        *args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 180
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, **(env or {})}
        full_env.pop("KG_DEBUG", None)
        return subprocess.run(
            [str(script), *map(str, args)], cwd=cwd, env=full_env, text=True, capture_output=True, timeout=timeout
        )

    return run


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """ARTICLES built once with `kg build FOLDER --store S --out O --date 2018-05-16`."""
    base = tmp_path_factory.mktemp("built")
    folder = base / "articles"
    folder.mkdir()
    for doc_id, text in ARTICLES.items():
        (folder / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
    store, out = base / "store", base / "out"
    result = CliRunner().invoke(
        main, ["build", str(folder), "--store", str(store), "--out", str(out), "--date", ARTICLE_DATE]
    )
    assert result.exit_code == 0, f"kg build failed ({result.exit_code}):\n{result.stderr}"
    return Built(articles=folder, store=store, out=out)
