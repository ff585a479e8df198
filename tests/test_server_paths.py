"""Unknown nested URLs (/a/b/c): sent to their first segment, where Streamlit says the page was
not found, instead of a blank page. The rule, the middleware, and the server `make run` starts,
in headless Chromium."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from conftest import ROOT, served_script

from bench import live
from bench.live import CHROMIUM
from serve import NestedPathRedirect, redirect_target


@pytest.mark.parametrize(
    ("path", "query", "target"),
    [
        ("/a/b/c", b"", "/a"),
        ("/a/b/c", b"lang=en&places=liuhe", "/a?lang=en&places=liuhe"),
        ("/data/x", b"", "/data"),
        ("/a/b/", b"", "/a"),
        ("/白城/x", b"", "/%E7%99%BD%E5%9F%8E"),
        ("/a\\b/c", b"", "/a%5Cb"),  # one segment, quoted: never a path to another host
        ("/", b"", None),
        ("/data", b"lang=en", None),
        ("/data/", b"", None),  # Streamlit's own 301 to /data
        ("//evil.example/x", b"", None),  # Streamlit's own 400
        ("/static/js/index.js", b"", None),
        ("/_stcore/health", b"", None),
        ("/data/_stcore/health", b"", None),  # the page looking for the server under /data
        ("/media/abc.png", b"", None),
        ("/component/x/index.html", b"", None),
        ("/app/static/logo.png", b"", None),
    ],
)
def test_only_unknown_nested_paths_are_sent_on(path: str, query: bytes, target: str | None) -> None:
    assert redirect_target(path, query) == target


def _call(scope: dict) -> list[dict]:
    """The ASGI messages the middleware sends for one request (the inner app answers 200)."""
    sent: list[dict] = []

    async def inner(scope: dict, receive: object, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})

    async def receive() -> dict:
        return {"type": "http.request"}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(NestedPathRedirect(inner)(scope, receive, send))
    return sent


def test_the_middleware_redirects_get_and_passes_everything_else() -> None:
    base = {"type": "http", "path": "/a/b/c", "query_string": b"lang=en", "headers": []}
    start = _call({**base, "method": "GET"})[0]
    assert start["status"] == 302
    assert (b"location", b"/a?lang=en") in start["headers"]
    assert _call({**base, "method": "POST"})[0]["status"] == 200
    assert _call({**base, "method": "GET", "path": "/data"})[0]["status"] == 200


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """`make run`'s script on a free loopback port (bound as its config says)."""
    env = {"POVDASH_DATA": str(ROOT / "data")}
    with live.serve(served_script(), env, args=()) as running:
        yield running.url


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium")
def test_a_nested_unknown_url_shows_page_not_found_and_the_dashboard(server: str) -> None:
    pytest.importorskip("playwright.sync_api")
    with live.chromium() as browser:
        page = browser.new_page()
        page.goto(f"{server}/a/b/c?lang=en")
        page.get_by_text("Page not found").wait_for(timeout=60_000)
        page.locator('[data-testid="stSidebar"]').wait_for(timeout=60_000)
        assert "lang=en" in page.url  # the view asked for is kept
        page.goto(f"{server}/data/x")
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
        assert page.url.endswith("/data")
