"""Reading the lexicon's TSV files with a schema check that names file, line and field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

from kg.errors import LexiconError

DATA = files("kg") / "lexicon" / "data"
_QID = re.compile(r"^Q[1-9][0-9]*$")


def data_path(name: str) -> Path:
    return Path(str(DATA / name))


def read_rows(name: str, columns: tuple[str, ...], required: tuple[str, ...] = ()) -> Iterator[dict[str, str]]:
    """Rows of a data file as dicts; raise LexiconError on a malformed header or row.

    A file that does not exist yields nothing (optional lexicons), a file whose header
    differs from ``columns`` is an error that lists the expected columns.
    """
    path = data_path(name)
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        header: list[str] | None = None
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = [f.strip() for f in fields]
                if tuple(header) != columns:
                    raise LexiconError(f"{name}:{lineno}: header is {header}, expected {list(columns)}")
                continue
            if len(fields) < len(columns):
                fields += [""] * (len(columns) - len(fields))
            if len(fields) > len(columns):
                raise LexiconError(
                    f"{name}:{lineno}: {len(fields)} fields, expected {len(columns)} ({', '.join(columns)})"
                )
            row = {c: f.strip() for c, f in zip(columns, fields)}
            for col in required:
                if not row[col]:
                    raise LexiconError(f"{name}:{lineno}: field '{col}' is empty")
            for key in ("wikidata", "capital_wikidata"):
                if row.get(key) and not _QID.match(row[key]):
                    raise LexiconError(f"{name}:{lineno}: {key} '{row[key]}' is not a Wikidata id like Q262")
            row["_line"] = f"{name}:{lineno}"
            yield row


def split(value: str) -> list[str]:
    """The values of a multi-valued field (``a|b|c``), stripped, empty ones dropped."""
    return [v.strip() for v in value.split("|") if v.strip()]
