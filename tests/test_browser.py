"""A real browser against the running dashboard: Debian Chromium driven by Playwright.

Starts `streamlit run dashboard.py` on a free loopback port, opens each page, changes a filter
and waits for the chart to show it. Every request and websocket a page opens is recorded, and a
test fails if any leaves loopback (such requests are aborted, so the test itself stays local).
Screenshots go to tests/artifacts/; with POVDASH_SCREENSHOTS=1 the README screenshots in
docs/screenshots/ are refreshed the same way.
"""

from __future__ import annotations

import ipaddress
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
DOCS = ROOT / "docs" / "screenshots"
CHART = '[data-testid="stVegaLiteChart"] > .marks'
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, float]]:
    """The dashboard on a loopback port: (base URL, monotonic start time)."""
    port = free_port()
    env = {**os.environ, "POVDASH_DATA": str(ROOT / "data")}
    started = time.monotonic()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "dashboard.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the dashboard did not start (health check never answered)")
            time.sleep(0.2)
        yield url, started
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium (Playwright never downloads a browser here)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


def is_loopback(url: str) -> bool:
    """Whether a URL stays on this machine: a loopback host, or no host at all (data:, blob:)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    host = parts.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(scope="module")
def context(browser) -> Iterator[tuple[object, list[str]]]:
    """One browser context for the module and the list of the URLs its pages tried to reach
    outside loopback. Every request passes through a route that records and aborts those."""
    outside: list[str] = []
    context = browser.new_context()

    def route(route) -> None:
        url = route.request.url
        if is_loopback(url):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    def websockets(page) -> None:
        page.on("websocket", lambda ws: None if is_loopback(ws.url) else outside.append(ws.url))

    context.route("**/*", route)
    context.on("page", websockets)
    yield context, outside
    context.close()


@pytest.fixture
def page(context) -> Iterator[object]:
    """A fresh tab; after the test, it fails if the tab asked for anything outside loopback."""
    context, outside = context
    outside.clear()
    tab = context.new_page()
    yield tab
    tab.close()
    assert not outside, f"the dashboard made the browser leave 127.0.0.1: {sorted(set(outside))}"


def shoot(page, name: str, full: bool = True) -> None:
    """Save a screenshot to tests/artifacts (and to docs/screenshots when asked)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(400)  # let Vega finish its transitions
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)
    if os.environ.get("POVDASH_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS / f"{name}.png"), full_page=full)


def chart_text(page) -> str:
    return page.locator(CHART).first.text_content() or ""


def test_compare_filter_updates_the_chart(server, page) -> None:
    url, started = server
    page.set_viewport_size({"width": 1400, "height": 1700})
    page.goto(f"{url}/compare")
    page.wait_for_selector(CHART, state="visible", timeout=60_000)
    cold = time.monotonic() - started
    print(f"cold start to chart visible: {cold:.2f} s")
    text = chart_text(page)
    assert "白城市 Baicheng" in text and "柳河县 Liuhe" in text
    assert "危房改造" in text and "户 / households" in text
    shoot(page, "compare")

    # Filter to the housing program: only the housing panel may remain.
    clicked = time.monotonic()
    programs = page.get_by_role("combobox", name="Programs")
    programs.click()
    programs.type("LC-HOUSE")  # the list is long and virtualised: filter it first
    page.get_by_role("option", name=re.compile(r"LC-HOUSE")).first.click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        """() => {
            const e = document.querySelector('[data-testid="stVegaLiteChart"] > .marks');
            return e && e.textContent.includes('危房改造')
                && !e.textContent.includes('纳入低保');
        }""",
        timeout=30_000,
    )
    print(f"rerun after a filter change: {time.monotonic() - clicked:.2f} s")
    page.wait_for_url(re.compile(r"programs=LC-HOUSE"), timeout=10_000)
    shoot(page, "compare-housing")

    # The language switch redraws the chart in English.
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("English", exact=True).click()
    page.wait_for_function(
        """() => {
            const e = document.querySelector('[data-testid="stVegaLiteChart"] > .marks');
            return e && e.textContent.includes('Dilapidated') && !e.textContent.includes('危房');
        }""",
        timeout=30_000,
    )
    page.wait_for_url(re.compile(r"lang=en"), timeout=10_000)


@pytest.mark.parametrize(
    ("path", "name", "marker"),
    [
        ("", "overview", "白城市 Baicheng"),
        ("profile", "profile", "“235”"),
        ("data", "data", "条记录"),
        ("sources", "sources", "算术核查"),
    ],
)
def test_pages_render_in_the_browser(server, page, path: str, name: str, marker: str) -> None:
    url, _ = server
    page.set_viewport_size({"width": 1400, "height": 1500})
    page.goto(f"{url}/{path}")
    page.wait_for_selector('[data-testid="stMain"]', timeout=60_000)
    if name in ("overview", "profile"):
        page.wait_for_selector(CHART, state="visible", timeout=60_000)
    if name in ("data", "sources"):
        page.wait_for_selector('[data-testid="stDataFrame"] canvas', timeout=60_000)
    page.wait_for_function("(m) => document.body.innerText.includes(m)", arg=marker, timeout=30_000)
    assert "Traceback" not in page.inner_text("body")
    shoot(page, name)


def test_compare_health_sets_the_places_side_by_side(server, page) -> None:
    url, _ = server
    page.set_viewport_size({"width": 1400, "height": 1100})
    page.goto(f"{url}/compare?programs=HC-HLTH")
    title = "Same program, different indicators"
    page.wait_for_function("(m) => document.body.innerText.includes(m)", arg=title, timeout=60_000)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.locator("canvas").first.wait_for(state="visible", timeout=60_000)
    # The grid draws on a canvas; its accessible table holds the cell texts.
    page.wait_for_function(
        """() => {
            const g = document.querySelector('[data-testid="stDataFrame"]');
            return g && g.textContent.includes('3.4万人次') && g.textContent.includes('20972人次');
        }""",
        timeout=30_000,
    )
    assert "Traceback" not in page.inner_text("body")
    shoot(page, "compare-health")
