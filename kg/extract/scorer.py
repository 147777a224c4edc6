"""The event scorer: rules propose, a small learned model decides.

Each candidate event the rules found is described by features that explain it (the frame that
fired, the part of speech of the trigger, the distances to its actors, the punctuation and
quotes between them, the types of the actors, how many candidates compete in the sentence…);
a logistic model trained on the team's own annotated articles (``eval/gold``) turns them into
the probability that the event is right, calibrated on held-out folds so that of the events
scored 0.8, about eight in ten are right. Events below the model's threshold (a higher one for
an event without a recipient, when the model has one) are dropped, the others carry the
probability as their ``confidence``.

The model is a JSON file of named weights (``models/event_scorer.json``): applying it is a dot
product, with nothing to unpickle; training (``python eval/train_scorer.py``) needs
scikit-learn and the corpus, running does not.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from typing import Any

from kg.arabic.normalize import fold
from kg.lexicon.markers import markers
from kg.model import Document, Event, Span

MODEL = "event_scorer.json"
QUOTES = '"«»“”'
# The model learned from whole articles (their headline, how many countries they name, how often
# an event recurs); on a text of fewer sentences it only scores the candidates and drops none.
MIN_SENTENCES = 3
CLAUSE_PUNCT = set("،,؛;:.؟?!")


@dataclass(frozen=True)
class Scorer:
    weights: dict[str, float]
    bias: float
    platt: tuple[float, float]  # calibration of the margin: p = σ(a·margin + b)
    threshold: float
    meta: dict[str, Any]
    threshold_without_target: float | None = None  # a higher bar for an event with no recipient

    def keeps(self, ev: Event, p: float) -> bool:
        """Is probability ``p`` over the bar of event ``ev``?"""
        bar = self.threshold if ev.target or self.threshold_without_target is None else self.threshold_without_target
        return p >= bar

    def probability(self, feats: dict[str, float]) -> float:
        margin = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        a, b = self.platt
        return 1.0 / (1.0 + math.exp(-(a * margin + b)))


@lru_cache(maxsize=1)
def load_model() -> Scorer | None:
    """The shipped model, or None when the package has none (the rules' confidences stay)."""
    path = files("kg.extract") / "models" / MODEL
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Scorer(
        weights=data["weights"],
        bias=data["bias"],
        platt=(data["platt"][0], data["platt"][1]),
        threshold=data["threshold"],
        threshold_without_target=data.get("threshold_without_target"),
        meta={k: v for k, v in data.items() if k not in ("weights", "bias", "platt", "threshold")},
    )


# ------------------------------------------------------------------------- features
def _sentence_of(doc: Document, ev: Event) -> tuple[int, Span | None]:
    starts = [s.start for s in doc.sentences]
    k = bisect.bisect_right(starts, ev.start) - 1
    return (k, doc.sentences[k]) if k >= 0 else (-1, None)


def _mentions_in(doc: Document, span: Span) -> list:
    return [m for m in doc.mentions if span.start <= m.start < span.end]


def _nearest(mentions: list, ids: tuple[str, ...], doc: Document, pos: int) -> tuple[int, Any]:
    """Characters from the trigger to the nearest mention of one of these entities (its
    country's mentions count for a capital standing for it), and that mention."""
    best, where = 10**6, None
    for m in mentions:
        e = doc.entity(m.entity_id)
        if m.entity_id in ids or (e is not None and e.country in ids and e.type == "Place"):
            d = min(abs(m.start - pos), abs(m.end - pos))
            if d < best:
                best, where = d, m
    return best, where


def _between(text: str, a: int, b: int) -> str:
    return text[min(a, b) : max(a, b)]


def _bucket(chars: int) -> str:
    if chars >= 10**6:
        return "none"
    for limit, name in ((1, "0"), (20, "near"), (60, "mid"), (150, "far")):
        if chars <= limit:
            return name
    return "very_far"


@dataclass(frozen=True)
class ArticleView:
    """What a candidate's article says about it: how often its (type, actor) and (type, actor,
    recipient) recur, and how political the article is (countries named, events per sentence)."""

    pairs: dict[tuple[str, tuple[str, ...]], int]
    triples: dict[tuple[str, tuple[str, ...], tuple[str, ...]], int]
    countries: int
    events_per_sentence: float


def article_view(doc: Document) -> ArticleView:
    pairs: dict[tuple[str, tuple[str, ...]], int] = {}
    triples: dict[tuple[str, tuple[str, ...], tuple[str, ...]], int] = {}
    for ev in doc.events:
        pairs[(ev.type, ev.source)] = pairs.get((ev.type, ev.source), 0) + 1
        key = (ev.type, ev.source, ev.target)
        triples[key] = triples.get(key, 0) + 1
    countries = sum(1 for e in doc.entities if e.type == "Country")
    return ArticleView(pairs, triples, countries, len(doc.events) / max(1, len(doc.sentences)))


def features(
    doc: Document, ev: Event, in_sentence: int, n_events: int, view: ArticleView | None = None
) -> dict[str, float]:
    """Named features of one candidate event (sparse: absent means 0)."""
    pos, _, rest = ev.rule.partition(":")
    rule, _, entry = rest.partition(":")
    view = view or article_view(doc)
    f: dict[str, float] = {
        f"entry={entry}": 1.0,
        "repeated_actor": float(view.pairs.get((ev.type, ev.source), 0) > 1),
        "repeated_event": float(view.triples.get((ev.type, ev.source, ev.target), 0) > 1),
        "log_countries": math.log1p(view.countries),
        "events_per_sentence": view.events_per_sentence,
        f"type={ev.type}": 1.0,
        f"rule={rule}": 1.0,
        f"pos={pos}": 1.0,
        f"modality={ev.modality}": 1.0,
        f"type_pos={ev.type}:{pos}": 1.0,
        "rule_confidence": ev.confidence,
        "has_target": float(bool(ev.target)),
        "sources": float(len(ev.source)),
        "targets": float(len(ev.target)),
        "trigger_words": float(len(ev.trigger.split())),
        "trigger_definite": float(ev.trigger.lstrip("وف").startswith("ال")),
        "trigger_prefixed": float(ev.trigger[:1] in "وفبل"),
        "events_in_sentence": float(in_sentence),
        "log_events_in_article": math.log1p(n_events),
    }
    k, sent = _sentence_of(doc, ev)
    f["headline"] = float(k == 0)
    f["sentence_position"] = k / max(1, len(doc.sentences) - 1) if k >= 0 else 0.0
    if sent is None:
        return f
    before = doc.text[sent.start : ev.start]
    f["in_quote"] = float(sum(before.count(q) for q in QUOTES) % 2 == 1)
    f["sentence_words"] = math.log1p(len(sent.text.split()))
    mentions = _mentions_in(doc, sent)
    actors = {m.entity_id for m in mentions}
    f["actors_in_sentence"] = math.log1p(len(actors))
    for side, ids in (("source", ev.source), ("target", ev.target)):
        if ids:
            f.update(_side_features(doc, ev, side, ids, mentions))
    if ev.location:
        f["has_location"] = 1.0
    return f


def _side_features(doc: Document, ev: Event, side: str, ids: tuple[str, ...], mentions: list) -> dict[str, float]:
    """What the event's actor (or recipient) is and how it stands to the trigger."""
    e = doc.entity(ids[0])
    etype = "Implicit" if e is None else "Group" if e.group is not None else e.type
    f = {
        f"{side}_linked": float(e is not None and e.wikidata is not None),
        f"{side}_type={etype}": 1.0,
        f"{ev.type}:{side}_type={etype}": 1.0,
    }
    dist, m = _nearest(mentions, ids, doc, ev.start)
    f[f"{side}_distance={_bucket(dist)}"] = 1.0
    if m is None:
        f[f"{side}_outside_sentence"] = 1.0
        return f
    gap = _between(doc.text, m.start if m.start > ev.end else m.end, ev.end if m.start > ev.end else ev.start)
    f[f"{side}_after"] = float(m.start >= ev.end)
    f[f"{side}_comma_between"] = float(any(c in CLAUSE_PUNCT for c in gap))
    f[f"{side}_quote_between"] = float(any(c in QUOTES for c in gap))
    f[f"{side}_that_between"] = float(any(fold(w) in markers()["complementizer"] for w in gap.split()))
    return f


def event_features(doc: Document) -> list[dict[str, float]]:
    """Features of every event of a document, in order."""
    per_sentence: dict[int, int] = {}
    keys = [_sentence_of(doc, ev)[0] for ev in doc.events]
    for k in keys:
        per_sentence[k] = per_sentence.get(k, 0) + 1
    view = article_view(doc)
    return [features(doc, ev, per_sentence[k], len(doc.events), view) for ev, k in zip(doc.events, keys)]


HEADLINE_MAX = 200  # characters of a first line that is a headline, not the lead paragraph


def headline_told_again(doc: Document, events: list[Event]) -> list[Event]:
    """A headline and the body that reports it give one event (GUIDELINES: one record per actor
    pair and type): an event of the headline whose actor, type, recipient and modality an event
    of the body repeats is dropped, and the body's, told in full, kept. Applied to the events the
    scorer keeps (its features count the headline's twin)."""
    end = doc.text.find("\n")
    if end < 0 or end > HEADLINE_MAX:
        return events
    body = {(e.type, e.source, e.target, e.modality) for e in events if e.start > end}
    return [e for e in events if e.start > end or (e.type, e.source, e.target, e.modality) not in body]


# ------------------------------------------------------------------------- the stage
def score_events(doc: Document, model: Scorer | None = None) -> Document:
    """Stage: keep the events the model finds likely, with the calibrated probability as their
    confidence; drop the rest and the statedBy facts of dropped events (in an article; a text of
    one or two sentences keeps every candidate, scored)."""
    model = model or load_model()
    if model is None or not doc.events:
        return doc
    judge = len(doc.sentences) >= MIN_SENTENCES  # a lone sentence gives the model no article to judge by
    kept: list[Event] = []
    for ev, feats in zip(doc.events, event_features(doc)):
        p = model.probability(feats)
        if model.keeps(ev, p) or not judge:
            kept.append(replace(ev, confidence=round(p, 3)))
    return _with_events(doc, headline_told_again(doc, kept))


def keep_confident(doc: Document, min_confidence: float) -> Document:
    """``doc`` with only the events whose confidence is at least ``min_confidence`` (and the
    statedBy facts of those kept): `kg build/extract --min-confidence`. With the scorer's
    calibrated confidences, 0.6 keeps events of which about six in ten or more are right."""
    if min_confidence <= 0.0:
        return doc
    return _with_events(doc, [e for e in doc.events if (e.confidence or 0.0) >= min_confidence])


def _with_events(doc: Document, kept: list[Event]) -> Document:
    """``doc`` with ``kept`` as its events; the statedBy facts of the others go with them."""
    if len(kept) == len(doc.events):
        return doc.with_(events=tuple(kept))
    ids = {e.id for e in kept}
    facts = tuple(f for f in doc.facts if f.predicate != "statedBy" or f.subject in ids)
    return doc.with_(events=tuple(kept), facts=facts)
