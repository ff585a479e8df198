"""AppTest of the Curate page: the marked text in both languages, a save that confirms and moves
on, a save whose problems show inline in the page's language, a refused save, a new text."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from povdash.curation.draftfile import read_rt
from povdash.data.dataset import load_source
from povdash.render.labels import md_escape, t
from povdash.views import curate
from tests.test_curate import QINGXI, data_with_places, drafted

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")


def open_curate(lang: str, source: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/curate.py").run()
    if source is not None:
        at.selectbox(key="curate_source").set_value(source).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    assert len(found) == 1, [b.label for b in at.button]
    return found[0]


def markdown(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_curated_data_shows_every_number_marked(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POVDASH_DATA", str(ROOT / "data"))
    at = open_curate(lang, "liuhe-2020-04-21")
    assert at.title[0].value == t("page.curate", lang)
    assert not at.error
    shown = markdown(at)
    view = curate.source_text(load_source(ROOT / "data", "liuhe-2020-04-21"))
    counts = view.counts()
    assert f"{t('status.curated', lang)} {counts['curated']}" in shown
    assert shown.count(":green-background[") >= counts["curated"]
    assert ":green-background[948户]" in shown  # 累计改造建档立卡贫困户危房948户
    chooser = at.selectbox(key="curate_number_liuhe-2020-04-21")
    assert len(chooser.options) == len(view.numbers)
    assert chooser.options[0].startswith("1. ")
    assert button(at, t("curate.save", lang))


def test_a_save_on_the_page_confirms_the_entry_and_moves_to_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = drafted(tmp_path)
    monkeypatch.setenv("POVDASH_DATA", str(root))
    at = open_curate("zh", QINGXI)
    view = curate.source_text(load_source(root, QINGXI))
    first = view.next_todo(None)
    chooser = at.selectbox(key=f"curate_number_{QINGXI}")
    assert chooser.value == first.start
    button(at, "保存").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    saved = md_escape(t("curate.saved", "zh", entry=first.entry.ident))
    assert saved in [s.value for s in at.success]
    entry = read_rt(root / "observations" / f"{QINGXI}.yaml")["observations"][first.entry.index]
    assert "confirm" not in entry
    # the page moved on to the next number still to do, and the saved one reads as curated
    assert at.selectbox(key=f"curate_number_{QINGXI}").value == view.next_todo(first.start).start
    shown = markdown(at)
    assert t("status.to_confirm", "zh") + f" {view.counts()['to_confirm'] - 1}" in shown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_save_with_a_problem_lists_it_inline_in_the_pages_language(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = drafted(tmp_path)
    monkeypatch.setenv("POVDASH_DATA", str(root))
    at = open_curate(lang, QINGXI)
    start = at.selectbox(key=f"curate_number_{QINGXI}").value
    at.text_input(key=f"cf_{QINGXI}_{start}_quote").set_value("这句话不在原文里，共3个")
    button(at, t("curate.save", lang)).click().run()
    assert not at.exception
    # the quote is not in the text, so its number is left uncovered too
    heading = t("curate.problems", lang, n=2)
    assert heading in [h.value for h in at.subheader]
    for code in ("quote-not-in-source", "uncovered-quantity"):
        assert md_escape(t(f"issue.{code}", lang)) in markdown(at)
    if lang == "zh":
        assert "expected" not in markdown(at)  # the check's English detail only in English
    # the number now shows as a problem, and is still the one chosen
    assert at.selectbox(key=f"curate_number_{QINGXI}").value == start


def test_a_refused_save_says_why_and_leaves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = drafted(tmp_path)
    monkeypatch.setenv("POVDASH_DATA", str(root))
    path = root / "observations" / f"{QINGXI}.yaml"
    before = path.read_bytes()
    at = open_curate("en", QINGXI)
    start = at.selectbox(key=f"curate_number_{QINGXI}").value
    at.text_input(key=f"cf_{QINGXI}_{start}_period").set_value("last year")
    button(at, "Save").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        md_escape(t("curate.error.bad_period", "en", got="last year"))
    ]
    assert path.read_bytes() == before


def test_a_pasted_text_is_drafted_and_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = data_with_places(tmp_path)
    monkeypatch.setenv("POVDASH_DATA", str(root))
    at = open_curate("zh")
    at.segmented_control(key="curate_start").set_value("new").run()
    at.text_area(key="curate_new_text").set_value(
        "清溪县2023年一季度简报\n\n一季度全县新建蔬菜大棚230座，发放小额信贷1.2亿元。\n"
    )
    at.text_input(key="curate_new_id").set_value("qingxi-2023-q1")
    at.selectbox(key="curate_new_place").set_value("qingxi")
    at.text_input(key="curate_new_published").set_value("2023-04-10")
    button(at, "起草").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.selectbox(key="curate_source").value == "qingxi-2023-q1"
    assert (root / "texts" / "qingxi-2023-q1.txt").read_text(encoding="utf-8").startswith("清溪县")
    shown = markdown(at)
    assert "230座" in shown and "1\\.2亿元]" in shown  # (the first to do is shown in bold)
