"""Inputs: a .txt file, a folder of them (recursively), a JSONL or gzipped JSONL corpus, or stdin
(one text, or JSONL when its first line is a JSON object). Everything is streamed, so memory does
not grow with the corpus. Bad input yields a failure record with a one-line reason, never an
exception that stops the batch. Batch runs themselves are in kg.batch."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import secrets
import shutil
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as _date_cls
from pathlib import Path
from typing import BinaryIO

from kg.arabic.normalize import arabic_ratio, normalize_input
from kg.errors import InputError
from kg.model import Document

MAX_BYTES = 20 * 1024 * 1024  # one article; a larger "article" is almost surely not one
MIN_ARABIC = 0.3
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_ID = 200  # characters of a document id
_ID = re.compile(rf"^[\w.\-]{{1,{MAX_ID}}}$", re.UNICODE)
# a date at the end of a file name: news-20180516.txt, libya_2018-05-16.txt
_NAME_DATE = re.compile(r"[-_](\d{4})-?(\d{2})-?(\d{2})$")  # news-20180516, libya_2018-05-16
_LEADING_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[-_]")  # 2015-07-21-582 (SaudiNewsNet's ids)
CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


def printable(text: object) -> str:
    """``text`` safe to print on a terminal, on one line: control and format characters (escape
    sequences, NUL, bidi overrides such as U+202E, line breaks) from a file name or an id are
    shown escaped (``\\x1b``, ``\\u202e``) instead of acting on the terminal."""
    out = []
    for ch in str(text):
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") and ch not in _KEPT_FORMAT:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


# format characters that are part of written Arabic and Persian words (ZWNJ) are kept
_KEPT_FORMAT = frozenset("\u200c")


@dataclass(frozen=True)
class Failure:
    doc_id: str
    where: str
    reason: str

    def line(self) -> str:
        """The failure as one printable line (see ``printable``)."""
        return printable(f"{self.where}: {self.reason}")


def check_date(value: str | None, where: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise InputError(f"{where}: date '{value}' is not YYYY-MM-DD")
    try:
        _date_cls.fromisoformat(value)
    except ValueError:
        raise InputError(f"{where}: date '{value}' is not a day of the calendar") from None
    return value


def _looks_utf16(head: bytes) -> bool:
    """NUL bytes on one parity only: UTF-16 text (spaces and digits of Arabic text are 0x20 0x00)."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return (even == 0) != (odd == 0) and max(even, odd) >= 0.02 * len(head)


def decode_text(data: bytes, where: str) -> str:
    """UTF-8 Arabic text from bytes, or an InputError saying what is wrong and what to do."""
    if not data.strip():
        raise InputError(f"{where}: the file is empty")
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{where}: {len(data) // (1024 * 1024)} MB is too large for one article "
            f"(limit {MAX_BYTES // (1024 * 1024)} MB); split it into articles, e.g. as JSONL"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{where}: the file is UTF-16; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)")
    head = data[:8192]
    if b"\x00" in head:
        if _looks_utf16(head):
            raise InputError(
                f"{where}: the file is UTF-16 (without a byte-order mark); convert it to UTF-8 "
                "(iconv -f UTF-16LE -t UTF-8, or UTF-16BE)"
            )
        raise InputError(f"{where}: this is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{where}: not UTF-8 (byte {e.start}); convert it, e.g. iconv -f CP1256 -t UTF-8") from None
    return check_text(text, where)


# Languages that share the Arabic script: Persian news (دوشنبه, Monday) would otherwise be read
# as Arabic and yield places (Dushanbe). Their function words (lexicon/data/persian_words.tsv)
# and letters decide; see that file for the figures behind OTHER_LANGUAGE_SHARE.
_PERSIAN_LETTERS = frozenset("\u067e\u0686\u0698\u06af")  # پ چ ژ گ
_URDU_LETTERS = frozenset("\u0679\u0688\u0691\u06ba\u06c1\u06d2")  # ٹ ڈ ڑ ں ہ ے
_SCRIPT_WORD = re.compile("[\u0621-\u06ff]+")
OTHER_LANGUAGE_SHARE = 0.08


def script_language(text: str) -> str:
    """ "Arabic", or "Persian" / "Urdu" for a text in one of those languages: at least 3 of its
    words, and OTHER_LANGUAGE_SHARE of them, are Persian function words or hold a letter only
    Persian (or Urdu) writes."""
    from kg.arabic.normalize import fold
    from kg.lexicon.words import word_set

    words = _SCRIPT_WORD.findall(text)
    if not words:
        return "Arabic"
    # each word is tested only when the text holds one of the letters at all, and the words
    # are folded in one call (no word holds a newline, nor does folding make one): this runs
    # in the process that reads the input, before any worker, so it costs a batch's wall time
    urdu = 0 if _URDU_LETTERS.isdisjoint(text) else sum(1 for w in words if not _URDU_LETTERS.isdisjoint(w))
    if urdu >= 3 and urdu / len(words) >= OTHER_LANGUAGE_SHARE:
        return "Urdu"
    persian_words = word_set("persian_words.tsv")
    persian = sum(1 for f in fold("\n".join(words)).split("\n") if f in persian_words)
    if not _PERSIAN_LETTERS.isdisjoint(text):
        persian += sum(1 for w in words if fold(w) not in persian_words and not _PERSIAN_LETTERS.isdisjoint(w))
    if persian >= 3 and persian / len(words) >= OTHER_LANGUAGE_SHARE:
        return "Persian"
    return "Arabic"


def check_text(text: str, where: str) -> str:
    """The article text as kg reads it (``normalize_input``: presentation forms as letters,
    zero-width joiners between letters as tatweel), or an InputError: empty, too large, not
    Arabic, or Persian/Urdu."""
    if not text.strip():
        raise InputError(f"{where}: the text is empty")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InputError(f"{where}: the text is too large for one article (limit {MAX_BYTES // (1024 * 1024)} MB)")
    text = normalize_input(text)
    if arabic_ratio(text) < MIN_ARABIC:
        raise InputError(f"{where}: no Arabic text found (kg reads Arabic news articles)")
    language = script_language(text)
    if language != "Arabic":
        raise InputError(
            f"{where}: the text is {language}, not Arabic (kg reads Arabic news articles; "
            f"{language} words such as place names would be misread)"
        )
    return text


def walk_inputs(folder: Path) -> Iterator[Path]:
    """The .txt files and corpora under ``folder``, depth first in name order, streamed (a folder
    of a million files is never listed whole). Hidden files and folders are left out."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk_inputs(Path(entry.path))
        elif entry.is_file() and (entry.name.endswith(".txt") or is_corpus(entry.name)):
            yield Path(entry.path)


def date_from_name(path: Path) -> str | None:
    """The date a file name ends with (``news-20180516.txt`` -> 2018-05-16) or, failing that,
    starts with in ISO form (``2015-07-21-582.txt``), if a real date."""
    name = _doc_id_of(path)
    m = _NAME_DATE.search(name) or _LEADING_DATE.match(name)
    if m is None:
        return None
    try:
        return _date_cls(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _doc_id_of(path: Path) -> str:
    return path.name[:-4] if path.name.endswith(".txt") else path.name


def read_jsonl(path: Path, default_date: str | None = None) -> Iterator[Document | Failure]:
    """Documents from a JSONL (or .gz) corpus, one per line; a bad line is a Failure."""
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            yield from read_jsonl_lines(fh, str(path), path.name, default_date)
    except OSError as e:
        yield Failure(path.name, str(path), f"cannot read ({e.strerror or e})")


def read_jsonl_lines(
    lines: Iterable[bytes], where: str, short: str, default_date: str | None = None
) -> Iterator[Document | Failure]:
    """Documents from lines of JSON objects (a file, a gzip stream or stdin), streamed.

    ``where`` names the source in messages (``corpus.jsonl:12``), ``short`` in failure ids."""
    it = iter(lines)
    lineno = 0
    while True:
        try:
            raw = next(it)
        except StopIteration:
            break
        except (OSError, EOFError) as e:
            yield Failure(f"{short}:{lineno + 1}", f"{where}:{lineno + 1}", f"corpus is damaged ({e})")
            break
        lineno += 1
        if raw.strip():
            yield _row(raw, f"{where}:{lineno}", f"{short}:{lineno}", default_date)


def _row(raw: bytes, where: str, short: str, default_date: str | None) -> Document | Failure:
    """One JSONL line as a Document, or a Failure saying what is wrong with it (named by the
    row's id once that is known, else by file and line)."""
    known = short
    try:
        row = json.loads(raw.decode("utf-8"))
        if not isinstance(row, dict):
            raise InputError(f"{where}: a row must be a JSON object with 'id' and 'text'")
        doc_id = row.get("id")
        if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or not str(doc_id).strip():
            raise InputError(f"{where}: the row has no 'id'")
        doc_id = str(doc_id)
        if _ID.match(doc_id):
            known = doc_id
        elif len(doc_id) > MAX_ID:
            raise InputError(f"{where}: id '{doc_id[:40]}…' is {len(doc_id)} characters long; the limit is {MAX_ID}")
        else:
            raise InputError(f"{where}: id '{doc_id[:40]}' may only hold letters, digits, '.', '_' and '-'")
        text = row.get("text")
        if not isinstance(text, str):
            raise InputError(f"{where}: row '{doc_id}' has no 'text' string")
        try:
            text = check_text(text, where)
        except InputError as e:  # name the place once, and the row's id
            raise InputError(f"{where}: row '{doc_id}': {str(e).removeprefix(where + ': ')}") from None
        date = check_date(row.get("date"), where) or default_date
        meta = tuple((k, str(row[k])) for k in ("source", "url", "title") if row.get(k))
        return Document(doc_id=doc_id, text=text, date=date, meta=meta)
    except UnicodeDecodeError:
        return Failure(short, where, "the line is not UTF-8")
    except json.JSONDecodeError as e:
        return Failure(short, where, f"malformed JSON ({e.msg})")
    except InputError as e:
        return Failure(known, where, str(e).removeprefix(where + ": "))


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
    return path.endswith(CORPUS_SUFFIXES)


def read_stdin(stream: BinaryIO, date: str | None) -> Iterator[Document | Failure]:
    """Standard input: a JSONL corpus when its first line is a JSON object, else one article."""
    first = stream.readline()
    if first.lstrip().startswith(b"{"):
        yield from read_jsonl_lines(_chain_lines(first, stream), "stdin", "stdin", date)
        return
    try:
        yield Document(doc_id="stdin", text=decode_text(first + stream.read(), "stdin"), date=date)
    except InputError as e:
        yield Failure("stdin", "stdin", str(e).removeprefix("stdin: "))


def _chain_lines(first: bytes, rest: Iterable[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def read_inputs(inputs: list[str], date: str | None = None) -> Iterator[Document | Failure]:
    """Documents (or failures) from every input, streamed in order.

    ``date`` applies to every document without one; a .txt file whose name ends with a date
    (``news-20180516.txt``) takes that date when ``date`` is not given.
    """
    for item in inputs:
        if item == "-":
            yield from read_stdin(sys.stdin.buffer, date)
            continue
        path = Path(item)
        if not path.exists():
            yield Failure(path.name, item, "no such file or folder")
        elif path.is_dir():
            found = False
            for f in walk_inputs(path):
                found = True
                if is_corpus(f.name):
                    yield from read_jsonl(f, date)
                else:
                    yield read_text_file(f, date or date_from_name(f))
            if not found:
                yield Failure(path.name, item, "the folder holds no .txt or .jsonl files")
        elif is_corpus(path.name):
            yield from read_jsonl(path, date)
        else:
            yield read_text_file(path, date or date_from_name(path))


def count_inputs(inputs: list[str], limit_s: float = 30.0) -> int | None:
    """How many documents the inputs hold (non-blank JSONL lines, .txt files), for a progress
    bar's ETA; None for stdin or when counting takes longer than ``limit_s``."""
    import time

    deadline = time.monotonic() + limit_s
    total = 0
    for item in inputs:
        if item == "-":
            return None
        path = Path(item)
        files = walk_inputs(path) if path.is_dir() else iter([path] if path.exists() else [])
        for f in files:
            if time.monotonic() > deadline:
                return None
            if not is_corpus(f.name):
                total += 1
                continue
            try:
                with (gzip.open if f.name.endswith(".gz") else open)(f, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except (OSError, EOFError):
                return None
    return total


# ------------------------------------------------------------------ writing files
TEMP_SUFFIX = ".kgtmp"
# a temporary file or folder of a write in progress: .<name>.<pid>.<8 hex>.kgtmp (and .tmp, the
# suffix exports used before)
_TEMP = re.compile(r"^\..*\.(\d+)\.[0-9a-f]{8}\.(kgtmp|tmp)$")
NAME_LIMIT = 200  # bytes of an output file name: the usual limit is 255, and temp names add some


def file_name(stem: str, suffix: str, limit: int = NAME_LIMIT) -> str:
    """``stem + suffix``, or, when longer than ``limit`` bytes (a 245-character file name, a
    200-letter Arabic id), the stem cut at a character and made unique by a hash of it."""
    name = stem + suffix
    if len(name.encode("utf-8", "surrogatepass")) <= limit:
        return name
    digest = hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{_clip(stem, limit - len(suffix.encode()) - 9)}-{digest}{suffix}"


def _clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, at a character boundary."""
    data = text.encode("utf-8", "surrogatepass")[:limit]
    return data.decode("utf-8", "ignore")


def temp_path(path: Path) -> Path:
    """A fresh hidden path beside ``path`` for a write that replaces it when complete; its
    name says which process made it, so a later run can remove it if that process died."""
    return path.parent / f".{_clip(path.name, 100)}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"


def clean_stale_temps(folder: Path) -> int:
    """Remove the temporary files and folders that killed kg processes left in ``folder`` (their
    process is gone); returns how many. Those of running processes are left alone."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m is None or _running(int(m.group(1))):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed += 1
        except OSError:
            pass
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def atomic_write(path: Path, data: str | bytes | Iterable[str]) -> Path:
    """Write a file so that readers see the old or the new content, never half of it; text may
    come in pieces (written as they come, so it is never whole in memory)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path)
    try:
        # a shared output, not a private temp file: the usual umask permissions
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, (str, bytes)):
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            else:
                for piece in data:
                    fh.write(piece.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
