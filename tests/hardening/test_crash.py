"""SIGKILL during `kg build`, 20 times at random moments: the store always opens, every
article graph in it is complete, and every output file is absent or complete.

(The references are extracted in this process at the start; if kg/extract changes on disk
while the test runs, graphs differ for that reason alone.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hardening_support import load_script

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _kill_build():
    return load_script("fuzz/kill_build.py")


def test_twenty_kills_during_build_leave_a_store_of_complete_graphs_and_complete_files(tmp_path: Path) -> None:
    report = _kill_build().kill_loop(tmp_path, kills=20, articles=6, seed=20)
    assert report.problems == []
    assert report.kills == 20 and report.survived == 20
    assert report.kills - report.finished_before_kill >= 10  # most kills hit a running build


def test_output_check_catches_a_file_cut_short(tmp_path: Path) -> None:
    """The checker itself must be able to fail: a truncated TriG and a cut JSONL line."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.trig").write_text('<http://a/g> { <http://a/s> <http://a/p> "x', "utf-8")
    (out / "failures.jsonl").write_text('{"doc_id": "a"}\n{"doc_', "utf-8")
    (out / "report.json").write_text('{"built": 1}', "utf-8")
    problems, leftovers = _kill_build().output_problems(out)
    assert sorted(p.split(" ")[0] for p in problems) == ["failures.jsonl", "graph.trig"]
    assert leftovers == 0
