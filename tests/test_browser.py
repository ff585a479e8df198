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
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from langcheck import LANGUAGE_NAMES, LANGUAGE_SWITCH, foreign

from bench import live
from bench.live import CHART, CHROMIUM
from povdash.render.labels import t

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
DOCS = ROOT / "docs" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, float]]:
    """The dashboard on a loopback port: (base URL, monotonic start time)."""
    with live.serve(ROOT / "dashboard.py", {"POVDASH_DATA": str(ROOT / "data")}) as running:
        yield running.url, running.started


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium (Playwright never downloads a browser here)."""
    pytest.importorskip("playwright.sync_api")
    with live.chromium() as chromium:
        yield chromium


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
    # the pages' own README shots come from test_every_page_is_screenshot_ready, at 1400x1000
    if os.environ.get("POVDASH_SCREENSHOTS") == "1" and name not in README_PAGES:
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
    programs.type("危房改造")  # the list is long and virtualised: filter it first
    page.get_by_role("option", name=re.compile(r"危房改造")).first.click()
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


# Every text the reader sees: text nodes that are rendered (icon ligatures such as
# "keyboard_double_arrow_left" are drawn as icons, not read), chart text, and what inputs show
# (their value, or their placeholder when empty).
SHOWN_TEXT = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        const text = node.textContent.trim();
        if (!text || !el || !el.checkVisibility({visibilityProperty: true})) continue;
        if (getComputedStyle(el).fontFamily.includes('Material')) continue;
        if (el.closest('script, style, title')) continue;
        // Streamlit's own skip link shows only under keyboard focus and is not ours to word.
        if (el.closest('[data-testid="stSkipToContent"]')) continue;
        out.push(text);
    }
    const typed = 'input:not([type=checkbox]):not([type=radio]):not([type=hidden]), textarea';
    for (const input of document.querySelectorAll(typed)) {
        if (!input.checkVisibility()) continue;
        if (input.type === 'checkbox' || input.type === 'radio') continue;  // value is not shown
        out.push(input.value || input.placeholder || '');
    }
    out.push(document.title);
    return out.filter(Boolean);
}"""
PAGE_PATHS = ("", "compare", "profile", "data", "sources")


def settle(page, title: str) -> None:
    """Wait until the page shows its title and its script has finished: no element is left from
    the previous run and Streamlit's running indicator (which appears a moment after a run
    starts) stays away for a second."""
    for _ in range(60):
        page.wait_for_function(
            """(title) => {
                const h1 = document.querySelector('[data-testid="stMain"] h1');
                return h1 && h1.textContent.trim() === title
                    && !document.querySelector('[data-stale="true"]')
                    && !document.querySelector('[data-testid="stStatusWidget"]');
            }""",
            arg=title,
            timeout=60_000,
        )
        quiet = page.evaluate(
            """() => new Promise((done) => {
                const busy = () => document.querySelector(
                    '[data-testid="stStatusWidget"], [data-stale="true"]');
                let left = 20;
                const tick = () => {
                    if (busy()) return done(false);
                    if (--left === 0) return done(true);
                    setTimeout(tick, 50);
                };
                tick();
            })"""
        )
        if quiet:
            return
    pytest.fail(f"page {title!r} kept running")


def leaks(page, lang: str, sourced: bool = False) -> list[str]:
    """The shown texts that are in the other language (data text and quotes set aside; with
    sourced, stretches of the source texts too: the Curate page shows them)."""
    found = []
    for text in page.evaluate(SHOWN_TEXT):
        if text in LANGUAGE_NAMES or text == LANGUAGE_SWITCH:
            continue
        if foreign(text, lang, sourced):
            found.append(text[:120])
    return sorted(set(found))


PAGE_KEYS = (
    "page.overview",
    "page.compare",
    "page.profile",
    "page.data",
    "page.curate",
    "page.sources",
)


def walk_pages(page, lang: str) -> dict[str, list[str]]:
    """Click through every page in the top navigation (one session, as a reader does): the
    leaks of each."""
    out = {}
    for key in PAGE_KEYS:
        title = t(key, lang)
        page.locator('[data-testid="stTopNavLink"]', has_text=title).click()
        settle(page, title)
        out[title] = leaks(page, lang, sourced=key == "page.curate")
    return out


def test_language_switch_reaches_every_string(server, page) -> None:
    url, _ = server
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{url}/")
    settle(page, t("page.overview", "both"))
    sidebar = page.locator('[data-testid="stSidebar"]')
    # The three language buttons share one row, each on one line.
    boxes = [sidebar.get_by_text(name, exact=True).bounding_box() for name in LANGUAGE_NAMES]
    assert len({round(b["y"]) for b in boxes}) == 1, boxes
    assert max(b["height"] for b in boxes) < 1.6 * min(b["height"] for b in boxes), boxes
    for lang, name in (("zh", "中文"), ("en", "English")):
        sidebar.get_by_text(name, exact=True).click()
        page.wait_for_url(re.compile(f"lang={lang}"), timeout=30_000)
        found = walk_pages(page, lang)
        assert found == {title: [] for title in found}, found


# What a screenshot would cut: chart text (titles, axis and bar labels, legends) that leaves its
# chart's box or that Vega shortened with "…"; page text wider or taller than the box that clips
# it (metric labels, badges, buttons, chips); and tables whose columns run past their frame.
CLIPPED = """() => {
    const out = [];
    const shown = (el) => el.checkVisibility({visibilityProperty: true, opacityProperty: true});
    for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
        if (!shown(chart)) continue;
        const box = (chart.closest('[data-testid="stElementContainer"]') || chart)
            .getBoundingClientRect();
        for (const text of chart.querySelectorAll('svg text')) {
            const r = text.getBoundingClientRect();
            const s = text.textContent;
            if (!r.width || !s.trim()) continue;
            if (s.includes('…')) out.push(`chart text cut short: ${s}`);
            if (r.left < box.left - 1 || r.right > box.right + 1)
                out.push(`chart text past its box (${Math.round(r.left)}..${Math.round(r.right)}`
                    + ` in ${Math.round(box.left)}..${Math.round(box.right)}): ${s}`);
        }
    }
    for (const grid of document.querySelectorAll('[data-testid="stDataFrame"]')) {
        const scroller = grid.querySelector('.dvn-scroller');
        if (shown(grid) && scroller && scroller.scrollWidth > scroller.clientWidth + 1)
            out.push(`table wider than its frame (${scroller.scrollWidth} > `
                + `${scroller.clientWidth}): ${grid.textContent.slice(0, 60)}`);
    }
    const roots = '[data-testid="stMain"], [data-testid="stSidebar"]';
    for (const root of document.querySelectorAll(roots)) {
        for (const el of root.querySelectorAll('*')) {
            if (el.closest('[data-testid="stVegaLiteChart"], [data-testid="stDataFrame"], svg'))
                continue;
            const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
            if (!own || !shown(el)) continue;
            const style = getComputedStyle(el);
            if (style.fontFamily.includes('Material')) continue;
            const text = el.textContent.trim().slice(0, 80);
            if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible')
                out.push(`text cut (${el.scrollWidth} > ${el.clientWidth} px): ${text}`);
            else if (el.clientHeight && el.scrollHeight > el.clientHeight + 2
                     && style.overflowY === 'hidden')
                out.push(`text cut (height ${el.scrollHeight} > ${el.clientHeight}): ${text}`);
        }
    }
    return out;
}"""
SCREEN_PAGES = (
    ("", "page.overview", "overview"),
    ("compare", "page.compare", "compare"),
    ("profile", "page.profile", "profile"),
    ("data", "page.data", "data"),
    ("curate", "page.curate", "curate"),
    ("sources", "page.sources", "sources"),
)
# The README's screenshots of the reading pages as a reader first opens them (both languages);
# the Curate page's is taken with a source open, by its own test.
README_PAGES = frozenset({"overview", "compare", "profile", "data", "sources"})
README_SHOTS = {(name, "both") for name in README_PAGES}


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_every_page_is_screenshot_ready(server, page, lang: str) -> None:
    url, _ = server
    page.set_viewport_size({"width": 1400, "height": 1000})
    found = {}
    for path, key, name in SCREEN_PAGES:
        page.goto(f"{url}/{path}?lang={lang}")
        settle(page, t(key, lang))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"screen-{name}-{lang}.png"))
        if (name, lang) in README_SHOTS and os.environ.get("POVDASH_SCREENSHOTS") == "1":
            DOCS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(DOCS / f"{name}.png"))
        found[name] = page.evaluate(CLIPPED)
    assert found == {name: [] for _, _, name in SCREEN_PAGES}, found


@pytest.mark.parametrize("basis", ["per_10k_residents", "per_registered_poor_household"])
def test_normalised_compare_titles_fit(server, page, basis: str) -> None:
    url, _ = server
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{url}/compare?basis={basis}")
    settle(page, t("page.compare", "both"))
    page.screenshot(path=str(ARTIFACTS / f"screen-compare-{basis}-both.png"))
    assert page.evaluate(CLIPPED) == []


SVG_ROOM = """(labels) => {
    const svg = document.querySelector('svg');
    const right = svg.getBoundingClientRect().left + Number(svg.getAttribute('width'));
    return [...svg.querySelectorAll('text')]
        .filter((t) => labels.includes(t.textContent))
        .map((t) => [t.textContent, Math.round(right - t.getBoundingClientRect().right)]);
}"""


@pytest.mark.parametrize(
    ("basis", "lang"), [("absolute", "zh"), ("absolute", "en"), ("per_10k_residents", "both")]
)
def test_exported_figures_keep_their_labels_off_the_right_edge(page, basis: str, lang: str):
    from povdash.analysis.comparability import split_shared
    from povdash.analysis.normalise import per_basis
    from povdash.data.dataset import load_dataset
    from povdash.render import charts
    from povdash.report import export

    dataset = load_dataset(ROOT / "data")
    places = [(p.id, p.name_zh, p.name_en) for p in dataset.places.values()]
    chosen = dataset.table.loc[dataset.table["place"].isin(["baicheng", "liuhe"])]
    rows = per_basis(chosen, dataset.denominators, basis)
    shared, _ = split_shared(rows)
    assert len(shared) >= 4
    for indicator in shared:
        part = rows.loc[rows["indicator"] == indicator]
        chart = export.comparison_chart(part, places, basis, lang)
        meta = export.figure_meta(part, dataset.sources, basis, "slide", lang)
        svg = export.figure_svg(chart, meta).decode("utf-8")
        page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
        # in both languages a label is drawn in two lines: its text runs on without " / "
        labels = [
            label.replace(" / ", "") if lang == "both" else label
            for label in charts.mark_frame(part, lang, basis)["value_label"]
        ]
        room = page.evaluate(SVG_ROOM, labels)
        assert len(room) == len(labels), (indicator, room, labels)
        # The figure's padding is 16 px; a bar label ends at least 8 px inside the plot's edge
        # (on main each longest label ended on the plot's edge, 16 px from the figure's).
        assert min(r for _, r in room) >= 16 + 8, (indicator, basis, lang, room)
