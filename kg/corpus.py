"""Inputs and batch runs: a .txt file, a folder of them (recursively), a JSONL or gzipped JSONL
corpus, or stdin. Bad input yields a failure record with a one-line reason, never an exception
that stops the batch."""
from __future__ import annotations

import gzip
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from kg.arabic.normalize import arabic_ratio
from kg.errors import InputError
from kg.model import Document

MAX_BYTES = 20 * 1024 * 1024  # one article; a larger "article" is almost surely not one
MIN_ARABIC = 0.3
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID = re.compile(r"^[\w.\-]{1,200}$", re.UNICODE)


@dataclass(frozen=True)
class Failure:
    doc_id: str
    where: str
    reason: str

    def line(self) -> str:
        return f"{self.where}: {self.reason}"


def check_date(value: str | None, where: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise InputError(f"{where}: date '{value}' is not YYYY-MM-DD")
    return value


def decode_text(data: bytes, where: str) -> str:
    """UTF-8 Arabic text from bytes, or an InputError saying what is wrong and what to do."""
    if not data.strip():
        raise InputError(f"{where}: the file is empty")
    if len(data) > MAX_BYTES:
        raise InputError(f"{where}: {len(data) // (1024 * 1024)} MB is too large for one article "
                         f"(limit {MAX_BYTES // (1024 * 1024)} MB); split it into articles, e.g. as JSONL")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{where}: the file is UTF-16; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)")
    if b"\x00" in data[:8192]:
        raise InputError(f"{where}: this is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{where}: not UTF-8 (byte {e.start}); convert it, e.g. iconv -f CP1256 -t UTF-8") from None
    return check_text(text, where)


def check_text(text: str, where: str) -> str:
    if not text.strip():
        raise InputError(f"{where}: the text is empty")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InputError(f"{where}: the text is too large for one article (limit {MAX_BYTES // (1024 * 1024)} MB)")
    if arabic_ratio(text) < MIN_ARABIC:
        raise InputError(f"{where}: no Arabic text found (kg reads Arabic news articles)")
    return text


def _txt_files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*.txt") if p.is_file())


def _doc_id_of(path: Path) -> str:
    return path.name[:-4] if path.name.endswith(".txt") else path.name


def read_jsonl(path: Path, default_date: str | None = None) -> Iterator[Document | Failure]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        fh = opener(path, "rb")
        lines = iter(fh)
        lineno = 0
        while True:
            try:
                raw = next(lines)
            except StopIteration:
                break
            except (OSError, EOFError) as e:
                yield Failure(f"{path.name}:{lineno + 1}", f"{path}:{lineno + 1}", f"corpus is damaged ({e})")
                break
            lineno += 1
            where = f"{path}:{lineno}"
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
                if not isinstance(row, dict):
                    raise InputError(f"{where}: a row must be a JSON object with 'id' and 'text'")
                doc_id = row.get("id")
                if not isinstance(doc_id, (str, int)) or not str(doc_id).strip():
                    raise InputError(f"{where}: the row has no 'id'")
                doc_id = str(doc_id)
                if not _ID.match(doc_id):
                    raise InputError(f"{where}: id '{doc_id[:40]}' may only hold letters, digits, '.', '_' and '-'")
                text = row.get("text")
                if not isinstance(text, str):
                    raise InputError(f"{where}: row '{doc_id}' has no 'text' string")
                check_text(text, f"{where} (id {doc_id})")
                date = check_date(row.get("date"), where) or default_date
                meta = tuple((k, str(row[k])) for k in ("source", "url", "title") if row.get(k))
                yield Document(doc_id=doc_id, text=text, date=date, meta=meta)
            except UnicodeDecodeError:
                yield Failure(f"{path.name}:{lineno}", where, "the line is not UTF-8")
            except json.JSONDecodeError as e:
                yield Failure(f"{path.name}:{lineno}", where, f"malformed JSON ({e.msg})")
            except InputError as e:
                yield Failure(f"{path.name}:{lineno}", where, str(e).removeprefix(where + ": "))
        fh.close()
    except OSError as e:
        yield Failure(path.name, str(path), f"cannot read ({e.strerror or e})")


def read_text_file(path: Path, date: str | None) -> Document | Failure:
    where = str(path)
    try:
        text = decode_text(path.read_bytes(), where)
    except InputError as e:
        return Failure(_doc_id_of(path), where, str(e).removeprefix(where + ": "))
    except OSError as e:
        return Failure(_doc_id_of(path), where, f"cannot read ({e.strerror or e})")
    return Document(doc_id=_doc_id_of(path), text=text, date=date)


def is_corpus(path: str) -> bool:
    return path.endswith((".jsonl", ".jsonl.gz", ".ndjson"))


def read_inputs(inputs: list[str], date: str | None = None) -> Iterator[Document | Failure]:
    """Documents (or failures) from every input, streamed in order."""
    for item in inputs:
        if item == "-":
            data = sys.stdin.buffer.read()
            try:
                yield Document(doc_id="stdin", text=decode_text(data, "stdin"), date=date)
            except InputError as e:
                yield Failure("stdin", "stdin", str(e).removeprefix("stdin: "))
            continue
        path = Path(item)
        if not path.exists():
            yield Failure(path.name, item, "no such file or folder")
        elif path.is_dir():
            files = _txt_files(path)
            corpora = sorted(p for p in path.rglob("*") if p.is_file() and is_corpus(p.name))
            if not files and not corpora:
                yield Failure(path.name, item, "the folder holds no .txt or .jsonl files")
            for f in files:
                yield read_text_file(f, date)
            for c in corpora:
                yield from read_jsonl(c, date)
        elif is_corpus(path.name):
            yield from read_jsonl(path, date)
        else:
            yield read_text_file(path, date)


def atomic_write(path: Path, data: str | bytes) -> Path:
    """Write a file so that readers see the old or the new content, never half of it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
