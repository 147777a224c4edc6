"""`kg view`: the page of a store, its title from the corpus, filters, and a filter that
matches nothing (an error, not an empty page)."""

from __future__ import annotations

import json
import re

from kg.view.html import view_data


def page_data(path) -> dict:
    text = path.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1)
    return json.loads(block)


def test_view_of_the_store_is_titled_by_article_count_and_dates(invoke, built_store, tmp_path) -> None:
    out = tmp_path / "page.html"
    result = invoke("view", "-o", out, "--store", built_store.store)
    assert result.exit_code == 0, result.stderr
    data = page_data(out)
    assert data["title"] == "kg — 8 articles, 2018-05-16"
    assert "<title>kg — 8 articles, 2018-05-16</title>" in out.read_text(encoding="utf-8")
    assert re.search(r"\(\d+ actors, \d+ events, \d+ without a recipient\)", result.stderr)


def test_view_filter_that_matches_nothing_exits_2_and_writes_nothing(invoke, built_store, tmp_path) -> None:
    out = tmp_path / "page.html"
    result = invoke("view", "-o", out, "--actor", "Atlantis", "--store", built_store.store)
    assert result.exit_code == 2
    assert "no event matches --actor Atlantis" in result.stderr and not out.exists()


def test_view_filter_keeps_the_actors_events_without_recipient(invoke, built_store, tmp_path) -> None:
    out = tmp_path / "page.html"
    result = invoke("view", "-o", out, "--actor", "Egypt", "--store", built_store.store)
    assert result.exit_code == 0, result.stderr
    data = page_data(out)
    assert data["solo"], "Egypt condemns an attack on Libya: at least one event without a recipient"
    assert all(e["type"] for e in data["solo"])


def test_view_in_arabic_opens_right_to_left(invoke, built_store, tmp_path) -> None:
    out = tmp_path / "page.html"
    assert invoke("view", "-o", out, "--lang", "ar", "--store", built_store.store).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in text and page_data(out)["lang"] == "ar"
    assert view_data({"title": "t", "nodes": [], "edges": []}, lang="ar")["lang"] == "ar"
