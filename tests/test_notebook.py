"""notebooks/walkthrough.ipynb runs from top to bottom without an error, in a kernel of the
environment that runs the tests (the venv), and is committed executed: its tables are HTML
(pandas), so Arabic columns stay aligned, and the page is shown inline."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="install the test extras: pip install -e '.[dev]'")
nbclient = pytest.importorskip("nbclient", reason="install the test extras: pip install -e '.[dev]'")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"
PREFIX_MARK = "kg-test-kernel-prefix:"


def read() -> "nbformat.NotebookNode":
    return nbformat.read(NOTEBOOK, as_version=4)


def code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def test_notebook_is_valid_and_committed_with_its_outputs():
    nb = read()
    nbformat.validate(nb)
    code = code_cells(nb)
    assert len(code) >= 8
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "run it top to bottom (make notebook)"
    assert all(c.outputs for c in code), "every step shows something"
    errors = [o for c in code for o in c.outputs if o.output_type == "error" or o.get("name") == "stderr"]
    assert not errors


def test_notebook_tables_are_html_with_arabic_right_to_left():
    tables = [
        "".join(o["data"]["text/html"])
        for c in code_cells(read())
        for o in c.outputs
        if "text/html" in o.get("data", {}) and "<table" in "".join(o["data"]["text/html"])
    ]
    assert len(tables) >= 6
    assert sum("direction: rtl" in t for t in tables) >= 4
    assert not any("  ----" in "".join(o.get("text", "")) for c in code_cells(read()) for o in c.outputs)


def test_notebook_shows_the_page_inline():
    frames = [
        "".join(o["data"]["text/html"])
        for c in code_cells(read())
        for o in c.outputs
        if "<iframe srcdoc=" in "".join(o.get("data", {}).get("text/html", ""))
    ]
    assert len(frames) == 1
    assert "Content-Security-Policy" in frames[0] and "kg-data" in frames[0]


def test_notebook_covers_the_walkthrough_steps():
    source = "\n".join(c.source for c in read().cells)
    for needle in (
        "sample_path()",
        "sample_date()",
        "extract(",
        "document_dataset(",
        'ontology" / "queries',
        "Store.open(",
        "degree_centrality",
        'export(ds, "events"',
        "import pandas",
        "write_html(",
    ):
        assert needle in source, f"the walkthrough lost its step using {needle!r}"


@pytest.mark.slow
def test_notebook_runs_in_the_venv_kernel(tmp_path, monkeypatch):
    nb = read()
    nb.cells.append(nbformat.v4.new_code_cell(f"import sys; print({PREFIX_MARK!r}, sys.prefix)"))
    monkeypatch.chdir(tmp_path)  # anything the notebook writes lands in tmp
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as err:
        pytest.fail(f"a notebook cell failed:\n{str(err)[-3000:]}")
    printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert PREFIX_MARK in printed, printed
    kernel_prefix = printed.split(PREFIX_MARK, 1)[1].strip()
    assert Path(kernel_prefix).resolve() == Path(sys.prefix).resolve(), (
        f"the kernel ran in {kernel_prefix}, not in the test environment {sys.prefix}"
    )
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    committed = [c.outputs for c in code_cells(read())]
    fresh = [c.outputs for c in code_cells(nb)[: len(committed)]]
    text = lambda outs: [o.get("text", "") for o in outs if o.output_type == "stream"]  # noqa: E731
    assert [text(o) for o in fresh] == [text(o) for o in committed], "the committed outputs are stale: make notebook"
