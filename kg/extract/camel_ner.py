"""camel-tools' BERT named-entity recognizer, when the user has installed its model.

An optional stage after the lexicon stage: people, places and organizations that the gazetteer
and the title patterns missed. The model tags words in IOB2 with PERS, LOC, ORG and MISC; kg
keeps PERS (Person), LOC (Place: countries are all in the lexicon) and ORG (Organization), and
never overrides a span the lexicon already read. Install the model with
``camel_data -i ner-arabert``; torch and transformers are imported only when it is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from kg.arabic.clitics import folded_prefix_to_original
from kg.arabic.morphology import camel_import, installed_dataset
from kg.arabic.normalize import fold
from kg.errors import KGError
from kg.extract.tokens import sentences
from kg.lexicon.actors import Gazetteer, gazetteer, slug
from kg.lexicon.romanize import romanize
from kg.model import Document, Entity, Mention, MentionKind, Span

NER_PACKAGE = "ner-arabert"
INSTALL_HINT = (
    f"install it with `camel_data -i {NER_PACKAGE}` (or pass the folder of a BERT token-classification model)"
)
TYPES = {"PERS": "Person", "LOC": "Place", "ORG": "Organization"}
ID_PREFIX = {"Person": "person_", "Place": "place_", "Organization": "org_"}
KIND: MentionKind = "ner"
_LETTER = re.compile(r"[^\W\d_]")
# و/ف (and), then ب/ل/ك (in, to, like), glued before the article: والقاهرة → و + القاهرة
_BEFORE_ARTICLE = re.compile(r"^([وف]?[بلك]?)(?=ال..)")


class Recognizer(Protocol):
    def predict(self, sentences: list[list[str]]) -> list[list[str]]: ...


def available() -> bool:
    """Is camel-tools' NER model installed?"""
    return installed_dataset("NamedEntityRecognition", "config.json") is not None


def load_recognizer(model_path: str | None = None, use_gpu: bool = True) -> Any:
    """A camel-tools ``NERecognizer`` from ``model_path`` or from the installed model."""
    if model_path is None:
        folder = installed_dataset("NamedEntityRecognition", "config.json")
        if folder is None:
            raise KGError(f"camel-tools' NER model is not installed; {INSTALL_HINT}")
    else:
        folder = Path(model_path)
        if not (folder / "config.json").is_file():
            raise KGError(f"no NER model (config.json) in '{model_path}'; {INSTALL_HINT}")
    camel_import()
    try:
        from camel_tools.ner import NERecognizer  # imports torch and transformers
    except ImportError as e:
        raise KGError(
            f"camel-tools' NER needs torch and transformers ({e}); install them with `pip install 'kg[ner]'`"
        ) from e
    try:
        return NERecognizer(str(folder), use_gpu=use_gpu)
    except (OSError, ValueError, KeyError, RuntimeError) as e:
        raise KGError(f"cannot load the NER model in '{folder}' ({type(e).__name__}: {e}); {INSTALL_HINT}") from e


@lru_cache(maxsize=1)
def default_recognizer() -> Any:
    """The installed recognizer, loaded once per process."""
    return load_recognizer(None)


def iob_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, last, tag) word spans of IOB2 labels; an I- without its B- starts a span, as
    the model sometimes emits (``O I-PERS I-PERS``)."""
    spans: list[tuple[int, int, str]] = []
    cur: tuple[int, int, str] | None = None
    for i, label in enumerate(labels):
        kind, _, tag = label.partition("-")
        if kind == "I" and cur is not None and cur[2] == tag:
            cur = (cur[0], i, tag)
            continue
        if cur is not None:
            spans.append(cur)
            cur = None
        if kind in ("B", "I") and tag:
            cur = (i, i, tag)
    if cur is not None:
        spans.append(cur)
    return spans


def _trim(tokens: Sequence[Span], first: int, last: int) -> tuple[int, int] | None:
    """Drop punctuation the model put at either end of a span."""
    while first <= last and not _LETTER.search(tokens[first].text):
        first += 1
    while last >= first and not _LETTER.search(tokens[last].text):
        last -= 1
    return (first, last) if first <= last else None


def _clitic_length(word: str, type_: str, names: set[str]) -> int:
    """Characters of a conjunction or preposition glued to a name's first word: always before
    the article (``والقاهرة``), and و/ف before a person's known name part (``ومحمد``), but
    never in a name that starts with و itself (``وليد``). ``names``: folded name parts."""
    folded = fold(word)
    m = _BEFORE_ARTICLE.match(folded)
    n = len(m.group(1)) if m else 0
    if not n and type_ == "Person" and folded[:1] in ("و", "ف") and folded not in names and folded[1:] in names:
        n = 1
    return folded_prefix_to_original(word, n)


def name_words(g: Gazetteer) -> set[str]:
    """Folded words that begin names: name parts and first words of given names."""
    return set(g.name_parts) | {k[0] for k in g.given_names}


def _overlaps(a: int, b: int, taken: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in taken)


def ner_mentions(doc: Document, recognizer: Recognizer) -> Document:
    """Stage body: Person, Place and Organization mentions (kind ``ner``) for the spans the
    recognizer tags and no earlier mention covers; new entities get a romanized id like the
    title patterns give (``person_mohamed_siala``), so both stages name a person alike."""
    sents = [s for s in sentences(doc) if s.tokens]
    if not sents:
        return doc
    labels = recognizer.predict([[t.text for t in s.tokens] for s in sents])
    g = gazetteer()
    names = name_words(g)
    taken = [(m.start, m.end) for m in doc.mentions]
    entities = {e.id: e for e in doc.entities}
    found: list[Mention] = []
    for s, row in zip(sents, labels):
        if len(row) != len(s.tokens):  # camel drops words its tokenizer reads as nothing
            continue
        for first, last, tag in iob_spans(row):
            type_ = TYPES.get(tag)
            trimmed = _trim(s.tokens, first, last) if type_ is not None else None
            if type_ is None or trimmed is None:
                continue
            first, last = trimmed
            head = s.tokens[first]
            a = head.start + _clitic_length(head.text, type_, names)
            b = s.tokens[last].end
            name = doc.text[a:b]
            if len(fold(name).replace(" ", "")) < 2 or _overlaps(a, b, taken):
                continue
            label_en = romanize(name, g)
            key = ID_PREFIX[type_] + slug(label_en)
            if key not in entities:
                entities[key] = Entity(key, type_, name, label_en)
            found.append(Mention(a, b, name, key, KIND))
            taken.append((a, b))
    if not found:
        return doc
    mentions = sorted(doc.mentions + tuple(found), key=lambda m: (m.start, -m.end))
    return doc.with_(mentions=tuple(mentions), entities=tuple(entities.values()))


def camel_ner_stage(doc: Document) -> Document:
    """Stage: camel-tools NER over the installed model (see ``ner_mentions``)."""
    return ner_mentions(doc, default_recognizer())
