"""camel-tools' morphological analyzer, when the user has installed its database.

An optional, stronger stage: with ``camel_data -i morphology-db-msa-r13`` installed, kg can ask
for the lemmas of a word (``وزارت`` → ``زار``) and so find a predicate trigger the lexicon lists
only by its citation form. Without the data every caller gets a clear KGError, never a download.

camel-tools fetches its data catalogue from the network the first time ``camel_tools.data`` is
imported if the user never ran ``camel_data``; ``camel_import()`` keeps that import offline.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.arabic.normalize import dediac
from kg.errors import KGError
from kg.model import Span

DB_PACKAGE = "morphology-db-msa-r13"
INSTALL_HINT = f"install it with `camel_data -i {DB_PACKAGE}` (or pass the path of a morphology.db)"
_EMPTY_CATALOGUE = {"version": "none", "packages": {}, "components": {}}


def camel_data_dir() -> Path:
    """Where camel-tools keeps its data: ``$CAMELTOOLS_DATA`` or ``~/.camel_tools`` (as
    camel_tools.data.catalogue computes it, without importing it)."""
    env = os.environ.get("CAMELTOOLS_DATA")
    return Path(env).expanduser().absolute() if env else Path.home() / ".camel_tools"


def camel_import() -> None:
    """Import ``camel_tools.data`` without network access.

    With no catalogue on disk camel-tools would download one; no data can be installed then
    either, so an empty catalogue (read from a temporary ``CAMELTOOLS_DATA``) says the same.
    """
    if "camel_tools.data" in sys.modules or (camel_data_dir() / "catalogue.json").is_file():
        import camel_tools.data  # noqa: F401

        return
    old = os.environ.get("CAMELTOOLS_DATA")
    with tempfile.TemporaryDirectory(prefix="kg-camel-") as tmp:
        Path(tmp, "catalogue.json").write_text(json.dumps(_EMPTY_CATALOGUE), encoding="utf-8")
        os.environ["CAMELTOOLS_DATA"] = tmp
        try:
            import camel_tools.data  # noqa: F401
        finally:
            if old is None:
                os.environ.pop("CAMELTOOLS_DATA", None)
            else:
                os.environ["CAMELTOOLS_DATA"] = old


def camel_catalogue() -> Any | None:
    """camel-tools' own data catalogue, or None when ``camel_data`` has never run."""
    if "camel_tools.data" not in sys.modules and not (camel_data_dir() / "catalogue.json").is_file():
        return None
    camel_import()
    from camel_tools.data import CATALOGUE

    return CATALOGUE


def installed_dataset(component: str, marker: str, name: str | None = None) -> Path | None:
    """The folder of an installed camel-tools dataset (the default one unless named), found
    through the catalogue, or None when the catalogue lacks it or ``marker`` is not there."""
    cat = camel_catalogue()
    if cat is None:
        return None
    from camel_tools.data import CatalogueError

    try:
        entry = cat.get_dataset(component, name)
    except CatalogueError:
        return None
    path = Path(entry.path)
    return path if (path / marker).exists() else None


def builtin_db_path(name: str | None = None) -> Path | None:
    """Path of the installed builtin morphology database (``calima-msa-r13`` by default)."""
    folder = installed_dataset("MorphologyDB", "morphology.db", name)
    return folder / "morphology.db" if folder else None


def available() -> bool:
    """Is camel-tools' morphology database installed?"""
    return builtin_db_path() is not None


def load_analyzer(db_path: str | None = None) -> Any:
    """A camel-tools ``Analyzer`` over ``db_path``, or over the installed builtin database."""
    if db_path is None:
        path = builtin_db_path()
        if path is None:
            raise KGError(f"camel-tools' morphology database is not installed; {INSTALL_HINT}")
    else:
        path = Path(db_path)
        if not path.is_file():
            raise KGError(f"no morphology database at '{db_path}'; {INSTALL_HINT}")
    camel_import()
    from camel_tools.morphology.analyzer import Analyzer
    from camel_tools.morphology.database import MorphologyDB
    from camel_tools.morphology.errors import MorphologyError

    try:
        return Analyzer(MorphologyDB(str(path), "a"))
    except (MorphologyError, KeyError, IndexError, TypeError, ValueError) as e:
        raise KGError(
            f"'{path}' is not a camel-tools morphology database ({type(e).__name__}: {e}); {INSTALL_HINT}"
        ) from e


@lru_cache(maxsize=1)
def default_analyzer() -> Any:
    """The builtin analyzer, loaded once per process."""
    return load_analyzer(None)


@lru_cache(maxsize=65536)
def _lemmas(word: str, analyzer: Any) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for a in analyzer.analyze(word):
        lex = dediac(a.get("lex", ""))
        if lex:
            out.setdefault(lex)
    return tuple(out)


def lemmas(word: str, analyzer: Any | None = None) -> list[str]:
    """Dediacritized lemmas of a word, in the analyzer's order, without repeats
    (``وزارت`` → ``['زار']``); the builtin analyzer unless one is given."""
    return list(_lemmas(word, analyzer if analyzer is not None else default_analyzer()))


def token_lemmas(tokens: tuple[Span, ...], analyzer: Any | None = None) -> tuple[tuple[str, ...], ...]:
    """Lemmas of every token, parallel to ``tokens`` (empty where the analyzer knows none)."""
    an = analyzer if analyzer is not None else default_analyzer()
    return tuple(_lemmas(t.text, an) for t in tokens)
