"""notebooks/walkthrough.ipynb runs from top to bottom without an error, in a kernel of the
environment that runs the tests (the venv), and is committed with its outputs cleared."""

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


def test_notebook_is_valid_and_committed_without_outputs():
    nb = read()
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) >= 6
    dirty = [
        i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count is not None)
    ]
    assert not dirty, f"cells {dirty} keep outputs: clear them before committing"


def test_notebook_covers_the_walkthrough_steps():
    source = "\n".join(c.source for c in read().cells)
    for needle in (
        "sample_path()",
        "extract(",
        "document_dataset(",
        'ontology" / "queries',
        "Store.open(",
        "degree_centrality",
        "write_html(",
    ):
        assert needle in source, f"the walkthrough lost its step using {needle!r}"
    assert "import pandas" not in source


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
    html = [
        o.get("text", "") for c in nb.cells if c.cell_type == "code" and "write_html(" in c.source for o in c.outputs
    ]
    assert any("graph.html" in t for t in html), "the last step shows the page's path"
