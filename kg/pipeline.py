"""Stage registry and runner.

Every stage is a pure function ``Document -> Document`` registered here, in one place, with
what it requires (must be there before it runs), what it provides (what it adds to the
Document) and what it uses when present (so the stage that provides it must run first: coref's
descriptions and camel-tools' lemmas feed the event stage). A pipeline checks its whole chain
before running and reports every unmet requirement and every impossible order at once. The
runner names the stage and the document in any error.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from kg.arabic.segment import split_sentences, tokenize
from kg.errors import PipelineError
from kg.extract.coref import resolve
from kg.extract.events import find_events
from kg.extract.facts import role_facts
from kg.extract.identity import one_actor_one_node
from kg.extract.mentions import find_mentions
from kg.extract.roles import place_in_time
from kg.extract.scorer import score_events
from kg.extract.time import other_year, parse_date
from kg.model import Document, Event

StageFn = Callable[[Document], Document]


@dataclass(frozen=True)
class Stage:
    name: str
    fn: StageFn
    requires: tuple[str, ...]  # what must be there before it runs
    provides: tuple[str, ...]  # what it adds to the Document
    doc: str
    uses: tuple[str, ...] = ()  # what it reads when a stage of the chain provides it (that stage runs first)


def sentences_stage(doc: Document) -> Document:
    return doc.with_(sentences=split_sentences(doc.text))


def tokens_stage(doc: Document) -> Document:
    return doc.with_(tokens=tuple(t for s in doc.sentences for t in tokenize(s.text, s.start)))


def dates_stage(doc: Document) -> Document:
    """Each event's date from its sentence (absolute or relative to the article date)."""
    events = tuple(
        _dated(e, d)
        if (d := parse_date(e.sentence, doc.date)) is not None
        else _dated(e, None)
        if e.date and other_year(e.sentence, doc.date)
        else e
        for e in doc.events
    )  # an event of another year is not dated to the article's day
    return doc.with_(events=events)


def _dated(e: Event, d: str | None) -> Event:
    return replace(e, date=d)


def lemmas_stage(doc: Document) -> Document:
    """camel-tools lemmas per token (needs ``camel_data -i morphology-db-msa-r13``)."""
    from kg.arabic import morphology

    return doc.with_(lemmas=tuple(tuple(x) for x in morphology.token_lemmas(doc.tokens)))


def mentions_stage(doc: Document) -> Document:
    """The rules' mentions (lexicon and name patterns), then the learned tagger's revision."""
    from kg.extract.tagger.stage import tagger_mentions

    return tagger_mentions(find_mentions(doc))


def camel_ner_stage(doc: Document) -> Document:
    """camel-tools BERT NER for people, places and organizations the lexicon missed."""
    from kg.extract import camel_ner

    return camel_ner.camel_ner_stage(doc)


STAGES: dict[str, Stage] = {
    s.name: s
    for s in (
        Stage("sentences", sentences_stage, ("text",), ("sentences",), "split sentences, respecting quotes"),
        Stage("tokens", tokens_stage, ("sentences",), ("tokens",), "word tokens with offsets"),
        Stage(
            "morphology",
            lemmas_stage,
            ("tokens",),
            ("lemmas",),
            "camel-tools lemmas per token for trigger lookup (optional data: morphology-db-msa-r13)",
        ),
        Stage(
            "mentions",
            mentions_stage,
            ("tokens",),
            ("mentions", "entities", "title-facts"),
            "gazetteer, nisba and title + name mentions, and what titles say (holdsPosition, citizenOf, memberOf);"
            " the learned tagger adds the names it is sure of and drops pattern names it is sure are none",
        ),
        Stage(
            "camel-ner",
            camel_ner_stage,
            ("tokens", "mentions", "entities"),
            ("ner-mentions",),
            "camel-tools NER for names the lexicon missed (optional data: ner-arabert)",
        ),
        Stage(
            "identity",
            one_actor_one_node,
            ("mentions", "entities"),
            ("one-node",),
            "spelling variants of a person's name resolve to one entity (a known person's, with the QID)",
            uses=("ner-mentions",),
        ),
        Stage(
            "roles",
            place_in_time,
            ("tokens", "mentions", "entities"),
            ("person-roles", "position-facts"),
            "each person's position on the article's date (holdsPosition with its origin); a stated title wins",
            uses=("ner-mentions", "one-node"),
        ),
        Stage(
            "coref",
            resolve,
            ("tokens", "mentions", "entities"),
            ("descriptions", "description-facts"),
            "descriptions and pair words (an office's holder on the date), the nationality a description states",
            uses=("ner-mentions", "person-roles"),
        ),
        Stage(
            "events",
            find_events,
            ("tokens", "mentions", "entities"),
            ("events", "speech-facts", "implicit-actors"),
            "predicate triggers, frames, modality, reported speech (statedBy), the actor of unattributed events",
            uses=("lemmas", "ner-mentions", "descriptions"),
        ),
        Stage("dates", dates_stage, ("events",), ("event-dates",), "absolute and relative dates"),
        Stage(
            "facts",
            role_facts,
            ("mentions", "entities"),
            ("role-facts",),
            "role facts from the lexicon and head-of phrases (holdsPosition comes from roles)",
            uses=("ner-mentions", "title-facts", "description-facts", "implicit-actors", "position-facts"),
        ),
        Stage(
            "score",
            score_events,
            ("events",),
            ("event-scores",),
            "a model trained on the team's gold keeps the likely events with a calibrated confidence",
            uses=("event-dates", "speech-facts", "role-facts"),
        ),
    )
}
DEFAULT = ("sentences", "tokens", "mentions", "identity", "roles", "coref", "events", "dates", "facts", "score")
RULES = DEFAULT[:-1]  # the rules alone: every candidate event with the rules' own confidence


def with_camel(names: tuple[str, ...] = DEFAULT) -> tuple[str, ...]:
    """The chain with the camel-tools stages inserted where the user has installed their data."""
    from kg.arabic import morphology
    from kg.extract import camel_ner

    out = list(names)
    if "mentions" in out and camel_ner.available():
        out.insert(out.index("mentions") + 1, "camel-ner")
    if "tokens" in out and morphology.available():
        out.insert(out.index("tokens") + 1, "morphology")
    return tuple(out)


def chain_problems(names: tuple[str, ...]) -> list[str]:
    """What is wrong with a chain of known stages: a stage listed twice, a requirement no
    earlier stage provides, a stage that runs after one that uses what it provides."""
    problems = [f"'{n}' is listed twice" for n in dict.fromkeys(names) if names.count(n) > 1]
    have = {"text"}
    for i, n in enumerate(names):
        st = STAGES[n]
        problems += [f"'{n}' needs '{r}', which no stage before it provides" for r in st.requires if r not in have]
        for later in names[i + 1 :]:
            problems += [
                f"'{later}' must run before '{n}' ('{n}' uses its '{u}')"
                for u in st.uses
                if u in STAGES[later].provides
            ]
        have |= set(st.provides)
    return problems


class Pipeline:
    def __init__(self, names: Iterable[str] | None = None) -> None:
        names = with_camel() if names is None else tuple(names)
        unknown = [n for n in names if n not in STAGES]
        if unknown:
            raise PipelineError(f"unknown stage(s) {', '.join(unknown)}; valid: {', '.join(STAGES)}")
        problems = chain_problems(names)
        if problems:
            raise PipelineError("stage chain cannot run: " + "; ".join(problems))
        self.stages = [STAGES[n] for n in names]

    def __call__(self, doc: Document) -> Document:
        global _SETTLED
        if not _SETTLED:  # the first document loads the lexicons: keep them out of the collector's way
            _SETTLED = True
            out = self._run(doc)
            settle()
            return out
        return self._run(doc)

    def _run(self, doc: Document) -> Document:
        for st in self.stages:
            try:
                out = st.fn(doc)
            except Exception as e:  # a stage bug must name stage and document
                raise PipelineError(
                    f"stage '{st.name}' failed on document '{doc.doc_id}': {type(e).__name__}: {e}"
                ) from e
            if not isinstance(out, Document):
                raise PipelineError(
                    f"stage '{st.name}' returned {type(out).__name__}, not a Document (document '{doc.doc_id}')"
                )
            doc = out
        return doc


_SETTLED = False


def settle() -> None:
    """Move what the process holds now (the lexicons, gazetteer and models the first document
    loaded) out of the garbage collector's generations (``gc.freeze``): its full collections
    no longer walk them again and again (a twentieth of a batch's time), and worker processes
    forked after it do not copy those pages by touching them. They stay reachable and are
    freed as usual; ``kg.batch.release_memory`` gives them back to the collector."""
    gc.collect()
    gc.freeze()


def extract(text: str, doc_id: str = "doc", date: str | None = None) -> Document:
    """Run the default pipeline on one text."""
    return Pipeline()(Document(doc_id=doc_id, text=text, date=date))
