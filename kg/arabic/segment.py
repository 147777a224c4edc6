"""Sentences and tokens with offsets into the original text."""

from __future__ import annotations

import re

from kg.model import Span

# A token is a run of letters/digits with their diacritics and tatweel (at least one letter or
# digit), invisible joiners and bidi marks allowed between them (صار\u200dوخ is one word), or one
# other visible symbol. Hashtag and mention signs are not tokens, so "#أردوغان" reads as the
# name. A line of tatweel (ـــ) stands for a dash and is one symbol; a mark that carries no
# letter (a bidi control before a word, a lone shadda) is no token at all.
_MARKS = "\u064b-\u065f\u0670\u0640"
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_WORD = rf"[{_MARKS}]*[^\W\u0640][\w{_MARKS}]*"
_TOKEN = re.compile(rf"{_WORD}(?:[{_INVISIBLE}]+{_WORD})*|\u0640+|[^\w\s#@{_MARKS}{_INVISIBLE}]", re.UNICODE)
_END = set(".!?؟\n")
_OPEN_CLOSE = {"«": "»", "“": "”", "(": ")"}
_MAX_QUOTE = 800  # a quote left open this long is unbalanced; stop protecting it
# the only characters that change the splitter's state or end a sentence; it jumps between them
_STATEFUL = re.compile(
    "[" + re.escape('"' + "".join(_OPEN_CLOSE) + "".join(_OPEN_CLOSE.values()) + "".join(sorted(_END))) + "]"
)


_new = object.__new__


def tokenize(text: str, offset: int = 0) -> tuple[Span, ...]:
    """Word tokens (like camel-tools' simple_word_tokenize) with original offsets."""
    out = []
    for m in _TOKEN.finditer(text):
        # each Span's fields set in its __dict__, as its __init__ would, without the three
        # object.__setattr__ calls of a frozen dataclass: a third of the time of every token
        tok = _new(Span)
        fields = tok.__dict__
        a, b = m.span()
        fields["start"], fields["end"], fields["text"] = a + offset, b + offset, m.group()
        out.append(tok)
    return tuple(out)


def _is_abbreviation(text: str, dot: int) -> bool:
    """A dot after one letter (``د.``, ``أ.``) or between digits (``2.5``) ends no sentence."""
    before = text[max(0, dot - 2) : dot]
    after = text[dot + 1 : dot + 2]
    if before[-1:].isdigit() and after.isdigit():
        return True
    return len(before) == 2 and before[0] in " (\n" and before[1].isalpha()


def split_sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans; a full stop inside a quotation does not end the sentence.

    Arabic news quotes whole statements (``أكد أن "… . …"``); keeping them in the speaker's
    sentence lets reported speech be attributed. Unbalanced quotes stop counting after a while.
    """
    spans: list[Span] = []
    start = 0
    depth: list[str] = []
    dquote_open = False
    quote_start = 0
    n = len(text)
    hit = _STATEFUL.search(text)
    while hit is not None:
        i = hit.start()
        ch = text[i]
        if ch == '"':
            dquote_open = not dquote_open
            quote_start = i
        elif ch in _OPEN_CLOSE:
            depth.append(_OPEN_CLOSE[ch])
            quote_start = i
        elif depth and ch == depth[-1]:
            depth.pop()
        inside = (dquote_open or depth) and i - quote_start < _MAX_QUOTE
        if ch == "\n" or (ch in _END and not inside and not (ch == "." and _is_abbreviation(text, i))):
            j = i + 1
            while j < n and text[j] in '."»”)' and text[j] != "\n":
                j += 1
            _add(spans, text, start, j)
            start = j
            if ch == "\n":
                dquote_open, depth = False, []
            hit = _STATEFUL.search(text, j)
            continue
        hit = _STATEFUL.search(text, i + 1)
    _add(spans, text, start, n)
    return tuple(spans)


MAX_SENTENCE = 1500  # characters; run-on text (scraped pages, no full stops) is cut at a comma or space


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:  # keeps every later stage linear in the text's length
        cut = max(text.rfind("،", start, start + MAX_SENTENCE), text.rfind(",", start, start + MAX_SENTENCE))
        if cut <= start:
            cut = text.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        _add(spans, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append(Span(start, end, text[start:end]))
