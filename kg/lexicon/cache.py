"""Built lexicons kept between runs, so that a start of kg reads them instead of building them.

Building the gazetteer (countries from Babel and pycountry, nisbas, the actor files), the
predicate lexicon (every inflected form), the word lists and dated positions, and reading the
tagger's weights take most of kg's start-up; ``cached`` keeps what they built in a pickle and a
later run loads it (a one-line ``kg extract`` took 0.52 s instead of 0.67 s, median wall time,
once the predicates, word lists and positions were kept too). The file's name carries a
fingerprint of everything the objects come from: kg's version, its reading code and data files
(``kg/arabic``, ``kg/lexicon``, ``kg/extract``, ``kg/model.py``), and the versions of Python,
Babel, pycountry and numpy. A change of any of them builds afresh; a file that cannot be read
(cut short, corrupt, of another kind) is built over. Files are written whole under a temporary
name and renamed, so processes that start together never read half a file. Nothing is fetched:
all comes from the installed package.

Where: ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg`` or ``~/.cache/kg``;
``KG_CACHE_DIR=off`` builds every time. A folder kg cannot write only costs the time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import secrets
import sys
from collections.abc import Callable
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import TypeVar

from kg import __version__

T = TypeVar("T")
#: What the cached objects are built from, inside the kg package.
SOURCES = ("arabic", "lexicon", "extract", "model.py")
#: Libraries whose data or types the cached objects hold.
LIBRARIES = ("babel", "pycountry", "numpy")
ENV = "KG_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off (``KG_CACHE_DIR=off``)."""
    env = os.environ.get(ENV)
    if env:
        return None if env == "off" else Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kg"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """SHA-256 (first 16 hex digits) of what the cached objects are built from."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{__version__}\n{sys.version}\n{pickle.HIGHEST_PROTOCOL}\n".encode())
    for name in LIBRARIES:
        digest.update(f"{name}={_installed(name)}\n".encode())
    for part in SOURCES:
        base = root / part
        for path in sorted(base.rglob("*")) if base.is_dir() else [base]:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _installed(name: str) -> str:
    """Where a library lies and which version (its dist-info folder), without importing it
    (``importlib.metadata`` alone costs a fifth of a second)."""
    spec = find_spec(name)
    if spec is None or spec.origin is None:
        return "absent"
    where = Path(spec.origin).parent
    try:
        infos = sorted(p for p in os.listdir(where.parent) if p.lower().startswith(f"{name}-") and ".dist-info" in p)
        stamp = os.stat(spec.origin)
    except OSError:
        return str(where)
    return f"{where} {' '.join(infos)} {stamp.st_size} {stamp.st_mtime_ns}"


def cached(name: str, build: Callable[[], T], kind: type[T]) -> T:
    """``build()``, read from the cache when an earlier run of the same kg left it there (an
    object of ``kind``), else built and written there."""
    folder = cache_dir()
    if folder is None or not _package_data():
        return build()
    path = folder / f"{name}-{fingerprint()}.pickle"
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
        if isinstance(value, kind):
            return value
    except Exception:  # absent, cut short, corrupt or another pickle: build it again
        pass
    value = build()
    _write(folder, path, value)
    return value


def _package_data() -> bool:
    """Are the lexicons read from the package's own data folder (tests point it elsewhere)?"""
    from importlib.resources import files

    from kg.lexicon import tsv

    return str(tsv.DATA) == str(files("kg") / "lexicon" / "data")


def _write(folder: Path, path: Path, value: object) -> None:
    """Write ``value`` to ``path`` whole (a temporary file renamed), and remove the files an
    older kg left under the same name; a folder that cannot be written is left alone."""
    tmp = folder / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        stem = path.name.rsplit("-", 1)[0]
        for old in folder.glob(f"{stem}-*.pickle"):
            if old.name != path.name:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
