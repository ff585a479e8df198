"""The Curate page in a real browser, end to end: a team-written text is pasted and drafted,
every number is saved as suggested (one indicator changed by hand), and the figures then show
on Compare and Data. Runs against a copy of data/ (POVDASH_DATA) with the fictional places of
tests/fixtures/curation; every request is recorded as in test_browser and none may leave
loopback. The README's screenshot of the page (docs/screenshots/curate.png) is taken here."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser import ARTIFACTS, ROOT, is_loopback, settle, shoot

from bench import live
from bench.live import CHART, CHROMIUM
from povdash.curation.draft import SourceInfo
from povdash.data.dataset import load_source
from povdash.render.labels import t
from povdash.views import curate
from tests.curation_key import CURATION, load_key
from tests.test_curate import data_with_places

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]

# Written by the team for this test, in the style of a county bulletin (not a published text).
REPORT = (
    "清溪县2023年一季度脱贫攻坚简报\n\n"
    "一、住房安全\n\n"
    "一季度，全县改造建档立卡贫困户危房126户，农村低保对象稳定在3100人。\n\n"
    "二、产业帮扶\n\n"
    "全县新建蔬菜大棚230座，发放扶贫小额信贷1.2亿元。\n"
)
SOURCE = "qingxi-2023-q1"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of data/ with the fictional places, and the team's county report drafted into it
    (the page's screenshot shows it)."""
    root = data_with_places(tmp_path_factory.mktemp("curate-browser"))
    info = load_key("qingxi-2023-01")["source"]
    text = (CURATION / "qingxi-2023-01.txt").read_text(encoding="utf-8")
    source = SourceInfo(info["id"], info["published"], info["place"])
    curate.draft_new(root, text, source, curate.catalogue(root))
    return root


@pytest.fixture(scope="module")
def server(data: Path) -> Iterator[str]:
    """The dashboard on a loopback port, reading the copy."""
    with live.serve(ROOT / "dashboard.py", {"POVDASH_DATA": str(data)}) as running:
        yield running.url


@pytest.fixture(scope="module")
def browser():
    pytest.importorskip("playwright.sync_api")
    with live.chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A tab whose requests outside loopback are recorded, aborted and fail the test."""
    outside: list[str] = []
    context = browser.new_context()

    def route(route) -> None:
        if is_loopback(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("websocket", lambda ws: None if is_loopback(ws.url) else outside.append(ws.url))
    yield tab
    context.close()
    assert not outside, f"the dashboard made the browser leave 127.0.0.1: {sorted(set(outside))}"


def chosen(page) -> str:
    """The number the chooser shows ('2. 126户 · 待确认')."""
    return page.get_by_role("combobox", name=t("curate.number", "zh")).input_value()


def test_a_pasted_report_is_curated_and_its_figures_reach_compare_and_data(
    server: str, page, data: Path
) -> None:
    page.set_viewport_size({"width": 1500, "height": 1300})
    page.goto(f"{server}/curate?lang=zh&places=baicheng,liuhe,qingxi")
    settle(page, t("page.curate", "zh"))
    page.get_by_role("combobox", name=t("curate.source", "zh")).click()
    page.get_by_role("option", name=re.compile("清溪县2022年")).click()
    view = curate.source_text(load_source(data, "qingxi-2023-01"))
    legend = f"{t('status.to_confirm', 'zh')} {view.counts()['to_confirm']}"
    page.wait_for_function("(m) => document.body.innerText.includes(m)", arg=legend, timeout=60_000)
    settle(page, t("page.curate", "zh"))
    shoot(page, "curate", full=False)

    started = time.monotonic()
    page.get_by_text(t("curate.start.new", "zh"), exact=True).click()
    page.get_by_role("textbox", name=t("curate.new.text", "zh")).fill(REPORT)
    page.get_by_role("textbox", name=t("curate.new.id", "zh")).fill(SOURCE)
    page.get_by_role("combobox", name=t("curate.new.place", "zh")).click()
    page.get_by_role("option", name="清溪县").click()
    page.get_by_role("textbox", name=t("curate.new.published", "zh")).fill("2023-04-10")
    page.get_by_role("textbox", name=t("curate.new.published", "zh")).press("Tab")
    page.get_by_role("button", name=t("curate.new.draft", "zh")).click()
    page.wait_for_function(
        "(m) => document.body.innerText.includes(m)", arg=f"已起草 {SOURCE}", timeout=60_000
    )
    settle(page, t("page.curate", "zh"))

    saves = 0
    done = t("curate.all_done", "zh")
    while done not in page.inner_text("body"):
        before = chosen(page)
        if "3100人" in before:  # the draft has no catalogue indicator for it: pick one by hand
            box = page.get_by_role("combobox", name=t("curate.indicator", "zh"))
            box.click()
            box.type("低保")
            page.get_by_role("option", name=re.compile("纳入低保")).first.click()
            settle(page, t("page.curate", "zh"))
        page.get_by_role("button", name=t("curate.save", "zh"), exact=True).click()
        page.wait_for_function(
            """([before, done, label]) => {
                const t = document.body.innerText;
                if (t.includes(done)) return true;
                const box = document.querySelector(`input[aria-label="${label}"]`);
                return box && box.value !== before;
            }""",
            arg=[before, done, t("curate.number", "zh")],
            timeout=60_000,
        )
        settle(page, t("page.curate", "zh"))
        assert "Traceback" not in page.inner_text("body")
        saves += 1
        assert saves <= 10, "the page never said every number is done"
    walk = time.monotonic() - started
    print(f"scripted walk-through: {walk:.1f} s, {saves} saves")
    assert saves >= 1  # as many as the draft left to confirm (3 when written)
    assert t("curate.problems", "zh", n=1)[:6] not in page.inner_text("body")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "curate-done.png"))  # not a README picture

    # the figures are on Compare (beside Liuhe's) and on Data
    page.goto(f"{server}/compare?lang=zh&places=liuhe,qingxi")
    page.wait_for_function(
        """() => {
            const e = document.querySelector('[data-testid="stVegaLiteChart"] > .marks');
            return e && e.textContent.includes('清溪县') && e.textContent.includes('危房改造');
        }""",
        timeout=60_000,
    )
    assert CHART
    page.goto(f"{server}/data?lang=zh&places=qingxi")
    search = page.get_by_role("textbox", name=t("data.search", "zh"))
    for quote, printed in (
        ("危房126户", "126户"),
        ("稳定在3100人", "3100人"),
        ("信贷1.2亿元", "1.2亿元"),
    ):
        search.fill(quote)
        search.press("Enter")
        page.wait_for_function(
            """([printed, caption]) => {
                const g = document.querySelector('[data-testid="stDataFrame"]');
                return g && g.textContent.includes(printed)
                    && document.body.innerText.includes(caption);
            }""",
            arg=[printed, t("data.count", "zh", n=1)],
            timeout=60_000,
        )
