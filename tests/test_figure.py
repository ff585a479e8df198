"""Report figures: title, subtitle, footnotes, sources and date composed around a chart."""

from __future__ import annotations

import re
from datetime import date

import altair as alt
import pandas as pd
import pytest

from povdash.render import textwidth
from povdash.report import figure
from povdash.report.figure import FigureMeta, SourceLine, Text

CJK = re.compile(r"[\u4e00-\u9fff]")


def chart() -> alt.Chart:
    """A small bar chart with its own title, colours and config, as a dashboard would make it."""
    frame = pd.DataFrame({"place": ["白城市", "柳河县"], "value": [1948, 948]})
    return (
        alt.Chart(frame, title="on-screen title")
        .mark_bar()
        .encode(
            y=alt.Y("place:N", title=None),
            x=alt.X("value:Q", title="户"),
            color=alt.Color(
                "place:N",
                scale=alt.Scale(domain=["白城市", "柳河县"], range=["#0072B2", "#D55E00"]),
            ),
        )
        .configure(font="Some Screen Font")
        .configure_range(category=["#123456"])
    )


def meta(size: str = "slide", lang: str = "both", **changes: object) -> FigureMeta:
    """Figure metadata with one footnote and one source."""
    base = FigureMeta(
        title=Text(
            "危房改造户数：白城市与柳河县", "Dilapidated houses renovated: Baicheng vs Liuhe"
        ),
        subtitle=(
            Text("指标：危房改造户数", "Indicator: houses renovated"),
            Text("单位：户", "Unit: households"),
            Text("期间：2021年", "Period: 2021"),
            Text("标准化：原始数值", "Normalisation: Absolute"),
        ),
        footnotes=(Text("期间不同", "Periods differ"),),
        sources=(
            SourceLine(
                Text("吉林农村报", "Jilin Rural Daily"), Text("龙岗大地", "Longgang"), "2020-04-21"
            ),
        ),
        made_on=date(2026, 11, 22),
        size=size,
        lang=lang,
    )
    return FigureMeta(**{**base.__dict__, **changes})


def lines(value: object) -> list[str]:
    """A Vega-Lite title text (a string or a list of lines) as a list."""
    return [value] if isinstance(value, str) else list(value)  # type: ignore[arg-type]


def test_spec_carries_title_subtitle_footnotes_sources_and_date() -> None:
    spec = figure.compose(chart(), meta(lang="both")).to_dict()
    header = spec["title"]
    assert lines(header["text"]) == [
        "危房改造户数：白城市与柳河县",
        "Dilapidated houses renovated: Baicheng vs Liuhe",
    ]
    subtitle = " ".join(lines(header["subtitle"]))
    for part in ("单位：户", "Unit: households", "期间：2021年", "标准化：原始数值"):
        assert part in subtitle
    footer = spec["vconcat"][0]["title"]
    assert footer["orient"] == "bottom"
    # Short entries keep Chinese and English on one line; long ones get a line each.
    assert lines(footer["text"]) == ["注：期间不同 / Note: Periods differ"]
    rest = lines(footer["subtitle"])
    assert (
        "来源：吉林农村报《龙岗大地》，2020-04-21 / "
        "Source: Jilin Rural Daily, “Longgang”, 2020-04-21" in rest
    )
    assert any("2026-11-22" in line for line in rest)
    long_note = Text("期间不同" * 20, "Periods differ " * 10)
    spec = figure.compose(chart(), meta(lang="both", footnotes=(long_note,))).to_dict()
    assert len(lines(spec["vconcat"][0]["title"]["text"])) >= 2


@pytest.mark.parametrize("lang", figure.LANGS)
def test_each_language_shows_only_its_texts(lang: str) -> None:
    spec = figure.compose(chart(), meta(lang=lang)).to_dict()
    texts = lines(spec["title"]["text"]) + lines(spec["vconcat"][0]["title"]["subtitle"])
    has_cjk = [bool(CJK.search(t)) for t in texts]
    if lang == "zh":
        assert all(has_cjk)
    elif lang == "en":
        assert not any(has_cjk)
    else:
        assert any(has_cjk) and not all(has_cjk)


def test_sources_one_line_per_source_and_numbered_notes() -> None:
    two = meta(
        lang="en",
        footnotes=(Text("甲", "First"), Text("乙", "Second")),
        sources=(
            SourceLine(Text("甲报", "A Daily"), Text("甲", "A"), "2020"),
            SourceLine(Text("乙报", "B Daily"), Text("乙", "B"), "2022-02"),
        ),
    )
    footer = figure.compose(chart(), two).to_dict()["vconcat"][0]["title"]
    assert lines(footer["text"]) == ["Note 1: First", "Note 2: Second"]
    assert [line for line in lines(footer["subtitle"]) if line.startswith("Source:")] == [
        "Source: A Daily, “A”, 2020",
        "Source: B Daily, “B”, 2022-02",
    ]


@pytest.mark.parametrize("size", figure.SIZES)
def test_sizes_set_the_plot_area_and_type(size: str) -> None:
    spec = figure.compose(chart(), meta(size=size)).to_dict()
    dims = figure.FIGURE_SIZES[size]
    body = spec["vconcat"][0]
    assert 0 < body["width"] < dims.width and 0 < body["height"] < dims.height
    assert spec["title"]["fontSize"] == dims.title
    assert spec["config"]["axis"]["labelFontSize"] == dims.label


def test_slide_is_16_9_and_a4_is_a_160_mm_text_column() -> None:
    slide, a4 = figure.FIGURE_SIZES["slide"], figure.FIGURE_SIZES["a4"]
    assert slide.width * 9 == slide.height * 16
    assert round(a4.width / 96 * 25.4) == 160  # CSS px at 96 per inch


def test_chart_title_is_replaced_and_its_colours_survive_with_the_cjk_font() -> None:
    spec = figure.compose(chart(), meta(), font="Noto Sans SC, sans-serif").to_dict()
    body = spec["vconcat"][0]
    assert body["title"]["orient"] == "bottom"  # the footer, not "on-screen title"
    assert "on-screen title" not in str(spec)
    assert body["encoding"]["color"]["scale"]["range"] == ["#0072B2", "#D55E00"]
    assert spec["config"]["range"] == {"category": ["#123456"]}
    assert spec["config"]["font"] == "Noto Sans SC, sans-serif"
    assert spec["background"] == "white"


def test_one_panel_concat_is_unwrapped_so_it_can_be_sized() -> None:
    panel = alt.Chart().mark_bar().encode(x="value:Q", y="place:N").properties(width=300)
    frame = pd.DataFrame({"place": ["白城市"], "value": [1]})
    wrapped = alt.concat(panel, data=frame).configure(font="X")
    spec = figure.compose(wrapped, meta(), plot=(500, 300)).to_dict()
    body = spec["vconcat"][0]
    assert (body["width"], body["height"]) == (500, 300)
    assert spec.get("data", body.get("data")) is not None  # Altair may lift the data up
    assert next(iter(spec["datasets"].values())) == [{"place": "白城市", "value": 1}]


def test_markup_in_data_text_stays_plain_text() -> None:
    hostile = Text("<script>alert(1)</script>", "[x](javascript:alert(1))")
    spec = figure.compose(chart(), meta(lang="both", footnotes=(hostile,))).to_dict()
    footer = lines(spec["vconcat"][0]["title"]["text"])
    assert footer == ["注：<script>alert(1)</script> / Note: [x](javascript:alert(1))"]


def test_long_text_wraps_within_the_width() -> None:
    text = "两地统计期不同：白城市为2021年，柳河县为脱贫攻坚期累计。" * 4
    wrapped = textwidth.wrap(text, 300, 11)
    assert len(wrapped) > 1
    assert "".join(wrapped) == text
    assert all(textwidth.text_width(line, 11) <= 300 for line in wrapped)
    english = textwidth.wrap(
        "Periods differ: Baicheng reports 2021, Liuhe the campaign " * 3, 300, 11
    )
    assert len(english) > 1 and all(not line.startswith(" ") for line in english)


def test_unknown_size_or_language_is_refused() -> None:
    with pytest.raises(ValueError, match="size: expected one of slide, a4, square"):
        figure.compose(chart(), meta(size="poster"))
    with pytest.raises(ValueError, match="lang: expected one of zh, en, both"):
        figure.compose(chart(), meta(lang="fr"))


def test_char_width_is_never_short_of_the_wheel_font() -> None:
    from PIL import ImageFont
    from pylopdf_fonts_zh_cn import sans_path

    font = ImageFont.truetype(str(sans_path()), 1000)
    chars = [chr(code) for code in range(32, 127)] + list("·“”‘’—–…×白城市（）《》，。：；、")
    short = [c for c in chars if textwidth.char_width(c) * 1000 < font.getlength(c)]
    assert short == []  # else wrapped lines overflow the figure
