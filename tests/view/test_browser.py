"""The HTML view in headless Chromium, offline: it draws, opens the panel, runs no payload.

Needs Debian's chromium (/usr/bin/chromium). Skipped when it is missing, except under CI
(CI=true), where a missing browser is a failure. The screenshot is kept as a test artifact in
tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from kg.view import write_html

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
R = "https://w3id.org/kg-arabic/resource/"
PWNED = "PWNED"
# each sets the page title if it ever runs as code
XSS_LABEL = f"<img src=x onerror=\"document.title='{PWNED}'\">"
XSS_ATTR = f"\"><img src=x onerror=document.title='{PWNED}'>"
XSS_SCRIPT = f"</script><script>document.title='{PWNED}'</script>"
XSS_URL = f"javascript:document.title='{PWNED}'"


def _chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is missing on CI: apt-get install chromium")
    pytest.skip("chromium not installed (apt-get install chromium); browser test skipped")


def _run(page: Path, tmp_path: Path, fragment: str, *extra: str) -> str:
    """Load ``page#fragment`` from file:// with every network path closed; stdout."""
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--virtual-time-budget=15000",
        *extra,
        page.as_uri() + ("#" + fragment if fragment else ""),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class _Tags(HTMLParser):
    """Collects the element tags (with attributes) and the <title> text of a dumped DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _parse(dom: str) -> _Tags:
    tags = _Tags()
    tags.feed(dom)
    return tags


def _body(tags: _Tags) -> dict[str, str | None]:
    return next(attrs for tag, attrs in tags.tags if tag == "body")


def _network(hostile: bool = False) -> dict[str, Any]:
    """Three countries and a person, four events; ``hostile`` puts payloads in every text."""
    siala, dz, ly, eg = (R + "entity/person/siala", R + "entity/Q262", R + "entity/Q1016", R + "entity/Q79")
    nodes = [
        {"id": dz, "label_ar": "الجزائر", "label_en": "Algeria", "type": "Country", "wikidata": "Q262", "events": 2},
        {"id": ly, "label_ar": "ليبيا", "label_en": "Libya", "type": "Country", "wikidata": None, "events": 2},
        {"id": eg, "label_ar": "مصر", "label_en": "Egypt", "type": "Country", "wikidata": None, "events": 2},
        {
            "id": siala,
            "label_ar": "محمد الطاهر سيالة",
            "label_en": "Mohamed Taher Siala",
            "type": "Person",
            "wikidata": None,
            "events": 2,
        },
    ]

    def edge(
        s: str,
        t: str,
        kind: str,
        quad: str,
        en: str,
        ar: str,
        sentence: str,
        trigger: str,
        date: str | None,
        modality: str,
        doc: str,
        n: int,
    ) -> dict[str, Any]:
        return {
            "source": s,
            "target": t,
            "type": kind,
            "quad": quad,
            "predicate_en": en,
            "predicate_ar": ar,
            "date": date,
            "modality": modality,
            "confidence": 0.9,
            "sentence": sentence,
            "trigger": trigger,
            "doc_id": doc,
            "event": f"{R}event/{doc}/e{n}",
        }

    edges = [
        edge(
            siala,
            dz,
            "CONSULT",
            "verbal-cooperation",
            "visits",
            "زار",
            "زار وزير الخارجية الليبي محمد الطاهر سيالة الجزائر أمس.",
            "زار",
            "2018-05-14",
            "asserted",
            "sample-001",
            1,
        ),
        edge(
            siala,
            dz,
            "REQUEST",
            "verbal-cooperation",
            "requests support from",
            "طالب بدعم",
            "وطالب سيالة الجزائر بدعم جهود المصالحة في ليبيا.",
            "طالب",
            "2018-05-14",
            "asserted",
            "sample-001",
            2,
        ),
        edge(
            eg,
            ly,
            "SUPPORT",
            "verbal-cooperation",
            "supports",
            "دعم",
            "وأعلنت مصر أنها ستدعم المسار السياسي في ليبيا.",
            "ستدعم",
            "2018-06-02",
            "future",
            "sample-002",
            1,
        ),
        edge(
            ly,
            eg,
            "ACCUSE",
            "verbal-conflict",
            "accuses",
            "اتهم",
            "ولم تتهم ليبيا مصر بالتدخل في شؤونها.",
            "تتهم",
            None,
            "negated",
            "sample-003",
            1,
        ),
    ]
    if hostile:
        nodes[0].update(label_ar=XSS_LABEL, label_en=XSS_ATTR, wikidata=XSS_URL)
        for e in edges[:2]:
            e.update(
                sentence=f"قال {XSS_SCRIPT} ثم {XSS_LABEL}",
                trigger=XSS_SCRIPT,
                doc_id=XSS_URL,
                predicate_en=XSS_ATTR,
                predicate_ar=XSS_LABEL,
            )
    return {"title": "Libya and its neighbours" if not hostile else XSS_SCRIPT, "nodes": nodes, "edges": edges}


def test_page_draws_every_node_and_opens_the_panel_offline(tmp_path: Path) -> None:
    page = write_html(_network(), tmp_path / "view.html")
    dom = _run(page, tmp_path, "node=" + R + "entity/Q262", "--dump-dom")
    tags = _parse(dom)
    body = _body(tags)
    assert body.get("data-ready") == "1"
    assert body.get("data-drawn-nodes") == "4"
    assert body.get("data-edges-shown") == "3"  # the two Siala -> Algeria events fold
    assert "<mark>زار</mark> وزير الخارجية" in dom
    assert "sample-001" in dom and "2 events shown" in dom


def test_unfolded_edge_lists_each_event_in_arabic(tmp_path: Path) -> None:
    page = write_html(_network(), tmp_path / "view.html")
    dom = _run(page, tmp_path, "lang=ar&edge=g0&unfold=1", "--dump-dom")
    body = _body(_parse(dom))
    assert body.get("data-lang") == "ar"
    assert body.get("data-edges-shown") == "4"  # g0 unfolded into its two events
    assert len(re.findall(r'class="kg-event( kg-focus)?"', dom)) == 2
    assert "و<mark>طالب</mark> سيالة" in dom


def test_actor_search_from_link_keeps_actor_and_neighbours(tmp_path: Path) -> None:
    page = write_html(_network(), tmp_path / "view.html")
    body = _body(_parse(_run(page, tmp_path, "q=" + "مصر", "--dump-dom")))
    assert (body.get("data-nodes-shown"), body.get("data-events-shown")) == ("2", "2")
    assert body.get("data-drawn-nodes") == "2"


def test_payloads_in_article_text_do_not_run(tmp_path: Path) -> None:
    page = write_html(_network(hostile=True), tmp_path / "view.html")
    for fragment in ("node=" + R + "entity/Q262", "edge=g0&unfold=1"):
        dom = _run(page, tmp_path, fragment, "--dump-dom")
        tags = _parse(dom)
        assert tags.title == XSS_SCRIPT  # shown as text, never executed
        assert _body(tags).get("data-drawn-nodes") == "4"
        assert not [a for t, a in tags.tags if t == "img"]
        assert len([t for t, _ in tags.tags if t == "script"]) == 3  # data + vis + view
        assert not [a for _, a in tags.tags if any(k.startswith("on") for k in a)]
        hrefs = [a.get("href") or "" for t, a in tags.tags if t == "a"]
        assert not [h for h in hrefs if "javascript" in h.lower()]
    assert "&lt;/script&gt;&lt;script&gt;" in dom  # the payload text is in the panel, inert


def test_screenshot_of_arabic_sample_is_saved(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = write_html(_network(), ARTIFACTS / "view-sample.html")
    shots = {"view-sample-ar.png": "lang=ar&edge=g0&unfold=1", "view-sample-en.png": "node=n0"}
    for name, fragment in shots.items():
        target = ARTIFACTS / name
        target.unlink(missing_ok=True)
        _run(page, tmp_path, fragment, "--window-size=1400,900", f"--screenshot={target}")
        assert target.stat().st_size > 10_000
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------- at corpus scale
SIZES = (32, 1_000, 5_000)


def _counts(network: dict[str, Any]) -> tuple[int, int, int]:
    """(actors with a drawn edge, events, events without a recipient)."""
    linked = {e["source"] for e in network["edges"]} | {e["target"] for e in network["edges"]}
    solo = sum(1 for e in network["events"] if not e["recipients"])
    return len(linked), len(network["events"]), solo


@pytest.fixture(scope="module", params=SIZES, ids=lambda n: f"{n}-events")
def sized(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any], Path]:
    from networks import corpus_network

    network = corpus_network(request.param)
    page = write_html(network, tmp_path_factory.mktemp("sized") / f"view-{request.param}.html")
    return request.param, network, page


def test_page_at_size_hides_isolated_actors_and_counts_events_without_recipient(sized, tmp_path: Path) -> None:
    size, network, page = sized
    body = _body(_parse(_run(page, tmp_path, "", "--dump-dom", "--window-size=1400,900")))
    linked, events, solo = _counts(network)
    assert body.get("data-ready") == "1"
    assert linked < len(network["nodes"])
    assert int(body["data-nodes-shown"]) == linked  # isolated actors hidden by default
    assert body.get("data-drawn-nodes") == str(linked)
    assert (body.get("data-events-shown"), body.get("data-solo-shown")) == (str(events), str(solo))


def test_page_at_size_search_fits_the_actor_and_its_neighbours(sized, tmp_path: Path) -> None:
    size, network, page = sized
    # the busiest actor that has neighbours (the generated network depends on the lexicon's size:
    # its busiest actor may act only alone)
    linked = {i for e in network["edges"] for i in (e["source"], e["target"])}
    hub = max((n for n in network["nodes"] if n["id"] in linked), key=lambda n: n["events"])
    dom = _run(page, tmp_path, "q=" + hub["label_en"], "--dump-dom", "--window-size=1400,900")
    body = _body(_parse(dom))
    assert body.get("data-focus") == hub["id"]
    shown, total = body["data-focus-in-view"].split("/")
    assert shown == total and int(total) >= 2, body["data-focus-in-view"]
    assert hub["label_en"] in dom  # its panel is open


def test_page_at_size_in_arabic_is_right_to_left(sized, tmp_path: Path) -> None:
    size, network, page = sized
    dom = _run(page, tmp_path, "lang=ar", "--dump-dom", "--window-size=1400,900")
    tags = _parse(dom)
    html_tag = next(a for t, a in tags.tags if t == "html")
    assert (html_tag.get("lang"), html_tag.get("dir")) == ("ar", "rtl")
    assert "أنواع الأحداث" in dom and "بلا متلقٍّ" in dom  # the interface, not only the labels
    assert "مقالة" in tags.title


def test_page_at_size_screenshot_is_saved(sized, tmp_path: Path) -> None:
    """For a person to look at (tests/artifacts/, git-ignored); the committed ones come from
    benchmarks/view.py."""
    size, _, page = sized
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for fragment, name in (("", f"view-{size}.png"), ("lang=ar", f"view-{size}-ar.png")):
        target = ARTIFACTS / name
        target.unlink(missing_ok=True)
        _run(page, tmp_path, fragment, "--window-size=1400,900", f"--screenshot={target}")
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 20_000
