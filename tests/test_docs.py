"""Docs that cannot drift: every `kg` command is in README.md and has help; every `.venv/bin/kg`
line of README.md parses (with --help) and, where it is safe and offline, runs for real in a
temporary folder; the quick start is exactly `make demo` and `make test`, and `make demo` writes
output/ the way tests/test_output_fresh.py rebuilds it. (That every ontology term of
kg.graph.vocab.KG is declared in ontology/kg.ttl is tested in tests/graph/test_ontology.py.)"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from conftest import ARTICLE_DATE, ARTICLES, ROOT
from kg.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)
# README lines that would wait for a server or reach one: checked with --help only.
HELP_ONLY = {"serve", "push"}


def readme_kg_lines() -> list[str]:
    return [ln.strip() for ln in README.splitlines() if ln.strip().startswith(".venv/bin/kg ")]


def argv(line: str, home: Path | None = None) -> list[str]:
    """The arguments of a README command line (comment dropped, ~ expanded as a shell would)."""
    words = shlex.split(line, comments=True)[1:]
    if home is not None:
        words = [str(home / w[2:]) if w.startswith("~/") else w for w in words]
    return words


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.MULTILINE | re.DOTALL)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def test_readme_has_kg_command_lines():
    assert len(readme_kg_lines()) >= 8


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name):
    assert re.search(rf"\bkg {name}\b", README), f"`kg {name}` is not mentioned in README.md"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name, invoke):
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Usage: main {name}") or f"{name}" in result.stdout.splitlines()[0]
    doc = result.stdout.split("\n\n", 1)[1].strip()
    assert len(doc) > 20, f"`kg {name} --help` says nothing useful:\n{result.stdout}"
    assert main.commands[name].help, f"kg {name} has no docstring"


def test_main_help_lists_every_command(invoke):
    result = invoke("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s", result.stdout, re.MULTILINE), f"{name} missing from kg --help"


@pytest.mark.parametrize("line", readme_kg_lines())
def test_readme_command_line_parses(line, invoke):
    words = argv(line)
    assert words and words[0] in main.commands, f"README: unknown command in {line!r}"
    result = invoke(*words, "--help")
    assert result.exit_code == 0, f"README line {line!r} does not parse:\n{result.stderr}"


def test_readme_command_lines_run(tmp_path, invoke, monkeypatch):
    """Each README line, in order, for real: in a scratch folder holding article.txt, corpus.jsonl
    and tokens.txt, with ontology/ and output/ of the repository, KG_STORE and HOME in tmp."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    (work / "article.txt").write_text(ARTICLES["request-visit"], encoding="utf-8")
    (work / "corpus.jsonl").write_text(
        "".join(f'{{"id": "{k}", "text": "{t}", "date": "{ARTICLE_DATE}"}}\n' for k, t in ARTICLES.items()),
        encoding="utf-8",
    )
    (work / "tokens.txt").write_text("زار\nمساهل\nليبيا\n.\n\nالتقى\nسيالة\nالسراج\n", encoding="utf-8")
    (work / "ontology").symlink_to(ROOT / "ontology")
    (work / "output").symlink_to(ROOT / "output")
    monkeypatch.chdir(work)
    env = {"KG_STORE": str(tmp_path / "store"), "HOME": str(home)}
    failures, ran = [], []
    for line in readme_kg_lines():
        words = argv(line, home)
        if words[0] in HELP_ONLY:
            continue
        result = invoke(*words, env=env)
        ran.append(words[0])
        if result.exit_code != 0:
            failures.append(f"{line}\n    exit {result.exit_code}: {result.stderr.strip()[-500:]}")
    assert not failures, "README commands that fail:\n" + "\n".join(failures)
    assert {"build", "extract", "query", "view", "export", "stats", "validate", "ner"} <= set(ran)
    assert (work / "graph.html").exists() and (work / "actors.graphml").exists()
    assert (home / "kg-store").is_dir() and (home / "kg-out" / "graph.trig").exists()


def test_readme_python_snippet_runs():
    """The "In Python" block, with article.txt replaced by a hand-written article."""
    block = re.search(r"### In Python\n\n```python\n(.*?)```", README, re.DOTALL)
    assert block, "README.md lost its 'In Python' example"
    code = block.group(1).replace('open("article.txt").read()', "ARTICLE")
    scope = {"ARTICLE": ARTICLES["request-visit"], "print": lambda *a, **k: None}
    exec(compile(code, "README.md", "exec"), scope)  # noqa: S102 - our own README
    assert scope["doc"].events and scope["g"].number_of_nodes() > 0


def test_quick_start_is_make_demo_then_make_test():
    lines = [ln.strip() for ln in section("Quick start").splitlines() if ln.startswith("    ")]
    commands = [ln.split("#", 1)[0].strip() for ln in lines if ln.split("#", 1)[0].strip()]
    assert commands == ["make demo", "make test"]


def test_makefile_has_the_quick_start_targets():
    for target in ("demo", "test"):
        assert re.search(rf"^{target}:", MAKEFILE, re.MULTILINE), f"Makefile has no '{target}' target"
    assert "$(KG) demo --out output --store .kg/store" in MAKEFILE, (
        "make demo no longer runs the command tests/test_output_fresh.py rebuilds output/ with"
    )


def test_readme_names_every_example_query():
    shipped = {p.stem for p in (ROOT / "ontology" / "queries").glob("*.rq")}
    missing = sorted(q for q in shipped if f"`{q}`" not in README)
    assert not missing, f"README.md does not name the example queries {missing}"


def test_readme_names_every_export_format():
    line = next(ln for ln in readme_kg_lines() if " export " in ln)
    readme_formats = set(line.split("#", 1)[1].split())
    help_formats = set(main.commands["export"].params[0].help.replace(",", " ").split())
    assert help_formats <= readme_formats, f"README export line misses {sorted(help_formats - readme_formats)}"


def test_kg_store_default_is_documented():
    assert "$KG_STORE" in README and "~/.local/share/kg/store" in README
