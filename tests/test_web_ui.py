"""The web UI in headless Chromium over the demo corpus: every page loads from 127.0.0.1 only, the
network canvas draws and a click on a node opens the actor, then an article at its offsets, and a
posted article full of script payloads shows them as text without running any.

Needs the Python ``playwright`` package and Debian's ``/usr/bin/chromium`` (or NEWSGRAPH_CHROMIUM);
skips without them. NEWSGRAPH_SCREENSHOTS=DIR also saves the screenshots there (docs/screenshots).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from newsgraph import api
from newsgraph.web.app import create_app

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.slow
TOKEN = "ui-test-token"
# Software WebGL (SwiftShader) so sigma can draw on machines without a GPU.
CHROMIUM_ARGS = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]


def pipeline():
    """The full analysis, as `newsgraph demo` runs it."""
    return api.load_pipeline()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The demo corpus in a fresh store, served read-write (ingest on) from a thread."""
    import uvicorn

    db = tmp_path_factory.mktemp("ui") / "demo.duckdb"
    api.ingest([str(api.sample_corpus())], db, pipeline_factory=pipeline)  # builds the search index
    app = create_app(db, allow_ingest=True, token=TOKEN, hosts=["127.0.0.1"], pipeline_factory=pipeline)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with every request, console error and dialog it caused recorded."""

    def __init__(self, page, shots: Path) -> None:
        self.page, self.shots = page, shots
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.shots / f"{name}.png"))
        if os.environ.get("NEWSGRAPH_SCREENSHOTS"):
            target = Path(os.environ["NEWSGRAPH_SCREENSHOTS"])
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(self.shots / f"{name}.png", target / f"{name}.png")

    def foreign_requests(self) -> list[str]:
        return [
            u for u in self.requests if urlparse(u).scheme != "data" and urlparse(u).hostname != "127.0.0.1"
        ]


@pytest.fixture
def watched(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = Watched(context.new_page(), tmp_path)
    yield page
    assert page.foreign_requests() == []
    assert page.dialogs == []
    context.close()


def wait_until(page, predicate: str, timeout: float = 20.0) -> None:
    """Poll a JS function until it is truthy (wait_for_function evals strings, which our CSP blocks)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate):
        assert time.monotonic() < deadline, f"timed out waiting for {predicate}"
        time.sleep(0.05)


PAGES = [
    ("/", "overview", "Top dyads"),
    ("/network", "network", "Actor network"),
    ("/actors", "actors", "Serbia"),
    ("/actors/Q403", "actor", "What Serbia does, to whom"),
    ("/dyads", "dyads", "Russia"),
    ("/dyads/Q159/Q212", "dyad", "Escalation"),
    ("/articles", "articles", "Putin feted in Belgrade"),
    ("/articles/2023-09-25-banjska-attack", "article", "Kosovo hunts gunmen"),
    ("/events?type=THREATEN", "events", "THREATEN"),
    ("/quotes?speaker=Q1246", "quotes", "Quotes"),
    ("/narratives", "narratives", "mean score"),
    ("/search?q=gas+deal", "search", "Šabac"),
    ("/docs", "docs", "/api/graph"),
]


def test_every_page_loads_from_this_server_only(watched, base_url):
    for path, name, expected in PAGES:
        response = watched.page.goto(base_url + path)
        assert response.status == 200, path
        assert expected in watched.page.inner_text("main"), path
        if name == "network":
            wait_until(watched.page, "() => window.newsgraph && window.newsgraph.rendered")
        watched.shot(name)
    assert watched.errors == []  # a CSP violation would show here as a console error
    assert len(watched.requests) >= len(PAGES)


def test_actor_page_shows_interactions_quotes_framing_and_timeline(watched, base_url):
    watched.page.goto(f"{base_url}/actors/Q1246")
    main = watched.page.locator("main")
    assert watched.page.inner_text("h1").startswith("Kosovo")
    assert main.locator("#does table tr").count() > 1 and main.locator("#receives table tr").count() > 1
    framing = main.locator("#framing").inner_text()
    assert "No framing recorded yet" not in framing
    assert "antagonist" in framing.lower() and "Prishtina Herald" in framing  # a row per outlet
    assert main.locator("#timeline svg rect").count() > 0
    assert main.locator("#events a[href*='#o-']").count() > 0


def canvas_pixels(page) -> int:
    """Painted pixels on sigma's edge and node layers, copied right after a synchronous render."""
    return page.evaluate(
        """() => {
          const r = window.newsgraph.renderer;
          r.refresh();
          let painted = 0;
          for (const layer of ["edges", "nodes"]) {
            const source = r.getCanvases()[layer];
            const copy = document.createElement("canvas");
            copy.width = source.width; copy.height = source.height;
            const ctx = copy.getContext("2d");
            ctx.drawImage(source, 0, 0);
            const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
          }
          return painted;
        }"""
    )


def node_point(page, node: str) -> dict:
    """Where a node is drawn, in page coordinates, after the layout is stopped."""
    page.evaluate("window.newsgraph.stopLayout()")
    wait_until(page, "() => window.newsgraph.layoutDone === true")
    return page.evaluate(
        """(node) => {
          const r = window.newsgraph.renderer;
          const at = r.graphToViewport(window.newsgraph.graph.getNodeAttributes(node));
          const box = r.getContainer().getBoundingClientRect();
          return { x: box.left + at.x, y: box.top + at.y };
        }""",
        node,
    )


def test_graph_click_to_actor_to_article(watched, base_url):
    page = watched.page
    page.goto(f"{base_url}/network")
    wait_until(page, "() => window.newsgraph && window.newsgraph.rendered")
    assert canvas_pixels(page) > 2000
    assert any(url.endswith("/static/layout-worker.js") for url in watched.requests)  # allowed by the CSP
    assert page.evaluate("window.newsgraph.graph.order") == page.locator("#node-list tr").count() - 1
    point = node_point(page, "Q403")
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector("#graph-tip li", timeout=5000)  # hover: Serbia's latest events
    assert page.inner_text("#graph-tip").startswith("Serbia")
    watched.shot("network-hover")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(f"{base_url}/actors/Q403")
    assert page.inner_text("h1").startswith("Serbia")
    link = page.locator("#events a[href*='#o-']").first
    trigger = link.locator("xpath=ancestor::tr/td[5]").inner_text().removeprefix("not ").strip()
    link.click()
    page.wait_for_selector("mark.target")
    assert page.url.split("#")[1].startswith("o-")
    assert "".join(page.locator("mark.target").all_inner_texts()) == trigger
    watched.shot("article-at-offsets")


def test_node_list_is_a_working_fallback(watched, base_url):
    watched.page.goto(f"{base_url}/network?type=ASSAULT")
    first = watched.page.locator("#node-list a").first
    name = first.inner_text()
    first.click()
    watched.page.wait_for_url(f"{base_url}/actors/**")
    assert watched.page.inner_text("h1").startswith(name)


def test_search_result_jumps_to_the_match(watched, base_url):
    page = watched.page
    page.goto(f"{base_url}/search?q=barricades")
    page.locator("a", has_text="at the match").first.click()
    page.wait_for_selector("mark.target")
    assert page.locator("mark.target").inner_text().lower() == "barricades"


HOSTILE = {
    "id": "xss-<probe>",
    "title": "<script>window.__pwned = 'title'; alert('title')</script> Serbia warns Kosovo",
    "outlet": "<img src=x onerror=\"alert('outlet')\">",
    "date": "2024-05-20",
    "url": "javascript:alert('url')",
    "text": (
        "BELGRADE, 20 May 2024 – Serbia warned Kosovo on Monday that it would not accept new border rules. "
        "<script>window.__pwned = 'text'; alert('text')</script> The government in Belgrade said the "
        "measures were a provocation. <img src=x onerror=\"window.__pwned = 'img'; alert('img')\"> "
        "Kosovo's prime minister rejected the criticism and said the rules protect citizens. "
        "<svg onload=\"alert('svg')\"></svg><a href=\"javascript:alert('link')\">click</a> "
        '<img src="https://tracker.example/pixel.png"> Officials in Brussels urged both sides to talk.'
    ),
}


def test_posted_script_payloads_show_as_text_and_never_run(watched, base_url):
    page = watched.page
    page.add_init_script("window.alert = (m) => { window.__alerted = String(m); };")
    denied = page.request.post(f"{base_url}/articles", data=HOSTILE)
    assert denied.status == 401
    posted = page.request.post(
        f"{base_url}/articles", data=HOSTILE, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert posted.status == 201, posted.text()
    href = posted.json()["articles"][0]["href"]
    for path in (href, "/articles", "/search?q=provocation", "/events?since=2024-05-20", "/"):
        page.goto(base_url + path)
        page.wait_for_timeout(100)
        assert page.evaluate("[window.__pwned, window.__alerted]") == [None, None], path
    page.goto(base_url + href)
    text = page.inner_text("#article-text")
    assert "<script>window.__pwned = 'text'; alert('text')</script>" in text
    assert "<img src=x onerror=" in text
    assert page.inner_text("h1").startswith("<script>window.__pwned")
    assert page.locator("main script, main img, main svg[onload], main a[href^='javascript']").count() == 0
    watched.shot("hostile-article")
