"""One long article costs work in proportion to its length in every stage (issue 17, item 9:
the mention stage once grew with the square of the text, 84 % of it in one loop).

Nothing is timed: the work is the number of lines of kg's own code that run (a trace
counter), which does not depend on the machine. Four times the text must cost about four
times the lines; a loop over all mentions for each mention would give about sixteen times.
The articles repeat a block of hand-written sentences that touch every rule the loops were
in: people after titles, given names and nationalities, places, descriptions that resolve
(``الوزير``) and one that fits nobody (``المتحدث الأمريكي``), organizations with heads.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from kg.model import Document
from kg.pipeline import Pipeline

BLOCK = [
    "زار وزير الخارجية الجزائري عبد القادر مساهل ليبيا أمس.",
    "وقال الرئيس الفرنسي إيمانويل ماكرون إن بلاده ستدعم الحكومة الليبية.",
    "والتقى الوزير نظيره المصري سامح شكري في القاهرة.",
    "وأكد المسؤول الليبي أن البلدين سيتعاونان.",
    "وسجل الهولندي رود فان نيستلروي هدفا في مرمى ليفربول.",
    "اندلعت مظاهرات في طرابلس الجمعة وقتل ثلاثة أشخاص.",
    "وقال المدرب خورخي فالدانو للصحفيين إن الفريق جاهز.",
    "وأعلن المتحدث باسم الوزارة أن الوفد سيزور الرباط.",
    "وأكد المتحدث الأمريكي أن واشنطن ستدعم الاتفاق.",
    "وحضر وفد من الأمم المتحدة وعلى رأسه غوتيريش.",
]
SHORT = 25  # repetitions of the block: 250 sentences, then four times as many
GROWTH_LIMIT = 4.5  # for 4x the text; linear work gives 4.0, quadratic work about 16


def lines_run(fn: Callable[[Document], Document], doc: Document, where: str = "/kg/") -> tuple[Document, int]:
    """Run ``fn`` and count the lines it executes in files whose path holds ``where`` (kg's own code)."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if where in frame.f_code.co_filename.replace("\\", "/") else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        out = fn(doc)
    finally:
        sys.settrace(previous)
    return out, count


def work_per_stage(repetitions: int) -> dict[str, int]:
    doc = Document("long", "\n".join(BLOCK * repetitions), date="2018-05-16")
    work = {}
    for stage in Pipeline().stages:
        doc, work[stage.name] = lines_run(stage.fn, doc)
    return work


@pytest.fixture(scope="module")
def growth() -> dict[str, float]:
    Pipeline()(Document("warm-up", BLOCK[0]))  # lexicons load outside the count
    short, long = work_per_stage(SHORT), work_per_stage(4 * SHORT)
    return {name: long[name] / short[name] for name in short}


@pytest.mark.parametrize("stage", ["sentences", "tokens", "mentions", "coref", "events", "dates", "facts"])
def test_four_times_the_article_costs_about_four_times_the_work(growth: dict[str, float], stage: str) -> None:
    assert growth[stage] <= GROWTH_LIMIT, f"{stage}: {growth[stage]:.2f}x the work for 4x the text"


def test_the_work_counter_sees_quadratic_work() -> None:
    """The counter itself: a loop over all items for each item shows as about 16x."""

    def pairs(doc: Document) -> Document:
        words = doc.text.split()
        sum(1 for a in words for b in words if a == b)
        return doc

    _, short = lines_run(pairs, Document("a", "كلمة " * 40), where=__file__)
    _, long = lines_run(pairs, Document("b", "كلمة " * 160), where=__file__)
    assert long / short > 12
