"""Every UI string exists in Chinese and English, and every key the code asks for exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from povdash.analysis import comparability
from povdash.data import model
from povdash.render.labels import LABELS, bi, md_escape, period_label, t
from povdash.views.viewstate import BASES, PERIOD_KINDS

ROOT = Path(__file__).resolve().parent.parent
LITERAL_KEY = re.compile(r"""\b(?:t|worded|_label)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")


def test_every_key_has_chinese_and_english() -> None:
    assert len(LABELS) > 100
    missing = [k for k, v in LABELS.items() if set(v) != {"zh", "en"} or not v["zh"] or not v["en"]]
    assert not missing, missing


def test_chinese_labels_are_chinese() -> None:
    # A label left in English in the zh slot is a missed translation (units and codes excepted).
    allowed = {"download.csv", "download.png", "download.svg", "sources.conflict_line"}
    allowed |= {"sources.check_failed"}
    # each language's own punctuation between and around the words of a figure
    allowed |= {"figure.place_sep", "figure.period_sep", "figure.denominator_why"}
    allowed |= {"figure.misprint_reason", "figure.title"}
    untranslated = [
        k
        for k, v in LABELS.items()
        if k not in allowed and not re.search(r"[\u4e00-\u9fff]", v["zh"])
    ]
    assert not untranslated, untranslated


def test_keys_used_in_code_exist() -> None:
    files = [ROOT / "dashboard.py", *sorted((ROOT / "app_pages").glob("*.py"))]
    files += [
        ROOT / "povdash" / n
        for n in (
            "render/charts.py",
            "analysis/comparability.py",
            "report/export.py",
            "report/figure.py",
        )
    ]
    assert all(f.is_file() for f in files), [str(f) for f in files if not f.is_file()]
    used = {key for f in files for key in LITERAL_KEY.findall(f.read_text("utf-8"))}
    assert len(used) > 40
    assert not sorted(used - set(LABELS))


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("basis", BASES),
        ("period_kind", PERIOD_KINDS),
        ("badge", comparability.CODES),
        ("denominator", model.DENOMINATOR_KINDS),
        ("level", model.PLACE_LEVELS),
        ("qualifier", model.QUALIFIERS),
        ("kind", model.INDICATOR_KINDS),
    ],
)
def test_key_families_cover_every_value(prefix: str, values: tuple[str, ...]) -> None:
    assert values
    assert [v for v in values if f"{prefix}.{v}" not in LABELS] == []


def test_t_gives_each_language_and_both() -> None:
    assert t("page.compare", "zh") == "对比"
    assert t("page.compare", "en") == "Compare"
    assert t("page.compare", "both") == "对比 / Compare"
    assert t("data.count", "en", n=3) == "3 figures"
    assert t("download.csv", "both") == "CSV"
    assert t("no.such.key", "zh") == "no.such.key"


def test_bi_names() -> None:
    assert bi("白城市", "Baicheng", "zh") == "白城市"
    assert bi("白城市", "Baicheng", "en") == "Baicheng"
    assert bi("白城市", "Baicheng", "both") == "白城市 Baicheng"
    assert bi("白城市", None, "en") == "白城市"
    assert bi(float("nan"), "Liuhe", "zh") == "Liuhe"


@pytest.mark.parametrize(
    ("period", "zh", "en"),
    [
        ("2021", "2021年", "2021"),
        ("2020-12", "2020年12月", "2020-12"),
        ("2020-12-31", "截至2020-12-31", "as of 2020-12-31"),
        ("..2020-04-21", "截至2020-04-21累计", "cumulative to 2020-04-21"),
        ("2016..2020-04-21", "2016至2020-04-21累计", "cumulative 2016 to 2020-04-21"),
    ],
)
def test_period_labels(period: str, zh: str, en: str) -> None:
    assert period_label(period, "zh") == zh
    assert period_label(period, "en") == en
    assert period_label(period, "both") == f"{zh} / {en}" if zh != en else zh


def test_md_escape_makes_links_and_markup_inert() -> None:
    text = md_escape("[x](javascript:alert(1)) **bold** :red[x] <b>")
    assert "](" not in text and "**" not in text and ":red[" not in text and "<b>" not in text
    assert md_escape("“235”监测帮扶体系") == "“235”监测帮扶体系"
