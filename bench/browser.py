"""Speed as the user feels it: the Compare page in headless Chromium against a minimal app.

Both apps run under `streamlit run` on loopback at once; each measure alternates between them,
so a busy neighbour on the shared machine slows both alike. "Settle" is the time from a click
to the page's last DOM change (a MutationObserver, quiet for QUIET_MS); "first chart" is the
time from opening a new tab to the first chart drawn.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import DATA, RERUN_TARGET, ROOT, Row, _chart_rows, _places_in, row
from bench.live import CHART, CHROMIUM, LOOPBACK, chromium, serve

# The first group of segmented buttons in the page body: the Compare page's basis switch and
# the minimal app's measure switch.
TOGGLE = '[data-testid="stMain"] [data-testid="stButtonGroup"] button'
QUIET_MS = 1500
REPEATS = 12

# One widget, one Altair bar chart of as many rows as the Compare page draws.
MINIMAL_APP = """
import altair as alt
import pandas as pd
import streamlit as st

N = {rows}
measure = st.segmented_control("measure", ["a", "b"], default="a", required=True)
frame = pd.DataFrame(
    {{"x": [f"indicator {{i % 40}}" for i in range(N)],
     "y": [i if measure == "a" else N - i for i in range(N)],
     "c": [f"place {{i % 3}}" for i in range(N)]}}
)
st.altair_chart(alt.Chart(frame).mark_bar().encode(x="x:N", y="y:Q", color="c:N"), theme=None)
"""

# Records performance.now() of every DOM change from here on, in window.__povdashLast.
OBSERVE = """() => {
    window.__povdashLast = performance.now();
    if (window.__povdashObserver) window.__povdashObserver.disconnect();
    window.__povdashObserver = new MutationObserver(() => {
        window.__povdashLast = performance.now();
    });
    window.__povdashObserver.observe(document.body, {
        subtree: true, childList: true, attributes: true, characterData: true,
    });
}"""
# Clicks the i-th toggle button and returns the click's performance.now().
CLICK = """([selector, i]) => {
    const buttons = document.querySelectorAll(selector);
    const t0 = performance.now();
    buttons[i].click();
    return t0;
}"""


def _first_chart(browser: Any, url: str) -> tuple[float, Any]:
    """Seconds from opening a tab at url to its first chart drawn, and the open page."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(CHART, state="visible", timeout=120_000)
    return time.perf_counter() - start, page


def _settle(page: Any, index: int) -> float:
    """Seconds from a click on toggle button `index` to the last DOM change it caused."""
    page.wait_for_selector(TOGGLE, state="visible", timeout=60_000)
    page.evaluate(OBSERVE)
    t0 = page.evaluate(CLICK, [TOGGLE, index])
    page.wait_for_function(
        f"() => performance.now() - window.__povdashLast > {QUIET_MS}"
        f" && window.__povdashLast > {t0}",
        timeout=120_000,
        polling=100,
    )
    last = page.evaluate("() => window.__povdashLast")
    return (last - t0) / 1000


def compare_in_browser(root: Path = DATA, repeats: int = REPEATS) -> list[Row]:
    """Compare page vs a minimal one-chart app in headless Chromium: the click on the basis
    switch until the page settles, and a new tab until its first chart, alternating."""
    if not CHROMIUM.exists():
        raise RuntimeError("needs Debian chromium at /usr/bin/chromium (apt-get install chromium)")
    from streamlit.testing.v1 import AppTest

    previous = os.environ.get("POVDASH_DATA")
    os.environ["POVDASH_DATA"] = str(root)
    try:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600).run()
        at.switch_page("app_pages/compare.py").run()
        rows = _chart_rows(at)
    finally:
        if previous is None:
            os.environ.pop("POVDASH_DATA", None)
        else:
            os.environ["POVDASH_DATA"] = previous
    if not rows:
        raise RuntimeError("the Compare page drew no chart")
    env = {"POVDASH_DATA": str(root)}
    with tempfile.TemporaryDirectory(prefix="povdash-bench-app-") as tmp:
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP.format(rows=rows), encoding="utf-8")
        args = (*LOOPBACK, "--browser.gatherUsageStats", "false")
        with (
            serve(ROOT / "dashboard.py", env, args, timeout=120) as app,
            serve(minimal, env, args, timeout=120) as floor,
            chromium() as browser,
        ):
            targets = {"page": f"{app.url}/compare", "floor": floor.url}
            for url in targets.values():  # warm both servers: imports, the data load
                _, page = _first_chart(browser, url)
                page.close()
            firsts: dict[str, list[float]] = {"page": [], "floor": []}
            settles: dict[str, list[float]] = {"page": [], "floor": []}
            pages = {}
            for i in range(repeats):
                for name, url in targets.items():
                    seconds, page = _first_chart(browser, url)
                    firsts[name].append(seconds)
                    if i == 0:
                        pages[name] = page
                    else:
                        page.close()
            for i in range(repeats):
                for name in targets:
                    settles[name].append(_settle(pages[name], (i + 1) % 2))
    note = f"{rows} chart rows; median of {repeats}, page and minimal app alternating"
    places = _places_in(root)
    return [
        row(
            "browser_compare_click_settle",
            statistics.median(settles["page"]),
            statistics.median(settles["floor"]),
            RERUN_TARGET,
            places=places,
            note=f"basis switch click → last DOM change (quiet {QUIET_MS} ms); {note}",
        ),
        row(
            "browser_compare_first_chart",
            statistics.median(firsts["page"]),
            statistics.median(firsts["floor"]),
            RERUN_TARGET,
            places=places,
            note=f"new tab → first chart visible, servers warm; {note}",
        ),
    ]


if __name__ == "__main__":
    for r in compare_in_browser():
        print(r)
